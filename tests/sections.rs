//! Document type, 文号 and sections on fictitious documents of every procuratorate type
//! (tests/fixtures/sections/*.txt) and on the 160 real judgments of
//! ../shared/data/judgments-lecardv2.

use std::path::{Path, PathBuf};

use anguan::ingest::{DocType, Document, Format, Section, SectionKind};
use anguan::span::CharIndex;

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sections").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The first `n` characters of a section.
fn head(text: &str, s: &Section, n: usize) -> String {
    CharIndex::new(text).slice(s.start, s.end).chars().take(n).collect()
}

fn starts(doc: &Document) -> Vec<(SectionKind, String)> {
    doc.sections.iter().map(|s| (s.kind, head(&doc.text, s, 12))).collect()
}

fn check_sections(doc: &Document) {
    let mut prev = 0;
    for s in &doc.sections {
        assert!(s.start >= prev && s.end > s.start && s.end <= doc.chars, "{:?} in {}", s, doc.file);
        prev = s.end;
    }
}

/// The real judgments: `../shared/data/judgments-lecardv2` beside the checkout (or beside the
/// folder of worktrees); `None` (and a message) when absent.
fn lecard() -> Option<PathBuf> {
    let base = Path::new(env!("CARGO_MANIFEST_DIR"));
    let found = ["../shared/data/judgments-lecardv2", "../../shared/data/judgments-lecardv2"]
        .iter()
        .map(|p| base.join(p).join("test_query.json"))
        .find(|p| p.is_file());
    if found.is_none() {
        eprintln!("SKIPPED: ../shared/data/judgments-lecardv2 is absent (real judgment test data)");
    }
    found
}

#[test]
fn lecard_judgments_facts_found() {
    let Some(path) = lecard() else { return };
    let data = std::fs::read_to_string(&path).unwrap();
    let dump = std::env::var_os("SECTIONS_DUMP").is_some();
    let (mut n, mut typed, mut numbered, mut facts, mut facts_at_cue, mut evidence) = (0, 0, 0, 0, 0, 0);
    let (mut reasoning_present, mut reasoning, mut completed) = (0, 0, 0);
    let facts_cues = [
        "经审理查明",
        "审理查明",
        "公诉机关指控",
        "检察院指控",
        "检察院起诉指控",
        "原判认定",
        "原审判决认定",
        "人民法院认定",
        "经本院审理查明",
        "公诉机关起诉指控",
        "经二审审理查明",
        "法院判决认定",
    ];
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let id = v["id"].to_string();
        let text = v["query"].as_str().unwrap().to_string();
        let doc = Document::from_text(&format!("{id}.txt"), Format::Txt, text, 1);
        check_sections(&doc);
        n += 1;
        typed += usize::from(matches!(doc.doc_type, Some(DocType::Judgment | DocType::Ruling)));
        numbered += usize::from(doc.doc_number.is_some());
        if let Some(s) = doc.section(SectionKind::Facts) {
            facts += 1;
            let h = head(&doc.text, s, 40);
            // the facts start at a facts cue (allowing the place name before 人民检察院指控)
            if facts_cues.iter().any(|c| h.contains(c)) {
                facts_at_cue += 1;
            } else if dump {
                eprintln!("FACTS-OFF {id} {h}");
            }
        }
        evidence += usize::from(doc.section(SectionKind::Evidence).is_some());
        if doc.text.contains("本院认为") || doc.text.contains("判决理由") {
            reasoning_present += 1;
            reasoning += usize::from(doc.section(SectionKind::Reasoning).is_some());
        }
        // The same judgment completed with a (fictitious) reasoning, decision and signature: the
        // splitter must find them where they are and keep the facts.
        let tail = "本院认为，被告人某某的行为已构成犯罪，依法应予惩处。依照《中华人民共和国刑法》第六十七条第三款之规定，判决如下：被告人某某犯某某罪，判处有期徒刑一年。如不服本判决，可在接到判决书的第二日起十日内提出上诉。审判员　张某某　二〇二〇年一月二日　书记员　李某";
        let full = Document::from_text("full.txt", Format::Txt, format!("{}{tail}", doc.text), 1);
        check_sections(&full);
        let at = |k: SectionKind| full.section(k).map(|s| head(&full.text, s, 4));
        // (three judgments already end with a 判决理由 part, which then holds the tail's 本院认为)
        if matches!(at(SectionKind::Reasoning).as_deref(), Some("本院认为" | "判决理由"))
            && at(SectionKind::Decision).as_deref() == Some("依照《中")
            && at(SectionKind::Closing).as_deref() == Some("审判员　")
            && full.section(SectionKind::Facts).map(|s| s.start)
                == doc.section(SectionKind::Facts).map(|s| s.start)
        {
            completed += 1;
        } else if dump {
            eprintln!("INCOMPLETE {id} {:?}", starts(&full));
        }
        if dump {
            eprintln!(
                "{id} {:?} {:?} {:?}",
                doc.doc_type,
                doc.doc_number.as_ref().map(|s| &s.text),
                starts(&doc)
            );
        }
    }
    let pct = |a: usize, b: usize| if b == 0 { 100.0 } else { 100.0 * a as f64 / b as f64 };
    eprintln!(
        "lecardv2: {n} judgments; type {typed} ({:.1}%), 案号 {numbered} ({:.1}%), facts {facts} ({:.1}%), \
         facts starting at a facts cue {facts_at_cue}, evidence {evidence} ({:.1}%); reasoning cue \
         (本院认为/判决理由) present in {reasoning_present}, reasoning found in {reasoning}; completed with reasoning, decision and signature: all three found \
         and facts unchanged in {completed}",
        pct(typed, n),
        pct(numbered, n),
        pct(facts, n),
        pct(evidence, n)
    );
    assert_eq!(n, 160);
    assert!(pct(facts, n) >= 95.0, "facts found in {facts}/{n}");
    assert!(pct(facts_at_cue, facts) >= 95.0, "facts at a cue in {facts_at_cue}/{facts}");
    assert!(pct(typed, n) >= 95.0, "type in {typed}/{n}");
    // The texts stop before 本院认为 (LeCaRD queries are the judgment up to the reasoning), so
    // reasoning is measured where the text has it.
    assert!(pct(reasoning, reasoning_present) >= 95.0, "reasoning {reasoning}/{reasoning_present}");
    assert!(pct(completed, n) >= 95.0, "completed judgments split right in {completed}/{n}");
}

use SectionKind::{
    Attachments as A, Closing as C, Decision as D, Evidence as E, Facts as F, Header as H, Parties as P,
    Procedure as R, Reasoning as N,
};

/// (fixture, type, 文号, sections: kind and the first characters of each).
type Case = (&'static str, DocType, Option<&'static str>, &'static [(SectionKind, &'static str)]);

const CASES: &[Case] = &[
    (
        "起诉意见书.txt",
        DocType::ProsecutionOpinion,
        Some("京公朝诉字〔2023〕501号"),
        &[
            (H, "北京市公安局朝阳分局"),
            (P, "犯罪嫌疑人张某某，男"),
            (R, "犯罪嫌疑人张某某涉嫌盗窃一案，由被害人"),
            (F, "经依法侦查查明"),
            (E, "认定上述事实的证据如下"),
            (N, "综上所述，犯罪嫌疑人"),
            (D, "依照《中华人民共和国刑事诉讼法》第一百六十二条"),
            (C, "此致"),
            (A, "附：1.本案卷宗"),
        ],
    ),
    (
        "提请批准逮捕书.txt",
        DocType::ArrestRequest,
        Some("京公朝提捕字〔2023〕388号"),
        &[
            (H, "北京市公安局朝阳分局"),
            (P, "犯罪嫌疑人张某某，男"),
            (R, "犯罪嫌疑人张某某涉嫌盗窃一案"),
            (F, "经依法侦查查明"),
            (E, "认定上述事实的证据如下"),
            (N, "综上所述"),
            (D, "依照《中华人民共和国刑事诉讼法》第八十一条"),
            (C, "此致"),
            (A, "附：1.本案卷宗"),
        ],
    ),
    (
        "批准逮捕决定书.txt",
        DocType::ArrestApproval,
        Some("京朝检批捕〔2023〕88号"),
        &[
            (H, "北京市朝阳区人民检察院"),
            (R, "你局于2023年6月16日以京公朝提捕字"),
            (N, "经本院审查认为"),
            (D, "决定批准逮捕犯罪嫌疑人张某某"),
            (C, "北京市朝阳区人民检察院\n二〇二三年六月二十日"),
        ],
    ),
    (
        "不批准逮捕决定书.txt",
        DocType::ArrestRefusal,
        Some("京朝检不批捕〔2023〕17号"),
        &[
            (H, "北京市朝阳区人民检察院"),
            (R, "你局于2023年7月3日"),
            (N, "经本院审查认为"),
            (D, "决定不批准逮捕犯罪嫌疑人王某"),
            (C, "北京市朝阳区人民检察院\n二〇二三年七月九日"),
        ],
    ),
    (
        "量刑建议书.txt",
        DocType::SentencingRecommendation,
        Some("京朝检刑量建〔2023〕123号"),
        &[
            (H, "北京市朝阳区人民检察院"),
            (R, "被告人赵建国涉嫌盗窃罪一案，本院以"),
            (N, "经本院审查认为"),
            (D, "根据《中华人民共和国刑事诉讼法》第一百七十六条第二款"),
            (C, "此致"),
        ],
    ),
    (
        "认罪认罚具结书.txt",
        DocType::PleaAgreement,
        None,
        &[
            (H, "认罪认罚具结书"),
            (P, "一、犯罪嫌疑人身份信息"),
            (R, "二、权利知悉"),
            (D, "三、认罪认罚内容"),
            (C, "四、自愿签署声明"),
        ],
    ),
    (
        "不起诉决定书.txt",
        DocType::NonProsecution,
        Some("京朝检刑不诉〔2023〕9号"),
        &[
            (H, "北京市朝阳区人民检察院"),
            (P, "被不起诉人李某，女"),
            (R, "本案由北京市公安局朝阳分局侦查终结"),
            (F, "经本院依法审查查明"),
            (E, "上述事实，有被害人王某某的陈述"),
            (N, "本院认为，李某实施了"),
            (D, "依据《中华人民共和国刑事诉讼法》第一百七十七条第二款"),
            (C, "北京市朝阳区人民检察院\n二〇二三年九月十五日"),
        ],
    ),
    (
        "审查报告.txt",
        DocType::ReviewReport,
        Some("京朝检起诉受[2023]11010500012号"),
        &[
            (H, "北京市朝阳区人民检察院"),
            (P, "一、犯罪嫌疑人及其他诉讼参与人基本情况"),
            (R, "二、发、破案经过及诉讼过程"),
            (F, "三、侦查机关认定的犯罪事实与意见"),
            (E, "认定上述事实的证据如下"),
            (N, "六、需要说明的问题"),
            (D, "八、审查结论和处理意见"),
            (C, "承办检察官：陈静\n2023年10月15日"),
        ],
    ),
    (
        "起诉书_盗窃.txt",
        DocType::Indictment,
        Some("京朝检刑诉〔2023〕123号"),
        &[
            (H, "北京市朝阳区人民检察院\n起 诉 书"),
            (P, "被告人赵建国，男，1988年3月15日出生"),
            (R, "本案由北京市公安局朝阳分局侦查终结"),
            (F, "经依法审查查明："),
            (E, "认定上述事实的证据如下："),
            (N, "本院认为，被告人赵建国以非法占有为目的"),
            (D, "本院建议判处被告人赵建国有期徒刑一年二个月"),
            (C, "此致\n北京市朝阳区人民法院"),
            (A, "附件：1.被告人赵建国现羁押于"),
        ],
    ),
    (
        "起诉书_危险驾驶.txt",
        DocType::Indictment,
        Some("京朝检刑诉〔2023〕456号"),
        &[
            (H, "北京市朝阳区人民检察院"),
            (P, "被告人钱志强，男"),
            (R, "本案由北京市公安局朝阳分局侦查终结"),
            (F, "经依法审查查明"),
            (E, "认定上述事实的证据如下"),
            (N, "本院认为，被告人钱志强在道路上醉酒驾驶机动车"),
            (D, "本院建议判处被告人钱志强拘役二个月"),
            (C, "此致"),
            (A, "附件：1.被告人钱志强现取保候审"),
        ],
    ),
    (
        "刑事判决书.txt",
        DocType::Judgment,
        Some("（2023）京0105刑初1234号"),
        &[
            (H, "北京市朝阳区人民法院\n刑事判决书"),
            (P, "公诉机关北京市朝阳区人民检察院。\n被告人赵建国"),
            (R, "北京市朝阳区人民检察院以京朝检刑诉〔2023〕123号起诉书指控"),
            (F, "北京市朝阳区人民检察院指控，2023年5月28日"),
            (E, "上述事实，被告人赵建国在开庭审理过程中亦无异议"),
            (N, "本院认为，被告人赵建国"),
            (D, "依照《中华人民共和国刑法》第二百六十四条"),
            (C, "审判员　周　明"),
        ],
    ),
    (
        "刑事裁定书_二审.txt",
        DocType::Ruling,
        Some("（2024）京03刑终56号"),
        &[
            (H, "北京市第三中级人民法院\n刑事裁定书"),
            (P, "原公诉机关北京市朝阳区人民检察院。\n上诉人（原审被告人）赵建国"),
            (R, "北京市朝阳区人民法院审理北京市朝阳区人民检察院指控原审被告人"),
            (F, "原判认定：2023年5月28日"),
            (E, "认定上述事实的证据有："),
            // the first-instance 判决如下 quoted in the evidence part is not this ruling's decision
            (N, "本院认为，上诉人赵建国"),
            (D, "依照《中华人民共和国刑事诉讼法》第二百三十六条"),
            (C, "审判长　郑　华"),
        ],
    ),
];

/// Check one document against its case; `Err` with what differs.
fn check_case(doc: &Document, case: &Case) -> Result<(), String> {
    let (_, ty, number, sections) = case;
    check_sections(doc);
    let mut errors = Vec::new();
    if doc.doc_type != Some(*ty) {
        errors.push(format!("type {:?}, want {ty:?}", doc.doc_type));
    }
    let got_number = doc.doc_number.as_ref().map(|s| s.text.as_str());
    if got_number != *number {
        errors.push(format!("文号 {got_number:?}, want {number:?}"));
    }
    if let Some(n) = &doc.doc_number {
        assert_eq!(CharIndex::new(&doc.text).slice(n.start, n.end), n.text, "文号 span");
    }
    let kinds: Vec<SectionKind> = doc.sections.iter().map(|s| s.kind).collect();
    let want: Vec<SectionKind> = sections.iter().map(|(k, _)| *k).collect();
    if kinds != want {
        errors.push(format!("kinds {kinds:?}, want {want:?}"));
    }
    for (kind, prefix) in sections.iter() {
        let got = doc.section(*kind).map(|s| head(&doc.text, s, prefix.chars().count()));
        if got.as_deref() != Some(*prefix) {
            errors.push(format!("{kind:?} starts {got:?}, want {prefix:?}"));
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(errors.join("\n  ")) }
}

#[test]
fn fictitious_documents_of_every_type() {
    let mut failures = Vec::new();
    for case in CASES {
        let doc = Document::from_text("scan.txt", Format::Txt, fixture(case.0), 1);
        if let Err(e) = check_case(&doc, case) {
            failures.push(format!("{}:\n  {e}", case.0));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The same documents with their paragraph breaks lost (every line trimmed and joined, as in the
/// public one-line judgments): cue phrases, not line starts, still split them.
#[test]
fn fictitious_documents_on_one_line() {
    let mut failures = Vec::new();
    for case in CASES {
        let text: String = fixture(case.0).lines().map(str::trim).collect();
        let doc = Document::from_text("scan.txt", Format::Txt, text, 1);
        // the expected prefixes without their line breaks
        let prefixes: Vec<(SectionKind, String)> =
            case.3.iter().map(|(k, p)| (*k, p.lines().map(str::trim).collect())).collect();
        let leaked: Vec<(SectionKind, &'static str)> =
            prefixes.iter().map(|(k, p)| (*k, &*Box::leak(p.clone().into_boxed_str()))).collect();
        let one_line: Case = (case.0, case.1, case.2, Box::leak(leaked.into_boxed_slice()));
        if let Err(e) = check_case(&doc, &one_line) {
            failures.push(format!("{} (one line):\n  {e}", case.0));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The same documents wrapped like PDF text (a line break every 38 characters, mid-sentence):
/// sections start at the same places.
#[test]
fn fictitious_documents_wrapped_like_pdf() {
    let mut failures = Vec::new();
    for case in CASES {
        let mut text = String::new();
        for line in fixture(case.0).lines() {
            let chars: Vec<char> = line.chars().collect();
            for chunk in chars.chunks(38) {
                text.extend(chunk);
                text.push('\n');
            }
            if chars.is_empty() {
                text.push('\n');
            }
        }
        let doc = Document::from_text("scan.txt", Format::Txt, text, 1);
        check_sections(&doc);
        let unwrap = |s: &str| s.chars().filter(|&c| c != '\n').collect::<String>();
        let kinds: Vec<SectionKind> = doc.sections.iter().map(|s| s.kind).collect();
        let want: Vec<SectionKind> = case.3.iter().map(|(k, _)| *k).collect();
        if kinds != want || doc.doc_type != Some(case.1) {
            failures.push(format!("{}: {:?} {kinds:?}", case.0, doc.doc_type));
        }
        for (kind, prefix) in case.3 {
            let want = unwrap(prefix);
            let got = doc.section(*kind).map(|s| unwrap(&head(&doc.text, s, 80)));
            if !got.as_deref().is_some_and(|g| g.starts_with(&want)) {
                failures.push(format!("{} wrapped: {kind:?} starts {got:?}, want {want:?}", case.0));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Titles written with spaces, ideographic spaces or full-width characters, and a file name
/// that says otherwise: the title wins.
#[test]
fn spaced_titles_and_misleading_file_names() {
    for case in CASES {
        let text = fixture(case.0);
        let title = DocType::name(case.1);
        let spaced: String = title.chars().map(|c| format!("{c}\u{3000}")).collect();
        let text = text.replacen(title, spaced.trim_end(), 1);
        let doc = Document::from_text("起诉书.docx", Format::Txt, text, 1);
        if case.1 != DocType::Judgment {
            assert_eq!(doc.doc_type, Some(case.1), "{}", case.0);
        }
        let kinds: Vec<SectionKind> = doc.sections.iter().map(|s| s.kind).collect();
        assert_eq!(kinds, case.3.iter().map(|(k, _)| *k).collect::<Vec<_>>(), "{}", case.0);
    }
}

#[test]
fn file_name_is_the_fallback_for_untitled_text() {
    let doc =
        Document::from_text("案件1/量刑建议书.txt", Format::Txt, "建议判处被告人某某拘役二个月。".into(), 1);
    assert_eq!(doc.doc_type, Some(DocType::SentencingRecommendation));
    let doc = Document::from_text("notes.txt", Format::Txt, String::new(), 1);
    assert_eq!((doc.doc_type, doc.doc_number, doc.sections.len()), (None, None, 0));
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    /// Pieces of legal text, punctuation, whitespace and odd characters, to build hostile input
    /// that is full of cue fragments.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("本院认为".to_string()),
            Just("经审理查明：".to_string()),
            Just("公诉机关指控，".to_string()),
            Just("被告人张某，男，".to_string()),
            Just("此致".to_string()),
            Just("附件：1.".to_string()),
            Just("判决如下：".to_string()),
            Just("上述事实，有证据证实。".to_string()),
            Just("三、认罪认罚内容".to_string()),
            Just("京朝检刑诉〔2023〕1号".to_string()),
            Just("（2023）京0105刑初1号起诉书".to_string()),
            Just("人民检察院二〇二三年".to_string()),
            Just("起 诉 书".to_string()),
            "[。；：\n\u{3000} 　\u{c}，、（）]{1,3}",
            "\\PC{0,6}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn split_and_recognise_hold_their_invariants(pieces in prop::collection::vec(piece(), 0..40)) {
            let text: String = pieces.concat();
            let doc = Document::from_text("x.txt", Format::Txt, text, 1);
            check_sections(&doc);
            for s in &doc.sections {
                prop_assert!(s.end <= doc.chars);
            }
            if let Some(n) = &doc.doc_number {
                prop_assert_eq!(CharIndex::new(&doc.text).slice(n.start, n.end), n.text.as_str());
            }
            for ty in DocType::ALL {
                let sections = anguan::ingest::sections::split(&doc.text, Some(ty));
                let mut prev = 0;
                for s in &sections {
                    prop_assert!(s.start >= prev && s.end > s.start && s.end <= doc.chars);
                    prev = s.end;
                }
            }
        }
    }
}
