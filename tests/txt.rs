//! TXT decoding: every encoding of the fixtures (tests/fixtures/make_txt_fixtures.py) gives the
//! same text; control characters go; binary junk is an encoding error, never mojibake.

mod common;
use common::junk;
use std::path::Path;

use anguan::ingest::txt::{decode, tidy};
use anguan::ingest::{Format, IngestError, Limits, read_bytes};

const BASE: &str = "讯问笔录（第1次）
时间：2025年11月3日9时10分至10时20分
地点：某某市公安局某某分局执法办案中心
侦查员：刘某、陈某\u{3000}记录员：陈某
犯罪嫌疑人：张某某，男，居民身份证号码110105199003071247。
问：你因何事被传唤到案？
答：因为我在某某商场拿了别人的手机，价值3,200元。";
const RARE: &str = "同案人：赵\u{2C317}，女，1992年5月生。";

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/txt").join(name)).unwrap()
}

#[test]
fn every_encoding_gives_the_same_text() {
    let full = format!("{BASE}\n{RARE}");
    for name in [
        "utf8.txt",
        "utf8_bom_crlf.txt",
        "utf16le_bom.txt",
        "utf16be_bom.txt",
        "utf16le_nobom.txt",
        "gb18030.txt",
        "gb18030_cr.txt",
    ] {
        assert_eq!(decode(&fixture(name)).unwrap(), full, "{name}");
    }
    assert_eq!(decode(&fixture("gbk_crlf.txt")).unwrap(), BASE);
}

#[test]
fn the_file_name_is_not_a_hint() {
    // GBK bytes named .pdf and .docx are still read as text, by their bytes
    for name in ["讯问笔录.pdf", "讯问笔录.docx", "讯问笔录"] {
        let doc = read_bytes(name, &fixture("gbk_crlf.txt"), &Limits::default()).unwrap();
        assert_eq!(doc.format, Format::Txt);
        assert_eq!(doc.text, BASE);
    }
}

#[test]
fn newlines_controls_and_bom_are_normalised() {
    let bytes =
        "\u{feff}第一行\r\n第二\u{0}行\u{7}\r第三行\t \n\u{c}第四行\u{a0}\n\n\n\n\n第五行\n".as_bytes();
    assert_eq!(decode(bytes).unwrap(), "第一行\n第二行\n第三行\n\u{c}第四行\n\n\n第五行");
    // NUL bytes sprinkled into UTF-8 (not UTF-16) are removed
    assert_eq!(decode(b"abc\0def\n").unwrap(), "abcdef");
    assert_eq!(tidy("\n\n  \n正文\n\n"), "正文");
    assert_eq!(tidy("甲\u{b}乙\u{2028}丙\u{2029}丁\u{85}戊"), "甲\n乙\n丙\n丁\n戊");
}

#[test]
fn short_gbk_and_mixed_ascii_are_recognised() {
    let (gbk, _, _) = encoding_rs::GBK.encode("张某某");
    assert_eq!(decode(&gbk).unwrap(), "张某某");
    let (gbk, _, _) = encoding_rs::GBK.encode("Case No. 2026-45: 被告人李某，罪名：诈骗罪。");
    assert_eq!(decode(&gbk).unwrap(), "Case No. 2026-45: 被告人李某，罪名：诈骗罪。");
}

#[test]
fn random_bytes_are_not_text() {
    for seed in 0..300 {
        for len in [64, 300, 4096] {
            let bytes = junk(seed, len);
            match decode(&bytes) {
                Err(IngestError::Encoding(msg)) => assert!(msg.contains("not text"), "{msg}"),
                other => panic!("seed {seed} len {len}: {other:?}"),
            }
        }
    }
}

#[test]
fn binary_files_are_not_text() {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(junk(7, 2000));
    let zeros = vec![0u8; 1000];
    let mut elf = b"\x7fELF\x02\x01\x01".to_vec();
    elf.extend(vec![0u8; 64]);
    elf.extend(junk(8, 500));
    // Latin-1 text is not GBK: no mojibake
    let latin1 =
        b"Proc\xe8s-verbal d'audition, t\xe9moin Ren\xe9 Dupr\xe9, \xe0 Paris, ann\xe9e 2025.".to_vec();
    for (what, bytes) in [("png", png), ("zeros", zeros), ("elf", elf), ("latin-1", latin1)] {
        assert!(matches!(decode(&bytes), Err(IngestError::Encoding(_))), "{what}");
    }
}

#[test]
fn utf16_without_bom_in_big_endian_too() {
    let text = "起诉意见书\n犯罪嫌疑人王某，男，1988年出生。\n";
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    assert_eq!(decode(&be).unwrap(), text.trim_end());
}

const TRADITIONAL: &str = "起訴書\n被告人張某某，男，1990年3月7日出生，漢族，無業。因涉嫌盜竊罪，於2025年11月2日被刑事拘留。\n\
經依法審查查明：被告人在某商場內，趁被害人李某不備，竊取其放在櫃檯上的手機一部。";

#[test]
fn traditional_chinese_in_gbk_is_read() {
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(TRADITIONAL);
    assert!(!unmappable);
    assert_eq!(decode(&gbk).unwrap(), TRADITIONAL);
}

#[test]
fn big5_is_refused_not_mojibake() {
    let (big5, _, unmappable) = encoding_rs::BIG5.encode(TRADITIONAL);
    assert!(!unmappable);
    assert!(matches!(decode(&big5), Err(IngestError::Encoding(_))));
}
