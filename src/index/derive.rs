//! Filter values derived from a document's text: charges, procuratorate (or court) and date.
//!
//! A simple stand-in until the extraction stage supplies better values; everything that decides
//! these values is in [`derive`], so it can be swapped in one place.
//!
//! * charges: names of the legal dictionary tagged as charges ([`crate::segment::charge_names`])
//!   found in the text, longest match at each `罪`;
//! * court: the procuratorate or court of the document's heading (first 600 characters): a
//!   `…人民检察院` / `…人民法院` name that starts a line or follows a title's end (`书`, `号`, `：`,
//!   `。`) and ends its line or is followed by the document's title (`刑事判决书`, `起诉书` …); a name
//!   that merely occurs in a sentence ("…因犯盗窃罪被北京市朝阳区人民法院判处…") is not a heading;
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
    /// For each character that comes right before the final 罪 of a name, the lengths (in
    /// characters, longest first) of the names ending in it and 罪; sorted by character. A 罪
    /// after any other character ends no name, and only these lengths need looking up.
    by_before: Vec<(char, Vec<usize>)>,
}

fn charges() -> &'static Charges {
    static C: OnceLock<Charges> = OnceLock::new();
    C.get_or_init(|| {
        let names: HashSet<String> = crate::segment::charge_names().into_iter().collect();
        let mut by_before: Vec<(char, Vec<usize>)> = Vec::new();
        for name in &names {
            let Some(before) = name.strip_suffix('罪').and_then(|n| n.chars().next_back()) else { continue };
            let len = name.chars().count();
            match by_before.iter_mut().find(|(c, _)| *c == before) {
                Some((_, lens)) => lens.push(len),
                None => by_before.push((before, vec![len])),
            }
        }
        by_before.sort_unstable();
        for (_, lens) in &mut by_before {
            lens.sort_unstable_by(|a, b| b.cmp(a));
            lens.dedup();
        }
        Charges { names, by_before }
    })
}

fn regexes() -> &'static (Regex, Regex, Regex) {
    static R: OnceLock<(Regex, Regex, Regex)> = OnceLock::new();
    R.get_or_init(|| {
        let parse = |p: &str| Regex::new(p).expect("constant regex");
        (
            // The name holds no title end (书) and none of 因/犯/被, which only a sentence puts
            // before a court's name; the title after it ends in 书 within 10 characters.
            parse(
                r"(?m)(?:^|[书号：:。])[ \t\x{3000}]*([\p{Han}&&[^书因犯被]]{2,30}?人民(?:检察院(?:[\p{Han}&&[^书]]{0,6}?分院)?|法院))[ \t\r\x{3000}]*(?:$|[\p{Han}&&[^。，]]{0,10}?书)",
            ),
            // A date line, matched on one line with its whitespace trimmed.
            parse(r"^(\d{4}|[〇零一二三四五六七八九○Ｏ０-９]{4})年(\d{1,2}|[一二三四五六七八九十]{1,3})月(\d{1,2}|[一二三四五六七八九十]{1,3})日$"),
            // A date starting at the start of the text it is given.
            parse(r"^(\d{4})年(\d{1,2})月(\d{1,2})日"),
        )
    })
}

/// The procuratorate or court of the document's heading (see the module documentation).
pub fn heading_court(text: &str) -> Option<String> {
    let head = text.get(..floor_char_boundary(text, HEAD_BYTES)).unwrap_or(text);
    regexes().0.captures(head).and_then(|c| c.get(1)).map(|m| m.as_str().to_string())
}

/// Bytes of the heading searched for the court: 600 characters of CJK text.
const HEAD_BYTES: usize = 1800;

fn floor_char_boundary(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    (0..=at).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0)
}

/// Charges, court and date of a text.
pub fn derive(text: &str) -> Derived {
    let (_, line_re, date_re) = regexes();
    // The last date line (found from the end); when it is no valid date, the last valid date.
    let last_line = text
        .rsplit('\n')
        .map(str::trim)
        .find_map(|l| l.ends_with('日').then(|| line_re.captures(l)).flatten());
    let date = last_line
        .and_then(|c| ymd(c.get(1)?.as_str(), c.get(2)?.as_str(), c.get(3)?.as_str()))
        .or_else(|| last_valid_date(text, date_re));
    Derived { charges: find_charges(text), court: heading_court(text), date }
}

/// The last valid `YYYY年M月D日` of the text (what the last valid match of the unanchored
/// pattern over the whole text gives): every match holds one 年, four digits before it, so the
/// matches are the 年s, from the end, where `date_at` matches four characters back (no two of
/// them overlap).
fn last_valid_date(text: &str, date_at: &Regex) -> Option<(u32, u32, u32)> {
    text.rmatch_indices('年').find_map(|(j, _)| {
        let start = text.get(..j)?.char_indices().rev().nth(3)?.0;
        ymd_parts(date_at.find(text.get(start..)?)?.as_str())
    })
}

/// The date of a `YYYY年M月D日` match: its groups are the runs between 年, 月 and 日.
fn ymd_parts(date: &str) -> Option<(u32, u32, u32)> {
    let (y, rest) = date.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    ymd(y, m, rest.strip_suffix('日')?)
}

/// Charge names in a text, each once, in name order: at each `罪`, the longest name ending there.
pub fn find_charges(text: &str) -> Vec<String> {
    let c = charges();
    let mut found = BTreeSet::new();
    for (i, _) in text.match_indices('罪') {
        let head = text.get(..i).unwrap_or_default();
        let Some(lens) = head
            .chars()
            .next_back()
            .and_then(|b| c.by_before.binary_search_by_key(&b, |(ch, _)| *ch).ok())
            .and_then(|k| c.by_before.get(k))
            .map(|(_, lens)| lens)
        else {
            continue;
        };
        let end = i + '罪'.len_utf8();
        // Start offsets of the candidates ending at this 罪: `starts[n]` starts n + 2 characters.
        let longest = lens.first().copied().unwrap_or(0);
        let starts: Vec<usize> =
            head.char_indices().rev().map(|(b, _)| b).take(longest.saturating_sub(1)).collect();
        let name = lens
            .iter()
            .filter_map(|&len| starts.get(len.checked_sub(2)?))
            .find_map(|&b| text.get(b..end).filter(|name| c.names.contains(*name)));
        if let Some(name) = name {
            found.insert(name);
        }
    }
    found.into_iter().map(str::to_string).collect()
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

    #[test]
    fn court_comes_from_the_heading_only() {
        let court = |t: &str| derive(t).court;
        // A court named inside a sentence (prior conviction) is not the document's.
        let prior = "被告人张某某，男。2019年1月1日因犯盗窃罪被北京市朝阳区人民法院判处有期徒刑六个月。";
        assert_eq!(court(prior), None);
        assert_eq!(court("起诉书\n被告人李某，因犯盗窃罪被北京市朝阳区人民法院判处拘役。"), None);
        let judgment =
            "金华市婺城区人民法院刑事判决书（2020）浙0702刑初662号公诉机关金华市婺城区人民检察院。";
        assert_eq!(court(judgment).as_deref(), Some("金华市婺城区人民法院"));
        let titled = "张某盗窃一审刑事判决书江苏省宿迁市宿城区人民法院刑事判决书（2017）苏1302刑初388号：";
        assert_eq!(court(titled).as_deref(), Some("江苏省宿迁市宿城区人民法院"));
        assert_eq!(
            court("北京市人民检察院第一分院\r\n起 诉 书\r\n").as_deref(),
            Some("北京市人民检察院第一分院")
        );
        assert_eq!(
            court("　福州市鼓楼区人民检察院　\n量刑建议书").as_deref(),
            Some("福州市鼓楼区人民检察院")
        );
    }

    /// [`derive`]'s date as the plain regexes over the whole text give it.
    fn date_reference(text: &str) -> Option<(u32, u32, u32)> {
        let line = Regex::new(
            r"(?m)^\s*(\d{4}|[〇零一二三四五六七八九○Ｏ０-９]{4})年(\d{1,2}|[一二三四五六七八九十]{1,3})月(\d{1,2}|[一二三四五六七八九十]{1,3})日\s*$",
        )
        .unwrap();
        line.captures_iter(text)
            .last()
            .and_then(|c| ymd(c.get(1)?.as_str(), c.get(2)?.as_str(), c.get(3)?.as_str()))
            .or_else(|| {
                let date = Regex::new(r"(\d{4})年(\d{1,2})月(\d{1,2})日").unwrap();
                date.captures_iter(text).filter_map(|c| ymd(&c[1], &c[2], &c[3])).last()
            })
    }

    /// [`find_charges`] trying every length up to the longest name's.
    fn charges_reference(text: &str) -> Vec<String> {
        let c = charges();
        let max_chars = c.names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
        let mut found = BTreeSet::new();
        for (i, _) in text.match_indices('罪') {
            let end = i + '罪'.len_utf8();
            let starts = text[..i].char_indices().rev().map(|(b, _)| b);
            let longest = starts
                .take(max_chars - 1)
                .filter_map(|b| text.get(b..end).filter(|n| c.names.contains(*n)))
                .last();
            found.extend(longest);
        }
        found.into_iter().map(str::to_string).collect()
    }

    const PIECES: &[&str] = &[
        "\n",
        "\r\n",
        " ",
        "\u{3000}",
        "\t",
        "2023年5月12日",
        "二〇二三年五月十二日",
        "２０２３年１２月３日",
        "2021年13月1日",
        "2020年2月29日",
        "于",
        "。",
        "罪",
        "盗窃罪",
        "犯罪",
        "帮助信息网络犯罪活动罪",
        "掩饰、隐瞒犯罪所得罪",
        "无罪",
        "诈骗",
        "日",
        "年",
    ];

    proptest::proptest! {
        #[test]
        fn dates_and_charges_equal_the_plain_versions(
            picks in proptest::collection::vec(0..PIECES.len(), 0..30),
        ) {
            let text: String = picks.iter().filter_map(|&i| PIECES.get(i).copied()).collect();
            proptest::prop_assert_eq!(derive(&text).date, date_reference(&text), "{:?}", text);
            proptest::prop_assert_eq!(find_charges(&text), charges_reference(&text));
        }
    }

    #[test]
    fn an_invalid_last_date_line_falls_back_to_the_last_valid_date() {
        let text = "2022年3月1日立案。\n  2023年5月12日 \n\n二〇二三年十三月一日\n";
        assert_eq!(derive(text).date, Some((2023, 5, 12)));
        assert_eq!(date_reference(text), Some((2023, 5, 12)));
    }

    #[test]
    fn charges_take_the_longest_name_at_each_charge_end() {
        let found = find_charges("以帮助信息网络犯罪活动罪、盗窃罪、掩饰、隐瞒犯罪所得罪追究，罪");
        assert!(found.contains(&"帮助信息网络犯罪活动罪".to_string()));
        assert!(found.contains(&"盗窃罪".to_string()));
        assert!(!found.contains(&"犯罪活动罪".to_string()));
        assert_eq!(find_charges("罪"), Vec::<String>::new());
    }
}
