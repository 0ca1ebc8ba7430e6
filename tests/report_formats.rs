//! Each report format written and read back: JSON against spec §3, CSV with the crate's RFC 4180
//! reader, XLSX with calamine, HTML parsed loosely (balanced tables, one row per finding, escaping).

mod audit_support;

use anguan::audit::{CaseFindings, Findings, audit_case, collection::audit_parsed};
use anguan::ingest::collection::FileError;
use anguan::report::{self, Format};
use audit_support::*;
use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};

/// Two cases: one with findings (an ID typo, a conflict, a message with markup characters), one
/// clean; and one unreadable file.
fn findings() -> Findings {
    let mut c = card();
    c.persons[0].id_number = Some("110105199003071293".into());
    let mut docs = docs();
    docs[1].1.persons[0].sentence.as_mut().unwrap().value.fine = Some(2000.0);
    let mut case = audit_parsed("2023-盗窃-901", None, &docs, &rules(), today(), None);
    case.case_number = c.case_number.clone();
    case.findings = audit_case(Some(&c), &docs, &rules(), today());
    case.findings[0].message.push_str(" <b>&\"'</b>");
    let clean =
        CaseFindings {
            case: "2023-盗窃-902".into(), case_number: None, documents: vec![], findings: vec![]
        };
    Findings {
        cases: vec![case, clean],
        errors: vec![FileError {
            file: "2023-盗窃-902/扫描件.pdf".into(),
            error: "no text layer: scanned image PDF".into(),
        }],
        ..Default::default()
    }
}

fn written(f: &Findings, format: Format) -> Vec<u8> {
    let mut out = Vec::new();
    report::write(f, format, &mut out).unwrap();
    out
}

#[test]
fn json_follows_the_spec() {
    let f = findings();
    let n = f.cases[0].findings.len();
    assert!(n >= 3, "{:#?}", f.cases[0].findings);
    let v: serde_json::Value = serde_json::from_slice(&written(&f, Format::Json)).unwrap();
    assert_eq!(v["schema"], "anguan.findings/1");
    let case = &v["cases"][0];
    assert_eq!(case["case"], "2023-盗窃-901");
    assert_eq!(case["case_number"], "京朝检刑诉受〔2023〕11010500012号");
    assert_eq!(
        case["documents"][0],
        serde_json::json!({"file": "起诉书.docx", "type": "起诉书", "chars": INDICTMENT.chars().count()})
    );
    let mismatch = case["findings"].as_array().unwrap().iter().find(|x| x["kind"] == "mismatch").unwrap();
    assert_eq!(mismatch["rule"], "card.person.id_number.mismatch");
    assert_eq!(mismatch["severity"], "error");
    assert_eq!(mismatch["field"], "persons[0].id_number");
    assert_eq!(mismatch["card_value"], "110105199003071293");
    assert_eq!(mismatch["document_value"], ID);
    assert_eq!(mismatch["evidence"][0]["file"], "起诉书.docx");
    assert_eq!(mismatch["evidence"][0]["text"], ID);
    let start = mismatch["evidence"][0]["start"].as_u64().unwrap() as usize;
    let quoted: String = INDICTMENT.chars().skip(start).take(18).collect();
    assert_eq!(quoted, ID);
    assert_eq!(v["errors"][0]["file"], "2023-盗窃-902/扫描件.pdf");
    // And it reads back into the same value.
    let back: Findings = serde_json::from_value(v).unwrap();
    assert_eq!(back, f);
}

#[test]
fn csv_has_one_row_per_finding_and_error() {
    let f = findings();
    let bytes = written(&f, Format::Csv);
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.starts_with('\u{feff}'));
    let recs: Vec<_> = anguan::card::csv::parse(&text).into_iter().map(|r| r.unwrap().fields).collect();
    assert_eq!(recs[0], report::HEADERS);
    let n = f.cases[0].findings.len();
    assert_eq!(recs.len(), 1 + n + 1);
    let conflict = recs.iter().find(|r| r[3] == "conflict").unwrap();
    assert_eq!(conflict[4], "文书矛盾");
    assert_eq!(conflict[6], "persons[0].sentencing.fine");
    // Two evidence spans, one per line, in each evidence column.
    assert_eq!(conflict[9].lines().count(), 2);
    assert!(recs.iter().any(|r| r[13].ends_with("<b>&\"'</b>")));
    let last = recs.last().unwrap();
    assert_eq!(
        (last[0].as_str(), last[3].as_str(), last[9].as_str()),
        ("2023-盗窃-902", "error", "2023-盗窃-902/扫描件.pdf")
    );
}

#[test]
fn xlsx_reads_back_with_calamine() {
    let f = findings();
    let bytes = written(&f, Format::Xlsx);
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), ["问题清单", "汇总"]);
    let range = book.worksheet_range("问题清单").unwrap();
    let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    assert_eq!(rows[0], report::HEADERS);
    let n = f.cases[0].findings.len();
    assert_eq!(rows.len(), 1 + n + 1);
    let table = report::table(&f);
    for (got, want) in rows[1..].iter().zip(&table) {
        assert_eq!(got.as_slice(), want.as_slice());
    }
    let summary = book.worksheet_range("汇总").unwrap();
    let first: Vec<Data> = summary.rows().nth(1).unwrap().to_vec();
    assert_eq!(first[0], Data::String("2023-盗窃-901".into()));
    let total = first.last().unwrap();
    assert_eq!(total.to_string(), n.to_string());
}

#[test]
fn html_is_one_self_contained_page() {
    let f = findings();
    let html = String::from_utf8(written(&f, Format::Html)).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    for tag in ["html", "body", "table", "tr", "td", "section"] {
        let open = html.matches(&format!("<{tag}>")).count() + html.matches(&format!("<{tag} ")).count();
        let close = html.matches(&format!("</{tag}>")).count();
        assert_eq!(open, close, "<{tag}> unbalanced");
    }
    assert_eq!(html.matches("<tr class=\"finding\">").count(), f.cases[0].findings.len());
    assert_eq!(html.matches("<tr class=\"read-error\">").count(), 1);
    assert!(html.contains("&lt;b&gt;&amp;&quot;&#39;&lt;/b&gt;"));
    assert!(!html.contains("<b>&"));
    assert!(!html.contains("<script") && !html.contains("src=") && !html.contains("href=\"http"));
    assert!(html.contains("未发现问题"));
    assert!(html.contains(ID), "the evidence text is shown");
}
