//! Building and updating an index from case folders, incrementally by content hash.
//!
//! The index folder holds tantivy's files and `anguan-manifest.json`: for every indexed
//! `case/file`, the SHA-256 of its bytes. An update walks the case folders, hashes every document
//! file, re-reads only new and changed files (delete by `key`, then add) and deletes files that
//! are gone, then commits. The manifest is written after the commit, atomically (temporary file +
//! rename). A run interrupted before its commit leaves the last committed index and manifest
//! untouched and searchable; one interrupted between commit and manifest only causes the changed
//! files to be re-read (delete-then-add is idempotent).
//!
//! The index mirrors the folders of the last update: files of folders not named again count as
//! removed.
//!
//! A build into an index that held no document when opened adds without deleting: a key is then
//! in no segment unless this update added it already (tracked), whatever the manifest says. This
//! spares tantivy a delete per document, each looked up in every new segment. jieba's dictionary
//! is loaded on a thread of its own at open, beside the file walk.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tantivy::tokenizer::Tokenizer;
use tantivy::{Index, IndexWriter, TantivyDocument, Term};

use super::derive::derive;
use super::schema::{self, Fields};
use super::{IndexError, tokenizer};
use crate::ingest::collection::{self, FileError};
use crate::ingest::{Document, Limits, SectionKind};

/// Name of the manifest inside the index folder.
pub const MANIFEST: &str = "anguan-manifest.json";
const MANIFEST_SCHEMA: &str = "anguan.index-manifest/1";
/// Version of the analyzers' output, kept in the manifest. When an index was built by other
/// analyzers, every file counts as changed and is indexed again by the next update (2: bigram
/// positions are character indices, so a phrase never runs on across punctuation).
const ANALYZERS: &str = "2";

/// Default of [`IndexOptions::in_flight_per_thread`]: a few hundred milliseconds of work.
const IN_FLIGHT_PER_THREAD: usize = 64;

/// How to index.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Indexing threads (tantivy's writer threads; tokenisation runs there).
    pub threads: usize,
    /// Total writer memory budget in bytes.
    pub heap_bytes: usize,
    /// Documents handed to the writer but not yet being tokenised, at most, per thread. tantivy's
    /// own queue holds up to 10,000 (three copies of each text); when reading outpaces indexing
    /// the update waits instead. 0: tantivy's queue alone.
    pub in_flight_per_thread: usize,
    pub limits: Limits,
}

impl Default for IndexOptions {
    fn default() -> Self {
        let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).min(4);
        IndexOptions {
            threads,
            heap_bytes: 64 * 1024 * 1024 * threads,
            in_flight_per_thread: IN_FLIGHT_PER_THREAD,
            limits: Limits::default(),
        }
    }
}

/// What an update did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IndexSummary {
    pub cases: usize,
    pub files: usize,
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
    pub unchanged: usize,
    /// Files whose new content could not be read; their earlier version stays indexed.
    pub kept: usize,
    /// Characters and bytes of text newly indexed.
    pub chars: usize,
    pub text_bytes: usize,
    pub errors: Vec<FileError>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Manifest {
    schema: String,
    /// [`ANALYZERS`] of the update that wrote it (absent in indexes of the first version).
    #[serde(default)]
    analyzers: String,
    /// `case/file` → SHA-256 (hex) of the file's bytes.
    files: BTreeMap<String, String>,
}

/// Open an index folder, or create it (and the folder) when it holds no index.
pub fn open_or_create(path: &Path) -> Result<(Index, Fields), IndexError> {
    std::fs::create_dir_all(path)?;
    let index = if path.join("meta.json").is_file() {
        Index::open_in_dir(path)?
    } else {
        Index::create_in_dir(path, schema::build().0)?
    };
    let fields =
        schema::fields_of(&index.schema()).ok_or_else(|| IndexError::NotAnIndex(path.to_path_buf()))?;
    tokenizer::register(&index);
    Ok((index, fields))
}

/// The tantivy document for one case document.
pub fn tantivy_doc(fields: &Fields, case: &str, hash: &str, doc: &Document) -> TantivyDocument {
    let f = fields;
    let mut d = TantivyDocument::default();
    d.add_text(f.key, format!("{case}/{}", doc.file));
    d.add_text(f.case, case);
    d.add_text(f.file, &doc.file);
    d.add_text(f.hash, hash);
    if let Some(t) = doc.doc_type {
        d.add_text(f.doc_type, t.name());
    }
    if let Some(n) = &doc.doc_number {
        d.add_text(f.doc_number, &n.text);
    }
    let derived = derive(&doc.text);
    for c in &derived.charges {
        d.add_text(f.charge, c);
    }
    if let Some(court) = &derived.court {
        d.add_text(f.court, court);
        d.add_text(f.court_bigrams, court);
    }
    if let Some(n) = derived.date_number() {
        d.add_u64(f.date, n);
        d.add_u64(f.year, n / 10_000);
    }
    d.add_text(f.words, &doc.text);
    if f.text != f.words {
        d.add_text(f.text, &doc.text);
    }
    d.add_text(f.bigrams, &doc.text);
    d.add_text(f.facts, facts_text(doc));
    d
}

/// The facts section's text, or the whole text when the document has none.
pub fn facts_text(doc: &Document) -> &str {
    doc.section(SectionKind::Facts)
        .and_then(|s| crate::span::char_slice(&doc.text, s.start, s.end))
        .unwrap_or(&doc.text)
}

/// SHA-256 of bytes, in hex.
pub fn content_hash(bytes: &[u8]) -> String {
    let mut hex = String::with_capacity(64);
    for b in Sha256::digest(bytes) {
        for nibble in [b >> 4, b & 0xf] {
            hex.push(char::from_digit(u32::from(nibble), 16).unwrap_or('0'));
        }
    }
    hex
}

/// An update in progress: stage changes, then [`Indexer::commit`]. Dropping an indexer without
/// committing leaves the index as it was.
pub struct Indexer {
    path: PathBuf,
    index: Index,
    fields: Fields,
    writer: IndexWriter,
    manifest: Manifest,
    limits: Limits,
    /// The index held no document when opened: a key not added by this update is in no segment,
    /// so adding it needs no delete (whatever the manifest says).
    fresh: bool,
    /// Keys added by this update (kept only while `fresh`).
    added: HashSet<String>,
    /// Documents handed to the writer, those whose words tantivy began to analyse
    /// ([`CountedWords`]), and the bound on the difference (0: none).
    sent: usize,
    started: Arc<AtomicUsize>,
    max_in_flight: usize,
}

/// The word analyzer, counting the texts it is given: one per document, on the writer's threads.
#[derive(Clone)]
struct CountedWords(Arc<AtomicUsize>);

impl Tokenizer for CountedWords {
    type TokenStream<'a> = tokenizer::WordStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> tokenizer::WordStream {
        self.0.fetch_add(1, Ordering::Relaxed);
        tokenizer::WordAnalyzer.token_stream(text)
    }
}

impl Indexer {
    /// Open (or create) the index at `path` for writing.
    pub fn open(path: &Path, opts: &IndexOptions) -> Result<Indexer, IndexError> {
        // Load jieba's dictionary beside the file walk, not at the first tokenised document.
        std::thread::spawn(|| {
            crate::segment::Segmenter::global();
        });
        let (index, fields) = open_or_create(path)?;
        let fresh = index.searchable_segment_metas()?.iter().all(|m| m.num_docs() == 0);
        let started = Arc::new(AtomicUsize::new(0));
        index.tokenizers().register(tokenizer::WORDS, CountedWords(Arc::clone(&started)));
        let threads = opts.threads.max(1);
        let heap = opts.heap_bytes.max(threads * 16 * 1024 * 1024);
        let writer = index.writer_with_num_threads(threads, heap)?;
        let mut manifest = read_manifest(path)?;
        if manifest.analyzers != ANALYZERS {
            // Built by other analyzers: an empty hash never equals a file's, so each file is read
            // and replaced, and files gone from the folders are still deleted.
            manifest.files.values_mut().for_each(String::clear);
        }
        Ok(Indexer {
            path: path.to_path_buf(),
            index,
            fields,
            writer,
            manifest,
            limits: opts.limits,
            fresh,
            added: HashSet::new(),
            sent: 0,
            started,
            max_in_flight: opts.in_flight_per_thread * threads,
        })
    }

    /// Stage the changes that make the index mirror the case folders under `dirs` (each a case
    /// folder or a collection). Nothing is visible until [`Indexer::commit`].
    pub fn stage(&mut self, dirs: &[PathBuf]) -> Result<IndexSummary, IndexError> {
        let cases =
            collection::case_dirs(dirs).map_err(|e| IndexError::Input(format!("{}: {}", e.file, e.error)))?;
        let mut summary = IndexSummary { cases: cases.len(), ..IndexSummary::default() };
        let mut seen = BTreeMap::new();
        for dir in &cases {
            let case = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let Some(paths) = document_files(dir, &case, &mut summary.errors) else {
                // A folder that can't be listed: what was indexed from it stays, as it was.
                let prefix = format!("{case}/");
                for (key, hash) in self.manifest.files.range(prefix.clone()..) {
                    if !key.starts_with(&prefix) {
                        break;
                    }
                    seen.insert(key.clone(), hash.clone());
                }
                continue;
            };
            for path in paths {
                let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                let key = format!("{case}/{file}");
                summary.files += 1;
                let old = self.manifest.files.get(&key);
                let bytes = match crate::ingest::read_file_bytes(&path, &self.limits) {
                    Ok(b) => b,
                    Err(e) => {
                        keep_after_error(&mut summary, &mut seen, key, old, e.to_string());
                        continue;
                    }
                };
                let hash = content_hash(&bytes);
                if old == Some(&hash) {
                    summary.unchanged += 1;
                    seen.insert(key, hash);
                    continue;
                }
                // The bytes just hashed, not a second read of the file.
                let doc = match collection::read_document_bytes(&file, &bytes, &self.limits) {
                    Ok(d) => d,
                    Err(error) => {
                        keep_after_error(&mut summary, &mut seen, key, old, error);
                        continue;
                    }
                };
                if old.is_some() {
                    summary.updated += 1;
                } else {
                    summary.added += 1;
                }
                self.add(&case, &hash, &doc)?;
                summary.chars += doc.chars;
                summary.text_bytes += doc.text.len();
                seen.insert(key, hash);
            }
        }
        for key in self.manifest.files.keys() {
            if !seen.contains_key(key) {
                self.writer.delete_term(Term::from_field_text(self.fields.key, key));
                summary.removed += 1;
            }
        }
        self.manifest.files = seen;
        Ok(summary)
    }

    /// Stage case `case` as exactly `docs`: documents the caller has already read, each with the
    /// [`content_hash`] of its file's bytes. New and changed documents are added, the case's other
    /// indexed files deleted — except `unreadable` ones (file names of the case that are there but
    /// could not be read), whose indexed version is kept; nothing is read from disk and other cases
    /// are left as they are. An empty hash (file not hashed) always counts as changed.
    /// (`stage_case(case, &[], &[])` removes a case.)
    pub fn stage_case(
        &mut self,
        case: &str,
        docs: &[(&str, &Document)],
        unreadable: &[&str],
    ) -> Result<IndexSummary, IndexError> {
        let mut summary = IndexSummary { cases: 1, files: docs.len(), ..IndexSummary::default() };
        let prefix = format!("{case}/");
        let mut gone = Vec::new();
        for key in self.manifest.files.keys() {
            let Some(file) = key.strip_prefix(&prefix) else { continue };
            if unreadable.contains(&file) {
                summary.kept += 1;
            } else if !docs.iter().any(|(_, d)| d.file == file) {
                gone.push(key.clone());
            }
        }
        for key in gone {
            self.writer.delete_term(Term::from_field_text(self.fields.key, &key));
            self.manifest.files.remove(&key);
            summary.removed += 1;
        }
        for &(hash, doc) in docs {
            match self.manifest.files.get(&format!("{prefix}{}", doc.file)) {
                Some(old) if old == hash && !hash.is_empty() => {
                    summary.unchanged += 1;
                    continue;
                }
                Some(_) => summary.updated += 1,
                None => summary.added += 1,
            }
            self.add(case, hash, doc)?;
            summary.chars += doc.chars;
            summary.text_bytes += doc.text.len();
        }
        Ok(summary)
    }

    /// The cases the index holds (by its manifest).
    pub fn cases(&self) -> std::collections::BTreeSet<String> {
        self.manifest.files.keys().filter_map(|k| k.split_once('/')).map(|(c, _)| c.to_string()).collect()
    }

    /// Replace (or add) one document under `case`, by its `case/file` key.
    pub fn add(&mut self, case: &str, hash: &str, doc: &Document) -> Result<(), IndexError> {
        let key = format!("{case}/{}", doc.file);
        if !self.fresh || !self.added.insert(key.clone()) {
            self.writer.delete_term(Term::from_field_text(self.fields.key, &key));
        }
        self.wait_for_room();
        self.writer.add_document(tantivy_doc(&self.fields, case, hash, doc))?;
        self.sent += 1;
        self.manifest.files.insert(key, hash.to_string());
        Ok(())
    }

    /// Wait while more than `max_in_flight` documents wait for the writer's threads. A writer
    /// that makes no progress for a while is not waited for (tantivy's own queue still bounds).
    fn wait_for_room(&self) {
        if self.max_in_flight == 0 {
            return;
        }
        let mut last = usize::MAX;
        let mut idle = 0;
        loop {
            let started = self.started.load(Ordering::Relaxed);
            if self.sent.saturating_sub(started) < self.max_in_flight || idle > 2_000 {
                return;
            }
            idle = if started == last { idle + 1 } else { 0 };
            last = started;
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
    }

    /// Make the staged changes visible, then write the manifest atomically.
    pub fn commit(mut self) -> Result<(), IndexError> {
        self.writer.commit()?;
        write_manifest(&self.path, &self.manifest)?;
        self.writer.wait_merging_threads()?;
        Ok(())
    }

    /// The tantivy index.
    pub fn index(&self) -> &Index {
        &self.index
    }
}

/// Build or update the index at `index_path` from case folders and collections.
pub fn update(dirs: &[PathBuf], index_path: &Path, opts: &IndexOptions) -> Result<IndexSummary, IndexError> {
    let mut indexer = Indexer::open(index_path, opts)?;
    let summary = indexer.stage(dirs)?;
    indexer.commit()?;
    Ok(summary)
}

/// A file that could not be read or parsed: the error is reported, and when an earlier version of
/// it is indexed, that version stays (under its old hash, so the next update tries the file again)
/// instead of being deleted with the files that are gone.
fn keep_after_error(
    summary: &mut IndexSummary,
    seen: &mut BTreeMap<String, String>,
    key: String,
    old: Option<&String>,
    error: String,
) {
    let error = match old {
        Some(hash) => {
            seen.insert(key.clone(), hash.clone());
            summary.kept += 1;
            format!("{error} (the version indexed before is kept)")
        }
        None => error,
    };
    summary.errors.push(FileError { file: key, error });
}

/// Document files of a case folder in name order (hidden files and the card skipped); `None`, with
/// the error reported, when the folder can't be listed.
fn document_files(dir: &Path, case: &str, errors: &mut Vec<FileError>) -> Option<Vec<PathBuf>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(FileError { file: case.to_string(), error: e.to_string() });
            return None;
        }
    };
    let mut out: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.is_file()
                && collection::is_document_path(p)
                && !p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'))
        })
        .collect();
    out.sort();
    Some(out)
}

fn read_manifest(dir: &Path) -> Result<Manifest, IndexError> {
    match std::fs::read(dir.join(MANIFEST)) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map_err(|e| IndexError::Manifest(format!("{}: {e}", dir.join(MANIFEST).display()))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Manifest {
            schema: MANIFEST_SCHEMA.into(),
            analyzers: ANALYZERS.into(),
            files: BTreeMap::new(),
        }),
        Err(e) => Err(e.into()),
    }
}

fn write_manifest(dir: &Path, manifest: &Manifest) -> Result<(), IndexError> {
    let m = Manifest {
        schema: MANIFEST_SCHEMA.into(),
        analyzers: ANALYZERS.into(),
        files: manifest.files.clone(),
    };
    let tmp = dir.join(format!("{MANIFEST}.tmp"));
    let json = serde_json::to_vec_pretty(&m).map_err(|e| IndexError::Manifest(e.to_string()))?;
    std::fs::write(&tmp, json)?;
    std::fs::rename(&tmp, dir.join(MANIFEST))?;
    Ok(())
}
