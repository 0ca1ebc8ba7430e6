//! Facet counts — type, charge, year, procuratorate/court — over all matching documents, read
//! from the fast fields.
//!
//! Per segment, a matching document costs one array increment per value: counts are kept in a
//! vector indexed by the column's term ordinal (the year by its offset from the segment's first
//! year), never hashed per document. Only the ordinals that occurred are turned into strings, at
//! the end, in one sorted pass over the column's dictionary; segments are then merged by value.

use std::collections::HashMap;

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentReader};

/// A facet value and how many matching documents have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

/// Facet counts over all matching documents, most frequent first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Facets {
    #[serde(rename = "type")]
    pub doc_type: Vec<FacetCount>,
    pub charge: Vec<FacetCount>,
    pub year: Vec<FacetCount>,
    pub court: Vec<FacetCount>,
}

/// The string fast fields counted, in [`Fruit::strings`] order.
const STRING_FIELDS: [&str; 3] = ["type", "charge", "court"];
/// Years further apart than this in one segment are not counted (dates are validated, so this
/// only bounds the counting vector).
const MAX_YEAR_SPAN: u64 = 10_000;

/// Counts facet values of the matching documents (nothing when not `enabled`).
pub struct FacetCollector {
    pub enabled: bool,
}

/// Counts by value: type, charge, court, then year.
#[derive(Default)]
pub struct Fruit {
    strings: [HashMap<String, u64>; 3],
    year: HashMap<u64, u64>,
}

impl Fruit {
    /// The counts, most frequent first (ties by value).
    pub fn into_facets(self) -> Facets {
        fn sorted(m: HashMap<String, u64>) -> Vec<FacetCount> {
            let mut v: Vec<FacetCount> =
                m.into_iter().map(|(value, count)| FacetCount { value, count }).collect();
            v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            v
        }
        let [doc_type, charge, court] = self.strings;
        Facets {
            doc_type: sorted(doc_type),
            charge: sorted(charge),
            court: sorted(court),
            year: sorted(self.year.into_iter().map(|(y, c)| (y.to_string(), c)).collect()),
        }
    }
}

/// One string column of a segment and its counts by term ordinal.
struct StrCounts {
    column: StrColumn,
    counts: Vec<u32>,
}

/// The year column of a segment and its counts by `year - first`.
struct YearCounts {
    column: Column<u64>,
    first: u64,
    counts: Vec<u32>,
}

/// The counting of one segment.
pub struct SegmentFacets {
    strings: [Option<StrCounts>; 3],
    year: Option<YearCounts>,
}

impl Collector for FacetCollector {
    type Fruit = Fruit;
    type Child = SegmentFacets;

    fn for_segment(&self, _id: u32, reader: &SegmentReader) -> tantivy::Result<SegmentFacets> {
        if !self.enabled {
            return Ok(SegmentFacets { strings: [None, None, None], year: None });
        }
        let ff = reader.fast_fields();
        let mut strings = [None, None, None];
        for (slot, name) in strings.iter_mut().zip(STRING_FIELDS) {
            *slot = ff.str(name)?.map(|column| {
                let counts = vec![0; column.num_terms()];
                StrCounts { column, counts }
            });
        }
        let column = ff.u64("year")?;
        let (first, last) = (column.min_value(), column.max_value());
        let span = last.saturating_sub(first);
        let year = (span < MAX_YEAR_SPAN).then(|| YearCounts {
            column,
            first,
            counts: vec![0; usize::try_from(span + 1).unwrap_or(0)],
        });
        Ok(SegmentFacets { strings, year })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Fruit>) -> tantivy::Result<Fruit> {
        let mut out = Fruit::default();
        for f in fruits {
            for (target, counts) in out.strings.iter_mut().zip(f.strings) {
                for (k, v) in counts {
                    *target.entry(k).or_default() += v;
                }
            }
            for (k, v) in f.year {
                *out.year.entry(k).or_default() += v;
            }
        }
        Ok(out)
    }
}

impl SegmentCollector for SegmentFacets {
    type Fruit = Fruit;

    fn collect(&mut self, doc: DocId, _score: Score) {
        for s in self.strings.iter_mut().flatten() {
            for ord in s.column.term_ords(doc) {
                if let Some(c) = usize::try_from(ord).ok().and_then(|o| s.counts.get_mut(o)) {
                    *c += 1;
                }
            }
        }
        if let Some(y) = &mut self.year
            && let Some(year) = y.column.first(doc)
            && let Some(c) = usize::try_from(year - y.first).ok().and_then(|i| y.counts.get_mut(i))
        {
            *c += 1;
        }
    }

    fn harvest(self) -> Fruit {
        let mut out = Fruit::default();
        for (target, s) in out.strings.iter_mut().zip(self.strings) {
            let Some(s) = s else { continue };
            let ords: Vec<u64> = (0u64..).zip(&s.counts).filter(|(_, n)| **n > 0).map(|(o, _)| o).collect();
            let mut counts = ords.iter().filter_map(|&o| s.counts.get(usize::try_from(o).ok()?));
            // A dictionary that cannot be read gives no names; the counts are then left out.
            let _ = s.column.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
                if let Some(&n) = counts.next() {
                    *target.entry(String::from_utf8_lossy(bytes).into_owned()).or_default() += u64::from(n);
                }
            });
        }
        if let Some(y) = self.year {
            for (year, &n) in (y.first..).zip(&y.counts) {
                if n > 0 {
                    out.year.insert(year, u64::from(n));
                }
            }
        }
        out
    }
}
