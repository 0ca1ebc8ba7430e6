//! Snippets with highlights at character offsets (spec §5), independent of tantivy's snippet
//! generator (which panicked on 0.7–2.8% of (document, query) pairs with jieba tokens).
//!
//! Highlighting is literal: every occurrence of a query literal (a term, a phrase, or one of their
//! words; see [`super::plan::highlight_literals`]) in the [`normalize`]d text is marked, longest
//! literals first, without overlaps. Normalisation keeps one character per character, so offsets
//! found in the normalised text are offsets into the original; a highlight always covers exactly
//! the characters of a query literal, whatever the mix of CJK, ASCII and full-width text.

use serde::Serialize;

use super::tokenizer::normalize;

/// Characters of context before the first highlight of a snippet.
pub const CONTEXT_BEFORE: usize = 30;
/// Characters of a snippet (more when one highlight is longer).
pub const SNIPPET_CHARS: usize = 120;

/// A query literal to highlight, with the pieces to highlight instead when it does not occur as
/// such (the words of a term whose words are not adjacent in the document).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Literal {
    /// Normalised text.
    pub text: String,
    pub fallback: Vec<String>,
}

impl Literal {
    /// A literal without fallback.
    pub fn new(text: impl Into<String>) -> Literal {
        Literal { text: normalize(&text.into()), fallback: Vec::new() }
    }
}

/// A piece of the text with highlights: `[start, end)` character offsets into `text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<[usize; 2]>,
}

/// Character ranges of the literals' occurrences in `text`, in text order, not overlapping: every
/// literal longest first, then the fallbacks of the literals that do not occur.
pub fn highlight_ranges(text: &str, literals: &[Literal]) -> Vec<(usize, usize)> {
    let norm = normalize(text);
    // Byte ranges of `norm` taken so far, sorted and disjoint.
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mark = |lit: &str, taken: &mut Vec<(usize, usize)>| {
        if lit.is_empty() {
            return false;
        }
        let mut occurs = false;
        for (b, _) in norm.match_indices(lit) {
            occurs = true;
            let e = b + lit.len();
            let i = taken.partition_point(|r| r.0 < b);
            let after_free = taken.get(i).is_none_or(|r| r.0 >= e);
            let before_free = i.checked_sub(1).and_then(|j| taken.get(j)).is_none_or(|r| r.1 <= b);
            if after_free && before_free {
                taken.insert(i, (b, e));
            }
        }
        occurs
    };
    let mut order: Vec<&Literal> = literals.iter().collect();
    order.sort_by_key(|l| std::cmp::Reverse(l.text.chars().count()));
    let mut missing = Vec::new();
    for lit in order {
        if !mark(&lit.text, &mut taken) {
            missing.push(lit);
        }
    }
    let mut fallbacks: Vec<&String> = missing.iter().flat_map(|l| l.fallback.iter()).collect();
    fallbacks.sort_by_key(|f| std::cmp::Reverse(f.chars().count()));
    for f in fallbacks {
        mark(f, &mut taken);
    }
    // Byte offsets to character offsets in one forward walk (the ranges are sorted).
    let mut chars = norm.chars();
    let (mut char_at, mut byte_at) = (0usize, 0usize);
    let mut char_of = |b: usize| {
        while byte_at < b {
            let Some(c) = chars.next() else { break };
            byte_at += c.len_utf8();
            char_at += 1;
        }
        char_at
    };
    taken.into_iter().map(|(b, e)| (char_of(b), char_of(e))).filter(|(s, e)| s < e).collect()
}

/// A candidate snippet: characters `[start, end)` and the highlights inside.
type Window = (usize, usize, Vec<(usize, usize)>);

/// Up to `max` snippets of `text` around the literals' occurrences; the start of the text
/// (without highlights) when none occurs.
pub fn snippets(text: &str, literals: &[Literal], max: usize) -> Vec<Snippet> {
    let n = text.chars().count();
    let ranges = highlight_ranges(text, literals);
    let mut out = Vec::new();
    if ranges.is_empty() {
        if n > 0 && max > 0 {
            out.push(window(text, n, 0, SNIPPET_CHARS.min(n), &[]));
        }
        return out;
    }
    // Candidate windows, one per run of highlights that fit together; the best `max` (most
    // highlighted characters) are shown in text order.
    let mut windows: Vec<Window> = Vec::new();
    let mut i = 0;
    while let Some(&(first_start, first_end)) = ranges.get(i) {
        let start = first_start.saturating_sub(CONTEXT_BEFORE);
        let end = (start + SNIPPET_CHARS).max(first_end).min(n);
        let mut inside = Vec::new();
        while let Some(&(s, e)) = ranges.get(i) {
            if e > end {
                break;
            }
            inside.push((s, e));
            i += 1;
        }
        if inside.is_empty() {
            // Cannot happen (the first range always fits); never loop forever.
            break;
        }
        windows.push((start, end, inside));
    }
    let weight = |w: &Window| w.2.iter().map(|(s, e)| e - s).sum::<usize>();
    let mut order: Vec<usize> = (0..windows.len()).collect();
    order.sort_by(|&a, &b| {
        let (wa, wb) = (windows.get(a).map_or(0, weight), windows.get(b).map_or(0, weight));
        wb.cmp(&wa).then(a.cmp(&b))
    });
    order.truncate(max);
    order.sort_unstable();
    for k in order {
        if let Some((start, end, inside)) = windows.get(k) {
            out.push(window(text, n, *start, *end, inside));
        }
    }
    out
}

/// The snippet of characters `[start, end)` of `text` (`n` characters): line breaks and tabs
/// shown as spaces, `…` where text was cut, highlights shifted to the snippet.
fn window(text: &str, n: usize, start: usize, end: usize, ranges: &[(usize, usize)]) -> Snippet {
    let lead = usize::from(start > 0);
    let mut out = String::new();
    if lead == 1 {
        out.push('…');
    }
    for c in text.chars().skip(start).take(end.saturating_sub(start)) {
        out.push(if c.is_control() { ' ' } else { c });
    }
    if end < n {
        out.push('…');
    }
    let highlights = ranges.iter().map(|&(s, e)| [s - start + lead, e - start + lead]).collect();
    Snippet { text: out, highlights }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_land_on_mixed_width_text() {
        let text = "被告人张某某于２０２３年在ＡＢＣ公司窃得电动自行车电瓶4只。";
        let lits = [Literal::new("电动自行车"), Literal::new("ABC"), Literal::new("2023")];
        let s = snippets(text, &lits, 3);
        assert_eq!(s.len(), 1);
        let chars: Vec<char> = s[0].text.chars().collect();
        let hl: Vec<String> = s[0].highlights.iter().map(|[a, b]| chars[*a..*b].iter().collect()).collect();
        assert_eq!(hl, vec!["２０２３", "ＡＢＣ", "电动自行车"]);
    }

    #[test]
    fn fallbacks_only_when_the_literal_is_absent() {
        let lit = |t: &str, f: &[&str]| Literal {
            text: t.into(),
            fallback: f.iter().map(|s| s.to_string()).collect(),
        };
        let text = "盗窃电动车一辆，另盗窃电瓶";
        assert_eq!(highlight_ranges(text, &[lit("盗窃电瓶", &["盗窃", "电瓶"])]), vec![(9, 13)]);
        assert_eq!(highlight_ranges(text, &[lit("盗窃电池", &["盗窃", "电池"])]), vec![(0, 2), (9, 11)]);
    }
}
