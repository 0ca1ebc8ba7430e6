//! Bad input: every hostile or broken file gives one clear error for that file, the rest of the
//! case folder is read, and nothing panics. Big and hostile inputs are generated here, at test
//! time; the committed fixtures (tests/fixtures/bad/) are small.

mod common;
use common::junk;
use std::io::Write;
use std::path::{Path, PathBuf};

use anguan::ingest::collection::read_case;
use anguan::ingest::{Format, IngestError, Limits, docx, read_bytes, read_file, txt};
use proptest::prelude::*;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn bad(name: &str) -> Vec<u8> {
    std::fs::read(fixtures().join("bad").join(name)).unwrap()
}

fn good_docx() -> Vec<u8> {
    std::fs::read(fixtures().join("docx/qisushu.docx")).unwrap()
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A zip of `(name, bytes)` entries, deflated.
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        zip.start_file(*name, opts).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

/// A `word/document.xml` whose one paragraph holds `n` characters.
fn big_document(n: usize) -> Vec<u8> {
    let mut xml = format!(r#"<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>"#).into_bytes();
    xml.extend("案".repeat(n).bytes());
    xml.extend(b"</w:t></w:r></w:p></w:body></w:document>");
    xml
}

#[test]
fn empty_files() {
    for name in ["空.txt", "空.docx", "空.pdf"] {
        assert!(matches!(read_bytes(name, b"", &Limits::default()), Err(IngestError::Empty)));
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("空.docx");
    std::fs::write(&path, b"").unwrap();
    let err = read_file(&path, &Limits::default()).unwrap_err();
    assert_eq!(err.to_string(), "empty file (0 bytes)");
}

#[test]
fn truncated_docx_is_a_broken_docx() {
    let err = read_bytes("起诉书.docx", &bad("truncated.docx"), &Limits::default()).unwrap_err();
    assert!(matches!(err, IngestError::BrokenDocx(_)), "{err}");
    assert!(err.to_string().contains("damaged or truncated zip"), "{err}");
    // cut anywhere: always an error or text, never a panic
    let whole = good_docx();
    for cut in (0..whole.len()).step_by(997) {
        let _ = docx::extract(&whole[..cut], &Limits::default());
    }
}

#[test]
fn random_bytes_under_any_name_are_not_text() {
    for (i, name) in ["扫描件.pdf", "起诉书.docx", "笔录.txt"].iter().enumerate() {
        let err = read_bytes(name, &junk(i as u64 + 100, 8192), &Limits::default()).unwrap_err();
        assert!(matches!(err, IngestError::Encoding(_)), "{name}: {err}");
        assert!(err.to_string().contains("not text"), "{err}");
    }
}

#[test]
fn zip_bomb_stops_at_the_decompression_limit() {
    // 20 MB of text deflates to about 20 KB; the limit is 1 MB.
    let bomb = zip_of(&[("word/document.xml", &big_document(7_000_000))]);
    assert!(bomb.len() < 200_000, "{}", bomb.len());
    let limits = Limits { max_decompressed_bytes: 1 << 20, ..Limits::default() };
    let err = read_bytes("炸弹.docx", &bomb, &limits).unwrap_err();
    assert!(matches!(err, IngestError::DecompressionLimit { limit: 1_048_576 }), "{err}");
    assert!(err.to_string().contains("zip bomb"), "{err}");

    // The same bomb declaring a tiny uncompressed size (a lying header) is refused too.
    let mut liar = bomb.clone();
    for (sig, offset) in [(b"PK\x03\x04", 22), (b"PK\x01\x02", 24)] {
        let at = liar.windows(4).position(|w| w == sig).unwrap() + offset;
        liar[at..at + 4].copy_from_slice(&100u32.to_le_bytes());
    }
    assert!(read_bytes("炸弹.docx", &liar, &limits).is_err());
    assert!(read_bytes("炸弹.docx", &liar, &Limits::default()).is_err());

    // The bomb imported into a document as an altChunk counts against the same budget.
    let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="c" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" Target="bomb.docx"/></Relationships>"#;
    let outer = format!(
        r#"<w:document xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body><w:altChunk r:id="c"/></w:body></w:document>"#
    );
    let nested = zip_of(&[
        ("word/document.xml", outer.as_bytes()),
        ("word/_rels/document.xml.rels", rels.as_bytes()),
        ("word/bomb.docx", &bomb),
    ]);
    let err = read_bytes("套娃.docx", &nested, &limits).unwrap_err();
    assert!(matches!(err, IngestError::DecompressionLimit { .. }), "{err}");

    // Under the limit the same document reads.
    let small = zip_of(&[("word/document.xml", &big_document(1000))]);
    assert_eq!(read_bytes("小.docx", &small, &limits).unwrap().chars, 1000);
}

#[test]
fn zip_with_twenty_thousand_entries_is_refused() {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("word/document.xml", opts).unwrap();
    zip.write_all(&big_document(10)).unwrap();
    for i in 0..20_000 {
        zip.start_file(format!("word/media/image{i}.png"), opts).unwrap();
    }
    zip.finish().unwrap();
    let err = read_bytes("多.docx", &out.into_inner(), &Limits::default()).unwrap_err();
    assert!(matches!(err, IngestError::BrokenDocx(_)), "{err}");
    assert!(err.to_string().contains("20001 entries"), "{err}");
}

#[test]
fn deeply_nested_xml_is_refused() {
    let depth = 100_000;
    let mut xml = format!(r#"<w:document xmlns:w="{W}"><w:body>"#);
    xml.push_str(&"<w:tbl><w:tr><w:tc>".repeat(depth / 3));
    xml.push_str(&"</w:tc></w:tr></w:tbl>".repeat(depth / 3));
    xml.push_str("</w:body></w:document>");
    let deep = zip_of(&[("word/document.xml", xml.as_bytes())]);
    let err = read_bytes("深.docx", &deep, &Limits::default()).unwrap_err();
    assert!(matches!(err, IngestError::TooDeep { limit: 64 }), "{err}");
    assert_eq!(err.to_string(), "nesting deeper than 64 levels");
}

#[test]
fn a_200_mb_file_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("卷宗.pdf");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(200 * 1024 * 1024).unwrap(); // sparse: nothing is written
    let err = read_file(&path, &Limits::default()).unwrap_err();
    assert!(matches!(err, IngestError::TooLarge { size: 209_715_200, limit: 104_857_600 }), "{err}");

    let limits = Limits { max_file_bytes: 10_000, ..Limits::default() };
    let err = read_bytes("起诉书.docx", &good_docx(), &limits).unwrap_err();
    assert!(matches!(err, IngestError::TooLarge { limit: 10_000, .. }), "{err}");
}

#[test]
fn a_docx_named_pdf_reads_as_docx() {
    let doc = read_bytes("起诉书.pdf", &good_docx(), &Limits::default()).unwrap();
    assert_eq!(doc.format, Format::Docx);
    assert!(doc.text.starts_with("某某市某某区人民检察院\n起 诉 书\n某检刑诉〔2026〕123号"), "{}", doc.text);
    assert_eq!(doc.furniture.len(), 6);
}

#[test]
fn doc_and_wps_ask_to_save_as_docx() {
    for name in ["old.doc", "old.wps"] {
        let err = read_bytes(name, &bad(name), &Limits::default()).unwrap_err();
        assert!(matches!(err, IngestError::Unsupported(_)), "{err}");
        assert!(err.to_string().contains("save it as .docx"), "{err}");
    }
}

#[test]
fn a_case_folder_of_bad_files_reports_each_and_reads_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("c07");
    std::fs::create_dir(&case).unwrap();
    let put = |name: &str, bytes: &[u8]| std::fs::write(case.join(name), bytes).unwrap();
    let mut many = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut many);
        for i in 0..12_000 {
            zip.start_file(format!("f{i}"), zip::write::SimpleFileOptions::default()).unwrap();
        }
        zip.finish().unwrap();
    }
    let mut deep = format!(r#"<w:document xmlns:w="{W}"><w:body>"#);
    deep.push_str(&"<w:p>".repeat(5000));
    put("01空.txt", b"");
    put("02截断.docx", &bad("truncated.docx"));
    put("03乱码.pdf", &junk(1, 5000));
    put("04乱码.docx", &junk(2, 5000));
    put("05乱码.txt", &junk(3, 5000));
    put("06炸弹.docx", &zip_of(&[("word/document.xml", &big_document(7_000_000))]));
    put("07多条目.docx", &many.into_inner());
    put("08深嵌套.docx", &zip_of(&[("word/document.xml", deep.as_bytes())]));
    put("09旧格式.doc", &bad("old.doc"));
    put("10旧格式.wps", &bad("old.wps"));
    put("11表格.docx", &zip_of(&[("xl/workbook.xml", b"<workbook/>")]));
    put("起诉书.pdf", &good_docx());
    put("讯问笔录.txt", &std::fs::read(fixtures().join("txt/gbk_crlf.txt")).unwrap());
    put("card.json", b"{}");
    std::fs::File::create(case.join("12超大.pdf")).unwrap().set_len(200 * 1024 * 1024).unwrap();

    let limits = Limits { max_decompressed_bytes: 4 << 20, ..Limits::default() };
    let c = read_case(&case, &limits);
    let docs: Vec<_> = c.documents.iter().map(|d| (d.file.as_str(), d.format)).collect();
    assert_eq!(docs, vec![("讯问笔录.txt", Format::Txt), ("起诉书.pdf", Format::Docx)]);
    let errors: Vec<_> = c.errors.iter().map(|e| (e.file.as_str(), e.error.as_str())).collect();
    let expect = [
        ("c07/01空.txt", "empty file"),
        ("c07/02截断.docx", "damaged or truncated zip"),
        ("c07/03乱码.pdf", "not text"),
        ("c07/04乱码.docx", "not text"),
        ("c07/05乱码.txt", "not text"),
        ("c07/06炸弹.docx", "zip bomb"),
        ("c07/07多条目.docx", "12000 entries"),
        ("c07/08深嵌套.docx", "nesting deeper than 64"),
        ("c07/09旧格式.doc", "save it as .docx"),
        ("c07/10旧格式.wps", "save it as .docx"),
        ("c07/11表格.docx", "Excel workbook"),
        ("c07/12超大.pdf", "file too large"),
    ];
    assert_eq!(errors.len(), expect.len(), "{errors:#?}");
    for ((file, error), (want_file, want)) in errors.iter().zip(expect) {
        assert_eq!(*file, want_file);
        assert!(error.contains(want), "{file}: {error}");
        assert!(!error.contains("panic"), "{file}: {error}");
    }
}

/// A well-formed document.xml of WordprocessingML elements nested in any (mostly invalid) way.
fn xml_tree() -> impl Strategy<Value = String> {
    let leaf = prop::sample::select(vec![
        "案",
        " ",
        "\t",
        "&amp;",
        "&#x3000;",
        "&bogus;",
        "<w:tab/>",
        "<w:br/>",
        "<w:cr/>",
        "<w:noBreakHyphen/>",
        "<w:fldChar w:fldCharType=\"begin\"/>",
        "<w:fldChar w:fldCharType=\"separate\"/>",
        "<w:fldChar w:fldCharType=\"end\"/>",
        "<w:gridSpan w:val=\"99999999999\"/>",
        "<w:gridSpan w:val=\"-1\"/>",
        "<w:vMerge/>",
        "<w:gridBefore w:val=\"3\"/>",
        "<w:del/>",
        "<w:showingPlcHdr/>",
        "<w:sym w:char=\"zz\"/>",
        "<w:sym w:char=\"4E2D\"/>",
        "<w:instrText>PAGE</w:instrText>",
        "<w:delText>删</w:delText>",
        "<w:checked/>",
        "<w:default w:val=\"1\"/>",
        "<v:textpath string=\"字\"/>",
        "<w:rFonts w:ascii=\"Wingdings 2\"/>",
        "<w:vanish/>",
        "<w:numId w:val=\"1\"/>",
        "<w:altChunk r:id=\"x\"/>",
    ])
    .prop_map(str::to_string);
    let containers = prop::sample::select(vec![
        "w:p",
        "w:r",
        "w:t",
        "w:tbl",
        "w:tr",
        "w:tc",
        "w:tcPr",
        "w:trPr",
        "w:pPr",
        "w:rPr",
        "w:del",
        "w:ins",
        "w:moveFrom",
        "w:moveTo",
        "w:txbxContent",
        "w:sdt",
        "w:sdtPr",
        "w:sdtContent",
        "w:hyperlink",
        "w:fldSimple",
        "w:footnote",
        "mc:AlternateContent",
        "mc:Choice",
        "mc:Fallback",
        "m:t",
        "w:checkBox",
        "w:ffData",
        "w:numPr",
    ]);
    leaf.prop_recursive(6, 200, 8, move |inner| {
        (containers.clone(), prop::collection::vec(inner, 0..8))
            .prop_map(|(tag, children)| format!("<{tag}>{}</{tag}>", children.concat()))
    })
    .prop_map(|body| {
        format!(
            r#"<w:document xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{body}</w:body></w:document>"#
        )
    })
}

/// A numbering.xml with arbitrary values, and paragraphs numbered with arbitrary ids and levels.
fn numbered_package() -> impl Strategy<Value = Vec<u8>> {
    let format = prop::sample::select(vec![
        "decimal",
        "chineseCounting",
        "chineseLegalSimplified",
        "ideographTraditional",
        "ideographZodiac",
        "decimalEnclosedCircle",
        "upperRoman",
        "lowerLetter",
        "decimalZero",
        "bullet",
        "none",
        "ideographDigital",
    ]);
    let level = (any::<i64>(), format, "[%0-9a-z、（）.]{0,8}", "[0-9]{1,2}|-1|x");
    let levels = prop::collection::vec(level, 0..6);
    let paragraphs = prop::collection::vec(("[0-4]|-1|99999999999999999999", "[0-9]|-3|x"), 0..30);
    (levels, any::<i64>(), paragraphs).prop_map(|(levels, start_override, paragraphs)| {
        let lvls: String = levels
            .iter()
            .map(|(start, fmt, text, ilvl)| {
                format!(
                    r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/><w:isLgl/></w:lvl>"#
                )
            })
            .collect();
        let numbering = format!(
            r#"<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0">{lvls}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start_override}"/></w:lvlOverride></w:num><w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num></w:numbering>"#
        );
        let body: String = paragraphs
            .iter()
            .map(|(num, ilvl)| {
                format!(
                    r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr><w:r><w:t>项</w:t></w:r></w:p>"#
                )
            })
            .collect();
        let document = format!(r#"<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#);
        let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>"#;
        zip_of(&[
            ("word/document.xml", document.as_bytes()),
            ("word/_rels/document.xml.rels", rels.as_bytes()),
            ("word/numbering.xml", numbering.as_bytes()),
        ])
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn txt_decode_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        let _ = txt::decode(&bytes);
    }

    #[test]
    fn docx_extract_never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        let _ = docx::extract(&bytes, &Limits::default());
        let mut zip = b"PK\x03\x04".to_vec();
        zip.extend(&bytes);
        let _ = docx::extract(&zip, &Limits::default());
    }

    #[test]
    fn docx_extract_never_panics_on_a_damaged_docx(edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..20)) {
        let mut bytes = good_docx();
        for (at, value) in edits {
            let i = at.index(bytes.len());
            bytes[i] = value;
        }
        let _ = docx::extract(&bytes, &Limits::default());
    }

    #[test]
    fn docx_numbering_never_panics(bytes in numbered_package()) {
        let doc = docx::extract(&bytes, &Limits::default()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(doc.body.matches('项').count(), doc.body.lines().count());
    }

    #[test]
    fn docx_extract_reads_any_well_formed_nesting(xml in xml_tree()) {
        let doc = docx::extract(&zip_of(&[("word/document.xml", xml.as_bytes())]), &Limits::default());
        let body = doc.map_err(|e| TestCaseError::fail(format!("{e}: {xml}")))?.body;
        prop_assert!(!body.lines().any(|l| l.ends_with([' ', '\t'])), "{body:?}");
        prop_assert!(!body.contains("删") && !body.contains("PAGE"), "{body:?}");
    }
}
