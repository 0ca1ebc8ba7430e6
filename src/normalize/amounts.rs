//! Amounts of money → 元.
//!
//! 人民币6,850元, 6850元, 6.85万元, 人民币陆仟捌佰伍拾元, 一万二千元, 壹仟元整, 3元5角, and the
//! qualifiers around them (共计, 价值, 约, 现金, 余, 左右, 以上, 人民币/￥/RMB before or after; 余, 多
//! and 来 also before 万 or 亿: 50余万元, 2亿余元, 十来万元). [`parse_amount`] reads one written
//! amount; anything it cannot read fully (壹仟零元零, 12,34元) is `None`. Arabic digits may carry
//! Chinese units (2万4千元, 13万9千余元, 1千2百元).
//!
//! Speech writes 块 for 元 and 毛 for 角 (三百块钱, 一块五毛, 三块五: a bare digit after 块 is 角).
//! Whether a 块 is money at all (手表一块 is a classifier) is for the caller to decide; read as an
//! amount, it is worth this.

use super::numerals::{digit_value, parse_int};

/// Words that may precede or follow the number without changing it.
const AFFIXES: [&str; 21] = [
    "人民币",
    "￥",
    "¥",
    "RMB",
    "共计",
    "合计",
    "总计",
    "价值",
    "现金",
    "计",
    "共",
    "约",
    "折合",
    "余",
    "多",
    "左右",
    "以上",
    "许",
    "整",
    "的",
    "钱",
];

fn strip_affixes(mut s: &str) -> &str {
    loop {
        let before = s;
        s = s.trim();
        for a in AFFIXES {
            s = s.strip_prefix(a).unwrap_or(s);
            s = s.strip_suffix(a).unwrap_or(s);
        }
        if s == before {
            return s;
        }
    }
}

/// An Arabic number with optional thousands separators and decimals: 6,850 / 6850.5 / 1,234,567.
fn parse_arabic(s: &str) -> Option<f64> {
    let s: String = super::fullwidth::to_halfwidth(s);
    let s = s.replace('，', ",");
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s.as_str(), None),
    };
    if int.is_empty() || frac.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    if int.contains(',') {
        // Groups of three after the first group.
        let mut groups = int.split(',');
        let first = groups.next()?;
        if first.is_empty() || first.len() > 3 || groups.clone().any(|g| g.len() != 3) {
            return None;
        }
    }
    let digits: String = int.chars().filter(|&c| c != ',').collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    format!("{digits}.{}", frac.unwrap_or("0")).parse().ok()
}

/// A number, Arabic or Chinese, with an optional trailing 万/千/百/亿 multiplier: 6.85万, 3千,
/// 一万二千, 陆仟捌佰伍拾.
pub fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    if let Some(v) = parse_arabic(s) {
        return Some(v);
    }
    for (suffix, mult) in [("万", 1e4), ("亿", 1e8), ("千", 1e3), ("仟", 1e3), ("百", 1e2)] {
        if let Some(head) = s.strip_suffix(suffix)
            && let Some(v) = parse_arabic(head)
        {
            return Some(v * mult);
        }
    }
    parse_mixed(s).or_else(|| parse_int(s)).map(|v| v as f64)
}

/// Arabic digits with Chinese units, as in 2万4千, 13万9千, 1千2百, 1亿2000万, 2万4 (= 24000, as
/// 一万五 is 15000). Digits before a unit are one digit (9千, not 12千); a run of digits without a
/// unit ends its section. Anything else is `None`.
fn parse_mixed(s: &str) -> Option<u64> {
    if !s.bytes().any(|b| b.is_ascii_digit()) || !s.contains(['万', '亿', '千', '百', '十']) {
        return None;
    }
    for (sep, unit) in [('亿', 100_000_000u64), ('万', 10_000)] {
        if let Some((hi, lo)) = s.split_once(sep) {
            let hi = mixed_section(hi).filter(|&v| v > 0)?;
            let lo = match lo.chars().collect::<Vec<_>>().as_slice() {
                [] => 0,
                [d] if d.is_ascii_digit() => digit_value(*d)? * (unit / 10),
                _ if lo.bytes().any(|b| b.is_ascii_digit()) => {
                    parse_mixed(lo).or_else(|| mixed_section(lo))?
                }
                _ => return None,
            };
            return (lo < unit).then_some(hi.checked_mul(unit)?.checked_add(lo)?);
        }
    }
    mixed_section(s)
}

/// A section below 万 written with Arabic digits: 13, 9千, 1千2百, 1千5 (1500).
fn mixed_section(s: &str) -> Option<u64> {
    let mut value = 0u64;
    let mut last_unit = 10_000u64;
    let mut digits = String::new();
    for c in s.chars().map(Some).chain([None]) {
        if let Some(d) = c.filter(char::is_ascii_digit) {
            digits.push(d);
            continue;
        }
        let unit = match c {
            Some('千') => 1000,
            Some('百') => 100,
            Some('十') => 10,
            None if !digits.is_empty() => 1,
            None => break,
            Some(_) => return None,
        };
        let d: u64 = digits.parse().ok()?;
        // One digit before a unit; a run without a unit is a whole section (13), or one digit of
        // the next-lower unit after a unit (1千5 = 1500, as 一千五); 5千30 is ambiguous.
        let after_unit = last_unit < 10_000;
        if unit >= last_unit || (unit > 1 || after_unit) && digits.len() != 1 {
            return None;
        }
        let unit = if unit == 1 && after_unit { last_unit / 10 } else { unit };
        value += d * unit;
        last_unit = unit;
        digits.clear();
    }
    (last_unit < 10_000).then_some(value)
}

/// The number of an amount without the approximation words 余, 多, 来 before its multiplier or at
/// its end: "50余万" → "50万", "2亿多" → "2亿", "一千来" → "一千" (read as their lower bound).
fn without_approximation(head: &str) -> String {
    let mut out = String::with_capacity(head.len());
    let mut chars = head.chars().peekable();
    while let Some(c) = chars.next() {
        let approx = matches!(c, '余' | '多' | '来');
        let before_unit = chars.peek().is_none_or(|n| matches!(n, '万' | '亿' | '千' | '百'));
        if !(approx && before_unit && !out.is_empty()) {
            out.push(c);
        }
    }
    out
}

/// One written amount in 元 (角 and 分 count as tenths and hundredths).
pub fn parse_amount(s: &str) -> Option<f64> {
    let s = strip_affixes(s);
    let pos = s.find(['元', '圆', '块'])?;
    let unit = s.get(pos..)?.chars().next()?;
    let (head, tail) = (s.get(..pos)?, s.get(pos + unit.len_utf8()..)?);
    let yuan = parse_number(&without_approximation(strip_affixes(head)))?;
    let tail = strip_affixes(tail);
    let mut cents = 0.0;
    // "三块五", "一块五钱": a bare digit after 块 is 角.
    let mut bare = tail.chars();
    if unit == '块'
        && let (Some(d), None) = (bare.next(), bare.next())
        && digit_value(d).is_some_and(|v| v > 0)
    {
        cents = digit_value(d)? as f64 * 0.1;
    } else if !tail.is_empty() {
        // 5角, 5角6分, 零5分; nothing else may follow 元.
        let mut rest = tail;
        let mut any = false;
        if let Some(r) = rest.strip_prefix('零') {
            rest = r;
        }
        for (units, scale) in [(['角', '毛'], 0.1), (['分', '分'], 0.01)] {
            let mut it = rest.char_indices();
            if let (Some((_, d)), Some((i, u))) = (it.next(), it.next())
                && units.contains(&u)
            {
                cents += digit_value(d)? as f64 * scale;
                rest = rest.get(i + u.len_utf8()..)?;
                any = true;
            }
        }
        if !rest.is_empty() || !any {
            return None;
        }
    }
    Some(((yuan + cents) * 100.0).round() / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn written_amounts() {
        for (s, v) in [
            ("人民币6,850元", 6850.0),
            ("6850元", 6850.0),
            ("6.85万元", 68500.0),
            ("人民币陆仟捌佰伍拾元", 6850.0),
            ("一万二千元", 12000.0),
            ("共计价值人民币3,650元", 3650.0),
            ("约1200元", 1200.0),
            ("现金人民币300余元", 300.0),
            ("12315.60元人民币", 12315.6),
            ("壹仟元整", 1000.0),
            ("三元五角", 3.5),
            ("人民币伍佰元零伍分", 500.05),
            ("1.4万余元", 14000.0),
            ("人民币4832.1元", 4832.1),
            ("５０元", 50.0),
            ("人民币800元以上", 800.0),
            ("50余万元", 500000.0),
            ("人民币10多万元", 100000.0),
            ("￥450元", 450.0),
            ("现金RMB1,200元", 1200.0),
        ] {
            assert_eq!(parse_amount(s), Some(v), "{s}");
        }
    }

    #[test]
    fn colloquial_and_large_amounts() {
        for (s, v) in [
            ("450块", 450.0),
            ("三百块钱", 300.0),
            ("8万块钱", 80000.0),
            ("一块五毛钱", 1.5),
            ("三块五", 3.5),
            ("2块5毛", 2.5),
            ("一千来块钱", 1000.0),
            ("十来万元", 100000.0),
            ("3元5毛", 3.5),
            ("1.3亿元", 130000000.0),
            ("2亿余元", 200000000.0),
            ("1亿多元", 100000000.0),
            ("300元钱", 300.0),
            ("2万4千元", 24000.0),
            ("7万5千余元", 75000.0),
            ("1千2百元", 1200.0),
            ("13万9千余元", 139000.0),
            ("1亿2000万元", 120000000.0),
            ("2万4元", 24000.0),
            ("1万2千3元", 12300.0),
        ] {
            assert_eq!(parse_amount(s), Some(v), "{s}");
        }
        for s in [
            "手表一块",
            "四块电瓶",
            "三块五十",
            "块",
            "5元5",
            "一块零",
            "余万元",
            "三块五角六",
            "3百4千元",
            "2万12345元",
            "0万5千元",
            "5千30元",
            "5千\u{0}3元",
        ] {
            assert_eq!(parse_amount(s), None, "{s}");
        }
    }

    #[test]
    fn malformed_amounts() {
        for s in ["壹仟零元零", "12,34元", "元", "人民币元", "6850", "1..5元", "一千零元", "5元钱包"]
        {
            assert_eq!(parse_amount(s), None, "{s}");
        }
    }

    proptest! {
        #[test]
        fn arabic_with_separators(n in 0u64..100_000_000) {
            let plain = format!("{n}元");
            let s = n.to_string();
            let mut grouped = String::new();
            for (i, c) in s.chars().enumerate() {
                if i > 0 && (s.len() - i) % 3 == 0 { grouped.push(','); }
                grouped.push(c);
            }
            prop_assert_eq!(parse_amount(&plain), Some(n as f64));
            prop_assert_eq!(parse_amount(&format!("人民币{grouped}元")), Some(n as f64));
        }

        #[test]
        fn never_panics(s in "[0-9,.万千元角分零壹仟人民币约余整]{0,16}") {
            let _ = parse_amount(&s);
        }
    }
}
