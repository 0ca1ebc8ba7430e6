//! One test per `invalid` and `logic` rule, each firing and not firing.

mod audit_support;

use anguan::audit::Kind;
use anguan::card::{Card, Measure, Return, Sentencing};
use audit_support::*;

/// The card alone (no documents), so only the card's own rules speak.
fn alone(c: &Card) -> Vec<anguan::audit::Finding> {
    run(c, &[])
}

#[test]
fn the_clean_card_alone_has_no_findings() {
    assert!(alone(&card()).is_empty(), "{:#?}", alone(&card()));
}

#[test]
fn id_checksum_format_and_date() {
    let mut c = card();
    c.persons[0].id_number = Some("110105199003071238".into());
    let x = only(&alone(&c), "card.person.id_number.checksum", "persons[0].id_number").clone();
    assert_eq!(x.kind, Kind::Invalid);
    assert!(x.message.contains("应为9"), "{}", x.message);
    c.persons[0].id_number = Some("11010519900307123".into());
    only(&alone(&c), "card.person.id_number.format", "persons[0].id_number");
    c.persons[0].id_number = Some("110105199002301234".into());
    only(&alone(&c), "card.person.id_number.date", "persons[0].id_number");
    c.persons[0].id_number = Some("11010519900307123x".into());
    // A lower-case x is the same check character as X: here still the wrong one.
    only(&alone(&c), "card.person.id_number.checksum", "persons[0].id_number");
}

#[test]
fn birth_date_and_gender_against_the_id() {
    let mut c = card();
    c.persons[0].birth_date = Some(d("1990-07-03"));
    let x = only(&alone(&c), "card.person.birth_date.id", "persons[0].birth_date").clone();
    assert_eq!(x.document_value.as_deref(), Some("1990-03-07"));
    let mut c = card();
    c.persons[0].gender = Some("女".into());
    let x = only(&alone(&c), "card.person.gender.id", "persons[0].gender").clone();
    assert!(x.message.contains("奇数"), "{}", x.message);
}

#[test]
fn unknown_charges_and_values_outside_their_list() {
    let mut c = card();
    c.persons[0].charges = vec!["盗窃".into()];
    assert!(alone(&c).is_empty(), "盗窃 is 盗窃罪 without the suffix");
    c.persons[0].charges = vec!["偷东西罪".into()];
    only(&alone(&c), "card.charges.unknown", "persons[0].charges[0]");
    let mut c = card();
    c.procedure = Some("快速".into());
    only(&alone(&c), "card.value.not_allowed", "procedure");
    let mut c = card();
    c.persons[0].measures[0].kind = "软禁".into();
    only(&alone(&c), "card.value.not_allowed", "persons[0].measures[0].kind");
}

#[test]
fn impossible_values() {
    let mut c = card();
    c.persons[0].blood_alcohol = Some(2500.0);
    only(&alone(&c), "card.value.impossible", "persons[0].blood_alcohol");
    let mut c = card();
    c.persons[0].birth_date = None;
    c.persons[0].id_number = None;
    c.persons[0].offense_date = Some(d("2030-01-01"));
    let f = alone(&c);
    assert!(ids(&f).contains(&("card.value.impossible".into(), "persons[0].offense_date".into())), "{f:#?}");
}

#[test]
fn dates_out_of_order_blame_the_odd_one() {
    let mut c = card();
    // 取保 is not in the chain; 刑事拘留 after 移送 is.
    c.persons[0].measures[0].date = Some(d("2023-07-05"));
    c.persons[0].measures[1].date = Some(d("2023-07-06"));
    let x = only(&alone(&c), "logic.date_order", "persons[0].measures[0].date").clone();
    assert_eq!(x.kind, Kind::Logic);
    assert!(x.message.contains("日期顺序错误"), "{}", x.message);

    let mut c = card();
    c.closed_date = Some(d("2023-07-01"));
    c.persons[0].plea_date = None;
    c.persons[0].plea = Some(false);
    c.recorded_at.clear();
    only(&alone(&c), "logic.date_order", "closed_date");

    let mut c = card();
    c.returns =
        vec![Return { returned_date: Some(d("2023-07-15")), resubmitted_date: Some(d("2023-07-10")) }];
    only(&alone(&c), "logic.date_order", "returns[0].resubmitted_date");
}

#[test]
fn age_under_criminal_responsibility_counts_from_the_day_after_the_birthday() {
    let mut c = card();
    let p = &mut c.persons[0];
    p.id_number = Some("110105200906110038".into());
    p.birth_date = Some(d("2009-06-11"));
    // The offence on the 14th birthday: not yet 14 周岁, 盗窃 not punishable.
    p.offense_date = Some(d("2023-06-11"));
    let x = only(&alone(&c), "logic.age", "persons[0].birth_date").clone();
    assert!(x.message.contains("已满13周岁"), "{}", x.message);
    // Aged 14 but under 16: still not for 盗窃 …
    c.persons[0].offense_date = Some(d("2023-06-12"));
    let x = only(&alone(&c), "logic.age", "persons[0].birth_date").clone();
    assert!(x.message.contains("未满16周岁") && x.message.contains("盗窃罪"), "{}", x.message);
    // … but for 故意伤害罪 yes.
    c.persons[0].charges = vec!["故意伤害罪".into()];
    c.transferred_charges = vec!["故意伤害罪".into()];
    assert!(alone(&c).is_empty(), "{:#?}", alone(&c));
}

#[test]
fn plea_without_a_plea_date() {
    let mut c = card();
    c.persons[0].plea_date = None;
    // With the 具结书 in the case the document proves the date: still one logic finding.
    let f = run(&c, &docs());
    let x = only(&f, "logic.plea_without_date", "persons[0].plea_date");
    assert_eq!(x.kind, Kind::Logic);
    c.persons[0].plea = Some(false);
    assert!(alone(&c).is_empty());
}

#[test]
fn drunk_driving_is_only_detention() {
    let mut c = card();
    c.transferred_charges = vec!["危险驾驶罪".into()];
    let p = &mut c.persons[0];
    p.charges = vec!["危险驾驶罪".into()];
    p.statutes = vec!["刑法第133条之一".into()];
    p.blood_alcohol = Some(180.0);
    p.sentencing = Some(Sentencing {
        kind: Some("确定刑".into()),
        penalty: Some("拘役".into()),
        min_months: Some(2),
        max_months: Some(2),
        probation: Some(false),
        probation_months: None,
        fine: Some(4000.0),
    });
    assert!(alone(&c).is_empty(), "{:#?}", alone(&c));
    c.persons[0].sentencing.as_mut().unwrap().penalty = Some("有期徒刑".into());
    c.persons[0].sentencing.as_mut().unwrap().max_months = Some(8);
    c.persons[0].sentencing.as_mut().unwrap().min_months = Some(8);
    let x = only(&alone(&c), "logic.sentence_penalty", "persons[0].sentencing.penalty").clone();
    assert!(x.message.contains("危险驾驶罪") && x.message.contains("拘役"), "{}", x.message);
    // 拘役 of 7 months is above the 1–6 month band.
    let s = c.persons[0].sentencing.as_mut().unwrap();
    s.penalty = Some("拘役".into());
    s.min_months = Some(7);
    s.max_months = Some(7);
    only(&alone(&c), "logic.sentence_months", "persons[0].sentencing.max_months");
}

#[test]
fn probation_only_up_to_three_years_and_ranges_in_order() {
    let mut c = card();
    let s = c.persons[0].sentencing.as_mut().unwrap();
    s.probation = Some(true);
    assert!(alone(&c).is_empty());
    let s = c.persons[0].sentencing.as_mut().unwrap();
    s.min_months = Some(48);
    s.max_months = Some(48);
    only(&alone(&c), "logic.probation", "persons[0].sentencing.probation");
    let s = c.persons[0].sentencing.as_mut().unwrap();
    s.probation = Some(false);
    s.min_months = Some(12);
    s.max_months = Some(9);
    only(&alone(&c), "logic.sentence_order", "persons[0].sentencing.min_months");
}

#[test]
fn non_prosecution_type_against_its_article() {
    let mut c = card();
    let p = &mut c.persons[0];
    p.disposal = Some("酌定不起诉".into());
    p.sentencing = None;
    p.statutes = vec!["刑法第264条".into(), "刑事诉讼法第177条第2款".into()];
    assert!(alone(&c).is_empty(), "{:#?}", alone(&c));
    c.persons[0].statutes = vec!["刑法第264条".into(), "刑事诉讼法第175条第4款".into()];
    let x = only(&alone(&c), "logic.non_prosecution_article", "persons[0].disposal").clone();
    assert!(x.message.contains("刑事诉讼法第177条第2款"), "{}", x.message);
}

#[test]
fn more_than_two_returns() {
    let mut c = card();
    c.closed_date = Some(d("2023-10-15"));
    c.recorded_at.clear();
    let r = |a: &str, b: &str| Return { returned_date: Some(d(a)), resubmitted_date: Some(d(b)) };
    c.returns = vec![r("2023-07-20", "2023-08-10"), r("2023-08-30", "2023-09-20")];
    assert!(alone(&c).is_empty(), "{:#?}", alone(&c));
    c.returns.push(r("2023-10-10", "2023-11-01"));
    c.closed_date = Some(d("2023-11-20"));
    only(&alone(&c), "logic.returns_count", "returns");
}

#[test]
fn unreadable_card_items_are_invalid_findings() {
    let text = r#"{"schema":"anguan.card/1","received_date":"2023-02-30","persons":[{"name":"张某某"}]}"#;
    let loaded = anguan::card::parse_card("c/card.json", text).unwrap();
    let f = anguan::audit::problem_findings(&loaded.problems, &rules());
    let x = only(&f, "card.value.unreadable", "received_date");
    assert_eq!(x.card_value.as_deref(), Some("\"2023-02-30\""));
    let _ = Measure::default();
}

#[test]
fn date_order_blames_the_date_no_document_confirms() {
    // 具结书 date after 审结; the 起诉书 confirms the 审结 date → the plea date is the wrong one.
    let mut c = card();
    c.persons[0].plea_date = Some(d("2023-07-21"));
    c.recorded_at.clear();
    let f = run(&c, &docs()[..1]);
    only(&f, "logic.date_order", "persons[0].plea_date");
    // Without the document either could be wrong: the later item of the pair is named.
    only(&alone(&c), "logic.date_order", "closed_date");
}
