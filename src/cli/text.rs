//! `anguan text FILE...`: a document's extracted text, or with `--json` its type, 文号, size,
//! pages and sections (and the text).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anguan::ingest::{self, Limits, collection::read_document};
use serde_json::json;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Documents to read (.pdf, .docx, .txt in UTF-8, UTF-16, GBK or GB18030).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Print JSON: type, 文号, chars, pages, sections and text of each document.
    #[arg(long)]
    json: bool,
    /// Largest file accepted, in MB.
    #[arg(long, default_value_t = 100)]
    max_mb: u64,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let limits = Limits { max_file_bytes: args.max_mb * 1024 * 1024, ..Limits::default() };
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    let mut out = std::io::stdout().lock();
    for path in &args.files {
        match read_document(path, &limits) {
            Ok(doc) if args.json => docs.push(doc),
            Ok(doc) => {
                if args.files.len() > 1 {
                    writeln!(out, "==> {} <==", path.display())?;
                }
                writeln!(out, "{}", doc.text)?;
            }
            Err(error) => {
                eprintln!("anguan: {}: {error}", path.display());
                errors.push(ingest::collection::FileError { file: path.display().to_string(), error });
            }
        }
    }
    if args.json {
        let v = json!({"schema": "anguan.text/1", "documents": docs, "errors": errors});
        serde_json::to_writer_pretty(&mut out, &v)?;
        writeln!(out)?;
    }
    Ok(if errors.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
