//! The exact top hits from a run ranked by upper bounds ([`super::verified::Mode::Bound`]).
//!
//! The bound run gives the exact match set (totals and facets) and, per document, a score never
//! below its exact score. Its best `n` candidates are scored exactly (positions read for those
//! few documents only). When the `want`-th best exact score is above the lowest candidate bound,
//! no document outside the candidates can reach the top (its exact score ≤ its bound ≤ that
//! lowest bound), so the exact top `want` — ties by ascending address, as tantivy's `TopDocs` —
//! is known. Otherwise the caller falls back to a full exact ranking (counted, see
//! [`fallbacks`]).

use std::sync::atomic::{AtomicUsize, Ordering};

use tantivy::query::{EnableScoring, Query};
use tantivy::{DocAddress, DocSet, Score, Searcher};

/// Candidates taken from the bound run: this many times the hits wanted, at least [`MIN_CANDIDATES`].
pub const CANDIDATE_FACTOR: usize = 4;
pub const MIN_CANDIDATES: usize = 64;

static FALLBACKS: AtomicUsize = AtomicUsize::new(0);

/// How many rankings of this process needed the full exact run (for `anguan bench search`).
pub fn fallbacks() -> usize {
    FALLBACKS.load(Ordering::Relaxed)
}

pub(crate) fn note_fallback() {
    FALLBACKS.fetch_add(1, Ordering::Relaxed);
}

/// How many candidates to take from the bound run for `want` hits.
pub fn candidates_for(want: usize) -> usize {
    want.saturating_mul(CANDIDATE_FACTOR).max(MIN_CANDIDATES)
}

/// The exact top `want` of `candidates` (the best of the bound run, best first; `complete` when
/// they are all the matching documents), or `None` when the candidates cannot prove it.
pub fn exact_top(
    searcher: &Searcher,
    exact: &dyn Query,
    candidates: &[(Score, DocAddress)],
    want: usize,
    complete: bool,
) -> tantivy::Result<Option<Vec<(Score, DocAddress)>>> {
    let weight = exact.weight(EnableScoring::enabled_from_searcher(searcher))?;
    let mut by_doc: Vec<DocAddress> = candidates.iter().map(|(_, a)| *a).collect();
    by_doc.sort();
    let mut scored: Vec<(Score, DocAddress)> = Vec::with_capacity(by_doc.len());
    let mut i = 0;
    while let Some(first) = by_doc.get(i) {
        let segment = first.segment_ord;
        let mut scorer = weight.scorer(searcher.segment_reader(segment), 1.0)?;
        while let Some(addr) = by_doc.get(i).filter(|a| a.segment_ord == segment) {
            let doc = if scorer.doc() < addr.doc_id { scorer.seek(addr.doc_id) } else { scorer.doc() };
            if doc != addr.doc_id {
                // Not in the exact query's match set: the two runs disagree; rank exactly instead.
                return Ok(None);
            }
            scored.push((scorer.score(), *addr));
            i += 1;
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    if !complete {
        let lowest_bound = candidates.last().map_or(Score::NEG_INFINITY, |c| c.0);
        match scored.get(want.saturating_sub(1)) {
            Some((kth, _)) if want > 0 && *kth > lowest_bound => {}
            _ => return Ok(None),
        }
    }
    scored.truncate(want);
    Ok(Some(scored))
}
