//! DOCX → text, with zip + quick-xml.
//!
//! A DOCX is a zip package (`package`): the main part (found through the package
//! relationships, normally `word/document.xml`) holds the body; its relationships name the
//! headers and footers (every variant: default, first page, even pages, per section) and the
//! footnotes and endnotes parts. Each part is streamed once through a namespace-aware XML reader
//! (`walker`) whose text is laid out by `frames` (paragraph per line, table rows with
//! tab-separated cells); automatic list numbers (`一、`, `（二）`, `3.`) are put back in front of
//! numbered body paragraphs from `numbering.xml` and `styles.xml` (`numbering`). The body goes
//! to [`DocxText::body`]; every non-empty header, footer, footnotes and endnotes part becomes one
//! string of [`DocxText::furniture`], in the order headers, footers, footnotes, endnotes (by part
//! name within a kind), never mixed into the body.
//!
//! Bounds: at most 10 000 zip entries, [`Limits::max_decompressed_bytes`]
//! inflated in total (counted while reading), [`Limits::max_depth`] XML nesting. A zip without a
//! Word document is refused with a message that says what it is (`.xlsx`, `.odt`, …).
//!
//! The text is tidied like every reader's ([`super::txt::tidy`]): no trailing whitespace,
//! no-break spaces as spaces, at most two blank lines in a row.

mod frames;
mod numbering;
mod package;
mod walker;

use numbering::Numbering;
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
    let rels = pkg.relationships(&main)?;
    let mut numbering = read_numbering(&mut pkg, &rels)?;
    let body = pkg.with_part(&main, |input| {
        walker::walk(input, PartKind::Document, limits.max_depth, &main, Some(&mut numbering))
    })?;
    let Some(Some(body)) = body else {
        return Err(IngestError::Unsupported(pkg.describe_non_word()));
    };

    let mut parts: Vec<(PartKind, String)> =
        rels.into_iter().filter_map(|r| PartKind::of_relationship(&r.kind).map(|k| (k, r.target))).collect();
    parts.sort_by(|a, b| (a.0, a.1.len(), &a.1).cmp(&(b.0, b.1.len(), &b.1)));
    parts.dedup_by(|a, b| a.1 == b.1);

    let mut furniture = Vec::new();
    for (kind, name) in parts {
        let text = pkg.with_part(&name, |input| walker::walk(input, kind, limits.max_depth, &name, None))?;
        if let Some(Some(text)) = text {
            let text = super::txt::tidy(&text);
            if !text.is_empty() {
                furniture.push(text);
            }
        }
    }
    Ok(DocxText { body: super::txt::tidy(&body), furniture })
}

/// The list numbering definitions of the main part (`numbering.xml`, `styles.xml`). Numbers are
/// decoration: a damaged numbering or styles part only loses them, but limits still apply.
fn read_numbering(pkg: &mut Package<'_>, rels: &[package::Relationship]) -> Result<Numbering, IngestError> {
    let mut numbering = Numbering::default();
    for rel in rels {
        let read = match rel.kind.as_str() {
            "numbering" => pkg.with_part(&rel.target, |input| numbering.read_numbering(input, &rel.target)),
            "styles" => pkg.with_part(&rel.target, |input| numbering.read_styles(input, &rel.target)),
            _ => continue,
        };
        match read {
            Ok(_) | Err(IngestError::BrokenDocx(_)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(numbering)
}
