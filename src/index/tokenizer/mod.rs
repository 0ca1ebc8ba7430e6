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
//! A body is normalised and segmented once per document ([`Analysed`]: the normalised text, where
//! it is shorter than the original, the word ranges), into buffers kept from one document to the
//! next; the word, bigram and facts streams all read it, refilling one token buffer: no `String`
//! per term. Indexing segments block by block with a per-thread cache of recent blocks
//! (module `blocks`: the same words, found once per repeated clause).
//!
//! Queries are analysed with the same functions ([`words`], [`bigrams`]), never with a different
//! pipeline, so a query term and an indexed term are always built alike.

use std::cell::RefCell;
use std::rc::Rc;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

mod analysed;
mod blocks;

pub use analysed::Analysed;
use analysed::{ByteCursor, Cut};
pub use blocks::{block_cache, set_block_cache};

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

/// [`normalize_char`] over a string (same number of characters).
pub fn normalize(text: &str) -> String {
    Analysed::normalised(text).norm
}

/// Whether a character belongs to a run that the bigram analyzer splits into pairs.
pub fn is_term_char(c: char) -> bool {
    match c {
        // CJK Unified Ideographs first: most characters of the text.
        '\u{4E00}'..='\u{9FFF}' => true,
        // The punctuation of Chinese text (、。“”…《》【】〔〕 ×), never a letter or digit: spares
        // the table lookup of `is_alphanumeric`.
        '\u{2010}'..='\u{2027}'
        | '\u{2030}'..='\u{205E}'
        | '\u{3001}'..='\u{3004}'
        | '\u{3008}'..='\u{3020}'
        | '\u{00D7}' => false,
        _ => c.is_alphanumeric(),
    }
}

/// A character read at a byte offset, with fast paths for ASCII and the main CJK block (most
/// characters of the text) that need no decoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CharAt {
    Ascii(u8),
    /// U+4E00..U+9FFF (3 bytes).
    Cjk,
    Other(char),
}

impl CharAt {
    /// The character of `s` starting at byte `at` (a character boundary), if any.
    fn read(s: &str, at: usize) -> Option<CharAt> {
        let bytes = s.as_bytes();
        Some(match *bytes.get(at)? {
            b @ 0x00..=0x7F => CharAt::Ascii(b),
            // E5..E9 lead U+5000..U+9FFF; E4 B8.. is U+4E00 and up.
            0xE5..=0xE9 => CharAt::Cjk,
            0xE4 if bytes.get(at + 1).is_some_and(|&b| b >= 0xB8) => CharAt::Cjk,
            _ => CharAt::Other(s.get(at..)?.chars().next()?),
        })
    }

    fn len(self) -> usize {
        match self {
            CharAt::Ascii(_) => 1,
            CharAt::Cjk => 3,
            CharAt::Other(c) => c.len_utf8(),
        }
    }

    /// [`is_term_char`].
    fn is_term(self) -> bool {
        match self {
            CharAt::Ascii(b) => b.is_ascii_alphanumeric(),
            CharAt::Cjk => true,
            CharAt::Other(c) => is_term_char(c),
        }
    }
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
    let a = Analysed::segmented(text, Cut::Plain);
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

/// Character-bigram terms of `text` (normalised first).
pub fn bigrams(text: &str) -> Vec<Term> {
    let a = Analysed::normalised(text);
    let mut pairs = Pairs::default();
    let mut out = Vec::new();
    while let Some(p) = pairs.next(&a) {
        out.push(Term {
            text: a.norm.get(p.norm_start..p.norm_end).unwrap_or_default().to_string(),
            position: p.start,
            start: p.start,
            end: p.end,
            byte_start: p.byte_start,
            byte_end: p.byte_end,
        });
    }
    out
}

/// One bigram (or lone character): characters `[start, end)`, bytes `[norm_start, norm_end)` of
/// the normalised text and `[byte_start, byte_end)` of the original.
#[derive(Debug, Clone, Copy)]
struct Pair {
    start: usize,
    end: usize,
    norm_start: usize,
    norm_end: usize,
    byte_start: usize,
    byte_end: usize,
}

/// Streaming bigrams of an [`Analysed`] text, without allocating: every pair of adjacent term
/// characters, and a run of one term character as itself. A pair's text is a slice of the
/// normalised text (its two characters are adjacent there).
#[derive(Debug, Default)]
struct Pairs {
    /// Byte offset in the normalised text and character index of the next character.
    byte: usize,
    char: usize,
    /// The previous term character: character index and byte offset (normalised).
    prev: Option<(usize, usize)>,
    /// Term characters in the current run.
    run: usize,
    done: bool,
    starts: ByteCursor,
    ends: ByteCursor,
}

impl Pairs {
    fn pair(&mut self, a: &Analysed, start: usize, norm_start: usize, end: usize, norm_end: usize) -> Pair {
        Pair {
            start,
            end,
            norm_start,
            norm_end,
            byte_start: a.original(&mut self.starts, norm_start),
            byte_end: a.original(&mut self.ends, norm_end),
        }
    }

    /// The lone character of a run of one ending at byte `next_byte`.
    fn lone(&mut self, a: &Analysed, next_byte: usize) -> Option<Pair> {
        let (i, b) = self.prev?;
        (self.run == 1).then(|| self.pair(a, i, b, i + 1, next_byte))
    }

    fn next(&mut self, a: &Analysed) -> Option<Pair> {
        while !self.done {
            let b = self.byte;
            let Some(c) = CharAt::read(&a.norm, b) else {
                self.done = true;
                return self.lone(a, a.norm.len());
            };
            let i = self.char;
            self.byte += c.len();
            self.char += 1;
            if c.is_term() {
                let pair = match self.prev {
                    Some((pi, pb)) if self.run > 0 => Some(self.pair(a, pi, pb, i + 1, self.byte)),
                    _ => None,
                };
                self.prev = Some((i, b));
                self.run += 1;
                if pair.is_some() {
                    return pair;
                }
            } else {
                let lone = self.lone(a, b);
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

/// The word analyzer for tantivy (buffers reused from one text to the next on a thread).
#[derive(Clone, Copy, Debug, Default)]
pub struct WordAnalyzer;

/// The analyzer of the facts field: the words of the facts section. It reuses the words that
/// [`WordAnalyzer`] just found for the whole body in the same thread — tantivy indexes a
/// document's fields in field order on one thread, `words` before `bigrams` before `facts` — when
/// the facts text is part of that body, so the body is segmented once; otherwise it segments the
/// text itself.
#[derive(Clone, Copy, Debug, Default)]
pub struct FactsAnalyzer;

/// The bigram analyzer for tantivy (streaming, no allocation per term; the body's normalised text
/// is reused from [`WordAnalyzer`]).
#[derive(Clone, Copy, Debug, Default)]
pub struct BigramAnalyzer;

/// The last body [`WordAnalyzer`] analysed on this thread.
#[derive(Default)]
struct LastBody {
    /// A copy of the text (its buffer reused from one document to the next).
    text: String,
    analysed: Option<Rc<Analysed>>,
    /// Whether [`FactsAnalyzer`] has yet to take the words (once per body).
    facts_pending: bool,
}

/// Buffers bigger than this are not kept for the next document.
const KEEP_BUFFERS: usize = 4 << 20;

thread_local! {
    static LAST_BODY: RefCell<LastBody> = RefCell::new(LastBody::default());
}

/// Token stream over (a range of) the words of a text.
pub struct WordStream {
    words: Rc<Analysed>,
    /// Indices of the words to stream, and the byte offset that token offsets are relative to.
    next: usize,
    end: usize,
    base: usize,
    position: usize,
    token: Token,
}

impl WordStream {
    fn all(words: Rc<Analysed>) -> WordStream {
        let end = words.spans.len();
        WordStream { words, next: 0, end, base: 0, position: 0, token: Token::default() }
    }
}

/// Token stream over the bigrams of a text.
pub struct BigramStream {
    text: Rc<Analysed>,
    pairs: Pairs,
    token: Token,
}

impl Tokenizer for WordAnalyzer {
    type TokenStream<'a> = WordStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream {
        LAST_BODY.with(|last| {
            let last = &mut *last.borrow_mut();
            // The previous document's buffers, once its streams are gone.
            let mut analysed = last
                .analysed
                .take()
                .and_then(|a| Rc::try_unwrap(a).ok())
                .filter(|a| a.norm.capacity() <= KEEP_BUFFERS)
                .unwrap_or_default();
            analysed.analyse(text, Cut::Cached);
            let analysed = Rc::new(analysed);
            if last.text.capacity() > KEEP_BUFFERS {
                last.text = String::new();
            }
            last.text.clear();
            last.text.push_str(text);
            last.analysed = Some(Rc::clone(&analysed));
            last.facts_pending = true;
            WordStream::all(analysed)
        })
    }
}

impl Tokenizer for FactsAnalyzer {
    type TokenStream<'a> = WordStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream {
        let reused = LAST_BODY.with(|last| {
            let last = &mut *last.borrow_mut();
            if !std::mem::take(&mut last.facts_pending) {
                return None;
            }
            let words = last.analysed.clone()?;
            Some((find_section(&last.text, text)?, words))
        });
        let Some((at, words)) = reused else {
            return WordStream::all(Rc::new(Analysed::segmented(text, Cut::Cached)));
        };
        // The words lying wholly inside the facts text.
        let next = words.spans.partition_point(|w| w.byte_start < at);
        let end = words.spans.partition_point(|w| w.byte_end <= at + text.len()).max(next);
        WordStream { words, next, end, base: at, position: 0, token: Token::default() }
    }
}

/// The byte offset of the first occurrence of `section` in `body`. Candidates are where its
/// first bytes occur (a short needle is cheap to prepare, unlike the whole section), each checked
/// whole.
fn find_section(body: &str, section: &str) -> Option<usize> {
    if body == section {
        return Some(0);
    }
    let (body, section) = (body.as_bytes(), section.as_bytes());
    let finder = memchr::memmem::Finder::new(section.get(..64).unwrap_or(section));
    let mut from = 0;
    while let Some(found) = finder.find(body.get(from..)?) {
        let at = from + found;
        if body.get(at..at + section.len()) == Some(section) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

impl Tokenizer for BigramAnalyzer {
    type TokenStream<'a> = BigramStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> BigramStream {
        let body = LAST_BODY.with(|last| {
            let last = last.borrow();
            if last.text == text { last.analysed.clone() } else { None }
        });
        let text = body.unwrap_or_else(|| Rc::new(Analysed::normalised(text)));
        BigramStream { text, pairs: Pairs::default(), token: Token::default() }
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

impl TokenStream for BigramStream {
    fn advance(&mut self) -> bool {
        let Some(p) = self.pairs.next(&self.text) else { return false };
        self.token.text.clear();
        self.token.text.push_str(self.text.norm.get(p.norm_start..p.norm_end).unwrap_or_default());
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
        // The bigrams of the body read its normalised text from the word analyzer: the same terms
        // and offsets as on their own (another text, as the court field's, is analysed anew).
        let fresh: Vec<_> =
            bigrams(body).into_iter().map(|t| (t.text, t.position, t.byte_start, t.byte_end)).collect();
        assert_eq!(stream(BigramAnalyzer.token_stream("朝阳区")).len(), 2);
        assert_eq!(stream(BigramAnalyzer.token_stream(body)), fresh);
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

    #[test]
    fn a_section_is_found_at_its_first_occurrence() {
        let body = "甲乙甲乙甲乙丙。甲乙丙";
        for section in ["甲乙丙", "乙甲乙丙", body, "", "丙。甲"] {
            assert_eq!(find_section(body, section), body.find(section), "{section}");
        }
        assert_eq!(find_section(body, "丁"), None);
        let long = "被告人".repeat(40);
        let body = format!("{}盗窃{long}。", "被告人".repeat(50));
        assert_eq!(find_section(&body, &format!("{long}。")), body.find(&format!("{long}。")));
    }

    #[test]
    fn term_characters_are_cjk_letters_and_digits() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let cjk = ('\u{4E00}'..='\u{9FFF}').contains(&c);
            assert_eq!(is_term_char(c), cjk || c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn characters_read_at_a_byte_offset_classify_like_is_term_char() {
        let all: String = (0..=0x10FFFFu32).filter_map(char::from_u32).collect();
        let mut at = 0;
        for c in all.chars() {
            let read = CharAt::read(&all, at).unwrap_or(CharAt::Ascii(0));
            assert_eq!((read.len(), read.is_term()), (c.len_utf8(), is_term_char(c)), "{c:?}");
            at += read.len();
        }
        assert_eq!(CharAt::read(&all, at), None);
    }

    fn texts_of(ts: &[(String, usize, usize, usize)]) -> Vec<&str> {
        ts.iter().map(|t| t.0.as_str()).collect()
    }
}
