//! `POST /api/upload`: a case folder as a .zip, or documents and a card, into a new or existing
//! case.
//!
//! The request is read completely into memory (bounded by the body limit and a running count of
//! file bytes), zips are unpacked in memory ([`super::unpack`]), every name is validated
//! ([`super::store`]) and only then is anything written — atomically, by [`AppState::update_case`]
//! — so a refused upload changes nothing.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::extract::multipart::{Multipart, MultipartError, MultipartRejection};
use axum::http::StatusCode;
use serde_json::{Value, json};

use super::error::ApiError;
use super::state::AppState;
use super::store::{valid_case_name, valid_file_name};
use super::unpack::{UnpackError, UnpackLimits, unpack_zip};

/// Extra room in the request body for multipart headers and the case-name field.
pub const MULTIPART_OVERHEAD: usize = 64 * 1024;

fn too_large(max: usize) -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "upload_too_large",
        format!("上传内容过大：上限 {} MB", max / (1024 * 1024)),
    )
}

fn multipart_error(e: MultipartError, max: usize) -> ApiError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        too_large(max)
    } else {
        ApiError::bad_request("bad_upload", format!("上传内容无法读取：{}", e.body_text()))
    }
}

fn unpack_error(e: UnpackError) -> ApiError {
    match e {
        UnpackError::UnsafePath(_) => ApiError::bad_request("unsafe_zip", e.to_string()),
        UnpackError::TooLarge(_) => {
            ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "zip_too_large", e.to_string())
        }
        _ => ApiError::bad_request("bad_zip", e.to_string()),
    }
}

/// What a request carried, before anything is written.
#[derive(Debug, Default)]
struct Upload {
    case: Option<String>,
    /// Name of the first zip, to name the case when no name was given.
    zip_stem: Option<String>,
    files: Vec<(String, Vec<u8>)>,
    /// Zip entries that are neither documents nor the card, left out.
    skipped: Vec<String>,
}

async fn read_upload(mut mp: Multipart, max: usize) -> Result<Upload, ApiError> {
    let mut up = Upload::default();
    let mut total = 0usize;
    while let Some(field) = mp.next_field().await.map_err(|e| multipart_error(e, max))? {
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field.file_name().map(str::to_string);
        let bytes = field.bytes().await.map_err(|e| multipart_error(e, max))?;
        total += bytes.len();
        if total > max {
            return Err(too_large(max));
        }
        match (name.as_str(), file_name) {
            ("case", _) => {
                let text = String::from_utf8_lossy(&bytes).trim().to_string();
                up.case = Some(text).filter(|t| !t.is_empty());
            }
            ("files", Some(file)) => add_file(&mut up, file, bytes.to_vec())?,
            _ => {}
        }
    }
    Ok(up)
}

fn add_file(up: &mut Upload, file: String, bytes: Vec<u8>) -> Result<(), ApiError> {
    if let Some(stem) = file.strip_suffix(".zip").or_else(|| file.strip_suffix(".ZIP")) {
        up.zip_stem.get_or_insert_with(|| stem.to_string());
        for (name, data) in unpack_zip(&bytes, &UnpackLimits::default()).map_err(unpack_error)? {
            if valid_file_name(&name) {
                up.files.retain(|(n, _)| *n != name);
                up.files.push((name, data));
            } else {
                up.skipped.push(name);
            }
        }
        return Ok(());
    }
    if !valid_file_name(&file) {
        return Err(ApiError::bad_request(
            "bad_file_name",
            format!("文件名不合法或类型不支持：{file}（支持 .zip .docx .pdf .txt 和 card.json）"),
        ));
    }
    up.files.retain(|(n, _)| *n != file);
    up.files.push((file, bytes));
    Ok(())
}

/// `POST /api/upload` (multipart: `case`, `files`…) → `{case, documents, findings, errors, refused,
/// skipped, index}`; `index` is what the index update did (only the uploaded case is read: its `files`).
pub async fn upload(
    State(state): State<Arc<AppState>>,
    mp: Result<Multipart, MultipartRejection>,
) -> Result<Json<Value>, ApiError> {
    let max = state.options().max_upload_bytes;
    let mp =
        mp.map_err(|e| ApiError::bad_request("bad_upload", format!("请以 multipart/form-data 上传：{e}")))?;
    let up = read_upload(mp, max).await?;
    let case = up.case.or(up.zip_stem).ok_or_else(|| {
        ApiError::bad_request("missing_case_name", "请填写案件名称（上传 zip 时可用 zip 文件名）")
    })?;
    if !valid_case_name(&case) {
        return Err(ApiError::bad_request(
            "bad_case_name",
            format!("案件名称不合法：{case}（不能含有 / \\ 或 ..，不能以 . 开头，最长 100 字）"),
        ));
    }
    if up.files.is_empty() {
        return Err(ApiError::bad_request(
            "no_files",
            "没有可导入的文件：请选择 .zip，或 .docx / .pdf / .txt 文书和 card.json",
        ));
    }
    let update = state.update_case(case, up.files).await?;
    let analysis = &update.analysis;
    // Files refused (unreadable, a stored one of the same name kept) come first among the errors.
    let errors: Vec<_> = update.refused.iter().chain(&analysis.errors).collect();
    Ok(Json(json!({
        "case": analysis.key,
        "documents": analysis.documents.len(),
        "findings": analysis.findings,
        "errors": errors,
        "refused": update.refused,
        "skipped": up.skipped,
        "index": update.index,
    })))
}
