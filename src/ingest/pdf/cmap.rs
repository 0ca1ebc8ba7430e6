//! CMap streams: ToUnicode maps (`bfchar`/`bfrange`) and embedded encoding CMaps (`cidchar`/
//! `cidrange`), with their code space ranges.
//!
//! A small tokenizer reads the PostScript-like syntax; only the sections that matter for text
//! are interpreted, everything else is skipped. Codes are kept with their byte length, so a
//! one-byte code 0x41 and a two-byte code 0x0041 are different keys, as the PDF spec requires.
//! Ranges are clamped ([`MAX_RANGE`]), destinations cut to the 512 bytes the spec allows, the
//! entries kept ([`MAX_ENTRIES`]) and the codes expanded from ranges ([`MAX_EXPANDED`]) counted,
//! so a hostile CMap can neither allocate nor loop without bound.

use std::collections::HashMap;

/// Largest number of codes one `bfrange`/`cidrange` entry may expand to.
const MAX_RANGE: u32 = 0x1_0000;
/// Largest number of entries kept from one CMap.
const MAX_ENTRIES: usize = 200_000;
/// Most codes expanded from all the ranges of one CMap (ranges may overlap, so the entries kept
/// do not bound the work).
const MAX_EXPANDED: usize = 4 * MAX_ENTRIES;
/// Longest `bfchar`/`bfrange` destination read, in bytes (ISO 32000 §9.10.3: at most 512).
const MAX_DESTINATION: usize = 512;

/// A code: its value and its length in bytes (1–4).
pub type Code = (u32, u8);

/// A parsed CMap.
#[derive(Debug, Default, Clone)]
pub struct CMap {
    /// Codes that ranges may still expand to (see [`MAX_EXPANDED`]).
    expand_left: usize,
    /// Code space ranges: (byte length, low, high) — low/high compared byte by byte.
    pub codespace: Vec<(u8, Vec<u8>, Vec<u8>)>,
    /// Code → Unicode text (ToUnicode maps).
    pub unicode: HashMap<Code, String>,
    /// Code → CID (encoding CMaps).
    pub cids: HashMap<Code, u32>,
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Hex(Vec<u8>),
    Name(Vec<u8>),
    Number(i64),
    Word(Vec<u8>),
    ArrayStart,
    ArrayEnd,
}

fn tokenize(data: &[u8]) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut i = 0;
    let delimiter = |b: u8| b.is_ascii_whitespace() || b"[]<>()/%{}".contains(&b);
    while let Some(&b) = data.get(i) {
        match b {
            b'%' => {
                while data.get(i).is_some_and(|&c| c != b'\n' && c != b'\r') {
                    i += 1;
                }
            }
            b'[' => {
                tokens.push(Token::ArrayStart);
                i += 1;
            }
            b']' => {
                tokens.push(Token::ArrayEnd);
                i += 1;
            }
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                i += 1;
                let mut digits = Vec::new();
                while let Some(&c) = data.get(i) {
                    i += 1;
                    if c == b'>' {
                        break;
                    }
                    if let Some(d) = (c as char).to_digit(16) {
                        digits.push(d as u8);
                    }
                }
                if digits.len() % 2 == 1 {
                    digits.push(0);
                }
                tokens.push(Token::Hex(
                    digits.chunks(2).map(|p| p[0] * 16 + p.get(1).copied().unwrap_or(0)).collect(),
                ));
            }
            // Literal strings do not occur in the sections we read; skip them, nesting aware.
            b'(' => i = super::operands::after_literal_string(data, i),
            b'/' => {
                let start = i + 1;
                i += 1;
                while data.get(i).is_some_and(|&c| !delimiter(c)) {
                    i += 1;
                }
                tokens.push(Token::Name(data.get(start..i).unwrap_or_default().to_vec()));
            }
            _ if b.is_ascii_whitespace() || b"{}>)".contains(&b) => i += 1,
            _ => {
                let start = i;
                while data.get(i).is_some_and(|&c| !delimiter(c)) {
                    i += 1;
                }
                let word = data.get(start..i).unwrap_or_default();
                let parsed = std::str::from_utf8(word).ok().and_then(|s| s.parse::<i64>().ok());
                tokens.push(match parsed {
                    Some(n) => Token::Number(n),
                    None => Token::Word(word.to_vec()),
                });
            }
        }
    }
    tokens
}

fn code_of(bytes: &[u8]) -> Option<Code> {
    if bytes.is_empty() || bytes.len() > 4 {
        return None;
    }
    Some((bytes.iter().fold(0u32, |acc, &b| (acc << 8) | u32::from(b)), bytes.len() as u8))
}

/// A destination's bytes, cut to [`MAX_DESTINATION`].
fn destination(bytes: &[u8]) -> &[u8] {
    bytes.get(..MAX_DESTINATION).unwrap_or(bytes)
}

/// UTF-16BE bytes of a `bfchar`/`bfrange` destination → text (lone surrogates dropped).
fn utf16_text(bytes: &[u8]) -> String {
    let units = destination(bytes)
        .chunks(2)
        .map(|p| (u16::from(p[0]) << 8) | u16::from(p.get(1).copied().unwrap_or(0)));
    char::decode_utf16(units).filter_map(Result::ok).collect()
}

impl CMap {
    /// Parse a CMap stream's decoded bytes. Never fails: what cannot be read is skipped.
    pub fn parse(data: &[u8]) -> CMap {
        let tokens = tokenize(data);
        let mut cmap = CMap { expand_left: MAX_EXPANDED, ..CMap::default() };
        let mut i = 0;
        while let Some(token) = tokens.get(i) {
            i += 1;
            let Token::Word(word) = token else { continue };
            match word.as_slice() {
                b"begincodespacerange" => {
                    while let (Some(Token::Hex(lo)), Some(Token::Hex(hi))) =
                        (tokens.get(i), tokens.get(i + 1))
                    {
                        if lo.len() == hi.len() && (1..=4).contains(&lo.len()) {
                            cmap.codespace.push((lo.len() as u8, lo.clone(), hi.clone()));
                        }
                        i += 2;
                    }
                }
                b"beginbfchar" => {
                    while let (Some(Token::Hex(src)), Some(dst)) = (tokens.get(i), tokens.get(i + 1)) {
                        let text = match dst {
                            Token::Hex(d) => utf16_text(d),
                            Token::Name(n) => super::encoding::glyph_name_text(n).unwrap_or_default(),
                            _ => break,
                        };
                        if let Some(code) = code_of(src) {
                            cmap.insert_unicode(code, text);
                        }
                        i += 2;
                    }
                }
                b"beginbfrange" => i = cmap.parse_bfrange(&tokens, i),
                b"begincidchar" => {
                    while let (Some(Token::Hex(src)), Some(Token::Number(cid))) =
                        (tokens.get(i), tokens.get(i + 1))
                    {
                        if let (Some(code), Ok(cid)) = (code_of(src), u32::try_from(*cid))
                            && cmap.cids.len() < MAX_ENTRIES
                        {
                            cmap.cids.insert(code, cid);
                        }
                        i += 2;
                    }
                }
                b"begincidrange" => {
                    while let (Some(Token::Hex(lo)), Some(Token::Hex(hi)), Some(Token::Number(cid))) =
                        (tokens.get(i), tokens.get(i + 1), tokens.get(i + 2))
                    {
                        if let (Some((lo, len)), Some((hi, _)), Ok(cid)) =
                            (code_of(lo), code_of(hi), u32::try_from(*cid))
                        {
                            let Some(hi) = cmap.clamp_range(lo, hi) else {
                                i += 3;
                                continue;
                            };
                            for (k, code) in (lo..=hi).enumerate() {
                                if cmap.cids.len() >= MAX_ENTRIES {
                                    break;
                                }
                                cmap.cids.insert((code, len), cid.saturating_add(k as u32));
                            }
                        }
                        i += 3;
                    }
                }
                _ => {}
            }
        }
        cmap
    }

    /// The last code of a range `lo..=hi` that may be expanded, charged to [`MAX_EXPANDED`];
    /// `None` for an empty range or when the allowance is spent.
    fn clamp_range(&mut self, lo: u32, hi: u32) -> Option<u32> {
        let len = (hi.checked_sub(lo)?.min(MAX_RANGE) as usize + 1).min(self.expand_left);
        self.expand_left -= len;
        let last = u32::try_from(len.checked_sub(1)?).ok()?;
        Some(lo.saturating_add(last))
    }

    fn insert_unicode(&mut self, code: Code, text: String) {
        if self.unicode.len() < MAX_ENTRIES {
            self.unicode.insert(code, text);
        }
    }

    /// Read the entries of a `bfrange` section starting at token `i`; returns the next index.
    fn parse_bfrange(&mut self, tokens: &[Token], mut i: usize) -> usize {
        while let (Some(Token::Hex(lo)), Some(Token::Hex(hi))) = (tokens.get(i), tokens.get(i + 1)) {
            let (Some((lo, len)), Some((hi, _))) = (code_of(lo), code_of(hi)) else {
                i += 2;
                continue;
            };
            match tokens.get(i + 2) {
                Some(Token::Hex(dst)) => {
                    // The last UTF-16 unit is incremented across the range.
                    let mut units: Vec<u16> = destination(dst)
                        .chunks(2)
                        .map(|p| (u16::from(p[0]) << 8) | u16::from(p.get(1).copied().unwrap_or(0)))
                        .collect();
                    let last_code = self.clamp_range(lo, hi);
                    for code in last_code.into_iter().flat_map(|hi| lo..=hi) {
                        let text: String =
                            char::decode_utf16(units.iter().copied()).filter_map(Result::ok).collect();
                        self.insert_unicode((code, len), text);
                        if let Some(last) = units.last_mut() {
                            *last = last.wrapping_add(1);
                        }
                    }
                    i += 3;
                }
                Some(Token::ArrayStart) => {
                    let mut j = i + 3;
                    let mut code = lo;
                    let hi = hi.min(lo.saturating_add(MAX_RANGE));
                    while let Some(Token::Hex(dst)) = tokens.get(j) {
                        if code <= hi {
                            self.insert_unicode((code, len), utf16_text(dst));
                        }
                        code = code.saturating_add(1);
                        j += 1;
                    }
                    // Skip to the closing bracket.
                    while tokens.get(j).is_some_and(|t| *t != Token::ArrayEnd) {
                        j += 1;
                    }
                    i = j + 1;
                }
                _ => break,
            }
        }
        i
    }

    /// Split a string into codes by this CMap's code space ranges. Bytes that match no range are
    /// taken one at a time (or by the shortest range length), as viewers do.
    pub fn split_codes(&self, bytes: &[u8]) -> Vec<Code> {
        let mut codes = Vec::with_capacity(bytes.len());
        let shortest = self.codespace.iter().map(|r| r.0).min().unwrap_or(1);
        let mut i = 0;
        while i < bytes.len() {
            let matched = self.codespace.iter().find(|(len, lo, hi)| {
                bytes.get(i..i + usize::from(*len)).is_some_and(|b| {
                    b.iter().zip(lo.iter().zip(hi.iter())).all(|(c, (l, h))| (l..=h).contains(&c))
                })
            });
            let len = matched.map_or(shortest, |r| r.0);
            let take = bytes.get(i..(i + usize::from(len)).min(bytes.len())).unwrap_or_default();
            if let Some(code) = code_of(take) {
                codes.push(code);
            }
            i += usize::from(len).max(1);
        }
        codes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_bfchar_bfrange_and_codespace() {
        let data = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
            1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
            2 beginbfchar <0003> <0020> <0011> <5F20> endbfchar\n\
            2 beginbfrange <0020> <0022> <67D0> <0030> <0031> [<4E00> <D840DC00>] endbfrange\n\
            endcmap";
        let cmap = CMap::parse(data);
        assert_eq!(cmap.unicode.get(&(0x11, 2)).map(String::as_str), Some("张"));
        assert_eq!(cmap.unicode.get(&(0x20, 2)).map(String::as_str), Some("某"));
        assert_eq!(cmap.unicode.get(&(0x22, 2)).map(String::as_str), Some("柒"));
        assert_eq!(cmap.unicode.get(&(0x31, 2)).map(String::as_str), Some("\u{20000}"));
        assert_eq!(cmap.split_codes(&[0, 0x11, 0, 0x21, 0x05]), vec![(0x11, 2), (0x21, 2), (5, 1)]);
    }

    #[test]
    fn reads_cid_ranges_and_survives_garbage() {
        let cmap =
            CMap::parse(b"1 begincidrange <8140> <8142> 100 endcidrange 1 begincidchar <20> 1 endcidchar");
        assert_eq!(cmap.cids.get(&(0x8141, 2)), Some(&101));
        assert_eq!(cmap.cids.get(&(0x20, 1)), Some(&1));
        let junk = CMap::parse(b"<<<< [[[ beginbfrange <00> <FFFFFFFF> <0041> ( unterminated");
        assert!(junk.unicode.len() <= MAX_RANGE as usize + 1);
    }
}
