//! Reports: [`Findings`] → JSON (spec §3, the contract), CSV and XLSX (one row per finding, for
//! spreadsheets), HTML (one self-contained page for reviewers: no external CSS, scripts or fonts).
//!
//! CSV and XLSX share one flat table ([`table`]): case, 部门受案号, rule, kind (with its 数检通
//! term), severity, field, card value, document value, evidence (file, offsets, text) and the
//! message; read errors follow as rows of kind `error`. The XLSX has a second sheet counting
//! findings per case and kind.

mod html;
mod xlsx;

use std::io::Write;

use crate::audit::Findings;

pub use html::to_html;
pub use xlsx::to_xlsx;

/// Output formats of `anguan audit --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Json,
    Csv,
    Xlsx,
    Html,
}

/// Why a report could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("cannot write the report: {0}")]
    Io(#[from] std::io::Error),
    #[error("cannot build the XLSX report: {0}")]
    Xlsx(String),
    #[error("cannot serialise the findings: {0}")]
    Json(#[from] serde_json::Error),
}

/// Column headers of the flat table (CSV and XLSX).
pub const HEADERS: [&str; 14] = [
    "案件",
    "部门受案号",
    "规则",
    "类型",
    "类型名称",
    "严重程度",
    "字段",
    "案卡值",
    "文书值",
    "证据文件",
    "证据起点",
    "证据终点",
    "证据原文",
    "说明",
];

/// The flat table: one row per finding (evidence joined with line breaks), then one per read error.
pub fn table(f: &Findings) -> Vec<[String; 14]> {
    let mut rows = Vec::new();
    for case in &f.cases {
        for x in &case.findings {
            let join = |g: &dyn Fn(&crate::audit::Evidence) -> String| {
                x.evidence.iter().map(g).collect::<Vec<_>>().join("\n")
            };
            rows.push([
                case.case.clone(),
                case.case_number.clone().unwrap_or_default(),
                x.rule.clone(),
                x.kind.as_str().to_string(),
                x.kind.chinese().to_string(),
                x.severity.as_str().to_string(),
                x.field.clone(),
                x.card_value.clone().unwrap_or_default(),
                x.document_value.clone().unwrap_or_default(),
                join(&|e| e.file.clone()),
                join(&|e| e.start.to_string()),
                join(&|e| e.end.to_string()),
                join(&|e| e.text.clone()),
                x.message.clone(),
            ]);
        }
    }
    for e in &f.errors {
        let case = e.file.split('/').next().unwrap_or("").to_string();
        let mut row: [String; 14] = Default::default();
        row[0] = case;
        row[3] = "error".into();
        row[4] = "读取错误".into();
        row[5] = "error".into();
        row[9] = e.file.clone();
        row[13] = e.error.clone();
        rows.push(row);
    }
    rows
}

/// The findings as JSON (spec §3), pretty-printed.
pub fn to_json(f: &Findings) -> Result<String, ReportError> {
    Ok(serde_json::to_string_pretty(f)?)
}

/// Quote a CSV field when it needs it (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_string() }
}

/// The flat table as CSV: UTF-8 with a BOM (so spreadsheet programs read the Chinese), CRLF.
pub fn to_csv(f: &Findings) -> String {
    let mut out = String::from("\u{feff}");
    let line =
        |cells: &mut dyn Iterator<Item = String>| cells.map(|c| csv_field(&c)).collect::<Vec<_>>().join(",");
    out.push_str(&line(&mut HEADERS.iter().map(|h| h.to_string())));
    out.push_str("\r\n");
    for row in table(f) {
        out.push_str(&line(&mut row.into_iter()));
        out.push_str("\r\n");
    }
    out
}

/// Write a report in a format.
pub fn write(f: &Findings, format: Format, out: &mut dyn Write) -> Result<(), ReportError> {
    match format {
        Format::Json => {
            out.write_all(to_json(f)?.as_bytes())?;
            out.write_all(b"\n")?;
        }
        Format::Csv => out.write_all(to_csv(f).as_bytes())?,
        Format::Xlsx => out.write_all(&to_xlsx(f)?)?,
        Format::Html => out.write_all(to_html(f).as_bytes())?,
    }
    Ok(())
}
