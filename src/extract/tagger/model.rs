//! The linear model: a weight per (feature, tag), a weight per tag transition, Viterbi decoding
//! under the BIO constraint, and the text file the weights are stored in.
//!
//! File format (UTF-8 text, one record per line, `#` lines are comments):
//!
//! ```text
//! anguan-tagger 1 stacked NHCS,NHVI shape,runs  (or `text`: without the rule features; the
//!                                    labels it tags; optional: its extra feature groups)
//! tags O B-NHCS I-NHCS …             (must equal this build's tag set, in order)
//! t <from>\t<tag>:<w> <tag>:<w> …    (transitions; <from> is a tag index or `^` for the start)
//! f <feature>\t<tag>:<w> …           (feature weights; absent pairs weigh 0)
//! ```
//!
//! Parsing checks every field and the size limits below, and returns [`TaggerError`] on any
//! problem rather than panicking or guessing.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::features::extra::{group_names, parse_groups};
use super::labels::{LABELS, NTAGS, allowed, label_index, tag_name};

/// Largest weights file accepted.
pub const MAX_FILE_BYTES: usize = 64 << 20;
/// Most features a model may have.
pub const MAX_FEATURES: usize = 4_000_000;
/// Largest weight magnitude accepted (trained weights stay far below; sums must stay finite).
const MAX_WEIGHT: f32 = 1e6;
/// Longest feature string accepted.
const MAX_FEATURE_CHARS: usize = 256;
const MAGIC: &str = "anguan-tagger";
const VERSION: &str = "1";

/// A weights file that cannot be read.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum TaggerError {
    #[error("tagger weights: file of {0} bytes exceeds the limit")]
    TooLarge(usize),
    #[error("tagger weights: not an anguan-tagger version 1 file")]
    BadHeader,
    #[error("tagger weights: the tag set differs from this build's")]
    BadTags,
    #[error("tagger weights: line {0} is malformed")]
    BadLine(usize),
    #[error("tagger weights: more than {MAX_FEATURES} features")]
    TooManyFeatures,
}

/// Feature and transition weights.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Whether the model reads the rule features (stacked) or the text alone.
    pub stacked: bool,
    /// The labels (indices into [`super::labels::LABELS`]) this model tags.
    pub labels: Vec<usize>,
    /// The optional feature groups it reads ([`super::features::extra`]).
    pub groups: u32,
    names: Vec<String>,
    index: HashMap<String, u32, BuildHasherDefault<FxHasher>>,
    /// `names.len() × NTAGS`.
    weights: Vec<f32>,
    /// `(NTAGS + 1) × NTAGS`; row `NTAGS` is the sentence start.
    trans: Vec<f32>,
}

impl Model {
    /// A model from its parts; `weights` has one row of [`NTAGS`] per name (missing rows weigh 0).
    pub fn new(
        (stacked, groups): (bool, u32),
        labels: Vec<usize>,
        names: Vec<String>,
        mut weights: Vec<f32>,
        mut trans: Vec<f32>,
    ) -> Model {
        weights.resize(names.len() * NTAGS, 0.0);
        trans.resize((NTAGS + 1) * NTAGS, 0.0);
        let index = names.iter().enumerate().map(|(i, n)| (n.clone(), i as u32)).collect();
        Model { stacked, labels, groups, names, index, weights, trans }
    }

    /// Number of features.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The row of a feature string.
    pub fn id(&self, feature: &str) -> Option<u32> {
        self.index.get(feature).copied()
    }

    /// The best tag sequence of a sentence given each character's feature rows.
    pub fn best(&self, rows: &[Vec<u32>]) -> Vec<usize> {
        let mut emit = vec![0f32; rows.len() * NTAGS];
        for (i, feats) in rows.iter().enumerate() {
            for &f in feats {
                let base = f as usize * NTAGS;
                if let (Some(w), Some(e)) =
                    (self.weights.get(base..base + NTAGS), emit.get_mut(i * NTAGS..(i + 1) * NTAGS))
                {
                    e.iter_mut().zip(w).for_each(|(e, w)| *e += w);
                }
            }
        }
        viterbi(&emit, &self.trans)
    }

    /// The best tag sequence of a sentence given its feature strings (unknown ones are ignored).
    pub fn tag<S: AsRef<str>>(&self, features: &[Vec<S>]) -> Vec<usize> {
        let rows: Vec<Vec<u32>> =
            features.iter().map(|f| f.iter().filter_map(|s| self.id(s.as_ref())).collect()).collect();
        self.best(&rows)
    }

    /// The weights file; weights with `|w| < min_abs` are left out (pruned).
    pub fn to_text(&self, min_abs: f32) -> String {
        let labels: Vec<&str> = self.labels.iter().filter_map(|&l| LABELS.get(l).map(|x| x.0)).collect();
        let kind = if self.stacked { "stacked" } else { "text" };
        let mut out = format!("{MAGIC} {VERSION} {kind} {}", labels.join(","));
        if self.groups != 0 {
            out.push(' ');
            out.push_str(&group_names(self.groups));
        }
        out.push('\n');
        out.push_str("tags");
        for t in 0..NTAGS {
            out.push(' ');
            out.push_str(&tag_name(t));
        }
        out.push('\n');
        let row = |out: &mut String, prefix: &str, key: &str, w: &[f32]| {
            let kept: Vec<String> = w
                .iter()
                .enumerate()
                .filter(|(_, w)| w.abs() >= min_abs && **w != 0.0)
                .map(|(t, w)| format!("{t}:{}", short(*w)))
                .collect();
            if !kept.is_empty() {
                out.push_str(&format!("{prefix} {key}\t{}\n", kept.join(" ")));
            }
        };
        for from in 0..=NTAGS {
            let key = if from == NTAGS { "^".to_string() } else { from.to_string() };
            row(&mut out, "t", &key, self.trans.get(from * NTAGS..(from + 1) * NTAGS).unwrap_or(&[]));
        }
        for (i, name) in self.names.iter().enumerate() {
            row(&mut out, "f", name, self.weights.get(i * NTAGS..(i + 1) * NTAGS).unwrap_or(&[]));
        }
        out
    }

    /// Read a weights file written by [`Model::to_text`].
    pub fn parse(text: &str) -> Result<Model, TaggerError> {
        if text.len() > MAX_FILE_BYTES {
            return Err(TaggerError::TooLarge(text.len()));
        }
        let mut lines = text.lines().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.is_empty());
        let head = lines.next().map(|(_, l)| l.split(' ').collect::<Vec<_>>());
        let (stacked, labels, groups) = match head.as_deref() {
            Some([MAGIC, VERSION, kind @ ("stacked" | "text"), labels, groups @ ..]) if groups.len() <= 1 => {
                let labels: Option<Vec<usize>> = labels.split(',').map(label_index).collect();
                let groups = parse_groups(groups.first().copied().unwrap_or(""));
                let groups = groups.ok_or(TaggerError::BadHeader)?;
                (*kind == "stacked", labels.ok_or(TaggerError::BadHeader)?, groups)
            }
            _ => return Err(TaggerError::BadHeader),
        };
        let tags: Vec<String> = (0..NTAGS).map(tag_name).collect();
        match lines.next() {
            Some((_, l)) if l.strip_prefix("tags ").is_some_and(|t| t.split(' ').eq(tags.iter())) => {}
            _ => return Err(TaggerError::BadTags),
        }
        let mut names = Vec::new();
        let mut weights = Vec::new();
        let mut trans = vec![0f32; (NTAGS + 1) * NTAGS];
        let mut seen = std::collections::HashSet::new();
        for (n, line) in lines {
            let bad = TaggerError::BadLine(n + 1);
            let (head, entries) = line.split_once('\t').ok_or(bad.clone())?;
            let mut row = [0f32; NTAGS];
            for entry in entries.split(' ') {
                let (t, w) = entry.split_once(':').ok_or(bad.clone())?;
                let t: usize = t.parse().map_err(|_| bad.clone())?;
                let w: f32 = w.parse().map_err(|_| bad.clone())?;
                let slot = row.get_mut(t).ok_or(bad.clone())?;
                if !w.is_finite() || w.abs() > MAX_WEIGHT {
                    return Err(bad);
                }
                *slot = w;
            }
            if let Some(from) = head.strip_prefix("t ") {
                let from = if from == "^" { NTAGS } else { from.parse().map_err(|_| bad.clone())? };
                if from > NTAGS {
                    return Err(bad);
                }
                let dst = trans.get_mut(from * NTAGS..(from + 1) * NTAGS).ok_or(bad.clone())?;
                dst.copy_from_slice(&row);
            } else if let Some(name) = head.strip_prefix("f ") {
                if name.chars().count() > MAX_FEATURE_CHARS || !seen.insert(name) {
                    return Err(bad);
                }
                if names.len() >= MAX_FEATURES {
                    return Err(TaggerError::TooManyFeatures);
                }
                names.push(name.to_string());
                weights.extend_from_slice(&row);
            } else {
                return Err(bad);
            }
        }
        Ok(Model::new((stacked, groups), labels, names, weights, trans))
    }
}

/// The Fx hash (rustc's): feature lookups dominate tagging time and need no DoS resistance
/// (the keys are the model's own feature strings).
#[derive(Default)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A weight written with two decimals, without trailing zeros.
fn short(w: f32) -> String {
    let s = format!("{w:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" || s.is_empty() { "0".to_string() } else { s.to_string() }
}

/// The best BIO sequence for `emit` (`n × NTAGS` scores) and `trans` (`(NTAGS + 1) × NTAGS`).
pub fn viterbi(emit: &[f32], trans: &[f32]) -> Vec<usize> {
    let n = emit.len() / NTAGS;
    if n == 0 {
        return Vec::new();
    }
    let tr = |from: usize, to: usize| trans.get(from * NTAGS + to).copied().unwrap_or(0.0);
    let em = |i: usize, t: usize| emit.get(i * NTAGS + t).copied().unwrap_or(0.0);
    let mut score = vec![f32::NEG_INFINITY; NTAGS];
    for (t, s) in score.iter_mut().enumerate() {
        if allowed(None, t) {
            *s = tr(NTAGS, t) + em(0, t);
        }
    }
    let mut back = vec![0usize; n * NTAGS];
    for i in 1..n {
        let mut next = vec![f32::NEG_INFINITY; NTAGS];
        for (t, slot) in next.iter_mut().enumerate() {
            let mut best = (f32::NEG_INFINITY, 0);
            for (p, &sp) in score.iter().enumerate() {
                if sp == f32::NEG_INFINITY || !allowed(Some(p), t) {
                    continue;
                }
                let s = sp + tr(p, t);
                if s > best.0 {
                    best = (s, p);
                }
            }
            *slot = best.0 + em(i, t);
            if let Some(b) = back.get_mut(i * NTAGS + t) {
                *b = best.1;
            }
        }
        score = next;
    }
    let mut t = (0..NTAGS).fold(0, |b, t| if score[t] > score[b] { t } else { b });
    let mut out = vec![0; n];
    for i in (0..n).rev() {
        if let Some(o) = out.get_mut(i) {
            *o = t;
        }
        if i > 0 {
            t = back.get(i * NTAGS + t).copied().unwrap_or(0);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy() -> Model {
        let mut w = vec![0f32; 2 * NTAGS];
        w[1] = 2.5; // "a" → B-NHCS
        w[NTAGS + 2] = 1.25; // "b" → I-NHCS
        let names = vec!["a".into(), "b".into()];
        Model::new(
            (true, super::super::features::extra::RUNS),
            vec![0, 1],
            names,
            w,
            vec![0.0; (NTAGS + 1) * NTAGS],
        )
    }

    #[test]
    fn save_load_round_trip() {
        let m = toy();
        let text = m.to_text(0.0);
        let back = Model::parse(&text).unwrap();
        assert_eq!(back, m);
        let feats = vec![vec!["a".to_string()], vec!["b".to_string()], vec![]];
        assert_eq!(back.tag(&feats), vec![1, 2, 0]);
    }

    #[test]
    fn corrupt_files_are_errors() {
        let good = toy().to_text(0.0);
        assert_eq!(Model::parse(""), Err(TaggerError::BadHeader));
        assert_eq!(Model::parse("anguan-tagger 2 stacked NT\n"), Err(TaggerError::BadHeader));
        assert_eq!(Model::parse("anguan-tagger 1 stacked NX\n"), Err(TaggerError::BadHeader));
        assert_eq!(Model::parse("anguan-tagger 1 stacked NT bogus\n"), Err(TaggerError::BadHeader));
        assert_eq!(Model::parse("anguan-tagger 1 stacked NT runs x\n"), Err(TaggerError::BadHeader));
        assert_eq!(Model::parse("anguan-tagger 1 text NT\ntags O B-X\n"), Err(TaggerError::BadTags));
        for bad in [
            "f a\t1:x",
            "f a\t99:1",
            "f a\t1:NaN",
            "f a 1:1",
            "q z\t1:1",
            "t 40\t1:1",
            "f b\t1:1",
            "t 18446744073709551615\t1:1",
            "f c\t1:1e30",
        ] {
            assert!(matches!(Model::parse(&format!("{good}{bad}\n")), Err(TaggerError::BadLine(_))), "{bad}");
        }
        // Truncated anywhere: an error or a smaller model, never a panic.
        for cut in (0..good.len()).filter(|&i| good.is_char_boundary(i)) {
            let _ = Model::parse(&good[..cut]);
        }
    }

    proptest::proptest! {
        #[test]
        fn a_mutated_file_never_panics(pos in 0usize..400, byte in proptest::prelude::any::<u8>()) {
            let mut bytes = toy().to_text(0.0).into_bytes();
            let at = pos % bytes.len();
            bytes[at] = byte;
            if let Ok(text) = String::from_utf8(bytes) {
                let _ = Model::parse(&text);
            }
        }
    }

    #[test]
    fn viterbi_respects_bio() {
        // I-NHCS scores best everywhere, but may not start a sentence or follow O.
        let mut emit = vec![0f32; 2 * NTAGS];
        emit[2] = 5.0;
        emit[NTAGS + 2] = 5.0;
        emit[1] = 1.0;
        let tags = viterbi(&emit, &vec![0.0; (NTAGS + 1) * NTAGS]);
        assert_eq!(tags, vec![1, 2]);
    }
}
