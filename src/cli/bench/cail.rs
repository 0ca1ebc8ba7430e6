//! What `bench extract` and `bench tagger` share over CAIL2021 theft IE lines: the gold spans of a
//! line (labels mapped by [`anguan::extract::tagger::labels`]) and exact-span counts.

use std::collections::HashSet;

use anguan::extract::tagger::LabelSpan;
use anguan::extract::tagger::labels::label_index;

/// The gold spans of one JSON line: `entities[].label` and `span` as `"start;end"` strings.
/// Labels outside the ten are skipped.
pub fn gold_spans(line: &serde_json::Value) -> HashSet<LabelSpan> {
    let mut gold = HashSet::new();
    for e in line["entities"].as_array().into_iter().flatten() {
        let Some(label) = e["label"].as_str().and_then(label_index) else { continue };
        for s in e["span"].as_array().into_iter().flatten() {
            if let Some((a, b)) = s.as_str().unwrap_or_default().split_once(';')
                && let (Ok(start), Ok(end)) = (a.parse(), b.parse())
            {
                gold.insert(LabelSpan { label, start, end });
            }
        }
    }
    gold
}

/// Exact-span counts: true positives, false positives, false negatives.
#[derive(Debug, Default, Clone, Copy)]
pub struct Count {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Count {
    pub fn add(&mut self, o: Count) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }

    /// Precision, recall and F1 (0 where undefined).
    pub fn prf(self) -> (f64, f64, f64) {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let (p, r) = (ratio(self.tp, self.tp + self.fp), ratio(self.tp, self.tp + self.fn_));
        (p, r, if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) })
    }
}
