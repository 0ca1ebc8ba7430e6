//! Character error of extracted text against a reference text, for conformance tests and
//! `anguan bench ingest`.
//!
//! Reading order legitimately differs between extractors (poppler's `-layout` keeps columns side
//! by side), so texts are compared as multisets of their counted characters — CJK and other
//! letters and digits (`char::is_alphanumeric`); punctuation and whitespace are ignored. The error
//! is (characters missing + characters extra) / characters of the reference.
//!
//! [`score_folder`] runs the extractor over a folder of PDFs laid out like
//! `../shared/data/pdf-real` (`NAME.pdf` with `poppler_pdftotext_reference/NAME.txt`), catching
//! panics, and [`table`] prints the per-file figures.

use std::collections::HashMap;
use std::fmt::Write;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use crate::ingest::Limits;

/// Files of pdf-real whose poppler reference is wrong (GBK bytes in non-embedded Chinese fonts,
/// printed by poppler as Latin-1 mojibake); see that folder's README. They are scored but not
/// counted in the mean.
pub const POPPLER_WRONG: &[&str] = &["pdfjs__SimFang-variant", "pdfjs__XiaoBiaoSong"];

/// The comparison of one text with its reference.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CharError {
    /// Counted characters in the reference.
    pub reference: usize,
    /// Counted characters in the extracted text.
    pub extracted: usize,
    /// Reference characters the extraction lacks.
    pub missing: usize,
    /// Extracted characters the reference lacks.
    pub extra: usize,
}

impl CharError {
    /// (missing + extra) / reference; 0 when both are empty, 1 when only the reference is.
    pub fn rate(&self) -> f64 {
        if self.reference == 0 {
            return if self.extracted == 0 { 0.0 } else { 1.0 };
        }
        (self.missing + self.extra) as f64 / self.reference as f64
    }
}

fn counts(text: &str) -> HashMap<char, usize> {
    let mut map = HashMap::new();
    for c in text.chars().filter(|c| c.is_alphanumeric()) {
        *map.entry(c).or_insert(0) += 1;
    }
    map
}

/// Compare `extracted` with `reference`.
pub fn char_error(reference: &str, extracted: &str) -> CharError {
    let want = counts(reference);
    let got = counts(extracted);
    let missing = want.iter().map(|(c, n)| n.saturating_sub(got.get(c).copied().unwrap_or(0))).sum();
    let extra = got.iter().map(|(c, n)| n.saturating_sub(want.get(c).copied().unwrap_or(0))).sum();
    CharError { reference: want.values().sum(), extracted: got.values().sum(), missing, extra }
}

/// The result of one file of a conformance folder.
#[derive(Debug, Clone)]
pub struct FileScore {
    /// File stem.
    pub file: String,
    pub pages: usize,
    pub error: CharError,
    /// Why extraction failed (an error message, or "panic").
    pub failure: Option<String>,
    /// Whether the reference is known to be wrong for this file ([`POPPLER_WRONG`]).
    pub reference_wrong: bool,
    /// The first 30 characters of the extracted text, lines separated by ` / ` (to show files
    /// without a usable reference).
    pub preview: String,
}

/// Extract every PDF of `dir` and compare it with its reference; files in name order.
pub fn score_folder(dir: &Path, limits: &Limits) -> std::io::Result<Vec<FileScore>> {
    let mut files: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")))
        .collect();
    files.sort();
    let mut scores = Vec::new();
    for path in files {
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let bytes = std::fs::read(&path)?;
        let reference = dir.join("poppler_pdftotext_reference").join(format!("{stem}.txt"));
        let reference = std::fs::read_to_string(reference).unwrap_or_default();
        let (text, pages, failure) = match catch_unwind(AssertUnwindSafe(|| super::extract(&bytes, limits))) {
            Ok(Ok(pdf)) => (pdf.text, pdf.pages, None),
            Ok(Err(e)) => (String::new(), 0, Some(e.to_string())),
            Err(_) => (String::new(), 0, Some("panic".to_string())),
        };
        scores.push(FileScore {
            reference_wrong: POPPLER_WRONG.contains(&stem.as_str()),
            error: char_error(&reference, &text),
            preview: text.split_whitespace().collect::<Vec<_>>().join(" / ").chars().take(30).collect(),
            file: stem,
            pages,
            failure,
        });
    }
    Ok(scores)
}

/// Mean error rate over the files whose reference is right.
pub fn mean_rate(scores: &[FileScore]) -> f64 {
    let counted: Vec<f64> = scores.iter().filter(|s| !s.reference_wrong).map(|s| s.error.rate()).collect();
    if counted.is_empty() { 0.0 } else { counted.iter().sum::<f64>() / counted.len() as f64 }
}

/// The per-file table, with the mean.
pub fn table(scores: &[FileScore]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<42} {:>5} {:>7} {:>7} {:>7} {:>8}",
        "file", "pages", "ref", "missing", "extra", "error"
    );
    for s in scores {
        let e = &s.error;
        let _ = write!(
            out,
            "{:<42} {:>5} {:>7} {:>7} {:>7} {:>7.2}%",
            s.file,
            s.pages,
            e.reference,
            e.missing,
            e.extra,
            e.rate() * 100.0
        );
        if let Some(failure) = &s.failure {
            let _ = write!(out, "  FAILED: {failure}");
        }
        if s.reference_wrong {
            let _ = write!(out, "  (reference wrong, not counted; ours begins: {})", s.preview);
        }
        out.push('\n');
    }
    let counted = scores.iter().filter(|s| !s.reference_wrong).count();
    let _ = writeln!(out, "mean character error over {counted} files: {:.2}%", mean_rate(scores) * 100.0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_and_spacing_do_not_count() {
        let e = char_error("张某某  2023年\n第一页", "第一页 张某某2023年");
        assert_eq!(e.rate(), 0.0);
        let e = char_error("甲乙丙丁", "甲乙丙戊戊");
        assert_eq!((e.missing, e.extra, e.reference), (1, 2, 4));
        assert!((e.rate() - 0.75).abs() < 1e-9);
    }
}
