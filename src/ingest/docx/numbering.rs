//! Automatic list numbering: the `一、`, `（二）`, `3.` that Word draws before numbered paragraphs
//! and that is not in the text runs.
//!
//! Read from `numbering.xml` (abstract numbering levels: start, format, level text, suffix;
//! numbering instances with start overrides) and `styles.xml` (paragraph styles that carry
//! numbering, through `w:basedOn`). Counters run per abstract numbering, as in Word: a numbering
//! instance with a start override restarts the level on its first use; a level restarts after
//! any higher level is used. Bullets give no prefix. The prefix is followed by a space when the
//! level's suffix is a tab or a space, and is cut at [`MAX_PREFIX_BYTES`].

use std::collections::{HashMap, HashSet};
use std::io::BufRead;

use quick_xml::events::{BytesStart, Event};

use super::package::attribute;
use crate::ingest::IngestError;

/// Levels of a numbering definition (0–8).
const LEVELS: usize = 9;
/// The longest `w:basedOn` chain followed.
const MAX_STYLE_CHAIN: usize = 16;
/// The longest number prefix written, in bytes: a real `w:lvlText` is a few characters ("第%1条",
/// "（%1）"); a long one repeated on every numbered paragraph would multiply the text.
const MAX_PREFIX_BYTES: usize = 256;

#[derive(Debug, Clone, Default)]
struct Level {
    start: i64,
    format: String,
    text: String,
    /// Separator after the number: a space for `tab` (the default) and `space`.
    space: bool,
    /// The paragraph style bound to this level (`w:pStyle`).
    style: Option<String>,
    /// `w:isLgl`: show every level's number in decimal.
    legal: bool,
}

#[derive(Debug, Clone, Default)]
struct StyleNumbering {
    num_id: Option<String>,
    level: Option<usize>,
    based_on: Option<String>,
}

/// Numbering definitions and the running counters of one document.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    /// abstractNumId → its levels.
    abstracts: HashMap<String, Vec<Level>>,
    /// numId → (abstractNumId, start overrides by level).
    nums: HashMap<String, (String, Vec<(usize, i64)>)>,
    styles: HashMap<String, StyleNumbering>,
    /// abstractNumId → current value of each level, `None` until used (or after a restart).
    counters: HashMap<String, [Option<i64>; LEVELS]>,
    used_nums: HashSet<String>,
}

fn level_index(e: &BytesStart<'_>, name: &str) -> Option<usize> {
    attribute(e, name).and_then(|v| v.trim().parse::<usize>().ok()).filter(|&l| l < LEVELS)
}

fn broken(part: &str, e: quick_xml::Error) -> IngestError {
    IngestError::BrokenDocx(format!("{part}: {e}"))
}

impl Numbering {
    /// Add the definitions of `numbering.xml`.
    pub fn read_numbering(&mut self, input: &mut dyn BufRead, part: &str) -> Result<(), IngestError> {
        let mut reader = quick_xml::Reader::from_reader(input);
        reader.config_mut().expand_empty_elements = true;
        let mut buf = Vec::new();
        let mut abstract_id: Option<String> = None;
        let mut num_id: Option<String> = None;
        let mut level: Option<(usize, Level)> = None;
        let mut override_level: Option<usize> = None;
        loop {
            buf.clear();
            match reader.read_event_into(&mut buf).map_err(|e| broken(part, e))? {
                Event::Start(e) => match e.local_name().into_inner() {
                    "abstractNum" => abstract_id = attribute(&e, "abstractNumId"),
                    "num" => {
                        num_id = attribute(&e, "numId");
                        if let Some(id) = &num_id {
                            self.nums.insert(id.clone(), (String::new(), Vec::new()));
                        }
                    }
                    "abstractNumId" => {
                        if let (Some(id), Some(target)) = (&num_id, attribute(&e, "val")) {
                            self.nums.entry(id.clone()).or_default().0 = target;
                        }
                    }
                    "lvlOverride" => override_level = level_index(&e, "ilvl"),
                    "startOverride" => {
                        let start = attribute(&e, "val").and_then(|v| v.trim().parse().ok());
                        if let (Some(id), Some(l), Some(start)) = (&num_id, override_level, start) {
                            self.nums.entry(id.clone()).or_default().1.push((l, start));
                        }
                    }
                    "lvl" if abstract_id.is_some() => {
                        level = level_index(&e, "ilvl")
                            .map(|l| (l, Level { start: 1, space: true, ..Level::default() }));
                    }
                    name => {
                        if let Some((_, lvl)) = &mut level {
                            let val = attribute(&e, "val");
                            match (name, val) {
                                ("start", Some(v)) => lvl.start = v.trim().parse().unwrap_or(1),
                                ("numFmt", Some(v)) => lvl.format = v,
                                ("lvlText", Some(v)) => lvl.text = v,
                                ("suff", Some(v)) => lvl.space = v != "nothing",
                                ("pStyle", Some(v)) => lvl.style = Some(v),
                                ("isLgl", v) => lvl.legal = v.is_none_or(|v| v != "0" && v != "false"),
                                _ => {}
                            }
                        }
                    }
                },
                Event::End(e) => match e.local_name().into_inner() {
                    "abstractNum" => abstract_id = None,
                    "num" => num_id = None,
                    "lvlOverride" => override_level = None,
                    "lvl" => {
                        if let (Some(id), Some((l, lvl))) = (&abstract_id, level.take()) {
                            let levels = self.abstracts.entry(id.clone()).or_default();
                            if levels.len() <= l {
                                levels.resize(l + 1, Level::default());
                            }
                            if let Some(slot) = levels.get_mut(l) {
                                *slot = lvl;
                            }
                        }
                    }
                    _ => {}
                },
                Event::Eof => return Ok(()),
                _ => {}
            }
        }
    }

    /// Add the numbering of the paragraph styles of `styles.xml`.
    pub fn read_styles(&mut self, input: &mut dyn BufRead, part: &str) -> Result<(), IngestError> {
        let mut reader = quick_xml::Reader::from_reader(input);
        reader.config_mut().expand_empty_elements = true;
        let mut buf = Vec::new();
        let mut style: Option<(String, StyleNumbering)> = None;
        loop {
            buf.clear();
            match reader.read_event_into(&mut buf).map_err(|e| broken(part, e))? {
                Event::Start(e) => match (e.local_name().into_inner(), &mut style) {
                    ("style", _) => {
                        let paragraph = attribute(&e, "type").is_none_or(|t| t == "paragraph");
                        style = attribute(&e, "styleId")
                            .filter(|_| paragraph)
                            .map(|id| (id, StyleNumbering::default()));
                    }
                    ("basedOn", Some((_, s))) => s.based_on = attribute(&e, "val"),
                    ("numId", Some((_, s))) => s.num_id = attribute(&e, "val"),
                    ("ilvl", Some((_, s))) => s.level = level_index(&e, "val"),
                    // property-change records hold old values: skip them
                    (name, Some(_)) if name.ends_with("PrChange") => {
                        reader.read_to_end_into(e.name(), &mut Vec::new()).map_err(|e| broken(part, e))?;
                    }
                    _ => {}
                },
                Event::End(e) if e.local_name().into_inner() == "style" => {
                    if let Some((id, s)) = style.take() {
                        self.styles.insert(id, s);
                    }
                }
                Event::Eof => return Ok(()),
                _ => {}
            }
        }
    }

    /// The numbering of a paragraph with these direct properties, resolved through its style.
    fn resolve(
        &self,
        num_id: Option<&str>,
        level: Option<usize>,
        style: Option<&str>,
    ) -> Option<(String, usize)> {
        let mut chain = Vec::new();
        let mut next = style;
        while let Some(id) = next {
            let Some(s) = self.styles.get(id) else { break };
            if chain.len() >= MAX_STYLE_CHAIN || chain.iter().any(|(c, _)| *c == id) {
                break;
            }
            chain.push((id, s));
            next = s.based_on.as_deref();
        }
        let num_id = num_id.or_else(|| chain.iter().find_map(|(_, s)| s.num_id.as_deref()))?;
        let (abstract_id, _) = self.nums.get(num_id)?;
        let levels = self.abstracts.get(abstract_id)?;
        let level = level
            .or_else(|| chain.iter().find_map(|(_, s)| s.level))
            .or_else(|| style.and_then(|st| levels.iter().position(|l| l.style.as_deref() == Some(st))))
            .unwrap_or(0);
        Some((num_id.to_string(), level))
    }

    /// Count a numbered paragraph and give its prefix (with its trailing space), or `None`.
    pub fn next(
        &mut self,
        num_id: Option<&str>,
        level: Option<usize>,
        style: Option<&str>,
    ) -> Option<String> {
        if num_id == Some("0") {
            return None; // numbering explicitly removed
        }
        let (num_id, level) = self.resolve(num_id, level, style)?;
        let (abstract_id, overrides) = self.nums.get(&num_id)?;
        let levels = self.abstracts.get(abstract_id)?;
        let counters = self.counters.entry(abstract_id.clone()).or_insert([None; LEVELS]);
        if self.used_nums.insert(num_id) {
            for &(l, start) in overrides {
                if let Some(c) = counters.get_mut(l) {
                    *c = Some(start.saturating_sub(1));
                }
            }
        }
        let start_of = |l: usize| levels.get(l).map_or(1, |lv| lv.start);
        let current = counters.get(level).copied().flatten().map_or(start_of(level), |c| c.saturating_add(1));
        if let Some(c) = counters.get_mut(level) {
            *c = Some(current);
        }
        for deeper in counters.iter_mut().skip(level + 1) {
            *deeper = None;
        }
        let this = levels.get(level)?;
        if this.format == "bullet" || this.text.is_empty() {
            return None;
        }
        let mut out = String::new();
        let mut chars = this.text.chars().peekable();
        while let Some(c) = chars.next() {
            if out.len() >= MAX_PREFIX_BYTES {
                break;
            }
            match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(d)) => {
                    chars.next();
                    let l = (d as usize).saturating_sub(1);
                    let value = counters.get(l).copied().flatten().unwrap_or(start_of(l));
                    let format = levels.get(l).map_or("decimal", |lv| lv.format.as_str());
                    let format = if this.legal && l < level { "decimal" } else { format };
                    out.push_str(&format_number(value, format));
                }
                (c, _) => out.push(c),
            }
        }
        if this.space {
            out.push(' ');
        }
        Some(out)
    }
}

const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const COUNTING_DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const LEGAL_DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];

/// A counter value in a `w:numFmt` format (unknown formats give decimal).
pub(super) fn format_number(n: i64, format: &str) -> String {
    let cycle = |set: &[char]| {
        let i = usize::try_from(n.max(1) - 1).unwrap_or(0) % set.len();
        set.get(i).map(|c| c.to_string()).unwrap_or_default()
    };
    let enclosed = |first: u32, max: i64| match u32::try_from(n) {
        Ok(k) if (1..=max).contains(&n) => char::from_u32(first + k - 1).map(String::from),
        _ => None,
    };
    match format {
        "none" => String::new(),
        "decimalZero" => format!("{n:02}"),
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperLetter" => letters(n),
        "lowerLetter" => letters(n).to_lowercase(),
        "chineseCounting"
        | "chineseCountingThousand"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "japaneseCounting" => chinese(n, &COUNTING_DIGITS, ['十', '百', '千']),
        "chineseLegalSimplified" => chinese(n, &LEGAL_DIGITS, ['拾', '佰', '仟']),
        "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => n
            .to_string()
            .chars()
            .map(|d| d.to_digit(10).and_then(|d| DIGITS.get(d as usize).copied()).unwrap_or(d))
            .collect(),
        "ideographTraditional" => cycle(&['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸']),
        "ideographZodiac" => cycle(&['子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥']),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => {
            enclosed(0x2460, 20).unwrap_or_else(|| n.to_string())
        }
        "decimalEnclosedParen" => enclosed(0x2474, 20).unwrap_or_else(|| format!("({n})")),
        "decimalEnclosedFullstop" => enclosed(0x2488, 20).unwrap_or_else(|| format!("{n}.")),
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|d| if d.is_ascii_digit() { char::from_u32(d as u32 + 0xFEE0).unwrap_or(d) } else { d })
            .collect(),
        _ => n.to_string(),
    }
}

fn roman(n: i64) -> String {
    if !(1..4000).contains(&n) {
        return n.to_string();
    }
    let table =
        [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL")];
    let small = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
    let mut n = n;
    let mut out = String::new();
    for (value, digits) in table.iter().chain(small.iter()) {
        while n >= *value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// A, B, … Z, AA, BB, … (Word repeats the letter).
fn letters(n: i64) -> String {
    let Ok(k) = usize::try_from(n.max(1) - 1) else { return n.to_string() };
    if k >= 26 * 20 {
        return n.to_string();
    }
    let letter = char::from(b'A' + (k % 26) as u8);
    std::iter::repeat_n(letter, k / 26 + 1).collect()
}

/// Chinese counting below 10 000 (一, 十, 十一, 二十, 一百零五, 一千零一十); else decimal.
fn chinese(n: i64, digits: &[char; 10], units: [char; 3]) -> String {
    if !(0..10_000).contains(&n) {
        return n.to_string();
    }
    let digit = |d: i64| usize::try_from(d).ok().and_then(|d| digits.get(d)).copied().unwrap_or('零');
    if n == 0 {
        return digit(0).to_string();
    }
    let parts = [
        (n / 1000, Some(units[2])),
        (n / 100 % 10, Some(units[1])),
        (n / 10 % 10, Some(units[0])),
        (n % 10, None),
    ];
    let mut out = String::new();
    let mut pending_zero = false;
    for (d, unit) in parts {
        if d == 0 {
            pending_zero = !out.is_empty();
            continue;
        }
        if pending_zero {
            out.push(digit(0));
            pending_zero = false;
        }
        // 十一 rather than 一十一 when the number starts at the tens
        if !(d == 1 && unit == Some(units[0]) && out.is_empty()) {
            out.push(digit(d));
        }
        if let Some(u) = unit {
            out.push(u);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_every_format() {
        let f = format_number;
        assert_eq!(
            [1, 10, 11, 20, 21, 105, 110, 1001].map(|n| f(n, "chineseCounting")),
            ["一", "十", "十一", "二十", "二十一", "一百零五", "一百一十", "一千零一"]
        );
        assert_eq!(f(13, "chineseLegalSimplified"), "拾叁");
        assert_eq!(f(3, "ideographTraditional"), "丙");
        assert_eq!(f(12, "ideographDigital"), "一二");
        assert_eq!(f(3, "decimalEnclosedCircleChinese"), "③");
        assert_eq!(f(21, "decimalEnclosedCircle"), "21");
        assert_eq!(f(7, "decimalFullWidth"), "７");
        assert_eq!(f(14, "upperRoman"), "XIV");
        assert_eq!(f(28, "lowerLetter"), "bb");
        assert_eq!(f(5, "decimalZero"), "05");
        assert_eq!(f(5, "someFutureFormat"), "5");
    }
}
