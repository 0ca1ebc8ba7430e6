//! Case folders and collections (spec §1).
//!
//! A case folder holds `card.json` and any mix of documents; its name is the case's key. A
//! collection is a folder of case folders. Reading never aborts on a bad file: each file that
//! cannot be read becomes a [`FileError`] (named `case/file`) and the rest is read. A reader panic
//! on hostile input is caught and reported the same way, as a last line of defence.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Document, IngestError, Limits, read_bytes, read_file};

/// The card file's name inside a case folder.
pub const CARD_FILE: &str = "card.json";

/// File extensions read as documents (old formats are listed so they get a clear error).
const DOCUMENT_EXTENSIONS: &[&str] = &["pdf", "docx", "txt", "doc", "wps", "rtf"];

/// A file that could not be read, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileError {
    /// `case/file` for a document of a case, or the path given.
    pub file: String,
    pub error: String,
}

/// One case folder, read.
#[derive(Debug, Clone)]
pub struct CaseFolder {
    /// The folder name: the case's key.
    pub key: String,
    pub dir: PathBuf,
    /// The path of `card.json`, if the folder has one (parsing it is the card stage's job).
    pub card: Option<PathBuf>,
    /// Documents in file-name order.
    pub documents: Vec<Document>,
    pub errors: Vec<FileError>,
}

/// Whether a path names a document file by its extension.
pub fn is_document_path(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .map(|e| DOCUMENT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        .unwrap_or(false)
}

fn is_hidden(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'))
}

fn sorted_entries(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if !is_hidden(&path) {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

/// Whether a folder is a case folder (has a card or documents) rather than a collection.
pub fn is_case_folder(dir: &Path) -> bool {
    sorted_entries(dir)
        .map(|es| es.iter().any(|p| p.is_file() && (p.ends_with(CARD_FILE) || is_document_path(p))))
        .unwrap_or(false)
}

/// The case folders named by command-line arguments: each argument is a case folder or a
/// collection of them. Missing or unreadable arguments are errors for the caller.
pub fn case_dirs(args: &[PathBuf]) -> Result<Vec<PathBuf>, FileError> {
    let mut out = Vec::new();
    for arg in args {
        let err = |e: std::io::Error| FileError { file: arg.display().to_string(), error: e.to_string() };
        if !arg.is_dir() {
            return Err(FileError { file: arg.display().to_string(), error: "not a folder".into() });
        }
        if is_case_folder(arg) {
            out.push(arg.clone());
        } else {
            out.extend(sorted_entries(arg).map_err(err)?.into_iter().filter(|p| p.is_dir()));
        }
    }
    Ok(out)
}

/// Read one document, turning a reader panic into an error.
pub fn read_document(path: &Path, limits: &Limits) -> Result<Document, String> {
    guarded(|| read_file(path, limits))
}

/// [`read_document`] of bytes already read from a file named `file` (e.g. to hash them first).
pub fn read_document_bytes(file: &str, bytes: &[u8], limits: &Limits) -> Result<Document, String> {
    guarded(|| read_bytes(file, bytes, limits))
}

/// Run a reader, its error and its panic both turned into a message.
fn guarded(read: impl FnOnce() -> Result<Document, IngestError>) -> Result<Document, String> {
    match catch_unwind(AssertUnwindSafe(read)) {
        Ok(Ok(doc)) => Ok(doc),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err("internal error while reading this file (reader panic); please report it".into()),
    }
}

/// Read a case folder: its documents and the location of its card.
pub fn read_case(dir: &Path, limits: &Limits) -> CaseFolder {
    read_case_reusing(dir, limits, &mut |_| None)
}

/// [`read_case`], but each document file is first offered to `known`, which may return a parse
/// it already has of the same bytes (the web app keeps the last parse of every case); only the
/// files it declines are read and parsed.
pub fn read_case_reusing(
    dir: &Path,
    limits: &Limits,
    known: &mut dyn FnMut(&Path) -> Option<Document>,
) -> CaseFolder {
    let key = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut case =
        CaseFolder { key, dir: dir.to_path_buf(), card: None, documents: Vec::new(), errors: Vec::new() };
    let entries = match sorted_entries(dir) {
        Ok(e) => e,
        Err(e) => {
            case.errors.push(FileError { file: case.key.clone(), error: e.to_string() });
            return case;
        }
    };
    for path in entries {
        if !path.is_file() {
            continue;
        }
        if path.ends_with(CARD_FILE) {
            case.card = Some(path);
            continue;
        }
        if !is_document_path(&path) {
            continue;
        }
        if let Some(doc) = known(&path) {
            case.documents.push(doc);
            continue;
        }
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        match read_document(&path, limits) {
            Ok(doc) => case.documents.push(doc),
            Err(error) => case.errors.push(FileError { file: format!("{}/{}", case.key, name), error }),
        }
    }
    case
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_file_is_an_error_and_the_rest_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let case = dir.path().join("c01");
        std::fs::create_dir(&case).unwrap();
        std::fs::write(case.join("起诉书.txt"), "起诉书\n被告人张某某，男。").unwrap();
        std::fs::write(case.join("empty.pdf"), b"").unwrap();
        std::fs::write(case.join("old.doc"), [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]).unwrap();
        std::fs::write(case.join("photo.jpg"), b"\xFF\xD8").unwrap();
        std::fs::write(case.join("card.json"), b"{}").unwrap();

        let dirs = case_dirs(&[dir.path().to_path_buf()]).unwrap();
        assert_eq!(dirs, vec![case.clone()]);
        let c = read_case(&case, &Limits::default());
        assert_eq!(c.key, "c01");
        assert_eq!(c.card, Some(case.join("card.json")));
        assert_eq!(c.documents.len(), 1);
        assert_eq!(c.documents[0].text, "起诉书\n被告人张某某，男。");
        let errs: Vec<_> = c.errors.iter().map(|e| (e.file.as_str(), e.error.as_str())).collect();
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert_eq!(errs[0].0, "c01/empty.pdf");
        assert!(errs[0].1.contains("empty"));
        assert_eq!(errs[1].0, "c01/old.doc");
        assert!(errs[1].1.contains("save it as .docx"));
    }
}
