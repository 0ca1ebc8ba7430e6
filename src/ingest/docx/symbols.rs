//! Symbol fonts: the glyphs of Wingdings, Wingdings 2 and Symbol that carry meaning in forms,
//! mapped to Unicode.
//!
//! Word inserts a symbol as `w:sym` with a font and a code (often `F0xx`, the font's code `xx`
//! in the private-use area); forms also get check boxes by typing a letter in a symbol font (`R`
//! in Wingdings 2 shows ☑, `£` shows □). Without the font's meaning such text reads as stray
//! letters, so the check boxes, check marks, crosses, bullets and the common Symbol operators
//! are mapped; other codes of a symbol font are left as they are.

/// Wingdings codes → Unicode.
const WINGDINGS: &[(u8, char)] = &[
    (0x6C, '●'),
    (0x6E, '■'),
    (0x6F, '□'),
    (0x71, '❑'),
    (0x76, '❖'),
    (0x9F, '•'),
    (0xA7, '▪'),
    (0xA8, '◻'),
    (0xD8, '➢'),
    (0xFB, '✗'),
    (0xFC, '✓'),
    (0xFD, '☒'),
    (0xFE, '☑'),
];

/// Wingdings 2 codes → Unicode (the light check and cross marks as ✓ and ✗, the box with a
/// light X as ☒).
const WINGDINGS_2: &[(u8, char)] = &[
    (0x4F, '✗'),
    (0x50, '✓'),
    (0x51, '✗'),
    (0x52, '☑'),
    (0x53, '☒'),
    (0x54, '☒'),
    (0x98, '●'),
    (0x99, '○'),
    (0xA2, '■'),
    (0xA3, '□'),
];

/// Symbol codes → Unicode (operators and bullets; Symbol's letters are Greek).
const SYMBOL: &[(u8, char)] = &[
    (0xA3, '≤'),
    (0xA5, '∞'),
    (0xAC, '←'),
    (0xAE, '→'),
    (0xB0, '°'),
    (0xB1, '±'),
    (0xB3, '≥'),
    (0xB4, '×'),
    (0xB7, '•'),
    (0xB8, '÷'),
    (0xB9, '≠'),
    (0xD6, '√'),
];

/// The table of a symbol font, by its name (case-insensitive); `None` for text fonts.
pub(super) fn table(font: &str) -> Option<&'static [(u8, char)]> {
    match font.trim().to_ascii_lowercase().as_str() {
        "wingdings" => Some(WINGDINGS),
        "wingdings 2" => Some(WINGDINGS_2),
        "symbol" => Some(SYMBOL),
        _ => None,
    }
}

/// The Unicode character of code `code` (`xx` or `F0xx`) in a symbol font's table.
pub(super) fn map(table: &[(u8, char)], code: u32) -> Option<char> {
    let code = if (0xF000..=0xF0FF).contains(&code) { code - 0xF000 } else { code };
    let byte = u8::try_from(code).ok()?;
    table.iter().find(|(b, _)| *b == byte).map(|(_, c)| *c)
}

/// A run's text in a symbol font: mapped characters replaced, others (and every character
/// beyond Latin-1, which Word draws with the East Asian font) kept.
pub(super) fn map_text(table: &[(u8, char)], text: &str) -> String {
    text.chars().map(|c| map(table, u32::from(c)).unwrap_or(c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_boxes_of_forms() {
        let w2 = table("Wingdings 2").unwrap();
        assert_eq!(map_text(w2, "R是 £否"), "☑是 □否");
        let w = table("WINGDINGS").unwrap();
        assert_eq!(map(w, 0xF0FE), Some('☑'));
        assert_eq!(map(w, 0xF041), None);
        assert_eq!(map(table("Symbol").unwrap(), 0xF0B4), Some('×'));
        assert!(table("宋体").is_none());
    }
}
