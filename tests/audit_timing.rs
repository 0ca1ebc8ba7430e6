//! `late` and `overdue`: 录入时间 against the event, the 审查起诉 period with its extension,
//! 退补 restarts, 速裁 and the holiday roll-forward — each firing and not firing.

mod audit_support;

use anguan::audit::{Kind, RuleSet, audit_case};
use anguan::card::{Card, Measure, Return, Timestamp};
use audit_support::*;

fn alone(c: &Card) -> Vec<anguan::audit::Finding> {
    run(c, &[])
}

fn at(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

/// The card with a given 受理 and 审结 and nothing recorded.
fn timed(received: &str, closed: &str) -> Card {
    let mut c = card();
    c.transfer_date = Some(d(received));
    c.received_date = Some(d(received));
    c.closed_date = Some(d(closed));
    c.persons[0].plea_date = Some(d(received));
    c.persons[0].offense_date = Some(d("2022-12-01"));
    c.recorded_at.clear();
    c
}

#[test]
fn late_is_counted_in_working_days() {
    let mut c = card();
    // 审结 on Thursday 2023-07-20; recorded the next Tuesday = 3 working days later: on time.
    c.recorded_at.insert("closed_date".into(), at("2023-07-25T09:00:00"));
    assert!(alone(&c).is_empty(), "{:#?}", alone(&c));
    // Wednesday = 4 working days: late.
    c.recorded_at.insert("closed_date".into(), at("2023-07-26T09:00:00"));
    let x = only(&alone(&c), "late.recorded", "closed_date").clone();
    assert_eq!(x.kind, Kind::Late);
    assert!(x.message.contains("4个工作日") && x.message.contains("2023-07-20"), "{}", x.message);
}

#[test]
fn late_items_are_measured_from_their_event() {
    let mut c = card();
    // A measure taken before the case arrived is entered on arrival (受理 2023-07-03, Monday).
    c.recorded_at.insert("persons[0].measures[0].date".into(), at("2023-07-05T09:00:00"));
    // The sentencing recommendation belongs to the closing (2023-07-20).
    c.recorded_at.insert("persons[0].sentencing.max_months".into(), at("2023-07-21T09:00:00"));
    assert!(alone(&c).is_empty(), "{:#?}", alone(&c));
    c.recorded_at.insert("persons[0].education".into(), at("2023-07-20T09:00:00"));
    only(&alone(&c), "late.recorded", "persons[0].education");
}

#[test]
fn review_period_is_one_month_from_the_day_after_receipt() {
    // 受理 2023-03-15: the month ends 2023-04-15 (a Saturday; the person is in custody, so no
    // roll-forward).
    let mut c = timed("2023-03-15", "2023-04-15");
    c.persons[0].measures = vec![Measure { kind: "逮捕".into(), date: Some(d("2023-03-01")) }];
    assert!(alone(&c).is_empty(), "{:#?}", alone(&c));
    c.closed_date = Some(d("2023-04-17"));
    let x = only(&alone(&c), "overdue.review", "closed_date").clone();
    assert_eq!(x.kind, Kind::Overdue);
    assert_eq!(
        x.message,
        "审查起诉超期：受理日期2023-03-15，次日起算，期限1个月，至2023-04-15届满；审结日期2023-04-17，超期2日"
    );
}

#[test]
fn not_in_custody_a_weekend_deadline_rolls_forward() {
    // Last measure 取保候审: the 2023-04-15 (Saturday) deadline moves to Monday 2023-04-17.
    let mut c = timed("2023-03-15", "2023-04-17");
    c.persons[0].measures = vec![Measure { kind: "取保候审".into(), date: Some(d("2023-03-01")) }];
    assert!(alone(&c).is_empty(), "{:#?}", alone(&c));
    c.closed_date = Some(d("2023-04-18"));
    let x = only(&alone(&c), "overdue.review", "closed_date").clone();
    assert!(x.message.contains("顺延至2023-04-17"), "{}", x.message);
}

#[test]
fn month_end_and_extension() {
    // From 31 January the month ends on 28 February; +15 days when extended → 15 March.
    let mut c = timed("2023-01-31", "2023-03-15");
    c.persons[0].measures = vec![Measure { kind: "逮捕".into(), date: Some(d("2023-01-10")) }];
    let x = only(&alone(&c), "overdue.review", "closed_date").clone();
    assert!(x.message.contains("至2023-02-28届满"), "{}", x.message);
    c.extended = Some(true);
    assert!(alone(&c).is_empty(), "{:#?}", alone(&c));
    c.closed_date = Some(d("2023-03-16"));
    let x = only(&alone(&c), "overdue.review", "closed_date").clone();
    assert!(x.message.contains("1个月，延长15日，至2023-03-15届满"), "{}", x.message);
}

#[test]
fn each_return_restarts_the_period() {
    let mut c = timed("2023-03-01", "2023-06-20");
    c.persons[0].measures = vec![Measure { kind: "逮捕".into(), date: Some(d("2023-02-20")) }];
    c.returns =
        vec![Return { returned_date: Some(d("2023-03-25")), resubmitted_date: Some(d("2023-04-24")) }];
    // Second cycle from 2023-04-24 ends 2023-05-24: 2023-06-20 is late by 27 days.
    let x = only(&alone(&c), "overdue.review", "closed_date").clone();
    assert!(x.message.contains("第1次补查重报日期2023-04-24"), "{}", x.message);
    c.closed_date = Some(d("2023-05-24"));
    assert!(alone(&c).is_empty(), "{:#?}", alone(&c));
    // The first cycle may be overdue itself: returned after its month.
    c.returns[0].returned_date = Some(d("2023-04-03"));
    c.returns[0].resubmitted_date = Some(d("2023-04-24"));
    only(&alone(&c), "overdue.review", "returns[0].returned_date");
}

#[test]
fn supplementary_investigation_over_one_month() {
    let mut c = timed("2023-03-01", "2023-05-20");
    c.persons[0].measures = vec![Measure { kind: "逮捕".into(), date: Some(d("2023-02-20")) }];
    c.returns =
        vec![Return { returned_date: Some(d("2023-03-20")), resubmitted_date: Some(d("2023-04-25")) }];
    only(&alone(&c), "overdue.supplementary", "returns[0].resubmitted_date");
}

#[test]
fn fast_track_ten_or_fifteen_days() {
    let mut c = timed("2023-07-03", "2023-07-13");
    c.procedure = Some("速裁".into());
    c.persons[0].measures = vec![Measure { kind: "刑事拘留".into(), date: Some(d("2023-06-30")) }];
    assert!(alone(&c).is_empty(), "{:#?}", alone(&c));
    c.closed_date = Some(d("2023-07-14"));
    let x = only(&alone(&c), "overdue.review", "closed_date").clone();
    assert!(x.message.contains("10日（速裁程序）"), "{}", x.message);
    // A possible term above one year: 15 days.
    let s = c.persons[0].sentencing.as_mut().unwrap();
    s.min_months = Some(14);
    s.max_months = Some(14);
    assert!(alone(&c).is_empty(), "{:#?}", alone(&c));
}

#[test]
fn a_pending_case_is_measured_against_today() {
    let mut c = timed("2023-12-01", "2023-12-01");
    c.closed_date = None;
    c.persons[0].measures = vec![Measure { kind: "逮捕".into(), date: Some(d("2023-11-20")) }];
    // today() is 2024-01-15.
    let x = only(&alone(&c), "overdue.review", "closed_date").clone();
    assert!(x.message.contains("尚未审结"), "{}", x.message);
    let f = audit_case(Some(&c), &[], &RuleSet::load().unwrap(), d("2023-12-20"));
    assert!(f.is_empty(), "{f:#?}");
}
