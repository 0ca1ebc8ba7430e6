//! `anguan segment [FILE]`: precise-mode words with the legal dictionary (spec §0), one output line
//! per input line (blank lines too), words separated by one space. Reads stdin when no file is given; the text may be
//! UTF-8, GBK or GB18030.

use std::io::{BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anguan::segment::Segmenter;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Text file to segment (stdin when absent).
    file: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let bytes = match &args.file {
        Some(path) => std::fs::read(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?,
        None => {
            let mut buf = Vec::new();
            std::io::stdin().read_to_end(&mut buf)?;
            buf
        }
    };
    // Not tidied: one output line per input line, blank and trailing ones included.
    let text = if bytes.is_empty() { String::new() } else { anguan::ingest::txt::decode_untidied(&bytes)? };
    let seg = Segmenter::global();
    let mut out = BufWriter::new(std::io::stdout().lock());
    for line in text.lines() {
        let mut first = true;
        for token in seg.tokens(line) {
            let word = token.word.trim();
            if word.is_empty() {
                continue;
            }
            if !first {
                out.write_all(b" ")?;
            }
            out.write_all(word.as_bytes())?;
            first = false;
        }
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
