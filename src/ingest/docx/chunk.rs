//! `w:altChunk`: content imported into a document as another file, which Word merges when it
//! opens the document. Generators use it to put HTML or another DOCX into a template, so a file
//! fresh from such a system holds part of its text only there.
//!
//! The walker leaves a marker line (`MARK` index `MARK`, a Unicode noncharacter that text never
//! holds; the walker removes it from text) where each chunk goes; [`substitute`] puts each
//! chunk's text in its place. A chunk is read by its bytes: a zip is a DOCX (read without its
//! own chunks, under what is left of the decompression budget), HTML is reduced to text by
//! [`html_text`], RTF and MHT are left out, anything else is plain text ([`txt::decode`]).

use crate::ingest::txt;

/// Marks a chunk's place in the walked text.
pub(super) const MARK: char = '\u{fdd0}';

/// The marker of chunk `i`.
pub(super) fn marker(i: usize) -> String {
    format!("{MARK}{i}{MARK}")
}

/// What kind of content a chunk's bytes are.
pub(super) enum ChunkKind {
    Docx,
    Html,
    Text,
    Unsupported,
}

pub(super) fn kind_of(bytes: &[u8]) -> ChunkKind {
    let head: Vec<u8> = bytes.iter().take(4096).map(u8::to_ascii_lowercase).collect();
    let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    if bytes.starts_with(b"PK\x03\x04") {
        ChunkKind::Docx
    } else if bytes.starts_with(b"{\\rtf") || has(b"mime-version:") {
        ChunkKind::Unsupported
    } else if has(b"<html") || has(b"<body") || has(b"<p") || has(b"<div") || has(b"<table") {
        ChunkKind::Html
    } else {
        ChunkKind::Text
    }
}

/// Decode a text or HTML chunk (any encoding [`txt::decode`] knows; undecodable → empty).
pub(super) fn decode(bytes: &[u8], kind: &ChunkKind) -> String {
    match (kind, txt::decode(bytes)) {
        (ChunkKind::Html, Ok(text)) => txt::tidy(&html_text(&text)),
        (ChunkKind::Text, Ok(text)) => text,
        _ => String::new(),
    }
}

/// Replace the markers of `text` with the chunks' texts. A marker alone on its line becomes the
/// chunk's lines (no line if the chunk is empty); a marker inside a line (a table row) gets the
/// chunk's text on one line.
pub(super) fn substitute(text: &str, chunks: &[String]) -> String {
    if !text.contains(MARK) {
        return text.to_string();
    }
    let lines: Vec<String> = text
        .split('\n')
        .filter_map(|line| {
            if !line.contains(MARK) {
                return Some(line.to_string());
            }
            let whole = line.starts_with(MARK) && line.ends_with(MARK) && line.matches(MARK).count() == 2;
            let mut out = String::new();
            for (i, piece) in line.split(MARK).enumerate() {
                if i % 2 == 0 {
                    out.push_str(piece);
                } else if let Some(chunk) = piece.parse::<usize>().ok().and_then(|n| chunks.get(n)) {
                    if whole {
                        out.push_str(chunk);
                    } else {
                        out.push_str(&chunk.replace(['\n', '\t'], " "));
                    }
                }
            }
            // an empty or unreadable chunk leaves no blank line behind
            (!(whole && out.is_empty())).then_some(out)
        })
        .collect();
    lines.join("\n")
}

/// Elements whose content is not text.
const HIDDEN: &[&str] = &["script", "style", "head", "title", "template"];
/// Elements that start or end a line.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "tr",
    "li",
    "ul",
    "ol",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "section",
    "article",
    "header",
    "footer",
    "dt",
    "dd",
    "hr",
    "caption",
];

/// HTML → text: tags removed, `script`/`style` content dropped, block elements on their own
/// lines, table cells separated by tabs, entities decoded, ASCII whitespace collapsed (a line
/// break of the source between two CJK characters disappears, as in Chinese rendering).
pub(super) fn html_text(html: &str) -> String {
    let mut out = Text::default();
    let mut rest = html;
    while let Some(at) = rest.find(['<', '&']) {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        if from.starts_with('&') {
            let end = from.char_indices().take(12).find(|&(_, c)| c == ';').map(|(i, _)| i);
            match end.and_then(|e| from.get(1..e).map(|name| (e, entity(name)))) {
                Some((e, Some(c))) => {
                    out.push(c);
                    rest = from.get(e + 1..).unwrap_or_default();
                }
                _ => {
                    out.push('&');
                    rest = from.get(1..).unwrap_or_default();
                }
            }
            continue;
        }
        if let Some(comment) = from.strip_prefix("<!--") {
            rest = comment.find("-->").and_then(|e| comment.get(e + 3..)).unwrap_or_default();
            continue;
        }
        let Some(close) = from.find('>') else { break };
        let tag = from.get(1..close).unwrap_or_default();
        rest = from.get(close + 1..).unwrap_or_default();
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if !closing && HIDDEN.contains(&name.as_str()) && !tag.ends_with('/') {
            let end_tag = format!("</{name}");
            rest = find_ignoring_case(rest, &end_tag).and_then(|e| rest.get(e..)).unwrap_or_default();
        } else if (name == "td" || name == "th") && closing {
            out.push('\t');
        } else if name == "br" {
            out.push('\n');
        } else if BLOCKS.contains(&name.as_str()) {
            out.line_break();
        }
    }
    out.push_str(rest);
    out.out
}

/// The byte offset of the first occurrence of an ASCII `needle` in `haystack`, ignoring ASCII case.
fn find_ignoring_case(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    haystack.as_bytes().windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle))
}

/// Text with HTML whitespace collapsing.
#[derive(Default)]
struct Text {
    out: String,
    /// Collapsed whitespace not yet written; `Some(true)` if it held a line break.
    pending: Option<bool>,
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{2e80}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ffef}' | '\u{20000}'..='\u{3134f}')
}

impl Text {
    fn push_str(&mut self, s: &str) {
        for c in s.chars() {
            self.push_visible(c);
        }
    }

    fn push_visible(&mut self, c: char) {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
            self.pending = Some(self.pending.unwrap_or(false) || c == '\n' || c == '\r');
            return;
        }
        self.push(c);
    }

    /// End the current line, unless at the start of one.
    fn line_break(&mut self) {
        self.pending = None;
        if self.out.chars().next_back().is_some_and(|c| c != '\n') {
            self.out.push('\n');
        }
    }

    /// Push a character as is (markup-made tabs and line breaks, decoded entities).
    fn push(&mut self, c: char) {
        if let Some(newline) = self.pending.take() {
            let last = self.out.chars().next_back();
            let cjk_join = newline && last.is_some_and(is_cjk) && is_cjk(c);
            let at_line_start = last.is_none_or(|l| l == '\n' || l == '\t');
            if !cjk_join && !at_line_start && c != '\n' && c != '\t' {
                self.out.push(' ');
            }
        }
        self.out.push(c);
    }
}

/// A named or numeric character reference (the names HTML documents of Chinese text use).
fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => num.parse().ok(),
        };
        return code.and_then(char::from_u32).filter(|c| *c != '\0');
    }
    Some(match name {
        "nbsp" => '\u{a0}',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "middot" => '·',
        "times" => '×',
        "yen" => '¥',
        "copy" => '©',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_text() {
        let html = "<html><head><title>标题</title><style>p{}</style></head><body>\
            <p>被告人\n张某某，&nbsp;男。</p><!-- 注释 --><script>var a = '<p>';</script>\
            <table><tr><td>姓名</td><td>李&amp;某</td></tr></table>第一行<br>第二行 &#x3000;&unknown;<SCRIPT>x</Script></body></html>";
        assert_eq!(
            txt::tidy(&html_text(html)),
            "被告人张某某，\u{a0}男。\n姓名\t李&某\n第一行\n第二行 \u{3000}&unknown;".replace('\u{a0}', " ")
        );
    }

    #[test]
    fn markers_are_replaced_by_chunk_text() {
        let text = format!("前言\n{}\n甲\t{}", marker(0), marker(1));
        let chunks = ["第一段\n第二段".to_string(), "单元\t格".to_string()];
        assert_eq!(substitute(&text, &chunks), "前言\n第一段\n第二段\n甲\t单元 格");
    }
}
