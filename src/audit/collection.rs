//! The audit over case folders: read each folder (documents and `card.json`), extract the facts
//! of each document, run [`audit_case`](super::audit_case), and gather everything into one
//! [`Findings`] document. Nothing aborts the run: unreadable documents and cards that are not
//! cards go to `errors` (spec §3), unreadable card items become `invalid` findings.
//!
//! Cases are audited on a few worker threads (results keep the input order) with an optional
//! progress bar on stderr.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::NaiveDate;

use crate::card::{LoadedCard, load_card};
use crate::extract::Extraction;
use crate::ingest::collection::{CaseFolder, FileError, case_dirs, read_case};
use crate::ingest::{Document, Limits};

use super::{
    CaseFindings, ChecklistIssue, DocumentInfo, Findings, RuleSet, audit_case, checklist_findings,
    problem_findings,
};

/// The signature of the checklist stage.
pub type ChecklistFn = dyn Fn(&Document, &Extraction) -> Vec<ChecklistIssue> + Send + Sync;

/// The checklist stage as the audit calls it: a document and its extraction → the elements it
/// lacks or contradicts. [`ChecklistHook::packs`] wires the real checklist stage; tests may set
/// any function.
#[derive(Clone)]
pub struct ChecklistHook(pub std::sync::Arc<ChecklistFn>);

impl ChecklistHook {
    /// The checklist stage over these packs: required elements missing and contradicted elements.
    pub fn packs(packs: std::sync::Arc<crate::checklist::Packs>) -> ChecklistHook {
        ChecklistHook(std::sync::Arc::new(move |doc, ex| {
            crate::checklist::checklist_issues(doc, ex, &packs)
                .into_iter()
                .map(|v| ChecklistIssue {
                    contradicted: v.verdict == crate::checklist::Verdict::Contradicted,
                    id: v.id,
                    name: v.name,
                    reason: v.reason,
                    evidence: v.evidence,
                })
                .collect()
        }))
    }

    /// The checklist stage over the packs compiled into the binary (or overridden in
    /// `ANGUAN_DICTIONARIES`).
    pub fn embedded() -> Result<ChecklistHook, crate::checklist::PackError> {
        Ok(ChecklistHook::packs(std::sync::Arc::new(crate::checklist::Packs::load_embedded()?)))
    }
}

impl std::fmt::Debug for ChecklistHook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ChecklistHook")
    }
}

/// How a collection is audited.
#[derive(Debug, Clone)]
pub struct AuditOptions {
    pub limits: Limits,
    /// The date deadlines of pending cases and future dates are measured against.
    pub today: NaiveDate,
    /// Show a progress bar on stderr.
    pub progress: bool,
    /// Worker threads (0: one per available core).
    pub threads: usize,
    /// Cards from a bulk export, by case key (folder name or 部门受案号); a case found here uses
    /// this card instead of its `card.json`.
    pub cards: BTreeMap<String, LoadedCard>,
    /// The checklist stage, for `checklist` findings; none → no checklist findings.
    pub checklist: Option<ChecklistHook>,
}

impl Default for AuditOptions {
    fn default() -> Self {
        AuditOptions {
            limits: Limits::default(),
            today: chrono::Local::now().date_naive(),
            progress: false,
            threads: 0,
            cards: Default::default(),
            checklist: None,
        }
    }
}

/// Audit a case whose documents are already read and extracted.
pub fn audit_parsed(
    key: &str,
    card: Option<&LoadedCard>,
    docs: &[(Document, Extraction)],
    rules: &RuleSet,
    today: NaiveDate,
    checklist: Option<&ChecklistHook>,
) -> CaseFindings {
    let mut findings = card.map(|c| problem_findings(&c.problems, rules)).unwrap_or_default();
    findings.extend(audit_case(card.map(|c| &c.card), docs, rules, today));
    if let Some(hook) = checklist {
        for (doc, ex) in docs {
            findings.extend(checklist_findings(doc, &(hook.0)(doc, ex), rules));
        }
    }
    CaseFindings {
        case: key.to_string(),
        case_number: card.and_then(|c| c.card.case_number.clone()),
        documents: docs
            .iter()
            .map(|(d, _)| DocumentInfo {
                file: d.file.clone(),
                doc_type: d.doc_type.map(|t| t.name().to_string()),
                chars: d.chars,
            })
            .collect(),
        findings,
    }
}

/// Audit one case folder that has been read: load its card, extract its documents.
/// `cards` are cards from a bulk export, by case key or 部门受案号: a case found there uses that
/// card instead of its `card.json`.
pub fn audit_folder(
    case: CaseFolder,
    rules: &RuleSet,
    opts: &AuditOptions,
) -> (CaseFindings, Vec<FileError>) {
    let cards = &opts.cards;
    let mut errors = case.errors;
    let own = match &case.card {
        Some(path) => match load_card(path) {
            Ok(c) => Some(c),
            Err(e) => {
                errors.push(FileError {
                    file: format!("{}/{}", case.key, card_name(path)),
                    error: error_text(&e),
                });
                None
            }
        },
        None => None,
    };
    let number = own.as_ref().and_then(|c| c.card.case_number.clone());
    let external = cards.get(&case.key).or_else(|| number.and_then(|n| cards.get(&n)));
    let card = external.cloned().or(own);
    let docs = crate::extract::extract_documents(case.documents);
    (audit_parsed(&case.key, card.as_ref(), &docs, rules, opts.today, opts.checklist.as_ref()), errors)
}

fn card_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// A card error without the file path (the `file` of the error entry names it).
fn error_text(e: &crate::card::CardError) -> String {
    use crate::card::CardError as E;
    match e {
        E::Io { error, .. } => format!("cannot read: {error}"),
        E::TooLarge { size, limit, .. } => format!("file too large ({size} bytes, limit {limit})"),
        E::Json { line, column, error, .. } => {
            format!("not valid JSON (line {line}, column {column}): {error}")
        }
        E::Field { field, error, .. } => format!("field `{field}`: {error}"),
    }
}

/// One case's findings and the files of it that could not be read.
type Audited = (CaseFindings, Vec<FileError>);

/// Audit the case folders named by the arguments (case folders or collections of them).
pub fn audit_collection(args: &[PathBuf], rules: &RuleSet, opts: &AuditOptions) -> Findings {
    let mut out = Findings::default();
    let mut dirs = Vec::new();
    for arg in args {
        match case_dirs(std::slice::from_ref(arg)) {
            Ok(d) => dirs.extend(d),
            Err(e) => out.errors.push(e),
        }
    }
    let bar = if opts.progress {
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(dirs.len() as u64),
            indicatif::ProgressDrawTarget::stderr(),
        );
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} 案件 {per_sec} 剩余 {eta}")
        {
            bar.set_style(style);
        }
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let threads = if opts.threads == 0 {
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
    } else {
        opts.threads
    }
    .min(dirs.len().max(1));
    let results: Mutex<Vec<Option<Audited>>> = Mutex::new(vec![None; dirs.len()]);
    let next = AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(dir) = dirs.get(i) else { break };
                    let case = read_case(dir, &opts.limits);
                    let r = audit_folder(case, rules, opts);
                    if let Ok(mut slots) = results.lock()
                        && let Some(slot) = slots.get_mut(i)
                    {
                        *slot = Some(r);
                    }
                    bar.inc(1);
                }
            });
        }
    });
    bar.finish_and_clear();
    let results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    for (case, errors) in results.into_iter().flatten() {
        out.cases.push(case);
        out.errors.extend(errors);
    }
    out
}
