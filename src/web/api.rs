//! The JSON API's read-only handlers: search, similar cases, cases, documents, findings, audit and
//! its export. Each handler validates its input, reads the current snapshot or the index, and
//! shapes JSON; every failure is an [`ApiError`].

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::index::highlight::highlight_ranges;
use crate::index::search::literals_of;
use crate::index::similar::Probe;
use crate::index::{Hits, IndexError, SearchOptions};
use crate::ingest::DocType;

use super::analysis::{CaseAnalysis, ExportFormat, export_report};
use super::error::ApiError;
use super::state::AppState;

type Params = Query<HashMap<String, String>>;
type ApiResult = Result<Json<Value>, ApiError>;

/// Largest page size and deepest page served.
const MAX_SIZE: usize = 50;
const MAX_OFFSET: usize = 10_000;

fn to_json<T: serde::Serialize>(v: &T) -> Result<Value, ApiError> {
    serde_json::to_value(v).map_err(|e| ApiError::internal(format!("JSON 生成失败：{e}")))
}

/// A positive integer parameter with a default and an upper bound.
fn number(
    params: &HashMap<String, String>,
    name: &str,
    default: usize,
    max: usize,
) -> Result<usize, ApiError> {
    match params.get(name).map(|s| s.trim()).filter(|s| !s.is_empty()) {
        None => Ok(default),
        Some(s) => match s.parse::<usize>() {
            Ok(n) if n >= 1 => Ok(n.min(max)),
            _ => Err(ApiError::bad_request("bad_parameter", format!("参数 {name} 应为正整数，收到「{s}」"))),
        },
    }
}

fn index_error(e: IndexError) -> ApiError {
    match e {
        IndexError::Query(q) => ApiError::bad_request(
            "bad_query",
            format!("检索式有误（第 {} 个字符处）：{}", q.position + 1, q.message),
        ),
        other => ApiError::internal(format!("检索失败：{other}")),
    }
}

fn case_not_found(key: &str) -> ApiError {
    ApiError::not_found("case_not_found", format!("没有名为「{key}」的案件"))
}

fn find_case(state: &AppState, key: &str) -> Result<Arc<CaseAnalysis>, ApiError> {
    state.case(key).ok_or_else(|| case_not_found(key))
}

/// `GET /api/search?q=&page=&size=`
pub async fn search(State(state): State<Arc<AppState>>, Query(p): Params) -> ApiResult {
    let q = p.get("q").map(|s| s.trim()).unwrap_or_default();
    if q.is_empty() {
        return Err(ApiError::bad_request("bad_query", "请输入检索词，例如：盗窃 电动车，或 类型:起诉书"));
    }
    let size = number(&p, "size", 10, MAX_SIZE)?;
    let page = number(&p, "page", 1, MAX_OFFSET / size + 1)?;
    let opts = SearchOptions { limit: size, offset: (page - 1) * size, snippets: 3, facets: true };
    let hits = state.searcher().search(q, &opts).map_err(index_error)?;
    let mut v = to_json(&hits)?;
    v["size"] = json!(size);
    v["page"] = json!(page);
    Ok(Json(v))
}

/// The document of a case that best describes its facts: the prosecution opinion, else the
/// indictment, else the longest document.
fn probe_document(case: &CaseAnalysis) -> Option<&crate::ingest::Document> {
    let docs = || case.documents.iter().map(|d| &d.doc);
    [DocType::ProsecutionOpinion, DocType::Indictment]
        .iter()
        .find_map(|t| docs().find(|d| d.doc_type == Some(*t)))
        .or_else(|| docs().max_by_key(|d| d.chars))
}

/// `GET /api/similar?case=ID` or `?text=…`: one hit per case, the case itself left out.
pub async fn similar(State(state): State<Arc<AppState>>, Query(p): Params) -> ApiResult {
    let size = number(&p, "size", 10, MAX_SIZE)?;
    let (probe, own) = match (p.get("case"), p.get("text").map(|t| t.trim()).filter(|t| !t.is_empty())) {
        (Some(key), _) => {
            let case = find_case(&state, key)?;
            let doc = probe_document(&case).ok_or_else(|| {
                ApiError::bad_request("no_documents", format!("案件「{key}」没有可读取的文书，无法查找类案"))
            })?;
            let mut probe = Probe::from_document(doc, None);
            probe.label = key.clone();
            (probe, Some(key.clone()))
        }
        (None, Some(text)) => (Probe::from_text(text), None),
        (None, None) => {
            return Err(ApiError::bad_request(
                "bad_parameter",
                "请提供 case（案件名称）或 text（案情文字）参数",
            ));
        }
    };
    let opts = SearchOptions { limit: size + 1, offset: 0, snippets: 2, facets: false };
    let mut hits: Hits = state.searcher().similar(&probe, &opts).map_err(index_error)?;
    if let Some(own) = own {
        let before = hits.hits.len();
        hits.hits.retain(|h| h.case != own);
        hits.total = hits.total.saturating_sub(before - hits.hits.len());
    }
    hits.hits.truncate(size);
    Ok(Json(to_json(&hits)?))
}

fn case_summary(c: &CaseAnalysis) -> Value {
    json!({
        "case": c.key,
        "case_number": c.case_number(),
        "charges": c.charges(),
        "documents": c.documents.len(),
        "findings": c.findings.len(),
    })
}

/// `GET /api/cases`
pub async fn cases(State(state): State<Arc<AppState>>) -> ApiResult {
    let snap = state.snapshot();
    Ok(Json(json!({"cases": snap.cases.values().map(|c| case_summary(c)).collect::<Vec<_>>()})))
}

/// `GET /api/cases/{case}`
pub async fn case(State(state): State<Arc<AppState>>, Path(key): Path<String>) -> ApiResult {
    let c = find_case(&state, &key)?;
    let documents: Vec<Value> = c
        .documents
        .iter()
        .map(|d| {
            json!({"file": d.doc.file, "type": d.doc.doc_type, "chars": d.doc.chars, "pages": d.doc.pages,
                   "doc_number": d.doc.doc_number, "sections": d.doc.sections})
        })
        .collect();
    Ok(Json(json!({
        "case": c.key,
        "case_number": c.case_number(),
        "charges": c.charges(),
        "card": c.card,
        "documents": documents,
        "findings": c.findings,
        "errors": c.errors,
    })))
}

/// `GET /api/cases/{case}/documents/{file}?q=`
pub async fn document(
    State(state): State<Arc<AppState>>,
    Path((key, file)): Path<(String, String)>,
    Query(p): Params,
) -> ApiResult {
    let c = find_case(&state, &key)?;
    let d = c.document(&file).ok_or_else(|| {
        ApiError::not_found("document_not_found", format!("案件「{key}」中没有文书「{file}」"))
    })?;
    let query_highlights = match p.get("q").map(|q| q.trim()).filter(|q| !q.is_empty()) {
        Some(q) => highlight_ranges(&d.doc.text, &literals_of(q).map_err(index_error)?),
        None => Vec::new(),
    };
    Ok(Json(json!({
        "case": c.key,
        "file": d.doc.file,
        "type": d.doc.doc_type,
        "doc_number": d.doc.doc_number,
        "chars": d.doc.chars,
        "pages": d.doc.pages,
        "sections": d.doc.sections,
        "text": d.doc.text,
        "elements": d.extraction.elements,
        "checklist": d.checklist,
        "query_highlights": query_highlights,
    })))
}

/// `GET /api/cases/{case}/findings`
pub async fn findings(State(state): State<Arc<AppState>>, Path(key): Path<String>) -> ApiResult {
    let c = find_case(&state, &key)?;
    Ok(Json(json!({"case": c.key, "case_number": c.case_number(), "findings": c.findings})))
}

/// `GET /api/audit`: spec §3 over every case; each case entry also carries its charges.
pub async fn audit(State(state): State<Arc<AppState>>) -> ApiResult {
    let snap = state.snapshot();
    let cases: Vec<Value> = snap
        .cases
        .values()
        .map(|c| {
            let docs: Vec<Value> = c
                .documents
                .iter()
                .map(|d| json!({"file": d.doc.file, "type": d.doc.doc_type, "chars": d.doc.chars}))
                .collect();
            json!({"case": c.key, "case_number": c.case_number(), "charges": c.charges(),
                   "documents": docs, "findings": c.findings})
        })
        .collect();
    let errors: Vec<_> = snap.cases.values().flat_map(|c| c.errors.iter()).collect();
    Ok(Json(json!({"schema": "anguan.findings/1", "cases": cases, "errors": errors})))
}

/// `GET /api/audit/export?format=csv|xlsx|html`: the report as an attachment.
pub async fn export(State(state): State<Arc<AppState>>, Query(p): Params) -> Result<Response, ApiError> {
    let name = p.get("format").map(String::as_str).unwrap_or("csv");
    let format = ExportFormat::parse(name).ok_or_else(|| {
        ApiError::bad_request("bad_format", format!("不支持的导出格式「{name}」，可选 csv、xlsx、html"))
    })?;
    let snap = state.snapshot();
    let cases: Vec<&CaseAnalysis> = snap.cases.values().map(|c| c.as_ref()).collect();
    let (ctype, bytes) = export_report(format, &cases)
        .map_err(|e| ApiError::new(StatusCode::NOT_IMPLEMENTED, "not_available", e.to_string()))?;
    let disposition = format!("attachment; filename=\"anguan-audit.{}\"", format.extension());
    Ok(([(header::CONTENT_TYPE, ctype.to_string()), (header::CONTENT_DISPOSITION, disposition)], bytes)
        .into_response())
}
