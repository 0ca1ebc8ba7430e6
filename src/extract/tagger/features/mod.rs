//! Feature strings of each character of a sentence.
//!
//! Two families, kept apart so that the bench can train a model with and without the rules:
//!
//! * [`base`] — the text alone: character unigrams (window ±2), bigrams and a trigram, the
//!   character classes of the window, and jieba's word around the character (its position in the
//!   word B/M/E/S, part-of-speech tag, the word itself and its neighbours' words and tags);
//!   and dictionary hits: for each cue list of `dictionaries/extract/cues.toml` (theft verbs, item
//!   and tool words, amount cues, place prepositions, organisation suffixes, …) whether a listed
//!   word covers the character (and where in it), ends just before it or starts just after it;
//! * [`rules`] — the BIO tag each rule element assigns to the character and its neighbours
//!   (several when rule spans overlap), alone and combined with the word's tag and the character.
//!
//! and the optional groups of [`extra`] (word shapes, class runs, cue distances, clause
//! position, rule-span context), chosen per model by the `groups` bit set.
//!
//! The text is read in its half-width form (one character for one, so offsets hold) and white
//! space is written `_` so that no feature string contains a tab or a newline.

pub mod extra;

use crate::extract::Element;
use crate::span::CharIndex;

use super::labels::{LabelSpan, encode, label_of, tag_name};

/// Feature strings of each character of a text.
pub type Features = Vec<Vec<String>>;

/// The class of a character: digit, Chinese numeral, Latin letter, punctuation, space, Han, other.
fn class(c: char) -> char {
    const CJK_NUM: &str = "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟";
    const CJK_PUNCT: &str = "，。、；：？！“”‘’（）《》【】…—·";
    if c.is_ascii_digit() {
        'd'
    } else if CJK_NUM.contains(c) {
        'n'
    } else if c.is_ascii_alphabetic() {
        'a'
    } else if c.is_whitespace() {
        's'
    } else if c.is_ascii_punctuation() || CJK_PUNCT.contains(c) {
        'p'
    } else if ('\u{4e00}'..='\u{9fff}').contains(&c) {
        'h'
    } else {
        'o'
    }
}

fn clean(c: char) -> char {
    if c.is_whitespace() || c.is_control() { '_' } else { c }
}

/// Words longer than this are not used as features themselves (only their tag and position).
const MAX_WORD_CHARS: usize = 8;

/// The text features of each character of `text`, with the optional `groups` of [`extra`].
pub fn base(text: &str, groups: u32) -> Features {
    let norm = crate::normalize::to_halfwidth(text);
    let chars: Vec<char> = norm.chars().map(clean).collect();
    let n = chars.len();
    let at = |i: isize| -> char { if i < 0 { '^' } else { chars.get(i as usize).copied().unwrap_or('$') } };
    let cls = |i: isize| -> char { if i < 0 || i as usize >= n { '#' } else { class(at(i)) } };
    // Word of each character: (word index, position in word).
    let words: Vec<(String, String, usize, usize)> = crate::segment::Segmenter::global()
        .tag(&norm)
        .into_iter()
        .map(|t| {
            let w: String = t.word.chars().map(clean).collect();
            (w, t.tag.to_string(), t.start, t.end)
        })
        .collect();
    let mut word_of = vec![usize::MAX; n];
    for (k, (_, _, s, e)) in words.iter().enumerate() {
        for slot in word_of.iter_mut().take((*e).min(n)).skip(*s) {
            *slot = k;
        }
    }
    let word = |k: Option<usize>| -> (&str, &str) {
        match k.and_then(|k| words.get(k)) {
            Some((w, t, _, _)) if w.chars().count() <= MAX_WORD_CHARS => (w.as_str(), t.as_str()),
            Some((_, t, _, _)) => ("~", t.as_str()),
            None => ("^$", "^$"),
        }
    };
    let mut out = Vec::with_capacity(n);
    let mut positions = Vec::with_capacity(n);
    for i in 0..n {
        let x = i as isize;
        let (c0, cm1, cm2, cp1, cp2) = (at(x), at(x - 1), at(x - 2), at(x + 1), at(x + 2));
        let mut f = vec![
            "b".to_string(),
            format!("u0:{c0}"),
            format!("u-1:{cm1}"),
            format!("u-2:{cm2}"),
            format!("u1:{cp1}"),
            format!("u2:{cp2}"),
            format!("b-1:{cm1}{c0}"),
            format!("b0:{c0}{cp1}"),
            format!("b-2:{cm2}{cm1}"),
            format!("b1:{cp1}{cp2}"),
            format!("t0:{cm1}{c0}{cp1}"),
            format!("k:{}{}{}", cls(x - 1), cls(x), cls(x + 1)),
            format!("k2:{}{}{}{}{}", cls(x - 2), cls(x - 1), cls(x), cls(x + 1), cls(x + 2)),
        ];
        let k = word_of.get(i).copied().filter(|&k| k != usize::MAX);
        if let Some((_, _, s, e)) = k.and_then(|k| words.get(k)) {
            let pos = match (i == *s, i + 1 == *e) {
                (true, true) => 'S',
                (true, false) => 'B',
                (false, true) => 'E',
                (false, false) => 'M',
            };
            positions.push(pos);
            let (w, t) = word(k);
            let (wp, tp) = word(k.and_then(|k| k.checked_sub(1)));
            let (wn, tn) = word(k.map(|k| k + 1));
            f.push(format!("wp:{pos}"));
            f.push(format!("wt:{pos}{t}"));
            f.push(format!("w:{w}"));
            f.push(format!("wc:{pos}{w}"));
            f.push(format!("w-1:{wp}"));
            f.push(format!("w1:{wn}"));
            f.push(format!("t-1:{tp}|{t}"));
            f.push(format!("t1:{t}|{tn}"));
            if pos == 'B' || pos == 'S' {
                f.push(format!("wb-1:{wp}"));
            }
            if pos == 'E' || pos == 'S' {
                f.push(format!("we1:{wn}"));
            }
        } else {
            positions.push('S');
        }
        out.push(f);
    }
    let (hits, matches) = dictionary_hits(&norm, n);
    for (f, d) in out.iter_mut().zip(hits) {
        f.extend(d);
    }
    if groups & extra::SHAPE != 0 {
        let shapes: Vec<String> =
            words.iter().map(|(_, _, s, e)| extra::shape((*s..*e).map(|i| cls(i as isize)))).collect();
        extra::shapes(&mut out, &word_of, &shapes, &positions);
    }
    if groups & extra::RUNS != 0 {
        let classes: Vec<char> = (0..n).map(|i| cls(i as isize)).collect();
        extra::runs(&mut out, &chars, &classes);
    }
    if groups & extra::CUEDIST != 0 {
        extra::cue_distances(&mut out, &matches);
    }
    if groups & extra::CLAUSE != 0 {
        extra::clause(&mut out, &chars);
    }
    out
}

/// The matches (character ranges) of each cue list, by the list's short name.
type CueMatches = Vec<(&'static str, Vec<(usize, usize)>)>;

/// The dictionary features of each of the `n` characters of `norm` (see the module comment),
/// and the matches they come from.
fn dictionary_hits(norm: &str, n: usize) -> (Features, CueMatches) {
    let cues = crate::extract::cues::Cues::global();
    let lists: [(&'static str, &[String]); 14] = [
        ("sus", &cues.person.suspect),
        ("vic", &cues.person.victim),
        ("oth", &cues.person.other),
        ("verb", &cues.theft.verbs),
        ("ipre", &cues.theft.item_prefixes),
        ("gain", &cues.amount.gain),
        ("val", &cues.amount.value),
        ("money", &cues.amount.stolen_money),
        ("tool", &cues.tool.words),
        ("tcue", &cues.tool.cues),
        ("item", &cues.item.words),
        ("prep", &cues.place.preps),
        ("org", &cues.organization.suffixes),
        ("tsuf", &cues.time.suffixes),
    ];
    let idx = CharIndex::new(norm);
    let mut out: Features = vec![Vec::new(); n];
    let mut all = Vec::with_capacity(lists.len());
    for (name, words) in lists {
        let mut found = Vec::new();
        // Per character: covered as B/I/E/S, a word ends just before, a word starts just after.
        let mut cover: Vec<[bool; 4]> = vec![[false; 4]; n];
        let mut before = vec![false; n + 1];
        let mut after = vec![false; n + 1];
        for w in words.iter().filter(|w| !w.is_empty()) {
            for (b, m) in norm.match_indices(w.as_str()) {
                let (s, e) = (idx.char_of_byte(b), idx.char_of_byte(b + m.len()));
                found.push((s, e));
                for (i, c) in cover.iter_mut().enumerate().take(e.min(n)).skip(s) {
                    let k = match (i == s, i + 1 == e) {
                        (true, true) => 3,
                        (true, false) => 0,
                        (false, false) => 1,
                        (false, true) => 2,
                    };
                    c[k] = true;
                }
                if let Some(x) = before.get_mut(e) {
                    *x = true;
                }
                if let Some(x) = s.checked_sub(1).and_then(|p| after.get_mut(p)) {
                    *x = true;
                }
            }
        }
        for (i, f) in out.iter_mut().enumerate() {
            for (k, pos) in ['B', 'I', 'E', 'S'].iter().enumerate() {
                if cover.get(i).is_some_and(|c| c[k]) {
                    f.push(format!("d:{name}:{pos}"));
                }
            }
            if before.get(i).copied().unwrap_or(false) {
                f.push(format!("dp:{name}"));
            }
            if after.get(i).copied().unwrap_or(false) {
                f.push(format!("dn:{name}"));
            }
        }
        all.push((name, found));
    }
    (out, all)
}

/// The rule features of each of `n` characters from the rule elements (those of the ten labels);
/// the word tag (`wt:`) and character (`u0:`) of [`base`] are combined with the rule tag; with
/// [`extra::RULECTX`] in `groups`, the rule spans' lengths and neighbours too.
pub fn rules(n: usize, elements: &[Element], base: &Features, groups: u32) -> Features {
    // One BIO layer per label so that overlapping rule spans of different labels all show.
    let mut layers: Vec<Vec<usize>> = Vec::new();
    let mut by_label: Vec<Vec<LabelSpan>> = vec![Vec::new(); super::labels::LABELS.len()];
    for e in elements {
        if let (Some(label), Some(list)) = (label_of(e), label_of(e).and_then(|l| by_label.get_mut(l))) {
            list.push(LabelSpan { label, start: e.start, end: e.end });
        }
    }
    for spans in by_label.iter().filter(|s| !s.is_empty()) {
        layers.push(encode(n, spans));
    }
    let tags_at = |i: isize| -> Vec<usize> {
        if i < 0 || i as usize >= n {
            return Vec::new();
        }
        layers.iter().filter_map(|l| l.get(i as usize).copied()).filter(|&t| t != 0).collect()
    };
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let x = i as isize;
        let mut f = Vec::new();
        let here = tags_at(x);
        let find = |key: &str| -> &str {
            base.get(i).and_then(|b| b.iter().find_map(|s| s.strip_prefix(key))).unwrap_or("")
        };
        let (wt, c0) = (find("wt:"), find("u0:"));
        if here.is_empty() {
            f.push("r:O".to_string());
            f.push(format!("rw:O|{wt}"));
        }
        for t in &here {
            let name = tag_name(*t);
            f.push(format!("r:{name}"));
            f.push(format!("rw:{name}|{wt}"));
            f.push(format!("rc:{name}|{c0}"));
        }
        for (d, key) in [(-1isize, "r-1"), (1, "r1"), (-2, "r-2"), (2, "r2")] {
            let near = tags_at(x + d);
            if near.is_empty() {
                f.push(format!("{key}:O"));
            }
            for t in near {
                f.push(format!("{key}:{}", tag_name(t)));
            }
        }
        out.push(f);
    }
    if groups & extra::RULECTX != 0 {
        let spans: Vec<LabelSpan> = by_label.into_iter().flatten().collect();
        extra::rule_context(&mut out, &spans);
    }
    out
}

/// Base and rule features together (the stacked model's input).
pub fn stacked(text: &str, elements: &[Element], groups: u32) -> Features {
    let mut base = base(text, groups);
    let rules = rules(base.len(), elements, &base, groups);
    for (b, r) in base.iter_mut().zip(rules) {
        b.extend(r);
    }
    base
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_feature_list_per_character_without_tabs() {
        let text = "被告人张某于2023年6月13日\t窃得手机一部，价值人民币1000元。";
        let f = base(text, 0);
        assert_eq!(f.len(), text.chars().count());
        let all = stacked(text, &crate::extract::extract_text(text).elements, 31);
        assert_eq!(all.len(), text.chars().count());
        assert!(all.iter().flatten().all(|s| !s.contains('\t') && !s.contains('\n')));
        assert!(all[3].len() > f[3].len());
        assert!(f.iter().flatten().all(|s| !s.contains('\t') && !s.contains('\n')));
        assert!(f[3].contains(&"u0:张".to_string()));
    }
}
