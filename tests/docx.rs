//! DOCX extraction: own fixtures (tests/fixtures/make_docx_fixtures.py) with exact text, small
//! hand-built packages for single features, and the real documents of ../shared/data/docx-real
//! compared with LibreOffice's text export.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anguan::ingest::docx::{self, DocxText};
use anguan::ingest::{IngestError, Limits};

fn fixture(name: &str) -> DocxText {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docx").join(name);
    docx::extract(&std::fs::read(path).unwrap(), &Limits::default()).unwrap()
}

const QISUSHU: &str = "\
某某市某某区人民检察院
起 诉 书
某检刑诉〔2026〕123号
被告人张某某，男，1990年3月7日出生，居民身份证号码110105199003071247，汉族，初中文化，无业，\
户籍所在地某某市某某区某某路1号。因涉嫌盗窃罪，于2025年11月2日被某某市公安局某某分局刑事拘留，\
同年11月30日经本院批准，次日由某某市公安局某某分局执行逮捕。
本案由某某市公安局某某分局侦查终结，以被告人张某某涉嫌盗窃罪，于2026年1月15日向本院移送审查起诉。\
本院受理后，于次日已告知被告人有权委托辩护人和认罪认罚可能导致的法律后果，依法讯问了被告人，审查了全部案件材料。
经依法审查查明：
\u{3000}\u{3000}2025年10月28日22时许，被告人张某某在某某区某某商场内，趁被害人李某不备，\
窃取其放在柜台上的手机一部。经鉴定，被盗物品价值人民币3,200元。
认定上述事实的证据如下：
1. 被害人李某的陈述；
2. 证人王某某的证言；
3. 价格认定结论书、调取证据清单。
序号\t物品名称\t数量\t价值（元）
1\t手机\t1部\t3,200
\t手机壳\t1个\t0
合计\t\t\t3,200
本院认为，被告人张某某以非法占有为目的，秘密窃取他人财物，数额较大，其行为触犯了《中华人民共和国刑法》\
第二百六十四条，犯罪事实清楚，证据确实、充分，应当以盗窃罪追究其刑事责任。根据《中华人民共和国刑事诉讼法》\
第一百七十六条的规定，提起公诉。
此致
某某市某某区人民法院
检察官  王某
2026年2月1日
（院印）";

#[test]
fn python_docx_qisushu_body_and_every_header_and_footer() {
    let doc = fixture("qisushu.docx");
    assert_eq!(doc.body, QISUSHU);
    // header1..3 then footer1..3 (default, first page, even pages as python-docx numbers them);
    // the footer's PAGE field gives its result, not its code.
    let mut furniture = doc.furniture.clone();
    furniture.sort();
    let mut expected = vec![
        "某某市某某区人民检察院",
        "起诉书（正本）",
        "某检刑诉〔2026〕123号",
        "第 2 页",
        "本文书共三页",
        "（偶数页）",
    ];
    expected.sort();
    assert_eq!(furniture, expected);
    assert!(!doc.body.contains("PAGE"));
}

#[test]
fn libreoffice_saved_qisushu_gives_the_same_text() {
    let doc = fixture("qisushu_lo.docx");
    assert_eq!(doc.body, QISUSHU);
    for part in
        ["某某市某某区人民检察院", "起诉书（正本）", "某检刑诉〔2026〕123号", "本文书共三页", "（偶数页）"]
    {
        assert!(doc.furniture.iter().any(|f| f == part), "{part} missing from {:?}", doc.furniture);
    }
}

const REVISIONS: &str = "\
审查报告
犯罪嫌疑人李某某，女，1985年11月12日出生，身份证号码320106198511120026。
涉案金额人民币5,000元（已退赃）。
经审查，事实清楚。
报告日期：2026年2月3日，共3页
承办人：王某（第2页）
承办人意见：建议起诉
（见附件二）
附件：
扣押物品清单
共1份
案由：盗窃
案件编号：某检刑审〔2026〕45号
退回补充侦查：无
审查结论：同意起诉。
是否认罪认罚：☑是 □否 ◻不适用
法律文书公开网第一行
第二行\t电话010-12345678×2✓
依据《人民检察院刑事诉讼规则》审查。
一、 犯罪嫌疑人基本情况
（一）身份情况
（二）前科情况
1.无前科
二、 审查意见
（一）定性
（不编号）
要点
六、 附则
项目\t内容\t备注
同案人\t张某某 主犯 赵某 从犯\t另案处理
\t地位作用 均为实行犯
\t补充侦查
以上意见，请审示。";

#[test]
fn hand_written_revisions_tracked_changes_fields_text_boxes_controls_numbering_tables() {
    let doc = fixture("revisions.docx");
    assert_eq!(doc.body, REVISIONS);
    // Deleted text, moved-from text, field codes, the Fallback copy of the text box, the
    // placeholder prompt, the deleted row and hidden text are all absent.
    for absent in ["男，", "DATE", "MERGEFIELD", "«承办人»", "PAGEREF", "单击", "作废行", "内部备注"]
    {
        assert!(!doc.body.contains(absent), "{absent}");
    }
    assert_eq!(doc.body.matches("承办人意见").count(), 1);
    // footnotes then endnotes, separator notes skipped
    assert_eq!(doc.furniture, vec![" 2019年12月30日起施行。", " 本报告仅供内部审查使用。"]);
}

/// A minimal package around a hand-written `word/document.xml` body.
fn package(document: &str, extra: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let rels = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    zip.start_file("_rels/.rels", opts).unwrap();
    zip.write_all(rels.as_bytes()).unwrap();
    zip.start_file("word/document.xml", opts).unwrap();
    zip.write_all(document.as_bytes()).unwrap();
    for (name, data) in extra {
        zip.start_file(*name, opts).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn body(xml: &str) -> String {
    let doc = format!(r#"<w:document xmlns:w="{W}"><w:body>{xml}</w:body></w:document>"#);
    docx::extract(&package(&doc, &[]), &Limits::default()).unwrap().body
}

#[test]
fn any_prefix_and_strict_namespace_work() {
    let doc = format!(
        r#"<x:document xmlns:x="{W}"><x:body><x:p><x:r><x:t>公诉机关</x:t></x:r></x:p></x:body></x:document>"#
    );
    assert_eq!(docx::extract(&package(&doc, &[]), &Limits::default()).unwrap().body, "公诉机关");
    let strict = r#"<document xmlns="http://purl.oclc.org/ooxml/wordprocessingml/main"><body><p><r><t>辩护人</t></r></p></body></document>"#;
    assert_eq!(docx::extract(&package(strict, &[]), &Limits::default()).unwrap().body, "辩护人");
}

#[test]
fn entities_whitespace_and_blank_lines() {
    let t = |s: &str| format!("<w:p><w:r><w:t xml:space=\"preserve\">{s}</w:t></w:r></w:p>");
    let xml = [
        t("甲&amp;乙&#x3000;丙&#20013;&lt;"),
        t("尾随空格\u{a0} \u{3000}"),
        t(""),
        t(""),
        t(""),
        t(""),
        t("末行"),
    ]
    .concat();
    assert_eq!(body(&xml), "甲&乙\u{3000}丙中<\n尾随空格\n\n\n末行");
}

#[test]
fn utf16_parts_are_read() {
    let doc = format!(
        r#"<?xml version="1.0" encoding="UTF-16"?><w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>笔录</w:t></w:r></w:p></w:body></w:document>"#
    );
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(doc.encode_utf16().flat_map(u16::to_le_bytes));
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
    zip.write_all(&bytes).unwrap();
    zip.finish().unwrap();
    assert_eq!(docx::extract(&out.into_inner(), &Limits::default()).unwrap().body, "笔录");
}

#[test]
fn a_zip_that_is_not_a_word_document_says_what_it_is() {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    zip.start_file("xl/workbook.xml", zip::write::SimpleFileOptions::default()).unwrap();
    zip.write_all(b"<workbook/>").unwrap();
    zip.finish().unwrap();
    let err = docx::extract(&out.into_inner(), &Limits::default()).unwrap_err();
    assert!(matches!(err, IngestError::Unsupported(_)), "{err}");
    assert!(err.to_string().contains("Excel"), "{err}");

    // a main part whose root is not w:document
    let err = docx::extract(&package("<html/>", &[]), &Limits::default()).unwrap_err();
    assert!(err.to_string().contains("not a Word document"), "{err}");
}

#[test]
fn nesting_deeper_than_the_limit_is_an_error() {
    let deep = "<w:sdt><w:sdtContent>".repeat(40) + &"</w:sdtContent></w:sdt>".repeat(40);
    let doc = format!(r#"<w:document xmlns:w="{W}"><w:body>{deep}</w:body></w:document>"#);
    let limits = Limits { max_depth: 64, ..Limits::default() };
    let err = docx::extract(&package(&doc, &[]), &limits).unwrap_err();
    assert!(matches!(err, IngestError::TooDeep { limit: 64 }), "{err}");
    let ok = "<w:sdt><w:sdtContent>".repeat(10)
        + "<w:p><w:r><w:t>浅</w:t></w:r></w:p>"
        + &"</w:sdtContent></w:sdt>".repeat(10);
    assert_eq!(body(&ok), "浅");
}

#[test]
fn alternate_content_without_choice_reads_the_fallback() {
    let mc = "http://schemas.openxmlformats.org/markup-compatibility/2006";
    let xml = format!(
        r#"<w:p><w:r><mc:AlternateContent xmlns:mc="{mc}"><mc:Fallback><w:t>仅备用</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>"#
    );
    assert_eq!(body(&xml), "仅备用");
}

// ---- real documents ----

/// `../shared/data/docx-real` beside the checkout (or beside the folder of worktrees).
fn real_dir() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let found = ["../shared/data/docx-real", "../../shared/data/docx-real"]
        .iter()
        .map(|d| root.join(d))
        .find(|d| d.is_dir());
    if found.is_none() {
        eprintln!("SKIPPED: ../shared/data/docx-real is absent (real DOCX test data)");
    }
    found
}

fn real_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "docx"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_real_docx_reads() {
    let Some(dir) = real_dir() else { return };
    let files = real_files(&dir);
    assert!(files.len() >= 8, "{files:?}");
    for path in files {
        let doc = docx::extract(&std::fs::read(&path).unwrap(), &Limits::default())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(doc.body.chars().count() > 5, "{}: {:?}", path.display(), doc.body);
        assert!(!doc.body.lines().any(|l| l.ends_with(char::is_whitespace)), "{}", path.display());
    }
}

fn cjk_counts(s: &str) -> HashMap<char, usize> {
    let mut m = HashMap::new();
    for c in
        s.chars().filter(|c| ('\u{3400}'..='\u{9fff}').contains(c) || ('\u{f900}'..='\u{faff}').contains(c))
    {
        *m.entry(c).or_default() += 1;
    }
    m
}

/// The Chinese real documents give ≥ 99% of the CJK characters (as a multiset) that LibreOffice's
/// text export gives, and the known furniture.
#[test]
fn chinese_real_docx_match_libreoffice() {
    let Some(dir) = real_dir() else { return };
    if which_soffice().is_none() {
        eprintln!("SKIPPED: soffice (LibreOffice) not found; it gives the reference text");
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let chinese: Vec<PathBuf> = real_files(&dir)
        .into_iter()
        .filter(|p| {
            p.file_name().unwrap().to_string_lossy().contains("zh") || p.to_string_lossy().contains("标注")
        })
        .collect();
    assert_eq!(chinese.len(), 2, "{chinese:?}");
    // a private LibreOffice profile, so that a running LibreOffice does not block the conversion
    let profile = format!("-env:UserInstallation=file://{}", out.path().join("profile").display());
    let status = std::process::Command::new("soffice")
        .arg(profile)
        .args(["--headless", "--convert-to", "txt:Text (encoded):UTF8", "--outdir"])
        .arg(out.path())
        .args(&chinese)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    for path in &chinese {
        let reference = out.path().join(path.with_extension("txt").file_name().unwrap());
        let reference = std::fs::read_to_string(&reference).unwrap();
        let ours = docx::extract(&std::fs::read(path).unwrap(), &Limits::default()).unwrap();
        let (want, got) = (cjk_counts(&reference), cjk_counts(&ours.body));
        let total: usize = want.values().sum();
        let found: usize = want.iter().map(|(c, n)| (*n).min(got.get(c).copied().unwrap_or(0))).sum();
        assert!(total > 800, "{}: {total}", path.display());
        assert!(found * 100 >= total * 99, "{}: {found} of {total} CJK characters", path.display());
    }
}

fn which_soffice() -> Option<PathBuf> {
    std::env::var_os("PATH")?.to_str()?.split(':').map(|d| Path::new(d).join("soffice")).find(|p| p.is_file())
}

#[test]
fn alt_chunks_are_read_in_place() {
    let html = "<html><head><meta charset=\"gbk\"><title>不要</title></head><body>\
        <p>经审查，\n犯罪嫌疑人&nbsp;张某某</p><table><tr><td>罪名</td><td>盗窃罪</td></tr></table></body></html>";
    let (html_gbk, _, _) = encoding_rs::GBK.encode(html);
    let inner = package(
        &format!(
            r#"<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>内嵌文书正文</w:t></w:r></w:p></w:body></w:document>"#
        ),
        &[],
    );
    let rel = |id: &str, target: &str| {
        format!(
            r#"<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" Target="{target}"/>"#
        )
    };
    let rels = format!(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{}{}{}{}</Relationships>"#,
        rel("rH", "chunk1.htm"),
        rel("rD", "chunk2.docx"),
        rel("rT", "/word/chunk3.txt"),
        rel("rX", "missing.htm")
    );
    let r = |id: &str| format!(r#"<w:altChunk r:id="{id}"/>"#);
    let doc = format!(
        r#"<w:document xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>
        <w:p><w:r><w:t>前文</w:t></w:r></w:p>{}{}{}{}
        <w:tbl><w:tr><w:tc><w:p><w:r><w:t>附</w:t></w:r></w:p></w:tc><w:tc>{}</w:tc></w:tr></w:tbl>
        <w:p><w:r><w:t>后文&#xFDD0;0&#xFDD0;</w:t></w:r></w:p></w:body></w:document>"#,
        r("rH"),
        r("rD"),
        r("rT"),
        r("rX"),
        r("rT")
    );
    let bytes = package(
        &doc,
        &[
            ("word/_rels/document.xml.rels", rels.as_bytes()),
            ("word/chunk1.htm", &html_gbk),
            ("word/chunk2.docx", &inner),
            ("word/chunk3.txt", "附件一：扣押清单\n附件二：鉴定意见".as_bytes()),
        ],
    );
    let body = docx::extract(&bytes, &Limits::default()).unwrap().body;
    assert_eq!(
        body,
        "前文\n经审查，犯罪嫌疑人 张某某\n罪名\t盗窃罪\n内嵌文书正文\n附件一：扣押清单\n附件二：鉴定意见\n\
         附\t附件一：扣押清单 附件二：鉴定意见\n后文0"
    );
}

#[test]
fn a_field_whose_end_was_deleted_does_not_swallow_the_rest() {
    let xml = r#"<w:p><w:r><w:t>日期：</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>
        <w:r><w:instrText> DATE </w:instrText></w:r>
        <w:del w:id="1" w:author="李某"><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:delText>2025年</w:delText></w:r>
        <w:r><w:fldChar w:fldCharType="end"/></w:r></w:del><w:r><w:t>2026年1月5日</w:t></w:r></w:p>
        <w:p><w:r><w:t>下一段</w:t></w:r></w:p>"#;
    assert_eq!(body(xml), "日期：2026年1月5日\n下一段");
}

#[test]
fn the_main_part_is_found_through_the_package_relationships() {
    let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="/Word/Main%20Part.xml"/></Relationships>"#;
    let doc = format!(
        r#"<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>主文档</w:t></w:r></w:p></w:body></w:document>"#
    );
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    for (name, data) in [("_rels/.rels", rels), ("word/main part.xml", doc.as_str())] {
        zip.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(data.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    assert_eq!(docx::extract(&out.into_inner(), &Limits::default()).unwrap().body, "主文档");
}

#[test]
fn legacy_check_boxes_and_vml_word_art() {
    let check_box = |state: &str| {
        format!(
            r#"<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Check1"/><w:checkBox><w:sizeAuto/>{state}</w:checkBox></w:ffData></w:fldChar></w:r><w:r><w:instrText> FORMCHECKBOX </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#
        )
    };
    let xml = format!(
        r#"<w:p><w:r><w:t>取保候审：</w:t></w:r>{}<w:r><w:t>是 </w:t></w:r>{}<w:r><w:t>否 </w:t></w:r>{}<w:r><w:t>不详</w:t></w:r></w:p>
        <w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textpath string="某某市人民检察院文件"/></v:shape></w:pict></w:r></w:p>"#,
        check_box(r#"<w:default w:val="0"/><w:checked/>"#),
        check_box(r#"<w:default w:val="0"/>"#),
        check_box(r#"<w:default w:val="1"/><w:checked w:val="0"/>"#),
    );
    assert_eq!(body(&xml), "取保候审：☑是 ☐否 ☐不详\n某某市人民检察院文件");
}
