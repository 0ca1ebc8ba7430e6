//! The audit over the bundled corpus (`corpus/`, one folder per fictitious case with `card.json`
//! and `truth.json`) must report exactly the injected problems: every (kind, field) pair of the
//! truth, and nothing else. `ANGUAN_CORPUS` may point at another copy of the corpus; without one
//! the tests skip with a message.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anguan::audit::{AuditOptions, ChecklistHook, Findings, RuleSet, audit_collection};
use chrono::NaiveDate;

/// Kinds decided by the card alone (no document extraction needed).
const CARD_ONLY: &[&str] = &["invalid", "logic", "late", "overdue"];

fn corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("ANGUAN_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus"));
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping: no corpus at {} (set ANGUAN_CORPUS)", dir.display());
        None
    }
}

type Pairs = BTreeSet<(String, String)>;

fn truth(dir: &Path, case: &str, kinds: &dyn Fn(&str) -> bool) -> Pairs {
    let text = std::fs::read_to_string(dir.join(case).join("truth.json")).unwrap();
    let t: serde_json::Value = serde_json::from_str(&text).unwrap();
    t["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["kind"].as_str().unwrap().to_string(), f["field"].as_str().unwrap().to_string()))
        .filter(|(k, _)| kinds(k))
        .collect()
}

fn audit(dir: &PathBuf) -> Findings {
    let opts = AuditOptions {
        today: NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
        checklist: Some(ChecklistHook::embedded().unwrap()),
        ..Default::default()
    };
    audit_collection(std::slice::from_ref(dir), &RuleSet::load().unwrap(), &opts)
}

/// Compare found and true pairs over every case; print per-case differences, return (tp, fp, fn).
fn compare(dir: &Path, f: &Findings, kinds: &dyn Fn(&str) -> bool) -> (usize, usize, usize) {
    let (mut tp, mut fp, mut fneg) = (0, 0, 0);
    for case in &f.cases {
        let want = truth(dir, &case.case, kinds);
        let got: Pairs = case
            .findings
            .iter()
            .map(|x| (x.kind.as_str().to_string(), x.field.clone()))
            .filter(|(k, _)| kinds(k))
            .collect();
        let extra: Vec<_> = got.difference(&want).collect();
        let lost: Vec<_> = want.difference(&got).collect();
        if !extra.is_empty() || !lost.is_empty() {
            eprintln!("{}: unexpected {extra:?}; not found {lost:?}", case.case);
            for x in case
                .findings
                .iter()
                .filter(|x| extra.iter().any(|(k, fd)| *k == x.kind.as_str() && *fd == x.field))
            {
                eprintln!("    {} {}: {}", x.rule, x.field, x.message);
            }
        }
        tp += got.intersection(&want).count();
        fp += extra.len();
        fneg += lost.len();
    }
    let p = if tp + fp == 0 { 1.0 } else { tp as f64 / (tp + fp) as f64 };
    let r = if tp + fneg == 0 { 1.0 } else { tp as f64 / (tp + fneg) as f64 };
    eprintln!("{} cases: tp {tp}, fp {fp}, fn {fneg}; precision {p:.3}, recall {r:.3}", f.cases.len());
    (tp, fp, fneg)
}

#[test]
fn card_rules_find_exactly_the_card_truth() {
    let Some(dir) = corpus() else { return };
    let f = audit(&dir);
    assert!(f.cases.len() >= 20, "{} cases", f.cases.len());
    let (tp, fp, fneg) = compare(&dir, &f, &|k| CARD_ONLY.contains(&k));
    assert!(tp > 0);
    assert_eq!((fp, fneg), (0, 0));
}

/// Every injected problem is found and nothing else is reported (precision and recall 1.0).
/// `2023-盗窃-001/量刑建议书.pdf` has a table whose statute cells wrap ("《刑法》第六十五" /
/// "条第一款"): the PDF reader must keep each cell whole for the checklist to see the articles.
#[test]
fn the_audit_finds_exactly_the_truth() {
    let Some(dir) = corpus() else { return };
    let f = audit(&dir);
    assert!(f.errors.is_empty(), "unreadable files: {:#?}", f.errors);
    let (_, fp, fneg) = compare(&dir, &f, &|_| true);
    assert_eq!((fp, fneg), (0, 0), "precision and recall must both be 1.0");
}
