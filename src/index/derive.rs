//! Filter values derived from a document's text: charges, procuratorate (or court) and date.
//!
//! A simple stand-in until the extraction stage supplies better values; everything that decides
//! these values is in [`derive`], so it can be swapped in one place.
//!
//! * charges: names of the legal dictionary tagged as charges ([`crate::segment::charge_names`])
//!   found in the text, longest match at each `罪`;
//! * court: the first `…人民检察院` or `…人民法院` in the header (first 600 characters);
//! * date: the document's last date line (a line that is only a date, as under a signature), else
//!   the last `YYYY年M月D日` of the text.

use std::collections::{BTreeSet, HashSet};
use std::sync::OnceLock;

use regex::Regex;

/// What the filters and facets read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Derived {
    pub charges: Vec<String>,
    pub court: Option<String>,
    /// `(year, month, day)`.
    pub date: Option<(u32, u32, u32)>,
}

impl Derived {
    /// The date as YYYYMMDD.
    pub fn date_number(&self) -> Option<u64> {
        self.date.map(|(y, m, d)| u64::from(y) * 10_000 + u64::from(m) * 100 + u64::from(d))
    }
}

struct Charges {
    names: HashSet<String>,
    max_chars: usize,
}

fn charges() -> &'static Charges {
    static C: OnceLock<Charges> = OnceLock::new();
    C.get_or_init(|| {
        let names: HashSet<String> = crate::segment::charge_names().into_iter().collect();
        let max_chars = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
        Charges { names, max_chars }
    })
}

fn regexes() -> &'static (Regex, Regex, Regex) {
    static R: OnceLock<(Regex, Regex, Regex)> = OnceLock::new();
    R.get_or_init(|| {
        let parse = |p: &str| Regex::new(p).expect("constant regex");
        (
            parse(r"[\p{Han}]{2,30}?人民(?:检察院|法院)"),
            parse(r"(?m)^\s*(\d{4}|[〇零一二三四五六七八九○Ｏ０-９]{4})年(\d{1,2}|[一二三四五六七八九十]{1,3})月(\d{1,2}|[一二三四五六七八九十]{1,3})日\s*$"),
            parse(r"(\d{4})年(\d{1,2})月(\d{1,2})日"),
        )
    })
}

/// Charges, court and date of a text.
pub fn derive(text: &str) -> Derived {
    let (court_re, line_re, date_re) = regexes();
    let head: String = text.chars().take(600).collect();
    // The match may start too early on one-line texts ("…刑事判决书青海省…人民法院"): a court's
    // name starts after the last character that cannot be part of a place name.
    let court = court_re.find(&head).map(|m| {
        let name = m.as_str();
        let cut = name.rfind(['书', '号', '关', '：', '。']).map_or(0, |i| i + '书'.len_utf8());
        name.get(cut..).unwrap_or(name).to_string()
    });
    let date = line_re
        .captures_iter(text)
        .last()
        .and_then(|c| ymd(c.get(1)?.as_str(), c.get(2)?.as_str(), c.get(3)?.as_str()))
        .or_else(|| date_re.captures_iter(text).filter_map(|c| ymd(&c[1], &c[2], &c[3])).last());
    Derived { charges: find_charges(text), court, date }
}

/// Charge names in a text, each once, in name order.
pub fn find_charges(text: &str) -> Vec<String> {
    let c = charges();
    let chars: Vec<char> = text.chars().collect();
    let mut found = BTreeSet::new();
    for (i, &ch) in chars.iter().enumerate() {
        if ch != '罪' {
            continue;
        }
        let longest = (2..=c.max_chars.min(i + 1)).rev().find_map(|len| {
            let name: String = chars.get(i + 1 - len..=i)?.iter().collect();
            c.names.contains(&name).then_some(name)
        });
        if let Some(name) = longest {
            found.insert(name);
        }
    }
    found.into_iter().collect()
}

fn ymd(y: &str, m: &str, d: &str) -> Option<(u32, u32, u32)> {
    let (y, m, d) = (number(y)?, number(m)?, number(d)?);
    chrono::NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d).map(|_| (y, m, d))
}

/// Arabic or Chinese numerals (年 digit by digit, 月/日 with 十).
fn number(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse() {
        return Some(n);
    }
    let digit = |c: char| {
        "〇一二三四五六七八九".chars().position(|d| d == c).or(match c {
            '零' | '○' | 'Ｏ' => Some(0),
            '０'..='９' => Some(c as usize - '０' as usize),
            _ => None,
        })
    };
    if s.contains('十') {
        let (tens, ones) = s.split_once('十')?;
        let t = if tens.is_empty() { 1 } else { digit(tens.chars().next()?)? };
        let o = if ones.is_empty() { 0 } else { digit(ones.chars().next()?)? };
        return u32::try_from(t * 10 + o).ok();
    }
    s.chars().try_fold(0u32, |acc, c| Some(acc * 10 + u32::try_from(digit(c)?).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derives_charges_court_and_last_date_line() {
        let text = "北京市朝阳区人民检察院\n起诉书\n被告人张某某涉嫌盗窃罪、帮助信息网络犯罪活动罪……\n\
                    2022年3月1日被刑事拘留。\n检察员 李某\n二〇二三年五月十二日\n";
        let d = derive(text);
        assert_eq!(d.court.as_deref(), Some("北京市朝阳区人民检察院"));
        assert_eq!(d.charges, vec!["帮助信息网络犯罪活动罪".to_string(), "盗窃罪".to_string()]);
        assert_eq!(d.date, Some((2023, 5, 12)));
        assert_eq!(d.date_number(), Some(20230512));
        assert_eq!(derive("于2021年13月1日，2020年2月29日").date, Some((2020, 2, 29)));
        let one_line = "韩某等十人一审刑事判决书青海省格尔木市人民法院刑事判决书";
        assert_eq!(derive(one_line).court.as_deref(), Some("青海省格尔木市人民法院"));
    }
}
