//! Finding cue hits in a text: every match of every cue that applies to the document type, with
//! the start of its section worked out (at the cue, at its sentence start, or at the place name
//! before it). Offsets here are byte offsets; [`super::split`] converts to characters.

use std::sync::LazyLock;

use regex::Regex;

use super::SectionKind;
use super::config::{Anchor, Config, Cue};
use crate::ingest::DocType;

/// At most this many matches of one cue pattern are kept (protects the ordering step from
/// quadratic work on hostile input; real documents have a handful).
const MAX_HITS_PER_PATTERN: usize = 64;

/// A heading enumerator right before a cue: 三、 / 3. / （三） (structural, not domain data).
static ENUMERATOR: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?:[一二三四五六七八九十]{1,3}\s*[、.．]|\d{1,2}\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[)）])\s*$").ok()
});

/// One place where a cue matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub kind: SectionKind,
    pub strong: bool,
    pub weight: u32,
    /// Byte offset of the cue itself.
    pub cue: usize,
    /// Byte offset where the section would start (the anchor); `<= cue`.
    pub start: usize,
    /// The hit counts only after a strong hit of this kind.
    pub after: Option<SectionKind>,
}

/// All hits of the cues that apply to `doc_type`, sorted by cue position.
///
/// Patterns are matched on an unwrapped view of the text (see [`Unwrapped`]) so that a phrase
/// broken by a PDF line wrap still matches; the hits are in offsets of the text itself.
pub(crate) fn find(text: &str, doc_type: Option<DocType>, config: &Config) -> Vec<Hit> {
    let view = Unwrapped::new(text, config);
    // Phrase regexes only run on texts that hold the phrase once whitespace is removed.
    let squeezed = squeeze(text);
    let mut hits = Vec::new();
    for cue in config.cues.iter().filter(|c| c.applies_to(doc_type)) {
        for (k, re) in cue.regexes.iter().enumerate() {
            if cue.literals.get(k).and_then(Option::as_deref).is_some_and(|l| !squeezed.contains(l)) {
                continue;
            }
            for (m_start, m_end) in re.find_iter(&view.text).take(MAX_HITS_PER_PATTERN) {
                let (start, end) = (view.original(m_start), view.original(m_end));
                if let Some(hit) = accept(text, start, end, cue, config) {
                    hits.push(hit);
                }
            }
        }
    }
    // One hit per place and kind: the strong one, then the one reaching furthest back.
    hits.sort_by_key(|h| (h.cue, h.kind, !h.strong, h.start));
    hits.dedup_by_key(|h| (h.cue, h.kind));
    let first_strong = |k: SectionKind| hits.iter().find(|h| h.strong && h.kind == k).map(|h| h.cue);
    let keep: Vec<bool> =
        hits.iter().map(|h| h.after.is_none_or(|k| first_strong(k).is_some_and(|p| p < h.cue))).collect();
    hits.into_iter().zip(keep).filter_map(|(h, k)| k.then_some(h)).collect()
}

/// The text with the line breaks of wrapped lines removed: a line break after a line longer
/// than `line_break_max` characters, followed by more text, is taken for a wrap (PDF text breaks
/// lines mid-sentence, even mid-word) and dropped; breaks after short lines (titles, headings,
/// signatures) and blank lines stay.
struct Unwrapped<'a> {
    text: std::borrow::Cow<'a, str>,
    /// Byte offsets in `text` (the view) at which a line break was removed, ascending.
    removed: Vec<usize>,
}

impl<'a> Unwrapped<'a> {
    fn new(original: &'a str, config: &Config) -> Unwrapped<'a> {
        let mut view = String::new();
        let mut removed = Vec::new();
        let mut copied = 0;
        let mut line_start = 0;
        let max = config.line_break_max;
        while let Some(b) =
            original.get(line_start..).and_then(|rest| rest.find('\n')).map(|i| line_start + i)
        {
            let line = original.get(line_start..b).unwrap_or("");
            // More than `max` characters that are not whitespace (counting stops there).
            let long =
                line.len() > max && line.chars().filter(|c| !c.is_whitespace()).take(max + 1).count() > max;
            if long && b + 1 < original.len() && !space_at(original, b + 1) {
                view.push_str(original.get(copied..b).unwrap_or(""));
                copied = b + 1;
                removed.push(view.len());
            }
            line_start = b + 1;
        }
        if removed.is_empty() {
            return Unwrapped { text: std::borrow::Cow::Borrowed(original), removed };
        }
        view.push_str(original.get(copied..).unwrap_or(""));
        Unwrapped { text: std::borrow::Cow::Owned(view), removed }
    }

    /// The offset in the original text of a view offset.
    fn original(&self, view: usize) -> usize {
        view + self.removed.partition_point(|&p| p <= view)
    }
}

/// `text` without its whitespace characters, copied in runs between them.
fn squeeze(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut run, mut from) = (0, 0);
    while let Some(b) = crate::ingest::bytescan::find(text.as_bytes(), from, may_start_space) {
        if space_at(text, b) {
            out.push_str(text.get(run..b).unwrap_or(""));
            run = b + text.as_bytes().get(b).map_or(1, |&lead| byte_len(lead));
        }
        from = b + 1;
    }
    out.push_str(text.get(run..).unwrap_or(""));
    out
}

/// Whether the bytes `b n1 n2` may start a whitespace character (see [`space_at`]).
fn may_start_space(b: u8, n1: u8, n2: u8) -> bool {
    (0x09..=0x0d).contains(&b)
        | (b == b' ')
        | ((b == 0xc2) & ((n1 == 0x85) | (n1 == 0xa0)))
        | ((b == 0xe1) & (n1 == 0x9a))
        | ((b == 0xe2) & ((n1 == 0x80) | (n1 == 0x81)))
        | ((b == 0xe3) & (n1 == 0x80) & (n2 == 0x80))
}

/// The length of the character a UTF-8 lead byte starts.
fn byte_len(lead: u8) -> usize {
    match lead {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

/// Whether a whitespace character (`char::is_whitespace`) starts at byte `b`. Every whitespace
/// character starts with one of a few bytes (ASCII 09–0D and space; C2: U+0085, U+00A0; E1:
/// U+1680; E2: U+2000–U+205F; E3: U+3000), so other bytes are answered without decoding.
fn space_at(text: &str, b: usize) -> bool {
    match text.as_bytes().get(b) {
        Some(0x09..=0x0d | b' ') => true,
        Some(0xc2 | 0xe1 | 0xe2 | 0xe3) => {
            text.get(b..).and_then(|t| t.chars().next()).is_some_and(char::is_whitespace)
        }
        _ => false,
    }
}

/// Check a cue match against its conditions and work out its anchor.
fn accept(text: &str, start: usize, end: usize, cue: &Cue, config: &Config) -> Option<Hit> {
    let before = text.get(..start)?;
    if cue.not_after.iter().any(|p| !p.is_empty() && before.ends_with(p.as_str())) {
        return None;
    }
    let sentence = sentence_start(text, start, config);
    // A numbered heading starts at its number, wherever it is.
    let enumerator = if cue.anchor == Anchor::Heading {
        let near = before.char_indices().rev().nth(8).map_or(0, |(b, _)| b);
        ENUMERATOR.as_ref().and_then(|re| re.find(before.get(near..).unwrap_or(""))).map(|m| near + m.start())
    } else {
        None
    };
    if enumerator.is_none()
        && let Some(lead) = cue.lead
        && text.get(sentence..start).is_none_or(|s| s.chars().filter(|c| !c.is_whitespace()).count() > lead)
    {
        return None;
    }
    if !cue.reject_sentence.is_empty() {
        let stop = sentence_end(text, end, config);
        let whole = text.get(sentence..stop).unwrap_or("");
        if cue.reject_sentence.iter().any(|p| !p.is_empty() && whole.contains(p.as_str())) {
            return None;
        }
    }
    let anchor = match cue.anchor {
        Anchor::Phrase => start,
        Anchor::Sentence => sentence,
        Anchor::Place => place_start(text, start, config),
        Anchor::Heading => enumerator.unwrap_or(sentence),
    };
    Some(Hit {
        kind: cue.kind,
        strong: cue.strong,
        weight: cue.weight,
        cue: start,
        start: anchor,
        after: cue.after,
    })
}

/// Byte offset of the start of the sentence holding byte `at`: just after the previous sentence
/// break, skipping whitespace; `at` itself when no break is found within the look-back limit.
pub(crate) fn sentence_start(text: &str, at: usize, config: &Config) -> usize {
    let Some(before) = text.get(..at) else { return at };
    let mut found = None;
    for (i, (b, c)) in before.char_indices().rev().enumerate() {
        if i >= config.sentence_max_back {
            break;
        }
        if config.sentence_breaks.contains(&c) || (c == '\n' && short_line_before(before, b, config)) {
            found = Some(b + c.len_utf8());
            break;
        }
        if b == 0 {
            found = Some(0);
        }
    }
    let Some(s) = found else { return at };
    let skipped = text.get(s..at).map_or(0, |t| t.len() - t.trim_start().len());
    s + skipped
}

/// Whether the line ending at byte `newline` is short enough to end a sentence there (a title,
/// heading, signature or blank line rather than a line wrapped mid-sentence).
fn short_line_before(text: &str, newline: usize, config: &Config) -> bool {
    let line = text.get(..newline).unwrap_or("");
    let chars = line.chars().rev().take_while(|&c| c != '\n').take(config.line_break_max + 1);
    chars.filter(|c| !c.is_whitespace()).count() <= config.line_break_max
}

/// Byte offset just after the sentence break that ends the sentence holding byte `at` (the
/// text's end when there is none within the look-ahead limit).
fn sentence_end(text: &str, at: usize, config: &Config) -> usize {
    let Some(after) = text.get(at..) else { return text.len() };
    for (i, (b, c)) in after.char_indices().enumerate() {
        if i >= config.sentence_max_back || config.sentence_breaks.contains(&c) {
            return at + b;
        }
    }
    text.len()
}

/// Byte offset of the start of the place name just before byte `at` (北京市朝阳区 before
/// 人民检察院): walk back over Han characters, stopping at anything else, at a stop phrase
/// (…审理终结|沂南县人民检察院指控) or at the look-back limit.
pub(crate) fn place_start(text: &str, at: usize, config: &Config) -> usize {
    let Some(before) = text.get(..at) else { return at };
    let mut start = at;
    for (i, (b, c)) in before.char_indices().rev().enumerate() {
        if i >= config.place_max_back || !is_han(c) {
            break;
        }
        let head = before.get(..b + c.len_utf8()).unwrap_or("");
        if config.place_stops.iter().any(|s| !s.is_empty() && head.ends_with(s.as_str())) {
            break;
        }
        start = b;
    }
    start
}

/// CJK unified ideographs (the characters place names are written in).
fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{20000}'..='\u{2FFFF}')
}

#[cfg(test)]
mod tests {
    use super::super::config::config;
    use super::*;

    #[test]
    fn sentence_start_skips_break_and_spaces() {
        let c = config();
        let t = "前一句。  依照法律，判决如下：";
        let at = t.find("判决如下").unwrap();
        assert_eq!(&t[sentence_start(t, at, c)..at], "依照法律，");
        assert_eq!(sentence_start(t, 0, c), 0);
        let t2 = "依照法律，判决如下";
        assert_eq!(sentence_start(t2, t2.find("判决").unwrap(), c), 0);
    }

    #[test]
    fn wrapped_lines_are_joined_for_matching_only() {
        let c = config();
        let long = "甲".repeat(30);
        let t = format!("短标题\n{long}指控原审被\n告人某某。\n\n下一段");
        let v = Unwrapped::new(&t, c);
        assert_eq!(v.text, format!("短标题\n{long}指控原审被告人某某。\n\n下一段"));
        let at = v.text.find("告人").unwrap();
        assert_eq!(&t[v.original(at)..v.original(at) + 6], "告人");
        let before = v.text.find("被").unwrap();
        assert_eq!(v.original(before), t.find("被").unwrap());
    }

    #[test]
    fn byte_scans_see_every_whitespace_character() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let s = format!("a{c}b");
            assert_eq!(space_at(&s, 1), c.is_whitespace(), "U+{:04X}", c as u32);
            let b = |i: usize| s.as_bytes().get(i).copied().unwrap_or(0);
            assert!(!c.is_whitespace() || may_start_space(b(1), b(2), b(3)), "U+{:04X}", c as u32);
        }
        let t = "甲 乙\u{3000}丙\n\u{a0}丁\u{2028}。\u{85}";
        assert_eq!(squeeze(t), t.chars().filter(|c| !c.is_whitespace()).collect::<String>());
    }

    #[test]
    fn place_start_stops_at_stop_phrases() {
        let c = config();
        let t = "现已审理终结沂南县人民检察院指控，";
        let at = t.find("检察院").unwrap();
        assert_eq!(&t[place_start(t, at, c)..], "沂南县人民检察院指控，");
        let t = "2023年。北京市朝阳区人民检察院\n二〇二三年";
        let at = t.find("人民检察院").unwrap();
        assert_eq!(&t[place_start(t, at, c)..at], "北京市朝阳区");
    }
}
