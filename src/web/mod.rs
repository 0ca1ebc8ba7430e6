//! The web app and JSON API (axum).
//!
//! `anguan serve` opens a data folder ([`store`]), fills it from the bundled corpus on first start,
//! builds what every page needs (search index, per-case extraction, checklists and findings) and
//! serves the front end of `web/` ([`assets`]) and the JSON API. Handlers are thin: they validate
//! input, call the library and map failures to one [`error::ApiError`] type.
//!
//! Safety: the server binds to loopback unless a non-loopback address is explicitly allowed;
//! uploads are bounded; zips are unpacked in memory with zip-slip and zip-bomb checks
//! ([`unpack`]); no request path reaches the filesystem without validation ([`store`]).

pub mod analysis;
pub mod api;
pub mod assets;
pub mod error;
pub mod state;
pub mod store;
pub mod unpack;
pub mod upload;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Path};
use axum::response::Response;
use axum::routing::{get, post};

pub use error::ApiError;
pub use state::{AppState, Phase, ServeOptions, StateError};

/// The app: front end, JSON API and OpenAPI document, over shared state.
pub fn router(state: Arc<AppState>) -> Router {
    let body_limit = state.options().max_upload_bytes.saturating_add(upload::MULTIPART_OVERHEAD);
    Router::new()
        .route("/", get(|| async { assets::asset("index.html") }))
        .route("/static/{name}", get(|Path(name): Path<String>| async move { assets::asset(&name) }))
        .route("/api/openapi.json", get(|| async { assets::asset("openapi.json") }))
        .route("/api/search", get(api::search))
        .route("/api/similar", get(api::similar))
        .route("/api/cases", get(api::cases))
        .route("/api/cases/{case}", get(api::case))
        .route("/api/cases/{case}/documents/{file}", get(api::document))
        .route("/api/cases/{case}/findings", get(api::findings))
        .route("/api/audit", get(api::audit))
        .route("/api/audit/export", get(api::export))
        .route("/api/upload", post(upload::upload).layer(DefaultBodyLimit::max(body_limit)))
        .fallback(not_found)
        .with_state(state)
}

async fn not_found() -> Response {
    use axum::response::IntoResponse;
    ApiError::not_found("not_found", "没有这个地址").into_response()
}

/// Why an address may not be served on.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("refusing to listen on {0}: not a loopback address (pass --allow-remote to serve other machines)")]
pub struct NotLoopback(pub SocketAddr);

/// Check the listening address: loopback always, anything else only when explicitly allowed.
pub fn check_bind(addr: SocketAddr, allow_remote: bool) -> Result<(), NotLoopback> {
    if addr.ip().is_loopback() || allow_remote { Ok(()) } else { Err(NotLoopback(addr)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_unless_allowed() {
        assert!(check_bind("127.0.0.1:8080".parse().unwrap(), false).is_ok());
        assert!(check_bind("[::1]:8080".parse().unwrap(), false).is_ok());
        assert!(check_bind("0.0.0.0:8080".parse().unwrap(), false).is_err());
        assert!(check_bind("0.0.0.0:8080".parse().unwrap(), true).is_ok());
    }
}
