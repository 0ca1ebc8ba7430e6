//! The data folder: the collection the server serves, and how it changes without losing anything.
//!
//! ```text
//! <data>/cases/<case>/…   the case folders (spec §1)
//! <data>/index/           the search index
//! <data>/.staging/        a case being written (removed at start)
//! <data>/.trash/          a replaced case (put back at start if its replacement never landed)
//! ```
//!
//! A case is never edited in place: the new version is written completely in `.staging`, flushed,
//! then swapped in with two renames (old → `.trash`, staged → `cases/`). A kill at any moment leaves
//! either the old or the new version; [`Store::open`] finishes or undoes an interrupted swap. Names
//! from requests are validated before they become paths ([`valid_case_name`], [`valid_file_name`]).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::ingest::collection::{CARD_FILE, is_document_path};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("数据目录读写失败：{0}")]
    Io(#[from] std::io::Error),
    #[error("案件名称不合法：{0}（不能含有 / \\ 或 ..，不能以 . 开头，最长 100 字）")]
    BadCaseName(String),
    #[error("文件名不合法或类型不支持：{0}（支持 .docx .pdf .txt 和 card.json）")]
    BadFileName(String),
}

/// A case name that is safe as one path component.
pub fn valid_case_name(name: &str) -> bool {
    !name.is_empty()
        && name.chars().count() <= 100
        && !name.starts_with('.')
        && !name.chars().any(|c| c == '/' || c == '\\' || c == ':' || c.is_control())
        && name.trim() == name
}

/// A file name that is safe as one path component and is a document or the card.
pub fn valid_file_name(name: &str) -> bool {
    valid_case_name(name) && (name == CARD_FILE || is_document_path(Path::new(name)))
}

/// The data folder.
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
}

fn stamp() -> String {
    let d = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    format!("{}-{}", d.as_nanos(), std::process::id())
}

impl Store {
    /// Open (creating) a data folder and recover from an interrupted write.
    pub fn open(root: &Path) -> Result<Store, StoreError> {
        let store = Store { root: root.to_path_buf() };
        std::fs::create_dir_all(store.cases_dir())?;
        let staging = root.join(".staging");
        if staging.exists() {
            std::fs::remove_dir_all(&staging)?;
        }
        let trash = root.join(".trash");
        if trash.exists() {
            for entry in std::fs::read_dir(&trash)? {
                let path = entry?.path();
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                let case = name.rsplitn(3, '-').nth(2).unwrap_or_default().to_string();
                let target = store.cases_dir().join(&case);
                if valid_case_name(&case) && !target.exists() {
                    std::fs::rename(&path, &target)?;
                } else {
                    std::fs::remove_dir_all(&path)?;
                }
            }
        }
        Ok(store)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn cases_dir(&self) -> PathBuf {
        self.root.join("cases")
    }

    pub fn index_dir(&self) -> PathBuf {
        self.root.join("index")
    }

    /// The folder of a case, if the name is valid (whether or not it exists).
    pub fn case_dir(&self, case: &str) -> Result<PathBuf, StoreError> {
        if valid_case_name(case) {
            Ok(self.cases_dir().join(case))
        } else {
            Err(StoreError::BadCaseName(case.to_string()))
        }
    }

    /// Whether the store holds no case yet.
    pub fn is_empty(&self) -> bool {
        std::fs::read_dir(self.cases_dir()).map(|mut d| d.next().is_none()).unwrap_or(true)
    }

    /// Write a case: `files` are added to (or, with `replace`, replace) the case's files. All
    /// names are validated first; nothing is written if one is bad.
    pub fn write_case(
        &self,
        case: &str,
        files: &[(String, Vec<u8>)],
        replace: bool,
    ) -> Result<PathBuf, StoreError> {
        let target = self.case_dir(case)?;
        if let Some((bad, _)) = files.iter().find(|(n, _)| !valid_file_name(n)) {
            return Err(StoreError::BadFileName(bad.clone()));
        }
        let staged = self.root.join(".staging").join(format!("{case}-{}", stamp()));
        std::fs::create_dir_all(&staged)?;
        if target.is_dir() && !replace {
            for entry in std::fs::read_dir(&target)? {
                let path = entry?.path();
                if let Some(name) = path.file_name().filter(|_| path.is_file()) {
                    std::fs::copy(&path, staged.join(name))?;
                }
            }
        }
        for (name, bytes) in files {
            let mut f = std::fs::File::create(staged.join(name))?;
            f.write_all(bytes)?;
            f.sync_all()?;
        }
        if target.exists() {
            let trash = self.root.join(".trash");
            std::fs::create_dir_all(&trash)?;
            let old = trash.join(format!("{case}-{}", stamp()));
            std::fs::rename(&target, &old)?;
            std::fs::rename(&staged, &target)?;
            std::fs::remove_dir_all(&old)?;
        } else {
            std::fs::rename(&staged, &target)?;
        }
        Ok(target)
    }

    /// Copy every case folder of a collection into the store (first start on the bundled corpus).
    /// Returns the number of cases copied; `progress` is called after each.
    pub fn import_collection(
        &self,
        dirs: &[PathBuf],
        mut progress: impl FnMut(&str),
    ) -> Result<usize, StoreError> {
        let mut n = 0;
        for dir in dirs {
            let case = dir.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            let mut files = Vec::new();
            for entry in std::fs::read_dir(dir)? {
                let path = entry?.path();
                let name = path.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                if path.is_file() && valid_file_name(&name) {
                    files.push((name, std::fs::read(&path)?));
                }
            }
            self.write_case(&case, &files, true)?;
            progress(&case);
            n += 1;
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_requests_are_validated() {
        for bad in ["", "..", "../x", "a/b", "a\\b", ".hidden", " x", "a\u{0}b", "C:x"] {
            assert!(!valid_case_name(bad), "{bad:?}");
        }
        assert!(valid_case_name("2023-盗窃-001"));
        assert!(valid_file_name("起诉书.docx"));
        assert!(valid_file_name("card.json"));
        assert!(!valid_file_name("evil.sh"));
        assert!(!valid_file_name("../起诉书.docx"));
    }

    #[test]
    fn writing_adds_replaces_and_survives_an_interrupted_swap() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        assert!(store.is_empty());
        store.write_case("c01", &[("a.txt".into(), b"1".to_vec())], false).unwrap();
        store.write_case("c01", &[("b.txt".into(), b"2".to_vec())], false).unwrap();
        let c = store.case_dir("c01").unwrap();
        assert_eq!(std::fs::read(c.join("a.txt")).unwrap(), b"1");
        assert_eq!(std::fs::read(c.join("b.txt")).unwrap(), b"2");
        assert!(store.write_case("c01", &[("x.exe".into(), vec![])], false).is_err());
        assert!(store.write_case("../c02", &[], false).is_err());
        assert!(c.join("a.txt").exists(), "a refused write loses nothing");

        // Simulate a kill between the two renames: the old version sits in .trash, nothing in cases/.
        let trash = dir.path().join(".trash");
        std::fs::create_dir_all(&trash).unwrap();
        std::fs::rename(&c, trash.join("c01-123-45")).unwrap();
        std::fs::create_dir_all(dir.path().join(".staging/c01-9-9")).unwrap();
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(std::fs::read(store.case_dir("c01").unwrap().join("b.txt")).unwrap(), b"2");
        assert!(!dir.path().join(".staging").exists());
    }
}
