//! The DOCX package: a zip archive read under a decompression budget, and its relationships.
//!
//! Every byte inflated from any entry is counted against one budget
//! ([`Limits::max_decompressed_bytes`]) while it is read, never trusting the sizes the zip
//! declares (a zip bomb lies about them); each entry may also inflate only so much per byte it
//! takes in the file ([`MAX_INFLATE_RATIO`]). Part names are matched case-insensitively, as OPC
//! requires. Relationship targets are resolved against the source part's folder.

use std::cell::Cell;
use std::collections::HashMap;
use std::io::{self, BufRead, BufReader, Cursor, Read};

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use zip::ZipArchive;
use zip::result::ZipError;

use super::super::{IngestError, Limits};

/// Most zip entries accepted: a real Word document has a few dozen (one per image); a zip with
/// tens of thousands of entries is hostile or not a document.
pub(super) const MAX_ENTRIES: usize = 10_000;

/// The relationship type of the main document part (transitional and strict OOXML end alike).
const OFFICE_DOCUMENT: &str = "officeDocument";

/// One relationship of a part: its type (the last segment of the type URI) and resolved target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Relationship {
    pub id: String,
    pub kind: String,
    pub target: String,
}

/// An opened DOCX zip with its decompression budget.
pub(super) struct Package<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    /// Lower-cased entry name → entry index (first entry wins on duplicates).
    names: HashMap<String, usize>,
    /// Bytes that may still be inflated.
    budget: Cell<u64>,
    /// Set when a read hit the budget, so that any error that follows is reported as the limit.
    exceeded: Cell<bool>,
    /// Set when a read hit an entry's own allowance (to that allowance).
    entry_exceeded: Cell<Option<u64>>,
    limit: u64,
    /// Size of the zip file: an entry's declared compressed size is not trusted beyond it.
    file_len: u64,
}

/// Most bytes one entry may inflate to per compressed byte, beyond [`ENTRY_FREE_BYTES`]: text
/// deflates some 5–20 times, a zip bomb a thousand (Apache POI refuses entries beyond 100 too).
/// Without it a file under 1 MB could make the reader inflate and walk the whole budget.
const MAX_INFLATE_RATIO: u64 = 100;
/// What any entry may inflate to regardless of its ratio.
const ENTRY_FREE_BYTES: u64 = 16 * 1024 * 1024;

/// A reader that counts inflated bytes against the package budget and the entry's own allowance
/// (see [`MAX_INFLATE_RATIO`]).
struct Counted<'b, R> {
    inner: R,
    budget: &'b Cell<u64>,
    entry_left: u64,
    entry_limit: u64,
    exceeded: &'b Cell<bool>,
    /// Set to the entry's allowance when the entry (not the package budget) ran out.
    entry_exceeded: &'b Cell<Option<u64>>,
}

impl<R: Read> Read for Counted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let Some(entry_rest) = self.entry_left.checked_sub(n as u64) else {
            self.entry_exceeded.set(Some(self.entry_limit));
            return Err(io::Error::other("decompression ratio exceeded"));
        };
        self.entry_left = entry_rest;
        let left = self.budget.get();
        match left.checked_sub(n as u64) {
            Some(rest) => {
                self.budget.set(rest);
                Ok(n)
            }
            None => {
                self.exceeded.set(true);
                Err(io::Error::other("decompression limit exceeded"))
            }
        }
    }
}

fn zip_error(what: &str, e: ZipError) -> IngestError {
    match e {
        ZipError::UnsupportedArchive(msg) => {
            IngestError::BrokenDocx(format!("{what}: unsupported zip feature ({msg}); is it encrypted?"))
        }
        ZipError::FileNotFound => IngestError::BrokenDocx(format!("{what}: missing")),
        e => IngestError::BrokenDocx(format!("{what}: damaged or truncated zip ({e})")),
    }
}

impl<'a> Package<'a> {
    /// Open the zip and index its entries; refuse archives with too many entries. `budget`
    /// bytes may be inflated (at most [`Limits::max_decompressed_bytes`]; less for a package
    /// inside a package).
    pub fn open(bytes: &'a [u8], limits: &Limits, budget: u64) -> Result<Package<'a>, IngestError> {
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| zip_error("zip archive", e))?;
        if zip.len() > MAX_ENTRIES {
            return Err(IngestError::BrokenDocx(format!(
                "the zip has {} entries, more than the {MAX_ENTRIES} accepted for a Word document",
                zip.len()
            )));
        }
        let mut names = HashMap::with_capacity(zip.len());
        for i in 0..zip.len() {
            if let Some(Ok(name)) = zip.name_for_index(i) {
                names.entry(name.to_lowercase()).or_insert(i);
            }
        }
        Ok(Package {
            zip,
            names,
            budget: Cell::new(budget.min(limits.max_decompressed_bytes)),
            exceeded: Cell::new(false),
            entry_exceeded: Cell::new(None),
            file_len: bytes.len() as u64,
            limit: limits.max_decompressed_bytes,
        })
    }

    /// Bytes that may still be inflated.
    pub fn remaining(&self) -> u64 {
        self.budget.get()
    }

    /// Count bytes inflated elsewhere (a package inside this one) against the budget.
    pub fn set_remaining(&self, left: u64) {
        self.budget.set(left.min(self.budget.get()));
    }

    /// Whether the package has a part of this name.
    pub fn has(&self, name: &str) -> bool {
        self.names.contains_key(&name.to_lowercase())
    }

    /// Read a part with `f`, through the budget. UTF-16 parts (with a BOM) are transcoded to
    /// UTF-8 first. `Ok(None)` if the part does not exist.
    pub fn with_part<T>(
        &mut self,
        name: &str,
        f: impl FnOnce(&mut dyn BufRead) -> Result<T, IngestError>,
    ) -> Result<Option<T>, IngestError> {
        let Some(&index) = self.names.get(&name.to_lowercase()) else {
            return Ok(None);
        };
        let result = match self.zip.by_index(index) {
            Ok(file) => {
                let compressed = file.compressed_size().min(self.file_len);
                let entry_limit =
                    ENTRY_FREE_BYTES.saturating_add(compressed.saturating_mul(MAX_INFLATE_RATIO));
                let counted = Counted {
                    inner: file,
                    budget: &self.budget,
                    entry_left: entry_limit,
                    entry_limit,
                    exceeded: &self.exceeded,
                    entry_exceeded: &self.entry_exceeded,
                };
                read_part(BufReader::with_capacity(64 * 1024, counted), f)
            }
            Err(e) => Err(zip_error(name, e)),
        };
        if self.exceeded.get() {
            return Err(IngestError::DecompressionLimit { limit: self.limit });
        }
        if let Some(limit) = self.entry_exceeded.get() {
            return Err(IngestError::DecompressionLimit { limit });
        }
        result.map(Some)
    }

    /// The name of the main document part: the `officeDocument` relationship of the package,
    /// or `word/document.xml`. `None` if neither exists.
    pub fn main_part(&mut self) -> Result<Option<String>, IngestError> {
        let rels = self.relationships("")?;
        let main = rels.into_iter().find(|r| r.kind == OFFICE_DOCUMENT).map(|r| r.target);
        Ok(main.filter(|m| self.has(m)).or_else(|| {
            let fallback = "word/document.xml";
            self.has(fallback).then(|| fallback.to_string())
        }))
    }

    /// The relationships of a part (`""` for the package itself), targets resolved to part
    /// names; external targets are left out. A missing relationships part gives none.
    pub fn relationships(&mut self, part: &str) -> Result<Vec<Relationship>, IngestError> {
        let (dir, file) = part.rsplit_once('/').unwrap_or(("", part));
        let rels_name =
            if dir.is_empty() { format!("_rels/{file}.rels") } else { format!("{dir}/_rels/{file}.rels") };
        let rels_name = if part.is_empty() { "_rels/.rels".to_string() } else { rels_name };
        let parsed = self.with_part(&rels_name, |input| parse_relationships(input, &rels_name))?;
        Ok(parsed
            .unwrap_or_default()
            .into_iter()
            .map(|(id, kind, target)| Relationship { id, kind, target: resolve(dir, &target) })
            .collect())
    }

    /// What a zip that holds no Word document is, for the error message.
    pub fn describe_non_word(&self) -> String {
        if self.has("xl/workbook.xml") {
            "an Excel workbook (.xlsx), not a Word document".into()
        } else if self.has("ppt/presentation.xml") {
            "a PowerPoint presentation (.pptx), not a Word document".into()
        } else if self.has("content.xml") && self.has("mimetype") {
            "an OpenDocument file (.odt), not a Word document: save it as .docx and try again".into()
        } else {
            "a zip archive that is not a Word document (no word/document.xml)".into()
        }
    }
}

/// Peek at the byte-order mark; transcode UTF-16 parts, pass UTF-8 parts through as a stream.
fn read_part<T, R: BufRead>(
    mut input: R,
    f: impl FnOnce(&mut dyn BufRead) -> Result<T, IngestError>,
) -> Result<T, IngestError> {
    let head = input.fill_buf().map_err(|e| IngestError::BrokenDocx(format!("cannot inflate part: {e}")))?;
    let utf16 = match head {
        [0xFF, 0xFE, ..] => Some(encoding_rs::UTF_16LE),
        [0xFE, 0xFF, ..] => Some(encoding_rs::UTF_16BE),
        _ => None,
    };
    match utf16 {
        None => f(&mut input),
        Some(encoding) => {
            let mut raw = Vec::new();
            input
                .read_to_end(&mut raw)
                .map_err(|e| IngestError::BrokenDocx(format!("cannot inflate part: {e}")))?;
            let (text, _, _) = encoding.decode(&raw);
            f(&mut text.as_bytes())
        }
    }
}

/// The value of the attribute with this local name, if any.
pub(super) fn attribute(e: &BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

/// `(id, type, target)` of each internal `Relationship` element of a relationships part.
fn parse_relationships(
    input: &mut dyn BufRead,
    name: &str,
) -> Result<Vec<(String, String, String)>, IngestError> {
    let mut reader = quick_xml::Reader::from_reader(input);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "Relationship" => {
                let external =
                    attribute(&e, "TargetMode").is_some_and(|m| m.eq_ignore_ascii_case("External"));
                let kind = attribute(&e, "Type").unwrap_or_default();
                let kind = kind.rsplit('/').next().unwrap_or_default().to_string();
                if let (false, Some(target)) = (external, attribute(&e, "Target")) {
                    out.push((attribute(&e, "Id").unwrap_or_default(), kind, percent_decode(&target)));
                }
            }
            Ok(Event::Eof) => return Ok(out),
            Ok(_) => {}
            Err(e) => return Err(IngestError::BrokenDocx(format!("{name}: {e}"))),
        }
    }
}

/// Resolve a relationship target against the source part's folder (`dir`, no trailing slash).
pub(super) fn resolve(dir: &str, target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None if dir.is_empty() => target.to_string(),
        None => format!("{dir}/{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for segment in joined.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Decode `%XX` escapes of a URI (part names with spaces or non-ASCII characters).
fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes.get(i), hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (Some(b'%'), Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (Some(&b), _) => {
                out.push(b);
                i += 1;
            }
            (None, _) => break,
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_the_source_folder() {
        assert_eq!(resolve("word", "header1.xml"), "word/header1.xml");
        assert_eq!(resolve("word", "/word/footer2.xml"), "word/footer2.xml");
        assert_eq!(resolve("word", "../customXml/item1.xml"), "customXml/item1.xml");
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
        assert_eq!(resolve("word", "./a/../b.xml"), "word/b.xml");
    }

    #[test]
    fn percent_escapes_are_decoded() {
        assert_eq!(percent_decode("header%201.xml"), "header 1.xml");
        assert_eq!(percent_decode("%E9%A1%B5%E7%9C%89.xml"), "页眉.xml");
        assert_eq!(percent_decode("bad%zz%"), "bad%zz%");
    }
}
