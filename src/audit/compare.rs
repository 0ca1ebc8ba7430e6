//! Card ↔ documents: `missing` (the card is empty where a document states the item), `mismatch`
//! (the card agrees with none of the documents that state it) and `conflict` (two documents of
//! the item's conflict group state different values — 三书比对).
//!
//! Each item names the document types that state it, in order of authority (`sources` in
//! rules.toml); the most authoritative one is quoted when the card is wrong. A card value that
//! agrees with any source is not a mismatch: when the documents disagree among themselves that is
//! the conflict rule's finding. Yes/no items are reported missing only when a document states
//! "yes" (an unstated "no" is not evidence). Person items read the facts of the document person
//! paired with the card person by [`super::matching`].

use std::collections::BTreeSet;

use crate::card::{Card, Person};
use crate::extract::{Fact, PersonFacts};
use crate::span::Span;

use super::items::{CASE_ITEMS, PERSON_ITEMS, text_of};

use super::normal::{Norm, Val, list_set, norm, same};
use super::{Ctx, Doc, Emit, Evidence, Kind};

/// A value a document states, with its spans.
#[derive(Debug, Clone)]
struct Obs<'a> {
    doc: Doc<'a>,
    val: Val,
    spans: Vec<Span>,
}

/// The tolerance of an item: money and alcohol in their units, 审结日期 in days.
fn tolerance(ctx: &Ctx<'_>, key: &str) -> f64 {
    let e = &ctx.rules.engine;
    match key {
        "amount" | "sentencing.fine" => e.amount_tolerance,
        "blood_alcohol" => e.blood_alcohol_tolerance,
        "closed_date" => e.closed_date_tolerance_days as f64,
        _ => 0.0,
    }
}

fn values_same(a: &Val, b: &Val, how: Norm, tol: f64, ctx: &Ctx<'_>) -> bool {
    match (a, b) {
        (Val::Date(x), Val::Date(y)) => ((*x - *y).num_days().abs() as f64) <= tol,
        _ => same(a, b, how, tol, ctx.rules),
    }
}

fn evidence(o: &Obs<'_>) -> Vec<Evidence> {
    o.spans.iter().map(|s| Evidence::of(o.doc.file, s)).collect()
}

fn rank(list: &[String], kind: Option<&str>) -> Option<usize> {
    kind.and_then(|k| list.iter().position(|s| s == k))
}

/// Compare one item: conflict among the documents, then missing or mismatch against the card.
fn check(
    ctx: &mut Ctx<'_>,
    item: &str,
    field: &str,
    card: Option<Val>,
    obs: Vec<Obs<'_>>,
    how: Norm,
    tol: f64,
) {
    conflicts(ctx, item, field, card.as_ref(), &obs, how, tol);
    let sources = ctx.rules.sources(item).to_vec();
    let mut obs: Vec<Obs<'_>> = obs.into_iter().filter(|o| rank(&sources, o.doc.kind).is_some()).collect();
    obs.sort_by_key(|o| rank(&sources, o.doc.kind));
    let Some(first) = obs.first() else { return };
    match &card {
        None => {
            if matches!(first.val, Val::Bool(false)) {
                return;
            }
            ctx.emit(
                Emit::new(format!("card.{item}.missing"), Kind::Missing, field)
                    .item(item)
                    .document(first.val.show())
                    .evidence(evidence(first))
                    .var("doc", first.doc.kind.unwrap_or(first.doc.file)),
            );
        }
        Some(c) => {
            if obs.iter().any(|o| values_same(c, &o.val, how, tol, ctx)) {
                return;
            }
            ctx.emit(
                Emit::new(format!("card.{item}.mismatch"), Kind::Mismatch, field)
                    .item(item)
                    .card(c.show())
                    .document(first.val.show())
                    .evidence(evidence(first))
                    .var("doc", first.doc.kind.unwrap_or(first.doc.file)),
            );
        }
    }
}

/// Documents of the item's conflict group that disagree with the group's first statement.
fn conflicts(
    ctx: &mut Ctx<'_>,
    item: &str,
    field: &str,
    card: Option<&Val>,
    obs: &[Obs<'_>],
    how: Norm,
    tol: f64,
) {
    let group = ctx.rules.conflict_group(item).to_vec();
    let mut g: Vec<&Obs<'_>> = obs.iter().filter(|o| rank(&group, o.doc.kind).is_some()).collect();
    g.sort_by_key(|o| rank(&group, o.doc.kind));
    let Some((first, rest)) = g.split_first() else { return };
    let mut reported: Vec<&Val> = Vec::new();
    for o in rest {
        if values_same(&first.val, &o.val, how, tol, ctx)
            || reported.iter().any(|v| values_same(v, &o.val, how, tol, ctx))
        {
            continue;
        }
        reported.push(&o.val);
        let mut ev = evidence(first);
        ev.extend(evidence(o));
        let mut e = Emit::new(format!("card.{item}.conflict"), Kind::Conflict, field)
            .item(item)
            .document(format!("{}／{}", first.val.show(), o.val.show()))
            .evidence(ev)
            .var("doc", first.doc.kind.unwrap_or(first.doc.file))
            .var("doc2", o.doc.kind.unwrap_or(o.doc.file))
            .var("document2", o.val.show());
        if let Some(c) = card {
            e = e.card(c.show());
        }
        // The message quotes the first document's value as {document}.
        e.vars.push(("document", first.val.show()));
        ctx.emit(e);
    }
}

/// The facts of card person `ci` in each document.
fn person_facts<'a>(
    docs: &[Doc<'a>],
    pairs: &[Vec<Option<usize>>],
    ci: usize,
) -> Vec<(Doc<'a>, &'a PersonFacts)> {
    let mut out = Vec::new();
    for (d, pair) in docs.iter().zip(pairs) {
        if let Some(pi) = pair.iter().position(|p| *p == Some(ci))
            && let Some(f) = d.ex.persons.get(pi)
        {
            out.push((*d, f));
        }
    }
    out
}

/// Run every comparison of a case.
pub(crate) fn run(ctx: &mut Ctx<'_>, card: &Card, docs: &[Doc<'_>], pairs: &[Vec<Option<usize>>]) {
    // 涉案金额 only for charges with a 犯罪数额 (the card's charges, else the documents').
    let mut charges: Vec<String> = card.transferred_charges.clone();
    charges.extend(card.persons.iter().flat_map(|p| p.charges.iter().cloned()));
    if charges.is_empty() {
        charges.extend(
            docs.iter()
                .flat_map(|d| d.ex.persons.iter().flat_map(|p| p.charges.iter().map(|c| c.value.clone()))),
        );
    }
    let with_amount = ctx.rules.has_amount(&charges);
    for item in CASE_ITEMS.iter().filter(|i| i.key != "amount" || with_amount) {
        let obs: Vec<Obs<'_>> = docs
            .iter()
            .filter_map(|d| (item.doc)(d).map(|(val, spans)| Obs { doc: *d, val, spans }))
            .collect();
        check(ctx, item.key, item.key, (item.card)(card), obs, item.how, tolerance(ctx, item.key));
    }
    returns(ctx, card, docs);
    for (ci, person) in card.persons.iter().enumerate() {
        let facts = person_facts(docs, pairs, ci);
        for item in PERSON_ITEMS {
            let obs: Vec<Obs<'_>> = facts
                .iter()
                .filter_map(|(d, f)| (item.doc)(f).map(|(val, spans)| Obs { doc: *d, val, spans }))
                .collect();
            let key = format!("person.{}", item.key);
            let field = format!("persons[{ci}].{}", item.key);
            check(ctx, &key, &field, (item.card)(person), obs, item.how, tolerance(ctx, item.key));
        }
        disposal(ctx, ci, person, &facts);
        circumstances(ctx, ci, person, &facts);
        measures(ctx, ci, person, &facts);
    }
    missing_persons(ctx, docs, pairs);
}

/// 审结处理情况: the document's own statement, or 起诉 for a person named in a 起诉书.
fn disposal(ctx: &mut Ctx<'_>, ci: usize, person: &Person, facts: &[(Doc<'_>, &PersonFacts)]) {
    let obs: Vec<Obs<'_>> = facts
        .iter()
        .filter_map(|(d, f)| {
            let stated = text_of(&f.disposal).or_else(|| {
                (d.kind == Some("起诉书")).then(|| {
                    (
                        Val::Text("起诉".into()),
                        f.name.as_ref().map(|n| vec![n.span.clone()]).unwrap_or_default(),
                    )
                })
            });
            stated.map(|(val, spans)| Obs { doc: *d, val, spans })
        })
        .collect();
    let card = person.disposal.clone().map(Val::Text);
    check(ctx, "person.disposal", &format!("persons[{ci}].disposal"), card, obs, Norm::Plain, 0.0);
}

/// 量刑情节: every circumstance the most authoritative document states must be on the card.
fn circumstances(ctx: &mut Ctx<'_>, ci: usize, person: &Person, facts: &[(Doc<'_>, &PersonFacts)]) {
    let item = "person.circumstances";
    let sources = ctx.rules.sources(item).to_vec();
    let mut stated: Vec<&(Doc<'_>, &PersonFacts)> = facts
        .iter()
        .filter(|(d, f)| rank(&sources, d.kind).is_some() && !f.circumstances.is_empty())
        .collect();
    stated.sort_by_key(|(d, _)| rank(&sources, d.kind));
    let Some((doc, f)) = stated.first() else { return };
    let field = format!("persons[{ci}].circumstances");
    let have = list_set(&person.circumstances, Norm::Plain, ctx.rules);
    let lacking: Vec<&Fact<String>> =
        f.circumstances.iter().filter(|c| !have.contains(&norm(&c.value, Norm::Plain, ctx.rules))).collect();
    if lacking.is_empty() {
        return;
    }
    let names: Vec<String> =
        lacking.iter().map(|c| c.value.clone()).collect::<BTreeSet<_>>().into_iter().collect();
    let ev = lacking.iter().map(|c| Evidence::of(doc.file, &c.span)).collect();
    let kind = if person.circumstances.is_empty() { Kind::Missing } else { Kind::Mismatch };
    let mut e = Emit::new(format!("card.{item}.{}", kind.as_str()), kind, field)
        .item(item)
        .document(names.join("、"))
        .evidence(ev)
        .var("doc", doc.kind.unwrap_or(doc.file));
    if !person.circumstances.is_empty() {
        e = e.card(person.circumstances.join("、"));
    }
    ctx.emit(e);
}

/// 强制措施: each measure a document states must be on the card with the same date.
fn measures(ctx: &mut Ctx<'_>, ci: usize, person: &Person, facts: &[(Doc<'_>, &PersonFacts)]) {
    let rules = ctx.rules;
    let sources = rules.sources("person.measures").to_vec();
    let group = rules.conflict_group("person.measures.date").to_vec();
    let mut facts: Vec<&(Doc<'_>, &PersonFacts)> =
        facts.iter().filter(|(d, _)| rank(&sources, d.kind).is_some()).collect();
    facts.sort_by_key(|(d, _)| rank(&sources, d.kind));
    let card_kinds: Vec<String> =
        person.measures.iter().map(|m| norm(&m.kind, Norm::Measure, rules)).collect();
    let mut done: BTreeSet<String> = BTreeSet::new();
    // (kind, doc, date, span) of every dated measure stated.
    let mut stated = Vec::new();
    for (d, f) in &facts {
        for m in &f.measures {
            stated.push((norm(&m.value.kind, Norm::Measure, rules), *d, m.value.date, m.span.clone()));
        }
    }
    for (kind, d, date, span) in &stated {
        let Some(date) = date else { continue };
        let doc_value = format!("{kind}{date}");
        let ev = vec![Evidence::of(d.file, span)];
        let of_kind: Vec<usize> = (0..card_kinds.len()).filter(|&j| card_kinds[j] == *kind).collect();
        if of_kind.is_empty() {
            if done.insert(format!("kind:{kind}")) {
                ctx.emit(
                    Emit::new(
                        "card.person.measures.missing",
                        Kind::Missing,
                        format!("persons[{ci}].measures"),
                    )
                    .item("person.measures")
                    .document(doc_value)
                    .evidence(ev)
                    .var("doc", d.kind.unwrap_or(d.file)),
                );
            }
            continue;
        }
        if of_kind.iter().any(|&j| person.measures.get(j).and_then(|m| m.date) == Some(*date)) {
            done.insert(format!("kind:{kind}"));
            continue;
        }
        if !done.insert(format!("kind:{kind}")) {
            continue;
        }
        let j = of_kind.iter().copied().find(|&j| person.measures.get(j).is_some_and(|m| m.date.is_some()));
        let field = format!("persons[{ci}].measures[{}].date", j.or(of_kind.first().copied()).unwrap_or(0));
        let base = |id: &str, kind: Kind| {
            Emit::new(id, kind, field.clone())
                .item("person.measures.date")
                .document(doc_value.clone())
                .evidence(ev.clone())
                .var("doc", d.kind.unwrap_or(d.file))
        };
        match j.and_then(|j| person.measures.get(j)).and_then(|m| m.date) {
            None => ctx.emit(base("card.person.measures.date.missing", Kind::Missing)),
            Some(cd) => ctx
                .emit(base("card.person.measures.date.mismatch", Kind::Mismatch).card(format!("{kind}{cd}"))),
        }
    }
    // Conflicts: two documents of the group dating the same kind of measure differently.
    let kinds: BTreeSet<&String> = stated.iter().map(|(k, ..)| k).collect();
    for kind in kinds {
        let obs: Vec<Obs<'_>> = stated
            .iter()
            .filter(|(k, d, date, _)| k == kind && date.is_some() && rank(&group, d.kind).is_some())
            .filter_map(|(_, d, date, span)| {
                date.map(|dt| Obs { doc: *d, val: Val::Date(dt), spans: vec![span.clone()] })
            })
            .collect();
        let j = card_kinds.iter().position(|k| k == kind);
        let field = match j {
            Some(j) => format!("persons[{ci}].measures[{j}].date"),
            None => format!("persons[{ci}].measures"),
        };
        let card = j.and_then(|j| person.measures.get(j)).and_then(|m| m.date).map(Val::Date);
        conflicts(ctx, "person.measures.date", &field, card.as_ref(), &obs, Norm::Plain, 0.0);
    }
}

/// 退回补充侦查: the 退补 dates the most authoritative document states, in order.
fn returns(ctx: &mut Ctx<'_>, card: &Card, docs: &[Doc<'_>]) {
    let item = "returns";
    let sources = ctx.rules.sources(item).to_vec();
    let mut stating: Vec<&Doc<'_>> =
        docs.iter().filter(|d| rank(&sources, d.kind).is_some() && !d.ex.case.returns.is_empty()).collect();
    stating.sort_by_key(|d| rank(&sources, d.kind));
    let Some(d) = stating.first() else { return };
    let doc_kind = d.kind.unwrap_or(d.file);
    for (k, r) in d.ex.case.returns.iter().enumerate() {
        let ev = vec![Evidence::of(d.file, &r.span)];
        let emit = |id: &str, kind: Kind, field: String| {
            Emit::new(id, kind, field)
                .item(item)
                .document(r.value.to_string())
                .evidence(ev.clone())
                .var("doc", doc_kind)
        };
        match card.returns.get(k) {
            None => {
                let (id, kind) = if card.returns.is_empty() {
                    ("card.returns.missing", Kind::Missing)
                } else {
                    ("card.returns.mismatch", Kind::Mismatch)
                };
                let mut e = emit(id, kind, "returns".into());
                if !card.returns.is_empty() {
                    e = e.card(format!("{}次", card.returns.len()));
                }
                ctx.emit(e);
                return;
            }
            Some(cr) => match cr.returned_date {
                None => ctx.emit(emit(
                    "card.returns.missing",
                    Kind::Missing,
                    format!("returns[{k}].returned_date"),
                )),
                Some(cd) if cd != r.value => ctx.emit(
                    emit("card.returns.mismatch", Kind::Mismatch, format!("returns[{k}].returned_date"))
                        .card(cd.to_string()),
                ),
                Some(_) => {}
            },
        }
    }
}

/// Suspects named in a 起诉书/不起诉决定书 that no card person pairs with.
fn missing_persons(ctx: &mut Ctx<'_>, docs: &[Doc<'_>], pairs: &[Vec<Option<usize>>]) {
    let wanted = ctx.rules.documents.persons.clone();
    let mut seen = BTreeSet::new();
    for (d, pair) in docs.iter().zip(pairs) {
        if rank(&wanted, d.kind).is_none() {
            continue;
        }
        for (p, paired) in d.ex.persons.iter().zip(pair) {
            let Some(name) = p.name.as_ref().filter(|_| paired.is_none() && super::matching::is_suspect(p))
            else {
                continue;
            };
            if !seen.insert(norm(&name.value, Norm::Name, ctx.rules)) {
                continue;
            }
            ctx.emit(
                Emit::new("card.person.missing", Kind::Missing, "persons")
                    .item("person")
                    .document(name.value.clone())
                    .evidence(vec![Evidence::of(d.file, &name.span)])
                    .var("doc", d.kind.unwrap_or(d.file)),
            );
        }
    }
}
