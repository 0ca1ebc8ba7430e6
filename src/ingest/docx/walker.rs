//! One streaming pass over a WordprocessingML part (document, header, footer, footnotes,
//! endnotes), deciding what is text; [`super::frames`] lays the text out.
//!
//! Elements are recognised by namespace and local name, so any prefix works (strict OOXML too).
//! What is read: `w:t` in runs, `w:tab`/`w:ptab` (tab), `w:br`/`w:cr` (line break),
//! `w:noBreakHyphen` (`-`), `w:sym` (when its code is not in the private-use area), `m:t` (math),
//! tracked insertions and moves-to, hyperlinks, smart tags, content controls, and field results.
//!
//! What is left out, as whole subtrees: tracked deletions (`w:del`, `w:delText`), moves-from,
//! field codes (`w:instrText` and everything between a field's `begin` and `separate`), ruby
//! guide text (`w:rt`; the base text is read), the `mc:Fallback` copy of an
//! `mc:AlternateContent` (only the first `mc:Choice` is read), property-change records
//! (`w:*PrChange`), the placeholder prompt of an empty content control, and separator notes.
//! Hidden runs (`w:vanish` in the run's own properties) are left out too; `w:webHidden` text is
//! kept. Nesting deeper than [`Limits::max_depth`](super::super::Limits) is an error.

use std::io::BufRead;

use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;

use super::chunk;
use super::frames::Assembler;
use super::numbering::Numbering;
use super::package::attribute;
use crate::ingest::IngestError;

const NS_W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const NS_W_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";
const NS_MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const NS_M: &str = "http://schemas.openxmlformats.org/officeDocument/2006/math";
const NS_M_STRICT: &str = "http://purl.oclc.org/ooxml/officeDocument/math";

/// The kind of part walked, which names its expected root element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum PartKind {
    Document,
    Header,
    Footer,
    Footnotes,
    Endnotes,
}

impl PartKind {
    fn root(self) -> &'static str {
        match self {
            PartKind::Document => "document",
            PartKind::Header => "hdr",
            PartKind::Footer => "ftr",
            PartKind::Footnotes => "footnotes",
            PartKind::Endnotes => "endnotes",
        }
    }

    /// The part kind of a relationship type, for the furniture parts.
    pub fn of_relationship(kind: &str) -> Option<PartKind> {
        match kind {
            "header" => Some(PartKind::Header),
            "footer" => Some(PartKind::Footer),
            "footnotes" => Some(PartKind::Footnotes),
            "endnotes" => Some(PartKind::Endnotes),
            _ => None,
        }
    }
}

/// The elements that matter; everything else is walked through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Other,
    P,
    PPr,
    R,
    RPr,
    T,
    Tab,
    Break,
    NoBreakHyphen,
    Sym,
    PStyle,
    /// Content imported from another part (HTML, text, another DOCX).
    AltChunk,
    NumPr,
    NumId,
    Ilvl,
    /// Hidden text, when in a run's properties.
    Vanish,
    Tbl,
    Tr,
    TrPr,
    Tc,
    GridSpan,
    VMerge,
    GridBefore,
    TextBox,
    FldChar,
    /// A content control; `true` once it is known to show its placeholder prompt.
    Sdt(bool),
    SdtPr,
    ShowingPlaceholder,
    SdtContent,
    /// `mc:AlternateContent`; `true` once a `mc:Choice` was read.
    Alternate(bool),
    Choice,
    Fallback,
    /// `w:del` / `w:moveFrom`: skipped, unless it marks a paragraph mark or a row as deleted.
    Deleted,
    /// A footnote or endnote.
    Note,
    /// Never text: deleted text, field codes, property-change records.
    Skipped,
}

fn is_w(namespace: &str) -> bool {
    namespace == NS_W || namespace == NS_W_STRICT
}

fn classify(ns: &ResolveResult<'_>, local: &str) -> Tag {
    let namespace = match ns {
        ResolveResult::Bound(n) => n.into_inner(),
        _ => "",
    };
    if is_w(namespace) {
        match local {
            "p" => Tag::P,
            "pPr" => Tag::PPr,
            "r" => Tag::R,
            "rPr" => Tag::RPr,
            "t" => Tag::T,
            "tab" | "ptab" => Tag::Tab,
            "br" | "cr" => Tag::Break,
            "noBreakHyphen" => Tag::NoBreakHyphen,
            "vanish" => Tag::Vanish,
            "pStyle" => Tag::PStyle,
            "altChunk" => Tag::AltChunk,
            "numPr" => Tag::NumPr,
            "numId" => Tag::NumId,
            "ilvl" => Tag::Ilvl,
            "sym" => Tag::Sym,
            "tbl" => Tag::Tbl,
            "tr" => Tag::Tr,
            "trPr" => Tag::TrPr,
            "tc" => Tag::Tc,
            "gridSpan" => Tag::GridSpan,
            "vMerge" => Tag::VMerge,
            "gridBefore" => Tag::GridBefore,
            "txbxContent" => Tag::TextBox,
            "fldChar" => Tag::FldChar,
            "sdt" => Tag::Sdt(false),
            "sdtPr" => Tag::SdtPr,
            "showingPlcHdr" => Tag::ShowingPlaceholder,
            "sdtContent" => Tag::SdtContent,
            "del" | "moveFrom" => Tag::Deleted,
            "footnote" | "endnote" => Tag::Note,
            "delText" | "delInstrText" | "instrText" | "tblGridChange" | "rt" => Tag::Skipped,
            l if l.ends_with("PrChange") => Tag::Skipped,
            _ => Tag::Other,
        }
    } else if namespace == NS_MC {
        match local {
            "AlternateContent" => Tag::Alternate(false),
            "Choice" => Tag::Choice,
            "Fallback" => Tag::Fallback,
            _ => Tag::Other,
        }
    } else if (namespace == NS_M || namespace == NS_M_STRICT) && local == "t" {
        Tag::T
    } else {
        Tag::Other
    }
}

/// An open element: its tag and, if it opened a frame, the frame mark to close back to.
struct Open {
    tag: Tag,
    mark: Option<usize>,
}

/// The numbering properties of the current paragraph: style, `w:numId`, `w:ilvl`.
#[derive(Default)]
struct ParaNumbering {
    style: Option<String>,
    num_id: Option<String>,
    level: Option<usize>,
}

struct Walker<'n> {
    kind: PartKind,
    numbering: Option<&'n mut Numbering>,
    para: ParaNumbering,
    max_depth: usize,
    open: Vec<Open>,
    /// Depth inside a skipped subtree (0: not skipping).
    skip: usize,
    /// The skipped subtree is a tracked deletion: its field characters still count, so that a
    /// field whose end was deleted does not swallow the rest of the part.
    skip_deleted: bool,
    /// Relationship ids of the `w:altChunk`s met, in order (see [`super::chunk`]).
    chunks: Vec<String>,
    /// Open fields: `true` while in the code part (before `separate`).
    fields: Vec<bool>,
    fields_in_code: usize,
    /// The current run is hidden text (`w:vanish` in its properties).
    hidden_run: bool,
    root_seen: bool,
    out: Assembler,
}

/// The text of a part, and the relationship ids of its `w:altChunk`s (whose markers the text holds).
pub(super) struct Walked {
    pub text: String,
    pub chunks: Vec<String>,
}

/// Walk one part. `Ok(None)` if its root element is not the one expected for `kind` (for the
/// main part: it is not a Word document). `numbering`, if given, adds list numbers before
/// numbered paragraphs.
pub(super) fn walk(
    input: &mut dyn BufRead,
    kind: PartKind,
    max_depth: usize,
    part: &str,
    numbering: Option<&mut Numbering>,
) -> Result<Option<Walked>, IngestError> {
    let mut reader = NsReader::from_reader(input);
    reader.config_mut().expand_empty_elements = true;
    let mut w = Walker {
        kind,
        numbering,
        para: ParaNumbering::default(),
        max_depth,
        open: Vec::new(),
        skip: 0,
        skip_deleted: false,
        chunks: Vec::new(),
        fields: Vec::new(),
        fields_in_code: 0,
        hidden_run: false,
        root_seen: false,
        out: Assembler::new(),
    };
    let broken = |e: quick_xml::Error| IngestError::BrokenDocx(format!("{part}: {e}"));
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let (ns, event) = reader.read_resolved_event_into(&mut buf).map_err(broken)?;
        match event {
            Event::Start(e) => {
                let in_w = matches!(&ns, ResolveResult::Bound(n) if is_w(n.into_inner()));
                let tag = classify(&ns, e.local_name().into_inner());
                if !w.start(tag, in_w, &e)? {
                    return Ok(None);
                }
            }
            Event::End(_) => w.end(),
            Event::Text(t) => w.text(&t),
            Event::CData(t) => w.text(&t),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => quick_xml::escape::resolve_predefined_entity(&r).map(str::to_string),
                };
                if let Some(s) = resolved {
                    w.text(&s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !w.root_seen {
        return Ok(None);
    }
    Ok(Some(Walked { text: w.out.finish(), chunks: w.chunks }))
}

impl Walker<'_> {
    fn too_deep(&self) -> Result<(), IngestError> {
        if self.open.len() + self.skip >= self.max_depth {
            return Err(IngestError::TooDeep { limit: self.max_depth });
        }
        Ok(())
    }

    fn tag_at(&self, up: usize) -> Option<Tag> {
        self.open.len().checked_sub(up + 1).and_then(|i| self.open.get(i)).map(|o| o.tag)
    }

    fn emitting(&self) -> bool {
        self.skip == 0 && self.fields_in_code == 0 && !self.hidden_run
    }

    /// Handle a start tag; `Ok(false)` if the root element is not the expected one.
    fn start(&mut self, tag: Tag, in_w: bool, e: &BytesStart<'_>) -> Result<bool, IngestError> {
        self.too_deep()?;
        if self.skip > 0 {
            self.skip += 1;
            if self.skip_deleted && tag == Tag::FldChar {
                self.field_char(e);
            }
            return Ok(true);
        }
        if !self.root_seen {
            self.root_seen = true;
            if !in_w || e.local_name().into_inner() != self.kind.root() {
                return Ok(false);
            }
        }
        let parent = self.tag_at(0);
        let mut mark = None;
        match tag {
            Tag::P => {
                mark = Some(self.out.mark());
                self.out.open_para();
                self.para = ParaNumbering::default();
            }
            Tag::PStyle if parent == Some(Tag::PPr) => self.para.style = attribute(e, "val"),
            Tag::NumId if parent == Some(Tag::NumPr) => self.para.num_id = attribute(e, "val"),
            Tag::Ilvl if parent == Some(Tag::NumPr) => {
                self.para.level = attribute(e, "val").and_then(|v| v.trim().parse().ok());
            }
            Tag::Tbl => {
                mark = Some(self.out.mark());
                self.out.open_table();
            }
            Tag::Tc => {
                mark = Some(self.out.mark());
                self.out.open_cell();
            }
            Tag::TextBox => {
                mark = Some(self.out.mark());
                self.out.open_text_box();
            }
            Tag::Tr => self.out.start_row(),
            Tag::R => self.hidden_run = false,
            Tag::Vanish if parent == Some(Tag::RPr) && self.tag_at(1) == Some(Tag::R) => {
                self.hidden_run = attribute(e, "val").is_none_or(|v| v != "0" && v != "false");
            }
            Tag::Deleted if parent == Some(Tag::RPr) && self.tag_at(1) == Some(Tag::PPr) => {
                self.out.mark_para_deleted();
            }
            Tag::Deleted if parent == Some(Tag::TrPr) => self.out.mark_row_deleted(),
            Tag::Deleted => {
                self.skip_subtree();
                self.skip_deleted = true;
                return Ok(true);
            }
            Tag::Skipped => return Ok(self.skip_subtree()),
            Tag::AltChunk => {
                if let Some(id) = attribute(e, "id") {
                    let m = self.out.mark();
                    self.out.open_para();
                    self.out.text(&chunk::marker(self.chunks.len()));
                    self.out.close_to(m);
                    self.chunks.push(id);
                }
            }
            Tag::Note => {
                let kind = attribute(e, "type");
                if matches!(
                    kind.as_deref(),
                    Some("separator" | "continuationSeparator" | "continuationNotice")
                ) {
                    return Ok(self.skip_subtree());
                }
            }
            Tag::ShowingPlaceholder if parent == Some(Tag::SdtPr) => {
                if let Some(sdt) = self.open.len().checked_sub(2).and_then(|i| self.open.get_mut(i)) {
                    let off = attribute(e, "val").is_some_and(|v| v == "0" || v == "false");
                    if sdt.tag == Tag::Sdt(false) && !off {
                        sdt.tag = Tag::Sdt(true);
                    }
                }
            }
            Tag::SdtContent if parent == Some(Tag::Sdt(true)) => return Ok(self.skip_subtree()),
            Tag::Choice => match self.open.last_mut() {
                Some(alt) if alt.tag == Tag::Alternate(false) => alt.tag = Tag::Alternate(true),
                _ => return Ok(self.skip_subtree()),
            },
            Tag::Fallback if parent == Some(Tag::Alternate(true)) => return Ok(self.skip_subtree()),
            Tag::GridSpan => self.out.set_cell_span(number(e)),
            Tag::VMerge => {
                let continues = attribute(e, "val").is_none_or(|v| v != "restart");
                self.out.set_cell_merged(continues);
            }
            Tag::GridBefore => self.out.grid_before(number(e)),
            Tag::FldChar => self.field_char(e),
            Tag::Tab | Tag::Break | Tag::NoBreakHyphen | Tag::Sym if parent == Some(Tag::R) => {
                self.run_char(tag, e);
            }
            _ => {}
        }
        self.open.push(Open { tag, mark });
        Ok(true)
    }

    fn skip_subtree(&mut self) -> bool {
        self.skip = 1;
        self.skip_deleted = false;
        true
    }

    fn end(&mut self) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        if let Some(open) = self.open.pop() {
            if let Some(mark) = open.mark {
                self.out.close_to(mark);
            }
            match open.tag {
                Tag::PPr if self.tag_at(0) == Some(Tag::P) => self.number_paragraph(),
                Tag::Tr => self.out.end_row(),
                Tag::R => self.hidden_run = false,
                _ => {}
            }
        }
    }

    /// At the end of a paragraph's properties: its list number, if it has one.
    fn number_paragraph(&mut self) {
        let para = std::mem::take(&mut self.para);
        if !self.emitting() || (para.num_id.is_none() && para.style.is_none()) {
            return;
        }
        if let Some(numbering) = self.numbering.as_deref_mut()
            && let Some(prefix) = numbering.next(para.num_id.as_deref(), para.level, para.style.as_deref())
        {
            self.out.text(&prefix);
        }
    }

    fn text(&mut self, t: &str) {
        if self.emitting() && self.tag_at(0) == Some(Tag::T) {
            if t.contains(['\n', '\r', chunk::MARK]) {
                self.out.text(&t.replace(['\n', '\r'], " ").replace(chunk::MARK, ""));
            } else {
                self.out.text(t);
            }
        }
    }

    fn run_char(&mut self, tag: Tag, e: &BytesStart<'_>) {
        if !self.emitting() {
            return;
        }
        let c = match tag {
            Tag::Tab => Some('\t'),
            Tag::Break => Some('\n'),
            Tag::NoBreakHyphen => Some('-'),
            _ => attribute(e, "char")
                .and_then(|hex| u32::from_str_radix(hex.trim(), 16).ok())
                .and_then(char::from_u32)
                .filter(|c| !('\u{e000}'..='\u{f8ff}').contains(c) && !c.is_control()),
        };
        if let Some(c) = c {
            self.out.char(c);
        }
    }

    fn field_char(&mut self, e: &BytesStart<'_>) {
        match attribute(e, "fldCharType").as_deref() {
            Some("begin") => {
                self.fields.push(true);
                self.fields_in_code += 1;
            }
            Some("separate") => {
                if let Some(in_code) = self.fields.last_mut()
                    && *in_code
                {
                    *in_code = false;
                    self.fields_in_code -= 1;
                }
            }
            Some("end") => {
                let was_in_code = self.fields.pop() == Some(true);
                self.fields_in_code -= usize::from(was_in_code);
            }
            _ => {}
        }
    }
}

/// The `w:val` of a count element (`w:gridSpan`, `w:gridBefore`), 1 if absent or unreadable.
fn number(e: &BytesStart<'_>) -> usize {
    attribute(e, "val").and_then(|v| v.trim().parse().ok()).unwrap_or(1)
}
