//! What the web app knows about a case beyond its text: the parsed card, each document's legal
//! elements and checklist, and the audit's findings.
//!
//! This is the ONE place the web app touches the card, checklist, audit and report stages. A case
//! is analysed once (at start, and again after an upload): its card is loaded (`card.json` as
//! written is kept for display), every document is extracted and checked against the embedded
//! checklist packs (spec §6), and the audit compares card and documents; its findings (spec §3,
//! including `checklist` findings from the checklists computed here) are kept as JSON. Each
//! document keeps the content hash of its file, so the search index is updated from the same
//! parse ([`super::state`]). Report export rebuilds the typed findings document and renders it
//! with [`crate::report`].

use std::sync::OnceLock;

use serde::Serialize;
use serde_json::Value;

use crate::audit::{self, CaseFindings, ChecklistIssue, DocumentInfo, Findings, RuleSet};
use crate::card::{LoadedCard, load_card, parse_card};
use crate::checklist::{DocumentChecklist, Packs, Verdict, check_document};
use crate::extract::{Extraction, extract_document};
use crate::index::writer::content_hash;
use crate::ingest::collection::read_document_bytes;
use crate::ingest::collection::{CARD_FILE, CaseFolder, FileError};
use crate::ingest::{Document, Limits};

/// One document with what was extracted from it.
#[derive(Debug, Clone)]
pub struct DocAnalysis {
    pub doc: Document,
    /// SHA-256 of the file's bytes ([`crate::index::writer::content_hash`]): the index's content
    /// hash, so the index is updated from this parse instead of parsing the file again. Empty when
    /// the file could not be hashed (the index then re-adds it).
    pub hash: String,
    pub extraction: Extraction,
    /// The document's checklist verdicts (spec §6), once checklists are wired.
    pub checklist: Option<serde_json::Value>,
}

/// Everything the app serves about one case.
#[derive(Debug, Clone)]
pub struct CaseAnalysis {
    /// The case folder's name.
    pub key: String,
    /// The card (spec §2) as JSON, when the folder has a readable one.
    pub card: Option<serde_json::Value>,
    pub documents: Vec<DocAnalysis>,
    /// Spec §3 finding objects.
    pub findings: Vec<serde_json::Value>,
    /// Files that could not be read (documents, and the card).
    pub errors: Vec<FileError>,
}

impl CaseAnalysis {
    /// The card's 部门受案号, if any.
    pub fn case_number(&self) -> Option<&str> {
        self.card.as_ref().and_then(|c| c.get("case_number")).and_then(|v| v.as_str())
    }

    /// Charges of the case: the card's (transferred charges and each person's), else those
    /// extracted from the documents; in first-seen order without repeats.
    pub fn charges(&self) -> Vec<String> {
        fn push(out: &mut Vec<String>, s: &str) {
            if !s.is_empty() && !out.iter().any(|o| o == s) {
                out.push(s.to_string());
            }
        }
        let mut out: Vec<String> = Vec::new();
        if let Some(card) = &self.card {
            let persons = card.get("persons").and_then(|p| p.as_array()).into_iter().flatten();
            let lists =
                std::iter::once(card.get("transferred_charges")).chain(persons.map(|p| p.get("charges")));
            for v in lists.flatten().filter_map(|v| v.as_array()).flatten() {
                push(&mut out, v.as_str().unwrap_or_default());
            }
        }
        if out.is_empty() {
            for d in &self.documents {
                for e in d.extraction.elements.iter().filter(|e| e.kind == "charge") {
                    push(&mut out, e.value.as_str().unwrap_or(&e.text));
                }
            }
        }
        out
    }

    /// The documents as the index takes them: (content hash, document).
    pub fn index_documents(&self) -> Vec<(&str, &Document)> {
        self.documents.iter().map(|d| (d.hash.as_str(), &d.doc)).collect()
    }

    /// A document of the case by file name.
    pub fn document(&self, file: &str) -> Option<&DocAnalysis> {
        self.documents.iter().find(|d| d.doc.file == file)
    }
}

/// The embedded checklist packs and audit rules, loaded once.
fn packs() -> Result<&'static Packs, &'static String> {
    static PACKS: OnceLock<Result<Packs, String>> = OnceLock::new();
    PACKS.get_or_init(|| Packs::load_embedded().map_err(|e| format!("核对清单无法加载：{e}"))).as_ref()
}

fn rules() -> Result<&'static RuleSet, &'static String> {
    static RULES: OnceLock<Result<RuleSet, String>> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::load().map_err(|e| format!("检查规则无法加载：{e}"))).as_ref()
}

/// The audit's view of a checklist: required elements missing and contradicted elements.
fn issues(cl: &DocumentChecklist) -> Vec<ChecklistIssue> {
    cl.issues()
        .into_iter()
        .map(|e| ChecklistIssue {
            id: e.id.clone(),
            name: e.name.clone(),
            contradicted: e.verdict == Verdict::Contradicted,
            reason: e.reason.clone(),
            evidence: e.evidence.clone(),
        })
        .collect()
}

/// Whether an uploaded file can be read as what its name says: a `card.json` as a card (`None`),
/// any other name as a document (the document, so that it need not be parsed again). `Err` holds
/// the reason.
pub fn check_readable(name: &str, bytes: &[u8], limits: &Limits) -> Result<Option<Document>, String> {
    if name == CARD_FILE {
        let text = std::str::from_utf8(bytes).map_err(|e| format!("not UTF-8 text: {e}"))?;
        parse_card(name, text).map(|_| None).map_err(|e| e.to_string())
    } else {
        read_document_bytes(name, bytes, limits).map(Some)
    }
}

/// Read the card, hash, extract and check every document, audit the case. A document whose text
/// equals the one in `previous` (the case's last analysis) keeps that analysis' extraction instead
/// of being extracted again; checklists and the audit always run over the whole case.
pub fn analyse_case(folder: CaseFolder, previous: Option<&CaseAnalysis>) -> CaseAnalysis {
    let CaseFolder { key, dir, card: card_path, documents, mut errors } = folder;
    let mut fail = |file: String, error: String| errors.push(FileError { file, error });
    let card_file = format!("{key}/{CARD_FILE}");
    let (card, loaded): (Option<Value>, Option<LoadedCard>) = match &card_path {
        None => (None, None),
        Some(path) => {
            let raw = std::fs::read(path).ok().and_then(|b| serde_json::from_slice::<Value>(&b).ok());
            match load_card(path) {
                Ok(c) => (raw, Some(c)),
                Err(e) => {
                    fail(card_file, e.to_string());
                    (raw, None)
                }
            }
        }
    };
    let packs = packs().map_err(|e| fail("checklists".into(), e.clone())).ok();
    let rules = rules().map_err(|e| fail("rules".into(), e.clone())).ok();
    let mut docs: Vec<(Document, Extraction)> = Vec::with_capacity(documents.len());
    let mut checklists = Vec::with_capacity(documents.len());
    for doc in documents {
        let same = previous
            .and_then(|p| p.document(&doc.file))
            .filter(|d| d.doc.format == doc.format && d.doc.text == doc.text);
        let extraction = same.map_or_else(|| extract_document(&doc), |d| d.extraction.clone());
        checklists.push(packs.map(|p| check_document(&doc, &extraction, p)));
        docs.push((doc, extraction));
    }
    let mut findings = Vec::new();
    if let Some(rules) = rules {
        let today = chrono::Local::now().date_naive();
        let mut audited = audit::collection::audit_parsed(&key, loaded.as_ref(), &docs, rules, today, None);
        for ((doc, _), cl) in docs.iter().zip(&checklists) {
            if let Some(cl) = cl {
                audited.findings.extend(audit::checklist_findings(doc, &issues(cl), rules));
            }
        }
        findings = audited.findings.iter().filter_map(|f| serde_json::to_value(f).ok()).collect();
    }
    let documents = docs
        .into_iter()
        .zip(checklists)
        .map(|((doc, extraction), cl)| DocAnalysis {
            hash: std::fs::read(dir.join(&doc.file)).map(|b| content_hash(&b)).unwrap_or_default(),
            doc,
            extraction,
            checklist: cl.and_then(|c| serde_json::to_value(c).ok()),
        })
        .collect();
    CaseAnalysis { key, card, documents, findings, errors }
}

/// Formats the audit report can be exported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Csv,
    Xlsx,
    Html,
}

impl ExportFormat {
    pub fn parse(s: &str) -> Option<ExportFormat> {
        match s.to_ascii_lowercase().as_str() {
            "csv" => Some(ExportFormat::Csv),
            "xlsx" => Some(ExportFormat::Xlsx),
            "html" => Some(ExportFormat::Html),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Html => "html",
        }
    }
}

/// Why a report could not be exported.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ExportError {
    #[error("报告生成失败：{0}")]
    Render(String),
}

/// The spec §3 findings document of `cases` (typed, as the report renderers take it).
pub fn findings_of(cases: &[&CaseAnalysis]) -> Findings {
    Findings {
        cases: cases
            .iter()
            .map(|c| CaseFindings {
                case: c.key.clone(),
                case_number: c.case_number().map(str::to_string),
                documents: c
                    .documents
                    .iter()
                    .map(|d| DocumentInfo {
                        file: d.doc.file.clone(),
                        doc_type: d.doc.doc_type.map(|t| t.name().to_string()),
                        chars: d.doc.chars,
                    })
                    .collect(),
                findings: c.findings.iter().filter_map(|f| serde_json::from_value(f.clone()).ok()).collect(),
            })
            .collect(),
        errors: cases.iter().flat_map(|c| c.errors.iter().cloned()).collect(),
        ..Findings::default()
    }
}

/// Render the audit report of `cases`: (content type, bytes).
pub fn export_report(
    format: ExportFormat,
    cases: &[&CaseAnalysis],
) -> Result<(&'static str, Vec<u8>), ExportError> {
    let f = findings_of(cases);
    Ok(match format {
        ExportFormat::Csv => ("text/csv; charset=utf-8", crate::report::to_csv(&f).into_bytes()),
        ExportFormat::Html => ("text/html; charset=utf-8", crate::report::to_html(&f).into_bytes()),
        ExportFormat::Xlsx => (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            crate::report::to_xlsx(&f).map_err(|e| ExportError::Render(e.to_string()))?,
        ),
    })
}
