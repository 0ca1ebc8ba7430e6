//! Checklists on whole documents: the fictitious fixtures of tests/fixtures/checklist/ (made by
//! tests/fixtures/make_checklist_fixtures.py), the five contradictions of the issue with facts built
//! by hand (as the extraction stage would give them), the JSON of spec §6, and pack loading errors.

use anguan::checklist::{self, ChecklistReport, DocumentChecklist, Pack, Packs, Verdict};
use anguan::extract::{CaseFacts, Extraction, Fact, PersonFacts, SentenceFact};
use anguan::ingest::{Document, Format};
use anguan::span::{CharIndex, Span};

fn fixture(name: &str) -> Document {
    let path = format!("{}/tests/fixtures/checklist/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let mut doc = Document::from_text(name, Format::Txt, text, 1);
    // These tests are about the packs, not the section splitter: look in the whole text.
    doc.sections.clear();
    doc
}

fn packs() -> Packs {
    Packs::load_embedded().unwrap_or_else(|e| panic!("{e}"))
}

/// A fact whose span is the first occurrence of `needle` in `text`.
fn fact<T>(text: &str, needle: &str, value: T) -> Fact<T> {
    let idx = CharIndex::new(text);
    let b = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in the text"));
    Fact { value, span: idx.span_of_bytes(b, b + needle.len()) }
}

fn verdict<'a>(cl: &'a DocumentChecklist, id: &str) -> &'a checklist::ElementVerdict {
    cl.elements.iter().find(|e| e.id == id).unwrap_or_else(|| panic!("no element {id} in {:?}", cl.packs))
}

fn assert_evidence_is_text(doc: &Document, cl: &DocumentChecklist) {
    let idx = CharIndex::new(&doc.text);
    for e in &cl.elements {
        for s in &e.evidence {
            assert_eq!(
                idx.slice(s.start, s.end),
                s.text,
                "{}: evidence offsets are not character offsets",
                e.id
            );
        }
    }
}

#[test]
fn theft_indictment_states_every_required_element() {
    let doc = fixture("起诉书_盗窃.txt");
    let cl = checklist::check_document(&doc, &Extraction::default(), &packs());
    assert_eq!(cl.doc_type.as_deref(), Some("起诉书"));
    assert_eq!(cl.charges, ["盗窃罪"]);
    assert_eq!(cl.packs, ["起诉书", "盗窃罪", "量刑情节"]);
    let missing: Vec<&str> = cl
        .elements
        .iter()
        .filter(|e| e.required && e.verdict != Verdict::Supported)
        .map(|e| e.id.as_str())
        .collect();
    assert!(missing.is_empty(), "required elements not supported: {missing:?}");
    assert!(cl.issues().is_empty());
    let amount = verdict(&cl, "theft.amount");
    assert!(amount.evidence[0].text.contains("价格认定"), "{amount:?}");
    assert_eq!(verdict(&cl, "theft.form").verdict, Verdict::Supported); // 扒窃、入户盗窃
    assert_eq!(verdict(&cl, "circumstances.recidivism").verdict, Verdict::Supported);
    assert_eq!(verdict(&cl, "circumstances.forgiveness").verdict, Verdict::Supported);
    assert_eq!(verdict(&cl, "circumstances.surrender").verdict, Verdict::Missing); // 抓获, not 投案
    assert_evidence_is_text(&doc, &cl);
}

#[test]
fn every_fixture_of_a_known_type_has_its_required_elements() {
    let packs = packs();
    for (name, pack) in [
        ("起诉书_醉驾.txt", "起诉书"),
        ("量刑建议书_盗窃.txt", "量刑建议书"),
        ("认罪认罚具结书_醉驾.txt", "认罪认罚具结书"),
        ("不起诉决定书_伤害.txt", "不起诉决定书"),
        ("起诉意见书_诈骗.txt", "起诉意见书"),
    ] {
        let doc = fixture(name);
        let cl = checklist::check_document(&doc, &Extraction::default(), &packs);
        assert_eq!(cl.packs.first().map(String::as_str), Some(pack), "{name}");
        let issues: Vec<&str> = cl.issues().iter().map(|e| e.id.as_str()).collect();
        assert!(issues.is_empty(), "{name}: {issues:?}");
        assert_evidence_is_text(&doc, &cl);
    }
}

/// The facts of the contradictory 醉驾 indictment: BAC 62.5, 第一百三十三条, 有期徒刑六个月.
fn drunk_facts(text: &str) -> Extraction {
    let sentence = SentenceFact {
        kind: Some("确定刑".into()),
        penalty: "有期徒刑".into(),
        min_months: Some(6),
        max_months: Some(6),
        probation: false,
        probation_months: None,
        fine: Some(4000.0),
    };
    let person = PersonFacts {
        role: "suspect".into(),
        name: Some(fact(text, "钱某某", "钱某某".to_string())),
        charges: vec![fact(text, "危险驾驶罪", "危险驾驶罪".to_string())],
        statutes: vec![
            fact(text, "第一百三十三条", "刑法第133条".to_string()),
            fact(text, "第六十七条第三款", "刑法第67条第3款".to_string()),
            fact(text, "第十五条", "刑事诉讼法第15条".to_string()),
        ],
        blood_alcohol: Some(fact(text, "62.5mg/100ml", 62.5)),
        sentence: Some(fact(text, "有期徒刑六个月", sentence)),
        plea: Some(fact(text, "自愿认罪认罚", true)),
        ..Default::default()
    };
    Extraction { persons: vec![person], ..Default::default() }
}

#[test]
fn drunk_driving_contradictions_blood_alcohol_penalty_and_article() {
    let doc = fixture("起诉书_醉驾_矛盾.txt");
    let ex = drunk_facts(&doc.text);
    let cl = checklist::check_document(&doc, &ex, &packs());
    assert_eq!(cl.packs, ["起诉书", "危险驾驶罪", "量刑情节"]);

    let bac = verdict(&cl, "drunk_driving.blood_alcohol");
    assert_eq!(bac.verdict, Verdict::Contradicted);
    assert!(bac.reason.contains("62.5") && bac.reason.contains("80"), "{}", bac.reason);
    assert_eq!(bac.evidence[0].text, "62.5mg/100ml");

    let penalty = verdict(&cl, "drunk_driving.penalty");
    assert_eq!(penalty.verdict, Verdict::Contradicted);
    assert!(penalty.reason.contains("有期徒刑"), "{}", penalty.reason);
    assert_eq!(penalty.evidence[0].text, "有期徒刑六个月");

    for id in ["drunk_driving.statute", "indictment.statute"] {
        let st = verdict(&cl, id);
        assert_eq!(st.verdict, Verdict::Contradicted, "{id}");
        assert_eq!(st.reason, "危险驾驶罪应援引刑法第133条之一，文书援引刑法第133条", "{id}");
        assert!(st.evidence.iter().any(|s| s.text == "第一百三十三条"), "{id}: {:?}", st.evidence);
    }
    // 认罪认罚 cites 刑诉法第15条: consistent.
    assert_eq!(verdict(&cl, "circumstances.plea").verdict, Verdict::Supported);

    let issues: Vec<&str> = cl.issues().iter().map(|e| e.id.as_str()).collect();
    for id in [
        "drunk_driving.blood_alcohol",
        "drunk_driving.penalty",
        "drunk_driving.statute",
        "indictment.statute",
    ] {
        assert!(issues.contains(&id), "{id} not among the issues {issues:?}");
    }
    assert_evidence_is_text(&doc, &cl);
}

#[test]
fn the_consistent_indictment_with_its_facts_has_no_contradiction() {
    let doc = fixture("起诉书_醉驾.txt");
    let text = &doc.text;
    let sentence = SentenceFact {
        kind: None,
        penalty: "拘役".into(),
        min_months: Some(2),
        max_months: Some(2),
        probation: true,
        probation_months: Some(3),
        fine: Some(4000.0),
    };
    let person = PersonFacts {
        role: "suspect".into(),
        charges: vec![fact(text, "危险驾驶罪", "危险驾驶罪".to_string())],
        statutes: vec![
            fact(text, "第一百三十三条之一第一款第（二）项", "刑法第133条之一第1款第2项".to_string()),
            fact(text, "第十五条", "刑事诉讼法第15条".to_string()),
        ],
        blood_alcohol: Some(fact(text, "168.3mg/100ml", 168.3)),
        sentence: Some(fact(text, "拘役二个月", sentence)),
        plea: Some(fact(text, "自愿认罪认罚", true)),
        ..Default::default()
    };
    let ex = Extraction { persons: vec![person], ..Default::default() };
    let cl = checklist::check_document(&doc, &ex, &packs());
    let contradicted: Vec<&str> =
        cl.elements.iter().filter(|e| e.verdict == Verdict::Contradicted).map(|e| e.id.as_str()).collect();
    assert!(contradicted.is_empty(), "{contradicted:?}");
}

const SMALL_THEFT: &str = "某某区人民检察院\n起 诉 书\n\n被告人李某，男，无前科。因涉嫌盗窃罪，于2024年1月3日被取保候审。\n\
经依法审查查明：2024年1月2日10时许，被告人李某在某某超市内趁店员不备，窃取洗发水两瓶。经价格认定，\
价值人民币300元。\n本院认为，被告人李某系累犯，其行为触犯了《中华人民共和国刑法》第二百六十六条，\
应当以盗窃罪追究其刑事责任。";

#[test]
fn theft_contradictions_article_amount_threshold_and_recidivism_without_article_65() {
    let text = SMALL_THEFT;
    let doc = Document::from_text("起诉书.txt", Format::Txt, text.to_string(), 1);
    let person = PersonFacts {
        role: "suspect".into(),
        charges: vec![fact(text, "盗窃罪", "盗窃罪".to_string())],
        statutes: vec![fact(text, "第二百六十六条", "刑法第266条".to_string())],
        recidivist: Some(fact(text, "累犯", true)),
        ..Default::default()
    };
    let case = CaseFacts { amount: Some(fact(text, "300元", 300.0)), ..Default::default() };
    let ex = Extraction { persons: vec![person], case, ..Default::default() };
    let cl = checklist::check_document(&doc, &ex, &packs());

    let st = verdict(&cl, "theft.statute");
    assert_eq!(st.verdict, Verdict::Contradicted);
    assert_eq!(st.reason, "盗窃罪应援引刑法第264条，文书援引刑法第266条");

    let amount = verdict(&cl, "theft.amount");
    assert_eq!(amount.verdict, Verdict::Contradicted);
    assert!(amount.reason.starts_with("盗窃数额300元，低于数额较大的最低标准1000元"), "{}", amount.reason);
    let start = text.get(..text.find("300元").unwrap()).unwrap().chars().count();
    assert_eq!(amount.evidence, vec![Span { start, end: start + 4, text: "300元".into() }]);

    let rec = verdict(&cl, "circumstances.recidivism");
    assert_eq!(rec.verdict, Verdict::Contradicted);
    assert_eq!(rec.reason, "认定被告人系累犯，但未援引刑法第六十五条");
    assert_eq!(rec.evidence[0].text, "累犯");
}

#[test]
fn an_amount_below_the_threshold_is_no_contradiction_for_pickpocketing() {
    let text = SMALL_THEFT.replace("趁店员不备", "在公交车上扒窃");
    let doc = Document::from_text("起诉书.txt", Format::Txt, text.clone(), 1);
    let case = CaseFacts { amount: Some(fact(&text, "300元", 300.0)), ..Default::default() };
    let ex = Extraction { case, ..Default::default() };
    let cl = checklist::check_document(&doc, &ex, &packs());
    assert_eq!(verdict(&cl, "theft.amount").verdict, Verdict::Supported);
}

#[test]
fn nonprosecution_type_must_match_its_article() {
    let doc = fixture("不起诉决定书_伤害.txt");
    let text = doc.text.replace("第一百七十七条第二款", "第一百七十五条第四款");
    let doc = Document::from_text(&doc.file, Format::Txt, text.clone(), 1);
    let person = PersonFacts {
        role: "suspect".into(),
        disposal: Some(fact(&text, "不起诉", "酌定不起诉".to_string())),
        statutes: vec![fact(&text, "第一百七十五条第四款", "刑事诉讼法第175条第4款".to_string())],
        ..Default::default()
    };
    let ex = Extraction { persons: vec![person], ..Default::default() };
    let cl = checklist::check_document(&doc, &ex, &packs());
    let basis = verdict(&cl, "nonpros.basis");
    assert_eq!(basis.verdict, Verdict::Contradicted);
    assert_eq!(basis.reason, "酌定不起诉应依据刑事诉讼法第177条第2款，文书援引刑事诉讼法第175条第4款");
}

#[test]
fn charges_in_the_facts_choose_the_charge_packs_over_the_text() {
    let doc = fixture("起诉书_盗窃.txt");
    let person = PersonFacts {
        role: "suspect".into(),
        charges: vec![fact(&doc.text, "盗窃罪", "诈骗罪".to_string())],
        ..Default::default()
    };
    let ex = Extraction { persons: vec![person], ..Default::default() };
    let cl = checklist::check_document(&doc, &ex, &packs());
    assert_eq!(cl.charges, ["诈骗罪"]);
    assert_eq!(cl.packs, ["起诉书", "诈骗罪", "量刑情节"]);
}

#[test]
fn check_json_follows_spec_section_6() {
    let doc = fixture("起诉书_醉驾_矛盾.txt");
    let cl = checklist::check_document(&doc, &drunk_facts(&doc.text), &packs());
    let v = serde_json::to_value(ChecklistReport::new(vec![cl])).unwrap();
    assert_eq!(v["schema"], "anguan.checklist/1");
    let d = &v["documents"][0];
    assert_eq!(d["file"], "起诉书_醉驾_矛盾.txt");
    assert_eq!(d["type"], "起诉书");
    assert_eq!(d["charges"], serde_json::json!(["危险驾驶罪"]));
    assert_eq!(d["packs"], serde_json::json!(["起诉书", "危险驾驶罪", "量刑情节"]));
    let els = d["elements"].as_array().unwrap();
    let bac = els.iter().find(|e| e["id"] == "drunk_driving.blood_alcohol").unwrap();
    let keys: Vec<&str> = bac.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["evidence", "id", "name", "reason", "required", "verdict"]);
    assert_eq!(bac["verdict"], "contradicted");
    assert_eq!(bac["required"], true);
    let ev = &bac["evidence"][0];
    assert_eq!(ev["text"], "62.5mg/100ml");
    assert!(ev["start"].is_u64() && ev["end"].is_u64());
    for e in els {
        assert!(["supported", "missing", "contradicted"].contains(&e["verdict"].as_str().unwrap()));
    }
    let n = els.len();
    let back: ChecklistReport = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(back.documents[0].elements.len(), n);
}

#[test]
fn a_document_of_unknown_type_gets_no_document_pack() {
    let doc = Document::from_text("笔记.txt", Format::Txt, "今天天气很好。".into(), 1);
    let cl = checklist::check_document(&doc, &Extraction::default(), &packs());
    assert!(cl.doc_type.is_none());
    assert!(cl.packs.is_empty() && cl.elements.is_empty());
}

const VALID: &str = r#"
id = "demo"
kind = "document"
name = "演示"
[applies_to]
doc_types = ["起诉书"]
[[element]]
id = "court"
name = "此致法院"
required = true
cues = ['此致']
[element.examples]
pass = ["此致"]
fail = ["无"]
"#;

fn parse_err(text: &str) -> String {
    match Pack::parse("checklists/演示.toml", text) {
        Ok(_) => panic!("accepted:\n{text}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn pack_errors_name_the_file_and_the_element() {
    assert!(Pack::parse("checklists/演示.toml", VALID).is_ok());
    let e = parse_err(&VALID.replace("cues = ['此致']", "cues = ['此致[']"));
    assert!(
        e.contains("checklists/演示.toml") && e.contains("demo.court") && e.contains("bad pattern"),
        "{e}"
    );
    let e = parse_err(&VALID.replace("fail = [\"无\"]", ""));
    assert!(e.contains("demo.court") && e.contains("`fail`"), "{e}");
    let e = parse_err(&VALID.replace("required = true", "requird = true"));
    assert!(e.contains("checklists/演示.toml") && e.contains("requird"), "{e}");
    let e = parse_err(&VALID.replace("\"起诉书\"", "\"起诉状\""));
    assert!(e.contains("起诉状") && e.contains("unknown document type"), "{e}");
    let e = parse_err(&VALID.replace("required = true", "required = true\nsection = \"body\""));
    assert!(e.contains("demo.court") && e.contains("unknown section"), "{e}");
    let e = parse_err(
        &VALID.replace("[element.examples]", "[[element.check]]\nkind = \"amount_ok\"\n[element.examples]"),
    );
    assert!(e.contains("demo.court") && e.contains("check 1") && e.contains("amount_ok"), "{e}");
    let e = parse_err(&VALID.replace(
        "[element.examples]",
        "[[element.check]]\nkind = \"number_at_least\"\nfact = \"bac\"\nmin = 80\n[element.examples]",
    ));
    assert!(e.contains("unknown fact") && e.contains("blood_alcohol"), "{e}");
    let e = parse_err(&VALID.replace(
        "[element.examples]",
        "[[element.check]]\nkind = \"penalty_not\"\npenalty = \"有期徒刑\"\n[element.examples]",
    ));
    assert!(e.contains("contradicted"), "{e}");
    let e = parse_err(&VALID.replace("kind = \"document\"", "kind = \"charge\""));
    assert!(e.contains("charge pack needs"), "{e}");
}

#[test]
fn load_dir_reads_every_toml_and_rejects_duplicates_and_empty_folders() {
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(Packs::load_dir(dir.path()), Err(checklist::PackError::Empty(_))));
    std::fs::write(dir.path().join("a.toml"), VALID).unwrap();
    std::fs::write(dir.path().join("说明.md"), "不是清单").unwrap();
    let packs = Packs::load_dir(dir.path()).unwrap();
    assert_eq!(packs.packs.len(), 1);
    std::fs::write(dir.path().join("b.toml"), VALID).unwrap();
    let e = Packs::load_dir(dir.path()).unwrap_err().to_string();
    assert!(e.contains("b.toml") && e.contains("already used"), "{e}");
}

#[test]
fn negated_cues_do_not_support_an_element() {
    let text = "某某区人民检察院\n起 诉 书\n被告人王某某未取得被害人谅解，亦不构成自首。";
    let doc = Document::from_text("起诉书.txt", Format::Txt, text.into(), 1);
    let cl = checklist::check_document(&doc, &Extraction::default(), &packs());
    assert_eq!(verdict(&cl, "circumstances.forgiveness").verdict, Verdict::Missing);
    assert_eq!(verdict(&cl, "circumstances.surrender").verdict, Verdict::Missing);
}

/// Real public judgments (../shared/data/judgments-lecardv2): every document is checked without
/// a panic, evidence offsets hold, and charge packs are selected from the text.
#[test]
fn real_judgments_are_checked_with_consistent_evidence() {
    // ../shared/data beside the checkout (CI, main); ../../shared/data from a helper worktree.
    let root = env!("CARGO_MANIFEST_DIR");
    let rel = "shared/data/judgments-lecardv2/test_query.json";
    let Some(data) = [format!("{root}/../{rel}"), format!("{root}/../../{rel}")]
        .iter()
        .find_map(|p| std::fs::read_to_string(p).ok())
    else {
        eprintln!("SKIP: ../{rel} is absent (real judgments are in ../shared/data)");
        return;
    };
    let packs = packs();
    let (mut docs, mut with_charge_pack) = (0, 0);
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let text = v["query"].as_str().unwrap_or_default().to_string();
        let doc = Document::from_text("判决书.txt", Format::Txt, text, 1);
        let cl = checklist::check_document(&doc, &Extraction::default(), &packs);
        assert_evidence_is_text(&doc, &cl);
        docs += 1;
        if cl.packs.len() > 1 {
            with_charge_pack += 1;
        }
    }
    eprintln!("{docs} judgments, {with_charge_pack} with a charge pack");
    assert!(docs >= 100);
}

/// The 起诉书 of a card seller: arrested as suspected of 诈骗罪, charged with 帮信 (改变定性).
const CHANGED_CHARGE: &str = "某某区人民检察院\n起 诉 书\n被告人陈某，男。因涉嫌诈骗罪，于2023年1月6日被刑事拘留。\n\
经依法审查查明：被告人陈某明知他人利用信息网络实施犯罪，将其3张银行卡出售给他人。\n本院认为，被告人陈某\
的行为触犯了《中华人民共和国刑法》第二百八十七条之二第一款，应当以帮助信息网络犯罪活动罪追究其刑事责任。";

#[test]
fn a_charge_only_suspected_gives_way_to_the_charge_found() {
    let text = CHANGED_CHARGE;
    let doc = Document::from_text("起诉书.txt", Format::Txt, text.to_string(), 1);
    // Without facts: the concluding phrase wins over 涉嫌.
    let cl = checklist::check_document(&doc, &Extraction::default(), &packs());
    assert_eq!(cl.charges, ["帮助信息网络犯罪活动罪"]);
    // With facts naming both (as an extractor reading every mention does): the suspected one is
    // dropped, and its article is no contradiction.
    let person = PersonFacts {
        role: "suspect".into(),
        charges: vec![
            fact(text, "诈骗罪", "诈骗罪".to_string()),
            fact(text, "帮助信息网络犯罪活动罪", "帮助信息网络犯罪活动罪".to_string()),
        ],
        statutes: vec![fact(text, "第二百八十七条之二第一款", "刑法第287条之二第1款".to_string())],
        ..Default::default()
    };
    let ex = Extraction { persons: vec![person], ..Default::default() };
    let cl = checklist::check_document(&doc, &ex, &packs());
    assert_eq!(cl.charges, ["帮助信息网络犯罪活动罪"]);
    assert_eq!(cl.packs, ["起诉书", "帮助信息网络犯罪活动罪", "量刑情节"]);
    assert_eq!(verdict(&cl, "indictment.statute").verdict, Verdict::Supported);
    assert_eq!(verdict(&cl, "helping.statute").verdict, Verdict::Supported);
}

#[test]
fn a_police_opinion_keeps_its_suspected_charge() {
    let doc = fixture("起诉意见书_诈骗.txt");
    let cl = checklist::check_document(&doc, &Extraction::default(), &packs());
    assert_eq!(cl.charges, ["诈骗罪"]);
    assert_eq!(cl.packs, ["起诉意见书", "诈骗罪", "量刑情节"]);
}

/// The bundled corpus (corpus/<case>/, with truth.json): every injected `checklist` finding is an
/// issue of one of the case's documents, and the DOCX/TXT documents have no other issue. PDF
/// documents are read when the PDF reader can; their extra issues are printed, not asserted (their
/// text depends on the reader's layout).
#[test]
fn bundled_corpus_gives_the_expected_checklist_issues() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let Ok(entries) = std::fs::read_dir(&root) else {
        eprintln!("SKIP: no corpus/ folder");
        return;
    };
    let mut cases: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect();
    cases.sort();
    let packs = packs();
    let limits = anguan::ingest::Limits::default();
    let (mut documents, mut unreadable, mut expected_found) = (0, 0, 0);
    let mut unexpected = Vec::new();
    for case in &cases {
        let truth: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(case.join("truth.json")).unwrap()).unwrap();
        let expected: Vec<String> = truth["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["kind"] == "checklist")
            .map(|f| f["field"].as_str().unwrap().to_string())
            .collect();
        let mut found: Vec<String> = Vec::new();
        let unreadable_before = unreadable;
        let mut files: Vec<_> =
            std::fs::read_dir(case).unwrap().filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for f in
            files.iter().filter(|f| f.extension().is_some_and(|x| x == "docx" || x == "pdf" || x == "txt"))
        {
            let Ok(doc) = anguan::ingest::read_file(f, &limits) else {
                unreadable += 1;
                continue;
            };
            documents += 1;
            let ex = anguan::extract::extract_document(&doc);
            for issue in checklist::check_document(&doc, &ex, &packs).issues() {
                found.push(issue.id.clone());
                if !expected.contains(&issue.id) {
                    let name = f.strip_prefix(&root).unwrap().display().to_string();
                    let is_pdf = f.extension().is_some_and(|x| x == "pdf");
                    unexpected.push((
                        is_pdf,
                        format!("{name}: {} {:?} ({})", issue.id, issue.verdict, issue.reason),
                    ));
                }
            }
        }
        for id in &expected {
            if found.contains(id) {
                expected_found += 1;
            } else if unreadable > unreadable_before {
                eprintln!("{}: {id} not found; a document of the case could not be read", case.display());
            } else {
                panic!("{}: expected checklist issue {id} not found", case.display());
            }
        }
    }
    eprintln!(
        "{} cases, {documents} documents read ({unreadable} unreadable), {expected_found} expected issues found",
        cases.len()
    );
    for (_, u) in unexpected.iter().filter(|(pdf, _)| *pdf) {
        eprintln!("PDF, not asserted: {u}");
    }
    let wrong: Vec<&String> = unexpected.iter().filter(|(pdf, _)| !pdf).map(|(_, u)| u).collect();
    assert!(wrong.is_empty(), "unexpected checklist issues:\n{wrong:#?}");
    assert!(expected_found >= 2);
}

const CHARGE_PACK: &str = r#"
id = "demo_theft"
kind = "charge"
name = "盗窃罪"
[applies_to]
charges = ["盗窃罪"]
[[element]]
id = "purpose"
name = "非法占有目的"
cues = ['窃取']
[element.examples]
pass = ["窃取"]
fail = ["无"]
"#;

#[test]
fn charge_packs_take_articles_and_other_names_from_the_charge_table() {
    let pack = Pack::parse("checklists/演示.toml", CHARGE_PACK).unwrap();
    assert_eq!(
        (pack.charges.as_slice(), pack.statutes.as_slice()),
        (&["盗窃罪".to_string()][..], &["刑法第264条".to_string()][..])
    );
    let packs = packs();
    let drugs = packs.packs.iter().find(|p| p.id == "drugs").unwrap();
    assert_eq!(drugs.charges[0], "走私、贩卖、运输、制造毒品罪");
    assert_eq!(drugs.statutes, ["刑法第347条"]);
    assert!(drugs.charges.iter().any(|c| c == "贩卖、运输毒品罪"), "forms come from charges.toml");
    let concealment = packs.packs.iter().find(|p| p.id == "concealment").unwrap();
    assert!(concealment.charges.iter().any(|c| c == "掩饰、隐瞒犯罪所得罪"), "aliases ending in 罪 too");
    assert!(!concealment.charges.iter().any(|c| c == "掩隐"), "but not short names");
    for p in packs.packs.iter().filter(|p| p.kind == checklist::pack::PackKind::Charge) {
        assert_eq!(p.statutes.len(), 1, "{}: {:?}", p.id, p.statutes);
    }
}

#[test]
fn a_pack_naming_a_charge_the_charge_table_does_not_know_is_refused() {
    let e = parse_err(&CHARGE_PACK.replace("charges = [\"盗窃罪\"]", "charges = [\"偷东西罪\"]"));
    assert!(
        e.contains("checklists/演示.toml") && e.contains("偷东西罪") && e.contains("charges.toml"),
        "{e}"
    );
    // A pack still stating articles is told where they come from now.
    let e = parse_err(&CHARGE_PACK.replace("[applies_to]", "statutes = [\"刑法第264条\"]\n[applies_to]"));
    assert!(e.contains("statutes") && e.contains("charges.toml"), "{e}");
}
