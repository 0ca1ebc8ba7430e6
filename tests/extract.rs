//! Extraction on realistic documents: the fictitious indictments of tests/fixtures/extract (made
//! by tests/fixtures/make_extract_fixtures.py from domain-reference §1.7–1.8 with a second
//! defendant added), and, when ../shared/data is present, real CAIL2021 sentences and real
//! judgments (only sanity properties here; the figures come from `anguan bench extract`).

use anguan::extract::{Element, Extraction, extract_text};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("tests/fixtures/extract/{name}")).unwrap()
}

fn values<'a>(ex: &'a Extraction, kind: &str) -> Vec<&'a serde_json::Value> {
    ex.elements.iter().filter(|e| e.kind == kind).map(|e| &e.value).collect()
}

/// Every element's text is exactly the characters at its offsets.
fn assert_spans(text: &str, elements: &[Element]) {
    let chars: Vec<char> = text.chars().collect();
    for e in elements {
        let got: String = chars[e.start..e.end].iter().collect();
        assert_eq!(got, e.text, "{e:?}");
    }
}

#[test]
fn theft_indictment_with_two_defendants() {
    let text = fixture("起诉书-盗窃.txt");
    let ex = extract_text(&text);
    assert_spans(&text, &ex.elements);
    let suspects: Vec<_> = ex.persons.iter().filter(|p| p.role == "suspect").collect();
    assert_eq!(suspects.len(), 2);
    let (zhao, sun) = (suspects[0], suspects[1]);
    assert_eq!(zhao.name.as_ref().unwrap().value, "赵建国");
    assert_eq!(zhao.gender.as_ref().unwrap().value, "男");
    assert_eq!(zhao.birth_date.as_ref().unwrap().value.to_string(), "1988-03-15");
    assert_eq!(zhao.id_number.as_ref().unwrap().value, "110105198803151232");
    assert_eq!(zhao.ethnicity.as_ref().unwrap().value, "汉族");
    assert_eq!(zhao.education.as_ref().unwrap().value, "初中");
    assert_eq!(zhao.occupation.as_ref().unwrap().value, "无业");
    assert_eq!(zhao.domicile.as_ref().unwrap().value, "北京市朝阳区某某路18号");
    assert_eq!(zhao.address.as_ref().unwrap().value, "北京市朝阳区某某小区3号楼2单元501号");
    assert!(zhao.prior_record.as_ref().unwrap().value);
    assert!(zhao.recidivist.as_ref().unwrap().value);
    let m: Vec<_> =
        zhao.measures.iter().map(|m| (m.value.kind.as_str(), m.value.date.unwrap().to_string())).collect();
    assert_eq!(m, [("刑事拘留", "2023-06-13".to_string()), ("逮捕", "2023-06-20".to_string())]);
    let charges: Vec<_> = zhao.charges.iter().map(|c| c.value.as_str()).collect();
    assert_eq!(charges, ["盗窃罪"], "the prior conviction's charge is not a charge of this case");
    let statutes: Vec<_> = zhao.statutes.iter().map(|c| c.value.as_str()).collect();
    assert!(statutes.contains(&"刑法第264条") && statutes.contains(&"刑法第65条第1款"), "{statutes:?}");
    assert!(!statutes.contains(&"刑法第312条"), "孙某某's article is not 赵建国's");
    let s = &zhao.sentence.as_ref().unwrap().value;
    assert_eq!(
        (s.penalty.as_str(), s.min_months, s.probation, s.fine),
        ("有期徒刑", Some(14), false, Some(5000.0))
    );
    assert_eq!(zhao.offense_date.as_ref().unwrap().value.to_string(), "2023-05-28");
    assert!(zhao.plea.as_ref().unwrap().value);
    assert_eq!(zhao.plea_date.as_ref().unwrap().value.to_string(), "2023-10-09");

    assert_eq!(sun.name.as_ref().unwrap().value, "孙某某");
    assert_eq!(sun.gender.as_ref().unwrap().value, "女");
    assert!(!sun.prior_record.as_ref().unwrap().value);
    let charges: Vec<_> = sun.charges.iter().map(|c| c.value.as_str()).collect();
    assert_eq!(charges, ["掩饰、隐瞒犯罪所得、犯罪所得收益罪"]);
    let m: Vec<_> =
        sun.measures.iter().map(|m| (m.value.kind.as_str(), m.value.date.unwrap().to_string())).collect();
    assert_eq!(
        m,
        [("刑事拘留", "2023-06-14".to_string()), ("取保候审", "2023-06-28".to_string())],
        "同年6月28日 resolved"
    );
    let s = &sun.sentence.as_ref().unwrap().value;
    assert_eq!(
        (s.penalty.as_str(), s.min_months, s.probation_months, s.fine),
        ("拘役", Some(3), Some(4), Some(1000.0))
    );
    assert!(sun.circumstances.iter().any(|c| c.value == "坦白"));
    assert!(!zhao.circumstances.iter().any(|c| c.value == "坦白"), "坦白 is stated of 孙某某 only");

    let victims: Vec<_> = ex
        .persons
        .iter()
        .filter(|p| p.role == "victim")
        .map(|p| p.name.as_ref().unwrap().value.as_str())
        .collect();
    assert_eq!(victims, ["刘某某", "孙某甲"]);

    let c = &ex.case;
    assert_eq!(c.doc_number.as_ref().unwrap().value, "京朝检刑诉〔2023〕123号");
    assert_eq!(c.procuratorate.as_ref().unwrap().value, "北京市朝阳区人民检察院");
    assert_eq!(c.investigating_agency.as_ref().unwrap().value, "北京市公安局朝阳分局");
    assert_eq!(c.transfer_date.as_ref().unwrap().value.to_string(), "2023-08-10");
    assert_eq!(c.returns.iter().map(|r| r.value.to_string()).collect::<Vec<_>>(), ["2023-09-05"]);
    assert_eq!(c.procedure.as_ref().unwrap().value, "简易");
    assert_eq!(c.date.as_ref().unwrap().value.to_string(), "2023-10-20", "二〇二三年十月二十日");
    assert_eq!(c.amount.as_ref().unwrap().value, 6850.0);

    // Flat elements: amounts with roles, a statute, the document number.
    let amounts: Vec<_> = ex
        .elements
        .iter()
        .filter(|e| e.kind == "amount")
        .map(|e| (e.role.as_deref(), e.value.as_f64()))
        .collect();
    assert!(amounts.contains(&(Some("value"), Some(3650.0))), "{amounts:?}");
    assert!(amounts.contains(&(Some("stolen_money"), Some(1200.0))), "{amounts:?}");
    assert!(amounts.contains(&(Some("fine"), Some(5000.0))), "{amounts:?}");
    assert!(values(&ex, "statute").contains(&&serde_json::json!("刑法第264条")));
}

#[test]
fn drunk_driving_indictment() {
    let text = fixture("起诉书-醉驾.txt");
    let ex = extract_text(&text);
    assert_spans(&text, &ex.elements);
    let p = &ex.persons[0];
    assert_eq!(p.name.as_ref().unwrap().value, "钱志强");
    assert_eq!(p.education.as_ref().unwrap().value, "大学本科");
    assert_eq!(p.occupation.as_ref().unwrap().value, "北京某科技有限公司职员");
    assert_eq!(p.blood_alcohol.as_ref().unwrap().value, 168.3, "blood, not the breath test");
    assert_eq!(p.charges.iter().map(|c| c.value.as_str()).collect::<Vec<_>>(), ["危险驾驶罪"]);
    assert!(p.statutes.iter().any(|s| s.value == "刑法第133条之一第1款第2项"));
    let s = &p.sentence.as_ref().unwrap().value;
    assert_eq!(
        (s.penalty.as_str(), s.min_months, s.probation_months, s.fine),
        ("拘役", Some(2), Some(3), Some(4000.0))
    );
    assert_eq!(
        p.measures.iter().map(|m| m.value.kind.as_str()).collect::<Vec<_>>(),
        ["取保候审", "取保候审"]
    );
    assert_eq!(p.offense_date.as_ref().unwrap().value.to_string(), "2023-11-03");
    assert_eq!(ex.case.procedure.as_ref().unwrap().value, "速裁");
    assert_eq!(ex.case.transfer_date.as_ref().unwrap().value.to_string(), "2023-12-04");
}

#[test]
fn cail_style_fact_sentence() {
    let t = "3、2017年8月10日左右的一天13时许，被告人黄某某在浙江**领带服饰有限公司宿舍一楼，从郭某某停放的电动自行车储物箱内，窃得“lovme”牌手机一只，计价值人民币285元。";
    let ex = extract_text(t);
    assert_spans(t, &ex.elements);
    let has = |kind: &str, role: Option<&str>, text: &str| {
        ex.elements.iter().any(|e| e.kind == kind && e.role.as_deref() == role && e.text == text)
    };
    assert!(has("person", Some("suspect"), "黄某某"), "{:?}", ex.elements);
    assert!(has("person", Some("victim"), "郭某某"));
    assert!(has("time", None, "2017年8月10日左右的一天13时许"));
    assert!(has("place", None, "浙江**领带服饰有限公司宿舍一楼"));
    assert!(has("item", Some("stolen"), "“lovme”牌手机一只"));
    assert!(has("amount", Some("value"), "人民币285元"));
}

#[test]
fn malformed_and_hostile_text_does_not_panic() {
    for t in [
        "",
        "被告人",
        "被告人，男，",
        "二〇二三年十三月",
        "判处有期徒刑",
        "《中华人民共和国刑法》第",
        "某某某某某某",
        "😀被害人😀某",
    ] {
        let ex = extract_text(t);
        assert_spans(t, &ex.elements);
    }
    let long = "被告人张某某伙同李某窃得手机一部，价值人民币1000元。".repeat(500);
    let ex = extract_text(&long);
    assert_spans(&long, &ex.elements);
}

#[test]
fn real_cail_sentences_have_valid_spans() {
    let Ok(data) = std::fs::read_to_string("../shared/data/cail2021-theft-ie/dev.jsonl") else {
        eprintln!("skipped: ../shared/data/cail2021-theft-ie/dev.jsonl is absent");
        return;
    };
    for line in data.lines().take(200) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let t = v["context"].as_str().unwrap();
        assert_spans(t, &extract_text(t).elements);
    }
}

/// In a document the learned tagger redraws only the facts section; everything outside it is the
/// rules' output, unchanged (the tagger reads headings and evidence lists as items and places).
#[test]
fn the_tagger_reads_only_a_documents_facts_section() {
    use anguan::extract::{ExtractOptions, extract_document, extract_document_with};
    use anguan::ingest::{Limits, SectionKind, read_file};
    let doc =
        read_file(std::path::Path::new("corpus/2023-盗窃-001/起诉书.docx"), &Limits::default()).unwrap();
    let facts = doc.section(SectionKind::Facts).expect("a facts section").clone();
    let rules = extract_document(&doc);
    let tagged = extract_document_with(&doc, ExtractOptions { tagger: true });
    assert_spans(&doc.text, &tagged.elements);
    let outside = |ex: &Extraction| -> Vec<Element> {
        ex.elements.iter().filter(|e| e.end <= facts.start || e.start >= facts.end).cloned().collect()
    };
    assert_eq!(outside(&rules), outside(&tagged));
    assert!(tagged.elements.iter().any(|e| e.kind == "item" && e.start >= facts.start && e.end <= facts.end));
    // A custody clause before the name is not part of it: 现羁押于[北京市朝阳区看守所].
    let orgs: Vec<&str> =
        rules.elements.iter().filter(|e| e.kind == "organization").map(|e| e.text.as_str()).collect();
    assert!(orgs.contains(&"北京市朝阳区看守所"), "{orgs:?}");
    assert!(orgs.iter().all(|o| !o.contains("羁押")), "{orgs:?}");
}
