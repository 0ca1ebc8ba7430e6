//! Terms of punishment → months.
//!
//! 有期徒刑一年六个月 → (有期徒刑, 18), 拘役三个月 → (拘役, 3), 缓刑一年 → (缓刑, 12), 管制六个月,
//! 有期徒刑十年. A term with no years and no months, or a month count of 12 or more after years
//! (一年十三个月), is malformed.

use std::sync::LazyLock;

use regex::Regex;

use super::numerals::parse_int;

/// A penalty kind with its length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// 有期徒刑 / 拘役 / 管制 / 缓刑 / 考验期 (or empty for a bare duration).
    pub kind: String,
    pub months: u32,
}

const DUR: &str = r"(?:(?P<y>[0-9零一二两三四五六七八九十]{1,3})年)?(?:[零又]?(?P<m>[0-9零一二两三四五六七八九十]{1,3})个?月)?";

static TERM_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^(?P<kind>有期徒刑|拘役|管制|缓刑|考验期|缓刑考验期)?(?:为)?{DUR}$"))
        .expect("term regex")
});

/// A duration: 一年六个月 → 18, 六个月 → 6, 二年 → 24.
pub fn parse_duration_months(s: &str) -> Option<u32> {
    parse_term(s).filter(|t| t.kind.is_empty()).map(|t| t.months)
}

/// A term with its kind: 有期徒刑一年六个月 → 有期徒刑, 18.
pub fn parse_term(s: &str) -> Option<Term> {
    let c = TERM_RE.captures(s.trim())?;
    let num = |n: &str| match c.name(n) {
        Some(m) => parse_int(m.as_str()).map(Some),
        None => Some(None),
    };
    let (y, m) = (num("y")?, num("m")?);
    if y.is_none() && m.is_none() {
        return None;
    }
    if y.is_some() && m.is_some_and(|m| m >= 12) {
        return None;
    }
    let months = y.unwrap_or(0).checked_mul(12)?.checked_add(m.unwrap_or(0))?;
    Some(Term {
        kind: c.name("kind").map_or("", |k| k.as_str()).to_string(),
        months: u32::try_from(months).ok()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn terms() {
        let t = |k: &str, m| Some(Term { kind: k.into(), months: m });
        assert_eq!(parse_term("有期徒刑一年六个月"), t("有期徒刑", 18));
        assert_eq!(parse_term("拘役三个月"), t("拘役", 3));
        assert_eq!(parse_term("缓刑一年"), t("缓刑", 12));
        assert_eq!(parse_term("管制六个月"), t("管制", 6));
        assert_eq!(parse_term("有期徒刑十年"), t("有期徒刑", 120));
        assert_eq!(parse_term("有期徒刑1年2个月"), t("有期徒刑", 14));
        assert_eq!(parse_term("有期徒刑二年零三个月"), t("有期徒刑", 27));
        assert_eq!(parse_term("有期徒刑五年又六个月"), t("有期徒刑", 66));
        assert_eq!(parse_duration_months("一年六个月"), Some(18));
    }

    #[test]
    fn malformed_terms() {
        for s in ["有期徒刑", "拘役三个", "一年十三个月", "有期徒刑十十年", "罚金三千元"]
        {
            assert_eq!(parse_term(s), None, "{s}");
        }
    }

    proptest! {
        #[test]
        fn arabic_terms(y in 0u32..25, m in 0u32..12) {
            prop_assume!(y + m > 0);
            let s = match (y, m) { (0, m) => format!("有期徒刑{m}个月"), (y, 0) => format!("有期徒刑{y}年"), (y, m) => format!("有期徒刑{y}年{m}个月") };
            prop_assert_eq!(parse_term(&s).map(|t| t.months), Some(y * 12 + m));
        }
    }
}
