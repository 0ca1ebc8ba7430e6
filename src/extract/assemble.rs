//! Elements → facts per person and per case (the audit's and the checklists' input).
//!
//! Persons are the identity blocks in document order (one per 犯罪嫌疑人/被告人 block); a text
//! without blocks (a fact paragraph) gets one person per distinct suspect name, then victims.
//! Identity facts come from inside the person's block. Facts stated elsewhere (charges, statutes,
//! plea, sentence, circumstances, offence date) attach to the person named nearest before them in
//! the same sentence — with a whole list "被告人A、B" when the name is part of one — or, when the
//! sentence names nobody, to the only suspect if there is just one.
//!
//! A prior conviction (曾因犯X罪…被…法院判处…, `legal::is_prior`) is neither a charge nor the
//! sentence: its sentence sets `prior_record`. Among a person's charges, those a court judges
//! ("犯X罪，判处…") outrank those stated (犯X罪, 以X罪追究), which outrank the police's 涉嫌X罪;
//! a judged sentence replaces a recommended one, and a later judged one (决定执行…) an earlier.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;
use serde_json::Value;

use super::identity::{Block, blocks};
use super::{CaseFacts, Ctx, Element, Fact, MeasureFact, PersonFacts, SentenceFact};
use crate::span::{CharIndex, Span};

fn span(e: &Element) -> Span {
    Span { start: e.start, end: e.end, text: e.text.clone() }
}

fn fact<T>(e: &Element, value: T) -> Fact<T> {
    Fact { value, span: span(e) }
}

fn str_fact(e: &Element) -> Option<Fact<String>> {
    e.value.as_str().map(|v| fact(e, v.to_string()))
}

fn date_of(v: &Value) -> Option<NaiveDate> {
    v.as_str().and_then(|s| NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok())
}

/// A person being assembled: name, block range and the mentions of the name.
struct Who {
    facts: PersonFacts,
    block: Option<(usize, usize)>,
    name: String,
}

/// Index of sentence ends ('。') for sentence lookups.
struct Sentences(Vec<usize>);

impl Sentences {
    fn new(chars: &[char]) -> Sentences {
        Sentences(
            chars.iter().enumerate().filter(|(_, c)| matches!(c, '。' | '\n')).map(|(i, _)| i).collect(),
        )
    }
    fn start_of(&self, p: usize) -> usize {
        match self.0.binary_search(&p) {
            Ok(i) | Err(i) => i.checked_sub(1).and_then(|i| self.0.get(i)).map_or(0, |e| e + 1),
        }
    }
}

/// The persons a fact at `pos` belongs to.
fn owners(
    ctx: &Ctx<'_>,
    who: &[Who],
    mentions: &[(usize, usize, usize)],
    sents: &Sentences,
    pos: usize,
) -> Vec<usize> {
    let s0 = sents.start_of(pos);
    let before: Vec<&(usize, usize, usize)> = mentions.iter().filter(|m| m.0 >= s0 && m.1 <= pos).collect();
    if let Some(last) = before.last() {
        let mut out = vec![last.2];
        // Walk back over a list "A、B和C".
        let mut cur = **last;
        for m in before.iter().rev().skip(1) {
            let gap = ctx.norm_slice(m.1, cur.0);
            let gap = gap.trim_start_matches("被告人").trim_end_matches("被告人");
            if ["、", "和", "与", "及", "，", ","].contains(&gap) || gap.ends_with("、被告人") {
                if !out.contains(&m.2) {
                    out.push(m.2);
                }
                cur = **m;
            } else {
                break;
            }
        }
        return out;
    }
    // Nobody named before it: the first person named after it in the same sentence (a time
    // opens its sentence: "2023年5月28日8时许，被告人赵建国在…").
    let s1 = sents.0.iter().find(|&&e| e >= pos).copied().unwrap_or(usize::MAX);
    if let Some(m) = mentions
        .iter()
        .find(|m| m.0 >= pos && m.1 <= s1 && who.get(m.2).is_some_and(|w| w.facts.role == "suspect"))
    {
        return vec![m.2];
    }
    let suspects: Vec<usize> =
        who.iter().enumerate().filter(|(_, w)| w.facts.role == "suspect").map(|(i, _)| i).collect();
    if suspects.len() == 1 { suspects } else { Vec::new() }
}

static PRIOR_TRUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"曾因|曾于\d{4}年.{0,30}(?:判处|处罚)|刑满释放|有前科").expect("prior regex")
});
static PRIOR_FALSE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"无前科|无违法犯罪记录|无犯罪记录").expect("prior regex"));

fn fill_from_block(ctx: &Ctx<'_>, w: &mut Who, elements: &[Element]) {
    let Some((s, e)) = w.block else { return };
    let inside = elements.iter().filter(|x| x.start >= s && x.end <= e);
    for x in inside {
        let f = &mut w.facts;
        match x.kind.as_str() {
            "gender" if f.gender.is_none() => f.gender = str_fact(x),
            "birth_date" if f.birth_date.is_none() => f.birth_date = date_of(&x.value).map(|d| fact(x, d)),
            "id_number" if f.id_number.is_none() => f.id_number = str_fact(x),
            "ethnicity" if f.ethnicity.is_none() => f.ethnicity = str_fact(x),
            "education" if f.education.is_none() => f.education = str_fact(x),
            "occupation" if f.occupation.is_none() => f.occupation = str_fact(x),
            "domicile" if f.domicile.is_none() => f.domicile = str_fact(x),
            "address" if f.address.is_none() => f.address = str_fact(x),
            "measure" => {
                let kind = x.value["kind"].as_str().unwrap_or_default().to_string();
                let date = date_of(&x.value["date"]);
                f.measures.push(fact(x, MeasureFact { kind, date }));
            }
            _ => {}
        }
    }
    let body = ctx.norm_slice(s, e);
    let bidx = CharIndex::new(&body);
    if let Some(m) = PRIOR_TRUE.find(&body) {
        let sp = Span {
            start: s + bidx.char_of_byte(m.start()),
            end: s + bidx.char_of_byte(m.end()),
            text: String::new(),
        };
        let sp = Span { text: ctx.slice(sp.start, sp.end), ..sp };
        w.facts.prior_record = Some(Fact { value: true, span: sp });
    } else if let Some(m) = PRIOR_FALSE.find(&body) {
        let (a, b) = (s + bidx.char_of_byte(m.start()), s + bidx.char_of_byte(m.end()));
        w.facts.prior_record =
            Some(Fact { value: false, span: Span { start: a, end: b, text: ctx.slice(a, b) } });
    }
}

/// A prior conviction's sentence: the person has a prior record.
fn set_prior(who: &mut [Who], i: usize, x: &Element) {
    if let Some(w) = who.get_mut(i)
        && w.facts.prior_record.as_ref().is_none_or(|p| !p.value)
    {
        w.facts.prior_record = Some(fact(x, true));
    }
}

fn sentence_fact(x: &Element) -> Option<Fact<SentenceFact>> {
    let v = &x.value;
    let m = |k: &str| v[k].as_u64().and_then(|n| u32::try_from(n).ok());
    Some(fact(
        x,
        SentenceFact {
            kind: v["kind"].as_str().map(String::from),
            penalty: v["penalty"].as_str()?.to_string(),
            min_months: m("min_months"),
            max_months: m("max_months"),
            probation: v["probation"].as_bool().unwrap_or(false),
            probation_months: m("probation_months"),
            fine: v["fine"].as_f64(),
        },
    ))
}

/// Circumstances (自首, 坦白 …) found in the text: (label, start, end), negated ones dropped.
fn circumstances(ctx: &Ctx<'_>) -> Vec<(String, usize, usize)> {
    let idx = ctx.norm_index();
    let neg = &ctx.cues.legal.negations;
    let mut out = Vec::new();
    static COMPILED: std::sync::OnceLock<Vec<(String, Regex)>> = std::sync::OnceLock::new();
    let compiled = COMPILED.get_or_init(|| {
        ctx.cues
            .legal
            .circumstances
            .iter()
            .filter_map(|(l, p)| Regex::new(p).ok().map(|r| (l.clone(), r)))
            .collect()
    });
    for (label, re) in compiled {
        for m in re.find_iter(&ctx.norm) {
            let (s, e) = ctx.chars_of(&idx, m.start(), m.end());
            let before = ctx.norm_slice(s.saturating_sub(3), s);
            if before.chars().any(|c| neg.contains(c)) {
                continue;
            }
            // "原判亦未认定其系累犯": a negating phrase earlier in the clause.
            let clause = ctx.norm_slice(s.saturating_sub(20), s);
            let clause = clause.rsplit(['。', ';', ',', '：', ':']).next().unwrap_or("");
            if ctx.cues.legal.negation_phrases.iter().any(|p| clause.contains(p.as_str())) {
                continue;
            }
            out.push((label.clone(), s, e));
        }
    }
    out.sort_by_key(|c| c.1);
    out
}

/// The fact section (经依法审查查明 … 本院认为) in characters; the whole text when it has no heading.
fn facts_section(ctx: &Ctx<'_>) -> (usize, usize) {
    let find = |words: &[&str]| {
        words
            .iter()
            .filter_map(|w| ctx.norm.find(w).map(|b| ctx.norm.get(..b).map_or(0, |s| s.chars().count())))
            .min()
    };
    let from = find(&["经依法审查查明", "经审理查明", "经审查查明", "经侦查查明", "指控"]).unwrap_or(0);
    let to = ctx
        .norm
        .get(ctx.norm.char_indices().nth(from).map_or(0, |(b, _)| b)..)
        .and_then(|rest| {
            ["本院认为", "认定上述事实的证据", "上述事实"]
                .iter()
                .filter_map(|w| rest.find(w))
                .min()
                .map(|b| from + rest.get(..b).map_or(0, |s| s.chars().count()))
        })
        .unwrap_or(ctx.chars.len());
    (from, to)
}

/// Build the persons and the case facts of a text from its elements.
pub fn assemble(ctx: &Ctx<'_>, elements: &[Element]) -> (Vec<PersonFacts>, CaseFacts) {
    let blocks: Vec<Block> = blocks(ctx);
    let mut who: Vec<Who> = Vec::new();
    for b in blocks.iter().filter(|b| b.role == "suspect") {
        if b.name.chars().count() < 2 || who.iter().any(|w| w.name == b.name) {
            continue;
        }
        let name = Fact {
            value: b.name.clone(),
            span: Span { start: b.name_start, end: b.name_end, text: ctx.slice(b.name_start, b.name_end) },
        };
        who.push(Who {
            facts: PersonFacts { name: Some(name), role: "suspect".into(), ..PersonFacts::default() },
            block: Some((b.start, b.end)),
            name: b.name.clone(),
        });
    }
    let persons: Vec<&Element> = elements.iter().filter(|e| e.kind == "person").collect();
    for role in ["suspect", "victim"] {
        for p in persons.iter().filter(|p| p.role.as_deref() == Some(role)) {
            let Some(name) = p.value.as_str() else { continue };
            if who.iter().any(|w| w.name == name) || (role == "suspect" && !blocks.is_empty()) {
                continue;
            }
            who.push(Who {
                facts: PersonFacts { name: str_fact(p), role: role.into(), ..PersonFacts::default() },
                block: None,
                name: name.to_string(),
            });
        }
    }
    // Without identity blocks, a name the text introduces as 被告人/犯罪嫌疑人 is a defendant; names
    // that are only suspects by context (伙同X, X另案处理) are dropped when such a name exists.
    if blocks.is_empty() {
        let formal = |name: &str| {
            persons.iter().any(|p| {
                p.value.as_str() == Some(name)
                    && ["被告人", "犯罪嫌疑人", "被不起诉人", "上诉人", "原审被告人"].iter().any(|cue| {
                        ctx.norm_slice(p.start.saturating_sub(cue.chars().count()), p.start) == *cue
                    })
            })
        };
        if who.iter().any(|w| w.facts.role == "suspect" && formal(&w.name)) {
            who.retain(|w| w.facts.role != "suspect" || formal(&w.name));
        }
    }
    // Accomplices dealt with elsewhere (另案处理, 已判决, 在逃) are not parties to this document.
    let elsewhere = |name: &str| {
        persons.iter().filter(|p| p.value.as_str() == Some(name)).any(|p| {
            let after = ctx.norm_slice(p.end, p.end + 6);
            ["(另案", "(已判", "(均已", "(均另案", "(在逃", "(已起诉", "(已作", "(已被"]
                .iter()
                .any(|w| after.starts_with(w))
        })
    };
    who.retain(|w| w.block.is_some() || w.facts.role != "suspect" || !elsewhere(&w.name));
    for w in &mut who {
        fill_from_block(ctx, w, elements);
    }
    // Mentions of each person: (start, end, person index).
    let mut mentions: Vec<(usize, usize, usize)> = persons
        .iter()
        .filter_map(|p| {
            who.iter().position(|w| Some(w.name.as_str()) == p.value.as_str()).map(|i| (p.start, p.end, i))
        })
        .collect();
    for (i, w) in who.iter().enumerate() {
        if let Some(n) = &w.facts.name {
            mentions.push((n.span.start, n.span.end, i));
        }
    }
    // Names the segmenter did not find as persons: every occurrence of a block name.
    let nidx = ctx.norm_index();
    for (i, w) in who.iter().enumerate() {
        for (pos, _) in ctx.norm.match_indices(w.name.as_str()) {
            let s = nidx.char_of_byte(pos);
            mentions.push((s, s + w.name.chars().count(), i));
        }
    }
    mentions.sort_unstable();
    mentions.dedup();
    let sents = Sentences::new(&ctx.chars);
    let in_block = |p: usize, w: &Who| w.block.is_some_and(|(s, e)| s <= p && p < e);
    let (facts_from, facts_to) = facts_section(ctx);
    for x in elements {
        if x.kind == "time" && !(facts_from <= x.start && x.start < facts_to) {
            continue;
        }
        let targets = match x.kind.as_str() {
            "charge" | "statute" | "plea" | "sentence" | "blood_alcohol" | "time" => {
                // A fact inside someone's block belongs to them — only the charge they are
                // suspected of (not a prior conviction's), and no times (dates of priors and
                // measures are not offence dates).
                match who.iter().position(|w| in_block(x.start, w)) {
                    Some(_) if x.kind == "time" => continue,
                    Some(_)
                        if x.kind == "charge"
                            && !ctx.norm_slice(x.start.saturating_sub(3), x.start).contains("涉嫌") =>
                    {
                        continue;
                    }
                    // A prior conviction's sentence sets the record of the person it is about.
                    Some(i) if x.kind == "sentence" && x.value["prior"].as_bool() == Some(true) => {
                        set_prior(&mut who, i, x);
                        continue;
                    }
                    None if x.kind == "sentence" && x.value["prior"].as_bool() == Some(true) => {
                        for i in owners(ctx, &who, &mentions, &sents, x.start) {
                            set_prior(&mut who, i, x);
                        }
                        continue;
                    }
                    Some(_) if x.kind == "sentence" => owners(ctx, &who, &mentions, &sents, x.end),
                    Some(i) => vec![i],
                    // A sentence names its person inside the phrase (建议判处被告人X…).
                    None if x.kind == "sentence" => owners(ctx, &who, &mentions, &sents, x.end),
                    None => owners(ctx, &who, &mentions, &sents, x.start),
                }
            }
            _ => continue,
        };
        for i in targets {
            let Some(f) = who.get_mut(i).map(|w| &mut w.facts) else { continue };
            if f.role != "suspect" {
                continue;
            }
            match x.kind.as_str() {
                // Every mention for now: the ranking below keeps the strongest of each.
                "charge" => f.charges.extend(str_fact(x)),
                "statute" => {
                    // Procedural articles (刑事诉讼法) are the document's basis, not the person's.
                    if let Some(c) = str_fact(x).filter(|c| {
                        !c.value.starts_with("刑事诉讼法") && !f.statutes.iter().any(|o| o.value == c.value)
                    }) {
                        f.statutes.push(c);
                    }
                }
                "plea" => {
                    if let Some(v) = x.value.as_bool()
                        && f.plea.as_ref().is_none_or(|p| !p.value)
                    {
                        f.plea = Some(fact(x, v));
                    }
                }
                "sentence" => {
                    // A judged sentence replaces a recommended one; the first of each kind wins.
                    let judged = x.value["recommended"].as_bool() == Some(false);
                    if (f.sentence.is_none() || judged)
                        && let Some(s) = sentence_fact(x)
                        && (f.sentence.is_none()
                            || judged && !f.circumstances.iter().any(|c| c.value == "判决"))
                    {
                        f.sentence = Some(s);
                    }
                }
                "blood_alcohol" if f.blood_alcohol.is_none() => {
                    f.blood_alcohol = x.value.as_f64().map(|v| fact(x, v));
                }
                "time" if f.offense_date.is_none() => {
                    if let Some(d) = date_of(&x.value) {
                        f.offense_date = Some(fact(x, d));
                    }
                }
                _ => {}
            }
        }
    }
    // Charges a court judges (犯X罪，判处…) outrank those the prosecution or court states (犯X罪,
    // 以X罪追究, 构成X罪), which outrank the police's 涉嫌X罪.
    for w in &mut who {
        let weak =
            |c: &Fact<String>| ctx.norm_slice(c.span.start.saturating_sub(3), c.span.start).contains("涉嫌");
        let judged = |c: &Fact<String>| {
            let after = ctx.norm_slice(c.span.end, c.span.end + 8);
            let after = after.trim_start_matches([',', '，', ';', '；']);
            ctx.cues.legal.judged_after.iter().any(|j| after.starts_with(j.as_str()))
        };
        for keep in [&judged as &dyn Fn(&Fact<String>) -> bool, &|c: &Fact<String>| !weak(c)] {
            if w.facts.charges.iter().any(keep) {
                w.facts.charges.retain(keep);
                break;
            }
        }
        let mut seen = std::collections::HashSet::new();
        w.facts.charges.retain(|c| seen.insert(c.value.clone()));
    }
    for (label, s, e) in circumstances(ctx) {
        let sp = Span { start: s, end: e, text: ctx.slice(s, e) };
        for i in owners(ctx, &who, &mentions, &sents, s) {
            if let Some(f) = who.get_mut(i).map(|w| &mut w.facts) {
                if label == "累犯" && f.recidivist.is_none() {
                    f.recidivist = Some(Fact { value: true, span: sp.clone() });
                }
                if label == "前科" {
                    continue;
                }
                if !f.circumstances.iter().any(|c| c.value == label) {
                    f.circumstances.push(Fact { value: label.clone(), span: sp.clone() });
                }
            }
        }
    }
    // 自首 includes the truthful confession: 坦白 applies only without it (刑法第67条第1款, 第3款).
    for w in who.iter_mut() {
        let f = &mut w.facts;
        if f.circumstances.iter().any(|c| c.value == "自首") {
            f.circumstances.retain(|c| c.value != "坦白");
        }
    }
    super::case::plea_dates_and_disposal(
        ctx,
        elements,
        &mut who.iter_mut().map(|w| &mut w.facts).collect::<Vec<_>>(),
    );
    let case = super::case::case_facts(ctx, elements);
    (who.into_iter().map(|w| w.facts).collect(), case)
}
