//! Facet counts — type, charge, year, procuratorate/court — over all matching documents, read
//! from the fast fields.
//!
//! Per segment, a matching document costs a few array reads and one increment per value: its
//! values are read from a table built once per segment ([`FacetTables`], kept by the
//! [`super::Searcher`]), and counts are kept in a vector indexed by the column's term ordinal (the
//! year by its offset from the segment's first year), never hashed per document. Only the
//! ordinals that occurred are turned into strings, at the end, in one sorted pass over the
//! column's dictionary; segments are then merged by value.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::index::SegmentId;
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

/// Counts facet values of the matching documents (nothing when not `enabled`), from the
/// searcher's [`FacetTables`].
pub struct FacetCollector {
    pub enabled: bool,
    pub tables: Arc<FacetTables>,
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

/// Each segment's facet values per document, read from the columns once (on the first query
/// that counts facets there) and kept while the segment is searched: counting a matching
/// document is then a few array reads, where the columns cost a lookup in their row index.
#[derive(Default)]
pub struct FacetTables {
    by_segment: Mutex<HashMap<SegmentId, Arc<SegmentTable>>>,
}

impl FacetTables {
    fn get(&self, reader: &SegmentReader) -> tantivy::Result<Arc<SegmentTable>> {
        let id = reader.segment_id();
        if let Some(t) = self.lock().get(&id) {
            return Ok(Arc::clone(t));
        }
        let table = Arc::new(SegmentTable::read(reader)?);
        self.lock().insert(id, Arc::clone(&table));
        Ok(table)
    }

    /// Forget the tables of segments `searcher` no longer has (after a reload).
    pub fn retain(&self, searcher: &tantivy::Searcher) {
        let live: Vec<SegmentId> = searcher.segment_readers().iter().map(|r| r.segment_id()).collect();
        self.lock().retain(|id, _| live.contains(id));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<SegmentId, Arc<SegmentTable>>> {
        // A panic elsewhere while holding the lock leaves a usable map (tables are immutable).
        self.by_segment.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// One string column of a segment: the term ordinals of document `d` are
/// `ords[starts[d]..starts[d + 1]]`.
struct StrTable {
    column: StrColumn,
    starts: Vec<u32>,
    ords: Vec<u32>,
}

/// The year column of a segment: `year - first` per document (`u32::MAX`: none).
struct YearTable {
    first: u64,
    span: usize,
    of_doc: Vec<u32>,
}

/// The facet values of one segment's documents.
struct SegmentTable {
    strings: [Option<StrTable>; 3],
    year: Option<YearTable>,
}

impl SegmentTable {
    fn read(reader: &SegmentReader) -> tantivy::Result<SegmentTable> {
        let ff = reader.fast_fields();
        let max_doc = reader.max_doc();
        let mut strings = [None, None, None];
        for (slot, name) in strings.iter_mut().zip(STRING_FIELDS) {
            let Some(column) = ff.str(name)? else { continue };
            let mut starts = Vec::with_capacity(max_doc as usize + 1);
            let mut ords = Vec::with_capacity(max_doc as usize);
            starts.push(0);
            for doc in 0..max_doc {
                ords.extend(column.term_ords(doc).filter_map(|o| u32::try_from(o).ok()));
                starts.push(u32::try_from(ords.len()).unwrap_or(u32::MAX));
            }
            *slot = Some(StrTable { column, starts, ords });
        }
        let column: Column<u64> = ff.u64("year")?;
        let (first, last) = (column.min_value(), column.max_value());
        let span = last.saturating_sub(first);
        let year = (span < MAX_YEAR_SPAN).then(|| YearTable {
            first,
            span: usize::try_from(span + 1).unwrap_or(0),
            of_doc: (0..max_doc)
                .map(|d| column.first(d).and_then(|y| u32::try_from(y - first).ok()).unwrap_or(u32::MAX))
                .collect(),
        });
        Ok(SegmentTable { strings, year })
    }
}

/// The counting of one segment: counts by term ordinal and by year offset.
pub struct SegmentFacets {
    table: Option<Arc<SegmentTable>>,
    strings: [Vec<u32>; 3],
    year: Vec<u32>,
}

impl Collector for FacetCollector {
    type Fruit = Fruit;
    type Child = SegmentFacets;

    fn for_segment(&self, _id: u32, reader: &SegmentReader) -> tantivy::Result<SegmentFacets> {
        if !self.enabled {
            return Ok(SegmentFacets { table: None, strings: Default::default(), year: Vec::new() });
        }
        let table = self.tables.get(reader)?;
        let strings = std::array::from_fn(|i| {
            table.strings.get(i).and_then(Option::as_ref).map_or(0, |t| t.column.num_terms())
        })
        .map(|n| vec![0; n]);
        let year = vec![0; table.year.as_ref().map_or(0, |y| y.span)];
        Ok(SegmentFacets { table: Some(table), strings, year })
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
        let Some(table) = &self.table else { return };
        let d = doc as usize;
        for (t, counts) in table.strings.iter().zip(self.strings.iter_mut()) {
            let Some(t) = t else { continue };
            let (Some(&s), Some(&e)) = (t.starts.get(d), t.starts.get(d + 1)) else { continue };
            for &ord in t.ords.get(s as usize..e as usize).unwrap_or_default() {
                if let Some(c) = counts.get_mut(ord as usize) {
                    *c += 1;
                }
            }
        }
        if let Some(y) = &table.year
            && let Some(&i) = y.of_doc.get(d)
            && let Some(c) = self.year.get_mut(i as usize)
        {
            *c += 1;
        }
    }

    fn harvest(self) -> Fruit {
        let mut out = Fruit::default();
        let Some(table) = self.table else { return out };
        for ((target, t), counts) in out.strings.iter_mut().zip(&table.strings).zip(self.strings) {
            let Some(t) = t else { continue };
            let ords: Vec<u64> = (0u64..).zip(&counts).filter(|(_, n)| **n > 0).map(|(o, _)| o).collect();
            let mut found = ords.iter().filter_map(|&o| counts.get(usize::try_from(o).ok()?));
            // A dictionary that cannot be read gives no names; the counts are then left out.
            let _ = t.column.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
                if let Some(&n) = found.next() {
                    *target.entry(String::from_utf8_lossy(bytes).into_owned()).or_default() += u64::from(n);
                }
            });
        }
        if let Some(y) = &table.year {
            for (year, &n) in (y.first..).zip(&self.year) {
                if n > 0 {
                    out.year.insert(year, u64::from(n));
                }
            }
        }
        out
    }
}
