//! The audit: a card, its documents and their extracted facts → findings (spec §3).
//!
//! [`audit_case`] is a pure function of the card, the documents with their [`Extraction`]s, the
//! [`RuleSet`] and today's date; [`collection`] drives it over case folders (reading, extracting,
//! progress, per-file errors). The rules are grouped by what they read:
//!
//! * [`compare`] — card ↔ documents: `missing`, `mismatch` per card item, and `conflict` between
//!   documents (三书比对), over persons paired by [`matching`];
//! * [`logic`] — the card against itself and the law: `invalid` (ID checks, unknown 罪名,
//!   impossible or unlisted values) and `logic` (date order, age, 认罪认罚 without 具结书 date,
//!   statutory range, 不起诉 type against its article, 退补 count);
//! * [`timing`] — `late` (录入时间 after the event) and `overdue` (审查起诉 period, 退补 period),
//!   with the arithmetic of [`dates`].
//!
//! Every rule has a stable id; whether it runs, its severity and its message come from
//! `dictionaries/rules.toml` ([`rules`]). Values are compared after [`normal`]isation.

pub mod collection;
pub mod compare;
pub mod dates;
pub mod idcard;
mod items;
pub mod logic;
pub mod matching;
pub mod normal;
pub mod rules;
pub mod timing;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::card::{Card, FieldProblem};
use crate::extract::Extraction;
use crate::ingest::Document;
use crate::ingest::collection::FileError;
use crate::span::Span;

pub use collection::{AuditOptions, ChecklistHook, audit_collection, audit_folder};
pub use rules::{RuleSet, RulesError};

/// The schema tag of the findings document.
pub const SCHEMA: &str = "anguan.findings/1";

/// The kinds of finding (spec §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Missing,
    Mismatch,
    Invalid,
    Logic,
    Late,
    Overdue,
    Conflict,
    Checklist,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Missing => "missing",
            Kind::Mismatch => "mismatch",
            Kind::Invalid => "invalid",
            Kind::Logic => "logic",
            Kind::Late => "late",
            Kind::Overdue => "overdue",
            Kind::Conflict => "conflict",
            Kind::Checklist => "checklist",
        }
    }

    /// The 数检通 term.
    pub fn chinese(self) -> &'static str {
        match self {
            Kind::Missing => "漏填",
            Kind::Mismatch | Kind::Invalid => "错填",
            Kind::Logic => "逻辑错误",
            Kind::Late => "迟填",
            Kind::Overdue => "超期",
            Kind::Conflict => "文书矛盾",
            Kind::Checklist => "要素缺失",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A piece of a document that proves a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub file: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl Evidence {
    pub fn of(file: &str, span: &Span) -> Evidence {
        Evidence { file: file.to_string(), start: span.start, end: span.end, text: span.text.clone() }
    }
}

/// One finding (spec §3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub rule: String,
    pub kind: Kind,
    pub severity: Severity,
    pub field: String,
    pub card_value: Option<String>,
    pub document_value: Option<String>,
    pub evidence: Vec<Evidence>,
    pub message: String,
}

/// A document of a case as listed in the findings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentInfo {
    pub file: String,
    #[serde(rename = "type")]
    pub doc_type: Option<String>,
    pub chars: usize,
}

/// The findings of one case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseFindings {
    pub case: String,
    pub case_number: Option<String>,
    pub documents: Vec<DocumentInfo>,
    pub findings: Vec<Finding>,
}

/// The findings document (`anguan.findings/1`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Findings {
    pub schema: String,
    pub cases: Vec<CaseFindings>,
    pub errors: Vec<FileError>,
}

impl Default for Findings {
    fn default() -> Self {
        Findings { schema: SCHEMA.to_string(), cases: Vec::new(), errors: Vec::new() }
    }
}

/// A document of the case with its extraction, as the rules see it.
#[derive(Debug, Clone, Copy)]
pub struct Doc<'a> {
    pub file: &'a str,
    /// The document type's Chinese name, if recognised.
    pub kind: Option<&'static str>,
    pub doc: &'a Document,
    pub ex: &'a Extraction,
}

/// What a rule reports; [`Ctx::emit`] turns it into a [`Finding`].
#[derive(Debug, Clone)]
pub(crate) struct Emit {
    pub id: String,
    pub kind: Kind,
    /// The card item (a key of `[items]`), for its name and severity.
    pub item: Option<String>,
    pub field: String,
    pub card: Option<String>,
    pub document: Option<String>,
    pub evidence: Vec<Evidence>,
    pub vars: Vec<(&'static str, String)>,
}

impl Emit {
    pub fn new(id: impl Into<String>, kind: Kind, field: impl Into<String>) -> Emit {
        Emit {
            id: id.into(),
            kind,
            item: None,
            field: field.into(),
            card: None,
            document: None,
            evidence: Vec::new(),
            vars: Vec::new(),
        }
    }
    pub fn item(mut self, item: &str) -> Emit {
        self.item = Some(item.to_string());
        self
    }
    pub fn card(mut self, v: impl Into<String>) -> Emit {
        self.card = Some(v.into());
        self
    }
    pub fn document(mut self, v: impl Into<String>) -> Emit {
        self.document = Some(v.into());
        self
    }
    pub fn evidence(mut self, e: Vec<Evidence>) -> Emit {
        self.evidence = e;
        self
    }
    pub fn var(mut self, k: &'static str, v: impl Into<String>) -> Emit {
        self.vars.push((k, v.into()));
        self
    }
}

/// The state of one case's audit: the rules, today, and the findings so far.
pub(crate) struct Ctx<'a> {
    pub rules: &'a RuleSet,
    pub today: NaiveDate,
    pub out: Vec<Finding>,
}

impl<'a> Ctx<'a> {
    pub fn new(rules: &'a RuleSet, today: NaiveDate) -> Self {
        Ctx { rules, today, out: Vec::new() }
    }

    pub fn emit(&mut self, e: Emit) {
        if !self.rules.enabled(&e.id) {
            return;
        }
        let severity = self.rules.severity(&e.id, e.item.as_deref(), e.kind);
        let item_name = e.item.as_deref().map(|i| self.rules.item_name(i).to_string()).unwrap_or_default();
        let mut vars = e.vars.clone();
        vars.push(("item", item_name));
        vars.push(("card", e.card.clone().unwrap_or_default()));
        vars.push(("document", e.document.clone().unwrap_or_default()));
        vars.push(("field", e.field.clone()));
        let message = rules::fill(self.rules.template(&e.id, e.kind), &vars);
        self.out.push(Finding {
            rule: e.id,
            kind: e.kind,
            severity,
            field: e.field,
            card_value: e.card,
            document_value: e.document,
            evidence: e.evidence,
            message,
        });
    }

    /// The findings, with `invalid` folded into a `mismatch` of the same field when so configured.
    pub fn finish(self) -> Vec<Finding> {
        let mut out = self.out;
        if self.rules.engine.fold_invalid_into_mismatch {
            let mismatched: std::collections::BTreeSet<String> =
                out.iter().filter(|f| f.kind == Kind::Mismatch).map(|f| f.field.clone()).collect();
            out.retain(|f| !(f.kind == Kind::Invalid && mismatched.contains(&f.field)));
        }
        out
    }
}

/// Audit one case: the card (if any) against its documents and their extractions.
pub fn audit_case(
    card: Option<&Card>,
    docs: &[(Document, Extraction)],
    rules: &RuleSet,
    today: NaiveDate,
) -> Vec<Finding> {
    let docs: Vec<Doc<'_>> = docs
        .iter()
        .map(|(doc, ex)| Doc { file: &doc.file, kind: doc.doc_type.map(|t| t.name()), doc, ex })
        .collect();
    let mut ctx = Ctx::new(rules, today);
    if let Some(card) = card {
        let pairs: Vec<Vec<Option<usize>>> =
            docs.iter().map(|d| matching::match_persons(card, &d.ex.persons, rules)).collect();
        compare::run(&mut ctx, card, &docs, &pairs);
        logic::invalid(&mut ctx, card);
        logic::run(&mut ctx, card, &docs, &pairs);
        timing::late(&mut ctx, card);
        timing::overdue(&mut ctx, card, &docs);
    }
    ctx.finish()
}

/// A checklist element a document lacks or contradicts, as the checklist stage reports it
/// (`anguan::checklist::ElementVerdict` of a missing required or a contradicted element).
#[derive(Debug, Clone, PartialEq)]
pub struct ChecklistIssue {
    /// Stable element id `<pack>.<element>`, e.g. `theft.amount`.
    pub id: String,
    pub name: String,
    /// Contradicted (else missing).
    pub contradicted: bool,
    pub reason: String,
    pub evidence: Vec<Span>,
}

/// `checklist` findings (spec §3: `field` is the element id) for one document's issues. The rule
/// id is `checklist.<element id>`; severity and message come from the `checklist.missing` and
/// `checklist.contradicted` entries of rules.toml.
pub fn checklist_findings(doc: &Document, issues: &[ChecklistIssue], rules: &RuleSet) -> Vec<Finding> {
    let mut ctx = Ctx::new(rules, NaiveDate::MIN);
    let doc_name = doc.doc_type.map(|t| t.name()).unwrap_or(&doc.file).to_string();
    for issue in issues {
        let config = if issue.contradicted { "checklist.contradicted" } else { "checklist.missing" };
        ctx.emit(
            Emit::new(config, Kind::Checklist, issue.id.clone())
                .evidence(issue.evidence.iter().map(|s| Evidence::of(&doc.file, s)).collect())
                .var("doc", doc_name.clone())
                .var("name", issue.name.clone())
                .var("reason", issue.reason.clone()),
        );
        if let Some(f) = ctx.out.last_mut().filter(|f| f.rule == config) {
            f.rule = format!("checklist.{}", issue.id);
        }
    }
    ctx.out
}

/// `invalid` findings for card items that could not be read at all.
pub fn problem_findings(problems: &[FieldProblem], rules: &RuleSet) -> Vec<Finding> {
    let mut ctx = Ctx::new(rules, NaiveDate::MIN);
    for p in problems {
        ctx.emit(
            Emit::new("card.value.unreadable", Kind::Invalid, p.field.clone())
                .card(p.value.clone())
                .var("error", p.error.clone()),
        );
    }
    ctx.out
}
