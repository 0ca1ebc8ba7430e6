//! `anguan extract FILE...`: the legal elements of documents as JSON (spec §4), with `--facts`
//! also the per-person and per-case facts; `anguan extract --lines [FILE]`: one plain-text
//! passage per input line (stdin without a file), one JSON object per line.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anguan::extract::{ExtractOptions, extract_document_with, extract_text_with};
use anguan::ingest::{Limits, collection::read_document};
use serde_json::json;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Documents (.pdf, .docx, .txt); with --lines, one text file (stdin when absent).
    files: Vec<PathBuf>,
    /// Read one passage per line and print JSON Lines: {"line": n, "elements": [...]}.
    #[arg(long)]
    lines: bool,
    /// Also print the facts grouped per person and per case (what the audit compares).
    #[arg(long)]
    facts: bool,
    /// Let the learned tagger redraw the fact-level spans over the rules' output (more accurate on
    /// CAIL2021 sentences, about three times slower; see `anguan bench tagger`).
    #[arg(long)]
    tagger: bool,
    /// Largest file accepted, in MB.
    #[arg(long, default_value_t = 100)]
    max_mb: u64,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    let opts = ExtractOptions { tagger: args.tagger };
    if args.lines {
        if args.files.len() > 1 {
            anyhow::bail!("--lines reads one file (or stdin)");
        }
        let input: Box<dyn BufRead> = match args.files.first() {
            Some(p) => Box::new(std::io::BufReader::new(std::fs::File::open(p)?)),
            None => Box::new(std::io::stdin().lock()),
        };
        for (n, line) in input.lines().enumerate() {
            let line = line?;
            let ex = extract_text_with(&line, opts);
            let mut v = json!({"line": n + 1, "elements": ex.elements});
            if args.facts {
                v["persons"] = json!(ex.persons);
                v["case"] = json!(ex.case);
            }
            serde_json::to_writer(&mut out, &v)?;
            writeln!(out)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    if args.files.is_empty() {
        anyhow::bail!("no input files (use --lines to read stdin)");
    }
    let limits = Limits { max_file_bytes: args.max_mb * 1024 * 1024, ..Limits::default() };
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    for path in &args.files {
        match read_document(path, &limits) {
            Ok(doc) => {
                let ex = extract_document_with(&doc, opts);
                let mut v = json!({"file": doc.file, "type": doc.doc_type, "chars": doc.chars, "elements": ex.elements});
                if args.facts {
                    v["persons"] = json!(ex.persons);
                    v["case"] = json!(ex.case);
                }
                docs.push(v);
            }
            Err(error) => {
                eprintln!("anguan: {}: {error}", path.display());
                errors.push(json!({"file": path.display().to_string(), "error": error}));
            }
        }
    }
    let mut v = json!({"schema": "anguan.elements/1", "documents": docs});
    if !errors.is_empty() {
        v["errors"] = json!(errors);
    }
    serde_json::to_writer_pretty(&mut out, &v)?;
    writeln!(out)?;
    Ok(if errors.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
