//! Text assembly for the WordprocessingML walker.
//!
//! The walker opens and closes *frames* as it meets paragraphs, tables, cells and text boxes; a
//! closing frame hands its text to the frame below it, which decides the layout:
//!
//! - a paragraph becomes one line of its container (a `w:br` inside it is a line break);
//! - a table at block level becomes one line per row, cells separated by `\t`; a cell spanning
//!   `n` grid columns is followed by `n - 1` empty cells, a vertically merged continuation cell
//!   is empty, and `w:gridBefore` adds leading empty cells, so columns stay aligned (empty cells
//!   are added only up to a row width far beyond Word's 63 columns);
//! - inside a cell, paragraphs are joined by a space, and a nested table is flattened into the
//!   cell's text (cells joined by a space), so a row always stays one line;
//! - a text box's paragraphs follow the paragraph that anchors it (an anchor paragraph with no
//!   text of its own is dropped);
//! - a paragraph whose mark was deleted (tracked change) is joined to the next paragraph.

use std::mem::take;

/// The widest span or leading gap honoured, in grid columns (Word allows 63 columns).
const MAX_SPAN: usize = 64;
/// Empty cells added for spans and leading gaps only fill a row up to this width: a real row is
/// at most 63 columns wide, and a row of millions of spanning cells (a few bytes of XML each)
/// would otherwise cost memory without bound.
const MAX_PADDED_WIDTH: usize = 4 * MAX_SPAN;

/// Add up to `n` empty cells to a row, not beyond [`MAX_PADDED_WIDTH`].
fn pad(row: &mut Vec<String>, n: usize) {
    let n = n.min(MAX_PADDED_WIDTH.saturating_sub(row.len()));
    row.extend(std::iter::repeat_n(String::new(), n));
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ContainerKind {
    /// The part itself (document body, header, footer, notes).
    Part,
    /// A table cell, with its grid span and whether it continues a vertical merge.
    Cell {
        span: usize,
        merged: bool,
    },
    TextBox,
}

#[derive(Debug)]
enum Frame {
    Container { kind: ContainerKind, paras: Vec<String>, carry: String },
    Para { text: String, after: Vec<String>, mark_deleted: bool },
    Table { rows: Vec<Vec<String>>, row: Vec<String>, row_deleted: bool },
}

/// What a closed frame hands to the frame below it.
enum Piece {
    Para { text: String, after: Vec<String>, mark_deleted: bool },
    Cell { text: String, span: usize },
    Boxed(Vec<String>),
    Rows(Vec<Vec<String>>),
}

/// The frame stack of one part.
#[derive(Debug)]
pub(super) struct Assembler {
    frames: Vec<Frame>,
}

impl Assembler {
    pub fn new() -> Self {
        Assembler {
            frames: vec![Frame::Container {
                kind: ContainerKind::Part,
                paras: Vec::new(),
                carry: String::new(),
            }],
        }
    }

    /// The current number of frames; pass it to [`Assembler::close_to`] to close what was opened since.
    pub fn mark(&self) -> usize {
        self.frames.len()
    }

    pub fn open_para(&mut self) {
        let text = match self.frames.last_mut() {
            Some(Frame::Container { carry, .. }) => take(carry),
            _ => String::new(),
        };
        self.frames.push(Frame::Para { text, after: Vec::new(), mark_deleted: false });
    }

    pub fn open_table(&mut self) {
        self.frames.push(Frame::Table { rows: Vec::new(), row: Vec::new(), row_deleted: false });
    }

    pub fn open_cell(&mut self) {
        self.open_container(ContainerKind::Cell { span: 1, merged: false });
    }

    pub fn open_text_box(&mut self) {
        self.open_container(ContainerKind::TextBox);
    }

    fn open_container(&mut self, kind: ContainerKind) {
        self.frames.push(Frame::Container { kind, paras: Vec::new(), carry: String::new() });
    }

    /// Close frames until `mark` are left (the part's own frame is never closed).
    pub fn close_to(&mut self, mark: usize) {
        while self.frames.len() > mark.max(1) {
            self.close_top();
        }
    }

    /// Append text to the current paragraph (opening one if text arrives outside any).
    pub fn text(&mut self, s: &str) {
        if !matches!(self.frames.last(), Some(Frame::Para { .. })) {
            self.open_para();
        }
        if let Some(Frame::Para { text, .. }) = self.frames.last_mut() {
            text.push_str(s);
        }
    }

    pub fn char(&mut self, c: char) {
        self.text(c.encode_utf8(&mut [0; 4]));
    }

    /// The paragraph mark of the current paragraph is deleted: join it to the next one.
    pub fn mark_para_deleted(&mut self) {
        if let Some(Frame::Para { mark_deleted, .. }) = self.frames.last_mut() {
            *mark_deleted = true;
        }
    }

    pub fn set_cell_span(&mut self, n: usize) {
        if let Some(Frame::Container { kind: ContainerKind::Cell { span, .. }, .. }) = self.frames.last_mut()
        {
            *span = n.clamp(1, MAX_SPAN);
        }
    }

    pub fn set_cell_merged(&mut self, continues: bool) {
        if let Some(Frame::Container { kind: ContainerKind::Cell { merged, .. }, .. }) =
            self.frames.last_mut()
        {
            *merged = continues;
        }
    }

    pub fn start_row(&mut self) {
        if let Some(Frame::Table { rows, row, row_deleted }) = self.frames.last_mut() {
            if !row.is_empty() && !*row_deleted {
                rows.push(take(row));
            }
            row.clear();
            *row_deleted = false;
        }
    }

    pub fn end_row(&mut self) {
        self.start_row();
    }

    pub fn mark_row_deleted(&mut self) {
        if let Some(Frame::Table { row_deleted, .. }) = self.frames.last_mut() {
            *row_deleted = true;
        }
    }

    pub fn grid_before(&mut self, n: usize) {
        if let Some(Frame::Table { row, .. }) = self.frames.last_mut() {
            pad(row, n.min(MAX_SPAN));
        }
    }

    /// Close everything and return the part's lines joined by `\n`.
    pub fn finish(mut self) -> String {
        self.close_to(1);
        match self.frames.pop() {
            Some(Frame::Container { mut paras, carry, .. }) => {
                if !carry.is_empty() {
                    paras.push(carry);
                }
                paras.join("\n")
            }
            _ => String::new(),
        }
    }

    fn close_top(&mut self) {
        let piece = match self.frames.pop() {
            Some(Frame::Para { text, after, mark_deleted }) => Piece::Para { text, after, mark_deleted },
            Some(Frame::Table { mut rows, row, row_deleted }) => {
                if !row.is_empty() && !row_deleted {
                    rows.push(row);
                }
                Piece::Rows(rows)
            }
            Some(Frame::Container { kind, mut paras, carry }) => {
                if !carry.is_empty() {
                    paras.push(carry);
                }
                match kind {
                    ContainerKind::Cell { span, merged } => {
                        let text = if merged { String::new() } else { cell_text(&paras) };
                        Piece::Cell { text, span }
                    }
                    ContainerKind::TextBox | ContainerKind::Part => Piece::Boxed(paras),
                }
            }
            None => return,
        };
        self.deliver(piece);
    }

    fn deliver(&mut self, piece: Piece) {
        let Some(top) = self.frames.last_mut() else { return };
        match top {
            Frame::Container { kind, paras, carry } => {
                let in_cell = matches!(kind, ContainerKind::Cell { .. });
                match piece {
                    Piece::Para { text, after, mark_deleted: true } => {
                        *carry = text;
                        paras.extend(after);
                    }
                    Piece::Para { text, after, mark_deleted: false } => {
                        if !text.is_empty() || after.is_empty() {
                            paras.push(text);
                        }
                        paras.extend(after);
                    }
                    Piece::Cell { text, .. } => paras.push(text),
                    Piece::Boxed(more) => paras.extend(more),
                    Piece::Rows(rows) if in_cell => paras.push(flatten(&rows)),
                    Piece::Rows(rows) => paras.extend(rows.iter().map(|r| r.join("\t"))),
                }
            }
            Frame::Para { after, .. } => match piece {
                Piece::Para { text, after: more, .. } => {
                    after.push(text);
                    after.extend(more);
                }
                Piece::Cell { text, .. } => after.push(text),
                Piece::Boxed(more) => after.extend(more),
                Piece::Rows(rows) => after.extend(rows.iter().map(|r| r.join("\t"))),
            },
            Frame::Table { row, .. } => match piece {
                Piece::Cell { text, span } => {
                    row.push(text);
                    pad(row, span.saturating_sub(1));
                }
                Piece::Para { text, after, .. } => {
                    let mut all = vec![text];
                    all.extend(after);
                    row.push(cell_text(&all));
                }
                Piece::Boxed(paras) => row.push(cell_text(&paras)),
                Piece::Rows(rows) => row.push(flatten(&rows)),
            },
        }
    }
}

/// A cell's paragraphs on one line: non-empty paragraphs joined by a space, with no tab or
/// line break left inside.
fn cell_text(paras: &[String]) -> String {
    let joined = paras.iter().map(|p| p.trim()).filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ");
    joined.replace(['\t', '\n'], " ")
}

/// A nested table's text inside a cell: its non-empty cells joined by a space.
fn flatten(rows: &[Vec<String>]) -> String {
    cell_text(&rows.iter().flatten().cloned().collect::<Vec<_>>())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(a: &mut Assembler, text: &str) {
        let m = a.mark();
        a.open_cell();
        a.open_para();
        a.text(text);
        a.close_to(m);
    }

    #[test]
    fn rows_are_lines_and_spans_keep_columns() {
        let mut a = Assembler::new();
        a.open_table();
        a.start_row();
        cell(&mut a, "姓名");
        let m = a.mark();
        a.open_cell();
        a.set_cell_span(2);
        a.open_para();
        a.text("张某某");
        a.close_to(m);
        a.end_row();
        a.start_row();
        cell(&mut a, "住址");
        cell(&mut a, "某市");
        cell(&mut a, "某区");
        a.end_row();
        assert_eq!(a.finish(), "姓名\t张某某\t\n住址\t某市\t某区");
    }

    #[test]
    fn deleted_paragraph_mark_joins_paragraphs() {
        let mut a = Assembler::new();
        a.open_para();
        a.text("被告人张某某，");
        a.mark_para_deleted();
        a.close_to(1);
        a.open_para();
        a.text("男。");
        a.close_to(1);
        assert_eq!(a.finish(), "被告人张某某，男。");
    }
}
