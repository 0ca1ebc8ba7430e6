//! PDF → text, by walking the content streams with lopdf.
//!
//! (Stub: the content-stream walker is being written.)

use super::{IngestError, Limits};

/// The text of a PDF: pages joined by form feeds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfText {
    pub text: String,
    pub pages: usize,
}

/// Extract the text of a PDF.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<PdfText, IngestError> {
    let _ = (bytes, limits);
    Err(IngestError::Unsupported("PDF reading is not implemented yet".into()))
}
