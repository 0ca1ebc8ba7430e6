//! Finding the first byte of interest in UTF-8 text, fast.
//!
//! The readers' per-document passes (line breaks and control characters in [`super::txt`],
//! whitespace in [`super::sections`]) look for a few byte patterns that are rare in Chinese text.
//! [`find`] tests a block of [`BLOCK`] bytes at once with a test that has no branches (the
//! compiler turns it into vector instructions) and looks at single bytes only inside a block
//! that holds a hit. The test sees each byte with the two after it (0 past the end), so a
//! pattern may be a short sequence (`E3 80 80`, the ideographic space).

/// Bytes tested at once.
const BLOCK: usize = 16;

/// The offset of the first byte at or after `from` for which `hit(byte, next, next_but_one)` is
/// true (`next` bytes past the end read as 0); `None` when there is none.
#[inline]
pub(crate) fn find(bytes: &[u8], from: usize, hit: impl Fn(u8, u8, u8) -> bool) -> Option<usize> {
    let mut at = from;
    while let Some(window) = bytes.get(at..at + BLOCK + 2).and_then(|w| <&[u8; BLOCK + 2]>::try_from(w).ok())
    {
        let mut any = false;
        for k in 0..BLOCK {
            any |= hit(window[k], window[k + 1], window[k + 2]);
        }
        if any {
            break;
        }
        at += BLOCK;
    }
    let byte = |i: usize| bytes.get(i).copied().unwrap_or(0);
    (at..bytes.len()).find(|&i| hit(byte(i), byte(i + 1), byte(i + 2)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_hit_in_and_across_blocks() {
        let text = "甲乙丙丁戊己庚辛壬癸子丑\u{3000}寅卯辰巳午未申酉戌亥\u{3000}";
        let ideographic_space = |a: u8, b: u8, c: u8| a == 0xe3 && b == 0x80 && c == 0x80;
        let bytes = text.as_bytes();
        let first = text.find('\u{3000}').unwrap();
        assert_eq!(find(bytes, 0, ideographic_space), Some(first));
        assert_eq!(find(bytes, first + 1, ideographic_space), Some(text.rfind('\u{3000}').unwrap()));
        assert_eq!(find(bytes, text.len(), ideographic_space), None);
        assert_eq!(find(bytes, 0, |a, _, _| a == b'x'), None);
        for from in 0..bytes.len() {
            let want = (from..bytes.len()).find(|&i| bytes[i] == 0xe4);
            assert_eq!(find(bytes, from, |a, _, _| a == 0xe4), want, "from {from}");
        }
    }
}
