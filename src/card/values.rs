//! Reading card values written by people: dates in the usual spellings, 是/否, numbers with
//! thousands separators, lists separated by 、 or ;. Used by the table importers; malformed input
//! gives `None`, never a guessed value.

use chrono::NaiveDate;

/// A date written as `2023-06-14`, `2023/6/14`, `2023.6.14`, `2023年6月14日` or `20230614`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    // A time part after the date (an export of a datetime) is ignored.
    let s = s.split(['T', ' ']).next().unwrap_or(s);
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        let (y, m, d) = (s.get(0..4)?, s.get(4..6)?, s.get(6..8)?);
        return NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    }
    let parts: Vec<&str> = s.split(['-', '/', '.', '年', '月', '日']).filter(|p| !p.is_empty()).collect();
    let [y, m, d] = parts.as_slice() else { return None };
    if y.len() != 4 || m.len() > 2 || d.len() > 2 {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// 是/否, 有/无, true/false, 1/0, Y/N.
pub fn parse_bool(s: &str) -> Option<bool> {
    match s.trim().to_lowercase().as_str() {
        "是" | "有" | "true" | "1" | "y" | "yes" | "√" => Some(true),
        "否" | "无" | "false" | "0" | "n" | "no" | "×" => Some(false),
        _ => None,
    }
}

/// A number, allowing thousands separators and a trailing 元 / 个月 / 月.
pub fn parse_number(s: &str) -> Option<f64> {
    let t: String = s.trim().chars().filter(|c| *c != ',' && *c != '，').collect();
    let t = t.trim_end_matches('元').trim_end_matches("个月").trim_end_matches('月').trim();
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A whole non-negative number (months).
pub fn parse_count(s: &str) -> Option<u32> {
    let v = parse_number(s)?;
    (v >= 0.0 && v.fract() == 0.0 && v <= f64::from(u32::MAX)).then_some(v as u32)
}

/// A list: items separated by 、 ， , ； ; or line breaks; empty items dropped.
pub fn parse_list(s: &str) -> Vec<String> {
    s.split(['、', '，', ',', '；', ';', '\n'])
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// The date of an Excel serial day number (1900 date system, as written by Excel on Windows).
pub fn excel_serial_date(serial: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    base.checked_add_days(chrono::Days::new(serial.floor() as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_usual_spellings() {
        let d = NaiveDate::from_ymd_opt(2023, 6, 4);
        for s in ["2023-06-04", "2023/6/4", "2023.6.4", "2023年6月4日", "20230604", "2023-06-04 00:00:00"]
        {
            assert_eq!(parse_date(s), d, "{s}");
        }
        for s in ["2023-13-01", "23-6-4", "2023年6月", "明天", "2023-02-30"] {
            assert_eq!(parse_date(s), None, "{s}");
        }
        assert_eq!(excel_serial_date(45081.0), d);
    }

    #[test]
    fn numbers_bools_lists() {
        assert_eq!(parse_number("6,850元"), Some(6850.0));
        assert_eq!(parse_count("14个月"), Some(14));
        assert_eq!(parse_count("1.5"), None);
        assert_eq!(parse_bool("是"), Some(true));
        assert_eq!(parse_bool("也许"), None);
        assert_eq!(parse_list("盗窃罪、诈骗罪；"), ["盗窃罪", "诈骗罪"]);
    }
}
