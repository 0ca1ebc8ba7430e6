//! Card importers: `card.json` files, and CSV/XLSX bulk exports with Chinese headers and broken
//! rows (fixtures written by tests/fixtures/make_card_fixtures.py).

use std::path::PathBuf;

use anguan::card::csv::import_csv;
use anguan::card::xlsx::import_xlsx;
use anguan::card::{CardError, Imported, load_card, parse_card};
use chrono::NaiveDate;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/card").join(name)
}

fn d(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

fn errors(i: &Imported) -> Vec<(usize, Option<String>)> {
    i.errors.iter().map(|e| (e.row, e.column.clone())).collect()
}

/// What both the CSV and the XLSX export hold in their good rows.
fn check_good_rows(i: &Imported) {
    let keys: Vec<&str> = i.cards.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, ["京朝检刑诉受〔2023〕11010500012号", "京朝检刑诉受〔2023〕11010500013号"]);
    let c1 = &i.cards[0].card;
    assert_eq!(c1.case_name.as_deref(), Some("张某某等盗窃案"));
    assert_eq!(c1.received_date, d("2023-07-03"));
    assert_eq!(c1.closed_date, d("2023-07-20"));
    assert_eq!(c1.amount, Some(6850.0));
    let zhang = &c1.persons[0];
    assert_eq!(zhang.name, "张某某");
    assert_eq!(zhang.id_number.as_deref(), Some("110105199003071239"));
    assert_eq!(zhang.birth_date, d("1990-03-07"));
    assert_eq!(zhang.measures.len(), 1);
    assert_eq!(zhang.measures[0].kind, "刑事拘留");
    assert_eq!(zhang.measures[0].date, d("2023-06-14"));
    assert_eq!(zhang.plea, Some(true));
    assert_eq!(zhang.sentencing.as_ref().and_then(|s| s.max_months), Some(8));
    let li = &c1.persons[1];
    assert_eq!(li.birth_date, d("1985-05-12"));
    assert_eq!(li.charges, ["盗窃罪", "诈骗罪"]);
    assert_eq!(li.measures.iter().map(|m| m.kind.as_str()).collect::<Vec<_>>(), ["刑事拘留", "逮捕"]);
    let c2 = &i.cards[1].card;
    assert_eq!(c2.received_date, d("2023-08-01"));
    assert_eq!(c2.closed_date, d("2023-08-09"));
    assert_eq!(c2.amount, None);
    assert_eq!(c2.persons[0].name, "王某");
    assert_eq!(c2.persons[1].name, "赵某");
    // The broken cells of 赵某 are left out, the rest of the row kept.
    assert_eq!(c2.persons[1].birth_date, None);
    assert_eq!(c2.persons[1].plea, None);
    assert_eq!(c2.persons[1].charges, ["危险驾驶罪"]);
    assert_eq!(i.ignored_columns, ["备注"]);
}

#[test]
fn csv_export_with_broken_rows() {
    let i = import_csv(&fixture("cards.csv")).unwrap();
    check_good_rows(&i);
    assert_eq!(
        i.cards[0].card.persons.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
        ["张某某", "李某", "钱某"]
    );
    assert_eq!(i.cards[0].rows, [2, 3, 6]);
    let col = |s: &str| Some(s.to_string());
    assert_eq!(
        errors(&i),
        [
            (5, col("出生日期")),
            (5, col("是否认罪认罚")),
            (5, col("建议刑期上限")),
            (6, col("审结日期（*）")),
            (7, None),
            (8, col("姓名")),
            (9, None),
        ]
    );
    let msgs: Vec<String> = i.errors.iter().map(|e| e.to_string()).collect();
    assert!(msgs[0].contains("cards.csv: row 5, column 出生日期: not a date: \"1995-02-30\""), "{}", msgs[0]);
    assert!(msgs[3].contains("differs"), "{}", msgs[3]);
    assert!(msgs[6].contains("quote"), "{}", msgs[6]);
}

#[test]
fn gbk_csv_is_decoded() {
    let i = import_csv(&fixture("cards_gbk.csv")).unwrap();
    assert!(i.errors.is_empty(), "{:?}", i.errors);
    assert_eq!(i.cards.len(), 2);
    assert_eq!(i.cards[0].card.persons[1].name, "李某");
    assert_eq!(i.cards[0].card.persons[1].education.as_deref(), Some("高中文化"));
}

#[test]
fn xlsx_export_with_broken_rows() {
    let i = import_xlsx(&fixture("cards.xlsx")).unwrap();
    check_good_rows(&i);
    let col = |s: &str| Some(s.to_string());
    assert_eq!(
        errors(&i),
        [(5, col("出生日期")), (5, col("是否认罪认罚")), (5, col("建议刑期上限")), (6, col("姓名"))]
    );
}

#[test]
fn a_file_that_is_not_a_workbook_or_lacks_the_key_columns() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("x.xlsx");
    std::fs::write(&p, b"PK\x03\x04 not really").unwrap();
    let e = import_xlsx(&p).unwrap_err();
    assert!(e.to_string().contains("not a readable XLSX workbook"), "{e}");
    let p = dir.path().join("x.csv");
    std::fs::write(&p, "案件名称,性别\n某案,男\n").unwrap();
    let e = import_csv(&p).unwrap_err();
    assert!(e.to_string().contains("row 1") && e.to_string().contains("姓名"), "{e}");
}

#[test]
fn card_json_files_load_and_fail_with_the_file_and_field_named() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("card.json");
    std::fs::write(
        &good,
        r#"{"schema":"anguan.card/1","received_date":"2023-07-03","persons":[{"name":"张某某",
            "measures":[{"kind":"逮捕","date":"2023-06-20"}],"sentencing":{"penalty":"拘役","max_months":3}}],
            "recorded_at":{"received_date":"2023-07-03T09:30:00+08:00"}}"#,
    )
    .unwrap();
    let loaded = load_card(&good).unwrap();
    assert!(loaded.problems.is_empty());
    assert_eq!(loaded.card.persons[0].sentencing.as_ref().unwrap().max_months, Some(3));
    assert_eq!(loaded.card.recorded_at["received_date"].date(), d("2023-07-03").unwrap());

    let e = parse_card("c1/card.json", r#"{"schema":"anguan.card/2","persons":[]}"#).unwrap_err();
    assert_eq!(
        e.to_string(),
        "c1/card.json: field `schema`: expected \"anguan.card/1\", found \"anguan.card/2\""
    );
    let e = load_card(&dir.path().join("missing.json")).unwrap_err();
    assert!(matches!(e, CardError::Io { .. }));
    let loaded = parse_card(
        "c1/card.json",
        r#"{"persons":[{"name":"甲","plea":"yes","measures":[{"kind":"逮捕","date":"6月20日"}]}]}"#,
    )
    .unwrap();
    let fields: Vec<&str> = loaded.problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["persons[0].measures[0].date", "persons[0].plea"]);
}
