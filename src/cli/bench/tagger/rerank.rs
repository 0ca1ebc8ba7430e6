//! The alternative the bench measures against the tagger: a keep/drop re-ranker of the rules'
//! spans. Each rule span of the ten labels is described by its label, its text, its length, the
//! characters around and at its edges and whether it overlaps another rule span; an averaged
//! binary perceptron (fixed seed and epochs) learns which spans are right. It can only remove
//! rule spans, so its recall is at most the rules' recall; the bench prints it next to the tagger.

use std::collections::{HashMap, HashSet};

use anguan::extract::tagger::{LABELS, LabelSpan};

/// Features of one rule span of a sentence (`all` are the sentence's rule spans).
pub fn features(chars: &[char], s: LabelSpan, all: &HashSet<LabelSpan>) -> Vec<String> {
    let l = LABELS.get(s.label).map_or("?", |x| x.0);
    let at = |i: isize| -> char { if i < 0 { '^' } else { chars.get(i as usize).copied().unwrap_or('$') } };
    let (a, b) = (s.start as isize, s.end as isize);
    let text: String =
        chars.get(s.start..s.end.min(chars.len())).map(|c| c.iter().collect()).unwrap_or_default();
    let mut f = vec![
        format!("l:{l}"),
        format!("len:{l}|{}", (s.end - s.start).min(12)),
        format!("p1:{l}|{}", at(a - 1)),
        format!("p2:{l}|{}{}", at(a - 2), at(a - 1)),
        format!("n1:{l}|{}", at(b)),
        format!("n2:{l}|{}{}", at(b), at(b + 1)),
        format!("f:{l}|{}", at(a)),
        format!("e:{l}|{}", at(b - 1)),
        format!("f2:{l}|{}{}", at(a), at(a + 1)),
        format!("e2:{l}|{}{}", at(b - 2), at(b - 1)),
    ];
    if text.chars().count() <= 10 {
        f.push(format!("t:{l}|{text}"));
    }
    for o in all.iter().filter(|o| **o != s && o.start < s.end && s.start < o.end) {
        let ol = LABELS.get(o.label).map_or("?", |x| x.0);
        let how = if (o.start, o.end) == (s.start, s.end) { "same" } else { "overlap" };
        f.push(format!("o:{l}|{how}|{ol}"));
    }
    f
}

/// Binary averaged-perceptron weights over feature strings.
pub struct Reranker {
    index: HashMap<String, usize>,
    w: Vec<f32>,
}

impl Reranker {
    /// Train on (features, right?) examples.
    pub fn train(examples: &[(Vec<String>, bool)], epochs: usize, seed: u64) -> Reranker {
        let mut index: HashMap<String, usize> = HashMap::new();
        let rows: Vec<(Vec<usize>, f32)> = examples
            .iter()
            .map(|(f, y)| {
                let ids = f
                    .iter()
                    .map(|s| {
                        let n = index.len();
                        *index.entry(s.clone()).or_insert(n)
                    })
                    .collect();
                (ids, if *y { 1.0 } else { -1.0 })
            })
            .collect();
        let n = index.len() + 1; // the last weight is the bias
        let (mut w, mut acc, mut step) = (vec![0f32; n], vec![0f32; n], 1f32);
        let mut order: Vec<usize> = (0..rows.len()).collect();
        let mut state = seed.max(1);
        for _ in 0..epochs {
            for i in (1..order.len()).rev() {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                order.swap(i, (state % (i as u64 + 1)) as usize);
            }
            for &k in &order {
                let Some((ids, y)) = rows.get(k) else { continue };
                let s: f32 = ids.iter().chain([n - 1].iter()).filter_map(|&i| w.get(i)).sum();
                if y * s <= 0.0 {
                    for &i in ids.iter().chain([n - 1].iter()) {
                        if let (Some(wi), Some(ai)) = (w.get_mut(i), acc.get_mut(i)) {
                            *wi += y;
                            *ai += step * y;
                        }
                    }
                }
                step += 1.0;
            }
        }
        let w = w.iter().zip(&acc).map(|(w, a)| w - a / step).collect();
        Reranker { index, w }
    }

    /// Whether to keep a span with these features.
    pub fn keep(&self, features: &[String]) -> bool {
        let bias = self.w.last().copied().unwrap_or(0.0);
        let s: f32 = features.iter().filter_map(|f| self.index.get(f).and_then(|&i| self.w.get(i))).sum();
        s + bias > 0.0
    }
}
