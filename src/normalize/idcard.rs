//! 公民身份号码 (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence (odd = male),
//! ISO 7064 MOD 11-2 check character. [`parse_id`] gives the birth date and gender only for a
//! number that is well formed, has a real calendar date and the right check character; [`check_id`]
//! says what is wrong otherwise (the audit reports it). 15-digit legacy numbers are converted.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// A valid ID number and what it encodes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdInfo {
    /// 18 characters, upper-case X.
    pub number: String,
    pub birth_date: NaiveDate,
    /// 男 / 女
    pub gender: String,
    /// The 6-digit region code.
    pub region: String,
}

/// Why a number is not a valid ID.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("not 18 digits (or 17 digits and X)")]
    Format,
    #[error("the birth date is not a real date")]
    BirthDate,
    #[error("wrong check character")]
    Checksum,
}

/// The check character of the first 17 digits.
pub fn check_char(first17: &str) -> Option<char> {
    if first17.len() != 17 || !first17.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let sum: u32 = first17.bytes().zip(WEIGHTS).map(|(b, w)| u32::from(b - b'0') * w).sum();
    CHECK.get((sum % 11) as usize).copied()
}

/// Validate an ID number (full-width digits and a lower-case or full-width x are accepted; 15-digit
/// legacy numbers are converted to 18).
pub fn check_id(s: &str) -> Result<IdInfo, IdError> {
    let s: String = super::fullwidth::to_halfwidth(s.trim()).to_uppercase();
    if !s.is_ascii() {
        return Err(IdError::Format);
    }
    let s = match s.len() {
        15 if s.bytes().all(|b| b.is_ascii_digit()) => {
            let first17 = format!("{}19{}", &s[..6], &s[6..]);
            let c = check_char(&first17).ok_or(IdError::Format)?;
            format!("{first17}{c}")
        }
        18 => s,
        _ => return Err(IdError::Format),
    };
    let (first17, last) = s.split_at(17);
    if !first17.bytes().all(|b| b.is_ascii_digit())
        || !(last == "X" || last.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(IdError::Format);
    }
    let num = |r: std::ops::Range<usize>| first17.get(r).and_then(|d| d.parse::<u32>().ok());
    let (y, m, d) = (num(6..10), num(10..12), num(12..14));
    let birth = match (y, m, d) {
        (Some(y), Some(m), Some(d)) if y >= 1850 => NaiveDate::from_ymd_opt(y as i32, m, d),
        _ => None,
    }
    .ok_or(IdError::BirthDate)?;
    if check_char(first17).map(String::from).as_deref() != Some(last) {
        return Err(IdError::Checksum);
    }
    let seq = num(16..17).ok_or(IdError::Format)?;
    Ok(IdInfo {
        number: s.clone(),
        birth_date: birth,
        gender: if seq % 2 == 1 { "男" } else { "女" }.to_string(),
        region: first17[..6].to_string(),
    })
}

/// The ID's facts when it is valid; `None` otherwise.
pub fn parse_id(s: &str) -> Option<IdInfo> {
    check_id(s).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reference_vectors() {
        let a = parse_id("110105198803151232").unwrap();
        assert_eq!(a.birth_date, NaiveDate::from_ymd_opt(1988, 3, 15).unwrap());
        assert_eq!(a.gender, "男");
        let b = parse_id("130121199502280047").unwrap();
        assert_eq!(b.gender, "女");
        assert_eq!(b.birth_date.to_string(), "1995-02-28");
        assert_eq!(check_id("110105198803151233"), Err(IdError::Checksum));
        assert_eq!(check_id("11010519880315123"), Err(IdError::Format));
        assert_eq!(check_id("110105198802301235").map(|_| ()), Err(IdError::BirthDate));
        assert!(parse_id("１１０１０５１９８８０３１５１２３２").is_some());
    }

    #[test]
    fn legacy_15_digits() {
        let a = parse_id("110105880315123").unwrap();
        assert_eq!(a.number.len(), 18);
        assert_eq!(a.birth_date.to_string(), "1988-03-15");
        assert_eq!(a.gender, "男");
    }

    proptest! {
        #[test]
        fn computed_check_char_validates(region in 110000u32..659999, days in 0i64..40000, seq in 0u32..1000) {
            let birth = NaiveDate::from_ymd_opt(1920, 1, 1).unwrap() + chrono::Duration::days(days);
            let first17 = format!("{region}{}{seq:03}", birth.format("%Y%m%d"));
            let c = check_char(&first17).unwrap();
            let info = parse_id(&format!("{first17}{c}")).unwrap();
            prop_assert_eq!(info.birth_date, birth);
            // Any other check character is rejected.
            for other in CHECK.iter().filter(|&&o| o != c) {
                let bad = format!("{first17}{other}");
                prop_assert!(parse_id(&bad).is_none());
            }
        }

        #[test]
        fn never_panics(s in "\\PC{0,20}") {
            let _ = check_id(&s);
        }
    }
}
