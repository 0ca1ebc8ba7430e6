//! `anguan bench audit`: audit throughput on a collection of ≥ 1,000 cases made by copying the
//! corpus cases into a temp dir — cases per second with the documents already parsed and
//! extracted (the rules alone), and end to end (reading, extraction, rules, on all cores).
//! On a shared machine the wall-clock figures move with the other load; the end-to-end run also
//! reports its CPU time (Linux: /proc/self/stat) and cases per CPU-second, which move much less.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anguan::audit::collection::audit_parsed;
use anguan::audit::{AuditOptions, RuleSet, audit_collection};
use anguan::card::load_card;
use anguan::ingest::Limits;
use anguan::ingest::collection::{case_dirs, read_case};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The corpus to copy (a collection of case folders).
    #[arg(long, default_value = "corpus")]
    corpus: PathBuf,
    /// Number of cases in the generated collection.
    #[arg(long, default_value_t = 1000)]
    cases: usize,
    /// Rounds of the pre-parsed measurement.
    #[arg(long, default_value_t = 5)]
    rounds: usize,
}

/// CPU time (user + system) of this process so far, in seconds (Linux only; clock ticks of
/// 1/100 s).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) start after the last ')'.
    let rest = stat.get(stat.rfind(')')? + 1..)?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the line (0-based 11 and 12 after the name).
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok());
    Some((ticks(11)? + ticks(12)?) / 100.0)
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for e in std::fs::read_dir(from)? {
        let e = e?;
        if e.file_type()?.is_file() {
            std::fs::copy(e.path(), to.join(e.file_name()))?;
        }
    }
    Ok(())
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let sources = case_dirs(std::slice::from_ref(&args.corpus))
        .map_err(|e| anyhow::anyhow!("{}: {}", e.file, e.error))?;
    anyhow::ensure!(!sources.is_empty(), "no case folders in {}", args.corpus.display());
    let tmp = tempfile::tempdir()?;
    let n = args.cases.max(1);
    for i in 0..n {
        let src = &sources[i % sources.len()];
        let name = src.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        copy_dir(src, &tmp.path().join(format!("{i:05}-{name}")))?;
    }
    let rules = RuleSet::load()?;
    let opts = AuditOptions::default();
    eprintln!("collection: {n} cases copied from {} corpus cases", sources.len());

    // End to end, all cores.
    let cpu0 = cpu_seconds();
    let t = Instant::now();
    let f = audit_collection(&[tmp.path().to_path_buf()], &rules, &opts);
    let e2e = t.elapsed().as_secs_f64();
    let cpu = cpu_seconds().zip(cpu0).map(|(b, a)| b - a);
    let findings: usize = f.cases.iter().map(|c| c.findings.len()).sum();

    // Pre-parsed: read and extract once, then time the rules alone on one thread.
    let limits = Limits::default();
    let t = Instant::now();
    let parsed: Vec<_> = case_dirs(&[tmp.path().to_path_buf()])
        .map_err(|e| anyhow::anyhow!("{}: {}", e.file, e.error))?
        .iter()
        .map(|dir| {
            let case = read_case(dir, &limits);
            let card = case.card.as_ref().and_then(|p| load_card(p).ok());
            let docs = anguan::extract::extract_documents(case.documents);
            (case.key, card, docs)
        })
        .collect();
    let parse = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let mut count = 0usize;
    for _ in 0..args.rounds.max(1) {
        for (key, card, docs) in &parsed {
            count += audit_parsed(key, card.as_ref(), docs, &rules, opts.today, opts.checklist.as_ref())
                .findings
                .len();
        }
    }
    let rules_only = t.elapsed().as_secs_f64() / args.rounds.max(1) as f64;
    let docs: usize = parsed.iter().map(|(_, _, d)| d.len()).sum();
    println!("cases                         {n}");
    println!("documents read                {docs}  (unreadable: {})", f.errors.len());
    println!(
        "findings                      {findings}  ({} per round pre-parsed)",
        count / args.rounds.max(1)
    );
    println!(
        "end to end (read+extract+audit, {} threads)  {:.3} s  {:.0} cases/s",
        std::thread::available_parallelism().map(|x| x.get()).unwrap_or(1),
        e2e,
        n as f64 / e2e
    );
    if let Some(cpu) = cpu.filter(|c| *c > 0.0) {
        println!("end to end CPU time            {cpu:.2} s  {:.0} cases per CPU-second", n as f64 / cpu);
    }
    println!("read+extract (1 thread)       {parse:.3} s");
    println!("audit pre-parsed (1 thread)   {:.4} s  {:.0} cases/s", rules_only, n as f64 / rules_only);
    Ok(ExitCode::SUCCESS)
}
