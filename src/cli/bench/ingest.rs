//! `anguan bench ingest`: extraction throughput (MB/s per format) over the bundled corpus and the
//! real documents of ../shared/data (pdf-real, docx-real), through `anguan::ingest::read_bytes`,
//! each file read several times; then the per-file PDF character error against poppler's text
//! on pdf-real. Folders that are absent or empty are reported and skipped.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anguan::ingest::pdf::score;
use anguan::ingest::{Format, Limits, read_bytes};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The bundled corpus of case folders.
    #[arg(long, default_value = "corpus")]
    corpus: PathBuf,
    /// Real PDFs with poppler reference text (default: ../shared/data/pdf-real).
    #[arg(long)]
    pdf_real: Option<PathBuf>,
    /// Real DOCX files (default: ../shared/data/docx-real).
    #[arg(long)]
    docx_real: Option<PathBuf>,
    /// How many times each file is read.
    #[arg(long, default_value_t = 5)]
    repeat: u32,
}

/// Most files taken from one folder tree, and deepest folder followed.
const MAX_FILES: usize = 10_000;
const MAX_DEPTH: usize = 8;

/// `shared/data/NAME` in the current folder's parent or, failing that, the nearest ancestor that
/// has one (worktrees sit one level deeper than the main checkout).
fn shared_data(name: &str) -> PathBuf {
    let default = Path::new("../shared/data").join(name);
    if default.is_dir() {
        return default;
    }
    std::env::current_dir()
        .ok()
        .and_then(|cwd| cwd.ancestors().map(|a| a.join("shared/data").join(name)).find(|d| d.is_dir()))
        .unwrap_or(default)
}

/// Document files under `dir` (recursively) with one of `extensions`, sorted.
fn documents(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    fn walk(dir: &Path, depth: usize, extensions: &[&str], out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
            if out.len() >= MAX_FILES {
                return;
            }
            if path.is_dir() && depth < MAX_DEPTH {
                walk(&path, depth + 1, extensions, out);
            } else if path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| extensions.contains(&e.to_ascii_lowercase().as_str()))
            {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, 0, extensions, &mut out);
    out.sort();
    out
}

#[derive(Debug, Default)]
struct Tally {
    files: usize,
    bytes: u64,
    chars: u64,
    time: Duration,
    errors: usize,
}

/// Read every file `repeat` times; tallies per format (bytes, characters and time of the
/// successful reads; files that failed).
fn measure(files: &[PathBuf], repeat: u32, limits: &Limits) -> BTreeMap<&'static str, Tally> {
    let mut tallies: BTreeMap<&'static str, Tally> = BTreeMap::new();
    for path in files {
        let Ok(bytes) = std::fs::read(path) else { continue };
        let format = match Format::sniff(&bytes) {
            Ok(Format::Pdf) => "PDF",
            Ok(Format::Docx) => "DOCX",
            Ok(Format::Txt) => "TXT",
            Err(_) => "other",
        };
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let tally = tallies.entry(format).or_default();
        tally.files += 1;
        for _ in 0..repeat {
            let start = Instant::now();
            let result = read_bytes(&name, &bytes, limits);
            let elapsed = start.elapsed();
            // Only successful reads count towards throughput.
            match result {
                Ok(doc) => {
                    tally.chars += doc.chars as u64;
                    tally.time += elapsed;
                    tally.bytes += bytes.len() as u64;
                }
                Err(_) => tally.errors += 1,
            }
        }
    }
    tallies
}

fn print_throughput(label: &str, dir: &Path, extensions: &[&str], repeat: u32, limits: &Limits) {
    let files = documents(dir, extensions);
    if files.is_empty() {
        println!("{label} ({}): absent or empty, skipped", dir.display());
        return;
    }
    println!("{label} ({}): {} files, each read {repeat} times", dir.display(), files.len());
    println!(
        "  {:<6} {:>6} {:>10} {:>12} {:>9} {:>10} {:>7}",
        "format", "files", "MB read", "chars", "seconds", "MB/s", "failed"
    );
    for (format, t) in measure(&files, repeat, limits) {
        let mb = t.bytes as f64 / 1_048_576.0;
        let secs = t.time.as_secs_f64();
        let rate = if secs > 0.0 { format!("{:.2}", mb / secs) } else { "n/a".to_string() };
        println!(
            "  {format:<6} {:>6} {mb:>10.2} {:>12} {secs:>9.3} {rate:>10} {:>7}",
            t.files,
            t.chars,
            t.errors / repeat.max(1) as usize
        );
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let limits = Limits::default();
    let repeat = args.repeat.max(1);
    if cfg!(debug_assertions) {
        eprintln!("note: this is a debug build; measure with `cargo run --release -- bench ingest`");
    }
    let pdf_real = args.pdf_real.unwrap_or_else(|| shared_data("pdf-real"));
    let docx_real = args.docx_real.unwrap_or_else(|| shared_data("docx-real"));
    print_throughput("corpus", &args.corpus, &["pdf", "docx", "txt"], repeat, &limits);
    print_throughput("pdf-real", &pdf_real, &["pdf"], repeat, &limits);
    print_throughput("docx-real", &docx_real, &["docx"], repeat, &limits);
    println!();
    if pdf_real.is_dir() {
        println!("PDF character error against poppler's text ({}):", pdf_real.display());
        print!("{}", score::table(&score::score_folder(&pdf_real, &limits)?));
    } else {
        println!("PDF character error: {} is absent, skipped", pdf_real.display());
    }
    Ok(ExitCode::SUCCESS)
}
