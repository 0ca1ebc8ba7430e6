//! The two analyzers of the body text, registered with tantivy under [`WORDS`] and [`BIGRAMS`].
//!
//! Both work on [`normalize`]d text — full-width ASCII folded to half-width, ASCII lower-cased —
//! which keeps one character for one character, so character offsets stay valid for the original.
//!
//! * **words**: jieba precise-mode words of [`Segmenter`] (with the legal dictionary); whitespace
//!   and punctuation are not terms. Positions count words, so phrase queries work.
//! * **bigrams**: every pair of adjacent characters inside a run of letters, digits and CJK
//!   characters (a run of one character gives that character). Positions count pairs, so a phrase
//!   of pairs is an exact substring match: "犯罪活动" inside 帮助信息网络犯罪活动罪, "处理" inside
//!   "待处理" are found although the word field holds only the longer word.
//!
//! Queries are analysed with the same functions ([`words`], [`bigrams`]), never with a different
//! pipeline, so a query term and an indexed term are always built alike.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::segment::Segmenter;

/// Name of the word analyzer.
pub const WORDS: &str = "anguan_words";
/// Name of the character-bigram analyzer.
pub const BIGRAMS: &str = "anguan_bigrams";

/// Fold full-width ASCII (U+FF01..U+FF5E) and the ideographic space to half-width and lower-case
/// ASCII letters; every character maps to exactly one character.
pub fn normalize_char(c: char) -> char {
    let c = match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    c.to_ascii_lowercase()
}

/// [`normalize_char`] over a string (same number of characters).
pub fn normalize(text: &str) -> String {
    text.chars().map(normalize_char).collect()
}

/// Whether a character belongs to a run that the bigram analyzer splits into pairs.
pub fn is_term_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// A term with its position and its character range in the analysed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub text: String,
    pub position: usize,
    /// Character offsets, end exclusive.
    pub start: usize,
    pub end: usize,
    /// Byte offsets into the analysed text.
    pub byte_start: usize,
    pub byte_end: usize,
}

/// Word terms of `text` (normalised first).
pub fn words(text: &str) -> Vec<Term> {
    let norm = normalize(text);
    let mut out = Vec::new();
    // Byte offsets of `norm` differ from `text` (full-width → half-width); map via char offsets.
    let byte_of = byte_offsets(text);
    for tok in Segmenter::global().tokens(&norm) {
        if !tok.word.chars().any(is_term_char) {
            continue;
        }
        out.push(Term {
            text: tok.word.to_string(),
            position: out.len(),
            start: tok.start,
            end: tok.end,
            byte_start: byte_of.get(tok.start).copied().unwrap_or(text.len()),
            byte_end: byte_of.get(tok.end).copied().unwrap_or(text.len()),
        });
    }
    out
}

/// Character-bigram terms of `text` (normalised first).
pub fn bigrams(text: &str) -> Vec<Term> {
    let chars: Vec<(usize, char)> = text.char_indices().map(|(b, c)| (b, normalize_char(c))).collect();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut out: Vec<Term> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars.get(i).is_some_and(|&(_, c)| is_term_char(c)) {
            i += 1;
            continue;
        }
        let start = i;
        while chars.get(i).is_some_and(|&(_, c)| is_term_char(c)) {
            i += 1;
        }
        let run = chars.get(start..i).unwrap_or_default();
        if run.len() == 1 {
            let text: String = run.iter().map(|&(_, c)| c).collect();
            out.push(Term {
                text,
                position: out.len(),
                start,
                end: i,
                byte_start: byte_at(start),
                byte_end: byte_at(i),
            });
            continue;
        }
        for (k, pair) in run.windows(2).enumerate() {
            let text: String = pair.iter().map(|&(_, c)| c).collect();
            out.push(Term {
                text,
                position: out.len(),
                start: start + k,
                end: start + k + 2,
                byte_start: byte_at(start + k),
                byte_end: byte_at(start + k + 2),
            });
        }
    }
    out
}

fn byte_offsets(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

/// The tantivy tokenizer over one of the analyzers.
#[derive(Clone, Copy, Debug)]
pub struct Analyzer {
    analyse: fn(&str) -> Vec<Term>,
}

impl Analyzer {
    pub fn words() -> Analyzer {
        Analyzer { analyse: words }
    }

    pub fn bigrams() -> Analyzer {
        Analyzer { analyse: bigrams }
    }
}

/// Token stream over precomputed terms.
pub struct Terms {
    terms: std::vec::IntoIter<Term>,
    token: Token,
}

impl Tokenizer for Analyzer {
    type TokenStream<'a> = Terms;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Terms {
        Terms { terms: (self.analyse)(text).into_iter(), token: Token::default() }
    }
}

impl TokenStream for Terms {
    fn advance(&mut self) -> bool {
        let Some(t) = self.terms.next() else { return false };
        self.token = Token {
            offset_from: t.byte_start,
            offset_to: t.byte_end,
            position: t.position,
            text: t.text,
            position_length: 1,
        };
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// Register both analyzers with an index.
pub fn register(index: &tantivy::Index) {
    index.tokenizers().register(WORDS, Analyzer::words());
    index.tokenizers().register(BIGRAMS, Analyzer::bigrams());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(ts: &[Term]) -> Vec<&str> {
        ts.iter().map(|t| t.text.as_str()).collect()
    }

    #[test]
    fn bigrams_cover_every_pair_and_fold_full_width() {
        assert_eq!(texts(&bigrams("待处理，ＡＢ1")), vec!["待处", "处理", "ab", "b1"]);
        assert_eq!(texts(&bigrams("罪。")), vec!["罪"]);
        let t = bigrams("ＡＢ");
        assert_eq!((t[0].start, t[0].end, t[0].byte_start, t[0].byte_end), (0, 2, 0, 6));
    }

    #[test]
    fn words_keep_legal_terms_and_skip_punctuation() {
        let w = words("被告人犯帮助信息网络犯罪活动罪， 取保候审");
        assert!(texts(&w).contains(&"帮助信息网络犯罪活动罪"));
        assert!(texts(&w).contains(&"取保候审"));
        assert!(!texts(&w).iter().any(|t| t.trim().is_empty() || *t == "，"));
        assert!(w.windows(2).all(|p| p[1].position == p[0].position + 1));
    }
}
