//! Time rules: `late` (迟填: an item's 录入时间 more than N working days after its event) and
//! `overdue` (超期: the 审查起诉 period and the 补充侦查 period), with the computation spelled out.
//!
//! The 审查起诉 period runs per cycle: from 受理, and again from each 补查重报 (CPL 175: a 退补
//! restarts it), to the next 退补 or to 审结. Its length is one month (+15 days when extended),
//! or 10 days for 速裁 (15 when the possible term exceeds one year). The first day is not
//! counted; a last day on a non-working day rolls forward unless the person is in custody (CPL
//! 105). A case without a 审结 date is measured against the date a 起诉书/不起诉决定书 bears,
//! else against today.

use chrono::NaiveDate;

use crate::card::Card;

use super::dates::{add_days, add_months, roll_forward, working_days_between};
use super::normal::{Norm, norm};
use super::{Ctx, Doc, Emit, Kind};

/// The item key of a field path: indexes dropped, persons → person (`persons[0].charges[1]` →
/// `person.charges`).
pub fn item_key(path: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.replacen("persons", "person", 1)
}

/// The date value of a card field path, for the date items.
fn date_at(card: &Card, path: &str) -> Option<NaiveDate> {
    let idx = |s: &str, pre: &str| -> Option<usize> { s.strip_prefix(pre)?.split(']').next()?.parse().ok() };
    match path {
        "transfer_date" => return card.transfer_date,
        "received_date" => return card.received_date,
        "closed_date" => return card.closed_date,
        _ => {}
    }
    if let Some(k) = idx(path, "returns[") {
        let r = card.returns.get(k)?;
        return if path.ends_with("resubmitted_date") { r.resubmitted_date } else { r.returned_date };
    }
    let i = idx(path, "persons[")?;
    let p = card.persons.get(i)?;
    let rest = path.split_once("].").map(|(_, r)| r)?;
    if let Some(j) = idx(rest, "measures[") {
        return p.measures.get(j)?.date;
    }
    match rest {
        "plea_date" => p.plea_date,
        "birth_date" => p.birth_date,
        "offense_date" => p.offense_date,
        _ => None,
    }
}

/// The event date an item's 录入时间 is measured from.
fn event_of(ctx: &Ctx<'_>, card: &Card, path: &str) -> Option<NaiveDate> {
    let key = item_key(path);
    let late = &ctx.rules.late;
    let is_listed = |list: &[String]| list.iter().any(|k| key == *k || key.starts_with(&format!("{k}.")));
    if !is_listed(&late.not_events)
        && let Some(d) = date_at(card, path)
    {
        return Some(card.received_date.map_or(d, |r| d.max(r)));
    }
    if is_listed(&late.closing_items) {
        return card.closed_date;
    }
    if key == "person.plea" {
        let i: usize = path.strip_prefix("persons[")?.split(']').next()?.parse().ok()?;
        return card.persons.get(i)?.plea_date.or(card.closed_date);
    }
    card.received_date
}

/// 迟填: items recorded more than the configured working days after their event.
pub(crate) fn late(ctx: &mut Ctx<'_>, card: &Card) {
    let e = &ctx.rules.engine;
    let limit = i64::from(e.late_working_days);
    let (holidays, workdays) = (e.holidays.clone(), e.workdays.clone());
    for (path, ts) in &card.recorded_at {
        let Some(event) = event_of(ctx, card, path) else { continue };
        let days = working_days_between(event, ts.date(), &holidays, &workdays);
        if days <= limit {
            continue;
        }
        let key = item_key(path);
        let item_name = ctx.rules.item_name(&key).to_string();
        ctx.emit(
            Emit::new("late.recorded", Kind::Late, path.clone())
                .item(&key)
                .card(ts.0.format("%Y-%m-%dT%H:%M:%S").to_string())
                .document(event.to_string())
                .var("item", item_name)
                .var("recorded", ts.0.format("%Y-%m-%d %H:%M").to_string())
                .var("event", event.to_string())
                .var("days", days.to_string())
                .var("limit", limit.to_string()),
        );
    }
}

/// Whether any person is in custody at the end of the review: the latest dated measure is 刑事拘留
/// or 逮捕.
fn in_custody(ctx: &Ctx<'_>, card: &Card) -> bool {
    card.persons.iter().any(|p| {
        p.measures
            .iter()
            .filter_map(|m| m.date.map(|d| (d, norm(&m.kind, Norm::Measure, ctx.rules))))
            .max_by_key(|(d, _)| *d)
            .is_some_and(|(_, k)| k == "刑事拘留" || k == "逮捕")
    })
}

/// 超期: each 审查起诉 cycle against its deadline; each 补充侦查 against one month.
pub(crate) fn overdue(ctx: &mut Ctx<'_>, card: &Card, docs: &[Doc<'_>]) {
    let rules = ctx.rules;
    let dl = &rules.deadlines;
    let Some(received) = card.received_date else { return };
    let fast = card.procedure.as_deref().is_some_and(|p| norm(p, Norm::Procedure, rules) == "速裁");
    let long = card
        .persons
        .iter()
        .filter_map(|p| p.sentencing.as_ref().and_then(|s| s.max_months))
        .any(|m| m > dl.fast_track_long_above_months);
    let extended = card.extended == Some(true);
    let custody = in_custody(ctx, card);
    let roll = rules.engine.roll_forward_when_not_in_custody && !custody;
    let (holidays, workdays) = (rules.engine.holidays.clone(), rules.engine.workdays.clone());

    // The closing date: the card's, else a closing document's own date, else today (pending).
    let doc_close = docs
        .iter()
        .filter(|d| matches!(d.kind, Some("起诉书" | "不起诉决定书")))
        .find_map(|d| d.ex.case.date.as_ref().map(|f| f.value));
    let closed = card.closed_date.map(|d| (d, rules.item_name("closed_date").to_string()));
    let closed = closed.or_else(|| doc_close.map(|d| (d, "文书落款日期".to_string())));

    // Cycles: (start, start label, end, end label, field of the end).
    let mut starts = vec![(received, rules.item_name("received_date").to_string())];
    let mut ends = Vec::new();
    for (k, r) in card.returns.iter().enumerate() {
        let n = k + 1;
        ends.push(
            r.returned_date
                .map(|d| (d, format!("第{n}次退回补充侦查日期"), format!("returns[{k}].returned_date"))),
        );
        match r.resubmitted_date {
            Some(d) => starts.push((d, format!("第{n}次补查重报日期"))),
            None => {
                starts.clear();
                break;
            }
        }
    }
    if starts.len() == card.returns.len() + 1 {
        let end = match &closed {
            Some((d, label)) => Some((*d, label.clone(), "closed_date".to_string())),
            None => Some((ctx.today, format!("今日（{}，尚未审结）", ctx.today), "closed_date".to_string())),
        };
        ends.push(end);
    }
    for ((start, start_label), end) in starts.into_iter().zip(ends) {
        let Some((end, end_label, field)) = end else { continue };
        let (raw, limit) = if fast {
            let days = if long { dl.fast_track_long_days } else { dl.fast_track_days };
            (add_days(start, days), format!("{days}日（速裁程序）"))
        } else {
            let base = add_months(start, dl.review_months);
            if extended {
                (
                    add_days(base, dl.extension_days),
                    format!("{}个月，延长{}日", dl.review_months, dl.extension_days),
                )
            } else {
                (base, format!("{}个月", dl.review_months))
            }
        };
        let deadline = if roll { roll_forward(raw, &holidays, &workdays) } else { raw };
        if end <= deadline {
            continue;
        }
        let over = (end - deadline).num_days();
        let mut computation = format!("{start_label}{start}，次日起算，期限{limit}，至{raw}届满");
        if deadline != raw {
            computation.push_str(&format!("（届满日为节假日，未羁押，顺延至{deadline}）"));
        }
        computation.push_str(&format!("；{end_label}{end}，超期{over}日"));
        ctx.emit(
            Emit::new("overdue.review", Kind::Overdue, field)
                .card(end.to_string())
                .document(deadline.to_string())
                .var("computation", computation),
        );
    }
    for (k, r) in card.returns.iter().enumerate() {
        let (Some(ret), Some(resub)) = (r.returned_date, r.resubmitted_date) else { continue };
        let deadline = add_months(ret, dl.supplementary_months);
        if resub > deadline {
            ctx.emit(
                Emit::new("overdue.supplementary", Kind::Overdue, format!("returns[{k}].resubmitted_date"))
                    .item("returns")
                    .card(resub.to_string())
                    .document(deadline.to_string())
                    .var("n", (k + 1).to_string())
                    .var("returned", ret.to_string())
                    .var("resubmitted", resub.to_string())
                    .var("deadline", deadline.to_string()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_keys_drop_indexes() {
        assert_eq!(item_key("persons[0].measures[1].date"), "person.measures.date");
        assert_eq!(item_key("closed_date"), "closed_date");
        assert_eq!(item_key("returns[0].returned_date"), "returns.returned_date");
    }
}
