//! The search index (tantivy): schema, tokenizers, indexing, the query language, highlighting,
//! facets and similar cases.
//!
//! (Stub: the index is being written.)
