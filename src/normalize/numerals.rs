//! Chinese numerals → integers.
//!
//! Two written forms exist: positional numerals with units (一万二千, 陆仟捌佰伍拾, 二十三) and digit
//! strings (二〇二三, used for years). [`parse_int`] accepts either, plus Arabic digits (full-width
//! too). The parser is strict: units must decrease inside a section (千 > 百 > 十), a 零 must sit
//! between two non-zero parts, two digits may not follow each other in positional form. Anything
//! else is malformed and gives `None`. Colloquial abbreviations "一万五" (15000) and "一千五"
//! (1500) are accepted because amounts in documents use them.

/// The value of one Chinese (or Arabic) digit character, 0–9.
pub fn digit_value(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' | '○' | 'Ｏ' | 'O' | '0' | '０' => 0,
        '一' | '壹' | '1' | '１' | '幺' => 1,
        '二' | '贰' | '貳' | '两' | '兩' | '2' | '２' => 2,
        '三' | '叁' | '參' | '3' | '３' => 3,
        '四' | '肆' | '4' | '４' => 4,
        '五' | '伍' | '5' | '５' => 5,
        '六' | '陆' | '陸' | '6' | '６' => 6,
        '七' | '柒' | '7' | '７' => 7,
        '八' | '捌' | '8' | '８' => 8,
        '九' | '玖' | '9' | '９' => 9,
        _ => return None,
    })
}

/// The value of a unit character below 万: 十, 百, 千 (and their financial forms).
fn small_unit(c: char) -> Option<u64> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        _ => return None,
    })
}

/// Characters that may appear in a Chinese numeral (digits and units).
pub fn is_numeral_char(c: char) -> bool {
    digit_value(c).is_some() || small_unit(c).is_some() || matches!(c, '万' | '萬' | '亿' | '億')
}

/// A digit string (二〇二三, 2023, 一九九〇): each character a digit, no units.
pub fn parse_digits(s: &str) -> Option<u64> {
    if s.is_empty() || s.chars().count() > 18 {
        return None;
    }
    s.chars().try_fold(0u64, |acc, c| Some(acc * 10 + digit_value(c)?))
}

/// A positional or digit-string numeral: 二十三 → 23, 一万二千 → 12000, 陆仟捌佰伍拾 → 6850,
/// 二〇二三 → 2023, 15 → 15. Malformed input (一千零, 十十, 二三十) gives `None`.
pub fn parse_int(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    if s.chars().all(|c| digit_value(c).is_some()) {
        // All digits: Arabic, or a Chinese digit string; a lone 零 is 0.
        return parse_digits(s);
    }
    parse_big(s, None)
}

/// Parse with 亿/万 sections. `lower_of` is the unit of the section above (for "一万五" → 5000).
fn parse_big(s: &str, lower_of: Option<u64>) -> Option<u64> {
    for (sep, unit) in [(['亿', '億'], 100_000_000u64), (['万', '萬'], 10_000)] {
        if let Some(pos) = s.rfind(sep) {
            let (hi, rest) = s.split_at(pos);
            let lo = rest.get(rest.chars().next()?.len_utf8()..)?;
            if hi.is_empty() || hi.contains(sep) {
                return None;
            }
            let hi_v = parse_big(hi, None)?;
            if hi_v == 0 {
                return None;
            }
            let lo_v = parse_lower(lo, unit)?;
            return hi_v.checked_mul(unit)?.checked_add(lo_v);
        }
    }
    parse_section(s, lower_of)
}

/// The part after 万 or 亿: empty, "零五百", a full section (二千三百), or a bare digit (一万五).
fn parse_lower(s: &str, unit: u64) -> Option<u64> {
    if s.is_empty() {
        return Some(0);
    }
    let mut chars = s.chars();
    let first = chars.next()?;
    if digit_value(first) == Some(0) {
        let rest = chars.as_str();
        let v = parse_big(rest, None)?;
        // 一万零五百: the zero marks a gap, so the rest must be below unit/10.
        return (v > 0 && v < unit / 10).then_some(v);
    }
    let v = parse_big(s, Some(unit))?;
    if v >= unit {
        return None;
    }
    // Without a 零 the rest must start at the next-lower unit: 一万二千 ok, 一万二百 ambiguous.
    (v >= unit / 10).then_some(v)
}

/// A section below 万: [d千][零][d百][零][d十][d]. `lower_of` lets a bare trailing digit mean the
/// next-lower unit of the section above.
fn parse_section(s: &str, lower_of: Option<u64>) -> Option<u64> {
    let chars: Vec<char> = s.chars().collect();
    if chars.is_empty() {
        return None;
    }
    if chars.len() == 1 && digit_value(chars[0]).is_some() {
        let d = digit_value(chars[0])?;
        return Some(match lower_of {
            Some(u) if d > 0 => d * (u / 10),
            _ => d,
        });
    }
    let mut value = 0u64;
    let mut last_unit = 10_000u64;
    let mut pending: Option<u64> = None;
    let mut zero = false;
    for (i, &c) in chars.iter().enumerate() {
        if let Some(d) = digit_value(c) {
            if pending.is_some() {
                return None;
            }
            if d == 0 {
                if zero || i == 0 || value == 0 {
                    return None;
                }
                zero = true;
            } else {
                pending = Some(d);
            }
        } else if let Some(u) = small_unit(c) {
            if u >= last_unit {
                return None;
            }
            let d = match pending.take() {
                Some(d) => d,
                None if u == 10 && i == 0 => 1,
                None => return None,
            };
            if zero && u * 10 == last_unit {
                return None; // 一千零百
            }
            value += d * u;
            last_unit = u;
            zero = false;
        } else {
            return None;
        }
    }
    match pending {
        Some(d) if zero || last_unit == 10 => Some(value + d),
        // 一千五 → 1500, 三百五 → 350 (colloquial).
        Some(d) if last_unit < 10_000 => Some(value + d * (last_unit / 10)),
        Some(_) => None,
        None if zero => None,
        None => Some(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn positional_numerals() {
        for (s, v) in [
            ("十", 10),
            ("十二", 12),
            ("二十", 20),
            ("二十三", 23),
            ("一百零五", 105),
            ("一百一十", 110),
            ("三千", 3000),
            ("一万二千", 12000),
            ("一万五", 15000),
            ("一千五", 1500),
            ("陆仟捌佰伍拾", 6850),
            ("壹仟零伍", 1005),
            ("一万零五百", 10500),
            ("两千", 2000),
            ("一亿二千万", 120_000_000),
            ("二〇二三", 2023),
            ("6850", 6850),
            ("１２", 12),
            ("零", 0),
        ] {
            assert_eq!(parse_int(s), Some(v), "{s}");
        }
    }

    #[test]
    fn malformed_numerals() {
        for s in ["", "一千零", "十十", "二三十", "百", "一万二百", "万", "一千零百", "十三万万", "abc"]
        {
            assert_eq!(parse_int(s), None, "{s}");
        }
    }

    fn to_cn(n: u64) -> String {
        const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
        fn section(n: u64) -> String {
            let mut s = String::new();
            let mut zero = false;
            for (u, name) in [(1000, "千"), (100, "百"), (10, "十"), (1, "")] {
                let d = (n / u) % 10;
                if d == 0 {
                    if !s.is_empty() {
                        zero = true;
                    }
                    continue;
                }
                if zero {
                    s.push('零');
                    zero = false;
                }
                s.push_str(D[d as usize]);
                s.push_str(name);
            }
            s
        }
        if n == 0 {
            return "零".into();
        }
        let (hi, lo) = (n / 10_000, n % 10_000);
        let mut s = String::new();
        if hi > 0 {
            s.push_str(&section(hi));
            s.push('万');
            if lo > 0 && lo < 1000 {
                s.push('零');
            }
        }
        if lo > 0 {
            s.push_str(&section(lo));
        }
        s
    }

    proptest! {
        #[test]
        fn round_trip(n in 0u64..100_000_000) {
            prop_assert_eq!(parse_int(&to_cn(n)), Some(n));
        }

        #[test]
        fn never_panics(s in "[零一二三四五六七八九十百千万亿两壹拾佰仟0-9]{0,12}") {
            let _ = parse_int(&s);
        }
    }
}
