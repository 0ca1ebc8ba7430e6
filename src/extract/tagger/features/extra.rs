//! Optional feature groups, switched on per model (the weights file's header names them, so a
//! file is always read with the features it was trained with). Each is cheap and meant to
//! generalise beyond the characters seen in training:
//!
//! * `shape` — the shape of the jieba word at, before and after the character (its character
//!   classes with runs collapsed, and the length of an all-Han word: `dh` for 2023年, `h3` for
//!   人民币);
//! * `runs` — the run of characters of one class the character is in: its class, length and the
//!   character's place in it, and for digit, numeral and Latin runs the characters just before and
//!   after the run (a digit run followed by 元);
//! * `cuedist` — for each cue list, how far the nearest listed word ends before the character or
//!   starts after it (bucketed, within a window);
//! * `clause` — how far the character is from the previous and the next clause break;
//! * `rulectx` (stacked only) — the length of the rule span covering the character, and the label
//!   and distance of the nearest rule spans before and after it.

use super::super::labels::{LABELS, LabelSpan};

pub const SHAPE: u32 = 1;
pub const CUEDIST: u32 = 2;
pub const RULECTX: u32 = 4;
pub const RUNS: u32 = 8;
pub const CLAUSE: u32 = 16;

/// The groups by name, in the order their names are written.
pub const GROUPS: [(&str, u32); 5] =
    [("shape", SHAPE), ("runs", RUNS), ("cuedist", CUEDIST), ("clause", CLAUSE), ("rulectx", RULECTX)];

/// The groups of a comma-separated list of names (`""` and `none` are no group).
pub fn parse_groups(list: &str) -> Option<u32> {
    let mut g = 0;
    for name in list.split(',').map(str::trim).filter(|n| !n.is_empty() && *n != "none") {
        g |= GROUPS.iter().find(|(n, _)| *n == name)?.1;
    }
    Some(g)
}

/// The names of a set of groups, comma-separated (`none` when empty).
pub fn group_names(groups: u32) -> String {
    let names: Vec<&str> = GROUPS.iter().filter(|(_, b)| groups & b != 0).map(|(n, _)| *n).collect();
    if names.is_empty() { "none".to_string() } else { names.join(",") }
}

/// Distances are bucketed; beyond [`WINDOW`] characters nothing is emitted.
const WINDOW: usize = 12;

fn bucket(d: usize) -> &'static str {
    match d {
        0 => "0",
        1 => "1",
        2 => "2",
        3 => "3",
        4..=5 => "4",
        6..=8 => "6",
        9..=12 => "9",
        _ => "+",
    }
}

/// The shape of a word from its characters' classes: runs collapsed, all-Han words by length.
pub fn shape(classes: impl Iterator<Item = char>) -> String {
    let mut out = String::new();
    let mut len = 0;
    for c in classes {
        len += 1;
        if !out.ends_with(c) && out.len() < 6 {
            out.push(c);
        }
    }
    if out == "h" {
        out.push(char::from(b'0' + len.min(5) as u8));
    }
    out
}

/// `shape`: the word shapes around each character (`word_of[i]` is the word index of char i,
/// `shapes[k]` the shape of word k).
pub fn shapes(out: &mut [Vec<String>], word_of: &[usize], shapes: &[String], pos: &[char]) {
    let get = |k: Option<usize>| k.and_then(|k| shapes.get(k)).map_or("^$", String::as_str);
    for (i, f) in out.iter_mut().enumerate() {
        let Some(&k) = word_of.get(i).filter(|&&k| k != usize::MAX) else { continue };
        let p = pos.get(i).copied().unwrap_or('S');
        let (prev, next) = (get(k.checked_sub(1)), get(Some(k + 1)));
        f.push(format!("s0:{p}{}", get(Some(k))));
        f.push(format!("s-1:{prev}"));
        f.push(format!("s1:{next}"));
        f.push(format!("s-1+1:{prev}|{next}"));
    }
}

/// `runs`: the class run each character is in (`chars` and their `classes`).
pub fn runs(out: &mut [Vec<String>], chars: &[char], classes: &[char]) {
    let n = classes.len();
    let mut a = 0;
    while a < n {
        let c = classes.get(a).copied().unwrap_or('#');
        let mut b = a + 1;
        while b < n && classes.get(b) == Some(&c) {
            b += 1;
        }
        let before = a.checked_sub(1).and_then(|p| chars.get(p)).copied().unwrap_or('^');
        let after = chars.get(b).copied().unwrap_or('$');
        for (i, f) in out.iter_mut().enumerate().take(b).skip(a) {
            let pos = match (i == a, i + 1 == b) {
                (true, true) => 'S',
                (true, false) => 'B',
                (false, true) => 'E',
                (false, false) => 'M',
            };
            f.push(format!("rk:{c}{}{pos}", bucket(b - a)));
            if matches!(c, 'd' | 'n' | 'a') {
                f.push(format!("rb:{c}{before}"));
                f.push(format!("ra:{c}{after}"));
                f.push(format!("rba:{c}{before}{after}"));
            }
        }
        a = b;
    }
}

/// `cuedist`: per cue list (name, its matches as character ranges), the distance from each of
/// `n` characters back to the nearest match ending at or before it and on to the nearest match
/// starting after it.
pub fn cue_distances(out: &mut [Vec<String>], lists: &[(&str, Vec<(usize, usize)>)]) {
    let n = out.len();
    for (name, matches) in lists.iter().filter(|(_, m)| !m.is_empty()) {
        let mut ends = vec![false; n + 1];
        let mut starts = vec![false; n + 1];
        for &(s, e) in matches {
            if let Some(x) = ends.get_mut(e) {
                *x = true;
            }
            if let Some(x) = starts.get_mut(s) {
                *x = true;
            }
        }
        let mut last: Option<usize> = None;
        for (i, f) in out.iter_mut().enumerate() {
            if ends.get(i).copied().unwrap_or(false) {
                last = Some(i);
            }
            if let Some(d) = last.map(|e| i - e).filter(|&d| d <= WINDOW) {
                f.push(format!("cl:{name}:{}", bucket(d)));
            }
        }
        let mut next: Option<usize> = None;
        for (i, f) in out.iter_mut().enumerate().rev() {
            if starts.get(i + 1).copied().unwrap_or(false) {
                next = Some(i + 1);
            }
            if let Some(d) = next.map(|s| s - i - 1).filter(|&d| d <= WINDOW) {
                f.push(format!("cr:{name}:{}", bucket(d)));
            }
        }
    }
}

/// `clause`: distance from the previous clause break and to the next one.
pub fn clause(out: &mut [Vec<String>], chars: &[char]) {
    let brk = |c: char| "，。；：,;:!?！？".contains(c);
    let n = chars.len();
    let mut from = vec![usize::MAX; n];
    let mut last: Option<usize> = None;
    for (i, &c) in chars.iter().enumerate() {
        if let Some(slot) = from.get_mut(i) {
            *slot = last.map_or(i + 1, |l| i - l);
        }
        if brk(c) {
            last = Some(i);
        }
    }
    let mut next: Option<usize> = None;
    for i in (0..n).rev() {
        let to = next.map_or(n - i, |x| x - i);
        if let (Some(f), Some(&d)) = (out.get_mut(i), from.get(i)) {
            f.push(format!("cs:{}", bucket(d)));
            f.push(format!("ce:{}", bucket(to)));
        }
        if chars.get(i).is_some_and(|&c| brk(c)) {
            next = Some(i);
        }
    }
}

/// `rulectx`: the rule spans' lengths and neighbours, for each of the characters of `out`.
pub fn rule_context(out: &mut [Vec<String>], spans: &[LabelSpan]) {
    let name = |l: usize| LABELS.get(l).map_or("?", |x| x.0);
    for (i, f) in out.iter_mut().enumerate() {
        let mut prev: Option<&LabelSpan> = None;
        let mut next: Option<&LabelSpan> = None;
        for s in spans {
            if s.start <= i && i < s.end {
                f.push(format!("rl:{}|{}", name(s.label), bucket(s.end - s.start)));
            } else if s.end <= i && prev.is_none_or(|p| s.end > p.end) {
                prev = Some(s);
            } else if s.start > i && next.is_none_or(|x| s.start < x.start) {
                next = Some(s);
            }
        }
        if let Some(p) = prev.filter(|p| i - p.end <= WINDOW) {
            f.push(format!("rpv:{}|{}", name(p.label), bucket(i - p.end)));
        }
        if let Some(x) = next.filter(|x| x.start - i - 1 <= WINDOW) {
            f.push(format!("rnx:{}|{}", name(x.label), bucket(x.start - i - 1)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_shapes() {
        assert_eq!(parse_groups("shape,runs"), Some(SHAPE | RUNS));
        assert_eq!(parse_groups("none"), Some(0));
        assert_eq!(parse_groups("bogus"), None);
        assert_eq!(group_names(RUNS | SHAPE), "shape,runs");
        assert_eq!(parse_groups(&group_names(31)), Some(31));
        assert_eq!(shape("ddddh".chars()), "dh");
        assert_eq!(shape("hhh".chars()), "h3");
    }
}
