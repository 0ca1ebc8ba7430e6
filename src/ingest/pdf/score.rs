//! Character error of extracted text against a reference text, for conformance tests and
//! `anguan bench ingest`.
//!
//! Reading order legitimately differs between extractors (poppler's `-layout` keeps columns side
//! by side), so texts are compared as multisets of their counted characters — CJK and other
//! letters and digits (`char::is_alphanumeric`); punctuation and whitespace are ignored. The error
//! is (characters missing + characters extra) / characters of the reference.

use std::collections::HashMap;

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
