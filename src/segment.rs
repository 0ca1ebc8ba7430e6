//! The jieba segmenter with anguan's legal dictionary, shared by the index and the extractors.
//!
//! One [`Segmenter`] is built per process ([`Segmenter::global`]): jieba-rs's default dictionary
//! plus `dictionaries/legal.dict` (when present), whose lines are always `word freq tag` — a line
//! without a frequency would get frequency 0 in jieba-rs 0.11 and silently disable the word.
//! Tokens carry character and byte offsets, so callers never re-count.

use std::sync::OnceLock;

use jieba_rs::{Jieba, TokenizeMode};

/// A word of the text with its offsets: characters `[start, end)` and bytes `[byte_start, byte_end)`.
pub type Token<'a> = jieba_rs::Token<'a>;
/// A word with its part-of-speech tag and offsets.
pub type Tag<'a> = jieba_rs::Tag<'a>;

/// jieba with the legal dictionary.
pub struct Segmenter {
    jieba: Jieba,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Segmenter")
    }
}

impl Segmenter {
    /// jieba's default dictionary plus the legal dictionary.
    pub fn new() -> Segmenter {
        let mut jieba = Jieba::new();
        if let Some(dict) = crate::dictionaries::text("legal.dict") {
            for line in dict.lines() {
                let mut parts = line.split_whitespace();
                let (Some(word), freq, tag) = (parts.next(), parts.next(), parts.next()) else { continue };
                if word.starts_with('#') {
                    continue;
                }
                let freq = freq.and_then(|f| f.parse::<usize>().ok()).filter(|&f| f > 0);
                jieba.add_word(word, Some(freq.unwrap_or_else(|| jieba.suggest_freq(word).max(1))), tag);
            }
        }
        Segmenter { jieba }
    }

    /// The process-wide segmenter, built on first use.
    pub fn global() -> &'static Segmenter {
        static GLOBAL: OnceLock<Segmenter> = OnceLock::new();
        GLOBAL.get_or_init(Segmenter::new)
    }

    /// Precise-mode words with offsets (HMM on for unknown words such as names).
    pub fn tokens<'a>(&self, text: &'a str) -> Vec<Token<'a>> {
        self.jieba.tokenize(text, TokenizeMode::Default, true)
    }

    /// Search-mode words: precise words plus the dictionary words inside longer ones.
    pub fn search_tokens<'a>(&self, text: &'a str) -> Vec<Token<'a>> {
        self.jieba.tokenize(text, TokenizeMode::Search, true)
    }

    /// Precise-mode words with part-of-speech tags and offsets.
    pub fn tag<'a>(&'a self, text: &'a str) -> Vec<Tag<'a>> {
        self.jieba.tag(text, true)
    }

    /// The underlying jieba, for callers that need more of its API.
    pub fn jieba(&self) -> &Jieba {
        &self.jieba
    }
}

impl Default for Segmenter {
    fn default() -> Self {
        Segmenter::new()
    }
}
