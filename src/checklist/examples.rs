//! Pack examples: every element carries texts it must find (`pass`), texts where it must report
//! the element missing (`fail`) and, for elements with checks, texts with facts it must report
//! contradicted. [`run_examples`] runs them all; `cargo test` fails on any disagreement, so a new
//! rule arrives with its proof.
//!
//! An example is a text snippet checked on its own (no sections, whole text in scope). Facts a
//! check needs are written in the example as a flat [`ExampleFacts`] table, turned into an
//! [`Extraction`] with one suspect; each fact's span is its first occurrence in the text when it
//! occurs there. Examples never run the extraction stage, so they test the pack, not the extractor.

use serde::Deserialize;

use super::checks::Ctx;
use super::haystack::Haystack;
use super::pack::{Example, Pack, PackElement, Packs};
use super::{Verdict, matcher};
use crate::extract::{CaseFacts, Extraction, Fact, PersonFacts, SentenceFact};
use crate::span::{CharIndex, Span};

/// The facts of an example, flat.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleFacts {
    #[serde(default)]
    pub charges: Vec<String>,
    /// Normalised citations (`刑法第264条`).
    #[serde(default)]
    pub statutes: Vec<String>,
    #[serde(default)]
    pub circumstances: Vec<String>,
    pub blood_alcohol: Option<f64>,
    /// 犯罪数额, 元.
    pub amount: Option<f64>,
    /// Sentence: penalty, months, fine, probation.
    pub penalty: Option<String>,
    pub months: Option<u32>,
    pub fine: Option<f64>,
    pub probation_months: Option<u32>,
    /// 不起诉类型 etc.
    pub disposal: Option<String>,
    pub recidivist: Option<bool>,
    pub plea: Option<bool>,
}

impl ExampleFacts {
    /// The extraction these facts stand for, spans located in `text`.
    pub fn to_extraction(&self, text: &str) -> Extraction {
        let idx = CharIndex::new(text);
        let at = |needle: &str| -> Span {
            match (!needle.is_empty()).then(|| text.find(needle)).flatten() {
                Some(b) => idx.span_of_bytes(b, b + needle.len()),
                None => idx.span(0, 0),
            }
        };
        let fact = |v: String| Fact { span: at(&v), value: v };
        let num_span = |v: f64| at(&format!("{v}"));
        let mut p = PersonFacts {
            role: "suspect".into(),
            charges: self.charges.iter().cloned().map(fact).collect(),
            statutes: self.statutes.iter().map(|s| Fact { value: s.clone(), span: at(s) }).collect(),
            circumstances: self.circumstances.iter().cloned().map(fact).collect(),
            blood_alcohol: self.blood_alcohol.map(|v| Fact { value: v, span: num_span(v) }),
            disposal: self.disposal.clone().map(fact),
            recidivist: self.recidivist.map(|v| Fact { value: v, span: at("累犯") }),
            plea: self.plea.map(|v| Fact { value: v, span: at("认罪认罚") }),
            ..Default::default()
        };
        if let Some(penalty) = &self.penalty {
            let value = SentenceFact {
                kind: None,
                penalty: penalty.clone(),
                min_months: self.months,
                max_months: self.months,
                probation: self.probation_months.is_some(),
                probation_months: self.probation_months,
                fine: self.fine,
            };
            p.sentence = Some(Fact { value, span: at(penalty) });
        }
        let case = CaseFacts {
            amount: self.amount.map(|v| Fact { value: v, span: num_span(v) }),
            ..Default::default()
        };
        Extraction { elements: Vec::new(), persons: vec![p], case }
    }
}

/// One example whose verdict is not the expected one.
#[derive(Debug, Clone, PartialEq)]
pub struct ExampleFailure {
    pub pack_file: String,
    pub element: String,
    pub expected: Verdict,
    pub got: Verdict,
    pub text: String,
    pub reason: String,
}

impl std::fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} ({}): expected {:?}, got {:?} ({}) for example {:?}",
            self.element, self.pack_file, self.expected, self.got, self.reason, self.text
        )
    }
}

/// Run every example of every pack; returns the failures and the number of examples run.
pub fn run_examples(packs: &Packs) -> (Vec<ExampleFailure>, usize) {
    let mut failures = Vec::new();
    let mut count = 0;
    for (pack, el) in packs.elements() {
        let sets = [
            (Verdict::Supported, &el.examples.pass),
            (Verdict::Missing, &el.examples.fail),
            (Verdict::Contradicted, &el.examples.contradicted),
        ];
        for (expected, examples) in sets {
            for ex in examples {
                count += 1;
                let (got, reason) = run_one(packs, pack, el, ex);
                if got != expected {
                    failures.push(ExampleFailure {
                        pack_file: pack.file.clone(),
                        element: el.id.clone(),
                        expected,
                        got,
                        text: ex.text().to_string(),
                        reason,
                    });
                }
            }
        }
    }
    (failures, count)
}

fn run_one(packs: &Packs, pack: &Pack, el: &PackElement, example: &Example) -> (Verdict, String) {
    let text = example.text();
    let ex = example.facts().to_extraction(text);
    let hay = Haystack::new(text);
    let mut charges = matcher::document_charges(&hay, &ex, packs);
    if charges.is_empty() && !pack.charges.is_empty() {
        // A snippet of a charge pack is about that charge even when it does not name it.
        charges = pack
            .charges
            .iter()
            .take(1)
            .map(|c| Fact { value: c.clone(), span: hay.idx.span(0, 0) })
            .collect();
    }
    // Examples are snippets of no particular type: checks limited to some types run as if the
    // snippet were the first of them.
    let doc_type = el.checks.iter().find_map(|c| c.doc_types.first().copied());
    let ctx = Ctx { hay: &hay, doc_type, ex: &ex, charges: &charges, packs, pack };
    let v = matcher::eval_element(&[], el, &ctx);
    (v.verdict, v.reason)
}
