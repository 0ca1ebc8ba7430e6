//! The web app and JSON API (axum).
//!
//! (Stub: the server is being written.)
