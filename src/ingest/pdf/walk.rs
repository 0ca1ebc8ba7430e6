//! The content-stream walker: lopdf's parsed operations → positioned characters.
//!
//! It keeps the graphics state (CTM, q/Q) and the text state (Tf, Tc, Tw, Tz, TL, Ts, Tm/Tlm)
//! and, for each code of a shown string (Tj, TJ, ', "), computes where the glyph sits in device
//! space, its size and its advance, following ISO 32000 §9.4.4: advance
//! `tx = ((w0 − Tj/1000)·Tfs + Tc + Tw)·Th` (vertical fonts: `ty = w1·Tfs + Tc + Tw`). Form
//! XObjects are followed through `Do` up to `Limits::max_depth`. Every stream it decodes is
//! charged to a [`Budget`] bounded by `Limits::max_decompressed_bytes`. Paths (m, l, re, h,
//! curves) and their painting (S, f, B, n …) are followed only to keep the ruled lines that
//! table borders are drawn with ([`super::ruling`]).

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use super::fonts::Font;
use super::layout::Char;
use super::ruling::{PathBuilder, Rule};
use crate::ingest::IngestError;

/// Deepest q/Q nesting kept (further pushes are ignored, pops still balance).
const MAX_STATE_STACK: usize = 512;
/// Most form XObjects drawn on one page: a form that draws itself twice would otherwise take
/// 2^depth draws within the depth limit.
const MAX_FORMS_PER_PAGE: usize = 10_000;
/// The work allowed on one page (forms included): one unit per operation interpreted and per
/// byte of shown strings decoded. A dense real page takes some tens of thousands; millions of
/// operators or megabytes of strings (invisible ones too) are noise that would only cost time.
pub const MAX_WORK_PER_PAGE: usize = 4_000_000;
/// Most characters placed on one page: a dense real page has a few thousand; each placed
/// character costs some 100 bytes until the page is laid out.
const MAX_CHARS_PER_PAGE: usize = 200_000;

/// How a loaded font is found again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FontKey {
    Object(ObjectId),
    Inline(usize),
}

/// The fonts loaded so far in a document.
pub type FontCache = HashMap<FontKey, Rc<Font>>;

/// The decompression budget shared by everything decoded from one PDF.
#[derive(Debug)]
pub struct Budget {
    left: u64,
    limit: u64,
}

impl Budget {
    pub fn new(limit: u64) -> Budget {
        Budget { left: limit, limit }
    }

    fn exceeded(&self) -> IngestError {
        IngestError::DecompressionLimit { limit: self.limit }
    }

    /// Decode a stream's filters within what is left of the budget, and charge it.
    pub fn decode(&mut self, stream: &Stream) -> Result<Vec<u8>, IngestError> {
        let max = usize::try_from(self.left).unwrap_or(usize::MAX);
        // No filter (lopdf returns nothing for an empty `/Filter []`): the raw bytes.
        if stream.filters().map_or(true, |f| f.is_empty()) {
            self.charge(stream.content.len())?;
            return Ok(stream.content.clone());
        }
        let bytes = match stream.decompressed_content_with_limit(max) {
            Ok(b) => b,
            Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
                return Err(self.exceeded());
            }
            // Not compressed, or a filter we cannot decode: the raw bytes.
            Err(_) => stream.content.clone(),
        };
        self.charge(bytes.len())?;
        Ok(bytes)
    }

    pub fn charge(&mut self, n: usize) -> Result<(), IngestError> {
        let n = n as u64;
        if n > self.left {
            return Err(self.exceeded());
        }
        self.left -= n;
        Ok(())
    }
}

type Matrix = [f32; 6];
static NULL: Object = Object::Null;
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a × b` for PDF row-vector matrices.
fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn translate(tx: f32, ty: f32) -> Matrix {
    [1.0, 0.0, 0.0, 1.0, tx, ty]
}

#[derive(Debug, Clone)]
struct GState {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    scale: f32,
    leading: f32,
    rise: f32,
}

impl Default for GState {
    fn default() -> Self {
        GState {
            ctm: IDENTITY,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        }
    }
}

/// A form's `/Matrix` (identity when absent or malformed).
fn form_matrix(stream: &Stream) -> Matrix {
    match stream.dict.get(b"Matrix") {
        Ok(Object::Array(m)) if m.len() == 6 => {
            [num(m, 0), num(m, 1), num(m, 2), num(m, 3), num(m, 4), num(m, 5)]
        }
        _ => IDENTITY,
    }
}

/// A rectangle `[x1 y1 x2 y2]`, normalised so x1 ≤ x2 and y1 ≤ y2.
fn rectangle(o: &Object) -> Option<[f32; 4]> {
    let a = o.as_array().ok()?;
    if a.len() != 4 {
        return None;
    }
    let (x1, y1, x2, y2) = (num(a, 0), num(a, 1), num(a, 2), num(a, 3));
    Some([x1.min(x2), y1.min(y2), x1.max(x2), y1.max(y2)])
}

/// Walks one page (and the forms it draws), collecting characters.
pub struct Walker<'a> {
    doc: &'a Document,
    budget: &'a mut Budget,
    fonts: &'a mut FontCache,
    max_depth: usize,
    max_chars: usize,
    forms_left: usize,
    /// What is left of the work allowance given to [`Walker::new`].
    pub work_left: usize,
    pub chars: Vec<Char>,
    /// Ruled lines drawn on the page (table borders).
    pub rules: Vec<Rule>,
    path: PathBuilder,
    state: GState,
    stack: Vec<GState>,
    tm: Matrix,
    tlm: Matrix,
}

fn num(ops: &[Object], i: usize) -> f32 {
    ops.get(i).and_then(|o| o.as_float().ok()).filter(|f| f.is_finite()).unwrap_or(0.0)
}

impl<'a> Walker<'a> {
    pub fn new(
        doc: &'a Document,
        budget: &'a mut Budget,
        fonts: &'a mut FontCache,
        max_depth: usize,
        max_chars: usize,
        work: usize,
    ) -> Walker<'a> {
        Walker {
            doc,
            budget,
            fonts,
            max_depth,
            max_chars: max_chars.min(MAX_CHARS_PER_PAGE),
            forms_left: MAX_FORMS_PER_PAGE,
            work_left: work.min(MAX_WORK_PER_PAGE),
            chars: Vec::new(),
            rules: Vec::new(),
            path: PathBuilder::default(),
            state: GState::default(),
            stack: Vec::new(),
            tm: IDENTITY,
            tlm: IDENTITY,
        }
    }

    /// A named resource of a category (`Font`, `XObject`) from a resources dictionary.
    fn resource(
        &self,
        resources: Option<&'a Dictionary>,
        category: &[u8],
        name: &[u8],
    ) -> Option<(Option<ObjectId>, &'a Object)> {
        let doc = self.doc;
        let cat = resources?.get(category).ok()?;
        let cat = doc.dereference(cat).ok()?.1.as_dict().ok()?;
        let entry = cat.get(name).ok()?;
        let id = entry.as_reference().ok();
        let object = doc.dereference(entry).ok()?.1;
        Some((id, object))
    }

    /// Walk a content stream with its resources, at form nesting `depth`.
    pub fn run(
        &mut self,
        content: &[u8],
        resources: Option<&'a Dictionary>,
        depth: usize,
    ) -> Result<(), IngestError> {
        // Stop at the first syntax error but keep what was read before it. Operations are parsed
        // one at a time (a long stream of them would not fit in memory as a list), and a page
        // stops when its work allowance is spent. Content past a run of operands too long to
        // collect is left out ([`super::operands`]).
        for op in Content::decode_iter(super::operands::operable(content)).map_while(Result::ok) {
            if self.chars.len() >= self.max_chars || self.work_left == 0 {
                break;
            }
            self.work_left -= 1;
            self.op(&op, resources, depth)?;
        }
        Ok(())
    }

    fn op(
        &mut self,
        op: &Operation,
        resources: Option<&'a Dictionary>,
        depth: usize,
    ) -> Result<(), IngestError> {
        let o = &op.operands;
        match op.operator.as_str() {
            "q" if self.stack.len() < MAX_STATE_STACK => self.stack.push(self.state.clone()),
            "Q" => {
                if let Some(s) = self.stack.pop() {
                    self.state = s;
                }
            }
            "cm" => {
                let m = [num(o, 0), num(o, 1), num(o, 2), num(o, 3), num(o, 4), num(o, 5)];
                self.state.ctm = mul(&m, &self.state.ctm);
            }
            "BT" => {
                self.tm = IDENTITY;
                self.tlm = IDENTITY;
            }
            "Tf" => {
                self.state.size = num(o, 1);
                let name = o.first().and_then(|n| n.as_name().ok()).unwrap_or_default();
                self.state.font = self.font(resources, name)?;
            }
            "Tc" => self.state.char_spacing = num(o, 0),
            "Tw" => self.state.word_spacing = num(o, 0),
            "Tz" => self.state.scale = num(o, 0) / 100.0,
            "TL" => self.state.leading = num(o, 0),
            "Ts" => self.state.rise = num(o, 0),
            "Td" => self.next_line(num(o, 0), num(o, 1)),
            "TD" => {
                self.state.leading = -num(o, 1);
                self.next_line(num(o, 0), num(o, 1));
            }
            "Tm" => {
                self.tlm = [num(o, 0), num(o, 1), num(o, 2), num(o, 3), num(o, 4), num(o, 5)];
                self.tm = self.tlm;
            }
            "T*" => self.next_line(0.0, -self.state.leading),
            "Tj" => self.show_operand(o.first()),
            "'" => {
                self.next_line(0.0, -self.state.leading);
                self.show_operand(o.first());
            }
            "\"" => {
                self.state.word_spacing = num(o, 0);
                self.state.char_spacing = num(o, 1);
                self.next_line(0.0, -self.state.leading);
                self.show_operand(o.get(2));
            }
            "TJ" => {
                if let Some(Object::Array(items)) = o.first() {
                    for item in items {
                        match item {
                            Object::String(bytes, _) => self.show(bytes),
                            other => {
                                if let Ok(n) = other.as_float() {
                                    self.adjust(n);
                                }
                            }
                        }
                    }
                }
            }
            "Do" => {
                let name = o.first().and_then(|n| n.as_name().ok()).unwrap_or_default();
                self.draw_xobject(resources, name, depth)?;
            }
            _ => self.path_op(op.operator.as_str(), o),
        }
        Ok(())
    }

    /// Path construction and painting: the ruled lines of tables.
    fn path_op(&mut self, operator: &str, o: &[Object]) {
        let ctm = self.state.ctm;
        let device = |x: f32, y: f32| (x * ctm[0] + y * ctm[2] + ctm[4], x * ctm[1] + y * ctm[3] + ctm[5]);
        match operator {
            "m" => self.path.move_to(device(num(o, 0), num(o, 1))),
            "l" => self.path.line_to(device(num(o, 0), num(o, 1))),
            "c" => self.path.curve_to(device(num(o, 4), num(o, 5))),
            "v" | "y" => self.path.curve_to(device(num(o, 2), num(o, 3))),
            "re" => {
                let (x, y, w, h) = (num(o, 0), num(o, 1), num(o, 2), num(o, 3));
                self.path.rect([device(x, y), device(x + w, y), device(x + w, y + h), device(x, y + h)]);
            }
            "h" => self.path.close(),
            "s" | "b" | "b*" => {
                self.path.close();
                self.path.stroke(&mut self.rules);
            }
            "S" | "B" | "B*" => self.path.stroke(&mut self.rules),
            "f" | "F" | "f*" => self.path.fill(&mut self.rules),
            "n" => self.path.clear(),
            _ => {}
        }
    }

    fn font(
        &mut self,
        resources: Option<&'a Dictionary>,
        name: &[u8],
    ) -> Result<Option<Rc<Font>>, IngestError> {
        let Some((id, object)) = self.resource(resources, b"Font", name) else { return Ok(None) };
        let Ok(dict) = object.as_dict() else { return Ok(None) };
        // Fonts are cached by object id, or for a font dictionary written inline by its address
        // (the document is not modified while it is read).
        let key = match id {
            Some(id) => FontKey::Object(id),
            None => FontKey::Inline(std::ptr::from_ref(dict) as usize),
        };
        if let Some(font) = self.fonts.get(&key) {
            return Ok(Some(font.clone()));
        }
        let font = Rc::new(Font::load(dict, self.doc, self.budget)?);
        self.fonts.insert(key, font.clone());
        Ok(Some(font))
    }

    fn draw_xobject(
        &mut self,
        resources: Option<&'a Dictionary>,
        name: &[u8],
        depth: usize,
    ) -> Result<(), IngestError> {
        let Some((_, object)) = self.resource(resources, b"XObject", name) else { return Ok(()) };
        let Ok(stream) = object.as_stream() else { return Ok(()) };
        // Images carry no text; only forms are followed.
        if let Ok(b"Form") = stream.dict.get(b"Subtype").and_then(|s| s.as_name()) {
            self.run_form(stream, resources, IDENTITY, depth)?;
        }
        Ok(())
    }

    /// Draw a form XObject: its `/Matrix`, then `outer`, then the current CTM.
    fn run_form(
        &mut self,
        stream: &'a Stream,
        resources: Option<&'a Dictionary>,
        outer: Matrix,
        depth: usize,
    ) -> Result<(), IngestError> {
        // Forms nested deeper than the limit (or drawing themselves), or beyond the page's
        // allowance of form draws, are not followed.
        if depth >= self.max_depth || self.forms_left == 0 {
            return Ok(());
        }
        self.forms_left -= 1;
        let content = self.budget.decode(stream)?;
        let form_resources = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|r| self.doc.dereference(r).ok())
            .and_then(|(_, r)| r.as_dict().ok())
            .or(resources);
        let saved = (self.state.clone(), self.tm, self.tlm, self.stack.len());
        self.state.ctm = mul(&mul(&form_matrix(stream), &outer), &self.state.ctm);
        self.run(&content, form_resources, depth + 1)?;
        (self.state, self.tm, self.tlm) = (saved.0, saved.1, saved.2);
        self.stack.truncate(saved.3);
        Ok(())
    }

    /// Draw the normal appearances of a page's annotations (filled form fields, free text,
    /// stamps with text), placed in their `/Rect` as viewers do. Links and hidden ones are skipped.
    pub fn annotations(
        &mut self,
        page: &'a Dictionary,
        resources: Option<&'a Dictionary>,
    ) -> Result<(), IngestError> {
        let doc = self.doc;
        let deref = |o: &'a Object| -> &'a Object { doc.dereference(o).map(|(_, o)| o).unwrap_or(o) };
        let Some(Object::Array(annots)) = page.get(b"Annots").ok().map(deref) else { return Ok(()) };
        for annot in annots {
            let Ok(annot) = doc.dereference(annot).map(|(_, a)| a).and_then(Object::as_dict) else {
                continue;
            };
            let subtype = annot.get(b"Subtype").and_then(Object::as_name).unwrap_or_default();
            let flags = annot.get(b"F").and_then(Object::as_i64).unwrap_or(0);
            if matches!(subtype, b"Link" | b"Popup") || flags & (2 | 32) != 0 {
                continue;
            }
            let Some(normal) = annot
                .get(b"AP")
                .ok()
                .and_then(|ap| doc.dereference(ap).ok())
                .and_then(|(_, ap)| ap.as_dict().ok())
                .and_then(|ap| ap.get(b"N").ok())
                .and_then(|n| doc.dereference(n).ok())
                .map(|(_, n)| n)
            else {
                continue;
            };
            let stream = match normal {
                Object::Stream(s) => s,
                Object::Dictionary(states) => {
                    let Ok(state) = annot.get(b"AS").and_then(Object::as_name) else { continue };
                    match states.get(state).ok().and_then(|s| doc.dereference(s).ok()) {
                        Some((_, Object::Stream(s))) => s,
                        _ => continue,
                    }
                }
                _ => continue,
            };
            let Some(rect) = rectangle(deref(annot.get(b"Rect").unwrap_or(&NULL))) else { continue };
            let bbox = stream.dict.get(b"BBox").ok().and_then(|b| rectangle(deref(b))).unwrap_or(rect);
            // The form's bounding box (after its matrix) is mapped onto the rectangle.
            let m = form_matrix(stream);
            let corners = [(bbox[0], bbox[1]), (bbox[2], bbox[1]), (bbox[0], bbox[3]), (bbox[2], bbox[3])]
                .map(|(x, y)| (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]));
            let (min_x, max_x) =
                corners.iter().fold((f32::MAX, f32::MIN), |(a, b), c| (a.min(c.0), b.max(c.0)));
            let (min_y, max_y) =
                corners.iter().fold((f32::MAX, f32::MIN), |(a, b), c| (a.min(c.1), b.max(c.1)));
            let sx = if max_x - min_x > 0.0 { (rect[2] - rect[0]) / (max_x - min_x) } else { 1.0 };
            let sy = if max_y - min_y > 0.0 { (rect[3] - rect[1]) / (max_y - min_y) } else { 1.0 };
            let outer = [sx, 0.0, 0.0, sy, rect[0] - min_x * sx, rect[1] - min_y * sy];
            self.state = GState::default();
            self.run_form(stream, resources, outer, 0)?;
        }
        Ok(())
    }

    fn next_line(&mut self, tx: f32, ty: f32) {
        self.tlm = mul(&translate(tx, ty), &self.tlm);
        self.tm = self.tlm;
    }

    fn show_operand(&mut self, operand: Option<&Object>) {
        if let Some(Object::String(bytes, _)) = operand {
            self.show(bytes);
        }
    }

    /// A TJ number: move against the writing direction by n/1000 of the font size.
    fn adjust(&mut self, n: f32) {
        let vertical = self.state.font.as_ref().is_some_and(|f| f.vertical);
        let shift = -n / 1000.0 * self.state.size;
        let m = if vertical { translate(0.0, shift) } else { translate(shift * self.state.scale, 0.0) };
        self.tm = mul(&m, &self.tm);
    }

    fn show(&mut self, bytes: &[u8]) {
        let Some(font) = self.state.font.clone() else { return };
        // A glyph takes at most 4 bytes: decode no more than can still be placed, and charge
        // the page's work allowance for what is decoded.
        let room = self.max_chars.saturating_sub(self.chars.len()).saturating_mul(4).min(self.work_left);
        let bytes = bytes.get(..room).unwrap_or(bytes);
        self.work_left -= bytes.len();
        let s = &self.state;
        let (size, th) = (s.size, s.scale);
        for glyph in font.decode(bytes) {
            let spacing = s.char_spacing + if glyph.is_space_code { s.word_spacing } else { 0.0 };
            let trm = mul(&[size * th, 0.0, 0.0, size, 0.0, s.rise], &mul(&self.tm, &s.ctm));
            let m = mul(&self.tm, &s.ctm);
            let (advance_vec, step) = if font.vertical {
                let ty = glyph.advance * size + spacing;
                ((ty * m[2], ty * m[3]), translate(0.0, ty))
            } else {
                let tx = (glyph.advance * size + spacing) * th;
                ((tx * m[0], tx * m[1]), translate(tx, 0.0))
            };
            let font_size = size.abs() * (m[2] * m[2] + m[3] * m[3]).sqrt();
            let (dx, dy) = if font.vertical { (-m[2], -m[3]) } else { (m[0], m[1]) };
            let norm = (dx * dx + dy * dy).sqrt();
            if self.chars.len() < self.max_chars && font_size.is_finite() && norm > 0.0 {
                self.chars.push(Char {
                    x: trm[4],
                    y: trm[5],
                    dir: (dx / norm, dy / norm),
                    advance: (advance_vec.0 * advance_vec.0 + advance_vec.1 * advance_vec.1).sqrt(),
                    size: font_size,
                    text: glyph.text,
                    vertical: font.vertical,
                });
            }
            self.tm = mul(&step, &self.tm);
        }
    }
}
