//! Character encodings of fonts without (usable) ToUnicode maps.
//!
//! - Simple fonts: a 256-entry table from the base encoding (Standard, WinAnsi, MacRoman; the
//!   tables come from lopdf, queried once) overridden by `/Differences` glyph names. Glyph names
//!   follow the Adobe Glyph List rules: `uniXXXX` (several groups allowed), `uXXXX[XX]`, suffixes
//!   after `.` dropped, `_` ligatures; other names are looked up in lopdf's glyph list.
//! - Chinese fonts whose strings carry GBK bytes (non-embedded 宋体/仿宋/SimSun… written by old
//!   Windows drivers and some SDKs, with a WinAnsi or no encoding and no ToUnicode): recognised
//!   from the font name ([`is_chinese_font_name`]) and decoded as GBK (a lead byte ≥ 0x81 takes the
//!   next byte), as pdf.js does.
//! - Predefined CJK CMaps of Type0 fonts ([`PredefinedCMap`]): EUC/GBK (GBK bytes), UCS-2/UTF-16
//!   (Unicode code units), Big5, Shift-JIS and EUC-KR.

use std::collections::HashMap;
use std::sync::OnceLock;

use encoding_rs::{BIG5, EUC_JP, EUC_KR, GBK, SHIFT_JIS};
use lopdf::{Dictionary, Document, Object};

/// Substrings of font names that mean a Chinese font (compared case-insensitively, spaces
/// and hyphens removed). Technical, not domain knowledge: these are font family names.
const CHINESE_FONT_CUES: &[&str] = &[
    "simsun",
    "nsimsun",
    "simhei",
    "simkai",
    "simfang",
    "fangsong",
    "kaiti",
    "stsong",
    "stkaiti",
    "stfangsong",
    "stheiti",
    "stxihei",
    "stzhongsong",
    "gb2312",
    "gbk",
    "gb18030",
    "microsoftyahei",
    "yahei",
    "dengxian",
    "songti",
    "heiti",
    "fzxbs",
    "fzs",
    "fzh",
    "fzk",
    "fzf",
    "fzxiaobiaosong",
    "hyshusong",
    "adobesong",
    "adobeheiti",
    "adobekaiti",
    "adobefangsong",
    "宋",
    "黑",
    "楷",
    "仿",
    "隶",
    "圆",
    "雅黑",
    "标宋",
    "等线",
];

/// Whether a font's name says it is a Chinese font. Names written in GBK bytes (`#CB#CE#CC#E5`
/// for 宋体) are decoded first; any name with Han characters counts.
pub fn is_chinese_font_name(name: &[u8]) -> bool {
    let text = font_name_text(name);
    if text.chars().any(is_han) {
        return true;
    }
    let key: String = text.to_lowercase().chars().filter(|c| !matches!(c, ' ' | '-' | '_')).collect();
    CHINESE_FONT_CUES.iter().any(|cue| key.contains(cue))
}

/// A font name as text: UTF-8 if valid, else GBK (names of Chinese fonts written by Windows).
pub fn font_name_text(name: &[u8]) -> String {
    match std::str::from_utf8(name) {
        Ok(s) => s.to_string(),
        Err(_) => GBK.decode_without_bom_handling(name).0.into_owned(),
    }
}

pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// Decode a GBK/GB18030 double-byte (or single-byte) code.
pub fn decode_gbk(bytes: &[u8]) -> String {
    GBK.decode_without_bom_handling(bytes).0.replace('\u{FFFD}', "")
}

/// The predefined CJK CMaps a Type0 font may name as its `/Encoding`, by how codes turn into text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PredefinedCMap {
    /// Identity-H / Identity-V: two-byte CIDs; text only through ToUnicode.
    Identity,
    /// GB-EUC, GBK-EUC, GBKp-EUC, GBK2K: GBK bytes, one byte below 0x81.
    Gbk,
    /// Uni*-UCS2-* and Uni*-UTF16-*: UTF-16BE code units.
    Utf16,
    /// ETen-B5, HKscs-B5, B5pc…: Big5 bytes.
    Big5,
    /// 90ms-RKSJ, 83pv-RKSJ…: Shift-JIS bytes.
    ShiftJis,
    /// EUC-H/V (Japanese).
    EucJp,
    /// KSC-EUC, KSCms-UHC: EUC-KR bytes.
    EucKr,
}

impl PredefinedCMap {
    /// Recognise a predefined CMap name; `None` for names we do not know.
    pub fn from_name(name: &[u8]) -> Option<PredefinedCMap> {
        let name = String::from_utf8_lossy(name).to_ascii_uppercase();
        let map = if name.starts_with("IDENTITY") {
            PredefinedCMap::Identity
        } else if name.contains("UCS2") || name.contains("UTF16") {
            PredefinedCMap::Utf16
        } else if name.starts_with("GB") {
            PredefinedCMap::Gbk
        } else if name.contains("B5") {
            PredefinedCMap::Big5
        } else if name.contains("RKSJ") {
            PredefinedCMap::ShiftJis
        } else if name.starts_with("KSC") {
            PredefinedCMap::EucKr
        } else if name.starts_with("EUC") {
            PredefinedCMap::EucJp
        } else {
            return None;
        };
        Some(map)
    }

    /// Length in bytes of the code starting with `lead` (`rest` is how many bytes remain).
    pub fn code_len(self, lead: u8) -> usize {
        match self {
            PredefinedCMap::Identity | PredefinedCMap::Utf16 => 2,
            PredefinedCMap::ShiftJis => {
                if matches!(lead, 0x81..=0x9F | 0xE0..=0xFC) {
                    2
                } else {
                    1
                }
            }
            _ => {
                if lead >= 0x81 {
                    2
                } else {
                    1
                }
            }
        }
    }

    /// Text of one code, when the CMap itself says what it is.
    pub fn text(self, code: &[u8]) -> Option<String> {
        let enc = match self {
            PredefinedCMap::Identity => return None,
            PredefinedCMap::Utf16 => {
                return Some(encoding_rs::UTF_16BE.decode_without_bom_handling(code).0.into_owned());
            }
            PredefinedCMap::Gbk => GBK,
            PredefinedCMap::Big5 => BIG5,
            PredefinedCMap::ShiftJis => SHIFT_JIS,
            PredefinedCMap::EucJp => EUC_JP,
            PredefinedCMap::EucKr => EUC_KR,
        };
        let text = enc.decode_without_bom_handling(code).0.replace('\u{FFFD}', "");
        Some(text)
    }
}

/// Text for a glyph name, by the Adobe Glyph List rules; `None` when unknown.
pub fn glyph_name_text(name: &[u8]) -> Option<String> {
    let name = std::str::from_utf8(name).ok()?;
    let base = name.split('.').next().unwrap_or(name);
    if base.is_empty() {
        return None;
    }
    let mut out = String::new();
    for part in base.split('_') {
        out.push_str(&component_text(part)?);
    }
    Some(out)
}

fn component_text(part: &str) -> Option<String> {
    let hex = |s: &str| u32::from_str_radix(s, 16).ok().and_then(char::from_u32);
    if let Some(digits) = part.strip_prefix("uni")
        && digits.len() >= 4
        && digits.len() % 4 == 0
        && digits.chars().all(|c| c.is_ascii_hexdigit())
    {
        let units: Vec<u16> = digits
            .as_bytes()
            .chunks(4)
            .filter_map(|c| std::str::from_utf8(c).ok().and_then(|s| u16::from_str_radix(s, 16).ok()))
            .collect();
        return Some(char::decode_utf16(units).filter_map(Result::ok).collect());
    }
    if let Some(digits) = part.strip_prefix('u')
        && (4..=6).contains(&digits.len())
        && digits.chars().all(|c| c.is_ascii_hexdigit())
    {
        return hex(digits).map(String::from);
    }
    if part.chars().count() == 1 && part.chars().all(|c| c.is_ascii_alphabetic()) {
        return Some(part.to_string());
    }
    // Names like g123, cid123, glyph12, G065 carry no meaning.
    let digits_at = part.find(|c: char| c.is_ascii_digit()).unwrap_or(part.len());
    if matches!(&part[..digits_at], "g" | "G" | "cid" | "glyph" | "index" | "c" | "C")
        && part[digits_at..].chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    lopdf_glyph(part)
}

/// Look a glyph name up in lopdf's glyph list (through a one-entry `/Differences`), cached.
fn lopdf_glyph(name: &str) -> Option<String> {
    static CACHE: OnceLock<std::sync::Mutex<HashMap<String, Option<String>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Ok(map) = cache.lock()
        && let Some(hit) = map.get(name)
    {
        return hit.clone();
    }
    let mut enc = Dictionary::new();
    enc.set("BaseEncoding", Object::Name(b"WinAnsiEncoding".to_vec()));
    enc.set("Differences", Object::Array(vec![Object::Integer(0), Object::Name(name.as_bytes().to_vec())]));
    let text = decode_with_fake_font(Object::Dictionary(enc), 0).filter(|t| !t.is_empty());
    if let Ok(mut map) = cache.lock()
        && map.len() < 10_000
    {
        map.insert(name.to_string(), text.clone());
    }
    text
}

/// Decode one byte through lopdf's encoding machinery for a font dictionary with `encoding`.
fn decode_with_fake_font(encoding: Object, byte: u8) -> Option<String> {
    let mut font = Dictionary::new();
    font.set("Type", Object::Name(b"Font".to_vec()));
    font.set("Encoding", encoding);
    let doc = Document::new();
    let enc = font.get_font_encoding(&doc).ok()?;
    enc.bytes_to_string(&[byte]).ok()
}

/// The base encodings we know, as 256-entry tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaseEncoding {
    Standard,
    WinAnsi,
    MacRoman,
}

impl BaseEncoding {
    pub fn from_name(name: &[u8]) -> Option<BaseEncoding> {
        match name {
            b"StandardEncoding" => Some(BaseEncoding::Standard),
            b"WinAnsiEncoding" => Some(BaseEncoding::WinAnsi),
            b"MacRomanEncoding" => Some(BaseEncoding::MacRoman),
            _ => None,
        }
    }

    /// The table: byte → text (empty when the encoding leaves it undefined).
    pub fn table(self) -> &'static [String] {
        static TABLES: OnceLock<[Vec<String>; 3]> = OnceLock::new();
        let tables = TABLES.get_or_init(|| {
            let build = |name: &[u8]| -> Vec<String> {
                (0..=255u8)
                    .map(|b| decode_with_fake_font(Object::Name(name.to_vec()), b).unwrap_or_default())
                    .collect()
            };
            [build(b"StandardEncoding"), build(b"WinAnsiEncoding"), build(b"MacRomanEncoding")]
        });
        match self {
            BaseEncoding::Standard => &tables[0],
            BaseEncoding::WinAnsi => &tables[1],
            BaseEncoding::MacRoman => &tables[2],
        }
    }
}

/// A simple font's byte → text table from its `/Encoding` entry (name or dictionary with
/// `/BaseEncoding` and `/Differences`). `default` is used when nothing names a base encoding.
/// The second value says whether `/Differences` named any glyph.
pub fn simple_table(encoding: Option<&Object>, doc: &Document, default: BaseEncoding) -> (Vec<String>, bool) {
    let resolve = |o: &Object| match o {
        Object::Reference(id) => doc.get_object(*id).ok().cloned(),
        other => Some(other.clone()),
    };
    let encoding = encoding.and_then(resolve);
    let (base, differences) = match &encoding {
        Some(Object::Name(name)) => (BaseEncoding::from_name(name).unwrap_or(default), None),
        Some(Object::Dictionary(dict)) => {
            let base = dict
                .get(b"BaseEncoding")
                .ok()
                .and_then(|o| o.as_name().ok())
                .and_then(BaseEncoding::from_name);
            let diffs = dict.get(b"Differences").ok().and_then(resolve);
            (base.unwrap_or(default), diffs)
        }
        _ => (default, None),
    };
    let mut table: Vec<String> = base.table().to_vec();
    let mut any = false;
    if let Some(Object::Array(items)) = differences {
        let mut code: i64 = 0;
        for item in &items {
            match item {
                Object::Integer(n) => code = *n,
                Object::Name(name) => {
                    if let Some(slot) = usize::try_from(code).ok().and_then(|c| table.get_mut(c)) {
                        *slot = glyph_name_text(name).unwrap_or_default();
                        any = true;
                    }
                    code += 1;
                }
                _ => {}
            }
        }
    }
    (table, any)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_name_text(b"uni5F20").as_deref(), Some("张"));
        assert_eq!(glyph_name_text(b"uni5F204E09").as_deref(), Some("张三"));
        assert_eq!(glyph_name_text(b"u20000").as_deref(), Some("\u{20000}"));
        assert_eq!(glyph_name_text(b"A.sc").as_deref(), Some("A"));
        assert_eq!(glyph_name_text(b"ellipsis").as_deref(), Some("…"));
        assert_eq!(glyph_name_text(b"f_i").as_deref(), Some("fi"));
        assert_eq!(glyph_name_text(b"g123"), None);
    }

    #[test]
    fn base_tables_and_font_names() {
        assert_eq!(BaseEncoding::WinAnsi.table()[0x41], "A");
        assert_eq!(BaseEncoding::WinAnsi.table()[0x80], "€");
        assert_eq!(BaseEncoding::Standard.table()[0x27], "’");
        assert!(is_chinese_font_name(b"\xba\xda\xcc\xe5"));
        assert!(is_chinese_font_name(b"ABCDEE+FangSong_GB2312"));
        assert!(is_chinese_font_name(b"SimSun,Bold"));
        assert!(!is_chinese_font_name(b"TimesNewRomanPSMT"));
        assert_eq!(decode_gbk(&[0xD5, 0xC5]), "张");
    }

    #[test]
    fn predefined_cmaps() {
        assert_eq!(PredefinedCMap::from_name(b"GBK-EUC-H"), Some(PredefinedCMap::Gbk));
        assert_eq!(PredefinedCMap::from_name(b"UniGB-UCS2-H"), Some(PredefinedCMap::Utf16));
        assert_eq!(PredefinedCMap::Utf16.text(&[0x5F, 0x20]).as_deref(), Some("张"));
        assert_eq!(PredefinedCMap::Gbk.code_len(0x41), 1);
    }
}
