//! A text prepared once for every analyzer: [`Analysed`] holds the normalised text, where it got
//! shorter than the original, and (once segmented) its words.
//!
//! Normalising folds full-width ASCII and the ideographic space (3 UTF-8 bytes each) to one ASCII
//! byte and lower-cases ASCII letters, so the only byte shifts between the normalised text and the
//! original are those folds: `shrunk` lists them, and [`Analysed::original`] turns a byte offset of the
//! normalised text back into the original's with a cursor that only moves forward. Character
//! offsets are the same in both texts.
//!
//! The buffers are kept from one document to the next by the analyzers ([`Analysed::clear`]).

use super::{blocks, is_term_char};
use crate::segment::Segmenter;

/// How many bytes a folded character loses (3 UTF-8 bytes become 1).
const SHRINK: usize = 2;

/// The normalised text, its folds and its words.
#[derive(Debug, Default)]
pub struct Analysed {
    pub(super) norm: String,
    /// Byte offsets, in `norm`, of the characters that got shorter (each by [`SHRINK`]).
    shrunk: Vec<usize>,
    pub(super) spans: Vec<WordSpan>,
}

/// One word: bytes `[norm_start, norm_end)` of the normalised text, characters `[start, end)`
/// and bytes `[byte_start, byte_end)` of the original.
#[derive(Debug, Clone, Copy)]
pub(super) struct WordSpan {
    pub norm_start: usize,
    pub norm_end: usize,
    pub start: usize,
    pub end: usize,
    pub byte_start: usize,
    pub byte_end: usize,
}

/// How the words of a text are found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cut {
    /// jieba over the whole text (queries, short texts).
    Plain,
    /// jieba per dictionary block, with this thread's cache of recent blocks (indexing).
    Cached,
}

impl Analysed {
    /// Normalise `text` (its words are not computed).
    pub fn normalised(text: &str) -> Analysed {
        let mut a = Analysed::default();
        a.normalise(text);
        a
    }

    /// Normalise and segment `text`.
    pub(super) fn segmented(text: &str, cut: Cut) -> Analysed {
        let mut a = Analysed::default();
        a.analyse(text, cut);
        a
    }

    /// Empty the buffers, keeping their memory.
    pub fn clear(&mut self) {
        self.norm.clear();
        self.shrunk.clear();
        self.spans.clear();
    }

    /// Normalise and segment `text` into these buffers.
    pub(super) fn analyse(&mut self, text: &str, cut: Cut) {
        self.normalise(text);
        let Analysed { norm, shrunk, spans } = self;
        let (mut starts, mut ends) = (ByteCursor::default(), ByteCursor::default());
        let mut push = |norm_start: usize, norm_end: usize, start: usize, end: usize| {
            spans.push(WordSpan {
                norm_start,
                norm_end,
                start,
                end,
                byte_start: starts.original(shrunk, norm_start),
                byte_end: ends.original(shrunk, norm_end),
            });
        };
        match cut {
            Cut::Cached => blocks::for_each_word(norm, |w| push(w.byte_start, w.byte_end, w.start, w.end)),
            Cut::Plain => {
                for tok in Segmenter::global().tokens(norm) {
                    if tok.word.chars().any(is_term_char) {
                        push(tok.byte_start, tok.byte_end, tok.start, tok.end);
                    }
                }
            }
        }
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    pub(super) fn word(&self, w: &WordSpan) -> &str {
        self.norm.get(w.norm_start..w.norm_end).unwrap_or_default()
    }

    /// The original byte offset of character boundary `norm` of the normalised text; `cursor`
    /// must only be asked increasing offsets.
    pub(super) fn original(&self, cursor: &mut ByteCursor, norm: usize) -> usize {
        cursor.original(&self.shrunk, norm)
    }

    /// Fill `norm` and `shrunk` from `text` (see the module doc).
    fn normalise(&mut self, text: &str) {
        self.clear();
        let bytes = text.as_bytes();
        // Copy the unchanged runs whole: most characters of legal text are unchanged. Only ASCII
        // capitals and the 3-byte sequences led by 0xE3 (U+3000) or 0xEF (U+FF01..U+FF5E) change.
        let (mut copied, mut i) = (0, 0);
        while let Some(&b) = bytes.get(i) {
            let (folded, len) = match b {
                b'A'..=b'Z' => (b.to_ascii_lowercase(), 1),
                0x00..=0x7F => {
                    i += 1;
                    continue;
                }
                0xE3 | 0xEF => match fold_wide(b, bytes.get(i + 1..i + 3)) {
                    Some(folded) => (folded, 3),
                    None => {
                        i += 3;
                        continue;
                    }
                },
                0xE0..=0xEF => {
                    i += 3;
                    continue;
                }
                0xF0..=0xFF => {
                    i += 4;
                    continue;
                }
                _ => {
                    i += 2;
                    continue;
                }
            };
            // `i` is at an ASCII byte or a lead byte: a character boundary.
            self.norm.push_str(text.get(copied..i).unwrap_or_default());
            if len == 3 {
                self.shrunk.push(self.norm.len());
            }
            self.norm.push(char::from(folded));
            i += len;
            copied = i;
        }
        self.norm.push_str(text.get(copied..).unwrap_or_default());
    }
}

/// The ASCII byte of a full-width form or the ideographic space, from its UTF-8 bytes (`lead`
/// and the two after it); `None` for any other character.
fn fold_wide(lead: u8, rest: Option<&[u8]>) -> Option<u8> {
    match (lead, rest?) {
        (0xE3, [0x80, 0x80]) => Some(b' '),
        // U+FF01..U+FF3F → '!'..'_' (capitals lower-cased).
        (0xEF, [0xBC, c @ 0x81..=0xBF]) => Some((c - 0x60).to_ascii_lowercase()),
        // U+FF40..U+FF5E → '`'..'~'.
        (0xEF, [0xBD, c @ 0x80..=0x9E]) => Some(c - 0x20),
        _ => None,
    }
}

/// Original byte offsets of normalised byte offsets asked in increasing order.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct ByteCursor {
    /// How many folds lie before the last offset asked.
    before: usize,
}

impl ByteCursor {
    /// The original byte offset of character boundary `norm`, given the folds `shrunk`.
    fn original(&mut self, shrunk: &[usize], norm: usize) -> usize {
        while shrunk.get(self.before).is_some_and(|&s| s < norm) {
            self.before += 1;
        }
        norm + SHRINK * self.before
    }
}

#[cfg(test)]
mod tests {
    use super::super::normalize_char;
    use super::*;

    #[test]
    fn normalising_matches_normalize_char_on_every_character() {
        let all: String = (0..=0x10FFFFu32).filter_map(char::from_u32).collect();
        let expected: String = all.chars().map(normalize_char).collect();
        let a = Analysed::normalised(&all);
        assert_eq!(a.norm, expected);
        // Every character boundary maps back to the same character of the original.
        let mut cursor = ByteCursor::default();
        let mut originals = all.char_indices();
        for (nb, c) in a.norm.char_indices() {
            let (ob, raw) = originals.next().unwrap_or_default();
            assert_eq!(a.original(&mut cursor, nb), ob, "{c:?}");
            assert_eq!(normalize_char(raw), c);
        }
        assert_eq!(a.original(&mut cursor, a.norm.len()), all.len());
    }
}
