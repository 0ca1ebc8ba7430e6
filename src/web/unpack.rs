//! Safe unpacking of an uploaded case-folder zip into memory.
//!
//! Nothing from the archive touches the filesystem here: entries become `(file name, bytes)` pairs
//! that the store validates and writes itself. Every entry name is checked (no `..`, no absolute
//! path, no drive letter, no backslash tricks — zip-slip), only the file name is kept (a case folder
//! is flat), and sizes are counted while inflating, never trusted from the header (zip bombs lie).

use std::io::{Cursor, Read};

/// Limits for one uploaded archive.
#[derive(Debug, Clone, Copy)]
pub struct UnpackLimits {
    pub max_entries: usize,
    pub max_total_bytes: u64,
    pub max_entry_bytes: u64,
}

impl Default for UnpackLimits {
    fn default() -> Self {
        UnpackLimits {
            max_entries: 500,
            max_total_bytes: 256 * 1024 * 1024,
            max_entry_bytes: 100 * 1024 * 1024,
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum UnpackError {
    #[error("不是有效的 zip 文件：{0}")]
    NotZip(String),
    #[error("zip 中的路径不安全：{0}")]
    UnsafePath(String),
    #[error("zip 中的文件过多（上限 {0} 个）")]
    TooManyEntries(usize),
    #[error("zip 解压后过大（上限 {0} 字节），可能是压缩炸弹")]
    TooLarge(u64),
    #[error("zip 中的文件已加密或无法解压：{0}")]
    Unreadable(String),
}

/// Whether an entry name is safe: relative, no `..` component, no backslash or drive prefix.
pub fn is_safe_name(name: &str) -> bool {
    !(name.is_empty()
        || name.starts_with('/')
        || name.starts_with('\\')
        || name.contains('\\')
        || name.contains('\0')
        || name.as_bytes().get(1) == Some(&b':')
        || name.split('/').any(|c| c == ".." || c == "."))
}

/// Unpack a zip into `(file name, bytes)` pairs, flattening folders; directories, hidden files and
/// `__MACOSX` entries are skipped.
pub fn unpack_zip(bytes: &[u8], limits: &UnpackLimits) -> Result<Vec<(String, Vec<u8>)>, UnpackError> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| UnpackError::NotZip(e.to_string()))?;
    if archive.len() > limits.max_entries {
        return Err(UnpackError::TooManyEntries(limits.max_entries));
    }
    let mut total = 0u64;
    let mut out = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| UnpackError::Unreadable(e.to_string()))?;
        let name = entry.name().map_err(|e| UnpackError::Unreadable(e.to_string()))?.into_owned();
        if !is_safe_name(&name) {
            return Err(UnpackError::UnsafePath(name));
        }
        if entry.is_dir() || name.starts_with("__MACOSX/") {
            continue;
        }
        let Some(base) = name.rsplit('/').next().filter(|b| !b.is_empty() && !b.starts_with('.')) else {
            continue;
        };
        let base = base.to_string();
        let room = limits.max_entry_bytes.min(limits.max_total_bytes - total);
        let mut data = Vec::new();
        (&mut entry)
            .take(room + 1)
            .read_to_end(&mut data)
            .map_err(|e| UnpackError::Unreadable(format!("{name}: {e}")))?;
        if data.len() as u64 > room {
            return Err(UnpackError::TooLarge(limits.max_total_bytes.min(limits.max_entry_bytes)));
        }
        total += data.len() as u64;
        out.push((base, data));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut buf = Cursor::new(Vec::new());
        {
            let mut w = zip::ZipWriter::new(&mut buf);
            let opts =
                zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
            for (name, data) in entries {
                w.start_file(*name, opts).unwrap();
                w.write_all(data).unwrap();
            }
            w.finish().unwrap();
        }
        buf.into_inner()
    }

    #[test]
    fn names_are_checked() {
        for bad in ["../x.txt", "a/../../x", "/etc/passwd", "C:\\x", "a\\..\\b", "./x", ""] {
            assert!(!is_safe_name(bad), "{bad}");
        }
        for good in ["card.json", "c01/起诉书.docx", "a/b/c.pdf"] {
            assert!(is_safe_name(good), "{good}");
        }
    }

    #[test]
    fn zip_slip_is_refused() {
        let z = zip_of(&[("ok.txt", b"x"), ("../../evil.txt", b"y")]);
        assert_eq!(
            unpack_zip(&z, &UnpackLimits::default()),
            Err(UnpackError::UnsafePath("../../evil.txt".into()))
        );
    }

    #[test]
    fn folders_are_flattened() {
        let z = zip_of(&[
            ("c01/card.json", b"{}"),
            ("c01/起诉书.txt", "起诉书".as_bytes()),
            ("__MACOSX/c01/._x", b""),
        ]);
        let files = unpack_zip(&z, &UnpackLimits::default()).unwrap();
        let names: Vec<_> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["card.json", "起诉书.txt"]);
    }

    #[test]
    fn a_bomb_stops_at_the_limit() {
        let big = vec![0u8; 2_000_000];
        let z = zip_of(&[("bomb.txt", &big)]);
        assert!(z.len() < 20_000);
        let limits = UnpackLimits { max_total_bytes: 1_000_000, ..UnpackLimits::default() };
        assert!(matches!(unpack_zip(&z, &limits), Err(UnpackError::TooLarge(_))));
    }

    #[test]
    fn junk_is_not_a_zip() {
        assert!(matches!(unpack_zip(b"not a zip", &UnpackLimits::default()), Err(UnpackError::NotZip(_))));
    }
}
