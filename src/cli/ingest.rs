//! `anguan ingest DIR...`: read case folders or collections and summarise what was read — each
//! document's type, 文号, size and sections, and each file that could not be read.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anguan::ingest::{Limits, collection};
use serde_json::json;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Case folders, or collections of case folders.
    #[arg(required = true)]
    dirs: Vec<PathBuf>,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let limits = Limits::default();
    let dirs = collection::case_dirs(&args.dirs).map_err(|e| anyhow::anyhow!("{}: {}", e.file, e.error))?;
    let mut out = std::io::stdout().lock();
    let mut cases = Vec::new();
    let mut n_errors = 0;
    for dir in &dirs {
        let case = collection::read_case(dir, &limits);
        n_errors += case.errors.len();
        if args.json {
            let docs: Vec<_> = case
                .documents
                .iter()
                .map(|d| {
                    json!({"file": d.file, "format": d.format, "type": d.doc_type, "doc_number": d.doc_number,
                           "chars": d.chars, "pages": d.pages, "sections": d.sections})
                })
                .collect();
            cases.push(json!({"case": case.key, "card": case.card.is_some(), "documents": docs, "errors": case.errors}));
            continue;
        }
        writeln!(out, "{}{}", case.key, if case.card.is_some() { "  (card.json)" } else { "" })?;
        for d in &case.documents {
            let kind = d.doc_type.map(|t| t.name()).unwrap_or("未识别");
            let number = d.doc_number.as_ref().map(|s| s.text.as_str()).unwrap_or("-");
            let sections: Vec<_> =
                d.sections.iter().map(|s| format!("{:?}", s.kind).to_lowercase()).collect();
            writeln!(
                out,
                "  {:<28} {:<8} {:<28} {:>7} chars {:>3} pp  [{}]",
                d.file,
                kind,
                number,
                d.chars,
                d.pages,
                sections.join(" ")
            )?;
        }
        for e in &case.errors {
            writeln!(out, "  ERROR {}: {}", e.file, e.error)?;
        }
    }
    if args.json {
        serde_json::to_writer_pretty(&mut out, &json!({"schema": "anguan.ingest/1", "cases": cases}))?;
        writeln!(out)?;
    } else {
        writeln!(out, "{} cases, {} unreadable files", dirs.len(), n_errors)?;
    }
    Ok(if n_errors == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
