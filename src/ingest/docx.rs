//! DOCX → text, with zip + quick-xml.
//!
//! (Stub: the reader is being written.)

use super::{IngestError, Limits};

/// The text of a DOCX: the body, and headers/footers/footnotes/endnotes kept apart.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocxText {
    pub body: String,
    pub furniture: Vec<String>,
}

/// Extract the text of a DOCX.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<DocxText, IngestError> {
    let _ = (bytes, limits);
    Err(IngestError::Unsupported("DOCX reading is not implemented yet".into()))
}
