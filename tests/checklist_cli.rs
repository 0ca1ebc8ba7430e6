//! `anguan check` on the fixtures: text and spec §6 JSON, exit codes.

use std::process::Command;

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/checklist/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn check_json_lists_every_document() {
    let out = Command::new(env!("CARGO_BIN_EXE_anguan"))
        .args(["check", "--json", &fixture("起诉书_盗窃.txt"), &fixture("认罪认罚具结书_醉驾.txt")])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema"], "anguan.checklist/1");
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["type"], "起诉书");
    assert_eq!(docs[0]["packs"], serde_json::json!(["起诉书", "盗窃罪", "量刑情节"]));
    assert_eq!(docs[1]["type"], "认罪认罚具结书");
    let lawyer = docs[1]["elements"].as_array().unwrap().iter().find(|e| e["id"] == "plea.lawyer").unwrap();
    assert_eq!(lawyer["verdict"], "supported");
}

#[test]
fn check_text_names_each_element_and_a_missing_file_fails() {
    let out = Command::new(env!("CARGO_BIN_EXE_anguan"))
        .args(["check", &fixture("起诉书_醉驾.txt"), &fixture("没有这个文件.txt")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("类型：起诉书") && text.contains("罪名：危险驾驶罪"), "{text}");
    assert!(text.contains("具备  drunk_driving.blood_alcohol"), "{text}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("没有这个文件.txt"));
}

#[test]
fn check_reports_a_broken_pack_folder_by_file_and_element() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("坏.toml"),
        "id = \"bad\"\nkind = \"document\"\nname = \"坏\"\n[applies_to]\ndoc_types = [\"起诉书\"]\n\
         [[element]]\nid = \"x\"\nname = \"x\"\ncues = ['(']\n[element.examples]\npass = [\"(\"]\nfail = [\"\"]\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_anguan"))
        .args(["check", "--packs", dir.path().to_str().unwrap(), &fixture("起诉书_醉驾.txt")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("坏.toml") && err.contains("bad.x") && err.contains("bad pattern"), "{err}");
}
