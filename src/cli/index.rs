//! `anguan index DIR... --index PATH`: build or update a search index over case folders.

use std::path::PathBuf;
use std::process::ExitCode;

use anguan::index::{IndexOptions, update};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Case folders, or collections of case folders.
    #[arg(required = true)]
    dirs: Vec<PathBuf>,
    /// The index folder (created when absent; updated by content hash when present).
    #[arg(long)]
    index: PathBuf,
    /// Indexing threads (default: available cores, at most 4).
    #[arg(long)]
    threads: Option<usize>,
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut opts = IndexOptions::default();
    if let Some(t) = args.threads {
        opts.threads = t.max(1);
        opts.heap_bytes = 64 * 1024 * 1024 * opts.threads;
    }
    let s = update(&args.dirs, &args.index, &opts)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&s)?);
    } else {
        let kept = if s.kept > 0 { format!(" ({} kept as indexed before)", s.kept) } else { String::new() };
        println!(
            "{} cases, {} files: {} added, {} updated, {} removed, {} unchanged, {} unreadable{kept}",
            s.cases,
            s.files,
            s.added,
            s.updated,
            s.removed,
            s.unchanged,
            s.errors.len(),
        );
        for e in &s.errors {
            eprintln!("{}: {}", e.file, e.error);
        }
    }
    Ok(if s.errors.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
