//! Running a query: ranked hits with snippets (spec §5, schema `anguan.hits/1`) and facet counts
//! (type, charge, year, procuratorate/court, see [`super::facets`]) over all matching documents.
//!
//! A query with body clauses runs twice over: once in bound mode for the exact total, the facets
//! and the best candidates ([`super::verified`]), then exactly on those candidates only
//! ([`super::rescore`]).

use std::path::Path;
use std::time::Instant;

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::{DocAddress, Index, IndexReader, ReloadPolicy, Score, TantivyDocument};

use super::facets::{FacetCollector, FacetTables};
pub use super::facets::{FacetCount, Facets};

use super::highlight::{Literal, Snippet, snippets};
use super::schema::Fields;
use super::verified::Mode;
use super::{IndexError, plan, query, rescore, tokenizer, writer};

/// Schema name of search and similar-case results.
pub const HITS_SCHEMA: &str = "anguan.hits/1";

/// How many hits, snippets and whether to count facets.
#[derive(Debug, Clone, Copy)]
pub struct SearchOptions {
    pub limit: usize,
    pub offset: usize,
    /// Snippets per hit (0: none).
    pub snippets: usize,
    pub facets: bool,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions { limit: 10, offset: 0, snippets: 3, facets: true }
    }
}

/// Results (spec §5), with facet counts as an extension.
#[derive(Debug, Clone, Serialize)]
pub struct Hits {
    pub schema: &'static str,
    pub query: String,
    pub total: usize,
    pub took_ms: u64,
    pub hits: Vec<Hit>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets: Option<Facets>,
}

/// One matching document.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub case: String,
    pub file: String,
    #[serde(rename = "type")]
    pub doc_type: Option<String>,
    pub score: f32,
    pub snippets: Vec<Snippet>,
}

/// An open index for searching.
pub struct Searcher {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    facet_tables: std::sync::Arc<FacetTables>,
}

impl Searcher {
    /// Open the index at `path` (error when there is none).
    pub fn open(path: &Path) -> Result<Searcher, IndexError> {
        if !path.join("meta.json").is_file() {
            return Err(IndexError::Missing(path.to_path_buf()));
        }
        let (index, fields) = writer::open_or_create(path)?;
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(Searcher { index, reader, fields, facet_tables: Default::default() })
    }

    /// See the latest commit.
    pub fn reload(&self) -> Result<(), IndexError> {
        self.reader.reload()?;
        self.facet_tables.retain(&self.reader.searcher());
        Ok(())
    }

    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Number of indexed documents.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Run a query string.
    pub fn search(&self, query_text: &str, opts: &SearchOptions) -> Result<Hits, IndexError> {
        let started = Instant::now();
        let node = plan::expand_charge_aliases(query::parse(query_text)?);
        let literals = plan::highlight_literals(&node);
        let exact = plan::build(&self.fields, &node);
        let mut hits = if plan::has_body_clause(&node) {
            let bound = plan::build_in(&self.fields, &node, Mode::Bound);
            self.run_bounded(bound.as_ref(), Some(exact.as_ref()), &literals, opts)?
        } else {
            self.run(exact.as_ref(), &literals, opts)?
        };
        hits.query = query_text.to_string();
        hits.took_ms = started.elapsed().as_millis() as u64;
        Ok(hits)
    }

    /// Rank documents by a natural-language text (no query syntax): an OR of its words, see
    /// [`plan::free_text`].
    pub fn search_text(&self, text: &str, opts: &SearchOptions) -> Result<Hits, IndexError> {
        let started = Instant::now();
        let (q, literals) = plan::free_text(&self.fields, text);
        let mut hits = self.run(q.as_ref(), &literals, opts)?;
        hits.query = text.to_string();
        hits.took_ms = started.elapsed().as_millis() as u64;
        Ok(hits)
    }

    /// Run a tantivy query, highlighting `literals`.
    pub(crate) fn run(
        &self,
        q: &dyn Query,
        literals: &[Literal],
        opts: &SearchOptions,
    ) -> Result<Hits, IndexError> {
        self.run_bounded(q, None, literals, opts)
    }

    /// Run `q` for the total, the facets and the ranking; when `exact` is given, `q` ranks by
    /// upper bounds of `exact`'s scores (same matches) and the hits are ranked by `exact`
    /// ([`rescore::exact_top`]).
    pub(crate) fn run_bounded(
        &self,
        q: &dyn Query,
        exact: Option<&dyn Query>,
        literals: &[Literal],
        opts: &SearchOptions,
    ) -> Result<Hits, IndexError> {
        let searcher = self.reader.searcher();
        let want = opts.offset.saturating_add(opts.limit.max(1));
        let n = if exact.is_some() { rescore::candidates_for(want) } else { want };
        let top = TopDocs::with_limit(n).order_by_score();
        let facets =
            FacetCollector { enabled: opts.facets, tables: std::sync::Arc::clone(&self.facet_tables) };
        let (top, total, facets) = searcher.search(q, &(top, Count, facets))?;
        let top = match exact {
            None => top,
            Some(exact) => {
                let complete = top.len() < n || total <= n;
                match rescore::exact_top(&searcher, exact, &top, want, complete)? {
                    Some(top) => top,
                    None => {
                        rescore::note_fallback();
                        searcher.search(exact, &TopDocs::with_limit(want).order_by_score())?
                    }
                }
            }
        };
        let top: Vec<(Score, DocAddress)> = top.into_iter().skip(opts.offset).collect();
        let mut hits = Vec::with_capacity(top.len());
        for (score, addr) in top.into_iter().take(opts.limit) {
            hits.push(self.hit(&searcher, addr, score, literals, opts.snippets)?);
        }
        Ok(Hits {
            schema: HITS_SCHEMA,
            query: String::new(),
            total,
            took_ms: 0,
            hits,
            facets: opts.facets.then(|| facets.into_facets()),
        })
    }

    fn hit(
        &self,
        searcher: &tantivy::Searcher,
        addr: DocAddress,
        score: Score,
        literals: &[Literal],
        n_snippets: usize,
    ) -> Result<Hit, IndexError> {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let f = &self.fields;
        let text = stored(&doc, f.text).unwrap_or_default();
        Ok(Hit {
            case: stored(&doc, f.case).unwrap_or_default(),
            file: stored(&doc, f.file).unwrap_or_default(),
            doc_type: stored(&doc, f.doc_type),
            score,
            snippets: if n_snippets == 0 { Vec::new() } else { snippets(&text, literals, n_snippets) },
        })
    }

    /// The stored `hash` and `text` of a document by address (for similar cases).
    pub(crate) fn stored_doc(&self, addr: DocAddress) -> Result<TantivyDocument, IndexError> {
        Ok(self.reader.searcher().doc(addr)?)
    }

    pub(crate) fn tantivy_searcher(&self) -> tantivy::Searcher {
        self.reader.searcher()
    }
}

/// The first stored string of a field.
pub(crate) fn stored(doc: &TantivyDocument, field: Field) -> Option<String> {
    use tantivy::schema::Value;
    doc.get_first(field).and_then(|v| v.as_str().map(str::to_string))
}

/// Normalised query literals (for tests and callers that highlight on their own).
pub fn literals_of(query_text: &str) -> Result<Vec<Literal>, IndexError> {
    Ok(plan::highlight_literals(&query::parse(query_text)?))
}

/// Normalised form used by the analyzers (re-exported for callers comparing highlight text).
pub fn normalize(text: &str) -> String {
    tokenizer::normalize(text)
}
