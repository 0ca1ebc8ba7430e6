//! TXT → text: encoding detection (UTF-8 with or without BOM, UTF-16 with BOM, GBK/GB18030
//! without a label) and newline normalisation.
//!
//! (Stub: detection is being written.)

use super::IngestError;

/// Decode a plain-text file into a `String` with `\n` newlines.
pub fn decode(bytes: &[u8]) -> Result<String, IngestError> {
    let s = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
        .map_err(|e| IngestError::Encoding(e.to_string()))?;
    Ok(s.replace("\r\n", "\n").replace('\r', "\n"))
}
