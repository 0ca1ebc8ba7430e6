//! Full-width → half-width, character for character.
//!
//! Documents mix ＡＢ１２ with AB12. [`to_halfwidth`] maps the full-width ASCII block (U+FF01–FF5E)
//! and the ideographic space to their ASCII forms one character for one, so a character offset in
//! the mapped text is the same offset in the original — extractors match on the mapped text and
//! report spans into the original.

/// One character's half-width form (itself when it has none).
pub fn halfwidth_char(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// The text with full-width ASCII letters, digits, punctuation and spaces made half-width; the
/// result has exactly as many characters as the input.
pub fn to_halfwidth(s: &str) -> String {
    s.chars().map(halfwidth_char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn maps_letters_digits_and_space() {
        assert_eq!(to_halfwidth("ＡＢｃ１２３　Ｘ（京）"), "ABc123 X(京)");
        assert_eq!(to_halfwidth("二〇二三年，人民币。"), "二〇二三年,人民币。");
    }

    proptest! {
        #[test]
        fn keeps_char_count(s in "\\PC{0,40}") {
            prop_assert_eq!(to_halfwidth(&s).chars().count(), s.chars().count());
        }
    }
}
