//! A small RFC 4180 CSV reader for bulk card exports.
//!
//! Fields are separated by commas and records by CRLF or LF; a field in double quotes may hold
//! commas, line breaks and doubled quotes (`""`). A UTF-8 BOM is skipped; text that is not UTF-8 is
//! decoded as GB18030 (the usual encoding of exports from Chinese office software). A malformed
//! record (a stray quote inside an unquoted field, text after a closing quote) is an error naming
//! its line and the reader carries on with the next record; an unterminated quote ends the file.

use std::path::Path;

use super::table::{ImportError, Imported, import_rows};

/// Largest CSV file read.
const MAX_CSV_BYTES: u64 = 256 * 1024 * 1024;

/// One record: its first line number (1-based) and fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
}

/// A malformed record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvError {
    pub line: usize,
    pub message: String,
}

/// Split CSV text into records; malformed records are errors, in order with the good ones.
pub fn parse(text: &str) -> Vec<Result<Record, CsvError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line = 1;
    while chars.peek().is_some() {
        let start_line = line;
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut error: Option<String> = None;
        let mut at_field_start = true;
        let mut quoted_done = false;
        loop {
            let Some(c) = chars.next() else {
                fields.push(std::mem::take(&mut field));
                break;
            };
            match c {
                '"' if at_field_start => {
                    at_field_start = false;
                    let mut closed = false;
                    while let Some(q) = chars.next() {
                        if q == '"' {
                            if chars.peek() == Some(&'"') {
                                chars.next();
                                field.push('"');
                            } else {
                                closed = true;
                                break;
                            }
                        } else {
                            if q == '\n' {
                                line += 1;
                            }
                            field.push(q);
                        }
                    }
                    if !closed {
                        out.push(Err(CsvError {
                            line: start_line,
                            message: "unterminated quoted field (a \" is never closed)".into(),
                        }));
                        return out;
                    }
                    quoted_done = true;
                }
                ',' => {
                    fields.push(std::mem::take(&mut field));
                    at_field_start = true;
                    quoted_done = false;
                }
                '\r' if chars.peek() == Some(&'\n') => {}
                '\n' => {
                    line += 1;
                    fields.push(std::mem::take(&mut field));
                    break;
                }
                _ => {
                    at_field_start = false;
                    if error.is_none() && (c == '"' || quoted_done) {
                        let col = fields.len() + 1;
                        error = Some(if quoted_done {
                            format!("field {col}: text after the closing quote")
                        } else {
                            format!("field {col}: a quote inside an unquoted field")
                        });
                    }
                    field.push(c);
                }
            }
        }
        let blank = fields.len() == 1 && fields.first().is_some_and(|f| f.is_empty());
        match error {
            Some(message) => out.push(Err(CsvError { line: start_line, message })),
            None if blank => {}
            None => out.push(Ok(Record { line: start_line, fields })),
        }
    }
    out
}

/// Decode file bytes: UTF-8 (BOM skipped) or else GB18030.
pub fn decode(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    }
}

/// Import a CSV card export: the first record is the header.
pub fn import_csv(path: &Path) -> Result<Imported, ImportError> {
    let file = path.display().to_string();
    let io = |e: std::io::Error| ImportError::file(&file, e.to_string());
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_CSV_BYTES {
        return Err(ImportError::file(
            &file,
            format!("file too large ({size} bytes, limit {MAX_CSV_BYTES})"),
        ));
    }
    let bytes = std::fs::read(path).map_err(io)?;
    import_csv_text(&file, &decode(&bytes))
}

/// Import CSV text; `file` names it in errors.
pub fn import_csv_text(file: &str, text: &str) -> Result<Imported, ImportError> {
    let mut records = parse(text).into_iter();
    let header = match records.next() {
        Some(Ok(r)) => r.fields,
        Some(Err(e)) => return Err(ImportError::row(file, e.line, None, format!("header: {}", e.message))),
        None => return Err(ImportError::file(file, "empty file: no header row".into())),
    };
    let mut errors = Vec::new();
    let mut rows = Vec::new();
    for r in records {
        match r {
            Ok(rec) => rows.push((rec.line, rec.fields)),
            Err(e) => errors.push(ImportError::row(file, e.line, None, e.message)),
        }
    }
    let mut imported = import_rows(file, &header, rows)?;
    errors.append(&mut imported.errors);
    errors.sort_by_key(|e| e.row);
    imported.errors = errors;
    Ok(imported)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4180_quotes_and_breaks() {
        let recs = parse("a,b,c\r\n\"x,1\",\"say \"\"hi\"\"\",\"two\nlines\"\n\nlast,,\n");
        let ok: Vec<_> = recs.into_iter().map(|r| r.unwrap()).collect();
        assert_eq!(ok[0].fields, ["a", "b", "c"]);
        assert_eq!(ok[1].fields, ["x,1", "say \"hi\"", "two\nlines"]);
        assert_eq!(ok[2], Record { line: 5, fields: vec!["last".into(), "".into(), "".into()] });
    }

    #[test]
    fn malformed_records_name_their_line() {
        let recs = parse("a,b\nx\"y,1\n\"q\"z,2\nok,3\n\"open,4\n");
        assert_eq!(recs[1].as_ref().unwrap_err().line, 2);
        assert!(recs[1].as_ref().unwrap_err().message.contains("field 1"));
        assert_eq!(recs[2].as_ref().unwrap_err().line, 3);
        assert_eq!(recs[3].as_ref().unwrap().fields, ["ok", "3"]);
        assert_eq!(recs[4].as_ref().unwrap_err().line, 5);
    }
}
