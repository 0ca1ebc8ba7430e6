//! 18-digit 公民身份号码 (GB 11643-1999): format, ISO 7064 MOD 11-2 check character, birth date,
//! gender (odd sequence = 男). Foreign documents (not 18 characters of the right shape) are only a
//! format problem when the value looks like an attempt at a resident ID.

use chrono::NaiveDate;

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: &[u8; 11] = b"10X98765432";

/// What is wrong with an ID number, if anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdProblem {
    Format,
    /// The check character should be this one.
    Checksum(char),
    /// Digits 7–14 are not a calendar date.
    Date(String),
}

/// Upper-case, full-width X and digits folded.
pub fn clean(id: &str) -> String {
    super::normal::text(id).to_uppercase()
}

/// The check character for the first 17 digits.
pub fn check_char(first17: &[u8]) -> Option<char> {
    if first17.len() != 17 || !first17.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sum: u32 = first17.iter().zip(WEIGHTS).map(|(d, w)| u32::from(d - b'0') * w).sum();
    CHECK.get((sum % 11) as usize).map(|c| char::from(*c))
}

/// Validate an 18-character ID.
pub fn validate(id: &str) -> Result<(), IdProblem> {
    let s = clean(id);
    let b = s.as_bytes();
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) || !(b[17].is_ascii_digit() || b[17] == b'X')
    {
        return Err(IdProblem::Format);
    }
    if birth_date(&s).is_none() {
        return Err(IdProblem::Date(s.get(6..14).unwrap_or("").to_string()));
    }
    let expected = check_char(&b[..17]).ok_or(IdProblem::Format)?;
    if char::from(b[17]) != expected {
        return Err(IdProblem::Checksum(expected));
    }
    Ok(())
}

/// The birth date in digits 7–14.
pub fn birth_date(id: &str) -> Option<NaiveDate> {
    let s = clean(id);
    let (y, m, d) = (s.get(6..10)?, s.get(10..12)?, s.get(12..14)?);
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// 男 / 女 from digit 17, and the digit.
pub fn gender(id: &str) -> Option<(&'static str, u32)> {
    let s = clean(id);
    let digit = s.chars().nth(16)?.to_digit(10)?;
    Some((if digit % 2 == 1 { "男" } else { "女" }, digit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_vectors() {
        assert_eq!(validate("110105198803151232"), Ok(()));
        assert_eq!(validate("130121199502280047"), Ok(()));
        assert_eq!(validate("110105198803151233"), Err(IdProblem::Checksum('2')));
        assert_eq!(validate("11010519880315123"), Err(IdProblem::Format));
        assert!(matches!(validate("110105198802301232"), Err(IdProblem::Date(_))));
        assert_eq!(gender("110105198803151232"), Some(("男", 3)));
        assert_eq!(gender("130121199502280047"), Some(("女", 4)));
        assert_eq!(birth_date("130121199502280047"), NaiveDate::from_ymd_opt(1995, 2, 28));
    }
}
