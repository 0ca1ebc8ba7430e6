//! The card against itself and the law.
//!
//! `invalid`: an ID that fails GB 11643 (format, check character, date digits), a birth date or
//! gender that contradicts a valid ID, an unknown 罪名, a coded item outside its list, an
//! impossible value (a date in the future or before `earliest_date`, a negative amount, an
//! absurd term or blood alcohol).
//!
//! `logic`: dates out of order (犯罪 ≤ 拘留 ≤ 逮捕 ≤ 移送 ≤ 受理 ≤ 退补/重报 ≤ 审结, 受理 ≤ 具结 ≤
//! 审结) — blaming the item whose removal restores the order, and staying silent where a
//! mismatch already explains the field; age under criminal responsibility for the charge (周岁
//! from the day after the birthday); 认罪认罚 without a 具结书 date; a 量刑建议 outside the
//! statutory range of the charge (penalty kind, term band, 缓刑 conditions); a 不起诉 type whose
//! cited article belongs to another type; more than the allowed 退补.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use crate::card::{Card, Person};
use crate::extract::PersonFacts;

use super::dates::full_years_at;
use super::idcard::{self, IdProblem};
use super::normal::{Norm, norm, text};
use super::{Ctx, Doc, Emit, Evidence, Kind};

fn impossible(ctx: &mut Ctx<'_>, item: &str, field: String, value: String, reason: String) {
    ctx.emit(
        Emit::new("card.value.impossible", Kind::Invalid, field).item(item).card(value).var("reason", reason),
    );
}

fn not_allowed(ctx: &mut Ctx<'_>, item: &str, field: String, value: &str, allowed: &[String]) {
    ctx.emit(
        Emit::new("card.value.not_allowed", Kind::Invalid, field)
            .item(item)
            .card(value)
            .var("allowed", allowed.join("、")),
    );
}

fn check_date(ctx: &mut Ctx<'_>, item: &str, field: String, d: Option<NaiveDate>) {
    let Some(d) = d else { return };
    let earliest = ctx.rules.engine.earliest_date;
    if d > ctx.today {
        impossible(ctx, item, field, d.to_string(), format!("晚于今天（{}）", ctx.today));
    } else if d < earliest {
        impossible(ctx, item, field, d.to_string(), format!("早于{earliest}"));
    }
}

fn check_charges(ctx: &mut Ctx<'_>, item: &str, prefix: &str, charges: &[String]) {
    for (j, c) in charges.iter().enumerate() {
        let canon = ctx.rules.canonical_charge(c);
        if !ctx.rules.known_charges.contains(&canon) {
            ctx.emit(
                Emit::new("card.charges.unknown", Kind::Invalid, format!("{prefix}[{j}]"))
                    .item(item)
                    .card(c.clone()),
            );
        }
    }
}

/// `invalid` rules over the card alone.
pub(crate) fn invalid(ctx: &mut Ctx<'_>, card: &Card) {
    let rules = ctx.rules;
    for (key, d) in [
        ("transfer_date", card.transfer_date),
        ("received_date", card.received_date),
        ("closed_date", card.closed_date),
    ] {
        check_date(ctx, key, key.to_string(), d);
    }
    for (k, r) in card.returns.iter().enumerate() {
        check_date(ctx, "returns", format!("returns[{k}].returned_date"), r.returned_date);
        check_date(ctx, "returns", format!("returns[{k}].resubmitted_date"), r.resubmitted_date);
    }
    if let Some(p) = &card.procedure
        && !rules.values.procedure.contains(&norm(p, Norm::Procedure, rules))
    {
        not_allowed(ctx, "procedure", "procedure".into(), p, &rules.values.procedure);
    }
    if let Some(a) = card.amount.filter(|a| *a < 0.0) {
        impossible(ctx, "amount", "amount".into(), a.to_string(), "金额为负".into());
    }
    check_charges(ctx, "transferred_charges", "transferred_charges", &card.transferred_charges);
    for (i, p) in card.persons.iter().enumerate() {
        person_invalid(ctx, i, p);
    }
}

fn person_invalid(ctx: &mut Ctx<'_>, i: usize, p: &Person) {
    let rules = ctx.rules;
    let f = |s: &str| format!("persons[{i}].{s}");
    if let Some(id) = &p.id_number {
        let e = |rule: &str| {
            Emit::new(rule, Kind::Invalid, f("id_number")).item("person.id_number").card(id.clone())
        };
        match idcard::validate(id) {
            Err(IdProblem::Format) => ctx.emit(e("card.person.id_number.format")),
            Err(IdProblem::Checksum(c)) => {
                ctx.emit(e("card.person.id_number.checksum").var("expected", c.to_string()))
            }
            Err(IdProblem::Date(digits)) => ctx.emit(e("card.person.id_number.date").var("digits", digits)),
            Ok(()) => {
                if let (Some(b), Some(idb)) = (p.birth_date, idcard::birth_date(id))
                    && b != idb
                {
                    ctx.emit(
                        Emit::new("card.person.birth_date.id", Kind::Invalid, f("birth_date"))
                            .item("person.birth_date")
                            .card(b.to_string())
                            .document(idb.to_string())
                            .var("id", id.clone()),
                    );
                }
                if let (Some(g), Some((idg, digit))) = (&p.gender, idcard::gender(id))
                    && text(g) != idg
                    && rules.values.gender.contains(&text(g))
                {
                    ctx.emit(
                        Emit::new("card.person.gender.id", Kind::Invalid, f("gender"))
                            .item("person.gender")
                            .card(g.clone())
                            .document(idg)
                            .var("id", id.clone())
                            .var("digit", digit.to_string())
                            .var("parity", if digit % 2 == 1 { "奇" } else { "偶" }),
                    );
                }
            }
        }
    }
    if let Some(g) = &p.gender
        && !rules.values.gender.contains(&text(g))
    {
        not_allowed(ctx, "person.gender", f("gender"), g, &rules.values.gender);
    }
    for (key, d) in
        [("birth_date", p.birth_date), ("plea_date", p.plea_date), ("offense_date", p.offense_date)]
    {
        check_date(ctx, &format!("person.{key}"), f(key), d);
    }
    for (j, m) in p.measures.iter().enumerate() {
        if !rules.values.measure.contains(&norm(&m.kind, Norm::Measure, rules)) {
            not_allowed(
                ctx,
                "person.measures",
                f(&format!("measures[{j}].kind")),
                &m.kind,
                &rules.values.measure,
            );
        }
        check_date(ctx, "person.measures.date", f(&format!("measures[{j}].date")), m.date);
    }
    check_charges(ctx, "person.charges", &f("charges"), &p.charges);
    if let Some(d) = &p.disposal
        && !rules.values.disposal.contains(&text(d))
    {
        not_allowed(ctx, "person.disposal", f("disposal"), d, &rules.values.disposal);
    }
    if let Some(b) = p.blood_alcohol.filter(|b| *b < 0.0 || *b > rules.engine.max_blood_alcohol) {
        impossible(
            ctx,
            "person.blood_alcohol",
            f("blood_alcohol"),
            b.to_string(),
            format!("应在0–{}之间", rules.engine.max_blood_alcohol),
        );
    }
    if let Some(s) = &p.sentencing {
        if let Some(k) = s.kind.as_ref().filter(|k| !rules.values.sentencing_kind.contains(&text(k))) {
            not_allowed(
                ctx,
                "person.sentencing.kind",
                f("sentencing.kind"),
                k,
                &rules.values.sentencing_kind,
            );
        }
        if let Some(pen) = s.penalty.as_ref().filter(|k| !rules.values.penalty.contains(&text(k))) {
            not_allowed(
                ctx,
                "person.sentencing.penalty",
                f("sentencing.penalty"),
                pen,
                &rules.values.penalty,
            );
        }
        for (key, m) in [("min_months", s.min_months), ("max_months", s.max_months)] {
            if let Some(m) = m.filter(|m| *m > rules.engine.max_months) {
                let item = format!("person.sentencing.{key}");
                impossible(
                    ctx,
                    &item,
                    f(&format!("sentencing.{key}")),
                    m.to_string(),
                    format!("超过{}个月", rules.engine.max_months),
                );
            }
        }
        if let Some(fine) = s.fine.filter(|x| *x < 0.0) {
            impossible(
                ctx,
                "person.sentencing.fine",
                f("sentencing.fine"),
                fine.to_string(),
                "金额为负".into(),
            );
        }
    }
}

/// A dated node of the procedural order: field path, item key, date, and its name in messages
/// when it is not the item's (a measure: 逮捕日期).
type Node = (String, &'static str, NaiveDate, Option<String>);

/// The first measure of a kind.
fn measure_node(p: &Person, i: usize, kind: &str, ctx: &Ctx<'_>) -> Option<Node> {
    p.measures.iter().enumerate().find_map(|(j, m)| {
        (norm(&m.kind, Norm::Measure, ctx.rules) == kind).then_some(m.date).flatten().map(|d| {
            (
                format!("persons[{i}].measures[{j}].date"),
                "person.measures.date",
                d,
                Some(format!("{kind}日期")),
            )
        })
    })
}

/// Whether dates are in order.
fn ordered(nodes: &[&Node]) -> bool {
    nodes.windows(2).all(|w| w[0].2 <= w[1].2)
}

/// Report dates out of order in a chain, blaming the node whose removal restores the order
/// (the later node when either would do).
fn date_order(
    ctx: &mut Ctx<'_>,
    chain: &[Node],
    confirmed: &dyn Fn(&Node) -> bool,
    reported: &mut BTreeSet<String>,
) {
    let all: Vec<&Node> = chain.iter().collect();
    for w in 0..all.len().saturating_sub(1) {
        let (a, b) = (all[w], all[w + 1]);
        if a.2 <= b.2 {
            continue;
        }
        let without = |skip: usize| {
            ordered(&all.iter().enumerate().filter(|(k, _)| *k != skip).map(|(_, n)| *n).collect::<Vec<_>>())
        };
        // The node whose removal restores the order; when either would, the one no document
        // confirms; else the later one.
        let only_a = without(w) && !without(w + 1);
        let only_b = without(w + 1) && !without(w);
        let blame_a = only_a || (!only_b && confirmed(b) && !confirmed(a));
        let (bad, other) = if blame_a { (a, b) } else { (b, a) };
        let explained =
            ctx.out.iter().any(|f| f.field == bad.0 && matches!(f.kind, Kind::Mismatch | Kind::Invalid));
        if explained || !reported.insert(bad.0.clone()) {
            continue;
        }
        let rules = ctx.rules;
        ctx.emit(
            Emit::new("logic.date_order", Kind::Logic, bad.0.clone())
                .item(bad.1)
                .card(bad.2.to_string())
                .document(other.2.to_string())
                .var("later", b.3.clone().unwrap_or_else(|| rules.item_name(b.1).to_string()))
                .var("card", b.2.to_string())
                .var("earlier", a.3.clone().unwrap_or_else(|| rules.item_name(a.1).to_string()))
                .var("document", a.2.to_string()),
        );
    }
}

/// The dates the documents state, by the item they date (a date-order finding blames the date no
/// document confirms).
fn stated_dates(docs: &[Doc<'_>]) -> BTreeSet<(&'static str, NaiveDate)> {
    let mut out = BTreeSet::new();
    for d in docs {
        let c = &d.ex.case;
        out.extend(c.transfer_date.as_ref().map(|f| ("transfer_date", f.value)));
        out.extend(c.received_date.as_ref().map(|f| ("received_date", f.value)));
        if matches!(d.kind, Some("起诉书" | "不起诉决定书")) {
            out.extend(c.date.as_ref().map(|f| ("closed_date", f.value)));
        }
        out.extend(c.returns.iter().map(|f| ("returns", f.value)));
        for p in &d.ex.persons {
            out.extend(p.plea_date.as_ref().map(|f| ("person.plea_date", f.value)));
            out.extend(p.offense_date.as_ref().map(|f| ("person.offense_date", f.value)));
            out.extend(p.measures.iter().filter_map(|m| m.value.date).map(|dt| ("person.measures.date", dt)));
        }
    }
    out
}

/// `logic` rules.
pub(crate) fn run(ctx: &mut Ctx<'_>, card: &Card, docs: &[Doc<'_>], pairs: &[Vec<Option<usize>>]) {
    let rules = ctx.rules;
    let mut reported = BTreeSet::new();
    let stated = stated_dates(docs);
    let confirmed = |n: &Node| stated.contains(&(n.1, n.2));
    // The case's own procedural chain.
    let mut case_chain: Vec<Node> = Vec::new();
    let case_date = |key: &'static str, d: Option<NaiveDate>| d.map(|d| (key.to_string(), key, d, None));
    case_chain.extend(case_date("transfer_date", card.transfer_date));
    case_chain.extend(case_date("received_date", card.received_date));
    for (k, r) in card.returns.iter().enumerate() {
        case_chain.extend(r.returned_date.map(|d| {
            (
                format!("returns[{k}].returned_date"),
                "returns",
                d,
                Some(format!("第{}次退回补充侦查日期", k + 1)),
            )
        }));
        case_chain.extend(r.resubmitted_date.map(|d| {
            (
                format!("returns[{k}].resubmitted_date"),
                "returns",
                d,
                Some(format!("第{}次补查重报日期", k + 1)),
            )
        }));
    }
    case_chain.extend(case_date("closed_date", card.closed_date));
    date_order(ctx, &case_chain, &confirmed, &mut reported);
    for (i, p) in card.persons.iter().enumerate() {
        let mut chain: Vec<Node> = Vec::new();
        chain.extend(
            p.offense_date.map(|d| (format!("persons[{i}].offense_date"), "person.offense_date", d, None)),
        );
        chain.extend(measure_node(p, i, "刑事拘留", ctx));
        chain.extend(measure_node(p, i, "逮捕", ctx));
        chain.extend(case_date("transfer_date", card.transfer_date));
        chain.extend(case_date("received_date", card.received_date));
        chain.extend(case_date("closed_date", card.closed_date));
        date_order(ctx, &chain, &confirmed, &mut reported);
        let mut plea_chain: Vec<Node> = Vec::new();
        plea_chain.extend(case_date("received_date", card.received_date));
        plea_chain
            .extend(p.plea_date.map(|d| (format!("persons[{i}].plea_date"), "person.plea_date", d, None)));
        plea_chain.extend(case_date("closed_date", card.closed_date));
        if plea_chain.len() == 3 || plea_chain.iter().any(|n| n.1 == "person.plea_date") {
            date_order(ctx, &plea_chain, &confirmed, &mut reported);
        }
        let facts: Vec<(&Doc<'_>, &PersonFacts)> = docs
            .iter()
            .zip(pairs)
            .filter_map(|(d, pair)| {
                pair.iter().position(|x| *x == Some(i)).and_then(|pi| d.ex.persons.get(pi)).map(|f| (d, f))
            })
            .collect();
        age(ctx, i, p, card, &facts);
        if p.plea == Some(true) && p.plea_date.is_none() {
            let field = format!("persons[{i}].plea_date");
            ctx.out.retain(|f| !(f.field == field && f.kind == Kind::Missing));
            ctx.emit(
                Emit::new("logic.plea_without_date", Kind::Logic, field).item("person.plea_date").card("是"),
            );
        }
        sentence_range(ctx, i, p);
        non_prosecution(ctx, i, p, &facts);
    }
    if card.returns.len() > rules.deadlines.max_returns {
        ctx.emit(
            Emit::new("logic.returns_count", Kind::Logic, "returns")
                .item("returns")
                .card(card.returns.len().to_string())
                .var("max", rules.deadlines.max_returns.to_string()),
        );
    }
}

/// 刑事责任年龄 (刑法 17) at the offence date (the card's, else a document's).
fn age(ctx: &mut Ctx<'_>, i: usize, p: &Person, card: &Card, facts: &[(&Doc<'_>, &PersonFacts)]) {
    let rules = ctx.rules;
    let Some(birth) = p.birth_date else { return };
    let offense =
        p.offense_date.or_else(|| facts.iter().find_map(|(_, f)| f.offense_date.as_ref().map(|o| o.value)));
    let Some(offense) = offense else { return };
    let charges: Vec<String> = if p.charges.is_empty() { &card.transferred_charges } else { &p.charges }
        .iter()
        .map(|c| rules.canonical_charge(c))
        .collect();
    let n = full_years_at(birth, offense);
    let a = &rules.age;
    let allowed =
        |list: &[String], c: &String| list.iter().any(|x| rules.canonical_charge(x) == *c || x == c);
    let (limit, culprit) = if n < a.youngest as i32 {
        (a.youngest, charges.first().cloned().or(Some(String::new())))
    } else if n < a.limited as i32 {
        (a.limited, charges.iter().find(|c| !allowed(&a.youngest_charges, c)).cloned())
    } else if n < a.full as i32 {
        (a.full, charges.iter().find(|c| !allowed(&a.limited_charges, c)).cloned())
    } else {
        return;
    };
    let Some(charge) = culprit else { return };
    ctx.emit(
        Emit::new("logic.age", Kind::Logic, format!("persons[{i}].birth_date"))
            .item("person.birth_date")
            .card(birth.to_string())
            .var("name", p.name.clone())
            .var("birth", birth.to_string())
            .var("offense", offense.to_string())
            .var("age", n.to_string())
            .var("limit", limit.to_string())
            .var("charge", if charge.is_empty() { "任何犯罪".to_string() } else { charge }),
    );
}

/// 量刑建议 within the statutory range of the person's charge.
fn sentence_range(ctx: &mut Ctx<'_>, i: usize, p: &Person) {
    let rules = ctx.rules;
    let Some(s) = &p.sentencing else { return };
    let f = |k: &str| format!("persons[{i}].sentencing.{k}");
    let charges: Vec<String> = p.charges.iter().map(|c| rules.canonical_charge(c)).collect();
    let pen = s.penalty.as_deref().map(text);
    if let Some(pen) = &pen {
        for c in &charges {
            let Some(rule) = rules.charges.get(c) else { continue };
            if !rule.penalties.contains(pen) && !rules.penalties.always_allowed.contains(pen) {
                ctx.emit(
                    Emit::new("logic.sentence_penalty", Kind::Logic, f("penalty"))
                        .item("person.sentencing.penalty")
                        .card(pen.clone())
                        .var("charge", c.clone())
                        .var("allowed", rule.penalties.join("、")),
                );
                return;
            }
        }
    }
    if let (Some(lo), Some(hi)) = (s.min_months, s.max_months)
        && lo > hi
    {
        ctx.emit(
            Emit::new("logic.sentence_order", Kind::Logic, f("min_months"))
                .item("person.sentencing.min_months")
                .card(hi.to_string())
                .document(lo.to_string()),
        );
        return;
    }
    let Some(pen) = pen else { return };
    if let Some((band_lo, mut band_hi)) = rules.penalties.band(&pen) {
        if let [c] = charges.as_slice()
            && let Some(max) = rules.charges.get(c).and_then(|r| r.max_months)
        {
            band_hi = band_hi.min(max);
        }
        let range = format!("{pen}的法定幅度{band_lo}–{band_hi}个月");
        for (key, m) in [("max_months", s.max_months), ("min_months", s.min_months)] {
            if let Some(m) = m.filter(|m| *m < band_lo || *m > band_hi) {
                ctx.emit(
                    Emit::new("logic.sentence_months", Kind::Logic, f(key))
                        .item(&format!("person.sentencing.{key}"))
                        .card(m.to_string())
                        .var("range", range.clone()),
                );
                return;
            }
        }
    }
    if s.probation == Some(true) {
        let top = s.max_months.or(s.min_months).unwrap_or(0);
        let pp = &rules.penalties;
        if !pp.probation_penalties.contains(&pen) || top > pp.probation_max_months {
            ctx.emit(
                Emit::new("logic.probation", Kind::Logic, f("probation"))
                    .item("person.sentencing.probation")
                    .card("是")
                    .var("penalty", pen)
                    .var("months", top.to_string()),
            );
        }
    }
}

/// 不起诉 type against the article cited (the card's, else the documents').
fn non_prosecution(ctx: &mut Ctx<'_>, i: usize, p: &Person, facts: &[(&Doc<'_>, &PersonFacts)]) {
    let rules = ctx.rules;
    let Some(disposal) = p.disposal.as_deref().map(text) else { return };
    let Some(own) = rules.non_prosecution.get(&disposal) else { return };
    let field = format!("persons[{i}].disposal");
    if ctx.out.iter().any(|f| f.field == field && f.kind == Kind::Mismatch) {
        return;
    }
    let is_cpl = |s: &str| text(s).starts_with("刑事诉讼法") || text(s).starts_with("刑诉法");
    let canon = |s: &str| text(s).replacen("刑诉法", "刑事诉讼法", 1);
    let matches = |s: &str, list: &[String]| list.iter().any(|a| canon(s).starts_with(a.as_str()));
    let mut cited: Vec<(String, Option<Evidence>)> =
        p.statutes.iter().filter(|s| is_cpl(s)).map(|s| (s.clone(), None)).collect();
    if cited.is_empty() {
        for (d, f) in facts {
            cited.extend(
                f.statutes
                    .iter()
                    .filter(|s| is_cpl(&s.value))
                    .map(|s| (s.value.clone(), Some(Evidence::of(d.file, &s.span)))),
            );
        }
    }
    if cited.is_empty() || cited.iter().any(|(s, _)| matches(s, own)) {
        return;
    }
    let foreign = cited
        .iter()
        .any(|(s, _)| rules.non_prosecution.iter().any(|(t, list)| *t != disposal && matches(s, list)));
    if !foreign {
        return;
    }
    let names: Vec<String> = cited.iter().map(|(s, _)| s.clone()).collect();
    ctx.emit(
        Emit::new("logic.non_prosecution_article", Kind::Logic, field)
            .item("person.disposal")
            .card(disposal)
            .document(names.join("、"))
            .evidence(cited.into_iter().filter_map(|(_, e)| e).collect())
            .var("expected", own.join("或")),
    );
}
