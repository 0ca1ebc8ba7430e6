//! A guard in front of lopdf's content parser: the operands of one operation are collected in
//! memory before the operator that ends them is read, so a content stream of millions of
//! operands without an operator (a damaged stream of `0 00 00 …` inflating to 50 MB) would make
//! lopdf allocate gigabytes for one operation. [`operable`] scans the content with a small
//! tokenizer (strings, hex strings, names, arrays, dictionaries, comments, inline image data)
//! and cuts it before the first run of more than [`MAX_OPERANDS`] tokens between two operators.
//! A real operation has a few operands (a `TJ` array some hundreds).

/// Most tokens (operands and the tokens inside array and dictionary operands) between two
/// operators.
const MAX_OPERANDS: usize = 100_000;

fn is_space(b: u8) -> bool {
    matches!(b, 0 | b'\t' | b'\n' | 0x0C | b'\r' | b' ')
}

fn is_delimiter(b: u8) -> bool {
    matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

/// The position after the literal string `( … )` that opens at `open`: parentheses nest, and a
/// backslash escapes the byte after it. The end of `data` when the string is not closed.
pub(super) fn after_literal_string(data: &[u8], open: usize) -> usize {
    let mut i = open;
    let mut depth = 0usize;
    while let Some(&c) = data.get(i) {
        i += 1;
        match c {
            b'\\' => i += 1,
            b'(' => depth += 1,
            b')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break;
                }
            }
            _ => {}
        }
    }
    i
}

/// The longest prefix of `content` in which no operation has more than [`MAX_OPERANDS`] tokens.
pub fn operable(content: &[u8]) -> &[u8] {
    let mut i = 0;
    let mut tokens = 0usize;
    let mut run_start = 0; // where the operands of the current operation start
    while let Some(&b) = content.get(i) {
        if is_space(b) {
            i += 1;
            continue;
        }
        let start = i;
        match b {
            b'%' => {
                while content.get(i).is_some_and(|&c| c != b'\n' && c != b'\r') {
                    i += 1;
                }
                continue;
            }
            b'(' => i = after_literal_string(content, i),
            b'<' if content.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if content.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                while content.get(i).is_some_and(|&c| c != b'>') {
                    i += 1;
                }
                i += 1;
            }
            _ if is_delimiter(b) && b != b'/' => i += 1,
            _ => {
                i += 1;
                while content.get(i).is_some_and(|&c| !is_space(c) && !is_delimiter(c)) {
                    i += 1;
                }
                let word = content.get(start..i).unwrap_or_default();
                let operator = b != b'/' && !matches!(b, b'0'..=b'9' | b'+' | b'-' | b'.');
                if operator {
                    if word == b"ID" {
                        // Inline image data: binary up to `EI` between white space.
                        let data = content.get(i..).unwrap_or_default();
                        let end = data
                            .windows(4)
                            .position(|w| is_space(w[0]) && &w[1..3] == b"EI" && is_space(w[3]));
                        i = end.map_or(content.len(), |e| i + e + 3);
                    }
                    tokens = 0;
                    run_start = i;
                    continue;
                }
            }
        }
        tokens += 1;
        if tokens > MAX_OPERANDS {
            return content.get(..run_start).unwrap_or(content);
        }
    }
    content
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_a_run_of_operands_without_operator() {
        let mut content = b"BT /F1 12 Tf (a) Tj ET\n".to_vec();
        content.extend(b"0 ".repeat(MAX_OPERANDS + 1));
        assert_eq!(operable(&content), b"BT /F1 12 Tf (a) Tj ET");
    }

    #[test]
    fn keeps_real_content_whole() {
        let content: &[u8] =
            b"q 1 0 0 1 0 0 cm BT /F1 12 Tf [(a) -20 (b<)] TJ (x\\) (y)) Tj <4E0A> Tj ET % c\n\
            BI /W 1 /H 1 ID \x00\x01( EI Q << /A [1 2] >> BDC EMC";
        assert_eq!(operable(content), content);
        let many: Vec<u8> = [b"[".to_vec(), b"(a) 1 ".repeat(40_000), b"] TJ\n".to_vec()].concat();
        assert_eq!(operable(&many), &many[..]);
    }
}
