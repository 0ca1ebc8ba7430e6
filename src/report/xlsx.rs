//! The XLSX report (rust_xlsxwriter): sheet 问题清单 with the flat table (bold frozen header,
//! autofilter), sheet 汇总 with the count of findings per case and kind.

use std::collections::BTreeMap;

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::{HEADERS, ReportError, table};
use crate::audit::{Findings, Kind};

fn err(e: XlsxError) -> ReportError {
    ReportError::Xlsx(e.to_string())
}

/// The findings as an XLSX workbook.
pub fn to_xlsx(f: &Findings) -> Result<Vec<u8>, ReportError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    let rows = table(f);
    {
        let sheet = book.add_worksheet();
        sheet.set_name("问题清单").map_err(err)?;
        for (c, h) in HEADERS.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, *h, &bold).map_err(err)?;
        }
        for (r, row) in rows.iter().enumerate() {
            let r = u32::try_from(r + 1).map_err(|_| ReportError::Xlsx("too many rows".into()))?;
            for (c, cell) in row.iter().enumerate() {
                if !cell.is_empty() {
                    sheet.write_string_with_format(r, c as u16, cell.as_str(), &wrap).map_err(err)?;
                }
            }
        }
        for (c, w) in [(0, 16.0), (2, 34.0), (6, 26.0), (7, 20.0), (8, 20.0), (12, 30.0), (13, 60.0)] {
            sheet.set_column_width(c, w).map_err(err)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(err)?;
        let last = u32::try_from(rows.len()).unwrap_or(u32::MAX);
        sheet.autofilter(0, 0, last, (HEADERS.len() - 1) as u16).map_err(err)?;
    }
    {
        let kinds = [
            Kind::Missing,
            Kind::Mismatch,
            Kind::Invalid,
            Kind::Logic,
            Kind::Late,
            Kind::Overdue,
            Kind::Conflict,
            Kind::Checklist,
        ];
        let sheet = book.add_worksheet();
        sheet.set_name("汇总").map_err(err)?;
        sheet.write_string_with_format(0, 0, "案件", &bold).map_err(err)?;
        sheet.write_string_with_format(0, 1, "部门受案号", &bold).map_err(err)?;
        for (k, kind) in kinds.iter().enumerate() {
            let title = format!("{}（{}）", kind.chinese(), kind.as_str());
            sheet.write_string_with_format(0, (k + 2) as u16, title, &bold).map_err(err)?;
        }
        sheet.write_string_with_format(0, (kinds.len() + 2) as u16, "合计", &bold).map_err(err)?;
        for (r, case) in f.cases.iter().enumerate() {
            let r = u32::try_from(r + 1).map_err(|_| ReportError::Xlsx("too many rows".into()))?;
            let mut counts: BTreeMap<Kind, u32> = BTreeMap::new();
            for x in &case.findings {
                *counts.entry(x.kind).or_default() += 1;
            }
            sheet.write_string(r, 0, case.case.as_str()).map_err(err)?;
            sheet.write_string(r, 1, case.case_number.clone().unwrap_or_default()).map_err(err)?;
            for (k, kind) in kinds.iter().enumerate() {
                sheet.write_number(r, (k + 2) as u16, counts.get(kind).copied().unwrap_or(0)).map_err(err)?;
            }
            sheet.write_number(r, (kinds.len() + 2) as u16, case.findings.len() as u32).map_err(err)?;
        }
        sheet.set_column_width(0, 16.0).map_err(err)?;
        sheet.set_column_width(1, 34.0).map_err(err)?;
    }
    book.save_to_buffer().map_err(err)
}
