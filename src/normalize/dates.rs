//! Dates and times.
//!
//! Absolute dates come as 2023年6月13日, 二〇二三年六月十三日, 2023.6.13, 2023-06-13 or 2023/6/13;
//! relative ones (同年6月20日, 同月20日, 次日, 当日, 同日, 次年1月5日) only make sense against the
//! previous date of the text, so [`find_dates`] scans a whole text in order and resolves each
//! relative date against the last date before it. Times (14时许, 23时40分, 下午3时) are read by
//! [`parse_time`]. An impossible date (二〇二三年十三月) gives no value.

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate, NaiveTime};
use regex::Regex;

use super::numerals::parse_int;

const NUM: &str = "[0-9０-９〇○零一二三四五六七八九十两]";

static DATE_RE: LazyLock<Regex> = LazyLock::new(|| {
    let y = format!("{NUM}{{4}}");
    let md = format!("{NUM}{{1,3}}");
    Regex::new(&format!(
        r"(?x)
        (?P<abs>(?P<y>{y})\s*年\s*(?P<m>{md})\s*月(?:\s*(?P<d>{md})\s*[日号])?)
      | (?P<dot>(?P<y2>[12][0-9]{{3}})[./-](?P<m2>[01]?[0-9])[./-](?P<d2>[0-3]?[0-9])(?:[日号])?)
      | (?P<rel>(?P<which>同年|次年|当年|同月|次月|当月)\s*(?:(?P<m3>{md})\s*月)?\s*(?:(?P<d3>{md})\s*[日号])?)
      | (?P<day>次日|当日|同日|当天|翌日|当晚|次日凌晨)"
    ))
    .expect("date regex")
});

/// One date found in a text: character offsets, the text, and its value when it is exact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMatch {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The day, when the text names one (resolved for relative dates).
    pub date: Option<NaiveDate>,
    /// Year and month, when only those are given (2023年6月).
    pub month: Option<(i32, u32)>,
    pub relative: bool,
}

fn ymd(y: Option<u64>, m: Option<u64>, d: Option<u64>) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(i32::try_from(y?).ok()?, u32::try_from(m?).ok()?, u32::try_from(d?).ok()?)
}

/// One absolute date: 2023年6月13日, 二〇二三年六月十三日, 2023.6.13, 2023-06-13.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let m = find_dates(s.trim());
    match m.as_slice() {
        [one] if !one.relative && one.start == 0 && one.end == s.trim().chars().count() => one.date,
        _ => None,
    }
}

/// Every date in a text, in order, relative ones resolved against the previous date.
pub fn find_dates(text: &str) -> Vec<DateMatch> {
    let idx = crate::span::CharIndex::new(text);
    let mut out = Vec::new();
    let mut last: Option<NaiveDate> = None;
    let mut last_month: Option<(i32, u32)> = None;
    for c in DATE_RE.captures_iter(text) {
        let Some(whole) = c.get(0) else { continue };
        let g = |n: &str| c.name(n).map(|m| m.as_str());
        let num = |n: &str| g(n).and_then(parse_int);
        let mut m = DateMatch {
            start: idx.char_of_byte(whole.start()),
            end: idx.char_of_byte(whole.end()),
            text: whole.as_str().to_string(),
            date: None,
            month: None,
            relative: false,
        };
        if g("abs").is_some() {
            let (y, mo) = (num("y"), num("m"));
            let valid_month = matches!(mo, Some(1..=12)) && matches!(y, Some(1000..=2999));
            if !valid_month {
                // 二〇二三年十三月: no value at all, and it does not anchor relatives.
                out.push(m);
                continue;
            }
            m.month = Some((y.unwrap_or(0) as i32, mo.unwrap_or(0) as u32));
            if g("d").is_some() {
                m.date = ymd(y, mo, num("d"));
                if m.date.is_none() {
                    m.month = None;
                }
            }
        } else if g("dot").is_some() {
            m.date = ymd(num("y2"), num("m2"), num("d2"));
        } else if let Some(which) = g("which") {
            m.relative = true;
            let base = last_month.or_else(|| last.map(|d| (d.year(), d.month())));
            if let Some((by, bm)) = base {
                let (y, mo) = match which {
                    "同年" | "当年" => (by, num("m3").map(|v| v as u32)),
                    "次年" => (by + 1, num("m3").map(|v| v as u32)),
                    "次月" => (if bm == 12 { by + 1 } else { by }, Some(if bm == 12 { 1 } else { bm + 1 })),
                    _ => (by, Some(num("m3").map_or(bm, |v| v as u32))),
                };
                if let Some(mo) = mo.filter(|m| (1..=12).contains(m)) {
                    m.month = Some((y, mo));
                    if g("d3").is_some() {
                        m.date = ymd(Some(y as u64), Some(u64::from(mo)), num("d3"));
                    }
                }
            }
            if g("d3").is_none() && g("m3").is_none() {
                // A bare 同年/同月 without a day is not a date.
                continue;
            }
        } else if let Some(day) = g("day") {
            m.relative = true;
            m.date = match day {
                "次日" | "翌日" | "次日凌晨" => last.and_then(|d| d.succ_opt()),
                _ => last,
            };
            m.month = m.date.map(|d| (d.year(), d.month()));
        }
        if let Some(d) = m.date {
            last = Some(d);
            last_month = Some((d.year(), d.month()));
        } else if let Some(mm) = m.month {
            last_month = Some(mm);
        }
        out.push(m);
    }
    out
}

/// A clock time: 14时许 → 14:00, 23时40分 → 23:40, 下午3时 → 15:00, 晚8时许 → 20:00.
pub fn parse_time(s: &str) -> Option<NaiveTime> {
    static TIME_RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?P<pm>下午|晚上|晚|傍晚|夜间|夜里)?(?P<h>{NUM}{{1,3}})\s*[时点](?:(?P<mi>{NUM}{{1,3}})分|(?P<half>半))?"
        ))
        .expect("time regex")
    });
    let c = TIME_RE.captures(s)?;
    let mut h = c.name("h").and_then(|m| parse_int(m.as_str()))? as u32;
    let mi = match (c.name("mi"), c.name("half")) {
        (Some(m), _) => parse_int(m.as_str())? as u32,
        (None, Some(_)) => 30,
        _ => 0,
    };
    if c.name("pm").is_some() && (1..12).contains(&h) {
        h += 12;
    }
    if h == 24 && mi == 0 {
        h = 0;
    }
    NaiveTime::from_hms_opt(h, mi, 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn absolute_forms() {
        assert_eq!(parse_date("2023年6月13日"), Some(d(2023, 6, 13)));
        assert_eq!(parse_date("二〇二三年六月十三日"), Some(d(2023, 6, 13)));
        assert_eq!(parse_date("二〇二三年十月二十日"), Some(d(2023, 10, 20)));
        assert_eq!(parse_date("2023.6.13"), Some(d(2023, 6, 13)));
        assert_eq!(parse_date("2023-06-13"), Some(d(2023, 6, 13)));
        assert_eq!(parse_date("２０２３年６月１３日"), Some(d(2023, 6, 13)));
    }

    #[test]
    fn malformed_dates_have_no_value() {
        assert_eq!(parse_date("二〇二三年十三月"), None);
        assert_eq!(parse_date("二〇二三年十三月五日"), None);
        assert_eq!(parse_date("2023年2月30日"), None);
        assert_eq!(parse_date("2023.13.1"), None);
        assert_eq!(parse_date("同年6月20日"), None);
    }

    #[test]
    fn relative_dates_resolve_against_the_previous_one() {
        let t = "于2023年6月13日被刑事拘留，同年6月20日被逮捕，次日移送，当日受理，同月28日取保，次年1月5日判决。";
        let ds: Vec<_> = find_dates(t).into_iter().map(|m| (m.text, m.date)).collect();
        assert_eq!(
            ds,
            vec![
                ("2023年6月13日".into(), Some(d(2023, 6, 13))),
                ("同年6月20日".into(), Some(d(2023, 6, 20))),
                ("次日".into(), Some(d(2023, 6, 21))),
                ("当日".into(), Some(d(2023, 6, 21))),
                ("同月28日".into(), Some(d(2023, 6, 28))),
                ("次年1月5日".into(), Some(d(2024, 1, 5))),
            ]
        );
        // Without a previous date a relative date has no value.
        assert_eq!(find_dates("次日被抓获")[0].date, None);
    }

    #[test]
    fn offsets_are_characters() {
        let t = "被告人张某某于二〇二三年六月十三日出生";
        let m = &find_dates(t)[0];
        assert_eq!((m.start, m.end), (7, 17));
        assert_eq!(m.month, Some((2023, 6)));
    }

    #[test]
    fn times() {
        assert_eq!(parse_time("14时许"), NaiveTime::from_hms_opt(14, 0, 0));
        assert_eq!(parse_time("23时40分许"), NaiveTime::from_hms_opt(23, 40, 0));
        assert_eq!(parse_time("下午3时"), NaiveTime::from_hms_opt(15, 0, 0));
        assert_eq!(parse_time("晚8时许"), NaiveTime::from_hms_opt(20, 0, 0));
        assert_eq!(parse_time("二十三时四十分"), NaiveTime::from_hms_opt(23, 40, 0));
        assert_eq!(parse_time("25时"), None);
    }

    proptest! {
        #[test]
        fn arabic_and_chinese_agree(days in 0i64..60000) {
            let date = d(1950, 1, 1) + chrono::Duration::days(days);
            const D: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
            let cn_small = |n: u32| -> String {
                match n { 1..=9 => D[n as usize].into(), 10 => "十".into(),
                    11..=19 => format!("十{}", D[(n % 10) as usize]),
                    _ => format!("{}十{}", D[(n / 10) as usize], if n.is_multiple_of(10) { "" } else { D[(n % 10) as usize] }) }
            };
            let y: String = date.year().to_string().chars().map(|c| D[c.to_digit(10).unwrap() as usize]).collect();
            let cn = format!("{y}年{}月{}日", cn_small(date.month()), cn_small(date.day()));
            prop_assert_eq!(parse_date(&cn), Some(date));
            prop_assert_eq!(parse_date(&date.format("%Y年%-m月%-d日").to_string()), Some(date));
        }

        #[test]
        fn never_panics(s in "[0-9年月日同次当号.一二三十〇]{0,20}") {
            let _ = find_dates(&s);
        }
    }
}
