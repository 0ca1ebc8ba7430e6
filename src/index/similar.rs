//! Similar cases (类案检索): rank the collection's cases by likeness of their facts.
//!
//! The probe (a document or a text) is reduced to its key terms: the jieba words of its facts
//! section (the whole text when it has none) of at least two characters, weighted by
//! `(1 + ln tf) · idf`, idf taken from the index's own `facts` field (terms the collection never
//! uses carry no evidence and are dropped; terms in more than half of the documents are dropped as
//! boilerplate). The [`MAX_TERMS`] heaviest terms form a weighted OR query on `facts`, and each
//! charge of the probe adds a clause on `charge` as heavy as the heaviest term. Documents are
//! scored by BM25 and each case takes its best document's score; the probe itself (same content
//! hash) is left out.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use tantivy::Term;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;

use super::derive::find_charges;
use super::highlight::Literal;
use super::search::{Hits, SearchOptions, Searcher, stored};
use super::{IndexError, tokenizer};
use crate::ingest::{Document, Format, Limits};

/// What to find similar cases for.
#[derive(Debug, Clone)]
pub struct Probe {
    /// Shown in the results' `query`.
    pub label: String,
    /// The facts section (the whole text when there is none).
    pub facts: String,
    /// The whole text (charges are read from it).
    pub text: String,
    /// Content hash of the probe file, to leave its own case out.
    pub hash: Option<String>,
}

impl Probe {
    /// A probe from a document read elsewhere.
    pub fn from_document(doc: &Document, hash: Option<String>) -> Probe {
        Probe {
            label: doc.file.clone(),
            facts: super::writer::facts_text(doc).to_string(),
            text: doc.text.clone(),
            hash,
        }
    }

    /// A probe from pasted text (its facts section is recognised like a document's).
    pub fn from_text(text: &str) -> Probe {
        let doc = Document::from_text("text", Format::Txt, text.to_string(), 1);
        let mut p = Probe::from_document(&doc, None);
        p.label = text.chars().take(20).collect();
        p
    }

    /// A probe from a document file (DOCX, PDF or TXT).
    pub fn from_file(path: &Path, limits: &Limits) -> Result<Probe, IndexError> {
        let bytes = std::fs::read(path).map_err(|e| IndexError::Input(format!("{}: {e}", path.display())))?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let doc = crate::ingest::read_bytes(&name, &bytes, limits)
            .map_err(|e| IndexError::Input(format!("{}: {e}", path.display())))?;
        Ok(Probe::from_document(&doc, Some(super::writer::content_hash(&bytes))))
    }
}

/// Key terms used per probe.
pub const MAX_TERMS: usize = 30;

/// A key term and its weight.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyTerm {
    pub term: String,
    pub weight: f32,
}

impl Searcher {
    /// The probe's key terms, heaviest first.
    pub fn key_terms(&self, facts: &str) -> Result<Vec<KeyTerm>, IndexError> {
        let searcher = self.tantivy_searcher();
        let n = searcher.num_docs().max(1) as f32;
        let mut tf: HashMap<String, u32> = HashMap::new();
        for t in tokenizer::words(facts) {
            if t.text.chars().count() >= 2 && t.text.chars().any(|c| !c.is_ascii_digit()) {
                *tf.entry(t.text).or_default() += 1;
            }
        }
        let mut out = Vec::new();
        for (term, count) in tf {
            let df = searcher.doc_freq(&Term::from_field_text(self.fields().facts, &term))? as f32;
            if df == 0.0 || df > n * 0.5 {
                continue;
            }
            let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
            out.push(KeyTerm { term, weight: (1.0 + (count as f32).ln()) * idf });
        }
        out.sort_by(|a, b| b.weight.total_cmp(&a.weight).then_with(|| a.term.cmp(&b.term)));
        out.truncate(MAX_TERMS);
        Ok(out)
    }

    /// Cases similar to a probe, best first; the probe's own case (a case holding a file with the
    /// probe's content hash) is left out.
    pub fn similar(&self, probe: &Probe, opts: &SearchOptions) -> Result<Hits, IndexError> {
        let started = std::time::Instant::now();
        let f = *self.fields();
        let terms = self.key_terms(&probe.facts)?;
        let top_weight = terms.first().map_or(1.0, |t| t.weight);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = terms
            .iter()
            .map(|t| {
                let q = TermQuery::new(Term::from_field_text(f.facts, &t.term), IndexRecordOption::WithFreqs);
                (Occur::Should, Box::new(BoostQuery::new(Box::new(q), t.weight)) as Box<dyn Query>)
            })
            .collect();
        for charge in find_charges(&probe.text) {
            let q = TermQuery::new(Term::from_field_text(f.charge, &charge), IndexRecordOption::Basic);
            clauses.push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), top_weight))));
        }
        let literals: Vec<Literal> = terms.iter().take(10).map(|t| Literal::new(t.term.as_str())).collect();
        let mut result = Hits {
            schema: super::search::HITS_SCHEMA,
            query: format!("similar: {}", probe.label),
            total: 0,
            took_ms: 0,
            hits: Vec::new(),
            facets: None,
        };
        if clauses.is_empty() {
            return Ok(result);
        }
        let own = match &probe.hash {
            Some(h) => self.cases_with_hash(h)?,
            None => HashSet::new(),
        };
        // Enough documents to fill the page with distinct cases when cases hold several documents.
        let wide = SearchOptions {
            limit: (opts.limit + opts.offset + own.len()) * 8,
            offset: 0,
            snippets: 0,
            facets: false,
        };
        let docs = self.run(&BooleanQuery::new(clauses), &literals, &wide)?;
        let mut seen = HashSet::new();
        let mut ranked = Vec::new();
        for hit in docs.hits {
            if !own.contains(&hit.case) && seen.insert(hit.case.clone()) {
                ranked.push(hit);
            }
        }
        result.total = ranked.len();
        result.hits = ranked.into_iter().skip(opts.offset).take(opts.limit).collect();
        for hit in &mut result.hits {
            if opts.snippets > 0
                && let Some(text) = self.text_of(&hit.case, &hit.file)?
            {
                hit.snippets = super::highlight::snippets(&text, &literals, opts.snippets);
            }
        }
        result.took_ms = started.elapsed().as_millis() as u64;
        Ok(result)
    }

    fn cases_with_hash(&self, hash: &str) -> Result<HashSet<String>, IndexError> {
        let searcher = self.tantivy_searcher();
        let q = TermQuery::new(Term::from_field_text(self.fields().hash, hash), IndexRecordOption::Basic);
        let top = searcher.search(&q, &tantivy::collector::TopDocs::with_limit(100).order_by_score())?;
        let mut out = HashSet::new();
        for (_, addr) in top {
            out.extend(stored(&self.stored_doc(addr)?, self.fields().case));
        }
        Ok(out)
    }

    fn lookup(&self, case: &str, file: &str) -> Result<Option<tantivy::TantivyDocument>, IndexError> {
        let searcher = self.tantivy_searcher();
        let key = Term::from_field_text(self.fields().key, &format!("{case}/{file}"));
        let top = searcher.search(
            &TermQuery::new(key, IndexRecordOption::Basic),
            &tantivy::collector::TopDocs::with_limit(1).order_by_score(),
        )?;
        match top.first() {
            Some((_, addr)) => Ok(Some(self.stored_doc(*addr)?)),
            None => Ok(None),
        }
    }

    fn text_of(&self, case: &str, file: &str) -> Result<Option<String>, IndexError> {
        Ok(self.lookup(case, file)?.and_then(|d| stored(&d, self.fields().text)))
    }
}
