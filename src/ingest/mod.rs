//! Ingest: bytes → [`Document`].
//!
//! A document arrives as bytes with a file name. The format is decided by the bytes, never the
//! extension ([`Format::sniff`]): `%PDF` is a PDF, a zip with `word/document.xml` is a DOCX, an OLE2
//! compound file is an old `.doc`/`.wps` (rejected with a clear message), and anything else that
//! decodes as text is TXT. Each format's reader produces the body text; then [`doctype`] recognises
//! the document type and 文号 from the title lines and [`sections`] splits the text by cue phrases.
//!
//! Every reader is bounded by [`Limits`] (input size, decompressed size, nesting depth, pages) and
//! returns an [`IngestError`] rather than panicking on hostile input. [`collection`] reads case
//! folders and whole collections, collecting per-file errors instead of aborting.
//!
//! Text conventions shared by all readers: `\n` line breaks (no `\r`), one paragraph per line,
//! table cells separated by `\t` and rows by `\n`, pages separated by a form feed (`\u{c}`), no
//! trailing whitespace on lines.

mod bytescan;
pub mod collection;
pub mod doctype;
pub mod docx;
pub mod pdf;
pub mod sections;
pub mod txt;

use std::path::Path;

use serde::{Deserialize, Serialize};

pub use doctype::DocType;
pub use sections::{Section, SectionKind};

/// Limits that protect every reader from hostile or accidental huge input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest input file accepted, in bytes.
    pub max_file_bytes: u64,
    /// Largest total decompressed size of the parts a reader inflates (zip entries, PDF streams).
    pub max_decompressed_bytes: u64,
    /// Deepest nesting followed (XML elements, nested tables, PDF form XObjects).
    pub max_depth: usize,
    /// Most pages read from a PDF.
    pub max_pages: usize,
    /// Most characters of extracted text.
    pub max_chars: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 100 * 1024 * 1024,
            max_decompressed_bytes: 512 * 1024 * 1024,
            max_depth: 64,
            max_pages: 5_000,
            max_chars: 20_000_000,
        }
    }
}

/// Why a file could not be read. Messages are for people: they say what is wrong and, where there
/// is one, what to do.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("cannot read file: {0}")]
    Io(#[from] std::io::Error),
    #[error("empty file (0 bytes)")]
    Empty,
    #[error("file too large: {size} bytes, the limit is {limit} bytes")]
    TooLarge { size: u64, limit: u64 },
    #[error("unsupported format: {0}")]
    Unsupported(String),
    #[error("broken PDF: {0}")]
    BrokenPdf(String),
    #[error("encrypted PDF: {0}")]
    Encrypted(String),
    #[error("no text layer: scanned image PDF (OCR is not supported yet)")]
    NoTextLayer,
    #[error("broken DOCX: {0}")]
    BrokenDocx(String),
    #[error("decompression limit exceeded ({limit} bytes): possibly a zip bomb")]
    DecompressionLimit { limit: u64 },
    #[error("nesting deeper than {limit} levels")]
    TooDeep { limit: usize },
    #[error("text encoding not recognised: {0}")]
    Encoding(String),
}

/// The container format, decided from the bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Pdf,
    Docx,
    Txt,
}

impl Format {
    /// Decide the format from the first bytes; `Err` for formats we recognise but do not read.
    pub fn sniff(bytes: &[u8]) -> Result<Format, IngestError> {
        if bytes.is_empty() {
            return Err(IngestError::Empty);
        }
        let head = &bytes[..bytes.len().min(1024)];
        if head.windows(5).any(|w| w == b"%PDF-") {
            return Ok(Format::Pdf);
        }
        if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
            return Ok(Format::Docx);
        }
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            // A password-protected .docx is an OLE file holding an "EncryptedPackage" stream.
            let marker: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
            if bytes.windows(marker.len()).any(|w| w == marker.as_slice()) {
                return Err(IngestError::Unsupported(
                    "password-protected Word document: remove the password (save without encryption) and try again"
                        .into(),
                ));
            }
            return Err(IngestError::Unsupported(
                "old binary Word/WPS file (.doc/.wps): save it as .docx and try again".into(),
            ));
        }
        if bytes.starts_with(b"{\\rtf") {
            return Err(IngestError::Unsupported("RTF file: save it as .docx and try again".into()));
        }
        Ok(Format::Txt)
    }
}

/// A document read into clean text, with what ingest recognised about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// File name (for documents of a case folder, the name inside the folder).
    pub file: String,
    pub format: Format,
    /// The body text. All public offsets are character offsets into this string.
    pub text: String,
    /// Number of characters of `text`.
    pub chars: usize,
    /// Pages (PDF), or 1.
    pub pages: usize,
    /// The recognised document type, if any.
    #[serde(rename = "type")]
    pub doc_type: Option<DocType>,
    /// The document's 文号/案号 as written, with its span.
    pub doc_number: Option<crate::span::Span>,
    /// Sections in text order; they do not overlap and need not cover everything.
    pub sections: Vec<Section>,
    /// Header, footer, footnote and endnote text (DOCX), kept apart from the body.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub furniture: Vec<String>,
}

impl Document {
    /// Build a document from extracted body text: recognise type, 文号 and sections.
    pub fn from_text(file: &str, format: Format, text: String, pages: usize) -> Document {
        let (doc_type, doc_number) = doctype::recognise(&text, file);
        let sections = sections::split(&text, doc_type);
        Document {
            file: file.to_string(),
            format,
            chars: text.chars().count(),
            text,
            pages,
            doc_type,
            doc_number,
            sections,
            furniture: Vec::new(),
        }
    }

    /// The first section of a kind, as a character range.
    pub fn section(&self, kind: SectionKind) -> Option<&Section> {
        self.sections.iter().find(|s| s.kind == kind)
    }
}

/// Read a document from bytes. `file` is only used as the document's name and as a last-resort
/// hint for the type.
pub fn read_bytes(file: &str, bytes: &[u8], limits: &Limits) -> Result<Document, IngestError> {
    let size = bytes.len() as u64;
    if size > limits.max_file_bytes {
        return Err(IngestError::TooLarge { size, limit: limits.max_file_bytes });
    }
    let format = Format::sniff(bytes)?;
    let (mut text, pages, furniture) = match format {
        Format::Pdf => {
            let pdf = pdf::extract(bytes, limits)?;
            (pdf.text, pdf.pages, Vec::new())
        }
        Format::Docx => {
            let docx = docx::extract(bytes, limits)?;
            (docx.body, 1, docx.furniture)
        }
        Format::Txt => (txt::decode(bytes)?, 1, Vec::new()),
    };
    // A text of at most `max_chars` bytes has at most that many characters.
    if text.len() > limits.max_chars
        && let Some((cut, _)) = text.char_indices().nth(limits.max_chars)
    {
        text.truncate(cut);
    }
    let mut doc = Document::from_text(file, format, text, pages);
    doc.furniture = furniture;
    Ok(doc)
}

/// Read a document from a file, checking its size before reading it.
pub fn read_file(path: &Path, limits: &Limits) -> Result<Document, IngestError> {
    let bytes = read_file_bytes(path, limits)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    read_bytes(&name, &bytes, limits)
}

/// A file's bytes, its size checked against [`Limits::max_file_bytes`] before it is read.
pub fn read_file_bytes(path: &Path, limits: &Limits) -> Result<Vec<u8>, IngestError> {
    let size = std::fs::metadata(path)?.len();
    if size > limits.max_file_bytes {
        return Err(IngestError::TooLarge { size, limit: limits.max_file_bytes });
    }
    Ok(std::fs::read(path)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_sniffed_from_bytes() {
        assert_eq!(Format::sniff(b"%PDF-1.7\n").ok(), Some(Format::Pdf));
        assert_eq!(Format::sniff(b"PK\x03\x04rest").ok(), Some(Format::Docx));
        assert_eq!(Format::sniff("起诉书".as_bytes()).ok(), Some(Format::Txt));
        assert!(matches!(Format::sniff(b""), Err(IngestError::Empty)));
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        let doc = Format::sniff(&ole).unwrap_err().to_string();
        assert!(doc.contains("save it as .docx"), "{doc}");
        let mut encrypted = ole.to_vec();
        encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        let enc = Format::sniff(&encrypted).unwrap_err().to_string();
        assert!(enc.contains("password-protected"), "{enc}");
    }
}
