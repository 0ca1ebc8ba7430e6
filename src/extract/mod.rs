//! Legal elements (spec §4): [`crate::ingest::Document`] → [`Element`]s, each with its character
//! span and a normalised value.
//!
//! (Stub: the extractors are being written.)

use serde::{Deserialize, Serialize};

/// One legal element found in a text (spec §4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Element {
    /// `person`, `amount`, `item`, `tool`, `time`, `place`, `organization`, `id_number`, …
    #[serde(rename = "type")]
    pub kind: String,
    /// `suspect`, `victim`, `stolen_money`, `value`, …; absent where the type has no roles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The text as written.
    pub text: String,
    /// Character offsets into the text, end exclusive.
    pub start: usize,
    pub end: usize,
    /// The normalised value (a name, a number in 元, an ISO date, an object …).
    pub value: serde_json::Value,
}

pub mod facts;

pub use facts::{CaseFacts, Extraction, Fact, MeasureFact, PersonFacts, SentenceFact};

/// Extract the elements and facts of a document.
pub fn extract_document(doc: &crate::ingest::Document) -> Extraction {
    extract_text(&doc.text)
}

/// Extract the elements and facts of a plain text (offsets into `text`).
pub fn extract_text(text: &str) -> Extraction {
    let _ = text;
    Extraction::default()
}
