//! `anguan bench extract`: exact-span precision, recall and F1 per label and micro-averaged over
//! the ten CAIL2021 theft labels (spec §4 mapping), on ../shared/data/cail2021-theft-ie/dev.jsonl,
//! and extraction speed in MB/s. `--show LABEL` prints that label's misses and false hits.

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anguan::extract::extract_text;
use anguan::extract::tagger::LabelSpan;
use anguan::extract::tagger::labels::{LABELS, label_of};

use super::cail::{Count, gold_spans};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The CAIL2021 theft IE file (JSON Lines: id, context, entities).
    #[arg(long, default_value = "../shared/data/cail2021-theft-ie/dev.jsonl")]
    data: PathBuf,
    /// Print the misses (-) and false hits (+) of one label, e.g. NASI.
    #[arg(long)]
    show: Option<String>,
    /// Score only the even (`even`) or odd (`odd`) lines: tune on one half, report the other.
    #[arg(long)]
    part: Option<String>,
    /// Also time whole documents: every .txt file of this folder (e.g.
    /// ../shared/data/judgments-lecardv2/sample_txt).
    #[arg(long)]
    docs: Option<PathBuf>,
    /// Print the figures as JSON.
    #[arg(long)]
    json: bool,
}

/// Extract every .txt document of a folder: (files, bytes, seconds).
fn time_documents(dir: &std::path::Path) -> (usize, usize, f64) {
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if entry.path().extension().is_some_and(|e| e == "txt")
            && let Ok(t) = std::fs::read_to_string(entry.path())
        {
            texts.push(t);
        }
    }
    let t0 = Instant::now();
    let bytes: usize = texts
        .iter()
        .map(|t| {
            let _ = extract_text(t);
            t.len()
        })
        .sum();
    (texts.len(), bytes, t0.elapsed().as_secs_f64())
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let Ok(data) = std::fs::read_to_string(&args.data) else {
        eprintln!(
            "anguan bench extract: {} not found (it lives in ../shared/data); nothing measured",
            args.data.display()
        );
        return Ok(ExitCode::SUCCESS);
    };
    let mut counts: BTreeMap<&str, Count> = LABELS.iter().map(|(l, _, _)| (*l, Count::default())).collect();
    let (mut bytes, mut secs, mut n) = (0usize, 0f64, 0usize);
    // Load the dictionaries and the segmenter before timing anything.
    let _ = extract_text("被告人张某某于2023年6月13日窃得手机一部，价值人民币1000元。");
    let keep = |i: usize| match args.part.as_deref() {
        Some("even") => i.is_multiple_of(2),
        Some("odd") => i % 2 == 1,
        _ => true,
    };
    for (_, line) in data.lines().filter(|l| !l.trim().is_empty()).enumerate().filter(|(i, _)| keep(*i)) {
        let v: serde_json::Value = serde_json::from_str(line)?;
        let context = v["context"].as_str().unwrap_or_default();
        let gold = gold_spans(&v);
        let t0 = Instant::now();
        let ex = extract_text(context);
        secs += t0.elapsed().as_secs_f64();
        bytes += context.len();
        n += 1;
        let pred: HashSet<LabelSpan> = ex
            .elements
            .iter()
            .filter_map(|e| label_of(e).map(|label| LabelSpan { label, start: e.start, end: e.end }))
            .collect();
        let name = |s: &LabelSpan| LABELS.get(s.label).map_or("?", |l| l.0);
        let chars: Vec<char> = context.chars().collect();
        let show = |a: usize, b: usize| {
            chars.get(a..b.min(chars.len())).map(|s| s.iter().collect::<String>()).unwrap_or_default()
        };
        for g in &gold {
            let c = counts.entry(name(g)).or_default();
            if pred.contains(g) {
                c.tp += 1;
            } else {
                c.fn_ += 1;
                if args.show.as_deref() == Some(name(g)) {
                    println!("- {}  «{}»", show(g.start, g.end), context);
                }
            }
        }
        for p in pred.difference(&gold) {
            if let Some(c) = counts.get_mut(name(p)) {
                c.fp += 1;
            }
            if args.show.as_deref() == Some(name(p)) {
                println!("+ {}  «{}»", show(p.start, p.end), context);
            }
        }
    }
    let doc_speed = args.docs.as_ref().map(|dir| time_documents(dir));
    let mut micro = Count::default();
    counts.values().for_each(|c| micro.add(*c));
    let mbps = bytes as f64 / 1e6 / secs.max(1e-9);
    if args.json {
        let per: serde_json::Map<String, serde_json::Value> = counts
            .iter()
            .map(|(l, c)| {
                let (p, r, f) = c.prf();
                (
                    l.to_string(),
                    serde_json::json!({"p": p, "r": r, "f1": f, "tp": c.tp, "fp": c.fp, "fn": c.fn_}),
                )
            })
            .collect();
        let (p, r, f) = micro.prf();
        let documents = doc_speed.map(|(files, b, s)| {
            serde_json::json!({"files": files, "bytes": b, "seconds": s, "mb_per_s": b as f64 / 1e6 / s.max(1e-9)})
        });
        println!(
            "{}",
            serde_json::json!({"sentences": n, "labels": per, "micro": {"p": p, "r": r, "f1": f}, "mb_per_s": mbps,
                "documents": documents})
        );
    } else {
        println!("{:<6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}", "label", "P", "R", "F1", "tp", "fp", "fn");
        for (l, c) in &counts {
            let (p, r, f) = c.prf();
            println!("{l:<6} {p:>6.3} {r:>6.3} {f:>6.3} {:>6} {:>6} {:>6}", c.tp, c.fp, c.fn_);
        }
        let (p, r, f) = micro.prf();
        println!(
            "{:<6} {p:>6.3} {r:>6.3} {f:>6.3} {:>6} {:>6} {:>6}",
            "micro", micro.tp, micro.fp, micro.fn_
        );
        println!("{n} sentences, {:.2} MB in {secs:.2} s: {mbps:.2} MB/s", bytes as f64 / 1e6);
        if let Some((files, b, s)) = doc_speed {
            println!(
                "{files} documents, {:.2} MB in {s:.2} s: {:.2} MB/s",
                b as f64 / 1e6,
                b as f64 / 1e6 / s.max(1e-9)
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
