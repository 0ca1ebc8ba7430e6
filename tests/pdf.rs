//! PDF extraction on our own fixtures (tests/fixtures/pdf, made by tests/fixtures/make_pdf_fixtures.py):
//! a 起诉书 written with python-docx and converted by LibreOffice, a hand-written PDF with fake bold
//! and vertical writing, encrypted copies, a scan, broken input, and a table with wrapped cells
//! (tests/fixtures/make_pdf_table_fixture.py).

use std::panic::{AssertUnwindSafe, catch_unwind};

use anguan::ingest::pdf::{PdfText, extract};
use anguan::ingest::{Format, IngestError, Limits, read_bytes};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/pdf/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn text_of(name: &str) -> PdfText {
    extract(&fixture(name), &Limits::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn indictment_elements_come_out_contiguous() {
    let pdf = text_of("indictment.pdf");
    let t = &pdf.text;
    for needle in [
        "被告人张某某，男，1990年3月7日出生，公民身份号码110105199003071239，汉族",
        "被告人李某，女，1985年8月12日出生，公民身份号码320502198508124567",
        "2023年6月13日22时许",
        "现金人民币6,850元",
        "（经鉴定价值人民币3,200元）",
        "某检刑诉〔2023〕123号",
        "2023年10月8日",
    ] {
        assert!(t.contains(needle), "missing {needle:?} in:\n{t}");
    }
}

#[test]
fn indictment_paragraphs_one_per_line_and_pages_by_form_feed() {
    let pdf = text_of("indictment.pdf");
    assert_eq!(pdf.pages, 2);
    assert_eq!(pdf.text.matches('\u{c}').count(), 1, "two pages, one form feed");
    let lines: Vec<&str> = pdf.text.split(['\n', '\u{c}']).collect();
    // Each wrapped paragraph is a single line, from its first words to its last.
    let line = |start: &str| lines.iter().find(|l| l.starts_with(start)).copied().unwrap_or("");
    assert!(line("被告人张某某，男").ends_with("执行逮捕。"), "{:?}", line("被告人张某某，男"));
    assert!(line("被告人李某，女").ends_with("被取保候审。"));
    assert!(line("本案由").ends_with("审查了全部案件材料。"));
    // Bold run at the start of a paragraph stays in it.
    assert!(line("本院认为，被告人张某某以非法占有为目的").ends_with("追究其刑事责任。"));
    // Title spaced out in the DOCX ("起 诉 书") comes out without spaces between CJK characters.
    assert!(lines.contains(&"起诉书"));
    assert!(lines.contains(&"经依法审查查明："));
    // Table rows: cells separated by tabs.
    assert!(lines.contains(&"序号\t物品名称\t数量\t价值（元）"), "{lines:?}");
    assert!(lines.contains(&"2\t苹果牌手机\t1\t3,200"));
    assert!(lines.iter().all(|l| l.trim_end() == *l), "no trailing whitespace");
}

#[test]
fn read_bytes_reads_pdf_documents() {
    let doc = read_bytes("起诉书.pdf", &fixture("indictment.pdf"), &Limits::default()).unwrap();
    assert_eq!(doc.format, Format::Pdf);
    assert_eq!(doc.pages, 2);
    assert!(doc.text.contains("被告人张某某"));
}

const FAKE_BOLD_TEXT: &str =
    "被告人张某某犯盗窃罪，数额较大。\nCase No. 2023-123\n本院认为\u{c}竖排第一段。\n竖排第二段文字较长";

#[test]
fn fake_bold_appears_once_and_vertical_columns_read_right_to_left() {
    let pdf = text_of("fake_bold.pdf");
    assert_eq!(pdf.pages, 2);
    assert_eq!(pdf.text, FAKE_BOLD_TEXT);
}

#[test]
fn encrypted_with_empty_user_password_opens() {
    for name in ["encrypted_empty_user.pdf", "encrypted_rc4_empty_user.pdf"] {
        assert_eq!(text_of(name).text, FAKE_BOLD_TEXT, "{name}");
    }
}

#[test]
fn encrypted_with_user_password_is_a_clear_error() {
    let err = extract(&fixture("encrypted_user_pw.pdf"), &Limits::default()).unwrap_err();
    assert!(matches!(err, IngestError::Encrypted(_)), "{err:?}");
    assert!(err.to_string().contains("password"), "{err}");
}

#[test]
fn scan_has_no_text_layer() {
    let err = extract(&fixture("scan.pdf"), &Limits::default()).unwrap_err();
    assert!(matches!(err, IngestError::NoTextLayer), "{err:?}");
}

/// A deterministic pseudo-random byte source (xorshift).
fn noise(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

#[test]
fn bad_input_gives_errors_not_panics() {
    let limits = Limits::default();
    assert!(matches!(extract(b"", &limits), Err(IngestError::Empty)));
    let real = fixture("indictment.pdf");
    let half = &real[..real.len() / 2];
    // The first half of a real PDF: no cross-reference table, no trailer.
    match extract(half, &limits) {
        Err(IngestError::BrokenPdf(msg)) => assert!(!msg.is_empty()),
        other => panic!("truncated PDF: {other:?}"),
    }
    let random = noise(7, 4096);
    assert!(matches!(extract(&random, &limits), Err(IngestError::BrokenPdf(_))));
    let mut fake = b"%PDF-1.7\n".to_vec();
    fake.extend(noise(11, 4096));
    assert!(matches!(read_bytes("random.pdf", &fake, &limits), Err(IngestError::BrokenPdf(_))));
}

#[test]
fn corrupted_bytes_never_panic() {
    let original = fixture("fake_bold.pdf");
    for seed in 1..200u64 {
        let mut bytes = original.clone();
        let r = noise(seed, 16);
        for k in 0..4 {
            let at = (usize::from(r[k * 2]) << 8 | usize::from(r[k * 2 + 1])) % bytes.len();
            bytes[at] = r[8 + k];
        }
        let result = catch_unwind(AssertUnwindSafe(|| extract(&bytes, &Limits::default())));
        assert!(result.is_ok(), "panic on corruption seed {seed}");
    }
}

#[test]
fn limits_are_respected() {
    let bytes = fixture("indictment.pdf");
    let one_page = extract(&bytes, &Limits { max_pages: 1, ..Limits::default() }).unwrap();
    assert_eq!(one_page.pages, 1);
    assert!(!one_page.text.contains('\u{c}'));
    let tiny = Limits { max_decompressed_bytes: 2_000, ..Limits::default() };
    assert!(matches!(extract(&bytes, &tiny), Err(IngestError::DecompressionLimit { .. })));
    let few_chars = extract(&bytes, &Limits { max_chars: 50, ..Limits::default() }).unwrap();
    assert!(few_chars.text.chars().filter(|c| !c.is_whitespace()).count() <= 50);
}

#[test]
fn chinese_fonts_without_tounicode_decode_as_gbk_or_ucs2() {
    // A non-embedded 宋体 TrueType font with GBK bytes, a GBK-EUC-H and a UniGB-UCS2-H Type0 font.
    let t = text_of("gbk_fonts.pdf").text;
    assert!(t.contains("被告人张某某，男，1990年3月7日出生。"), "{t}");
    assert!(t.contains("盗窃数额人民币6,850元。"), "{t}");
    assert!(t.contains("某检刑诉〔2023〕123号"), "{t}");
}

#[test]
fn self_drawing_form_is_bounded() {
    let start = std::time::Instant::now();
    let pdf = text_of("form_bomb.pdf");
    assert_eq!(pdf.text, "Page text\nForm text");
    assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
}

/// A LibreOffice 起诉书 whose evidence table is set in a smaller size than the body: the table's
/// tighter rows must not make the body's line spacing look like paragraph gaps, and the
/// right-aligned signature and date stay on their own lines.
#[test]
fn body_paragraphs_join_beside_a_smaller_table() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/2023-危险驾驶-001/起诉书.pdf");
    let doc = anguan::ingest::read_file(&path, &anguan::ingest::Limits::default()).unwrap();
    for s in
        ["其行为触犯了《中华人民共和国刑法》第一百三十三条之一第一款", "缓刑三个月，并处罚金人民币四千元。"]
    {
        assert!(doc.text.contains(s), "{s} not contiguous in:\n{}", doc.text);
    }
    assert!(doc.text.contains("检察官陈静\n2023年12月12日\n"), "{}", doc.text);
}

/// A LibreOffice table whose cells wrap onto two to four lines beside one-line cells
/// (tests/fixtures/make_pdf_table_fixture.py): each cell comes out whole, a row is one line of
/// tab-separated cells, and the paragraphs before and after the table keep their places.
#[test]
fn table_cells_wrapped_onto_several_lines_come_out_whole() {
    let text = text_of("table_cells.pdf").text;
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "被告人张某某涉嫌盗窃罪一案，本院经审查认为，被告人张某某具有以下量刑情节：",
            "序号\t量刑情节\t法律依据\t调节幅度",
            "1\t累犯\t《中华人民共和国刑法》第六十五条第一款\t从重",
            "2\t坦白\t《中华人民共和国刑法》第六十七条第三款\t从轻",
            "3\t退赃退赔并取得被害人谅解\t酌定情节\t从轻",
            "4\t认罪认罚\t《中华人民共和国刑事诉讼法》第十五条、第一百七十六条第二款\t从轻",
            "综上，建议判处被告人张某某有期徒刑一年二个月，并处罚金人民币五千元。",
        ],
        "{text}"
    );
}
