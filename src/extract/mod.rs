//! Legal elements (spec §4): [`crate::ingest::Document`] → [`Element`]s, each with its character
//! span and a normalised value, and the same findings grouped per person and per case
//! ([`Extraction`], the audit's input).
//!
//! Design: rules first, and an optional learned layer over them ([`tagger`], opt-in through
//! [`ExtractOptions`]). The text is mapped to half-width (one character for one,
//! so offsets do not move) and each extractor scans it with regexes, cue words from
//! `dictionaries/extract/cues.toml` and jieba's part-of-speech tags:
//!
//! * [`names`] — persons and their roles (suspect / victim / other), every mention of a name;
//! * [`money`] — amounts with their role (stolen money, value, gain, fine) from the cues before them;
//! * [`things`] — stolen items, delimited by theft verbs and item nouns;
//! * [`tools`] — tools after a use cue (用, 持, 携带 …);
//! * [`scene`] — time, place and organisation expressions;
//! * [`identity`] — the 犯罪嫌疑人/被告人 blocks: gender, birth date, ID, ethnicity, education,
//!   occupation, domicile, address and measures of each person;
//! * [`legal`] — charges, statutes, plea, sentences, document numbers, blood alcohol, case dates;
//! * [`assemble`] — elements → [`PersonFacts`] and [`CaseFacts`], attaching each fact to the
//!   person whose name governs its sentence;
//! * [`tagger`] — an averaged-perceptron BIO tagger stacked on the rules' output, trained on
//!   CAIL2021 sentences (`anguan bench tagger` trains it and reports cross-validated figures).
//!
//! Every extractor sees a [`Ctx`] and returns elements; nothing here panics on input.

mod assemble;
mod case;
pub mod charges;
pub mod cues;
pub mod facts;
mod identity;
mod legal;
mod money;
mod names;
mod scene;
pub mod tagger;
mod things;
mod tools;

use serde::{Deserialize, Serialize};

use crate::span::CharIndex;

pub use charges::{Charge, ChargeTable};
pub use facts::{CaseFacts, Extraction, Fact, MeasureFact, PersonFacts, SentenceFact};

/// One legal element found in a text (spec §4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Element {
    /// `person`, `amount`, `item`, `tool`, `time`, `place`, `organization`, `id_number`, …
    #[serde(rename = "type")]
    pub kind: String,
    /// `suspect`, `victim`, `stolen_money`, `value`, …; absent where the type has no roles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The text as written.
    pub text: String,
    /// Character offsets into the text, end exclusive.
    pub start: usize,
    pub end: usize,
    /// The normalised value (a name, a number in 元, an ISO date, an object …).
    pub value: serde_json::Value,
}

/// The text being read: the original, its half-width form (same character count), characters
/// and offset maps.
pub struct Ctx<'a> {
    pub text: &'a str,
    /// Half-width copy: extractors match on this.
    pub norm: String,
    pub chars: Vec<char>,
    pub cues: &'static cues::Cues,
    /// Offsets of the original text (for slicing it by characters).
    orig: CharIndex<'a>,
    /// jieba's words of `norm`, segmented once on first use ([`Ctx::words`]).
    words: std::cell::OnceCell<Vec<(usize, usize)>>,
    /// The dates of `norm`, found once ([`Ctx::dates`]).
    dates: std::cell::OnceCell<Vec<crate::normalize::DateMatch>>,
    /// The identity blocks, found once (read by identity and assemble).
    blocks: std::cell::OnceCell<Vec<identity::Block>>,
    /// Byte offsets of `norm`'s characters, found once ([`Ctx::norm_index`]).
    norm_offsets: std::cell::OnceCell<Vec<usize>>,
    /// How often strings occur in `norm`, each counted once ([`Ctx::occurrences`]).
    counts: std::cell::RefCell<std::collections::HashMap<String, usize>>,
}

impl<'a> Ctx<'a> {
    pub fn new(text: &'a str) -> Ctx<'a> {
        let norm = crate::normalize::to_halfwidth(text);
        let chars = norm.chars().collect();
        let orig = CharIndex::new(text);
        let (words, dates, blocks, norm_offsets, counts) = Default::default();
        Ctx {
            text,
            norm,
            chars,
            cues: cues::Cues::global(),
            orig,
            words,
            dates,
            blocks,
            norm_offsets,
            counts,
        }
    }

    /// jieba's words of the half-width text as character ranges `[start, end)`, in text order
    /// (segmented once per text, shared by the extractors).
    pub fn words(&self) -> &[(usize, usize)] {
        self.words.get_or_init(|| {
            crate::segment::Segmenter::global().tokens(&self.norm).iter().map(|t| (t.start, t.end)).collect()
        })
    }

    /// Byte ↔ character offsets of `norm` (computed once per text, shared by the extractors).
    pub fn norm_index(&self) -> CharIndex<'_> {
        CharIndex::from_offsets(
            &self.norm,
            self.norm_offsets.get_or_init(|| crate::span::char_offsets(&self.norm)),
        )
    }

    /// How many times `s` occurs in `norm` (non-overlapping, as `str::matches` counts); each
    /// string is counted once per text, however often an extractor asks.
    pub fn occurrences(&self, s: &str) -> usize {
        if let Some(&n) = self.counts.borrow().get(s) {
            return n;
        }
        let n = self.norm.matches(s).count();
        self.counts.borrow_mut().insert(s.to_string(), n);
        n
    }

    /// Character offsets of a byte range of `norm`.
    pub fn chars_of(&self, idx: &CharIndex<'_>, b0: usize, b1: usize) -> (usize, usize) {
        (idx.char_of_byte(b0), idx.char_of_byte(b1))
    }

    /// The original text of characters `[start, end)`.
    pub fn slice(&self, start: usize, end: usize) -> String {
        self.orig.slice(start, end).to_string()
    }

    /// The dates of the half-width text (found once per text, shared by the extractors).
    pub fn dates(&self) -> &[crate::normalize::DateMatch] {
        self.dates.get_or_init(|| crate::normalize::find_dates(&self.norm))
    }

    /// The half-width characters `[start, end)` as a string.
    pub fn norm_slice(&self, start: usize, end: usize) -> String {
        self.chars
            .get(start.min(end)..end.min(self.chars.len()))
            .map(|c| c.iter().collect())
            .unwrap_or_default()
    }

    pub fn element(
        &self,
        kind: &str,
        role: Option<&str>,
        start: usize,
        end: usize,
        value: serde_json::Value,
    ) -> Element {
        Element {
            kind: kind.to_string(),
            role: role.map(String::from),
            text: self.slice(start, end),
            start,
            end,
            value,
        }
    }
}

/// Extract the elements and facts of a document.
pub fn extract_document(doc: &crate::ingest::Document) -> Extraction {
    extract_document_with(doc, ExtractOptions::default())
}

/// [`extract_document`] with options. The tagger, trained on sentences of facts, only redraws
/// the spans inside the document's facts section (none when the document has none): elsewhere it
/// reads headings, evidence lists and procedure as stolen items and places.
pub fn extract_document_with(doc: &crate::ingest::Document, opts: ExtractOptions) -> Extraction {
    let facts = doc.section(crate::ingest::SectionKind::Facts);
    let ctx = Ctx::new(&doc.text);
    let mut elements = extract_elements(&ctx);
    if opts.tagger
        && let (Some(t), Some(f)) = (tagger::Tagger::embedded(), facts)
    {
        elements = refine_range(t, &doc.text, elements, f.start, f.end);
    }
    let (persons, case) = assemble::assemble(&ctx, &elements);
    let mut ex = Extraction { elements, persons, case };
    if let Some(f) = facts {
        offense_dates_from_facts(&mut ex, f.start, f.end);
    }
    ex
}

/// Let the tagger redraw the elements that lie inside characters `start..end` of `text`; the
/// others pass through. The result is in text order.
fn refine_range(
    t: &tagger::Tagger,
    text: &str,
    elements: Vec<Element>,
    start: usize,
    end: usize,
) -> Vec<Element> {
    let idx = CharIndex::new(text);
    let Some(part) = text.get(idx.byte_of_char(start)..idx.byte_of_char(end)) else {
        return elements;
    };
    let (mut inside, mut out): (Vec<Element>, Vec<Element>) =
        elements.into_iter().partition(|e| e.start >= start && e.end <= end);
    for e in &mut inside {
        e.start -= start;
        e.end -= start;
    }
    out.extend(t.refine(part, inside).into_iter().map(|mut e| {
        e.start += start;
        e.end += start;
        e
    }));
    sort_elements(&mut out);
    out
}

/// Text order, and one element per (span, type, role).
fn sort_elements(out: &mut Vec<Element>) {
    out.sort_by(|a, b| (a.start, a.end, &a.kind).cmp(&(b.start, b.end, &b.kind)));
    out.dedup_by(|a, b| a.start == b.start && a.end == b.end && a.kind == b.kind && a.role == b.role);
}

/// Each document with its extraction (the pairs the audit and the web app work on).
pub fn extract_documents(docs: Vec<crate::ingest::Document>) -> Vec<(crate::ingest::Document, Extraction)> {
    docs.into_iter()
        .map(|d| {
            let ex = extract_document(&d);
            (d, ex)
        })
        .collect()
}

/// The offence date is the first exact date of the facts section: a date read elsewhere (the
/// procedure's 移送审查起诉 date, a measure's date) is not when the crime happened.
fn offense_dates_from_facts(ex: &mut Extraction, start: usize, end: usize) {
    let first = ex.elements.iter().find(|e| {
        e.kind == "time"
            && e.start >= start
            && e.end <= end
            && e.value.as_str().is_some_and(|v| v.len() >= 10)
    });
    let Some(first) = first else { return };
    let date = first
        .value
        .as_str()
        .and_then(|v| v.get(..10))
        .and_then(|v| chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").ok());
    let Some(date) = date else { return };
    let span = crate::span::Span { start: first.start, end: first.end, text: first.text.clone() };
    for p in ex.persons.iter_mut().filter(|p| p.role == "suspect") {
        let outside = p.offense_date.as_ref().is_none_or(|d| d.span.start < start || d.span.end > end);
        if outside {
            p.offense_date = Some(Fact { value: date, span: span.clone() });
        }
    }
}

/// Extract the elements and facts of a plain text (offsets into `text`), by the rules alone.
pub fn extract_text(text: &str) -> Extraction {
    extract_text_with(text, ExtractOptions::default())
}

/// How to extract.
#[derive(Debug, Clone, Copy, Default)]
pub struct ExtractOptions {
    /// Let the learned [`tagger`] redraw the spans of the ten fact-level labels (persons, amounts,
    /// items, tools, times, places, organisations) over the rules' output. Cross-validated on
    /// CAIL2021 it is more accurate than the rules alone, but about three times slower, and it was
    /// trained on single sentences of judgments; the audit therefore runs on the rules alone. In a
    /// document it reads only the facts section ([`extract_document_with`]).
    pub tagger: bool,
}

/// [`extract_text`] with options.
pub fn extract_text_with(text: &str, opts: ExtractOptions) -> Extraction {
    let ctx = Ctx::new(text);
    let mut elements = extract_elements(&ctx);
    if opts.tagger
        && let Some(t) = tagger::Tagger::embedded()
    {
        elements = t.refine(text, elements);
    }
    let (persons, case) = assemble::assemble(&ctx, &elements);
    Extraction { elements, persons, case }
}

/// The flat list of elements of a text, in text order.
pub fn extract_elements(ctx: &Ctx<'_>) -> Vec<Element> {
    let mut out = Vec::new();
    let people = names::find(ctx);
    out.extend(people.iter().cloned());
    let amounts = money::find(ctx, &people);
    // An item phrase that holds a whole amount of money (盗走现金450块: 块 is also a classifier)
    // is that amount, not an item.
    let holds_money = |e: &Element| {
        e.kind == "item" && amounts.iter().any(|a| a.kind == "amount" && e.start <= a.start && a.end <= e.end)
    };
    out.extend(things::find(ctx, &people).into_iter().filter(|e| !holds_money(e)));
    out.extend(amounts);
    out.extend(tools::find(ctx));
    out.extend(scene::find(ctx, &people));
    out.extend(identity::find(ctx, &people));
    out.extend(legal::find(ctx, &people));
    sort_elements(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_index_and_counts_agree_with_the_text() {
        // Full-width text: extractors work on the half-width copy.
        let ctx = Ctx::new("被告人张三盗窃ＡＢ１２元，张三又盗窃，张三三。");
        let idx = ctx.norm_index();
        let fresh = CharIndex::new(&ctx.norm);
        assert_eq!(idx.len(), fresh.len());
        for ch in 0..=idx.len() {
            assert_eq!(idx.byte_of_char(ch), fresh.byte_of_char(ch));
        }
        for s in ["张三", "盗窃", "张三三", "AB12", "李四", "三"] {
            // Asked twice: the second answer is the remembered one.
            assert_eq!(ctx.occurrences(s), ctx.norm.matches(s).count(), "{s}");
            assert_eq!(ctx.occurrences(s), ctx.norm.matches(s).count(), "{s}");
        }
    }
}
