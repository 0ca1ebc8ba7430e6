//! One test per document-based rule (missing, mismatch, conflict), each firing and not firing,
//! on a fictitious 盗窃 case whose card and documents agree until the test breaks one item.

mod audit_support;

use anguan::audit::{Kind, Severity};
use anguan::card::Measure;
use anguan::extract::{Fact, MeasureFact, PersonFacts};
use audit_support::*;

#[test]
fn the_clean_case_has_no_findings() {
    let f = run(&card(), &docs());
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn missing_id_number_quotes_the_indictment() {
    let mut c = card();
    c.persons[0].id_number = None;
    let f = run(&c, &docs());
    let x = only(&f, "card.person.id_number.missing", "persons[0].id_number");
    assert_eq!(x.kind, Kind::Missing);
    assert_eq!(x.document_value.as_deref(), Some(ID));
    assert_eq!(x.evidence[0].file, "起诉书.docx");
    let chars: Vec<char> = INDICTMENT.chars().collect();
    let quoted: String = chars[x.evidence[0].start..x.evidence[0].end].iter().collect();
    assert_eq!(quoted, ID);
    assert!(x.message.contains("公民身份号码") && x.message.contains("起诉书"), "{}", x.message);
}

#[test]
fn a_swapped_id_digit_is_a_mismatch_and_invalid() {
    let mut c = card();
    c.persons[0].id_number = Some("110105199003071293".into());
    let f = run(&c, &docs());
    let got = ids(&f);
    assert!(
        got.contains(&("card.person.id_number.checksum".into(), "persons[0].id_number".into())),
        "{f:#?}"
    );
    let f: Vec<_> = f.into_iter().filter(|x| x.kind == Kind::Mismatch).collect();
    let x = only(&f, "card.person.id_number.mismatch", "persons[0].id_number");
    assert_eq!(x.kind, Kind::Mismatch);
    assert_eq!(x.severity, Severity::Error);
    assert_eq!(x.card_value.as_deref(), Some("110105199003071293"));
    assert_eq!(x.document_value.as_deref(), Some(ID));
}

#[test]
fn education_is_compared_after_normalisation() {
    let mut c = card();
    c.persons[0].education = Some("初中文化".into());
    assert!(run(&c, &docs()).is_empty());
    c.persons[0].education = Some("高中".into());
    let f = run(&c, &docs());
    let x = only(&f, "card.person.education.mismatch", "persons[0].education");
    assert_eq!(x.severity, Severity::Warning);
    assert_eq!(x.evidence[0].text, "初中文化");
}

#[test]
fn a_name_typo_is_a_mismatch_and_the_person_is_still_paired() {
    let mut c = card();
    c.persons[0].name = "张某谋".into();
    let f = run(&c, &docs());
    // Paired by ID, so nothing else is reported missing.
    let x = only(&f, "card.person.name.mismatch", "persons[0].name");
    assert_eq!(x.document_value.as_deref(), Some("张某某"));
}

#[test]
fn a_person_the_card_lacks_is_missing() {
    let mut docs = docs();
    let mut second = PersonFacts { role: "suspect".into(), ..Default::default() };
    second.name = Some(Fact { value: "李某".into(), span: span_in(INDICTMENT, "李某") });
    docs[0].1.persons.push(second);
    let f = run(&card(), &docs);
    let x = only(&f, "card.person.missing", "persons");
    assert_eq!(x.document_value.as_deref(), Some("李某"));
    // A victim is not a suspect.
    docs[0].1.persons[1].role = "victim".into();
    assert!(run(&card(), &docs).is_empty());
}

#[test]
fn measure_dates_missing_and_wrong() {
    let mut c = card();
    c.persons[0].measures[1].date = None;
    let f = run(&c, &docs());
    only(&f, "card.person.measures.date.missing", "persons[0].measures[1].date");

    let mut c = card();
    c.persons[0].measures[1].date = Some(d("2023-06-29"));
    let f = run(&c, &docs());
    let x = only(&f, "card.person.measures.date.mismatch", "persons[0].measures[1].date");
    assert_eq!(x.document_value.as_deref(), Some("取保候审2023-06-28"));

    let mut c = card();
    c.persons[0].measures.truncate(1);
    let f = run(&c, &docs());
    only(&f, "card.person.measures.missing", "persons[0].measures");

    // A different spelling of the same kind is the same measure.
    let mut c = card();
    c.persons[0].measures[0] = Measure { kind: "拘留".into(), date: Some(d("2023-06-14")) };
    assert!(run(&c, &docs()).is_empty());
}

#[test]
fn sentencing_charges_and_case_items() {
    let mut c = card();
    let s = c.persons[0].sentencing.as_mut().unwrap();
    s.max_months = Some(10);
    let f = run(&c, &docs());
    only(&f, "card.person.sentencing.max_months.mismatch", "persons[0].sentencing.max_months");

    let mut c = card();
    c.persons[0].charges = vec!["诈骗罪".into()];
    let f = run(&c, &docs());
    only(&f, "card.person.charges.mismatch", "persons[0].charges");

    let mut c = card();
    c.indictment_number = Some("京朝检刑诉[2023]123号".into());
    assert!(run(&c, &docs()).is_empty(), "bracket styles are the same number");
    c.indictment_number = Some("京朝检刑诉〔2023〕132号".into());
    only(&run(&c, &docs()), "card.indictment_number.mismatch", "indictment_number");

    let mut c = card();
    c.amount = Some(6850.3);
    assert!(run(&c, &docs()).is_empty(), "within the 0.5 元 tolerance");
    c.amount = Some(6580.0);
    only(&run(&c, &docs()), "card.amount.mismatch", "amount");

    let mut c = card();
    c.closed_date = None;
    let f = run(&c, &docs());
    let x = f.iter().find(|x| x.rule == "card.closed_date.missing").expect("closed_date missing");
    assert_eq!(x.document_value.as_deref(), Some("2023-07-20"));

    let mut c = card();
    c.persons[0].disposal = Some("酌定不起诉".into());
    only(&run(&c, &docs()), "card.person.disposal.mismatch", "persons[0].disposal");
}

#[test]
fn a_yes_no_item_is_missing_only_when_a_document_says_yes() {
    let mut c = card();
    c.persons[0].plea = None;
    only(&run(&c, &docs()), "card.person.plea.missing", "persons[0].plea");
    // The documents never state 累犯 here: an empty card item is fine.
    let mut c = card();
    c.persons[0].recidivist = None;
    assert!(run(&c, &docs()).is_empty());
}

#[test]
fn circumstances_the_indictment_states_must_be_on_the_card() {
    let mut c = card();
    c.persons[0].circumstances = vec!["认罪认罚".into()];
    let f = run(&c, &docs());
    let x = only(&f, "card.person.circumstances.mismatch", "persons[0].circumstances");
    assert_eq!(x.document_value.as_deref(), Some("坦白"));
    // Extra circumstances on the card are not contradicted by silence.
    c.persons[0].circumstances = vec!["坦白".into(), "认罪认罚".into(), "退赃退赔".into()];
    assert!(run(&c, &docs()).is_empty());
}

#[test]
fn conflict_between_indictment_and_recommendation_cites_both() {
    let mut docs = docs();
    let rec = &mut docs[1].1.persons[0];
    let sent = rec.sentence.as_mut().unwrap();
    sent.value.min_months = Some(10);
    sent.value.max_months = Some(10);
    // The card agrees with the 起诉书: only the conflict is reported, on both items.
    let f = run(&card(), &docs);
    let got = ids(&f);
    assert_eq!(
        got,
        [
            (
                "card.person.sentencing.min_months.conflict".to_string(),
                "persons[0].sentencing.min_months".to_string()
            ),
            (
                "card.person.sentencing.max_months.conflict".to_string(),
                "persons[0].sentencing.max_months".to_string()
            ),
        ],
        "{f:#?}"
    );
    let x = &f[1];
    assert_eq!(x.kind, Kind::Conflict);
    let files: Vec<&str> = x.evidence.iter().map(|e| e.file.as_str()).collect();
    assert!(files.contains(&"量刑建议书.docx") && files.contains(&"起诉书.docx"), "{files:?}");
    assert!(x.message.contains("量刑建议书") && x.message.contains("起诉书"), "{}", x.message);
}

#[test]
fn conflicting_measure_dates_between_documents() {
    let mut docs = docs();
    // A 起诉意见书 dating the 刑事拘留 a day later.
    let mut opinion = indictment_extraction();
    opinion.persons[0].measures[0] = Fact {
        value: MeasureFact { kind: "刑事拘留".into(), date: Some(d("2023-06-15")) },
        ..opinion.persons[0].measures[0].clone()
    };
    docs.push((doc("起诉意见书.docx", anguan::ingest::DocType::ProsecutionOpinion, INDICTMENT), opinion));
    let f = run(&card(), &docs);
    assert!(
        ids(&f)
            .contains(&("card.person.measures.date.conflict".into(), "persons[0].measures[0].date".into())),
        "{f:#?}"
    );
}

#[test]
fn checklist_issues_become_checklist_findings() {
    use anguan::audit::{ChecklistIssue, checklist_findings};
    let docs = docs();
    let issues = vec![
        ChecklistIssue {
            id: "theft.amount".into(),
            name: "盗窃数额及价格认定".into(),
            contradicted: false,
            reason: "未见价格认定".into(),
            evidence: vec![],
        },
        ChecklistIssue {
            id: "indictment.statute".into(),
            name: "法律依据与罪名一致".into(),
            contradicted: true,
            reason: "盗窃罪应援引刑法第264条".into(),
            evidence: vec![span_in(INDICTMENT, "第二百六十四条")],
        },
    ];
    let f = checklist_findings(&docs[0].0, &issues, &rules());
    assert_eq!(
        ids(&f),
        [
            ("checklist.theft.amount".to_string(), "theft.amount".to_string()),
            ("checklist.indictment.statute".to_string(), "indictment.statute".to_string())
        ]
    );
    assert_eq!(f[0].kind, Kind::Checklist);
    assert_eq!(f[0].severity, Severity::Warning);
    assert_eq!(f[1].severity, Severity::Error);
    assert_eq!(f[0].message, "起诉书缺少必备要素“盗窃数额及价格认定”：未见价格认定");
    assert_eq!(f[1].evidence[0].file, "起诉书.docx");
}
