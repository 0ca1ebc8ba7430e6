//! PDF extraction on real third-party PDFs (../shared/data/pdf-real), against poppler's text.
//!
//! Every file must extract without panicking. On the files where poppler's reference is right
//! (all but the two GBK files, see the folder's README), the mean character error must be at most
//! 2% (multiset of CJK and alphanumeric characters, see `anguan::ingest::pdf::score`). The
//! per-file figures are printed (`cargo test --test pdf_real -- --nocapture`). Skips with a
//! message when the data folder is absent.

use std::path::{Path, PathBuf};

use anguan::ingest::Limits;
use anguan::ingest::pdf::score;

/// `../shared/data/pdf-real` beside the checkout (for a worktree nested one level deeper, the
/// nearest ancestor's `shared/data`).
fn data_dir() -> Option<PathBuf> {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .skip(1)
        .map(|a| a.join("shared/data/pdf-real"))
        .find(|d| d.is_dir())
}

#[test]
fn real_pdfs_extract_without_panic_and_match_poppler() {
    let Some(dir) = data_dir() else {
        eprintln!("SKIPPED: ../shared/data/pdf-real is absent");
        return;
    };
    let scores = score::score_folder(&dir, &Limits::default()).unwrap();
    println!("{}", score::table(&scores));
    assert!(scores.len() >= 20, "expected the 20 PDFs of pdf-real, found {}", scores.len());
    for s in &scores {
        assert_ne!(s.failure.as_deref(), Some("panic"), "{}: extraction panicked", s.file);
        assert!(s.failure.is_none(), "{}: {:?}", s.file, s.failure);
    }
    // The two GBK files poppler gets wrong must come out as Chinese text.
    for s in scores.iter().filter(|s| s.reference_wrong) {
        assert!(
            s.preview.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{}: {}",
            s.file,
            s.preview
        );
    }
    let mean = score::mean_rate(&scores);
    assert!(mean <= 0.02, "mean character error {:.2}% is above 2%", mean * 100.0);
}
