//! The search index (tantivy): schema, analyzers, incremental indexing, the query language,
//! highlighting, facets and similar cases.
//!
//! * [`tokenizer`] — the word (jieba) and character-bigram analyzers, shared by index and query;
//! * [`schema`] — fields; the body is indexed twice (words with positions, bigrams with
//!   positions) and stored once;
//! * [`derive`] — charges, court and date for filters and facets (one swappable function);
//! * [`writer`] — build/update from case folders by content hash, with an atomic manifest;
//! * [`query`] — the reviewer's query language → [`query::Node`]; [`plan`] → tantivy query;
//! * [`verified`] — one body clause over both fields that finds its matches with few position
//!   reads (bound scores), [`rescore`] — the exact top hits from bound-ranked candidates;
//! * [`highlight`] — snippets with character-offset highlights (spec §5);
//! * [`search`] — run a query: hits (spec §5 `anguan.hits/1`) and facet counts ([`facets`]);
//! * [`similar`] — similar cases (类案检索) by the key terms of the facts and the charges.

pub mod derive;
pub mod facets;
pub mod highlight;
pub mod plan;
pub mod query;
pub mod rescore;
pub mod schema;
pub mod search;
pub mod similar;
pub mod tokenizer;
pub mod verified;
pub mod writer;

use std::path::PathBuf;

pub use query::QueryError;
pub use search::{Facets, Hit, Hits, SearchOptions, Searcher};
pub use writer::{IndexOptions, IndexSummary, Indexer, update};

/// Why an index operation failed.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("index folder: {0}")]
    Directory(#[from] tantivy::directory::error::OpenDirectoryError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{0} is not an anguan index (its schema lacks anguan's fields); choose another folder")]
    NotAnIndex(PathBuf),
    #[error("no index at {0}: build one with `anguan index DIR... --index {0}`")]
    Missing(PathBuf),
    #[error("index manifest unreadable: {0}")]
    Manifest(String),
    #[error("{0}")]
    Input(String),
    #[error(transparent)]
    Query(#[from] QueryError),
}
