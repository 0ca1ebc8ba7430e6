//! The analyzers of the body text, registered with tantivy under [`WORDS`], [`BIGRAMS`] and
//! [`FACTS`].
//!
//! All work on [`normalize`]d text — full-width ASCII folded to half-width, ASCII lower-cased —
//! which keeps one character for one character, so character offsets stay valid for the original.
//!
//! * **words**: jieba precise-mode words of [`Segmenter`] (with the legal dictionary); whitespace
//!   and punctuation are not terms. Positions count words, so phrase queries work.
//! * **bigrams**: every pair of adjacent characters inside a run of letters, digits and CJK
//!   characters (a run of one character gives that character). A pair's position is the character
//!   index of its first character, so a phrase of pairs is an exact substring match: "犯罪活动"
//!   inside 帮助信息网络犯罪活动罪, "处理" inside "待处理" are found although the word field holds
//!   only the longer word — and a phrase never runs on across a gap ("盗窃，窃取" does not hold
//!   "盗窃取": its pairs 盗窃 and 窃取 are three positions apart, not one).
//! * **facts**: the words of the facts section, taken from the body's words just computed on the
//!   same thread ([`FactsAnalyzer`]), so a document is segmented once.
//!
//! Tokens are streamed from one segmentation per text ([`WordSpans`]: the normalised text and word
//! ranges), refilling one token buffer: no `String` per word.
//!
//! Queries are analysed with the same functions ([`words`], [`bigrams`]), never with a different
//! pipeline, so a query term and an indexed term are always built alike.

use std::cell::RefCell;
use std::rc::Rc;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::segment::Segmenter;

/// Name of the word analyzer.
pub const WORDS: &str = "anguan_words";
/// Name of the facts-section analyzer (the words of the body, reused; see [`FactsAnalyzer`]).
pub const FACTS: &str = "anguan_facts";
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

/// [`normalize_char`] over a string (same number of characters). A character never gets longer
/// in UTF-8, so a result as long as `text` has every character at the same byte offset.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Copy the unchanged runs whole; most characters of legal text are unchanged.
    let mut copied = 0;
    for (i, c) in text.char_indices() {
        let n = normalize_char(c);
        if n != c {
            out.push_str(text.get(copied..i).unwrap_or_default());
            out.push(n);
            copied = i + c.len_utf8();
        }
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    out
}

/// Whether a character belongs to a run that the bigram analyzer splits into pairs.
pub fn is_term_char(c: char) -> bool {
    // CJK Unified Ideographs first: most characters of the text, and a table lookup otherwise.
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || c.is_alphanumeric()
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
    let a = WordSpans::new(text);
    a.spans
        .iter()
        .enumerate()
        .map(|(position, w)| Term {
            text: a.word(w).to_string(),
            position,
            start: w.start,
            end: w.end,
            byte_start: w.byte_start,
            byte_end: w.byte_end,
        })
        .collect()
}

/// The words of a text without a `String` per word: the normalised text once, and per word its
/// ranges. What the word and facts analyzers stream from.
#[derive(Debug, Default)]
pub struct WordSpans {
    norm: String,
    spans: Vec<WordSpan>,
}

/// One word: bytes `[norm_start, norm_end)` of the normalised text, characters `[start, end)`
/// and bytes `[byte_start, byte_end)` of the original.
#[derive(Debug, Clone, Copy)]
struct WordSpan {
    norm_start: usize,
    norm_end: usize,
    start: usize,
    end: usize,
    byte_start: usize,
    byte_end: usize,
}

impl WordSpans {
    /// Segment `text` (normalised first); whitespace and punctuation are not words.
    pub fn new(text: &str) -> WordSpans {
        let norm = normalize(text);
        let mut spans = Vec::new();
        // Byte offsets of `norm` differ from `text` when a character got shorter (full-width →
        // half-width): then walk the original once, words come in order.
        let same_bytes = norm.len() == text.len();
        let mut cursor = CharCursor { chars: text.char_indices(), char: 0, byte: 0, len: text.len() };
        for tok in Segmenter::global().tokens(&norm) {
            if !tok.word.chars().any(is_term_char) {
                continue;
            }
            let (byte_start, byte_end) = if same_bytes {
                (tok.byte_start, tok.byte_end)
            } else {
                (cursor.byte_of(tok.start), cursor.byte_of(tok.end))
            };
            spans.push(WordSpan {
                norm_start: tok.byte_start,
                norm_end: tok.byte_end,
                start: tok.start,
                end: tok.end,
                byte_start,
                byte_end,
            });
        }
        WordSpans { norm, spans }
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    fn word(&self, w: &WordSpan) -> &str {
        self.norm.get(w.norm_start..w.norm_end).unwrap_or_default()
    }
}

/// Byte offset of a character index, moving forward only.
struct CharCursor<'a> {
    chars: std::str::CharIndices<'a>,
    /// The character index reached and its byte offset.
    char: usize,
    byte: usize,
    len: usize,
}

impl CharCursor<'_> {
    fn byte_of(&mut self, char: usize) -> usize {
        while self.char < char {
            match self.chars.next() {
                Some((b, c)) => self.byte = b + c.len_utf8(),
                None => return self.len,
            }
            self.char += 1;
        }
        self.byte
    }
}

/// Character-bigram terms of `text` (normalised first).
pub fn bigrams(text: &str) -> Vec<Term> {
    let mut out = Vec::new();
    for p in Pairs::new(text) {
        let mut t = String::new();
        p.write(&mut t);
        out.push(Term {
            text: t,
            position: p.start,
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

/// The word analyzer for tantivy (one `String` per text, not per word).
#[derive(Clone, Copy, Debug, Default)]
pub struct WordAnalyzer;

/// The analyzer of the facts field: the words of the facts section. It reuses the words that
/// [`WordAnalyzer`] just found for the whole body in the same thread — tantivy indexes a
/// document's fields in field order on one thread, `words` before `facts` — when the facts text is
/// part of that body, so the body is segmented once; otherwise it segments the text itself.
#[derive(Clone, Copy, Debug, Default)]
pub struct FactsAnalyzer;

/// The bigram analyzer for tantivy (streaming, no allocation per term).
#[derive(Clone, Copy, Debug, Default)]
pub struct BigramAnalyzer;

thread_local! {
    /// The last text [`WordAnalyzer`] segmented on this thread (its buffer reused from one
    /// document to the next), and its words until [`FactsAnalyzer`] takes them.
    static LAST_BODY: RefCell<(String, Option<Rc<WordSpans>>)> = const { RefCell::new((String::new(), None)) };
}

/// Token stream over (a range of) the words of a text.
pub struct WordStream {
    words: Rc<WordSpans>,
    /// Indices of the words to stream, and the byte offset that token offsets are relative to.
    next: usize,
    end: usize,
    base: usize,
    position: usize,
    token: Token,
}

impl WordStream {
    fn all(words: Rc<WordSpans>) -> WordStream {
        let end = words.spans.len();
        WordStream { words, next: 0, end, base: 0, position: 0, token: Token::default() }
    }
}

/// Token stream over the bigrams of a text.
pub struct BigramStream<'a> {
    pairs: Pairs<'a>,
    token: Token,
}

impl Tokenizer for WordAnalyzer {
    type TokenStream<'a> = WordStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream {
        let words = Rc::new(WordSpans::new(text));
        LAST_BODY.with(|last| {
            let (body, last_words) = &mut *last.borrow_mut();
            body.clear();
            body.push_str(text);
            *last_words = Some(Rc::clone(&words));
        });
        WordStream::all(words)
    }
}

impl Tokenizer for FactsAnalyzer {
    type TokenStream<'a> = WordStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream {
        let reused = LAST_BODY.with(|last| {
            let (body, last_words) = &mut *last.borrow_mut();
            let words = last_words.take()?;
            let at = if body == text { 0 } else { body.find(text)? };
            Some((at, words))
        });
        let Some((at, words)) = reused else { return WordStream::all(Rc::new(WordSpans::new(text))) };
        // The words lying wholly inside the facts text.
        let next = words.spans.partition_point(|w| w.byte_start < at);
        let end = words.spans.partition_point(|w| w.byte_end <= at + text.len()).max(next);
        WordStream { words, next, end, base: at, position: 0, token: Token::default() }
    }
}

impl Tokenizer for BigramAnalyzer {
    type TokenStream<'a> = BigramStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> BigramStream<'a> {
        BigramStream { pairs: Pairs::new(text), token: Token::default() }
    }
}

impl TokenStream for WordStream {
    fn advance(&mut self) -> bool {
        if self.next >= self.end {
            return false;
        }
        let Some(w) = self.words.spans.get(self.next) else { return false };
        self.next += 1;
        self.token.text.clear();
        self.token.text.push_str(self.words.word(w));
        self.token.offset_from = w.byte_start - self.base;
        self.token.offset_to = w.byte_end - self.base;
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

impl TokenStream for BigramStream<'_> {
    fn advance(&mut self) -> bool {
        let Some(p) = self.pairs.next() else { return false };
        p.write(&mut self.token.text);
        self.token.offset_from = p.byte_start;
        self.token.offset_to = p.byte_end;
        // The character index, not a count of pairs: gaps stay gaps (see the module doc).
        self.token.position = p.start;
        self.token.position_length = 1;
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// Register the analyzers with an index.
pub fn register(index: &tantivy::Index) {
    index.tokenizers().register(WORDS, WordAnalyzer);
    index.tokenizers().register(FACTS, FactsAnalyzer);
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
        assert_eq!((t[1].start, t[1].end, t[1].byte_start, t[1].byte_end, t[1].position), (2, 4, 6, 12, 2));
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

    #[test]
    fn normalize_folds_and_keeps_offsets() {
        assert_eq!(normalize("ＡＢ　c，Ｄ罪x"), "ab c,d罪x");
        assert_eq!(normalize(""), "");
        assert_eq!(normalize("被告人张某"), "被告人张某");
        // Word byte offsets index the original text, with or without characters that shrink.
        for text in ["被告人张某某盗窃电动自行车一辆", "被告人ＺＨＡＮＧ盗窃，价值１２００元。"]
        {
            for t in words(text) {
                assert_eq!(normalize(&text[t.byte_start..t.byte_end]), t.text, "{text}");
                assert_eq!(text[..t.byte_start].chars().count(), t.start);
            }
        }
    }

    fn stream(mut ts: impl TokenStream) -> Vec<(String, usize, usize, usize)> {
        let mut out = Vec::new();
        while ts.advance() {
            let t = ts.token();
            out.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
        }
        out
    }

    #[test]
    fn facts_reuse_the_body_words_of_the_same_thread() {
        let body = "北京市朝阳区人民检察院\n起诉书\n经依法审查查明：２０２３年被告人张某某盗窃电动自行车。\n本院认为";
        let facts = "经依法审查查明：２０２３年被告人张某某盗窃电动自行车。";
        let words = stream(WordAnalyzer.token_stream(body));
        let reused = stream(FactsAnalyzer.token_stream(facts));
        // Same words as segmenting the facts alone, offsets relative to the facts text.
        let alone = stream(FactsAnalyzer.token_stream(facts));
        assert_eq!(reused, alone);
        assert!(reused.iter().any(|t| t.0 == "盗窃"));
        assert!(reused.iter().enumerate().all(|(i, t)| t.1 == i));
        for (text, _, from, to) in &reused {
            assert_eq!(normalize(&facts[*from..*to]), *text);
        }
        assert!(words.len() > reused.len());
        // Words streamed with a reused buffer keep their offsets into the original text.
        for (text, _, from, to) in &words {
            assert_eq!(normalize(&body[*from..*to]), *text);
        }
        // The whole body as facts (no facts section), and a text that is not part of the body.
        let _ = stream(WordAnalyzer.token_stream(body));
        assert_eq!(stream(FactsAnalyzer.token_stream(body)), words);
        let _ = stream(WordAnalyzer.token_stream(body));
        assert_eq!(texts_of(&stream(FactsAnalyzer.token_stream("取保候审"))), vec!["取保候审"]);
    }

    fn texts_of(ts: &[(String, usize, usize, usize)]) -> Vec<&str> {
        ts.iter().map(|t| t.0.as_str()).collect()
    }
}
