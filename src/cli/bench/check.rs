//! `anguan bench check [FILE...] [--corpus DIR] [--data DIR] [--rounds N]`: checklist throughput
//! (documents/s, µs per element) and verdict counts, over the given documents, the documents of the
//! bundled corpus (`corpus/<case>/*`, default `corpus`) and the real judgments of
//! `DIR/judgments-lecardv2/test_query.json` (default `../shared/data`). Extraction runs once per
//! document outside the timed loop: this measures the checklist stage alone.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anguan::checklist::{self, Packs, Verdict};
use anguan::extract::Extraction;
use anguan::ingest::{self, Document, Format, Limits};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Extra documents to include (DOCX, PDF, TXT).
    files: Vec<PathBuf>,
    /// The bundled corpus: a folder of case folders.
    #[arg(long, default_value = "corpus")]
    corpus: PathBuf,
    /// The shared data folder holding judgments-lecardv2/.
    #[arg(long, default_value = "../shared/data")]
    data: PathBuf,
    /// Times every document is checked.
    #[arg(long, default_value_t = 5)]
    rounds: usize,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let packs = Packs::load_embedded()?;
    let mut docs: Vec<Document> = Vec::new();
    let mut files = args.files.clone();
    let cases =
        std::fs::read_dir(&args.corpus).map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect());
    let mut cases: Vec<PathBuf> = cases.unwrap_or_default();
    cases.sort();
    for case in cases.iter().filter(|c| c.is_dir()) {
        let mut in_case: Vec<PathBuf> = std::fs::read_dir(case)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "docx" || x == "pdf" || x == "txt"))
            .collect();
        in_case.sort();
        files.extend(in_case);
    }
    if cases.is_empty() {
        eprintln!("bench check: no corpus at {}", args.corpus.display());
    }
    for f in &files {
        match ingest::read_file(f, &Limits::default()) {
            Ok(d) => docs.push(d),
            Err(e) => eprintln!("bench check: {}: {e}", f.display()),
        }
    }
    let from_files = docs.len();
    let judgments = args.data.join("judgments-lecardv2/test_query.json");
    match std::fs::read_to_string(&judgments) {
        Ok(data) => {
            for (i, line) in data.lines().filter(|l| !l.trim().is_empty()).enumerate() {
                let v: serde_json::Value = serde_json::from_str(line)?;
                let text = v["query"].as_str().unwrap_or_default().to_string();
                docs.push(Document::from_text(&format!("lecard-{i}"), Format::Txt, text, 1));
            }
        }
        Err(_) => {
            eprintln!("bench check: {} is absent; only the given files are measured", judgments.display())
        }
    }
    if docs.is_empty() {
        anyhow::bail!("no documents to measure: give files or --data with judgments-lecardv2/");
    }
    let extractions: Vec<Extraction> = docs.iter().map(anguan::extract::extract_document).collect();
    let chars: usize = docs.iter().map(|d| d.chars).sum();

    let rounds = args.rounds.max(1);
    let start = Instant::now();
    let mut elements = 0usize;
    let mut last = Vec::new();
    for _ in 0..rounds {
        last.clear();
        for (d, ex) in docs.iter().zip(&extractions) {
            let cl = checklist::check_document(d, ex, &packs);
            elements += cl.elements.len();
            last.push(cl);
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let checked = docs.len() * rounds;
    println!(
        "documents: {} ({} chars; {from_files} from files and the corpus, {} unreadable), rounds: {rounds}",
        docs.len(),
        chars,
        files.len() - from_files
    );
    println!(
        "throughput: {:.0} documents/s, {:.1} MB/s of text, {:.2} µs per element ({} element verdicts)",
        checked as f64 / secs,
        (chars * rounds) as f64 * 3.0 / 1e6 / secs,
        secs * 1e6 / elements.max(1) as f64,
        elements / rounds
    );

    let count = |v: Verdict| last.iter().flat_map(|c| &c.elements).filter(|e| e.verdict == v).count();
    println!(
        "verdicts: supported {}, missing {}, contradicted {}",
        count(Verdict::Supported),
        count(Verdict::Missing),
        count(Verdict::Contradicted)
    );
    let with_charge: Vec<_> =
        last.iter().filter(|c| c.charges.iter().any(|ch| packs.charge_pack(ch).is_some())).collect();
    let statute_ok = with_charge
        .iter()
        .filter(|c| c.elements.iter().any(|e| e.id.ends_with(".statute") && e.verdict == Verdict::Supported))
        .count();
    println!(
        "documents with a charge of the packs: {}; of these, charge article found: {}",
        with_charge.len(),
        statute_ok
    );
    let mut by_charge: std::collections::BTreeMap<&str, usize> = Default::default();
    for c in &with_charge {
        for ch in c.charges.iter().filter(|ch| packs.charge_pack(ch).is_some()) {
            *by_charge.entry(ch.as_str()).or_default() += 1;
        }
    }
    let list: Vec<String> = by_charge.iter().map(|(k, v)| format!("{k} {v}")).collect();
    println!("charges: {}", list.join(", "));
    Ok(ExitCode::SUCCESS)
}
