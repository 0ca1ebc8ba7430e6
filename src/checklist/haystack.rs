//! Whitespace-insensitive matching over a document's text.
//!
//! Extracted text carries layout whitespace that means nothing to a cue: PDF line wraps inside a
//! sentence, spaces between digits and Chinese (`2023 年 4 月`), spaced-out signatures (`检察官  陈  静`).
//! Cues therefore run over a compact copy of the text with every whitespace character removed, and
//! each match is mapped back to the original text; evidence and offsets always refer to the original.

use regex::Regex;

use crate::span::CharIndex;

/// A text, its character index, and its whitespace-free copy with the way back.
pub struct Haystack<'a> {
    pub text: &'a str,
    pub idx: CharIndex<'a>,
    compact: String,
    /// Original byte offset of the character at each compact byte, then the original length.
    orig: Vec<usize>,
}

impl<'a> Haystack<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut compact = String::with_capacity(text.len());
        let mut orig = Vec::with_capacity(text.len() + 1);
        for (b, c) in text.char_indices().filter(|(_, c)| !c.is_whitespace()) {
            compact.push(c);
            orig.extend(std::iter::repeat_n(b, c.len_utf8()));
        }
        orig.push(text.len());
        Haystack { text, idx: CharIndex::new(text), compact, orig }
    }

    /// The compact byte range covering the original byte range `[b0, b1)`.
    fn compact_range(&self, b0: usize, b1: usize) -> (usize, usize) {
        let c0 = self.orig.partition_point(|&o| o < b0).min(self.compact.len());
        let c1 = self.orig.partition_point(|&o| o < b1).min(self.compact.len());
        (c0, c1.max(c0))
    }

    /// The original byte range of the compact byte range `[c0, c1)`.
    fn original(&self, c0: usize, c1: usize) -> (usize, usize) {
        let o0 = self.orig.get(c0).copied().unwrap_or(self.text.len());
        if c1 <= c0 {
            return (o0, o0);
        }
        let last = self.compact.get(..c1).and_then(|s| s.chars().next_back()).map_or(0, char::len_utf8);
        let o1 = self.orig.get(c1 - last).map_or(self.text.len(), |&o| o + last);
        (o0, o1)
    }

    /// The non-empty matches of `re` within the original byte range `[b0, b1)`, lazily, as
    /// original byte ranges.
    pub fn find_iter<'r>(
        &'r self,
        re: &'r Regex,
        b0: usize,
        b1: usize,
    ) -> impl Iterator<Item = (usize, usize)> + 'r {
        let (c0, c1) = self.compact_range(b0, b1);
        let hay = self.compact.get(c0..c1).unwrap_or("");
        re.find_iter(hay)
            .filter(|m| m.end() > m.start())
            .map(move |m| self.original(c0 + m.start(), c0 + m.end()))
    }

    /// Every non-empty match of `re` within the original byte range `[b0, b1)`.
    pub fn find_all(&self, re: &Regex, b0: usize, b1: usize) -> Vec<(usize, usize)> {
        self.find_iter(re, b0, b1).collect()
    }

    /// The first non-empty match of `re` anywhere in the text.
    pub fn find(&self, re: &Regex) -> Option<(usize, usize)> {
        re.find_iter(&self.compact).find(|m| m.end() > m.start()).map(|m| self.original(m.start(), m.end()))
    }

    /// The first occurrence of a literal anywhere in the text.
    pub fn find_str(&self, needle: &str) -> Option<(usize, usize)> {
        let b = self.compact.find(needle)?;
        Some(self.original(b, b + needle.len()))
    }

    pub fn is_match(&self, re: &Regex) -> bool {
        re.is_match(&self.compact)
    }

    /// Length of the original text in bytes.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_across_layout_whitespace_map_back_to_the_original() {
        let text = "于 2023 年 4 月\n19 日被刑事拘留。检察官  陈  静";
        let hs = Haystack::new(text);
        let re = Regex::new(r"\d{4}年\d{1,2}月\d{1,2}日").unwrap();
        let (b0, b1) = hs.find(&re).unwrap();
        assert_eq!(&text[b0..b1], "2023 年 4 月\n19 日");
        let re = Regex::new(r"检察官[\p{Han}]{2}").unwrap();
        let (b0, b1) = hs.find(&re).unwrap();
        assert_eq!(&text[b0..b1], "检察官  陈  静");
        // Ranges restrict the search to part of the original text.
        let cut = text.find("检察官").unwrap();
        assert!(hs.find_all(&re, 0, cut).is_empty());
        assert_eq!(hs.find_all(&re, cut, text.len()).len(), 1);
        assert_eq!(hs.find_str("拘留"), text.find("拘留").map(|b| (b, b + 6)));
    }

    #[test]
    fn empty_and_blank_texts_have_no_matches() {
        let re = Regex::new("a").unwrap();
        assert!(Haystack::new("").find(&re).is_none());
        assert!(Haystack::new(" \n ").find_all(&re, 0, 3).is_empty());
    }
}
