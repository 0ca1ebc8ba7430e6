//! One streaming pass over a WordprocessingML part (document, header, footer, footnotes,
//! endnotes), deciding what is text; [`super::frames`] lays the text out.
//!
//! Elements are recognised by namespace and local name ([`super::tags`]). What is read: `w:t` in runs, `w:tab`/`w:ptab` (tab), `w:br`/`w:cr` (line break),
//! `w:noBreakHyphen` (`-`), `w:sym` (mapped through the symbol fonts' tables, else kept when its
//! code is not in the private-use area), text in symbol fonts (check boxes), `m:t` (math),
//! tracked insertions and moves-to, hyperlinks, smart tags, content controls, field results,
//! legacy check box form fields (☑/☐), and VML WordArt (`v:textpath`, read like a text box).
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

use super::frames::Assembler;
use super::numbering::Numbering;
use super::package::attribute;
use super::tags::{PartKind, Tag, classify, is_w};
use super::{chunk, symbols};
use crate::ingest::IngestError;

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
    /// The state of the legacy check box being read: (default, explicitly checked).
    check_box: (bool, Option<bool>),
    /// The current run's font is a symbol font: its table (see [`super::symbols`]).
    run_symbols: Option<&'static [(u8, char)]>,
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
        run_symbols: None,
        check_box: (false, None),
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
            Tag::R => {
                self.hidden_run = false;
                self.run_symbols = None;
            }
            Tag::RFonts if parent == Some(Tag::RPr) && self.tag_at(1) == Some(Tag::R) => {
                self.run_symbols =
                    attribute(e, "ascii").or_else(|| attribute(e, "hAnsi")).and_then(|f| symbols::table(&f));
            }
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
            Tag::CheckBox => self.check_box = (false, None),
            Tag::Default if parent == Some(Tag::CheckBox) => self.check_box.0 = on(e),
            Tag::Checked if parent == Some(Tag::CheckBox) => self.check_box.1 = Some(on(e)),
            Tag::TextPath => {
                if let Some(text) = attribute(e, "string").filter(|_| self.emitting()) {
                    let m = self.out.mark();
                    self.out.open_text_box();
                    self.out.text(&text.replace(['\n', '\r'], " ").replace(chunk::MARK, ""));
                    self.out.close_to(m);
                }
            }
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
                // the form field's code is being read, so fields do not silence the box
                Tag::CheckBox if self.skip == 0 && !self.hidden_run => {
                    let (default, checked) = self.check_box;
                    self.out.char(if checked.unwrap_or(default) { '☑' } else { '☐' });
                }
                Tag::R => {
                    self.hidden_run = false;
                    self.run_symbols = None;
                }
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
            if let Some(table) = self.run_symbols {
                self.out.text(&symbols::map_text(table, &t.replace(chunk::MARK, "")));
                return;
            }
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
            _ => {
                let code = attribute(e, "char").and_then(|hex| u32::from_str_radix(hex.trim(), 16).ok());
                let table = attribute(e, "font").and_then(|f| symbols::table(&f));
                match (code, table) {
                    (Some(code), Some(table)) => symbols::map(table, code),
                    _ => None,
                }
                .or_else(|| code.and_then(char::from_u32))
                .filter(|c| !('\u{e000}'..='\u{f8ff}').contains(c) && !c.is_control())
            }
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

/// Whether an on/off element (`w:checked`, `w:default`) is on: no `w:val`, or a true one.
fn on(e: &BytesStart<'_>) -> bool {
    attribute(e, "val").is_none_or(|v| matches!(v.as_str(), "1" | "true" | "on"))
}

/// The `w:val` of a count element (`w:gridSpan`, `w:gridBefore`), 1 if absent or unreadable.
fn number(e: &BytesStart<'_>) -> usize {
    attribute(e, "val").and_then(|v| v.trim().parse().ok()).unwrap_or(1)
}
