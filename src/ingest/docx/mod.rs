//! DOCX → text, with zip + quick-xml.
//!
//! A DOCX is a zip package ([`package`]): the main part (found through the package
//! relationships, normally `word/document.xml`) holds the body; its relationships name the
//! headers and footers (every variant: default, first page, even pages, per section) and the
//! footnotes and endnotes parts. Each part is streamed once through a namespace-aware XML reader
//! ([`walker`]) whose text is laid out by [`frames`] (paragraph per line, table rows with
//! tab-separated cells). The body goes to [`DocxText::body`]; every non-empty header, footer,
//! footnotes and endnotes part becomes one string of [`DocxText::furniture`], in the order
//! headers, footers, footnotes, endnotes (by part name within a kind), never mixed into the body.
//!
//! Bounds: at most [`package::MAX_ENTRIES`] zip entries, [`Limits::max_decompressed_bytes`]
//! inflated in total (counted while reading), [`Limits::max_depth`] XML nesting. A zip without a
//! Word document is refused with a message that says what it is (`.xlsx`, `.odt`, …).
//!
//! The text is tidied like every reader's ([`super::txt::tidy`]): no trailing whitespace,
//! no-break spaces as spaces, at most two blank lines in a row.

mod frames;
mod package;
mod walker;

use package::Package;
use walker::PartKind;

use super::{IngestError, Limits};

/// The text of a DOCX: the body, and headers/footers/footnotes/endnotes kept apart.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocxText {
    pub body: String,
    /// One string per non-empty header, footer, footnotes or endnotes part.
    pub furniture: Vec<String>,
}

/// Extract the text of a DOCX.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<DocxText, IngestError> {
    let mut pkg = Package::open(bytes, limits)?;
    let Some(main) = pkg.main_part()? else {
        return Err(IngestError::Unsupported(pkg.describe_non_word()));
    };
    let body =
        pkg.with_part(&main, |input| walker::walk(input, PartKind::Document, limits.max_depth, &main))?;
    let Some(Some(body)) = body else {
        return Err(IngestError::Unsupported(pkg.describe_non_word()));
    };

    let mut parts: Vec<(PartKind, String)> = pkg
        .relationships(&main)?
        .into_iter()
        .filter_map(|r| PartKind::of_relationship(&r.kind).map(|k| (k, r.target)))
        .collect();
    parts.sort_by(|a, b| (a.0, a.1.len(), &a.1).cmp(&(b.0, b.1.len(), &b.1)));
    parts.dedup_by(|a, b| a.1 == b.1);

    let mut furniture = Vec::new();
    for (kind, name) in parts {
        let text = pkg.with_part(&name, |input| walker::walk(input, kind, limits.max_depth, &name))?;
        if let Some(Some(text)) = text {
            let text = super::txt::tidy(&text);
            if !text.is_empty() {
                furniture.push(text);
            }
        }
    }
    Ok(DocxText { body: super::txt::tidy(&body), furniture })
}
