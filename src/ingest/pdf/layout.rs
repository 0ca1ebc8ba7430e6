//! Reading order: positioned characters of a page → lines → paragraphs.
//!
//! Characters are grouped by writing direction (the text's x axis rounded to a multiple of 90°,
//! text more than 10° off an axis apart, and horizontal vs vertical fonts) and each group is rotated into a frame where reading goes
//! along +u and lines follow each other down −v; for vertical writing this puts columns right
//! to left. In that frame:
//! 1. characters are grouped into lines by baseline (tolerance half the font size), lines sorted
//!    top to bottom and characters left to right;
//! 2. a character drawn again at nearly the same place with the same text (fake bold: the same
//!    glyph 2–4 times offset by a fraction of a point) is kept once;
//! 3. words are separated by a space only between non-CJK characters, when the PDF draws a space
//!    or leaves a gap of a fifth of the font size (within numbers 0.6 em, so spaced-out amounts
//!    and ID numbers stay whole); a gap of two ems or more (table columns) is a tab;
//! 4. lines join into paragraphs: a line that ends well before the right margin, a next line that
//!    is indented (relative to the line before: blocks may be indented as a whole) or starts
//!    more than a first-line indent left of it (after a right-aligned or centred line), a wide
//!    vertical gap (against the typical spacing of lines of that font size), a change of font
//!    size, a tab, or a next line starting far right of the left margin (a right-aligned signature
//!    or date) ends the paragraph;
//!    otherwise the wrapped line continues the paragraph (CJK with nothing, Latin with a space).
//!    "Well before" is two ems: ragged-right CJK text ends up to about two characters short.
//!
//! Tables: upright characters inside the cells of a ruled grid ([`super::table`]) are laid out
//! cell by cell — each cell's lines joined as wrapped lines, so text wrapped inside a cell comes
//! out whole — and a table row is one line of its cells, left to right, separated by tabs,
//! placed among the other lines by its top line.

use super::ruling::Rule;

/// A character placed on the page (device space).
#[derive(Debug, Clone, PartialEq)]
pub struct Char {
    pub x: f32,
    pub y: f32,
    /// Unit vector of the reading direction.
    pub dir: (f32, f32),
    /// Advance along the reading direction.
    pub advance: f32,
    /// Font size in device space.
    pub size: f32,
    pub text: String,
    pub vertical: bool,
}

/// A character in its group's reading frame.
#[derive(Debug, Clone)]
struct Placed<'a> {
    u: f32,
    v: f32,
    advance: f32,
    size: f32,
    text: &'a str,
    space: bool,
}

#[derive(Debug)]
struct Line {
    text: String,
    v: f32,
    start: f32,
    end: f32,
    size: f32,
    tabbed: bool,
    first: Option<char>,
    last: Option<char>,
}

/// Whether a character belongs to CJK writing, where words are not separated by spaces.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3100..=0x312F | 0x3190..=0x31FF
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFFEF | 0x20000..=0x3134F
        // ——, …… : punctuation of Chinese text
        | 0x2014 | 0x2015 | 0x2026)
}

/// A writing direction: vertical font, quadrant of the reading direction (0 = +x, 1 = +y, …),
/// and whether it is more than 10° off that axis.
type Direction = (bool, u8, bool);

/// Lay out one page's characters as text: paragraphs one per line. `rules` are the page's
/// ruled lines (table borders).
pub fn page_text(chars: &[Char], rules: &[Rule]) -> String {
    // Group by direction: (vertical, quadrant of the reading direction).
    let mut groups: Vec<(Direction, Vec<&Char>)> = Vec::new();
    for c in chars {
        if !(c.x.is_finite() && c.y.is_finite() && c.advance.is_finite()) || c.text.is_empty() {
            continue;
        }
        let angle = c.dir.1.atan2(c.dir.0).to_degrees();
        let quadrant = (((angle + 45.0).rem_euclid(360.0)) / 90.0) as u8 % 4;
        // Text more than 10° off an axis (diagonal watermarks) is kept apart from the body text.
        let skew = (angle - f32::from(quadrant) * 90.0).rem_euclid(360.0);
        let skewed = skew > 10.0 && skew < 350.0;
        let key = (c.vertical, quadrant, skewed);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, list)) => list.push(c),
            None => groups.push((key, vec![c])),
        }
    }
    groups.sort_by_key(|(_, list)| std::cmp::Reverse(list.iter().filter(|c| !is_blank(&c.text)).count()));
    let mut out = Vec::new();
    for ((vertical, quadrant, skewed), list) in &groups {
        let (dx, dy) = match quadrant {
            _ if *skewed => mean_direction(list),
            0 => (1.0, 0.0),
            1 => (0.0, 1.0),
            2 => (-1.0, 0.0),
            _ => (0.0, -1.0),
        };
        let placed: Vec<Placed> = list
            .iter()
            .map(|c| Placed {
                u: c.x * dx + c.y * dy,
                v: -c.x * dy + c.y * dx,
                advance: c.advance,
                size: c.size.max(1.0),
                text: &c.text,
                space: is_blank(&c.text),
            })
            .collect();
        let upright = !*vertical && *quadrant == 0 && !*skewed;
        let lines =
            if upright && !rules.is_empty() { lines_with_cells(placed, rules) } else { lines(placed) };
        let text = paragraphs(&lines);
        if !text.is_empty() {
            out.push(text);
        }
    }
    out.join("\n")
}

/// The gap (in ems) that separates two words. Within numbers (digits, and the `,` `.` between
/// them) it is larger: justified and spaced-out lines widen the gaps between characters, and an
/// amount or ID number must not fall apart.
fn word_gap(last: char, first: char) -> f32 {
    let numeric = |c: char| c.is_ascii_digit() || matches!(c, ',' | '.' | 'X' | 'x');
    if numeric(last) && numeric(first) && (last.is_ascii_digit() || first.is_ascii_digit()) {
        0.6
    } else {
        0.2
    }
}

/// The mean reading direction of characters, as a unit vector.
fn mean_direction(chars: &[&Char]) -> (f32, f32) {
    let (x, y) = chars.iter().fold((0.0, 0.0), |(x, y), c| (x + c.dir.0, y + c.dir.1));
    let norm = (x * x + y * y).sqrt();
    if norm > 0.0 { (x / norm, y / norm) } else { (1.0, 0.0) }
}

fn is_blank(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || c.is_control())
}

/// Group characters into lines, in reading order.
fn lines(mut chars: Vec<Placed>) -> Vec<Line> {
    chars.sort_by(|a, b| b.v.total_cmp(&a.v).then(a.u.total_cmp(&b.u)));
    let mut groups: Vec<(f32, f32, Vec<Placed>)> = Vec::new(); // (reference v, size, chars)
    for c in chars {
        match groups.last_mut() {
            Some((v, size, list)) if (*v - c.v).abs() <= 0.5 * size.max(c.size) => {
                if !c.space {
                    *size = size.max(c.size);
                }
                list.push(c);
            }
            _ => groups.push((c.v, if c.space { 0.0 } else { c.size }, vec![c])),
        }
    }
    groups.into_iter().filter_map(|(v, size, list)| build_line(v, size, list)).collect()
}

fn build_line(v: f32, size: f32, mut chars: Vec<Placed>) -> Option<Line> {
    chars.sort_by(|a, b| a.u.total_cmp(&b.u));
    // Fake bold: drop a character that repeats a kept one at nearly the same place.
    let mut kept: Vec<Placed> = Vec::with_capacity(chars.len());
    for c in chars {
        let duplicate = kept.iter().rev().take(16).take_while(|k| c.u - k.u < 0.5 * c.size).any(|k| {
            // Closer than half the glyph's advance: a real repeat ("ll", "……") is a full advance away.
            let near = (0.3 * c.size).min(0.5 * k.advance.max(0.1 * k.size));
            k.text == c.text && (c.u - k.u).abs() < near && (c.v - k.v).abs() < 0.3 * c.size
        });
        if !duplicate {
            kept.push(c);
        }
    }
    let mut text = String::new();
    let mut tabbed = false;
    let mut prev: Option<(f32, f32, char)> = None; // (end, size, last char)
    let mut pending_space = false;
    let (mut start, mut end) = (f32::NAN, f32::NAN);
    for c in &kept {
        if c.space {
            pending_space = prev.is_some();
            if let Some(p) = prev.as_mut() {
                p.0 = p.0.max(c.u + c.advance);
            }
            continue;
        }
        let Some(first) = c.text.chars().next() else { continue };
        if let Some((prev_end, prev_size, last)) = prev {
            let em = prev_size.max(c.size);
            let gap = c.u - prev_end;
            if gap >= 2.0 * em {
                text.push('\t');
                tabbed = true;
            } else if (pending_space || gap > word_gap(last, first) * em) && !is_cjk(last) && !is_cjk(first) {
                text.push(' ');
            }
        } else {
            start = c.u;
        }
        text.extend(c.text.chars().filter(|ch| !ch.is_control()));
        let last = c.text.chars().last().unwrap_or(first);
        end = c.u + c.advance;
        prev = Some((end, c.size, last));
        pending_space = false;
    }
    let text = text.trim_end().to_string();
    if text.is_empty() {
        return None;
    }
    Some(Line {
        first: text.chars().next(),
        last: text.chars().last(),
        text,
        v,
        start,
        end,
        size: if size > 0.0 { size } else { 1.0 },
        tabbed,
    })
}

/// Lines of upright text with table cells written whole: the characters outside cells make
/// lines as usual; each table row is one line of its cells (each cell's lines joined), left to
/// right, separated by tabs.
fn lines_with_cells(placed: Vec<Placed>, rules: &[Rule]) -> Vec<Line> {
    // A character belongs where its middle is.
    let points: Vec<(f32, f32)> =
        placed.iter().map(|c| (c.u + c.advance / 2.0, c.v + 0.3 * c.size)).collect();
    let (cells, of) = super::table::assign(&points, rules);
    if cells.is_empty() {
        return lines(placed);
    }
    let mut free = Vec::new();
    let mut inside: Vec<Vec<Placed>> = vec![Vec::new(); cells.len()];
    for (c, cell) in placed.into_iter().zip(of) {
        match cell.and_then(|i| inside.get_mut(i)) {
            Some(list) => list.push(c),
            None => free.push(c),
        }
    }
    let mut out = lines(free);
    // Rows: cells with the same top, top to bottom, each left to right.
    let mut order: Vec<(super::table::Cell, Line)> = cells
        .iter()
        .zip(inside)
        .filter_map(|(cell, chars)| {
            let lines = lines(chars);
            Some((*cell, joined(&lines, cell_text(&lines))?))
        })
        .collect();
    order.sort_by(|(a, _), (b, _)| b.top.total_cmp(&a.top).then(a.left.total_cmp(&b.left)));
    let mut row: Vec<Line> = Vec::new();
    let mut top = f32::NAN;
    for (cell, line) in order {
        if (cell.top - top).abs() > 0.5 * line.size
            && let Some(r) = row_line(&std::mem::take(&mut row))
        {
            out.push(r);
        }
        if row.is_empty() {
            top = cell.top;
        }
        row.push(line);
    }
    out.extend(row_line(&row));
    out.sort_by(|a, b| b.v.total_cmp(&a.v));
    out
}

/// The text of a cell: its lines joined as wrapped lines (cells are narrow and their text often
/// centred, so indents and short lines say nothing about paragraphs there).
fn cell_text(lines: &[Line]) -> String {
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        if let Some(prev) = i.checked_sub(1).and_then(|p| lines.get(p)) {
            out.push_str(wrap_joint(prev, line));
        }
        out.push_str(&line.text);
    }
    out
}

/// What joins a wrapped line to the next: nothing in CJK text, a space between Latin words.
fn wrap_joint(prev: &Line, next: &Line) -> &'static str {
    if prev.last.is_some_and(is_cjk) || next.first.is_some_and(is_cjk) { "" } else { " " }
}

/// A table row's cells as one line, separated by tabs.
fn row_line(cells: &[Line]) -> Option<Line> {
    joined(cells, cells.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join("\t"))
}

/// Lines as one line of `text` (a cell's paragraphs, a row's cells), at the top line's place,
/// in the first line's size, never joined to its neighbours.
fn joined(parts: &[Line], text: String) -> Option<Line> {
    let first = parts.first()?;
    Some(Line {
        first: text.chars().next(),
        last: text.chars().last(),
        v: parts.iter().map(|l| l.v).fold(first.v, f32::max),
        start: parts.iter().map(|l| l.start).fold(first.start, f32::min),
        end: parts.iter().map(|l| l.end).fold(first.end, f32::max),
        size: first.size,
        tabbed: true,
        text,
    })
}

/// Join wrapped lines into paragraphs.
fn paragraphs(lines: &[Line]) -> String {
    let Some(left) = lines.iter().map(|l| l.start).reduce(f32::min) else { return String::new() };
    let right = lines.iter().map(|l| l.end).fold(left, f32::max);
    // The typical line spacing of each font size (a page's tables set in a smaller size must not
    // make the body's wider spacing look like paragraph gaps).
    let typical_for = |size: f32| {
        let mut spacings: Vec<f32> = lines
            .windows(2)
            .filter(|w| (w[0].size - size).abs() <= 0.15 * size && (w[1].size - size).abs() <= 0.15 * size)
            .map(|w| w[0].v - w[1].v)
            .filter(|d| *d > 0.0)
            .collect();
        spacings.sort_by(f32::total_cmp);
        spacings.get(spacings.len() / 2).copied()
    };
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            let prev = &lines[i - 1];
            let em = prev.size.max(line.size);
            let continues = !prev.tabbed
                && !line.tabbed
                && right - prev.end <= 2.0 * em
                && line.start - prev.start <= 0.8 * em
                && line.start - left <= 4.0 * em
                && prev.start - line.start <= 4.0 * em
                && (prev.size - line.size).abs() <= 0.15 * em
                && typical_for(line.size).is_none_or(|t| prev.v - line.v <= 1.3 * t + 0.1 * em)
                && prev.v - line.v <= 2.5 * em;
            if continues {
                out.push_str(wrap_joint(prev, line));
            } else {
                out.push('\n');
            }
        }
        out.push_str(&line.text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(x: f32, y: f32, size: f32, text: &str) -> Vec<Char> {
        text.chars()
            .enumerate()
            .map(|(i, ch)| {
                let w = if is_cjk(ch) { size } else { size * 0.5 };
                Char {
                    x: x + i as f32 * w,
                    y,
                    dir: (1.0, 0.0),
                    advance: w,
                    size,
                    text: ch.to_string(),
                    vertical: false,
                }
            })
            .collect()
    }

    #[test]
    fn lines_sorted_and_fake_bold_removed() {
        let mut chars = run(120.0, 500.0, 10.0, "第二段");
        chars.extend(run(100.0, 520.0, 10.0, "被告人张某某"));
        chars.extend(run(100.3, 520.2, 10.0, "被告人张某某"));
        let text = page_text(&chars, &[]);
        assert_eq!(text, "被告人张某某\n第二段");
    }

    #[test]
    fn repeated_narrow_letters_are_not_fake_bold() {
        let chars = run(100.0, 500.0, 10.0, "fill carefully");
        let narrow: Vec<Char> =
            chars.into_iter().map(|c| if c.text == "l" { Char { advance: 2.2, ..c } } else { c }).collect();
        // Re-space the glyphs by their advances, as a PDF would place them.
        let mut x = 100.0;
        let placed: Vec<Char> = narrow
            .into_iter()
            .map(|c| {
                let c = Char { x, ..c };
                x += c.advance;
                c
            })
            .collect();
        assert_eq!(page_text(&placed, &[]), "fill carefully");
    }

    #[test]
    fn wrapped_cjk_lines_join_and_latin_gets_spaces() {
        // Two full-width lines then a short last line; the next paragraph is indented.
        let mut chars = run(100.0, 700.0, 10.0, "一二三四五六七八九十");
        chars.extend(run(100.0, 686.0, 10.0, "甲乙丙丁戊己庚辛壬癸"));
        chars.extend(run(100.0, 672.0, 10.0, "完。"));
        chars.extend(run(120.0, 658.0, 10.0, "新段落开始了没有呢"));
        let mut latin = run(100.0, 600.0, 10.0, "Hello");
        latin.extend(run(130.0, 600.0, 10.0, "world"));
        chars.extend(latin);
        let text = page_text(&chars, &[]);
        assert_eq!(text, "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸完。\n新段落开始了没有呢\nHello world");
    }

    #[test]
    fn diagonal_watermark_does_not_split_paragraphs() {
        let mut chars = run(100.0, 700.0, 10.0, "一二三四五六七八九十");
        chars.extend(run(100.0, 686.0, 10.0, "甲乙丙丁戊己庚辛壬癸"));
        let d = std::f32::consts::FRAC_1_SQRT_2;
        chars.extend("内部资料".chars().enumerate().map(|(i, ch)| Char {
            x: 120.0 + i as f32 * 20.0 * d,
            y: 660.0 + i as f32 * 20.0 * d,
            dir: (d, d),
            advance: 20.0,
            size: 20.0,
            text: ch.to_string(),
            vertical: false,
        }));
        assert_eq!(page_text(&chars, &[]), "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸\n内部资料");
    }

    #[test]
    fn spaced_out_numbers_stay_whole() {
        // A distributed line: every character 0.4 em further apart than its width.
        let chars: Vec<Char> = "人民币6,850元 110105199003071239"
            .chars()
            .enumerate()
            .filter(|(_, ch)| *ch != ' ')
            .map(|(i, ch)| Char {
                x: 100.0 + i as f32 * 9.0,
                y: 500.0,
                dir: (1.0, 0.0),
                advance: 5.0,
                size: 10.0,
                text: ch.to_string(),
                vertical: false,
            })
            .collect();
        assert_eq!(page_text(&chars, &[]), "人民币6,850元110105199003071239");
    }

    #[test]
    fn vertical_columns_read_right_to_left() {
        let col = |x: f32, text: &str| -> Vec<Char> {
            text.chars()
                .enumerate()
                .map(|(i, ch)| Char {
                    x,
                    y: 700.0 - i as f32 * 10.0,
                    dir: (0.0, -1.0),
                    advance: 10.0,
                    size: 10.0,
                    text: ch.to_string(),
                    vertical: true,
                })
                .collect()
        };
        let mut chars = col(100.0, "左列");
        chars.extend(col(130.0, "右列"));
        assert_eq!(page_text(&chars, &[]), "右列\n左列");
    }
}
