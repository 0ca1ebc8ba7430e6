//! A learned span layer over the rules: a character-level sequence tagger for the ten fact-level
//! CAIL2021 theft labels (suspect, victim, stolen money, value, gain, stolen item, tool, time,
//! place, organisation).
//!
//! Design. The rules ([`crate::extract::extract_elements`]) find most spans but miss or misplace
//! boundaries in ways that are regular (a place that stops one word early, an item that swallows
//! its quantity). A linear model sees, for each character, the text around it and what the rules
//! said about it, and tags the sentence with BIO tags; Viterbi decoding keeps the tags well formed.
//!
//! * [`labels`] — the ten labels, their element (type, role), BIO encoding and decoding;
//! * [`features`] — character n-grams, character classes, jieba words and part-of-speech tags,
//!   and the rule output (the BIO tag each rule span gives the character: stacking);
//! * [`model`] — weights, Viterbi, the weights file (text, parsed with size limits);
//! * [`train`] — the averaged structured perceptron, deterministic (fixed seed and epochs).
//!
//! One BIO sequence cannot hold nested spans, and victims are often written inside places and
//! items (被害人张某家中, 张某的手机), so persons and the other labels are two layers: two models
//! over the same features, whose spans are united.
//!
//! The weights are trained by `anguan bench tagger --train-out dictionaries/extract/tagger.tsv`
//! on all of ../shared/data/cail2021-theft-ie/dev.jsonl; the same command reports only
//! cross-validated figures. They are embedded as `extract/tagger.tsv` ([`Tagger::embedded`]).
//!
//! [`Tagger::refine`] replaces the rules' elements of the ten labels by the tagger's spans,
//! keeping the rules' element (and normalised value) where the spans agree exactly, and
//! normalising new spans (amounts in 元, dates). Per label, the spans may instead come from the
//! rules alone, or from the rules plus the tagger's spans that overlap none of theirs ("fill"):
//! the weights file says which, in a `sources NCSM=rules,NATS=fill` line before the models (the
//! bench chooses them by inner cross-validation on its training lines and writes the line). Callers opt in with
//! [`crate::extract::ExtractOptions::tagger`] (`anguan extract --tagger`); the audit stays on the
//! rules, which are faster and were not trained on anything.

pub mod features;
pub mod labels;
pub mod model;
pub mod train;

use std::sync::OnceLock;

use serde_json::json;

use crate::extract::Element;
use crate::span::CharIndex;

pub use labels::{LABELS, LabelSpan, Source, Sources, label_of};
pub use model::{Model, TaggerError};

/// Name of the embedded weights file under `dictionaries/`.
pub const WEIGHTS_FILE: &str = "extract/tagger.tsv";

/// Most models (layers) one weights file may hold.
const MAX_LAYERS: usize = 8;

/// Prefix of the weights-file line giving the labels' sources.
const SOURCES: &str = "sources ";

/// A trained tagger: one model per layer of labels ([`labels::LAYERS`]), their spans united, and
/// where each label's final spans come from.
#[derive(Debug, Clone)]
pub struct Tagger {
    models: Vec<Model>,
    sources: Sources,
}

impl Tagger {
    /// A tagger from a weights file's bytes: an optional `sources` line, then one or more
    /// model blocks, each starting with its `anguan-tagger` header line, all stacked or all
    /// text-only, all with the same feature groups.
    pub fn load(bytes: &[u8]) -> Result<Tagger, TaggerError> {
        if bytes.len() > model::MAX_FILE_BYTES {
            return Err(TaggerError::TooLarge(bytes.len()));
        }
        let text = std::str::from_utf8(bytes).map_err(|_| TaggerError::BadHeader)?;
        let mut blocks: Vec<String> = Vec::new();
        let mut sources = Sources::default();
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            if let Some(list) = line.strip_prefix(SOURCES)
                && blocks.is_empty()
            {
                sources = labels::parse_sources(list).ok_or(TaggerError::BadHeader)?;
                continue;
            }
            if line.starts_with("anguan-tagger ") {
                if blocks.len() == MAX_LAYERS {
                    return Err(TaggerError::BadHeader);
                }
                blocks.push(String::new());
            }
            let block = blocks.last_mut().ok_or(TaggerError::BadHeader)?;
            block.push_str(line);
            block.push('\n');
        }
        let models = blocks.iter().map(|b| Model::parse(b)).collect::<Result<Vec<_>, _>>()?;
        match models.first() {
            Some(m) if models.iter().all(|x| x.stacked == m.stacked && x.groups == m.groups) => {
                Ok(Tagger { models, sources })
            }
            _ => Err(TaggerError::BadHeader),
        }
    }

    /// The weights shipped in `dictionaries/extract/tagger.tsv` (or the override folder's copy);
    /// `None` when absent or unreadable.
    pub fn embedded() -> Option<&'static Tagger> {
        static EMBEDDED: OnceLock<Option<Tagger>> = OnceLock::new();
        EMBEDDED
            .get_or_init(|| {
                let text = crate::dictionaries::text(WEIGHTS_FILE)?;
                match Tagger::load(text.as_bytes()) {
                    Ok(t) => Some(t),
                    Err(e) => {
                        tracing::warn!("{e}");
                        None
                    }
                }
            })
            .as_ref()
    }

    /// A tagger from models trained in memory (all stacked or all text-only, with the same
    /// feature groups) and the labels' sources.
    pub fn from_models(models: Vec<Model>, sources: Sources) -> Tagger {
        Tagger { models, sources }
    }

    pub fn models(&self) -> &[Model] {
        &self.models
    }

    /// Where [`Tagger::refine`] takes each label's spans from.
    pub fn sources(&self) -> &Sources {
        &self.sources
    }

    /// The weights file ([`Tagger::load`] reads it back); weights below `min_abs` are pruned.
    pub fn to_text(&self, min_abs: f32) -> String {
        let mut out = String::new();
        let sources = labels::sources_text(&self.sources);
        if !sources.is_empty() {
            out = format!("{SOURCES}{sources}\n");
        }
        out.extend(self.models.iter().map(|m| m.to_text(min_abs)));
        out
    }

    fn stacked(&self) -> bool {
        self.models.first().is_some_and(|m| m.stacked)
    }

    /// The features this tagger reads: the text's, plus the rules' when the model is stacked,
    /// with the models' feature groups.
    pub fn features(&self, text: &str, elements: &[Element]) -> features::Features {
        let groups = self.models.first().map_or(0, |m| m.groups);
        if self.stacked() { features::stacked(text, elements, groups) } else { features::base(text, groups) }
    }

    /// The labelled spans of a sentence from its features: each layer's spans of its labels.
    pub fn spans<S: AsRef<str>>(&self, features: &[Vec<S>]) -> Vec<LabelSpan> {
        let mut out: Vec<LabelSpan> = self
            .models
            .iter()
            .flat_map(|m| {
                labels::decode(&m.tag(features)).into_iter().filter(|s| m.labels.contains(&s.label))
            })
            .collect();
        out.sort();
        out
    }

    /// The rules' elements of `text` with those of the ten labels replaced by the tagger's spans
    /// (as its [`Tagger::sources`] say).
    pub fn refine(&self, text: &str, elements: Vec<Element>) -> Vec<Element> {
        let spans = self.spans(&self.features(text, &elements));
        merge(text, elements, &spans, &self.sources)
    }
}

/// Replace the elements of the ten labels by `spans`, as `sources` say: for a label from
/// [`Source::Rules`] the rule elements pass through and its spans are ignored; for one from
/// [`Source::Fill`] the rule elements pass through and only the spans overlapping none of them
/// are added; for one from [`Source::Tagger`] (the default) a span the rules also found keeps the rules'
/// element; a new one gets a normalised value: an amount in 元 (re-read from its text, else the
/// value of an overlapping rule amount, else null), a time's value from an overlapping rule time
/// (else its date, else its text), the text for the other labels. Other elements pass through.
/// The result is in text order.
pub fn merge(text: &str, elements: Vec<Element>, spans: &[LabelSpan], sources: &Sources) -> Vec<Element> {
    let idx = CharIndex::new(text);
    let source = |l: usize| sources.get(l).copied().unwrap_or_default();
    let (mut ruled, mut out): (Vec<Element>, Vec<Element>) =
        elements.into_iter().partition(|e| label_of(e).is_some_and(|l| source(l) == Source::Tagger));
    let overlaps_kept = |s: &LabelSpan, kept: &[Element]| {
        kept.iter().any(|e| label_of(e) == Some(s.label) && e.start < s.end && s.start < e.end)
    };
    let wanted: Vec<&LabelSpan> = spans
        .iter()
        .filter(|s| match source(s.label) {
            Source::Tagger => true,
            Source::Rules => false,
            Source::Fill => !overlaps_kept(s, &out),
        })
        .collect();
    for s in wanted {
        let Some(&(_, kind, role)) = LABELS.get(s.label) else { continue };
        if s.end > idx.len() || s.start >= s.end {
            continue;
        }
        let same =
            ruled.iter().position(|e| label_of(e) == Some(s.label) && e.start == s.start && e.end == s.end);
        if let Some(k) = same {
            out.push(ruled.swap_remove(k));
            continue;
        }
        let written = idx.slice(s.start, s.end).to_string();
        let norm = crate::normalize::to_halfwidth(&written);
        // The value of a rule element of the same label this span overlaps (a boundary fix).
        let near = ruled
            .iter()
            .find(|e| label_of(e) == Some(s.label) && e.start < s.end && s.start < e.end)
            .map(|e| e.value.clone());
        let value = match kind {
            "amount" => crate::normalize::parse_amount(&norm).map(|v| json!(v)).or(near),
            "time" => near.or_else(|| crate::normalize::parse_date(&norm).map(|d| json!(d.to_string()))),
            _ => None,
        };
        let value =
            value.unwrap_or_else(|| if kind == "amount" { serde_json::Value::Null } else { json!(written) });
        out.push(Element {
            kind: kind.to_string(),
            role: role.map(String::from),
            text: written,
            start: s.start,
            end: s.end,
            value,
        });
    }
    out.sort_by(|a, b| (a.start, a.end, &a.kind).cmp(&(b.start, b.end, &b.kind)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_keeps_rule_values_and_normalises_new_spans() {
        let text = "被告人张某窃得手机一部，价值人民币1,000元。";
        let rule = |kind: &str, role: Option<&str>, s: usize, e: usize, v: serde_json::Value| Element {
            kind: kind.into(),
            role: role.map(String::from),
            text: text.chars().skip(s).take(e - s).collect(),
            start: s,
            end: e,
            value: v,
        };
        let elements = vec![
            rule("person", Some("suspect"), 3, 5, json!("张某")),
            rule("item", Some("stolen"), 7, 9, json!("手机")),
            rule("charge", None, 0, 2, json!("盗窃罪")),
        ];
        let spans = [
            LabelSpan { label: 0, start: 3, end: 5 },
            LabelSpan { label: 5, start: 7, end: 11 },
            LabelSpan { label: 3, start: 14, end: 23 },
        ];
        let out = merge(text, elements.clone(), &spans, &Sources::default());
        let kinds: Vec<(&str, usize, usize)> =
            out.iter().map(|e| (e.kind.as_str(), e.start, e.end)).collect();
        assert_eq!(kinds, vec![("charge", 0, 2), ("person", 3, 5), ("item", 7, 11), ("amount", 14, 23)]);
        assert_eq!(out[1].value, json!("张某"));
        assert_eq!(out[2].text, "手机一部");
        assert_eq!(out[3].value, json!(1000.0));
        assert_eq!(out[3].role.as_deref(), Some("value"));
        // A boundary fix of a time keeps the rules' normalised value.
        let text = "2023年6月13日14时许，张某窃得手机。";
        let time = rule("time", None, 0, 10, json!("2023-06-13"));
        let out = merge(text, vec![time], &[LabelSpan { label: 7, start: 0, end: 14 }], &Sources::default());
        assert_eq!((out[0].text.as_str(), &out[0].value), ("2023年6月13日14时许", &json!("2023-06-13")));
        // Labels from the rules: their rule elements stay, the tagger's spans are ignored; a
        // filled label adds only the spans overlapping no rule element.
        let text = "被告人张某窃得手机一部，价值人民币1,000元。";
        let mut sources = Sources::default();
        sources[3] = Source::Rules;
        sources[5] = Source::Rules;
        let out = merge(text, elements.clone(), &spans, &sources);
        let kinds: Vec<(&str, usize, usize)> =
            out.iter().map(|e| (e.kind.as_str(), e.start, e.end)).collect();
        assert_eq!(kinds, vec![("charge", 0, 2), ("person", 3, 5), ("item", 7, 9)]);
        sources[3] = Source::Fill;
        sources[5] = Source::Fill;
        let out = merge(text, elements, &spans, &sources);
        let kinds: Vec<(&str, usize, usize)> =
            out.iter().map(|e| (e.kind.as_str(), e.start, e.end)).collect();
        assert_eq!(kinds, vec![("charge", 0, 2), ("person", 3, 5), ("item", 7, 9), ("amount", 14, 23)]);
    }

    #[test]
    fn corrupt_bytes_are_an_error() {
        assert!(Tagger::load(&[0xff, 0xfe, 0x00]).is_err());
        assert!(Tagger::load(b"anguan-tagger 1 stacked NT\ntags O\n").is_err());
        assert!(Tagger::load(b"f x\t1:1\n").is_err());
        assert!(Tagger::load(b"").is_err());
        assert!(Tagger::load(b"sources NX=rules\nanguan-tagger 1 stacked NT\n").is_err());
        let mut w = vec![0f32; labels::NTAGS];
        w[1] = 1.0;
        let m = |g| Model::new((true, g), vec![7], vec!["a".into()], w.clone(), vec![]);
        let mut sources = Sources::default();
        sources[2] = Source::Rules;
        sources[6] = Source::Fill;
        let t = Tagger::from_models(vec![m(0), m(0)], sources);
        let back = Tagger::load(t.to_text(0.0).as_bytes()).unwrap();
        assert_eq!((back.sources(), back.models().len()), (&sources, 2));
        let mixed = Tagger::from_models(vec![m(0), m(features::extra::RUNS)], Sources::default());
        assert!(Tagger::load(mixed.to_text(0.0).as_bytes()).is_err());
    }
}

#[cfg(test)]
mod embedded_tests {
    use super::*;

    #[test]
    fn the_shipped_weights_load_and_refine_a_sentence() {
        let tagger = Tagger::embedded().expect("dictionaries/extract/tagger.tsv loads");
        assert_eq!(tagger.models().len(), labels::LAYERS.len());
        assert!(tagger.models().iter().all(|m| m.stacked && !m.is_empty()));
        let text = "2023年6月13日14时许，被告人张某某在本市某小区被害人李某家中，窃得苹果牌手机一部，价值人民币3000元。";
        let rules = crate::extract::extract_text(text).elements;
        let out = tagger.refine(text, rules);
        let found = |kind: &str, role: Option<&str>, written: &str| {
            out.iter().any(|e| e.kind == kind && e.role.as_deref() == role && e.text == written)
        };
        assert!(found("person", Some("suspect"), "张某某"), "{out:#?}");
        assert!(found("person", Some("victim"), "李某"), "{out:#?}");
        assert!(found("amount", Some("value"), "人民币3000元"), "{out:#?}");
        assert!(out.iter().any(|e| e.kind == "item" && e.text.contains("手机")), "{out:#?}");
    }
}
