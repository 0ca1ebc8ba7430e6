//! The tag set: the ten CAIL2021 theft labels, their element (type, role) and the BIO tags over
//! them. Tag 0 is `O`; label `k` has `B` = `1 + 2k` and `I` = `2 + 2k`.

use crate::extract::Element;

/// CAIL label → (element type, role), the mapping of spec §4.
pub const LABELS: [(&str, &str, Option<&str>); 10] = [
    ("NHCS", "person", Some("suspect")),
    ("NHVI", "person", Some("victim")),
    ("NCSM", "amount", Some("stolen_money")),
    ("NCGV", "amount", Some("value")),
    ("NCSP", "amount", Some("gain")),
    ("NASI", "item", Some("stolen")),
    ("NATS", "tool", None),
    ("NT", "time", None),
    ("NS", "place", None),
    ("NO", "organization", None),
];

/// The labels tagged together by one model. Victims are often written inside places and items
/// (被害人张某家中, 张某的手机), which one BIO sequence cannot encode, so persons get their own layer.
pub const LAYERS: [&[usize]; 2] = [&[0, 1], &[2, 3, 4, 5, 6, 7, 8, 9]];

/// Where the final spans of a label come from (chosen per label by the bench, stored in the
/// weights file's `sources` line).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Source {
    /// The tagger's spans replace the rules'.
    #[default]
    Tagger,
    /// The rules' spans stay; the tagger's are ignored.
    Rules,
    /// The rules' spans stay, and the tagger's spans that overlap none of them are added.
    Fill,
}

impl Source {
    pub const ALL: [Source; 3] = [Source::Rules, Source::Fill, Source::Tagger];

    pub fn name(self) -> &'static str {
        match self {
            Source::Tagger => "tagger",
            Source::Rules => "rules",
            Source::Fill => "fill",
        }
    }
}

/// The source of each label, indexed like [`LABELS`].
pub type Sources = [Source; LABELS.len()];

/// `NCSM=rules,NATS=fill`: the labels whose source is not the tagger (`""` when none).
pub fn sources_text(sources: &Sources) -> String {
    let parts: Vec<String> = LABELS
        .iter()
        .zip(sources)
        .filter(|(_, s)| **s != Source::Tagger)
        .map(|(l, s)| format!("{}={}", l.0, s.name()))
        .collect();
    parts.join(",")
}

/// The sources written by [`sources_text`] (labels not named: the tagger).
pub fn parse_sources(text: &str) -> Option<Sources> {
    let mut out = [Source::Tagger; LABELS.len()];
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (label, source) = part.split_once('=')?;
        let slot = out.get_mut(label_index(label)?)?;
        *slot = *Source::ALL.iter().find(|s| s.name() == source)?;
    }
    Some(out)
}

/// Number of BIO tags (O plus B and I of each label).
pub const NTAGS: usize = 1 + 2 * LABELS.len();

/// A labelled span: label index into [`LABELS`], character offsets `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LabelSpan {
    pub label: usize,
    pub start: usize,
    pub end: usize,
}

/// The label index of an element, if it is one of the ten.
pub fn label_of(e: &Element) -> Option<usize> {
    LABELS.iter().position(|(_, k, r)| e.kind == *k && (r.is_none() || e.role.as_deref() == *r))
}

/// The label index of a CAIL label name (`NASI`).
pub fn label_index(name: &str) -> Option<usize> {
    LABELS.iter().position(|(l, _, _)| *l == name)
}

/// Name of a tag: `O`, `B-NT`, `I-NT`.
pub fn tag_name(tag: usize) -> String {
    match tag.checked_sub(1) {
        None => "O".to_string(),
        Some(t) => {
            let name = LABELS.get(t / 2).map_or("?", |l| l.0);
            format!("{}-{name}", if t % 2 == 0 { 'B' } else { 'I' })
        }
    }
}

/// The tag of a name written by [`tag_name`].
pub fn tag_of_name(name: &str) -> Option<usize> {
    if name == "O" {
        return Some(0);
    }
    let (bi, label) = name.split_once('-')?;
    let k = label_index(label)?;
    match bi {
        "B" => Some(1 + 2 * k),
        "I" => Some(2 + 2 * k),
        _ => None,
    }
}

/// Whether `tag` may follow `prev` (`None` = sentence start): `I-X` only continues `B-X`/`I-X`.
pub fn allowed(prev: Option<usize>, tag: usize) -> bool {
    if tag == 0 || tag % 2 == 1 {
        return true;
    }
    prev.is_some_and(|p| p != 0 && (p - 1) / 2 == (tag - 1) / 2)
}

/// BIO tags of `n` characters from spans; overlapping spans cannot all be encoded, so earlier
/// (then longer) spans win and a span overlapping a placed one is dropped.
pub fn encode(n: usize, spans: &[LabelSpan]) -> Vec<usize> {
    let mut sorted: Vec<LabelSpan> =
        spans.iter().copied().filter(|s| s.start < s.end && s.end <= n && s.label < LABELS.len()).collect();
    sorted.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end), s.label));
    let mut tags = vec![0; n];
    let mut free_from = 0;
    for s in sorted {
        if s.start < free_from {
            continue;
        }
        for (i, t) in tags.iter_mut().enumerate().take(s.end).skip(s.start) {
            *t = if i == s.start { 1 + 2 * s.label } else { 2 + 2 * s.label };
        }
        free_from = s.end;
    }
    tags
}

/// Spans of a BIO tag sequence (a stray `I` opens a span, as the decoder never emits one).
pub fn decode(tags: &[usize]) -> Vec<LabelSpan> {
    let mut out = Vec::new();
    let mut open: Option<LabelSpan> = None;
    for (i, &t) in tags.iter().enumerate() {
        let label = t.checked_sub(1).map(|x| x / 2);
        let cont = t != 0 && t % 2 == 0 && open.is_some_and(|o| Some(o.label) == label);
        if cont {
            if let Some(o) = open.as_mut() {
                o.end = i + 1;
            }
            continue;
        }
        out.extend(open.take());
        if let Some(label) = label {
            open = Some(LabelSpan { label, start: i, end: i + 1 });
        }
    }
    out.extend(open);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bio_round_trip_and_overlaps() {
        let spans = [
            LabelSpan { label: 7, start: 0, end: 4 },
            LabelSpan { label: 0, start: 5, end: 8 },
            LabelSpan { label: 5, start: 6, end: 9 },
        ];
        let tags = encode(10, &spans);
        assert_eq!(tags[0], 1 + 2 * 7);
        assert_eq!(tags[3], 2 + 2 * 7);
        assert_eq!(decode(&tags), vec![spans[0], spans[1]]);
        assert_eq!(tag_of_name(&tag_name(4)), Some(4));
        assert!(allowed(Some(3), 4) && !allowed(Some(1), 4) && !allowed(None, 2));
        let mut src = [Source::Tagger; LABELS.len()];
        src[2] = Source::Rules;
        src[6] = Source::Fill;
        assert_eq!(sources_text(&src), "NCSM=rules,NATS=fill");
        assert_eq!(parse_sources(&sources_text(&src)), Some(src));
        assert_eq!(parse_sources(""), Some([Source::Tagger; LABELS.len()]));
        assert_eq!(parse_sources("NX=rules"), None);
        assert_eq!(parse_sources("NT=maybe"), None);
    }
}
