//! PDF → text, by walking the content streams with lopdf.
//!
//! lopdf parses the file and each page's content stream into operations; [`walk`] interprets
//! the text and graphics state operators and places every character on the page with its size
//! and advance, decoding strings through [`fonts`] (ToUnicode [`cmap`]s, simple encodings and
//! GBK heuristics in [`encoding`]); [`layout`] turns the characters of a page into lines and
//! paragraphs in reading order, table cells (found from the page's ruled lines, [`ruling`] and
//! [`table`]) each whole before the next. Annotation appearances (filled form fields, stamps
//! with text) are drawn after the page content, as viewers show them; text placed outside the
//! page's crop box is left out. Pages are joined by a form feed (`\u{c}`).
//!
//! Errors: an encrypted file opens if its user password is empty, else [`IngestError::Encrypted`];
//! a file with no text on any page is a scan ([`IngestError::NoTextLayer`]); what lopdf cannot
//! read is [`IngestError::BrokenPdf`]. [`Limits`] bound the pages read, the bytes decompressed
//! (all streams of a file together), the form nesting followed and the characters kept; [`walk`]
//! also caps each page's work (operations interpreted, string bytes decoded) and characters, and
//! the work of all pages together grows only with the file's size ([`WORK_PER_BYTE`]).
//! [`score`] measures extracted text against a reference (used by tests and `anguan bench ingest`).

mod cmap;
mod encoding;
mod fonts;
mod layout;
mod operands;
mod ruling;
pub mod score;
mod table;
mod walk;

use std::collections::HashMap;

use lopdf::{Dictionary, Document, LoadOptions, Object};

use super::{IngestError, Limits};
use walk::{Budget, Walker};

/// The work (operations interpreted, string bytes decoded; see [`walk`]) allowed for a whole file:
/// this much, plus [`WORK_PER_BYTE`] per byte of the file. Real files need well under one unit
/// per byte (the files of ../shared/data/pdf-real at most 0.3: content streams are deflated and
/// most operations take several bytes).
const WORK_BASE: usize = 4_000_000;
const WORK_PER_BYTE: usize = 4;

/// The text of a PDF: pages joined by form feeds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfText {
    pub text: String,
    pub pages: usize,
}

/// Extract the text of a PDF.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<PdfText, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty);
    }
    let max_stream = usize::try_from(limits.max_decompressed_bytes).unwrap_or(usize::MAX);
    let options = LoadOptions { max_decompressed_size: Some(max_stream), ..LoadOptions::default() };
    let doc = Document::load_mem_with_options(bytes, options).map_err(|e| load_error(e, limits))?;
    if doc.is_encrypted() {
        return Err(IngestError::Encrypted(
            "the file needs a password to open; save an unprotected copy (or print it to PDF) and try again"
                .into(),
        ));
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(IngestError::BrokenPdf("no pages found (the file may be truncated or damaged)".into()));
    }
    let mut budget = Budget::new(limits.max_decompressed_bytes);
    let mut fonts = HashMap::new();
    let mut texts = Vec::new();
    let mut chars_left = limits.max_chars;
    // The work of all pages together grows with the file's size: thousands of pages that share
    // one small content stream must not each spend a page's allowance.
    let mut work_left = WORK_BASE.saturating_add(WORK_PER_BYTE.saturating_mul(bytes.len()));
    let mut cut_short = false;
    for &page_id in pages.values().take(limits.max_pages) {
        let mut content = Vec::new();
        for id in doc.get_page_contents(page_id) {
            if let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) {
                content.extend(budget.decode(stream)?);
                content.push(b'\n');
            }
        }
        let allowance = work_left.min(walk::MAX_WORK_PER_PAGE);
        let mut walker = Walker::new(&doc, &mut budget, &mut fonts, limits.max_depth, chars_left, allowance);
        let resources = page_resources(&doc, page_id);
        walker.run(&content, resources, 0)?;
        if let Ok(page) = doc.get_dictionary(page_id) {
            walker.annotations(page, resources)?;
        }
        chars_left = chars_left.saturating_sub(walker.chars.len());
        work_left -= allowance - walker.work_left;
        if walker.work_left == 0 && !cut_short {
            // Said once, where it happens: the rest of this page (and, once the file's allowance
            // is spent, the pages after it) comes out empty.
            cut_short = true;
            tracing::warn!(
                "PDF text cut short at page {} of {}: the file asks for far more drawing work than its \
                 size warrants (a damaged or hostile file)",
                texts.len() + 1,
                pages.len()
            );
        }
        // Text placed outside the visible page is not shown by viewers; leave it out too.
        let mut chars = walker.chars;
        if let Some([x0, y0, x1, y1]) = page_box(&doc, page_id) {
            const SLACK: f32 = 2.0;
            chars
                .retain(|c| c.x >= x0 - SLACK && c.x <= x1 + SLACK && c.y >= y0 - SLACK && c.y <= y1 + SLACK);
        }
        texts.push(layout::page_text(&chars, &walker.rules));
    }
    if texts.iter().all(|t| t.trim().is_empty()) {
        return Err(IngestError::NoTextLayer);
    }
    Ok(PdfText { pages: texts.len(), text: texts.join("\u{c}") })
}

/// Map a lopdf load error to ours.
fn load_error(error: lopdf::Error, limits: &Limits) -> IngestError {
    match error {
        lopdf::Error::InvalidPassword | lopdf::Error::Decryption(_) => IngestError::Encrypted(format!(
            "cannot decrypt ({error}); save an unprotected copy and try again"
        )),
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => {
            IngestError::DecompressionLimit { limit: limits.max_decompressed_bytes }
        }
        other => IngestError::BrokenPdf(format!("cannot parse the file: {other}")),
    }
}

/// The visible area of a page: its CropBox, else its MediaBox (both inheritable), normalised.
fn page_box(doc: &Document, page_id: lopdf::ObjectId) -> Option<[f32; 4]> {
    let page = doc.get_dictionary(page_id).ok()?;
    for key in [&b"CropBox"[..], b"MediaBox"] {
        let mut current = page;
        for _ in 0..32 {
            if let Ok(o) = current.get(key) {
                let o = doc.dereference(o).ok()?.1;
                let v: Vec<f32> = o.as_array().ok()?.iter().filter_map(|n| n.as_float().ok()).collect();
                if let [a, b, c, d] = v[..] {
                    return Some([a.min(c), b.min(d), a.max(c), b.max(d)]);
                }
                break;
            }
            let Some(parent) = current.get(b"Parent").ok().and_then(|p| p.as_reference().ok()) else { break };
            let Ok(parent) = doc.get_dictionary(parent) else { break };
            current = parent;
        }
    }
    None
}

/// The resources dictionary of a page (inherited from the page tree when the page has none).
fn page_resources(doc: &Document, page_id: lopdf::ObjectId) -> Option<&Dictionary> {
    let (direct, ids) = doc.get_page_resources(page_id).ok()?;
    direct.or_else(|| ids.iter().find_map(|id| doc.get_dictionary(*id).ok()))
}
