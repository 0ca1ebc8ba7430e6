//! The HTML report: one self-contained page (inline CSS, no scripts, no external resources) with
//! a summary, then per case its documents and findings; each finding shows the card value, the
//! document value, the message and the evidence text with its file and offsets.

use crate::audit::{Findings, Severity};

/// Escape text for HTML.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:2em;color:#222}\
table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}th,td{border:1px solid #ccc;padding:4px 6px;\
vertical-align:top;text-align:left;font-size:14px}th{background:#f2f2f2}.error{color:#b00020}.warning{color:#a05a00}\
.info{color:#555}.ev{font-family:monospace;background:#fff7d6}h2{border-bottom:2px solid #333;padding-bottom:4px}\
.small{color:#666;font-size:12px}";

/// The findings as one HTML page.
pub fn to_html(f: &Findings) -> String {
    let total: usize = f.cases.iter().map(|c| c.findings.len()).sum();
    let with: usize = f.cases.iter().filter(|c| !c.findings.is_empty()).count();
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>案卡审查报告</title><style>");
    h.push_str(STYLE);
    h.push_str("</style></head><body>\n<h1>案卡审查报告</h1>\n");
    h.push_str(&format!(
        "<p id=\"summary\">共审查 {} 件案件，{} 件有问题，共 {} 个问题；{} 个文件无法读取。</p>\n",
        f.cases.len(),
        with,
        total,
        f.errors.len()
    ));
    for case in &f.cases {
        h.push_str(&format!(
            "<section class=\"case\" id=\"case-{}\">\n<h2>{}",
            escape(&case.case),
            escape(&case.case)
        ));
        if let Some(n) = &case.case_number {
            h.push_str(&format!(" <span class=\"small\">{}</span>", escape(n)));
        }
        h.push_str("</h2>\n<p class=\"small\">文书：");
        let docs: Vec<String> = case
            .documents
            .iter()
            .map(|d| {
                format!(
                    "{}（{}，{}字）",
                    escape(&d.file),
                    escape(d.doc_type.as_deref().unwrap_or("未识别")),
                    d.chars
                )
            })
            .collect();
        h.push_str(&docs.join("；"));
        h.push_str("</p>\n");
        if case.findings.is_empty() {
            h.push_str("<p>未发现问题。</p>\n</section>\n");
            continue;
        }
        h.push_str(
            "<table class=\"findings\"><thead><tr><th>严重程度</th><th>类型</th><th>字段</th><th>案卡值</th>\
<th>文书值</th><th>说明</th><th>证据</th><th>规则</th></tr></thead><tbody>\n",
        );
        for x in &case.findings {
            let sev = match x.severity {
                Severity::Error => "错误",
                Severity::Warning => "警告",
                Severity::Info => "提示",
            };
            let ev: Vec<String> = x
                .evidence
                .iter()
                .map(|e| {
                    format!(
                        "<span class=\"ev\">{}</span> <span class=\"small\">{} [{}–{})</span>",
                        escape(&e.text),
                        escape(&e.file),
                        e.start,
                        e.end
                    )
                })
                .collect();
            h.push_str(&format!(
                "<tr class=\"finding\"><td class=\"{}\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>\
<td>{}</td><td class=\"small\">{}</td></tr>\n",
                x.severity.as_str(),
                sev,
                x.kind.chinese(),
                escape(&x.field),
                escape(x.card_value.as_deref().unwrap_or("")),
                escape(x.document_value.as_deref().unwrap_or("")),
                escape(&x.message),
                ev.join("<br>"),
                escape(&x.rule)
            ));
        }
        h.push_str("</tbody></table>\n</section>\n");
    }
    if !f.errors.is_empty() {
        h.push_str("<section id=\"errors\"><h2>无法读取的文件</h2><table><thead><tr><th>文件</th><th>原因</th></tr></thead><tbody>\n");
        for e in &f.errors {
            h.push_str(&format!(
                "<tr class=\"read-error\"><td>{}</td><td>{}</td></tr>\n",
                escape(&e.file),
                escape(&e.error)
            ));
        }
        h.push_str("</tbody></table></section>\n");
    }
    h.push_str("</body></html>\n");
    h
}
