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
//! Content imported with `w:altChunk` (HTML, text or another DOCX, as some generators write it)
//! is read in its place (`chunk`); a part imported more than once is read once, and its repeats
//! are bounded ([`MAX_REPEATED_CHUNK_BYTES`]).
//!
//! Bounds: at most 10 000 zip entries, [`Limits::max_decompressed_bytes`]
//! inflated in total (counted while reading), [`Limits::max_depth`] XML nesting. A zip without a
//! Word document is refused with a message that says what it is (`.xlsx`, `.odt`, …).
//!
//! The text is tidied like every reader's ([`super::txt::tidy`]): no trailing whitespace,
//! no-break spaces as spaces, at most two blank lines in a row.

mod chunk;
mod frames;
mod numbering;
mod package;
mod symbols;
mod tags;
mod walker;

use std::collections::HashMap;

use numbering::Numbering;
use package::Package;
use tags::PartKind;

use super::txt::tidy;
use super::{IngestError, Limits};

/// The text of a DOCX: the body, and headers/footers/footnotes/endnotes kept apart.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocxText {
    pub body: String,
    /// One string per non-empty header, footer, footnotes or endnotes part.
    pub furniture: Vec<String>,
}

/// Most text given by repeated imports of `w:altChunk` parts already imported, in bytes.
const MAX_REPEATED_CHUNK_BYTES: usize = 4 * 1024 * 1024;

/// Extract the text of a DOCX.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<DocxText, IngestError> {
    extract_within(bytes, limits, limits.max_decompressed_bytes, true).map(|(text, _)| text)
}

/// Extract with `budget` bytes left to inflate; also gives what is left of it. A chunk's DOCX
/// is read with `with_chunks` false, so imports never nest.
fn extract_within(
    bytes: &[u8],
    limits: &Limits,
    budget: u64,
    with_chunks: bool,
) -> Result<(DocxText, u64), IngestError> {
    let mut pkg = Package::open(bytes, limits, budget)?;
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
    // Chunk targets by relationship id: a body may refer to chunks many thousand times. Each
    // part is read once; a part imported again is given again while the repeats stay within
    // MAX_REPEATED_CHUNK_BYTES, so that a small file cannot multiply one part without bound.
    let targets: HashMap<&str, &str> =
        rels.iter().rev().map(|r| (r.id.as_str(), r.target.as_str())).collect();
    let mut read: HashMap<&str, String> = HashMap::new();
    let mut repeat_left = MAX_REPEATED_CHUNK_BYTES;
    let mut chunks = Vec::new();
    for id in body.chunks.iter().filter(|_| with_chunks) {
        let Some(&target) = targets.get(id.as_str()) else {
            chunks.push(String::new());
            continue;
        };
        let chunk = match read.get(target) {
            Some(text) if text.len() <= repeat_left => {
                repeat_left -= text.len();
                text.clone()
            }
            Some(_) => String::new(),
            None => {
                let text = read_chunk(&mut pkg, target, limits)?;
                read.insert(target, text.clone());
                text
            }
        };
        chunks.push(chunk);
    }
    let body = chunk::substitute(&body.text, &chunks);

    let mut parts: Vec<(PartKind, String)> =
        rels.into_iter().filter_map(|r| PartKind::of_relationship(&r.kind).map(|k| (k, r.target))).collect();
    parts.sort_by(|a, b| (a.0, a.1.len(), &a.1).cmp(&(b.0, b.1.len(), &b.1)));
    parts.dedup_by(|a, b| a.1 == b.1);

    let mut furniture = Vec::new();
    for (kind, name) in parts {
        let part = pkg.with_part(&name, |input| walker::walk(input, kind, limits.max_depth, &name, None))?;
        if let Some(Some(part)) = part {
            let text = tidy(&chunk::substitute(&part.text, &[]));
            if !text.is_empty() {
                furniture.push(text);
            }
        }
    }
    Ok((DocxText { body: tidy(&body), furniture }, pkg.remaining()))
}

/// The text of the `w:altChunk` part `target` (empty if it cannot be found or read).
fn read_chunk(pkg: &mut Package<'_>, target: &str, limits: &Limits) -> Result<String, IngestError> {
    let read = pkg.with_part(target, |input| {
        let mut bytes = Vec::new();
        input.read_to_end(&mut bytes).map_err(|e| IngestError::BrokenDocx(format!("{target}: {e}")))?;
        Ok(bytes)
    });
    let bytes = match read {
        Ok(Some(bytes)) => bytes,
        Ok(None) | Err(IngestError::BrokenDocx(_)) => return Ok(String::new()),
        Err(e) => return Err(e),
    };
    let kind = chunk::kind_of(&bytes);
    if !matches!(kind, chunk::ChunkKind::Docx) {
        return Ok(chunk::decode(&bytes, &kind));
    }
    match extract_within(&bytes, limits, pkg.remaining(), false) {
        Ok((inner, left)) => {
            pkg.set_remaining(left);
            Ok(inner.body)
        }
        Err(e @ (IngestError::DecompressionLimit { .. } | IngestError::TooDeep { .. })) => Err(e),
        Err(_) => Ok(String::new()),
    }
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
