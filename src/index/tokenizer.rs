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
    let mut out = Vec::new();
    for (position, p) in Pairs::new(text).enumerate() {
        let mut t = String::new();
        p.write(&mut t);
        out.push(Term {
            text: t,
            position,
            start: p.start,
            end: p.end,
            byte_start: p.byte_start,
            byte_end: p.byte_end,
        });
    }
    out
}

/// One bigram (or lone character) with its offsets.
#[derive(Debug, Clone, Copy)]
struct Pair {
    first: char,
    second: Option<char>,
    start: usize,
    end: usize,
    byte_start: usize,
    byte_end: usize,
}

impl Pair {
    fn write(&self, out: &mut String) {
        out.clear();
        out.push(self.first);
        out.extend(self.second);
    }
}

/// Streaming bigrams, without allocating: every pair of adjacent term characters, and a run of
/// one term character as itself.
struct Pairs<'a> {
    chars: std::iter::Enumerate<std::str::CharIndices<'a>>,
    len: usize,
    /// The previous term character: (char index, byte offset, normalised char).
    prev: Option<(usize, usize, char)>,
    run: usize,
    done: bool,
}

impl<'a> Pairs<'a> {
    fn new(text: &'a str) -> Pairs<'a> {
        Pairs { chars: text.char_indices().enumerate(), len: text.len(), prev: None, run: 0, done: false }
    }

    fn lone(&self, next_byte: usize) -> Option<Pair> {
        let (i, b, c) = self.prev?;
        (self.run == 1).then_some(Pair {
            first: c,
            second: None,
            start: i,
            end: i + 1,
            byte_start: b,
            byte_end: next_byte,
        })
    }
}

impl Iterator for Pairs<'_> {
    type Item = Pair;

    fn next(&mut self) -> Option<Pair> {
        while !self.done {
            let Some((i, (b, raw))) = self.chars.next() else {
                self.done = true;
                return self.lone(self.len);
            };
            let c = normalize_char(raw);
            if is_term_char(c) {
                let pair = match self.prev {
                    Some((pi, pb, pc)) if self.run > 0 => Some(Pair {
                        first: pc,
                        second: Some(c),
                        start: pi,
                        end: i + 1,
                        byte_start: pb,
                        byte_end: b + raw.len_utf8(),
                    }),
                    _ => None,
                };
                self.prev = Some((i, b, c));
                self.run += 1;
                if pair.is_some() {
                    return pair;
                }
            } else {
                let lone = self.lone(b);
                self.prev = None;
                self.run = 0;
                if lone.is_some() {
                    return lone;
                }
            }
        }
        None
    }
}

fn byte_offsets(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

/// The word analyzer for tantivy.
#[derive(Clone, Copy, Debug, Default)]
pub struct WordAnalyzer;

/// The bigram analyzer for tantivy (streaming, no allocation per term).
#[derive(Clone, Copy, Debug, Default)]
pub struct BigramAnalyzer;

/// Token stream over the words of a text.
pub struct WordStream {
    terms: std::vec::IntoIter<Term>,
    token: Token,
}

/// Token stream over the bigrams of a text.
pub struct BigramStream<'a> {
    pairs: Pairs<'a>,
    token: Token,
    position: usize,
}

impl Tokenizer for WordAnalyzer {
    type TokenStream<'a> = WordStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream {
        WordStream { terms: words(text).into_iter(), token: Token::default() }
    }
}

impl Tokenizer for BigramAnalyzer {
    type TokenStream<'a> = BigramStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> BigramStream<'a> {
        BigramStream { pairs: Pairs::new(text), token: Token::default(), position: 0 }
    }
}

impl TokenStream for WordStream {
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

impl TokenStream for BigramStream<'_> {
    fn advance(&mut self) -> bool {
        let Some(p) = self.pairs.next() else { return false };
        p.write(&mut self.token.text);
        self.token.offset_from = p.byte_start;
        self.token.offset_to = p.byte_end;
        self.token.position = self.position;
        self.token.position_length = 1;
        self.position += 1;
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
    index.tokenizers().register(WORDS, WordAnalyzer);
    index.tokenizers().register(BIGRAMS, BigramAnalyzer);
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
        assert_eq!(texts(&bigrams("a，罪名x")), vec!["a", "罪名", "名x"]);
        assert_eq!(texts(&bigrams("")), Vec::<&str>::new());
        let t = bigrams("，ＡＢ罪");
        assert_eq!((t[1].start, t[1].end, t[1].byte_start, t[1].byte_end, t[1].position), (2, 4, 6, 12, 1));
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
