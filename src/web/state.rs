//! The server's state: the data folder, the search index, and an in-memory snapshot of every
//! case's analysis.
//!
//! Readers take the current snapshot (an `Arc` behind a briefly held `RwLock`) and never wait for
//! a writer: an upload builds the new case's analysis off to the side and swaps in a new snapshot
//! at the end. Writers (uploads) are serialised by one async mutex; each writes the case folder
//! atomically ([`Store::write_case`]), commits the index incrementally and only then publishes,
//! so a kill at any moment leaves a store and index that a restart serves as committed.
//!
//! Every document is read and parsed once: a case folder is read for its analysis, and the index
//! is updated from those parsed documents and their content hashes ([`Indexer::stage_case`]), not
//! by walking the folders again. At start every case is read; an upload reads only its own new and
//! changed files: a file whose bytes hash to the last analysis' hash keeps its parse and extraction.
//! [`AppState::documents_read`] counts the document files read, for tests and diagnostics.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};

use crate::index::writer::content_hash;
use crate::index::{IndexError, IndexOptions, IndexSummary, Indexer, Searcher};
use crate::ingest::Limits;
use crate::ingest::collection::{FileError, case_dirs, read_case_reusing};

use super::analysis::{CaseAnalysis, analyse_case, check_readable};
use super::error::ApiError;
use super::store::{Store, StoreError};

/// How the server runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Largest accepted upload request body, in bytes.
    pub max_upload_bytes: usize,
    pub index: IndexOptions,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions { max_upload_bytes: 50 * 1024 * 1024, index: IndexOptions::default() }
    }
}

/// Start-up steps reported to a progress display.
#[derive(Debug, Clone, Copy)]
pub enum Phase<'a> {
    /// Copying the bundled corpus into an empty store: `done` of `total`, last case copied.
    Import { done: usize, total: usize, case: &'a str },
    /// Reading and analysing cases: `done` of `total`.
    Analyse { done: usize, total: usize, case: &'a str },
    /// Updating the search index from the documents read.
    Index,
}

/// Why the state could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Index(#[from] IndexError),
    #[error("{file}: {error}")]
    Collection { file: String, error: String },
}

/// Every case's analysis at one moment.
#[derive(Debug, Default)]
pub struct Snapshot {
    pub cases: BTreeMap<String, Arc<CaseAnalysis>>,
}

impl Snapshot {
    /// Number of documents over all cases.
    pub fn documents(&self) -> usize {
        self.cases.values().map(|c| c.documents.len()).sum()
    }
}

/// What every handler shares.
pub struct AppState {
    store: Store,
    searcher: Searcher,
    snapshot: RwLock<Arc<Snapshot>>,
    writer: tokio::sync::Mutex<()>,
    opts: ServeOptions,
    /// Document files read (parsed) since the state was opened.
    reads: AtomicUsize,
    /// What the start-up index update did.
    pub index_summary: IndexSummary,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState").field("store", &self.store).finish_non_exhaustive()
    }
}

impl AppState {
    /// Open the data folder `data`; when it holds no case yet and `corpus` is a folder, import it
    /// first. Then bring the index up to date and analyse every case.
    pub fn open(
        data: &Path,
        corpus: Option<&Path>,
        opts: ServeOptions,
        progress: &mut dyn FnMut(Phase<'_>),
    ) -> Result<AppState, StateError> {
        let store = Store::open(data)?;
        if let Some(corpus) = corpus.filter(|c| store.is_empty() && c.is_dir()) {
            let dirs = collection_dirs(corpus)?;
            let total = dirs.len();
            let mut done = 0;
            store.import_collection(&dirs, |case| {
                done += 1;
                progress(Phase::Import { done, total, case });
            })?;
        }
        let reads = AtomicUsize::new(0);
        let dirs = collection_dirs(&store.cases_dir())?;
        let total = dirs.len();
        let mut cases = BTreeMap::new();
        let mut read_errors = Vec::new();
        for (i, dir) in dirs.iter().enumerate() {
            let (a, errors) = read_and_analyse(dir, &opts.index.limits, &reads, None, Parsed::new());
            progress(Phase::Analyse { done: i + 1, total, case: &a.key });
            read_errors.push(errors);
            cases.insert(a.key.clone(), Arc::new(a));
        }
        progress(Phase::Index);
        let mut indexer = Indexer::open(&store.index_dir(), &opts.index)?;
        let mut index_summary = IndexSummary::default();
        for (case, errors) in cases.values().zip(read_errors) {
            let s =
                indexer.stage_case(&case.key, &case.index_documents(), &unreadable(&case.key, &errors))?;
            add_summary(&mut index_summary, s, errors);
        }
        for gone in indexer.cases().into_iter().filter(|c| !cases.contains_key(c)) {
            let s = indexer.stage_case(&gone, &[], &[])?;
            index_summary.removed += s.removed;
        }
        indexer.commit()?;
        let searcher = Searcher::open(&store.index_dir())?;
        Ok(AppState {
            store,
            searcher,
            snapshot: RwLock::new(Arc::new(Snapshot { cases })),
            writer: tokio::sync::Mutex::new(()),
            opts,
            reads,
            index_summary,
        })
    }

    /// The current snapshot (cheap; never waits for an upload).
    pub fn snapshot(&self) -> Arc<Snapshot> {
        match self.snapshot.read() {
            Ok(s) => Arc::clone(&s),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// One case of the current snapshot.
    pub fn case(&self, key: &str) -> Option<Arc<CaseAnalysis>> {
        self.snapshot().cases.get(key).cloned()
    }

    pub fn searcher(&self) -> &Searcher {
        &self.searcher
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn options(&self) -> &ServeOptions {
        &self.opts
    }

    /// Document files read (parsed) since the state was opened: each once at start, then those of
    /// each uploaded case.
    pub fn documents_read(&self) -> usize {
        self.reads.load(Ordering::Relaxed)
    }

    /// Add `files` to case `case` (creating it), re-read that case alone, update its documents in
    /// the index and publish it. Returns the case, what the index update did, and the files not
    /// saved: a file that can't be read is not written over a stored file of the same name. Nothing
    /// already stored is lost when any step fails.
    pub async fn update_case(
        self: &Arc<Self>,
        case: String,
        files: Vec<(String, Vec<u8>)>,
    ) -> Result<CaseUpdate, ApiError> {
        let _guard = self.writer.lock().await;
        let state = Arc::clone(self);
        let (analysis, summary, refused) =
            tokio::task::spawn_blocking(move || state.write_and_index(&case, files))
                .await
                .map_err(|e| ApiError::internal(format!("后台任务失败：{e}")))??;
        let analysis = Arc::new(analysis);
        let mut next = Snapshot { cases: self.snapshot().cases.clone() };
        next.cases.insert(analysis.key.clone(), Arc::clone(&analysis));
        match self.snapshot.write() {
            Ok(mut s) => *s = Arc::new(next),
            Err(poisoned) => *poisoned.into_inner() = Arc::new(next),
        }
        Ok(CaseUpdate { analysis, index: summary, refused })
    }

    fn write_and_index(
        &self,
        case: &str,
        files: Vec<(String, Vec<u8>)>,
    ) -> Result<(CaseAnalysis, IndexSummary, Vec<FileError>), ApiError> {
        let (files, refused, parsed) = self.keep_stored_over_unreadable(case, files);
        let dir = self.store.write_case(case, &files, false).map_err(|e| match e {
            StoreError::BadCaseName(_) => ApiError::bad_request("bad_case_name", e.to_string()),
            StoreError::BadFileName(_) => ApiError::bad_request("bad_file_name", e.to_string()),
            StoreError::Io(_) => ApiError::internal(e.to_string()),
        })?;
        let previous = self.case(case);
        let (analysis, errors) =
            read_and_analyse(&dir, &self.opts.index.limits, &self.reads, previous.as_deref(), parsed);
        let index_failed =
            |e: IndexError| ApiError::internal(format!("案件已保存，但索引更新失败（重启后会重建）：{e}"));
        let mut indexer = Indexer::open(&self.store.index_dir(), &self.opts.index).map_err(index_failed)?;
        let mut summary = IndexSummary::default();
        let staged = indexer
            .stage_case(&analysis.key, &analysis.index_documents(), &unreadable(&analysis.key, &errors))
            .map_err(index_failed)?;
        add_summary(&mut summary, staged, errors);
        indexer.commit().map_err(index_failed)?;
        self.searcher.reload().map_err(|e| ApiError::internal(format!("索引重新加载失败：{e}")))?;
        Ok((analysis, summary, refused))
    }

    /// Split uploaded `files` into those to write and those refused: a file that can't be read
    /// (a broken or encrypted PDF, a card that is no JSON…) and would replace a stored file of the
    /// same name is not written, so the stored file stays. A new unreadable file is written (and
    /// reported with the case's errors), as a case folder would hold it. Also returns the parses
    /// made to check replacements, by file name with their content hash, for the case's reading
    /// to reuse.
    fn keep_stored_over_unreadable(&self, case: &str, files: Uploaded) -> (Uploaded, Vec<FileError>, Parsed) {
        let mut parsed = Parsed::new();
        let Ok(dir) = self.store.case_dir(case) else { return (files, Vec::new(), parsed) };
        let mut refused = Vec::new();
        let kept = files
            .into_iter()
            .filter(|(name, bytes)| {
                if !dir.join(name).is_file() {
                    return true;
                }
                match check_readable(name, bytes, &self.opts.index.limits) {
                    Ok(doc) => {
                        if let Some(doc) = doc {
                            self.reads.fetch_add(1, Ordering::Relaxed);
                            parsed.insert(name.clone(), (content_hash(bytes), doc));
                        }
                        true
                    }
                    Err(error) => {
                        let error = format!("{error}（未保存：保留已有的同名文件）");
                        refused.push(FileError { file: format!("{case}/{name}"), error });
                        false
                    }
                }
            })
            .collect();
        (kept, refused, parsed)
    }
}

/// What [`AppState::update_case`] did.
#[derive(Debug)]
pub struct CaseUpdate {
    pub analysis: Arc<CaseAnalysis>,
    /// What the index update did.
    pub index: IndexSummary,
    /// Uploaded files not saved (they can't be read, and a stored file of the same name is kept).
    pub refused: Vec<FileError>,
}

/// Uploaded files: (name, bytes).
type Uploaded = Vec<(String, Vec<u8>)>;

/// Documents already parsed, by file name: (content hash of the bytes parsed, document).
type Parsed = std::collections::HashMap<String, (String, crate::ingest::Document)>;

/// Read one case folder (each document parsed once) and analyse it; `reads` counts the document
/// files read and parsed. A file whose bytes are those `previous` parsed, or those of a parse in
/// `parsed`, keeps that parse. Also returns the files that could not be read.
fn read_and_analyse(
    dir: &Path,
    limits: &Limits,
    reads: &AtomicUsize,
    previous: Option<&CaseAnalysis>,
    mut parsed: Parsed,
) -> (CaseAnalysis, Vec<FileError>) {
    let mut reused = 0;
    let mut known = |path: &Path| {
        let name = path.file_name()?.to_str()?;
        let fresh = parsed.remove(name);
        let old = previous.and_then(|p| p.document(name)).filter(|d| !d.hash.is_empty());
        let small = std::fs::metadata(path).is_ok_and(|m| m.len() <= limits.max_file_bytes);
        let bytes = std::fs::read(path).ok().filter(|_| small && (fresh.is_some() || old.is_some()))?;
        let hash = content_hash(&bytes);
        let doc = match (fresh, old) {
            (Some((h, doc)), _) if h == hash => doc,
            (_, Some(old)) if old.hash == hash => old.doc.clone(),
            _ => return None,
        };
        reused += 1;
        Some(doc)
    };
    let folder = read_case_reusing(dir, limits, &mut known);
    reads.fetch_add(folder.documents.len() + folder.errors.len() - reused, Ordering::Relaxed);
    let errors = folder.errors.clone();
    (analyse_case(folder, previous), errors)
}

/// The names of the files of case `case` among `errors` (files there but unreadable): their
/// indexed version is kept ([`Indexer::stage_case`]).
fn unreadable<'a>(case: &str, errors: &'a [FileError]) -> Vec<&'a str> {
    errors.iter().filter_map(|e| e.file.strip_prefix(case)?.strip_prefix('/')).collect()
}

/// Add one case's index update to a total; `errors` are its files that could not be read.
fn add_summary(total: &mut IndexSummary, s: IndexSummary, errors: Vec<FileError>) {
    total.cases += s.cases;
    total.files += s.files + errors.len();
    total.added += s.added;
    total.updated += s.updated;
    total.removed += s.removed;
    total.unchanged += s.unchanged;
    total.kept += s.kept;
    total.chars += s.chars;
    total.text_bytes += s.text_bytes;
    total.errors.extend(errors);
}

fn collection_dirs(root: &Path) -> Result<Vec<PathBuf>, StateError> {
    case_dirs(&[root.to_path_buf()]).map_err(|e| StateError::Collection { file: e.file, error: e.error })
}
