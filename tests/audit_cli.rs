//! `anguan audit` end to end on a small collection written in a temp dir: a card with problems, a
//! card that is not a card, an unreadable document, each format and `--cards` from a CSV export.

use std::path::Path;
use std::process::Command;

fn anguan() -> Command {
    Command::new(env!("CARGO_BIN_EXE_anguan"))
}

fn collection(root: &Path) {
    let c1 = root.join("2023-盗窃-001");
    std::fs::create_dir_all(&c1).unwrap();
    std::fs::write(
        c1.join("card.json"),
        r#"{"schema":"anguan.card/1","case_number":"京朝检刑诉受〔2023〕1号","received_date":"2023-03-15",
            "procuratorate":"北京市朝阳区人民检察院","closed_date":"2023-04-20",
            "persons":[{"name":"张某某","gender":"男","disposal":"起诉","id_number":"110105199003071238",
            "measures":[{"kind":"逮捕","date":"2023-03-01"}]}]}"#,
    )
    .unwrap();
    std::fs::write(c1.join("起诉书.txt"), "北京市朝阳区人民检察院\n起诉书\n被告人张某某，男。").unwrap();
    let c2 = root.join("2023-盗窃-002");
    std::fs::create_dir_all(&c2).unwrap();
    std::fs::write(c2.join("card.json"), "{\"persons\": [").unwrap();
    std::fs::write(c2.join("扫描件.pdf"), b"").unwrap();
}

#[test]
fn json_report_lists_findings_and_errors() {
    let dir = tempfile::tempdir().unwrap();
    collection(dir.path());
    let out = anguan().args(["audit", "--quiet", "--today", "2024-01-01"]).arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema"], "anguan.findings/1");
    let rules: Vec<&str> =
        v["cases"][0]["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    let (checklist, card): (Vec<&str>, Vec<&str>) = rules.iter().partition(|r| r.starts_with("checklist."));
    assert_eq!(card, ["card.person.id_number.checksum", "overdue.review"]);
    // The one-line 起诉书 lacks nearly every required element of its checklist.
    assert!(checklist.contains(&"checklist.indictment.facts"), "{checklist:?}");
    assert_eq!(v["cases"][0]["case_number"], "京朝检刑诉受〔2023〕1号");
    let errors: Vec<&str> =
        v["errors"].as_array().unwrap().iter().map(|e| e["file"].as_str().unwrap()).collect();
    assert_eq!(errors, ["2023-盗窃-002/扫描件.pdf", "2023-盗窃-002/card.json"]);
    assert!(v["errors"][1]["error"].as_str().unwrap().starts_with("not valid JSON (line 1"));
}

#[test]
fn every_format_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    collection(dir.path());
    for (format, magic) in [
        ("json", &b"{"[..]),
        ("csv", &b"\xEF\xBB\xBF"[..]),
        ("xlsx", &b"PK"[..]),
        ("html", &b"<!DOCTYPE"[..]),
    ] {
        let file = dir.path().join(format!("report.{format}"));
        let out = anguan()
            .args(["audit", "--quiet", "--format", format, "--out"])
            .arg(&file)
            .arg(dir.path().join("2023-盗窃-001"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{format}: {}", String::from_utf8_lossy(&out.stderr));
        let bytes = std::fs::read(&file).unwrap();
        assert!(bytes.starts_with(magic), "{format}");
    }
}

#[test]
fn cards_from_a_bulk_export_replace_card_json() {
    let dir = tempfile::tempdir().unwrap();
    collection(dir.path());
    let export = dir.path().join("export.csv");
    std::fs::write(&export, "案件,承办单位,姓名,性别,审结处理情况,公民身份号码\n2023-盗窃-001,北京市朝阳区人民检察院,张某某,男,起诉,110105199003071239\n").unwrap();
    let out = anguan()
        .args(["audit", "--quiet", "--today", "2023-04-01", "--cards"])
        .arg(&export)
        .arg(dir.path().join("2023-盗窃-001"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let card_findings: Vec<_> =
        v["cases"][0]["findings"].as_array().unwrap().iter().filter(|f| f["kind"] != "checklist").collect();
    assert!(card_findings.is_empty(), "{card_findings:?}");
}
