//! Character offsets.
//!
//! Every offset anguan publishes (elements, evidence, highlights, sections) counts Unicode scalar
//! values, end exclusive, into the extracted text — what a JavaScript or Python user gets from
//! indexing the string by characters. Rust strings index by bytes, so code that finds a match with
//! a byte-oriented tool (regex, `str::find`) converts through a [`CharIndex`] built once per text.

use serde::{Deserialize, Serialize};

/// A piece of a text: character offsets `[start, end)` and the characters themselves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// Byte ↔ character offset conversion for one text, built in one pass.
///
/// ```
/// use anguan::span::CharIndex;
/// let text = "被告人A某，男";
/// let idx = CharIndex::new(text);
/// let byte = text.find('A').unwrap();
/// assert_eq!(idx.char_of_byte(byte), 3);
/// assert_eq!(idx.byte_of_char(3), byte);
/// assert_eq!(idx.slice(3, 5), "A某");
/// ```
#[derive(Debug, Clone)]
pub struct CharIndex<'a> {
    text: &'a str,
    /// Byte offset of each character, plus the text length at the end.
    bytes: std::borrow::Cow<'a, [usize]>,
}

impl<'a> CharIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        CharIndex { text, bytes: std::borrow::Cow::Owned(char_offsets(text)) }
    }

    /// An index over `text` from offsets [`char_offsets`] computed for it earlier (kept by whoever
    /// uses the index many times); nothing is copied.
    pub(crate) fn from_offsets(text: &'a str, offsets: &'a [usize]) -> Self {
        debug_assert_eq!(offsets.last(), Some(&text.len()));
        CharIndex { text, bytes: std::borrow::Cow::Borrowed(offsets) }
    }

    /// Number of characters in the text.
    pub fn len(&self) -> usize {
        self.bytes.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The character offset of a byte offset; a byte inside a character maps to that character,
    /// a byte past the end maps to the end.
    pub fn char_of_byte(&self, byte: usize) -> usize {
        match self.bytes.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1).min(self.len()),
        }
    }

    /// The byte offset of a character offset, clamped to the text's end.
    pub fn byte_of_char(&self, ch: usize) -> usize {
        self.bytes.get(ch).copied().unwrap_or(self.text.len())
    }

    /// The characters `[start, end)`, clamped; empty when `start >= end`.
    pub fn slice(&self, start: usize, end: usize) -> &'a str {
        let (b0, b1) = (self.byte_of_char(start), self.byte_of_char(end));
        if b0 >= b1 { "" } else { self.text.get(b0..b1).unwrap_or("") }
    }

    /// A [`Span`] for the character range `[start, end)`.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let end = end.min(self.len());
        let start = start.min(end);
        Span { start, end, text: self.slice(start, end).to_string() }
    }

    /// A [`Span`] for the byte range `[start, end)` (as a regex match gives it).
    pub fn span_of_bytes(&self, start: usize, end: usize) -> Span {
        self.span(self.char_of_byte(start), self.char_of_byte(end))
    }
}

/// The byte offset of each character of `text`, then `text.len()`: what a [`CharIndex`] holds.
pub(crate) fn char_offsets(text: &str) -> Vec<usize> {
    let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    bytes.push(text.len());
    bytes
}

/// Number of characters of a string (the offset of its end).
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// The characters `[start, end)` of `text`, found in one pass that stops at `end` (no index is
/// built); `None` unless `start < end <= ` the text's length in characters.
///
/// ```
/// assert_eq!(anguan::span::char_slice("被告人A某，男", 3, 5), Some("A某"));
/// assert_eq!(anguan::span::char_slice("被告人", 1, 4), None);
/// ```
pub fn char_slice(text: &str, start: usize, end: usize) -> Option<&str> {
    if start >= end {
        return None;
    }
    let mut bounds = text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len()));
    let b0 = bounds.nth(start)?;
    let b1 = bounds.nth(end - start - 1)?;
    text.get(b0..b1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_slice_agrees_with_the_index() {
        let t = "二〇二三年ＡＢ12元😀x";
        let idx = CharIndex::new(t);
        let n = idx.len();
        for start in 0..=n + 1 {
            for end in 0..=n + 1 {
                let want = (start < end && end <= n).then(|| idx.slice(start, end));
                assert_eq!(char_slice(t, start, end), want, "{start}..{end}");
            }
        }
    }

    #[test]
    fn offsets_round_trip_on_mixed_text() {
        let t = "二〇二三年ＡＢ12元😀x";
        let idx = CharIndex::new(t);
        for (ci, (b, _)) in t.char_indices().enumerate() {
            assert_eq!(idx.char_of_byte(b), ci);
            assert_eq!(idx.byte_of_char(ci), b);
        }
        assert_eq!(idx.len(), t.chars().count());
        assert_eq!(idx.slice(5, 7), "ＡＢ");
        assert_eq!(idx.slice(7, 100), "12元😀x");
        assert_eq!(idx.slice(9, 3), "");
        assert_eq!(idx.span_of_bytes(0, 3).text, "二");
    }
}
