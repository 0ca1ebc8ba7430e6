//! Training: the averaged structured perceptron (Collins 2002) over interned features.
//!
//! Each epoch visits the training sentences in an order shuffled by a fixed seed, decodes each
//! with the current weights and, where the best sequence differs from the gold one, adds the gold
//! features and transitions and subtracts the predicted ones. The returned weights are the average
//! over every step (kept with the usual "timestamped sum" trick), which generalises much better
//! than the final weights (`average: false` keeps the final ones, for comparison). Features seen fewer than `min_count` times in the training sentences
//! are dropped. With `restarts` > 1 the whole training runs again from zero weights with other
//! shuffling seeds and the models' weights are averaged (a cheap ensemble: the model keeps its
//! size). Everything is deterministic: same data, options → same weights.

use std::collections::HashMap;

use super::labels::{LabelSpan, NTAGS, encode};
use super::model::{Model, viterbi};

/// Feature strings ↔ dense ids, shared by all the sentences of a data set.
#[derive(Debug, Default)]
pub struct Interner {
    index: HashMap<String, u32>,
    names: Vec<String>,
}

impl Interner {
    /// The id of a feature string, added when new.
    pub fn id(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.index.get(s) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(s.to_string());
        self.index.insert(s.to_string(), id);
        id
    }

    /// Intern each character's features.
    pub fn intern(&mut self, features: &[Vec<String>]) -> Vec<Vec<u32>> {
        features.iter().map(|f| f.iter().map(|s| self.id(s)).collect()).collect()
    }

    pub fn name(&self, id: u32) -> Option<&str> {
        self.names.get(id as usize).map(String::as_str)
    }
}

/// One training sentence: interned features of each character and the gold spans.
#[derive(Debug, Clone)]
pub struct Sentence {
    pub features: Vec<Vec<u32>>,
    pub spans: Vec<LabelSpan>,
}

/// Training options.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub epochs: usize,
    pub seed: u64,
    pub min_count: u32,
    /// Return the averaged weights (else the final ones).
    pub average: bool,
    /// Trainings from zero weights (seeds `seed`, `seed + 1`, …) whose weights are averaged.
    pub restarts: usize,
    /// The optional feature groups the sentences were built with ([`super::features::extra`]);
    /// recorded in the model.
    pub groups: u32,
}

impl Default for Options {
    fn default() -> Options {
        Options { epochs: 20, seed: 20_240_613, min_count: 1, average: true, restarts: 3, groups: 0 }
    }
}

/// xorshift64*: a tiny deterministic generator for the shuffles.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

struct Weights {
    w: Vec<f32>,
    acc: Vec<f32>,
    step: f32,
}

impl Weights {
    fn new(n: usize) -> Weights {
        Weights { w: vec![0.0; n], acc: vec![0.0; n], step: 1.0 }
    }

    fn add(&mut self, i: usize, d: f32) {
        if let (Some(w), Some(a)) = (self.w.get_mut(i), self.acc.get_mut(i)) {
            *w += d;
            *a += self.step * d;
        }
    }

    fn averaged(&self, average: bool) -> Vec<f32> {
        if !average {
            return self.w.clone();
        }
        self.w.iter().zip(&self.acc).map(|(w, a)| w - a / self.step).collect()
    }
}

/// Train a model tagging `labels` on `sentences` (features interned by `interner`).
pub fn train(
    interner: &Interner,
    sentences: &[&Sentence],
    stacked: bool,
    labels: &[usize],
    opts: Options,
) -> Model {
    // Keep the features frequent enough in these sentences, renumbered densely.
    let mut count: HashMap<u32, u32> = HashMap::new();
    for s in sentences {
        for &f in s.features.iter().flatten() {
            *count.entry(f).or_default() += 1;
        }
    }
    let mut kept: Vec<u32> = count.iter().filter(|(_, c)| **c >= opts.min_count).map(|(f, _)| *f).collect();
    kept.sort_unstable();
    let local: HashMap<u32, u32> = kept.iter().enumerate().map(|(i, f)| (*f, i as u32)).collect();
    let data: Vec<(Vec<Vec<u32>>, Vec<usize>)> = sentences
        .iter()
        .map(|s| {
            let rows = s.features.iter().map(|f| f.iter().filter_map(|g| local.get(g).copied()).collect());
            let spans: Vec<LabelSpan> =
                s.spans.iter().filter(|x| labels.contains(&x.label)).copied().collect();
            (rows.collect(), encode(s.features.len(), &spans))
        })
        .collect();
    let runs = opts.restarts.max(1);
    let (mut w, mut t) = (vec![0f32; kept.len() * NTAGS], vec![0f32; (NTAGS + 1) * NTAGS]);
    for r in 0..runs {
        let (rw, rt) = train_once(&data, kept.len(), opts, opts.seed.wrapping_add(r as u64));
        w.iter_mut().zip(rw).for_each(|(a, b)| *a += b / runs as f32);
        t.iter_mut().zip(rt).for_each(|(a, b)| *a += b / runs as f32);
    }
    let names = kept.iter().map(|&f| interner.name(f).unwrap_or_default().to_string()).collect();
    Model::new((stacked, opts.groups), labels.to_vec(), names, w, t)
}

/// One training run from zero weights over `data` (rows of `n` kept features, gold tags):
/// feature and transition weights.
fn train_once(
    data: &[(Vec<Vec<u32>>, Vec<usize>)],
    n: usize,
    opts: Options,
    seed: u64,
) -> (Vec<f32>, Vec<f32>) {
    let mut fw = Weights::new(n * NTAGS);
    let mut tw = Weights::new((NTAGS + 1) * NTAGS);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = Rng(seed.max(1));
    let mut emit = Vec::new();
    for _ in 0..opts.epochs {
        for i in (1..order.len()).rev() {
            order.swap(i, (rng.next() % (i as u64 + 1)) as usize);
        }
        for &k in &order {
            let Some((rows, gold)) = data.get(k) else { continue };
            emit.clear();
            emit.resize(rows.len() * NTAGS, 0.0);
            for (i, feats) in rows.iter().enumerate() {
                let Some(e) = emit.get_mut(i * NTAGS..(i + 1) * NTAGS) else { continue };
                for &f in feats {
                    let base = f as usize * NTAGS;
                    if let Some(w) = fw.w.get(base..base + NTAGS) {
                        e.iter_mut().zip(w).for_each(|(e, w)| *e += w);
                    }
                }
            }
            let pred = viterbi(&emit, &tw.w);
            if pred != *gold {
                let mut prev = (NTAGS, NTAGS);
                for (i, (&g, &p)) in gold.iter().zip(&pred).enumerate() {
                    if (prev.0, g) != (prev.1, p) {
                        tw.add(prev.0 * NTAGS + g, 1.0);
                        tw.add(prev.1 * NTAGS + p, -1.0);
                    }
                    if g != p {
                        for &f in rows.get(i).into_iter().flatten() {
                            fw.add(f as usize * NTAGS + g, 1.0);
                            fw.add(f as usize * NTAGS + p, -1.0);
                        }
                    }
                    prev = (g, p);
                }
            }
            fw.step += 1.0;
            tw.step += 1.0;
        }
    }
    (fw.averaged(opts.average), tw.averaged(opts.average))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tagger::labels::decode;

    /// Toy task: a word after 窃得 is a stolen item (NASI, label 5).
    #[test]
    fn learns_a_toy_task() {
        let mut it = Interner::default();
        let items = ["手机", "钱包", "电脑", "项链", "手表", "戒指"];
        let mut sents = Vec::new();
        for (k, item) in items.iter().enumerate() {
            let text = format!("{}窃得{item}一部", if k % 2 == 0 { "张某" } else { "李某某" });
            let chars: Vec<char> = text.chars().collect();
            let feats: Vec<Vec<String>> = (0..chars.len())
                .map(|i| {
                    let prev2: String = chars[i.saturating_sub(2)..i].iter().collect();
                    vec![format!("u0:{}", chars[i]), format!("p2:{prev2}"), "b".into()]
                })
                .collect();
            let start = chars.len() - 4;
            let spans = vec![LabelSpan { label: 5, start, end: start + 2 }];
            sents.push(Sentence { features: it.intern(&feats), spans });
        }
        let refs: Vec<&Sentence> = sents.iter().collect();
        let opts = Options { epochs: 5, seed: 1, min_count: 1, ..Options::default() };
        let m = train(&it, &refs, false, &[5], opts);
        assert_eq!(m, train(&it, &refs, false, &[5], opts), "training is deterministic");
        let text: Vec<char> = "王某窃得耳机一部".chars().collect();
        let feats: Vec<Vec<String>> = (0..text.len())
            .map(|i| {
                let prev2: String = text[i.saturating_sub(2)..i].iter().collect();
                vec![format!("u0:{}", text[i]), format!("p2:{prev2}"), "b".into()]
            })
            .collect();
        assert_eq!(decode(&m.tag(&feats)), vec![LabelSpan { label: 5, start: 4, end: 6 }]);
    }
}
