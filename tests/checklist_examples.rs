//! Every example of every checklist pack gives its expected verdict (pass → supported, fail →
//! missing, contradicted → contradicted). Failures are listed by element id.

use anguan::checklist::{Packs, run_examples};

#[test]
fn every_pack_example_gives_its_verdict() {
    let packs = Packs::load_embedded().unwrap_or_else(|e| panic!("{e}"));
    let (failures, count) = run_examples(&packs);
    let report: Vec<String> = failures.iter().map(|f| f.to_string()).collect();
    assert!(failures.is_empty(), "{} of {count} examples failed:\n{}", failures.len(), report.join("\n"));
    assert!(count > 0);
}

#[test]
fn every_element_has_a_passing_and_a_failing_example() {
    let packs = Packs::load_embedded().unwrap_or_else(|e| panic!("{e}"));
    for (pack, el) in packs.elements() {
        assert!(!el.examples.pass.is_empty(), "{} ({}) has no pass example", el.id, pack.file);
        assert!(!el.examples.fail.is_empty(), "{} ({}) has no fail example", el.id, pack.file);
    }
}

#[test]
fn the_ten_charge_packs_five_document_packs_and_circumstances_are_embedded() {
    let packs = Packs::load_embedded().unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<&str> = packs.packs.iter().map(|p| p.name.as_str()).collect();
    for want in [
        "起诉书",
        "起诉意见书",
        "量刑建议书",
        "认罪认罚具结书",
        "不起诉决定书",
        "量刑情节",
        "危险驾驶罪",
        "盗窃罪",
        "帮助信息网络犯罪活动罪",
        "诈骗罪",
        "故意伤害罪",
        "交通肇事罪",
        "开设赌场罪",
        "寻衅滋事罪",
        "走私、贩卖、运输、制造毒品罪",
        "掩饰、隐瞒犯罪所得、犯罪所得收益罪",
    ] {
        assert!(names.contains(&want), "pack {want} missing; have {names:?}");
    }
}
