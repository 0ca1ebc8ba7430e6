//! A body clause over both body fields, [`BodyClause`]: a document matches when the *word side*
//! (one jieba word, or words in order, on `words`; boosted by [`super::plan::WORD_BOOST`]) or
//! the *character side* (a bigram phrase on `bigrams`) occurs in it, and it scores the sum of
//! both sides' BM25 — exactly what a tantivy `BooleanQuery` of a `TermQuery`/`PhraseQuery` per
//! side gives (same match set, same `f32` scores), but with two ways to find the documents:
//!
//! * [`Mode::Exact`]: every side is checked as tantivy would (positions read for each phrase of
//!   every candidate document): exact scores;
//! * [`Mode::Bound`]: the same match set, with an *upper bound* of the score and far fewer
//!   position reads. A document where the word side occurs matches without looking at the
//!   character side's positions (every occurrence of a word is also an occurrence of its
//!   characters, so on real text the character phrase is then almost always there too); the
//!   character side then counts as if its phrase occurred as often as its rarest pair does in the
//!   document (a count never below the true one). Only documents without the word read the
//!   pairs' positions — for 被告人 (in every document as a word) no position is read at all.
//!   An *optional* clause (ranking only, beside required clauses, so it never decides a match)
//!   reads no positions in this mode.
//!
//! Counts and facets come from a bound-mode run (its match set is exact); the top hits come from
//! re-scoring the best bound-ranked candidates exactly ([`super::rescore`]): BM25 grows with the
//! count, so a bound is never below the exact score.

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25Weight, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, Term};

/// How a [`BodyClause`] scores (the match set is the same in both).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// tantivy's scores, positions read wherever tantivy reads them.
    Exact,
    /// An upper bound of the exact score, positions read only where the match needs them.
    Bound,
}

/// One side: terms with their positions in the phrase (one term: a term query, no positions).
#[derive(Debug, Clone)]
pub struct Side {
    pub terms: Vec<(usize, Term)>,
    pub boost: Score,
}

impl Side {
    /// The terms in order, at positions 0, 1, 2, …
    pub fn consecutive(terms: impl IntoIterator<Item = Term>, boost: Score) -> Side {
        Side { terms: terms.into_iter().enumerate().collect(), boost }
    }
}

/// The word side OR the character side (see the module documentation).
#[derive(Debug, Clone)]
pub struct BodyClause {
    pub word: Side,
    pub chars: Side,
    pub mode: Mode,
    /// Only ranks (a `Should` beside `Must` clauses): in [`Mode::Bound`] its match set may be
    /// larger (no positions are checked), which cannot change the enclosing query's matches.
    pub optional: bool,
}

impl Query for BodyClause {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let side = |s: &Side| -> tantivy::Result<SideWeight> {
            let mut terms: Vec<(usize, Term)> = s.terms.clone();
            terms.sort_by_key(|(p, _)| *p);
            let last = terms.last().map_or(0, |(p, _)| *p);
            let bm25 = match scoring {
                EnableScoring::Enabled { statistics_provider, .. } if !terms.is_empty() => {
                    let plain: Vec<Term> = terms.iter().map(|(_, t)| t.clone()).collect();
                    Some(Bm25Weight::for_terms(statistics_provider, &plain)?)
                }
                _ => None,
            };
            let terms =
                terms.into_iter().map(|(p, t)| (u32::try_from(last - p).unwrap_or(u32::MAX), t)).collect();
            Ok(SideWeight { terms, bm25, boost: s.boost })
        };
        Ok(Box::new(BodyWeight {
            word: side(&self.word)?,
            chars: side(&self.chars)?,
            mode: self.mode,
            optional: self.optional,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for (_, t) in self.word.terms.iter().chain(&self.chars.terms) {
            visitor(t, true);
        }
    }
}

struct SideWeight {
    /// Terms with their offset from the phrase's last position (what tantivy aligns on).
    terms: Vec<(u32, Term)>,
    bm25: Option<Bm25Weight>,
    boost: Score,
}

impl SideWeight {
    /// The side's cursor in a segment (`None`: a term is absent, the side never matches).
    fn open(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Option<Conj>> {
        let Some((_, first)) = self.terms.first() else { return Ok(None) };
        let option = if self.terms.len() == 1 {
            IndexRecordOption::WithFreqs
        } else {
            IndexRecordOption::WithFreqsAndPositions
        };
        let inverted = reader.inverted_index(first.field())?;
        let mut postings = Vec::with_capacity(self.terms.len());
        for (offset, term) in &self.terms {
            match inverted.read_postings(term, option)? {
                Some(p) => postings.push((*offset, p)),
                None => return Ok(None),
            }
        }
        // The rarest term drives the intersection.
        postings.sort_by_key(|(_, p)| p.doc_freq());
        let fieldnorms = match reader.fieldnorms_readers().get_field(first.field())? {
            Some(f) => f,
            None => FieldNormReader::constant(reader.max_doc(), 1),
        };
        let bm25 = self.bm25.as_ref().map(|w| w.boost_by(boost * self.boost));
        let mut conj = Conj { postings, bm25, fieldnorms };
        conj.align();
        Ok(Some(conj))
    }
}

struct BodyWeight {
    word: SideWeight,
    chars: SideWeight,
    mode: Mode,
    optional: bool,
}

impl Weight for BodyWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let (word, chars) = (self.word.open(reader, boost)?, self.chars.open(reader, boost)?);
        let cost = [&word, &chars].into_iter().flatten().map(|c| c.cost(reader.max_doc())).sum();
        let mut scorer = BodyScorer {
            word,
            chars,
            cost,
            bound: self.mode == Mode::Bound,
            optional: self.optional,
            doc: 0,
            score: 0.0,
            left: Vec::new(),
            right: Vec::new(),
            order: Vec::new(),
        };
        scorer.settle();
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.doc() > doc || scorer.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!("document {doc} does not match")));
        }
        Ok(Explanation::new("word side + character side (BM25 sum)", scorer.score()))
    }
}

/// The documents holding every term of a side, with the side's phrase count.
struct Conj {
    postings: Vec<(u32, SegmentPostings)>,
    bm25: Option<Bm25Weight>,
    fieldnorms: FieldNormReader,
}

impl Conj {
    fn doc(&self) -> DocId {
        self.postings.first().map_or(TERMINATED, |(_, p)| p.doc())
    }

    /// Move every cursor to the first document ≥ the driver's that all hold.
    fn align(&mut self) -> DocId {
        let mut target = self.doc();
        'outer: while target != TERMINATED {
            for (_, p) in self.postings.iter_mut() {
                let d = if p.doc() < target { p.seek(target) } else { p.doc() };
                if d > target {
                    target = d;
                    continue 'outer;
                }
            }
            return target;
        }
        if let Some((_, p)) = self.postings.first_mut()
            && p.doc() != TERMINATED
        {
            p.seek(TERMINATED);
        }
        TERMINATED
    }

    fn advance(&mut self) -> DocId {
        if let Some((_, p)) = self.postings.first_mut() {
            p.advance();
        }
        self.align()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if let Some((_, p)) = self.postings.first_mut()
            && p.doc() < target
        {
            p.seek(target);
        }
        self.align()
    }

    /// Occurrences of the phrase in the current document, from positions (a single term: its
    /// frequency).
    fn count(&mut self, left: &mut Vec<u32>, right: &mut Vec<u32>) -> u32 {
        let mut it = self.postings.iter_mut();
        let Some((offset, first)) = it.next() else { return 0 };
        if it.len() == 0 {
            return first.term_freq();
        }
        first.positions_with_offset(*offset, left);
        for (offset, p) in it {
            if left.is_empty() {
                return 0;
            }
            p.positions_with_offset(*offset, right);
            intersect(left, right);
        }
        u32::try_from(left.len()).unwrap_or(u32::MAX)
    }

    /// Whether the phrase occurs in the current document: the terms' positions, rarest in the
    /// document first, stopping at the first occurrence (`order`: a reused buffer).
    fn occurs(&mut self, left: &mut Vec<u32>, right: &mut Vec<u32>, order: &mut Vec<usize>) -> bool {
        if self.postings.len() < 2 {
            return !self.postings.is_empty();
        }
        order.clear();
        order.extend(0..self.postings.len());
        order.sort_by_key(|&i| self.postings.get(i).map_or(0, |(_, p)| p.term_freq()));
        let Some((&last, rest)) = order.split_last() else { return false };
        for (k, &i) in rest.iter().enumerate() {
            let Some((offset, p)) = self.postings.get_mut(i) else { return false };
            if k == 0 {
                p.positions_with_offset(*offset, left);
            } else {
                p.positions_with_offset(*offset, right);
                intersect(left, right);
            }
            if left.is_empty() {
                return false;
            }
        }
        let Some((offset, p)) = self.postings.get_mut(last) else { return false };
        p.positions_with_offset(*offset, right);
        any_common(left, right)
    }

    /// Positions to read in the current document to check the phrase (none for one term).
    fn positions_cost(&self) -> u64 {
        if self.postings.len() < 2 {
            return 0;
        }
        self.postings.iter().map(|(_, p)| u64::from(p.term_freq())).sum()
    }

    /// A count never below [`Conj::count`], without positions: the rarest term's frequency.
    fn count_bound(&self) -> u32 {
        self.postings.iter().map(|(_, p)| p.term_freq()).min().unwrap_or(0)
    }

    fn score(&self, doc: DocId, count: u32) -> Score {
        match &self.bm25 {
            Some(w) => w.score(self.fieldnorms.fieldnorm_id(doc), count),
            None => 1.0,
        }
    }

    fn size_hint(&self) -> u32 {
        self.postings.iter().map(|(_, p)| p.size_hint()).min().unwrap_or(0)
    }

    /// tantivy's cost of the query this side replaces (a `TermScorer`: its document frequency; a
    /// `PhraseScorer`: 10 × terms × the estimated intersection), 0 when it has no document: the
    /// enclosing intersections then order (and so sum) their clauses as before, to the last bit.
    fn cost(&self, max_doc: u32) -> u64 {
        if self.doc() == TERMINATED {
            return 0;
        }
        let mut sizes: Vec<u32> = self.postings.iter().map(|(_, p)| p.size_hint()).collect();
        if let [only] = sizes.as_slice() {
            return u64::from(*only);
        }
        sizes.sort_unstable();
        estimate_intersection(&sizes, max_doc) * 10 * sizes.len() as u64
    }
}

/// tantivy's estimate of an intersection's size (`query::size_hint::estimate_intersection`,
/// private there), from the sizes in ascending order.
fn estimate_intersection(sizes: &[u32], max_docs: u32) -> u64 {
    let Some((&first, rest)) = sizes.split_first() else { return 0 };
    if max_docs == 0 {
        return 0;
    }
    let mut co_loc_factor: f64 = 1.3;
    let mut estimate = f64::from(first);
    let mut smallest = estimate;
    for &size in rest {
        co_loc_factor = (co_loc_factor - 0.1).max(1.0);
        estimate *= (f64::from(size) / f64::from(max_docs)) * co_loc_factor;
        smallest = smallest.min(f64::from(size));
    }
    estimate.round().min(smallest) as u64
}

/// Whether two sorted lists share a value.
fn any_common(left: &[u32], right: &[u32]) -> bool {
    let (mut i, mut j) = (0, 0);
    while let (Some(&a), Some(&b)) = (left.get(i), right.get(j)) {
        match a.cmp(&b) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// Keep in `left` the values also in `right` (both sorted).
fn intersect(left: &mut Vec<u32>, right: &[u32]) {
    let (mut i, mut j, mut kept) = (0, 0, 0);
    while let (Some(&a), Some(&b)) = (left.get(i), right.get(j)) {
        match a.cmp(&b) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                if let Some(slot) = left.get_mut(kept) {
                    *slot = a;
                }
                kept += 1;
                i += 1;
                j += 1;
            }
        }
    }
    left.truncate(kept);
}

struct BodyScorer {
    word: Option<Conj>,
    chars: Option<Conj>,
    cost: u64,
    bound: bool,
    optional: bool,
    doc: DocId,
    score: Score,
    left: Vec<u32>,
    right: Vec<u32>,
    order: Vec<usize>,
}

fn doc_of(c: &Option<Conj>) -> DocId {
    c.as_ref().map_or(TERMINATED, Conj::doc)
}

impl BodyScorer {
    /// Stop at the first candidate from the current cursors that matches.
    fn settle(&mut self) -> DocId {
        loop {
            let d = doc_of(&self.word).min(doc_of(&self.chars));
            self.doc = d;
            if d == TERMINATED || self.evaluate(d) {
                return d;
            }
            self.step_past(d);
        }
    }

    /// Advance the cursors standing on `d`.
    fn step_past(&mut self, d: DocId) {
        for c in [&mut self.word, &mut self.chars].into_iter().flatten() {
            if c.doc() == d {
                c.advance();
            }
        }
    }

    /// Whether `d` (where a cursor stands) matches; sets the score.
    fn evaluate(&mut self, d: DocId) -> bool {
        let (word_count, chars_count) = if self.bound { self.bound_counts(d) } else { self.exact_counts(d) };
        let word_score = self.word.as_ref().filter(|_| word_count > 0).map(|w| w.score(d, word_count));
        let chars_score = self.chars.as_ref().filter(|_| chars_count > 0).map(|c| c.score(d, chars_count));
        self.score = match (word_score, chars_score) {
            (Some(a), Some(b)) => a + b,
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => return false,
        };
        true
    }
}

impl BodyScorer {
    /// Both sides' phrase counts at `d` from positions (0: absent).
    fn exact_counts(&mut self, d: DocId) -> (u32, u32) {
        let (left, right) = (&mut self.left, &mut self.right);
        let word = self.word.as_mut().filter(|w| w.doc() == d).map_or(0, |w| w.count(left, right));
        let chars = self.chars.as_mut().filter(|c| c.doc() == d).map_or(0, |c| c.count(left, right));
        (word, chars)
    }

    /// Counts never below the exact ones, for the same match: positions are read only to decide
    /// whether the document matches, the side with fewer positions in the document first; once one
    /// side occurs, the other is not read (an optional clause reads none).
    fn bound_counts(&mut self, d: DocId) -> (u32, u32) {
        let word = self.word.as_mut().filter(|w| w.doc() == d);
        let chars = self.chars.as_mut().filter(|c| c.doc() == d);
        if self.optional {
            return (word.map_or(0, |w| w.count_bound()), chars.map_or(0, |c| c.count_bound()));
        }
        let word_first = match (&word, &chars) {
            (Some(w), Some(c)) => w.positions_cost() <= c.positions_cost(),
            _ => true,
        };
        let (first, second) = if word_first { (word, chars) } else { (chars, word) };
        let (left, right, order) = (&mut self.left, &mut self.right, &mut self.order);
        let mut checked = |c: Option<&mut Conj>| -> u32 {
            let Some(c) = c else { return 0 };
            if c.occurs(left, right, order) { c.count_bound() } else { 0 }
        };
        let first_n = checked(first);
        let second_n = match second {
            // The match is proven: the other side is only bounded.
            Some(s) if first_n > 0 => s.count_bound(),
            s => checked(s),
        };
        if word_first { (first_n, second_n) } else { (second_n, first_n) }
    }
}

impl DocSet for BodyScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        self.step_past(self.doc);
        self.settle()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if target <= self.doc {
            return self.doc;
        }
        for c in [&mut self.word, &mut self.chars].into_iter().flatten() {
            if c.doc() < target {
                c.seek(target);
            }
        }
        self.settle()
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        let w = self.word.as_ref().map_or(0, Conj::size_hint);
        let c = self.chars.as_ref().map_or(0, Conj::size_hint);
        w.max(c)
    }

    fn cost(&self) -> u64 {
        self.cost
    }
}

impl Scorer for BodyScorer {
    fn score(&mut self) -> Score {
        self.score
    }
}
