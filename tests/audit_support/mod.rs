//! A fictitious 盗窃 case for the audit tests: a card and three documents (起诉书, 量刑建议书,
//! 认罪认罚具结书) that agree in every item, with hand-built extractions whose spans point at the
//! real text. Each test breaks one thing and checks the one finding it should cause.
#![allow(dead_code)]

use anguan::audit::{Finding, RuleSet, audit_case};
use anguan::card::{Card, Measure, Person, Sentencing};
use anguan::extract::{CaseFacts, Extraction, Fact, MeasureFact, PersonFacts, SentenceFact};
use anguan::ingest::{DocType, Document, Format};
use anguan::span::Span;
use chrono::NaiveDate;

pub const ID: &str = "110105199003071239";
pub const ID2: &str = "110105198505120024";

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub const INDICTMENT: &str = "北京市朝阳区人民检察院\n起诉书\n京朝检刑诉〔2023〕123号\n\
被告人张某某，男，1990年3月7日出生，公民身份号码110105199003071239，汉族，初中文化，无业，户籍地北京市朝阳区，\
住北京市朝阳区某街道1号。因涉嫌盗窃罪于2023年6月14日被北京市公安局朝阳分局刑事拘留，同年6月28日被取保候审。\n\
本案由北京市公安局朝阳分局侦查终结，以被告人张某某涉嫌盗窃罪，于2023年7月3日向本院移送审查起诉。本院于同日受理。\n\
经依法审查查明：2023年6月13日14时许，被告人张某某在北京市朝阳区某商场内，窃取被害人李某手机一部，经鉴定价值人民币6850元。\n\
本院认为，被告人张某某以非法占有为目的，秘密窃取他人财物，数额较大，其行为触犯了《中华人民共和国刑法》第二百六十四条，\
犯罪事实清楚，证据确实、充分，应当以盗窃罪追究其刑事责任。被告人张某某到案后如实供述自己的罪行，依据《中华人民共和国刑法》\
第六十七条第三款的规定，可以从轻处罚。被告人张某某自愿认罪认罚，建议判处有期徒刑八个月，并处罚金人民币三千元，建议适用简易程序。\n\
此致\n北京市朝阳区人民法院\n检察官 王某\n2023年7月20日";

pub const RECOMMENDATION: &str = "北京市朝阳区人民检察院\n量刑建议书\n京朝检量建〔2023〕45号\n\
被告人张某某涉嫌盗窃罪一案，经审查认为，被告人张某某自愿认罪认罚，建议判处被告人张某某有期徒刑八个月，并处罚金人民币三千元。\n\
建议适用简易程序。\n2023年7月20日";

pub const PLEA: &str = "认罪认罚具结书\n犯罪嫌疑人张某某，男，1990年3月7日出生，公民身份号码110105199003071239。\n\
本人自愿认罪认罚，同意人民检察院提出的有期徒刑八个月，并处罚金人民币三千元的量刑建议，同意适用简易程序。\n\
具结人：张某某\n2023年7月18日";

/// The span of the first occurrence of `needle` (after `after`, when given) in `text`.
pub fn span_in(text: &str, needle: &str) -> Span {
    let byte = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in the text"));
    let start = text[..byte].chars().count();
    Span { start, end: start + needle.chars().count(), text: needle.to_string() }
}

pub fn fact<T>(text: &str, needle: &str, value: T) -> Fact<T> {
    Fact { value, span: span_in(text, needle) }
}

pub fn doc(file: &str, t: DocType, text: &str) -> Document {
    let mut doc = Document::from_text(file, Format::Txt, text.to_string(), 1);
    doc.doc_type = Some(t);
    doc
}

fn sentence(text: &str, needle: &str, months: u32) -> Fact<SentenceFact> {
    fact(
        text,
        needle,
        SentenceFact {
            kind: Some("确定刑".into()),
            penalty: "有期徒刑".into(),
            min_months: Some(months),
            max_months: Some(months),
            probation: false,
            probation_months: None,
            fine: Some(3000.0),
        },
    )
}

pub fn indictment_person() -> PersonFacts {
    let t = INDICTMENT;
    PersonFacts {
        name: Some(fact(t, "张某某", "张某某".to_string())),
        role: "suspect".into(),
        gender: Some(fact(t, "男", "男".to_string())),
        birth_date: Some(fact(t, "1990年3月7日", d("1990-03-07"))),
        id_number: Some(fact(t, ID, ID.to_string())),
        ethnicity: Some(fact(t, "汉族", "汉族".to_string())),
        education: Some(fact(t, "初中文化", "初中".to_string())),
        occupation: Some(fact(t, "无业", "无业".to_string())),
        domicile: Some(fact(t, "户籍地北京市朝阳区", "北京市朝阳区".to_string())),
        address: Some(fact(t, "北京市朝阳区某街道1号", "北京市朝阳区某街道1号".to_string())),
        measures: vec![
            fact(
                t,
                "2023年6月14日被北京市公安局朝阳分局刑事拘留",
                MeasureFact { kind: "刑事拘留".into(), date: Some(d("2023-06-14")) },
            ),
            fact(
                t,
                "同年6月28日被取保候审",
                MeasureFact { kind: "取保候审".into(), date: Some(d("2023-06-28")) },
            ),
        ],
        charges: vec![fact(t, "以盗窃罪追究", "盗窃罪".to_string())],
        statutes: vec![
            fact(t, "《中华人民共和国刑法》第二百六十四条", "刑法第264条".to_string()),
            fact(t, "《中华人民共和国刑法》第六十七条第三款", "刑法第67条第3款".to_string()),
        ],
        plea: Some(fact(t, "自愿认罪认罚", true)),
        sentence: Some(sentence(t, "建议判处有期徒刑八个月，并处罚金人民币三千元", 8)),
        circumstances: vec![
            fact(t, "如实供述自己的罪行", "坦白".to_string()),
            fact(t, "自愿认罪认罚", "认罪认罚".to_string()),
        ],
        offense_date: Some(fact(t, "2023年6月13日", d("2023-06-13"))),
        ..Default::default()
    }
}

pub fn indictment_extraction() -> Extraction {
    let t = INDICTMENT;
    Extraction {
        elements: vec![],
        persons: vec![indictment_person()],
        case: CaseFacts {
            doc_number: Some(fact(t, "京朝检刑诉〔2023〕123号", "京朝检刑诉〔2023〕123号".to_string())),
            procuratorate: Some(fact(t, "北京市朝阳区人民检察院", "北京市朝阳区人民检察院".to_string())),
            investigating_agency: Some(fact(
                t,
                "北京市公安局朝阳分局侦查终结",
                "北京市公安局朝阳分局".to_string(),
            )),
            transfer_date: Some(fact(t, "2023年7月3日", d("2023-07-03"))),
            procedure: Some(fact(t, "建议适用简易程序", "简易".to_string())),
            date: Some(fact(t, "2023年7月20日", d("2023-07-20"))),
            amount: Some(fact(t, "人民币6850元", 6850.0)),
            ..Default::default()
        },
    }
}

pub fn recommendation_extraction() -> Extraction {
    let t = RECOMMENDATION;
    Extraction {
        elements: vec![],
        persons: vec![PersonFacts {
            name: Some(fact(t, "张某某", "张某某".to_string())),
            role: "suspect".into(),
            charges: vec![fact(t, "盗窃罪", "盗窃罪".to_string())],
            plea: Some(fact(t, "自愿认罪认罚", true)),
            sentence: Some(sentence(t, "有期徒刑八个月，并处罚金人民币三千元", 8)),
            ..Default::default()
        }],
        case: CaseFacts {
            procuratorate: Some(fact(t, "北京市朝阳区人民检察院", "北京市朝阳区人民检察院".to_string())),
            procedure: Some(fact(t, "建议适用简易程序", "简易".to_string())),
            date: Some(fact(t, "2023年7月20日", d("2023-07-20"))),
            ..Default::default()
        },
    }
}

pub fn plea_extraction() -> Extraction {
    let t = PLEA;
    Extraction {
        elements: vec![],
        persons: vec![PersonFacts {
            name: Some(fact(t, "张某某", "张某某".to_string())),
            role: "suspect".into(),
            gender: Some(fact(t, "男", "男".to_string())),
            birth_date: Some(fact(t, "1990年3月7日", d("1990-03-07"))),
            id_number: Some(fact(t, ID, ID.to_string())),
            plea: Some(fact(t, "自愿认罪认罚", true)),
            plea_date: Some(fact(t, "2023年7月18日", d("2023-07-18"))),
            sentence: Some(sentence(t, "有期徒刑八个月，并处罚金人民币三千元", 8)),
            ..Default::default()
        }],
        case: CaseFacts {
            procedure: Some(fact(t, "同意适用简易程序", "简易".to_string())),
            date: Some(fact(t, "2023年7月18日", d("2023-07-18"))),
            ..Default::default()
        },
    }
}

/// The three documents with their extractions.
pub fn docs() -> Vec<(Document, Extraction)> {
    vec![
        (doc("起诉书.docx", DocType::Indictment, INDICTMENT), indictment_extraction()),
        (
            doc("量刑建议书.docx", DocType::SentencingRecommendation, RECOMMENDATION),
            recommendation_extraction(),
        ),
        (doc("具结书.pdf", DocType::PleaAgreement, PLEA), plea_extraction()),
    ]
}

pub fn person() -> Person {
    Person {
        name: "张某某".into(),
        gender: Some("男".into()),
        birth_date: Some(d("1990-03-07")),
        id_number: Some(ID.into()),
        ethnicity: Some("汉族".into()),
        education: Some("初中".into()),
        occupation: Some("无业".into()),
        domicile: Some("北京市朝阳区".into()),
        address: Some("北京市朝阳区某街道1号".into()),
        prior_record: Some(false),
        recidivist: Some(false),
        measures: vec![
            Measure { kind: "刑事拘留".into(), date: Some(d("2023-06-14")) },
            Measure { kind: "取保候审".into(), date: Some(d("2023-06-28")) },
        ],
        charges: vec!["盗窃罪".into()],
        statutes: vec!["刑法第264条".into(), "刑法第67条第3款".into()],
        plea: Some(true),
        plea_date: Some(d("2023-07-18")),
        sentencing: Some(Sentencing {
            kind: Some("确定刑".into()),
            penalty: Some("有期徒刑".into()),
            min_months: Some(8),
            max_months: Some(8),
            probation: Some(false),
            probation_months: None,
            fine: Some(3000.0),
        }),
        disposal: Some("起诉".into()),
        circumstances: vec!["坦白".into(), "认罪认罚".into()],
        offense_date: Some(d("2023-06-13")),
        blood_alcohol: None,
    }
}

pub fn card() -> Card {
    let mut recorded = std::collections::BTreeMap::new();
    for (k, v) in [
        ("received_date", "2023-07-03T10:00:00"),
        ("persons[0].id_number", "2023-07-04T09:00:00"),
        ("closed_date", "2023-07-20T16:00:00"),
    ] {
        recorded.insert(k.to_string(), anguan::card::Timestamp::parse(v).unwrap());
    }
    Card {
        schema: Some("anguan.card/1".into()),
        case_number: Some("京朝检刑诉受〔2023〕11010500012号".into()),
        case_name: Some("张某某盗窃案".into()),
        procuratorate: Some("北京市朝阳区人民检察院".into()),
        prosecutor: Some("王某".into()),
        investigating_agency: Some("北京市公安局朝阳分局".into()),
        transfer_date: Some(d("2023-07-03")),
        received_date: Some(d("2023-07-03")),
        transferred_charges: vec!["盗窃罪".into()],
        returns: vec![],
        extended: Some(false),
        procedure: Some("简易".into()),
        closed_date: Some(d("2023-07-20")),
        indictment_number: Some("京朝检刑诉〔2023〕123号".into()),
        amount: Some(6850.0),
        persons: vec![person()],
        recorded_at: recorded,
    }
}

pub fn today() -> NaiveDate {
    d("2024-01-15")
}

pub fn rules() -> RuleSet {
    RuleSet::load().unwrap()
}

pub fn run(card: &Card, docs: &[(Document, Extraction)]) -> Vec<Finding> {
    audit_case(Some(card), docs, &rules(), today())
}

/// The (rule, field) pairs of findings, for compact assertions.
pub fn ids(f: &[Finding]) -> Vec<(String, String)> {
    f.iter().map(|x| (x.rule.clone(), x.field.clone())).collect()
}

/// Exactly one finding, with this rule and field; returned for further checks.
pub fn only<'a>(f: &'a [Finding], rule: &str, field: &str) -> &'a Finding {
    assert_eq!(ids(f), [(rule.to_string(), field.to_string())], "{f:#?}");
    &f[0]
}
