//! The front end in `web/`, compiled into the binary so `anguan serve` needs no files beside it
//! and no network (no CDN): `index.html` at `/`, the rest under `/static/`.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

/// (name, content type, contents)
static ASSETS: &[(&str, &str, &str)] = &[
    ("index.html", "text/html; charset=utf-8", include_str!("../../web/index.html")),
    ("app.js", "text/javascript; charset=utf-8", include_str!("../../web/app.js")),
    ("style.css", "text/css; charset=utf-8", include_str!("../../web/style.css")),
    ("openapi.json", "application/json", include_str!("../../web/openapi.json")),
];

/// The response for an asset name, or 404.
pub fn asset(name: &str) -> Response {
    match ASSETS.iter().find(|(n, _, _)| *n == name) {
        Some((_, ctype, body)) => {
            ([(header::CONTENT_TYPE, *ctype), (header::CACHE_CONTROL, "no-cache")], *body).into_response()
        }
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}
