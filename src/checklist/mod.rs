//! Legal-element checklists: TOML packs per document type and charge, verdicts with evidence.
//!
//! (Stub: the checklists are being written.)
