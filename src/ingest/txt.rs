//! TXT → text: encoding detection without labels, and the text tidying shared by the readers.
//!
//! Detection, in order (the file name is never consulted):
//! 1. a byte-order mark: UTF-8, UTF-16 LE or UTF-16 BE;
//! 2. UTF-16 without a BOM, recognised by its NUL bytes (the high byte of ASCII characters)
//!    falling on one parity only, and accepted only if the decoded text looks like text;
//! 3. valid UTF-8;
//! 4. GB18030 (a superset of GBK and GB2312), decoded strictly (any malformed sequence rejects
//!    it) and accepted only if its multi-byte characters look Chinese (mostly in the GB2312
//!    block, or mostly in runs rather than alone between ASCII letters as accented letters of a
//!    Latin code page are) and the result is mostly CJK, ASCII and punctuation.
//!
//! Anything else — random bytes, images, executables — is an [`IngestError::Encoding`] ("not
//! text"), never mojibake: every candidate decoding must also pass [`looks_like_text`] (few
//! control or replacement characters).
//!
//! [`tidy`] then applies the shared text conventions: `\r\n`, `\r` and the other line breaks
//! (vertical tab, NEL, U+2028, U+2029) become `\n`, a leading BOM and control characters other
//! than `\n`, `\t` and `\f` are removed, no-break spaces become spaces, lines lose trailing
//! whitespace, runs of more than two blank lines are collapsed to two, and leading and trailing
//! blank lines are dropped.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};

use super::IngestError;

/// Largest share of suspicious characters (controls, U+FFFD, private use) in text.
const MAX_BAD_SHARE: f64 = 0.02;
/// Smallest share of CJK/ASCII/punctuation characters for a guessed (unmarked) multi-byte decoding.
const MIN_PLAIN_SHARE: f64 = 0.9;
/// Smallest share of GB18030 multi-byte characters in the GB2312 block, or in runs.
const MIN_GB_SHARE: f64 = 0.6;
/// Most consecutive blank lines kept by [`tidy`].
const MAX_BLANK_LINES: usize = 2;

/// Decode a plain-text file into tidy text with `\n` newlines.
pub fn decode(bytes: &[u8]) -> Result<String, IngestError> {
    Ok(tidy(&detect(bytes)?))
}

/// Decode a plain-text file (same detection as [`decode`]) without tidying it: every line, blank
/// ones included, is kept, for tools that must answer line for line (`anguan segment`).
pub fn decode_untidied(bytes: &[u8]) -> Result<String, IngestError> {
    detect(bytes)
}

fn not_text() -> IngestError {
    IngestError::Encoding(
        "not text: binary data or an unknown encoding (tried UTF-8, UTF-16 and GB18030/GBK)".into(),
    )
}

/// Decode with the detected encoding, before tidying.
fn detect(bytes: &[u8]) -> Result<String, IngestError> {
    let marked = Encoding::for_bom(bytes).map(|(encoding, bom)| {
        encoding.decode_without_bom_handling(bytes.get(bom..).unwrap_or_default()).0.into_owned()
    });
    if let Some(text) = marked {
        return if looks_like_text(&text) { Ok(text) } else { Err(not_text()) };
    }
    if let Some(encoding) = utf16_by_nuls(bytes) {
        let text = encoding.decode_without_bom_handling(bytes).0;
        if looks_like_text(&text) && plain_share(&text) >= MIN_PLAIN_SHARE {
            return Ok(text.into_owned());
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return if looks_like_text(text) { Ok(text.to_string()) } else { Err(not_text()) };
    }
    if gb_plausible(bytes)
        && let Some(text) = GB18030.decode_without_bom_handling_and_without_replacement(bytes)
        && looks_like_text(&text)
        && plain_share(&text) >= MIN_PLAIN_SHARE
    {
        return Ok(text.into_owned());
    }
    Err(not_text())
}

/// UTF-16 without a BOM: NUL bytes (high bytes of ASCII characters) on one parity only.
fn utf16_by_nuls(bytes: &[u8]) -> Option<&'static Encoding> {
    let pairs = bytes.len() / 2;
    // Without NUL bytes both counts are 0 (most files: skip the counting pass).
    if pairs == 0 || !bytes.contains(&0) {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in bytes.chunks_exact(2) {
        even += usize::from(pair.first() == Some(&0));
        odd += usize::from(pair.get(1) == Some(&0));
    }
    let enough = |n: usize| n > 0 && n * 20 >= pairs;
    if enough(odd) && even * 10 <= odd {
        Some(UTF_16LE)
    } else if enough(even) && odd * 10 <= even {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Whether the multi-byte sequences of a GB18030 candidate look like Chinese text rather than
/// another single-byte code page (Latin-1 `è` + `s` is a valid GBK pair): most of them lie in the
/// GB2312 block (lead A1–F7, trail A1–FE: simplified text), or most of them come in runs
/// (Chinese words; an accented Latin letter stands alone between ASCII letters). True when
/// there are none.
fn gb_plausible(bytes: &[u8]) -> bool {
    let (mut multi, mut gb2312, mut in_run) = (0usize, 0usize, 0usize);
    let mut previous_multi = false;
    let mut i = 0;
    while let Some(&lead) = bytes.get(i) {
        if !(0x81..=0xFE).contains(&lead) {
            previous_multi = false;
            i += 1;
            continue;
        }
        multi += 1;
        let next = match bytes.get(i + 1) {
            Some(0x30..=0x39) => i + 4,
            Some(&trail) => {
                gb2312 += usize::from((0xA1..=0xF7).contains(&lead) && (0xA1..=0xFE).contains(&trail));
                i + 2
            }
            None => i + 1,
        };
        let next_multi = bytes.get(next).is_some_and(|b| (0x81..=0xFE).contains(b));
        in_run += usize::from(previous_multi || next_multi);
        previous_multi = true;
        i = next;
    }
    let share = |n: usize| if multi == 0 { 1.0 } else { n as f64 / multi as f64 };
    share(gb2312) >= MIN_GB_SHARE || share(in_run) >= MIN_GB_SHARE
}

/// Whether decoded text has few characters that text does not contain: controls other than
/// whitespace and form feed, replacement characters, private-use characters. NUL characters
/// (padding, stray bytes) are not counted, but text made only of them is not text; one stray
/// control character is forgiven in any text.
pub fn looks_like_text(text: &str) -> bool {
    // Text whose bytes can start no counted character needs no count.
    !may_hold_suspicious(text.as_bytes()) || counts_as_text(text)
}

/// [`looks_like_text`] by counting every character (no byte precheck).
fn counts_as_text(text: &str) -> bool {
    let (mut total, mut bad, mut nul) = (0usize, 0usize, 0usize);
    for c in text.chars() {
        if c == '\0' {
            nul += 1;
            continue;
        }
        total += 1;
        let suspicious = (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{b}' | '\u{c}'))
            || c == '\u{fffd}'
            || ('\u{e000}'..='\u{f8ff}').contains(&c);
        bad += usize::from(suspicious);
    }
    !(total == 0 && nul > 0) && bad as f64 <= 1.0 + total as f64 * MAX_BAD_SHARE
}

/// Whether UTF-8 `bytes` may hold a character [`looks_like_text`] counts (NUL, a control
/// character other than whitespace and form feed, U+FFFD, a private-use character): false only
/// when none of their bytes can start one (C0 controls and DEL; C2: U+0080–U+00BF; EE:
/// U+E000–U+EFFF; EF 80–A3: U+F000–U+F8FF; EF BF: U+FFC0–U+FFFF). Text without them has
/// nothing to count.
fn may_hold_suspicious(bytes: &[u8]) -> bool {
    super::bytescan::find(bytes, 0, |b, n1, _| {
        ((b < 0x20) & !matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r'))
            | (b == 0x7f)
            | (b == 0xc2)
            | (b == 0xee)
            | ((b == 0xef) & ((n1 < 0xa4) | (n1 == 0xbf)))
    })
    .is_some()
}

/// The share of characters that Chinese plain text is made of: ASCII, CJK ideographs and
/// punctuation, full-width forms, kana, and the symbols GB2312 carries.
fn plain_share(text: &str) -> f64 {
    let (mut total, mut plain) = (0usize, 0usize);
    for c in text.chars() {
        total += 1;
        let ok = matches!(c,
            '\t' | '\n' | '\r' | '\u{c}' | ' '..='~'
            | '\u{a0}'..='\u{24f}'     // Latin-1 and Latin Extended
            | '\u{391}'..='\u{451}'    // Greek, Cyrillic
            | '\u{2000}'..='\u{22ff}'  // punctuation, letterlike, numbers, arrows, maths
            | '\u{2460}'..='\u{27bf}'  // enclosed numbers, box drawing, shapes, symbols
            | '\u{2e80}'..='\u{9fff}'  // CJK radicals, punctuation, kana, ext. A, unified
            | '\u{f900}'..='\u{faff}'  // compatibility ideographs
            | '\u{fe30}'..='\u{fe4f}'  // CJK compatibility forms
            | '\u{ff00}'..='\u{ffef}'  // full-width forms
            | '\u{20000}'..='\u{3134f}' // ideograph extensions B–G
        );
        plain += usize::from(ok);
    }
    if total == 0 { 1.0 } else { plain as f64 / total as f64 }
}

/// Apply the shared text conventions (see the module documentation).
///
/// One pass over the bytes: a line is copied as it is unless it holds a byte that may need
/// cleaning (a control character or a character of U+0080–U+00BF, which holds the C1 controls
/// and the no-break space); only such a line is rebuilt character by character.
pub fn tidy(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = String::with_capacity(text.len());
    let mut blanks = 0usize;
    let mut started = false;
    let mut scratch = String::new();
    let mut rest = text;
    loop {
        let (line, dirty, next) = next_line(rest);
        let clean = if dirty {
            scratch.clear();
            scratch.extend(
                line.chars()
                    .filter(|&c| !c.is_control() || matches!(c, '\t' | '\u{c}'))
                    .map(|c| if c == '\u{a0}' { ' ' } else { c }),
            );
            scratch.as_str()
        } else {
            line
        };
        let clean = clean.trim_end_matches(|c: char| c.is_whitespace() && c != '\u{c}');
        if clean.is_empty() {
            blanks += 1;
        } else {
            if started {
                out.push('\n');
                for _ in 0..blanks.min(MAX_BLANK_LINES) {
                    out.push('\n');
                }
            }
            out.push_str(clean);
            started = true;
            blanks = 0;
        }
        match next {
            Some(next) => rest = next,
            None => return out,
        }
    }
}

/// The first line of `text` (up to a character that ends a line: besides `\n` and `\r`, the
/// vertical tab (Word's manual line break in exported text), NEL and the Unicode line and
/// paragraph separators; `\r\n` is one break), whether
/// it may need cleaning (see [`tidy`]), and the text after the break (`None` when there is no
/// break).
fn next_line(text: &str) -> (&str, bool, Option<&str>) {
    let bytes = text.as_bytes();
    let mut dirty = false;
    let mut from = 0;
    while let Some(i) = super::bytescan::find(bytes, from, |b, n1, n2| {
        (b < 0x20) | (b == 0x7f) | (b == 0xc2) | ((b == 0xe2) & (n1 == 0x80) & ((n2 == 0xa8) | (n2 == 0xa9)))
    }) {
        let next = |k: usize| bytes.get(i + k).copied();
        let width = match bytes.get(i).copied().unwrap_or(0) {
            b'\r' if next(1) == Some(b'\n') => 2,
            b'\n' | b'\r' | 0x0b => 1,
            0xc2 if next(1) == Some(0x85) => 2,
            0xe2 => 3,
            b'\t' | 0x0c => 0,
            _ => {
                dirty = true;
                0
            }
        };
        if width > 0 {
            return (text.get(..i).unwrap_or(""), dirty, Some(text.get(i + width..).unwrap_or("")));
        }
        from = i + 1;
    }
    (text, dirty, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const LINE_BREAKS: [char; 6] = ['\n', '\r', '\u{b}', '\u{85}', '\u{2028}', '\u{2029}'];

    /// The straightforward [`tidy`]: replace `\r\n`, split at every break, clean each line.
    fn tidy_reference(text: &str) -> String {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut out = String::new();
        let (mut blanks, mut started) = (0usize, false);
        for line in text.replace("\r\n", "\n").split(LINE_BREAKS) {
            let clean: String = line
                .chars()
                .filter(|&c| !c.is_control() || matches!(c, '\t' | '\u{c}'))
                .map(|c| if c == '\u{a0}' { ' ' } else { c })
                .collect();
            let clean = clean.trim_end_matches(|c: char| c.is_whitespace() && c != '\u{c}');
            if clean.is_empty() {
                blanks += 1;
                continue;
            }
            if started {
                out.push('\n');
                out.extend(std::iter::repeat_n('\n', blanks.min(MAX_BLANK_LINES)));
            }
            out.push_str(clean);
            (started, blanks) = (true, 0);
        }
        out
    }

    /// Characters around every case the byte scans single out.
    const TRICKY: &[char] = &[
        '\n', '\r', '\u{b}', '\u{c}', '\t', ' ', '\0', '\u{7}', '\u{1f}', '\u{7f}', '\u{80}', '\u{85}',
        '\u{9f}', '\u{a0}', '\u{a1}', '\u{bf}', '\u{2027}', '\u{2028}', '\u{2029}', '\u{202a}', '\u{2000}',
        '\u{3000}', '\u{feff}', '\u{e000}', '\u{efff}', '\u{f000}', '\u{f8ff}', '\u{f900}', '\u{ff0c}',
        '\u{ffe5}', '\u{fffd}', '\u{ffff}', '甲', '。', 'a', '😀',
    ];

    proptest! {
        #[test]
        fn tidy_and_text_check_equal_their_plain_versions(
            picks in proptest::collection::vec(0..TRICKY.len(), 0..40),
        ) {
            let text: String = picks.iter().filter_map(|&i| TRICKY.get(i)).collect();
            prop_assert_eq!(tidy(&text), tidy_reference(&text));
            prop_assert_eq!(looks_like_text(&text), counts_as_text(&text));
        }
    }

    #[test]
    fn tidy_applies_the_conventions() {
        assert_eq!(tidy("\u{feff}一\r\n二  \r三\u{a0}四\u{a0}\n"), "一\n二\n三 四");
        assert_eq!(tidy("\n\n甲\n\n\n\n\n乙\n\n丙"), "甲\n\n\n乙\n\n丙");
        assert_eq!(tidy("a\u{0}b\u{7}\tc\u{c}\n"), "ab\tc\u{c}");
    }
}
