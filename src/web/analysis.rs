//! What the web app knows about a case beyond its text: the parsed card, each document's legal
//! elements and checklist, and the audit's findings.
//!
//! This is the ONE place the web app touches the card, checklist, audit and report stages, so that
//! wiring them in changes this file only. Each document gets its checklist (spec §6, the embedded
//! packs). Until the audit stage lands the card is the raw JSON of `card.json`, the findings are
//! the checklist issues only (shaped as the audit will shape them: rule `checklist.<element>`,
//! kind `checklist`, a missing required element a warning, a contradicted one an error) and
//! report export answers "not available yet"; the API's shapes (spec §3 findings) do not change.

use std::sync::OnceLock;

use serde::Serialize;
use serde_json::{Value, json};

use crate::checklist::{DocumentChecklist, Packs, Verdict, check_document};

use crate::extract::{Extraction, extract_document};
use crate::ingest::Document;
use crate::ingest::collection::{CaseFolder, FileError};

/// One document with what was extracted from it.
#[derive(Debug, Clone)]
pub struct DocAnalysis {
    pub doc: Document,
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

    /// A document of the case by file name.
    pub fn document(&self, file: &str) -> Option<&DocAnalysis> {
        self.documents.iter().find(|d| d.doc.file == file)
    }
}

/// Read the card, extract every document, run checklists and the audit.
pub fn analyse_case(folder: CaseFolder) -> CaseAnalysis {
    let CaseFolder { key, card: card_path, documents, mut errors, .. } = folder;
    let card = card_path.and_then(|path| {
        let parsed = std::fs::read(&path)
            .map_err(|e| e.to_string())
            .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).map_err(|e| e.to_string()));
        match parsed {
            Ok(v) => Some(v),
            Err(error) => {
                errors.push(FileError {
                    file: format!("{key}/{}", crate::ingest::collection::CARD_FILE),
                    error,
                });
                None
            }
        }
    });
    let packs = match packs() {
        Ok(p) => Some(p),
        Err(error) => {
            errors.push(FileError { file: "checklists".into(), error: error.clone() });
            None
        }
    };
    let mut findings = Vec::new();
    let documents = documents
        .into_iter()
        .map(|doc| {
            let extraction = extract_document(&doc);
            let checklist = packs.map(|p| check_document(&doc, &extraction, p));
            findings.extend(checklist.iter().flat_map(|cl| checklist_findings(&doc, cl)));
            let checklist = checklist.and_then(|cl| serde_json::to_value(cl).ok());
            DocAnalysis { extraction, doc, checklist }
        })
        .collect();
    CaseAnalysis { key, card, documents, findings, errors }
}

/// The embedded checklist packs, loaded once.
fn packs() -> Result<&'static Packs, &'static String> {
    static PACKS: OnceLock<Result<Packs, String>> = OnceLock::new();
    PACKS.get_or_init(|| Packs::load_embedded().map_err(|e| format!("核对清单无法加载：{e}"))).as_ref()
}

/// Spec §3 `checklist` findings of one document's checklist: required elements missing and
/// contradicted elements.
fn checklist_findings(doc: &Document, cl: &DocumentChecklist) -> Vec<Value> {
    let doc_name = doc.doc_type.map(|t| t.name()).unwrap_or(&doc.file);
    cl.issues()
        .into_iter()
        .map(|e| {
            let contradicted = e.verdict == Verdict::Contradicted;
            let message = if contradicted {
                format!("{doc_name}的要素“{}”有矛盾：{}", e.name, e.reason)
            } else {
                format!("{doc_name}缺少必备要素“{}”：{}", e.name, e.reason)
            };
            let evidence: Vec<Value> = e
                .evidence
                .iter()
                .map(|s| json!({"file": doc.file, "start": s.start, "end": s.end, "text": s.text}))
                .collect();
            json!({
                "rule": format!("checklist.{}", e.id),
                "kind": "checklist",
                "severity": if contradicted { "error" } else { "warning" },
                "field": e.id,
                "evidence": evidence,
                "message": message,
            })
        })
        .collect()
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
    #[error("报告导出功能尚未提供（{0} 格式）：案卡检查模块尚未接入")]
    NotAvailable(&'static str),
}

/// Render the audit report of `cases`: (content type, bytes).
pub fn export_report(
    format: ExportFormat,
    cases: &[&CaseAnalysis],
) -> Result<(&'static str, Vec<u8>), ExportError> {
    let _ = cases;
    Err(ExportError::NotAvailable(format.extension()))
}
