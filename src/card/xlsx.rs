//! XLSX card exports through calamine: the first worksheet, its first non-empty row as header.
//! Date cells become `YYYY-MM-DD`, numbers keep their value (whole numbers without `.0`), so the
//! rows reach [`import_rows`](super::table::import_rows) as the same text a CSV export would give.

use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};

use super::table::{ImportError, Imported, import_rows};
use super::values::excel_serial_date;

/// Largest XLSX file read.
const MAX_XLSX_BYTES: u64 = 256 * 1024 * 1024;

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        Data::DateTime(dt) => excel_serial_date(dt.as_f64()).map(|d| d.to_string()).unwrap_or_default(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
    }
}

/// Import an XLSX card export.
pub fn import_xlsx(path: &Path) -> Result<Imported, ImportError> {
    let file = path.display().to_string();
    let size = std::fs::metadata(path).map_err(|e| ImportError::file(&file, e.to_string()))?.len();
    if size > MAX_XLSX_BYTES {
        return Err(ImportError::file(
            &file,
            format!("file too large ({size} bytes, limit {MAX_XLSX_BYTES})"),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| ImportError::file(&file, e.to_string()))?;
    import_xlsx_bytes(&file, bytes)
}

/// Import XLSX bytes; `file` names them in errors.
pub fn import_xlsx_bytes(file: &str, bytes: Vec<u8>) -> Result<Imported, ImportError> {
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| ImportError::file(file, format!("not a readable XLSX workbook: {e}")))?;
    let sheet =
        book.sheet_names().first().cloned().ok_or_else(|| ImportError::file(file, "no worksheet".into()))?;
    let range = book
        .worksheet_range(&sheet)
        .map_err(|e| ImportError::file(file, format!("worksheet {sheet}: {e}")))?;
    let first_row = range.start().map(|(r, _)| r as usize).unwrap_or(0);
    let first_col = range.start().map(|(_, c)| c as usize).unwrap_or(0);
    let mut rows = range.rows().enumerate().map(|(i, cells)| {
        let mut texts: Vec<String> = vec![String::new(); first_col];
        texts.extend(cells.iter().map(cell_text));
        (first_row + i + 1, texts)
    });
    let header = loop {
        match rows.next() {
            Some((_, cells)) if cells.iter().any(|c| !c.trim().is_empty()) => break cells,
            Some(_) => continue,
            None => return Err(ImportError::file(file, format!("worksheet {sheet} is empty"))),
        }
    };
    import_rows(file, &header, rows.collect())
}
