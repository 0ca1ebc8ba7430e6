//! PDF extraction on real third-party PDFs (../shared/data/pdf-real), against poppler's text.
//!
//! Every file must extract without panicking. On the files where poppler's reference is right
//! (all but the two GBK files, see the folder's README), the mean character error must be at most
//! 2% (multiset of CJK and alphanumeric characters, see `anguan::ingest::pdf::score`). The
//! per-file figures are printed (`cargo test --test pdf_real -- --nocapture`). Skips with a
//! message when the data folder is absent.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use anguan::ingest::Limits;
use anguan::ingest::pdf::{self, score};

/// Files where poppler's reference is wrong (GBK bytes in non-embedded Chinese fonts).
const POPPLER_WRONG: &[&str] = &["pdfjs__SimFang-variant", "pdfjs__XiaoBiaoSong"];

/// `../shared/data/pdf-real` beside the checkout (for a worktree nested one level deeper, the
/// nearest ancestor's `shared/data`).
fn data_dir() -> Option<PathBuf> {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .skip(1)
        .map(|a| a.join("shared/data/pdf-real"))
        .find(|d| d.is_dir())
}

#[test]
fn real_pdfs_extract_without_panic_and_match_poppler() {
    let Some(dir) = data_dir() else {
        eprintln!("SKIPPED: ../shared/data/pdf-real is absent");
        return;
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    files.sort();
    assert!(files.len() >= 20, "expected the 20 PDFs of pdf-real, found {}", files.len());
    let mut rates = Vec::new();
    println!("{:<42} {:>6} {:>7} {:>7} {:>7} {:>7}", "file", "pages", "ref", "missing", "extra", "error");
    for path in &files {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(path).unwrap();
        let result = catch_unwind(AssertUnwindSafe(|| pdf::extract(&bytes, &Limits::default())));
        let Ok(result) = result else { panic!("{stem}: extraction panicked") };
        let reference = dir.join("poppler_pdftotext_reference").join(format!("{stem}.txt"));
        let reference = std::fs::read_to_string(reference).unwrap_or_default();
        let (text, pages) = match result {
            Ok(t) => (t.text, t.pages),
            Err(e) => {
                println!("{stem:<42} error: {e}");
                (String::new(), 0)
            }
        };
        let e = score::char_error(&reference, &text);
        let note = if POPPLER_WRONG.contains(&stem.as_str()) { "  (poppler wrong; not counted)" } else { "" };
        println!(
            "{stem:<42} {pages:>6} {:>7} {:>7} {:>7} {:>6.2}%{note}",
            e.reference,
            e.missing,
            e.extra,
            e.rate() * 100.0
        );
        if note.is_empty() {
            rates.push(e.rate());
        } else {
            println!("    first line: {}", text.lines().next().unwrap_or(""));
        }
    }
    let mean = rates.iter().sum::<f64>() / rates.len() as f64;
    println!("mean character error over {} files: {:.2}%", rates.len(), mean * 100.0);
    assert!(mean <= 0.02, "mean character error {:.2}% is above 2%", mean * 100.0);
}
