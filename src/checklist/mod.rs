//! Legal-element checklists: TOML packs per document type and charge, verdicts with evidence.
//!
//! The checklists are data (`dictionaries/checklists/*.toml`, documented in the README there): a
//! pack applies to document types and/or charges and lists elements, each with cue patterns that
//! support it, negation patterns that cancel a cue, declarative checks against the extracted facts
//! (charge ↔ article, thresholds, required citations, forbidden penalties) and examples that must
//! pass and fail. This module only loads, validates and runs them:
//!
//! * [`pack`] — the file format, loading ([`Packs::load_embedded`], [`Packs::load_dir`]) and
//!   validation with errors naming the pack file and element;
//! * [`checks`] — the small vocabulary of check kinds, reading [`Extraction`] facts;
//! * [`matcher`] — pack selection (document type, charges from the facts or, when they name none,
//!   from the packs' `mentions` in the text) and per-element verdicts with evidence spans;
//! * [`haystack`] — cue matching that ignores layout whitespace, with offsets mapped back;
//! * [`examples`] — runs every pack's examples (`cargo test` runs them all).
//!
//! [`check_document`] is a pure function of the document, its extraction and the packs; its
//! result serialises as one document of spec §6 (`anguan.checklist/1`). [`checklist_issues`] is the
//! audit's view: required elements missing and elements contradicted.

pub mod checks;
pub mod examples;
pub mod haystack;
pub mod matcher;
pub mod pack;

use serde::{Deserialize, Serialize};

pub use examples::{ExampleFacts, ExampleFailure, run_examples};
pub use pack::{Pack, PackElement, PackError, Packs};

use crate::extract::Extraction;
use crate::ingest::Document;
use crate::span::Span;

/// The schema tag of `check --json` output.
pub const SCHEMA: &str = "anguan.checklist/1";

/// An element's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Supported,
    Missing,
    Contradicted,
}

/// One element of a document's checklist (spec §6).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ElementVerdict {
    /// Stable id `<pack>.<element>`, e.g. `theft.amount`.
    pub id: String,
    pub name: String,
    pub required: bool,
    pub verdict: Verdict,
    /// A short Chinese reason: the clause that supports it, what contradicts it, or what is missing.
    pub reason: String,
    /// Character spans into the document text.
    pub evidence: Vec<Span>,
}

/// The checklist of one document (spec §6).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentChecklist {
    pub file: String,
    #[serde(rename = "type")]
    pub doc_type: Option<String>,
    pub charges: Vec<String>,
    /// Names of the packs applied, in pack order.
    pub packs: Vec<String>,
    pub elements: Vec<ElementVerdict>,
}

impl DocumentChecklist {
    /// What the audit reports as `checklist` findings: required elements that are missing, and
    /// every contradicted element (a contradiction is an error even in an optional element).
    pub fn issues(&self) -> Vec<&ElementVerdict> {
        self.elements
            .iter()
            .filter(|e| e.verdict == Verdict::Contradicted || (e.required && e.verdict == Verdict::Missing))
            .collect()
    }

    /// Count of elements per verdict: (supported, missing, contradicted).
    pub fn counts(&self) -> (usize, usize, usize) {
        let n = |v| self.elements.iter().filter(|e| e.verdict == v).count();
        (n(Verdict::Supported), n(Verdict::Missing), n(Verdict::Contradicted))
    }
}

/// The `check --json` document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChecklistReport {
    pub schema: String,
    pub documents: Vec<DocumentChecklist>,
}

impl ChecklistReport {
    pub fn new(documents: Vec<DocumentChecklist>) -> Self {
        ChecklistReport { schema: SCHEMA.into(), documents }
    }
}

/// The checklist of a document: select the packs that apply and give every element a verdict.
pub fn check_document(doc: &Document, ex: &Extraction, packs: &Packs) -> DocumentChecklist {
    let hay = haystack::Haystack::new(&doc.text);
    let charges = matcher::document_charges(&hay, ex, packs);
    let selected = matcher::select(packs, doc.doc_type, &charges);
    let mut elements = Vec::new();
    for pack in &selected {
        let ctx = checks::Ctx { hay: &hay, doc_type: doc.doc_type, ex, charges: &charges, packs, pack };
        let applies = |el: &&PackElement| match doc.doc_type {
            Some(t) => el.doc_types.is_empty() || el.doc_types.contains(&t),
            None => el.doc_types.is_empty(),
        };
        for el in pack.elements.iter().filter(applies) {
            elements.push(matcher::eval_element(&doc.sections, el, &ctx));
        }
    }
    DocumentChecklist {
        file: doc.file.clone(),
        doc_type: doc.doc_type.map(|t| t.name().to_string()),
        charges: charges.into_iter().map(|c| c.value).collect(),
        packs: selected.iter().map(|p| p.name.clone()).collect(),
        elements,
    }
}

/// The audit's view: the issues of a document's checklist (see [`DocumentChecklist::issues`]).
pub fn checklist_issues(doc: &Document, ex: &Extraction, packs: &Packs) -> Vec<ElementVerdict> {
    check_document(doc, ex, packs).issues().into_iter().cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packs_can_be_shared_between_threads() {
        fn shared<T: Send + Sync>() {}
        shared::<Packs>();
        shared::<DocumentChecklist>();
    }

    #[test]
    fn embedded_packs_load_and_count() {
        let packs = Packs::load_embedded().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(packs.packs.len(), 16);
        assert!(packs.elements().count() > 150);
    }
}
