//! Reports: findings → JSON, CSV, XLSX, HTML.
//!
//! (Stub: the report writers are being written.)
