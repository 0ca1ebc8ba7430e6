//! Cue patterns matched exactly as `regex::Regex::find_iter` would, but fast on long texts.
//!
//! Most cue patterns start with a phrase and then allow a bounded run of characters before a
//! second phrase (`(?:公诉机关|人民检察院)[^。；]{0,60}?指控…`). An unanchored search for such a
//! pattern makes the lazy DFA track every place the run may have started at once; on CJK text
//! it builds thousands of states and keeps clearing its cache, which made section detection the
//! largest cost of reading a document. Every match starts with one of the pattern's prefix
//! literals, so [`Pattern`] finds the next place where one of those literals starts (a
//! prefilter: no place where a match starts is skipped) and runs an *anchored* search there;
//! when it fails, it looks for the next such place one byte further on. The first place where
//! the anchored search succeeds is the leftmost match start, and the anchored search returns the
//! same end the leftmost-first unanchored search would, so the matches are the same, in the same
//! order. Look-around assertions see the whole text, as before. Patterns with no usable
//! prefix literals, and patterns that can match the empty string, use the plain regex.

use std::sync::LazyLock;

use regex::{Regex, RegexBuilder};
use regex_automata::util::prefilter::Prefilter;
use regex_automata::{Anchored, Input, MatchKind, Span, meta};

/// A compiled cue pattern.
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    plain: Regex,
    /// The anchored matcher and the finder of its prefix literals, when usable.
    fast: Option<(meta::Regex, Prefilter)>,
}

impl Pattern {
    /// Compile `pattern` (Rust `regex` syntax).
    pub fn new(pattern: &str) -> Result<Pattern, regex::Error> {
        let plain = RegexBuilder::new(pattern).dfa_size_limit(DFA_CACHE_BYTES).build()?;
        let fast = long_run(pattern)
            .then(|| regex_automata::util::syntax::parse(pattern).ok())
            .flatten()
            .and_then(|hir| {
                if hir.properties().minimum_len().is_none_or(|n| n == 0) {
                    return None;
                }
                let pre = Prefilter::from_hir_prefix(MatchKind::LeftmostFirst, &hir)?;
                let config = meta::Regex::config().hybrid_cache_capacity(DFA_CACHE_BYTES);
                Some((meta::Regex::builder().configure(config).build(pattern).ok()?, pre))
            });
        Ok(Pattern { plain, fast })
    }

    /// Successive non-overlapping matches as byte ranges `(start, end)`, exactly those of
    /// `regex::Regex::find_iter`.
    pub fn find_iter<'a>(&'a self, hay: &'a str) -> Matches<'a> {
        match &self.fast {
            None => Matches::Plain(self.plain.find_iter(hay)),
            Some((re, pre)) => Matches::Anchored { re, pre, hay, at: 0 },
        }
    }
}

/// The iterator of [`Pattern::find_iter`].
pub(crate) enum Matches<'a> {
    Plain(regex::Matches<'a, 'a>),
    Anchored { re: &'a meta::Regex, pre: &'a Prefilter, hay: &'a str, at: usize },
}

impl Iterator for Matches<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        match self {
            Matches::Plain(m) => m.next().map(|m| (m.start(), m.end())),
            Matches::Anchored { re, pre, hay, at } => {
                let m = next_match(re, pre, hay, *at)?;
                // Matches are never empty here, so the next search starts at the end.
                *at = m.1;
                Some(m)
            }
        }
    }
}

/// Lazy-DFA cache per pattern and thread (the default 2 MiB is cleared again and again by the
/// long bounded runs); it grows only as far as a pattern needs. 8 MiB indexed 5,000 documents
/// as fast as 32 MiB did (5.3–5.8 against 4.9–5.5 MiB per CPU-second, runs alternated) and bounds
/// the worst case at a quarter.
const DFA_CACHE_BYTES: usize = 8 << 20;

/// Whether `pattern` has a counted repetition of [`LONG_RUN`] or more (`{0,60}`): the shape
/// the anchored search is for. Shorter runs are cheaper to scan unanchored than to try at every
/// place their frequent prefix literal occurs (被告人…{1,24}…男).
fn long_run(pattern: &str) -> bool {
    static COUNTED: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"\{\d*,(\d+)\}").ok());
    COUNTED.as_ref().is_some_and(|re| {
        re.captures_iter(pattern)
            .any(|c| c.get(1).and_then(|n| n.as_str().parse::<usize>().ok()).is_some_and(|n| n >= LONG_RUN))
    })
}

/// Shortest counted repetition that makes a pattern use the anchored search.
const LONG_RUN: usize = 32;

/// The leftmost-first match starting at or after byte `from`.
fn next_match(re: &meta::Regex, pre: &Prefilter, hay: &str, mut from: usize) -> Option<(usize, usize)> {
    let bytes = hay.as_bytes();
    while from < hay.len() {
        let candidate = pre.find(bytes, Span { start: from, end: hay.len() })?.start;
        let input = Input::new(hay).range(candidate..).anchored(Anchored::Yes);
        if let Some(m) = re.search(&input) {
            return Some((m.start(), m.end()));
        }
        from = candidate + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(pattern: &str, hay: &str) {
        let p = Pattern::new(pattern).unwrap();
        let want: Vec<(usize, usize)> =
            Regex::new(pattern).unwrap().find_iter(hay).map(|m| (m.start(), m.end())).collect();
        assert_eq!(p.find_iter(hay).collect::<Vec<_>>(), want, "{pattern} on {hay}");
    }

    #[test]
    fn matches_equal_the_plain_regex() {
        let hay = "上诉人（原审被告人）张某，男。原审被告人李某某，女，被告人王某，男，\
                   公诉机关北京市人民检察院指控被告人张某犯盗窃罪，于2023年向本院起诉。\
                   以京检刑诉〔2023〕1号起诉书指控被告人，上述事实，有证据证实。";
        let patterns = [
            r"(?:被告人|犯罪嫌疑人|原审被告人|上诉人（原审被告人）)[^\s，,。；：:]{1,24}?[，,]\s*(?:男|女)[，,。]",
            r"(?:公诉机关|人民检察院)[^。；]{0,60}?指控[^。；]{0,80}?(?:提起公诉|向本院起诉)",
            r"以[^。；]{0,60}?起诉书[，,]?\s*指控",
            r"(?:上述|以上)(?:犯罪)?事实(?:[，,]|有)[^。]{0,600}?(?:证据|证实)",
            r"\b被告|^上诉",
            r"特?(?:将本案)?移送",
            r"x*",
            r".",
        ];
        for p in patterns {
            both(p, hay);
            both(p, "");
            both(p, "ａ被告人甲，男，被告人");
        }
        // Patterns without a long run, without prefix literals, or that can match nothing use
        // the plain regex.
        assert!(Pattern::new(r"(?:公诉机关|人民检察院)[^。；]{0,60}?指控").unwrap().fast.is_some());
        assert!(Pattern::new(r"被告人[^。]{1,24}?男").unwrap().fast.is_none());
        assert!(Pattern::new(r"[^。]{0,40}人").unwrap().fast.is_none());
        assert!(Pattern::new(r"x{0,40}").unwrap().fast.is_none());
    }

    /// Every cue pattern of the configuration on every document of a generated collection
    /// (`ANGUAN_SCAN_CORPUS`, a folder of case folders); skipped when unset.
    #[test]
    fn cue_patterns_equal_the_plain_regex_on_a_collection() {
        let Some(dir) = std::env::var_os("ANGUAN_SCAN_CORPUS") else {
            eprintln!("ANGUAN_SCAN_CORPUS not set: skipped");
            return;
        };
        let cfg = super::super::config::config();
        let mut docs = 0;
        for case in std::fs::read_dir(dir).unwrap() {
            for file in std::fs::read_dir(case.unwrap().path()).unwrap() {
                let text = std::fs::read_to_string(file.unwrap().path()).unwrap();
                for cue in &cfg.cues {
                    for p in &cue.regexes {
                        let want: Vec<(usize, usize)> =
                            p.plain.find_iter(&text).map(|m| (m.start(), m.end())).collect();
                        assert_eq!(p.find_iter(&text).collect::<Vec<_>>(), want, "{}", p.plain.as_str());
                    }
                }
                docs += 1;
            }
        }
        eprintln!("{docs} documents checked");
    }
}
