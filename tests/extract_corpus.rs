//! The bundled corpus (corpus/*/: documents, card.json, truth.json): what the extractor reads from
//! each DOCX/PDF/TXT document must agree with the card wherever the document states the item,
//! except the errors truth.json says were injected into the card. Persons are matched by their
//! order (the card lists them as the documents do). Missing items are not checked here (not every
//! document states every item); every wrong value is listed in the failure message.

use std::path::Path;

use anguan::extract::{PersonFacts, extract_document};
use anguan::ingest::{Limits, collection::read_document};
use serde_json::Value;

/// Card fields truth.json lists as injected errors ("persons[1].gender", "amount" …).
fn injected(case: &Path) -> Vec<String> {
    let truth: Value =
        serde_json::from_str(&std::fs::read_to_string(case.join("truth.json")).unwrap()).unwrap();
    truth["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["field"].as_str().map(String::from))
        .collect()
}

/// `transfer`: the document is the police's 起诉意见书, whose charges are the card's
/// `transferred_charges` and whose articles go with them.
fn compare_person(
    p: &PersonFacts,
    card: &Value,
    transferred: Option<&Value>,
    field: &str,
    out: &mut Vec<(String, String, String)>,
) {
    let mut values = Vec::new();
    let mut check = |name: &str, got: Option<Value>, want: &Value| {
        if let Some(got) = got
            && !want.is_null()
            && &got != want
        {
            values.push((format!("{field}.{name}"), got.to_string(), want.to_string()));
        }
    };
    let s = |f: &Option<anguan::extract::Fact<String>>| f.as_ref().map(|f| Value::from(f.value.clone()));
    check("name", s(&p.name), &card["name"]);
    check("gender", s(&p.gender), &card["gender"]);
    check("birth_date", p.birth_date.as_ref().map(|d| Value::from(d.value.to_string())), &card["birth_date"]);
    check("id_number", s(&p.id_number), &card["id_number"]);
    check("ethnicity", s(&p.ethnicity), &card["ethnicity"]);
    check("education", s(&p.education), &card["education"]);
    check("occupation", s(&p.occupation), &card["occupation"]);
    check("domicile", s(&p.domicile), &card["domicile"]);
    check("address", s(&p.address), &card["address"]);
    check("plea", p.plea.as_ref().map(|f| Value::from(f.value)), &card["plea"]);
    check("plea_date", p.plea_date.as_ref().map(|d| Value::from(d.value.to_string())), &card["plea_date"]);
    check("disposal", s(&p.disposal), &card["disposal"]);
    check("prior_record", p.prior_record.as_ref().map(|f| Value::from(f.value)), &card["prior_record"]);
    check("recidivist", p.recidivist.as_ref().map(|f| Value::from(f.value)), &card["recidivist"]);
    for (k, m) in p.measures.iter().enumerate() {
        let want =
            card["measures"].as_array().and_then(|ms| ms.iter().find(|c| c["kind"] == m.value.kind.as_str()));
        match want {
            Some(w) => check(
                &format!("measures[{k}].date"),
                m.value.date.map(|d| Value::from(d.to_string())),
                &w["date"],
            ),
            None => out.push((
                format!("{field}.measures[{k}]"),
                m.value.kind.clone(),
                card["measures"].to_string(),
            )),
        }
    }
    if !p.charges.is_empty() {
        // The card may write a charge by a common alias (掩饰、隐瞒犯罪所得罪).
        let table = anguan::extract::ChargeTable::global();
        let canon = |c: &Value| c.as_str().map(|c| Value::from(table.canonical(c).unwrap_or(c)));
        let want: Vec<Value> = transferred
            .unwrap_or(&card["charges"])
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(canon)
            .collect();
        let got: Vec<Value> = p.charges.iter().map(|c| Value::from(c.value.clone())).collect();
        check("charges", Some(Value::from(got)), &Value::from(want));
    }
    for st in p.statutes.iter().filter(|_| transferred.is_none()) {
        // A citation read as written may stop short of the card's (第133条之一第1款 ⊂ …第2项).
        let listed = card["statutes"]
            .as_array()
            .is_some_and(|a| a.iter().any(|v| v.as_str().is_some_and(|v| v.starts_with(st.value.as_str()))));
        if !listed {
            out.push((format!("{field}.statutes"), st.value.clone(), card["statutes"].to_string()));
        }
    }
    if let Some(sent) = &p.sentence {
        let c = &card["sentencing"];
        let v = &sent.value;
        check("sentencing.penalty", Some(Value::from(v.penalty.clone())), &c["penalty"]);
        check("sentencing.min_months", v.min_months.map(Value::from), &c["min_months"]);
        check("sentencing.max_months", v.max_months.map(Value::from), &c["max_months"]);
        check("sentencing.probation", Some(Value::from(v.probation)), &c["probation"]);
        let fine = v.fine.map(|f| serde_json::json!(f));
        if let (Some(g), Some(w)) = (fine.as_ref().and_then(Value::as_f64), c["fine"].as_f64())
            && (g - w).abs() > 0.5
        {
            out.push((format!("{field}.sentencing.fine"), g.to_string(), w.to_string()));
        }
    }
    out.extend(values);
}

#[test]
fn corpus_documents_agree_with_their_cards() {
    let root = Path::new("corpus");
    let mut cases: Vec<_> = std::fs::read_dir(root).unwrap().map(|e| e.unwrap().path()).collect();
    cases.sort();
    cases.retain(|c| c.join("card.json").is_file());
    assert_eq!(cases.len(), 20);
    let mut wrong = Vec::new();
    let mut checked = 0;
    for case in &cases {
        let card: Value =
            serde_json::from_str(&std::fs::read_to_string(case.join("card.json")).unwrap()).unwrap();
        let skip = injected(case);
        let mut files: Vec<_> = std::fs::read_dir(case).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        for file in files {
            let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
            if !["docx", "pdf", "txt"].contains(&ext) {
                continue;
            }
            let doc = read_document(&file, &Limits::default()).unwrap();
            let ex = extract_document(&doc);
            let suspects: Vec<&PersonFacts> = ex.persons.iter().filter(|p| p.role == "suspect").collect();
            let cards = card["persons"].as_array().unwrap();
            let transferred = doc.file.starts_with("起诉意见书").then(|| &card["transferred_charges"]);
            let mut out = Vec::new();
            for (i, p) in suspects.iter().enumerate() {
                match cards.get(i) {
                    Some(c) => compare_person(p, c, transferred, &format!("persons[{i}]"), &mut out),
                    None => out.push((format!("persons[{i}]"), format!("{:?}", p.name), "absent".into())),
                }
            }
            if let (Some(a), Some(w)) = (&ex.case.amount, card["amount"].as_f64())
                && (a.value - w).abs() > 0.5
            {
                out.push(("amount".into(), a.value.to_string(), w.to_string()));
            }
            checked += 1;
            for (field, got, want) in out {
                if skip.iter().any(|s| field == *s || field.starts_with(&format!("{s}."))) {
                    continue;
                }
                let doc = format!("{}/{}", case.file_name().unwrap().to_string_lossy(), doc.file);
                wrong.push(format!("{doc}: {field}: read {got}, card {want}"));
            }
        }
    }
    assert!(checked >= 40, "{checked} documents");
    assert!(wrong.is_empty(), "{} disagreements:\n{}", wrong.len(), wrong.join("\n"));
}
