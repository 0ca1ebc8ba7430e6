//! The audit: rules over a card, its documents and their elements → findings (spec §3).
//!
//! (Stub: the rules are being written.)
