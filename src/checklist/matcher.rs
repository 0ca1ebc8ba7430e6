//! The matcher: which packs apply to a document, and each element's verdict.
//!
//! An element is `contradicted` when one of its checks contradicts the facts; otherwise
//! `supported` when a cue matches in its section (the whole text when the document has no such
//! section) outside every negation match, or when a check finds the facts consistent; otherwise
//! `missing`. Evidence is the sentence around a cue match (or the span of the facts a check read).

use regex::Regex;

use super::checks::{Ctx, Outcome};
use super::haystack::Haystack;
use super::pack::{Pack, PackElement, Packs};
use super::{ElementVerdict, Verdict};
use crate::extract::{Extraction, Fact};
use crate::ingest::{DocType, Section};
use crate::span::{CharIndex, Span};

/// Most evidence spans reported for an element supported by cues.
const MAX_EVIDENCE: usize = 3;
/// Longest evidence sentence, in characters either side of the match.
const MAX_CONTEXT: usize = 60;
/// Longest reason quoted from the text, in characters.
const MAX_REASON: usize = 60;

/// A document's charges: the suspects' charges in the facts (less those only suspected, see below);
/// else the charges the packs' `mentions` find in the text (charges found: 应当以…罪追究, 构成…罪);
/// else those their `suspected` patterns find (涉嫌…罪). A charge pack without patterns is found by
/// its charge names. The first mention of each, in pack order.
pub fn document_charges(hs: &Haystack, ex: &Extraction, packs: &Packs) -> Vec<Fact<String>> {
    let mut out: Vec<Fact<String>> = Vec::new();
    for c in ex.persons.iter().filter(|p| p.role != "victim").flat_map(|p| p.charges.iter()) {
        if !out.iter().any(|o| o.value == c.value) {
            out.push(c.clone());
        }
    }
    let charge_packs = || packs.packs.iter().filter(|p| !p.charges.is_empty());
    let mut found: Vec<(&Pack, (usize, usize))> =
        charge_packs().filter_map(|p| first_match(hs, p, &p.mentions).map(|m| (p, m))).collect();
    if !out.is_empty() {
        // The facts name every charge the text mentions, found or only suspected (因涉嫌诈骗罪被
        // 刑事拘留 … 应当以帮助信息网络犯罪活动罪追究): when the text finds one of them, a charge of
        // the packs that it does not find was only suspected and is dropped.
        let is_found = |c: &str| found.iter().any(|(p, _)| p.charges.iter().any(|x| x == c));
        if out.iter().any(|c| is_found(&c.value)) {
            out.retain(|c| is_found(&c.value) || packs.charge_pack(&c.value).is_none());
        }
        return out;
    }
    if found.is_empty() {
        found = charge_packs().filter_map(|p| first_match(hs, p, &p.suspected).map(|m| (p, m))).collect();
    }
    for (pack, (b0, b1)) in found {
        let span = hs.idx.span_of_bytes(b0, b1);
        let written: String = span.text.split_whitespace().collect();
        let value = pack
            .charges
            .iter()
            .filter(|c| written.contains(c.as_str()))
            .max_by_key(|c| c.len())
            .or(pack.charges.first())
            .cloned()
            .unwrap_or_default();
        out.push(Fact { value, span });
    }
    out
}

/// The first match of any pattern, or of the charge names when the pack has no patterns at all.
fn first_match(hs: &Haystack, pack: &Pack, patterns: &[Regex]) -> Option<(usize, usize)> {
    if pack.mentions.is_empty() && pack.suspected.is_empty() {
        return pack.charges.iter().filter_map(|c| hs.find_str(c)).min_by_key(|&(b, _)| b);
    }
    patterns.iter().filter_map(|re| hs.find(re)).min_by_key(|&(b, _)| b)
}

/// The packs that apply: document packs by type; charge packs by charge (and type, when they
/// name types), in the order document, charge, shared.
pub fn select<'p>(packs: &'p Packs, doc_type: Option<DocType>, charges: &[Fact<String>]) -> Vec<&'p Pack> {
    let mut selected: Vec<&Pack> = packs
        .packs
        .iter()
        .filter(|p| {
            let type_ok = match doc_type {
                Some(t) => p.doc_types.is_empty() || p.doc_types.contains(&t),
                None => p.doc_types.is_empty(),
            };
            let charge_ok = p.charges.is_empty() || charges.iter().any(|c| p.charges.contains(&c.value));
            type_ok && charge_ok
        })
        .collect();
    // Document packs first, then charges, then shared circumstances; file order within a kind.
    selected.sort_by_key(|p| p.kind);
    selected
}

/// The verdict of one element.
pub fn eval_element(sections: &[Section], el: &PackElement, ctx: &Ctx) -> ElementVerdict {
    let verdict = |verdict, reason, evidence| ElementVerdict {
        id: el.id.clone(),
        name: el.name.clone(),
        required: el.required,
        verdict,
        reason,
        evidence,
    };
    let mut check_support = None;
    for c in &el.checks {
        match c.eval(ctx) {
            Outcome::Contradicted { reason, evidence } => {
                return verdict(Verdict::Contradicted, reason, evidence);
            }
            Outcome::Supported { reason, evidence } if check_support.is_none() => {
                check_support = Some((reason, evidence))
            }
            _ => {}
        }
    }
    let (b0, b1) = scope(ctx.hay, sections, el);
    if let Some((reason, evidence)) = cue_evidence(ctx.hay, b0, b1, &el.cues, &el.negations) {
        return verdict(Verdict::Supported, reason, evidence);
    }
    if let Some((reason, evidence)) = check_support {
        return verdict(Verdict::Supported, reason, evidence);
    }
    verdict(Verdict::Missing, format!("未见“{}”的表述", el.name), Vec::new())
}

/// The byte range an element looks in.
fn scope(hs: &Haystack, sections: &[Section], el: &PackElement) -> (usize, usize) {
    let whole = (0, hs.len());
    let Some(kind) = el.section else { return whole };
    match sections.iter().find(|s| s.kind == kind) {
        Some(s) => (hs.idx.byte_of_char(s.start), hs.idx.byte_of_char(s.end)),
        None => whole,
    }
}

/// The first unnegated match of each cue in the original bytes `[b0, b1)`, as sentence spans; the
/// reason quotes the clause of the first one.
fn cue_evidence(
    hs: &Haystack,
    b0: usize,
    b1: usize,
    cues: &[Regex],
    negations: &[Regex],
) -> Option<(String, Vec<Span>)> {
    let negated: Vec<(usize, usize)> = negations.iter().flat_map(|re| hs.find_all(re, b0, b1)).collect();
    let mut found: Vec<(usize, usize)> = cues
        .iter()
        .filter_map(|re| {
            hs.find_all(re, b0, b1)
                .into_iter()
                .find(|&(m0, m1)| !negated.iter().any(|&(n0, n1)| n0 < m1 && m0 < n1))
        })
        .collect();
    found.sort_unstable();
    let &(m0, m1) = found.first()?;
    let reason = clip(&around(&hs.idx, hs.text, m0, m1, "，。；！？\n"), MAX_REASON);
    let mut evidence: Vec<Span> = Vec::new();
    for &(s, e) in &found {
        let span = around(&hs.idx, hs.text, s, e, "。；！？\n");
        if !evidence.iter().any(|x| x.start < span.end && span.start < x.end) {
            evidence.push(span);
        }
        if evidence.len() == MAX_EVIDENCE {
            break;
        }
    }
    Some((reason.text, evidence))
}

/// The span from the delimiter before byte `m0` to the delimiter after byte `m1`, at most
/// `MAX_CONTEXT` characters either side of the match, trimmed of spaces.
fn around(idx: &CharIndex, text: &str, m0: usize, m1: usize, delims: &str) -> Span {
    let is_delim = |c: char| delims.contains(c);
    let start_b = text
        .get(..m0)
        .and_then(|s| s.rfind(is_delim))
        .map_or(0, |b| b + text.get(b..).and_then(|s| s.chars().next()).map_or(0, char::len_utf8));
    let end_b = text.get(m1..).and_then(|s| s.find(is_delim)).map_or(text.len(), |b| m1 + b);
    let (c0, c1) = (idx.char_of_byte(m0), idx.char_of_byte(m1));
    let mut start = idx.char_of_byte(start_b).max(c0.saturating_sub(MAX_CONTEXT));
    let mut end = idx.char_of_byte(end_b).min(c1 + MAX_CONTEXT);
    let chars: Vec<char> = idx.slice(start, end).chars().collect();
    let lead = chars.iter().take_while(|c| c.is_whitespace()).count();
    let trail = chars.iter().rev().take_while(|c| c.is_whitespace()).count();
    if lead + trail < chars.len() {
        start += lead;
        end -= trail;
    }
    idx.span(start, end)
}

/// A span whose text is on one line and cut to `max` characters (with an ellipsis); offsets
/// unchanged (for reasons, not evidence).
fn clip(span: &Span, max: usize) -> Span {
    let mut s = span.clone();
    if s.text.contains(['\n', '\t', '\u{c}']) {
        s.text = s
            .text
            .split(['\n', '\t', '\u{c}'])
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
    }
    if s.text.chars().count() > max {
        s.text = s.text.chars().take(max).collect::<String>() + "…";
    }
    s
}
