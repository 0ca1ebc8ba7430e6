//! Regressions from fuzzing the readers (tools/fuzz/mutate.py): each fixture under
//! tests/fixtures/fuzz/ (made by tests/fixtures/make_fuzz_fixtures.py) once crashed, hung or
//! blew up the memory of `anguan extract`. Each must now return — the text that could be read, or
//! a clear error — and nothing here panics. No timings are asserted: a hang shows as a test that
//! does not finish, a memory blow-up as a test killed.

use std::path::Path;

use anguan::ingest::{Format, IngestError, Limits, read_bytes};

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The body text of a fuzz fixture read with the default limits, checked to be read as `format`;
/// panics on an error.
fn text_as(name: &str, format: Format) -> String {
    let doc = read_bytes(name, &fixture(name), &Limits::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(doc.format, format);
    doc.text
}

/// The body text of a PDF fuzz fixture.
fn text(name: &str) -> String {
    text_as(name, Format::Pdf)
}

/// 64 MB of `q` operators (1 KB on disk): walked one operation at a time (they were collected
/// into a list first, some 30 bytes each: out of memory) and only up to the page's allowance.
#[test]
fn a_flood_of_operators_is_walked_within_the_page_allowance() {
    assert_eq!(text("ops_flood.pdf"), "Start");
}

/// 20 million operands without an operator (1 KB on disk; found by the fuzzer as a bit flip in
/// an inflated stream): lopdf collected them into one operation (4 GB). The content is cut
/// before such a run.
#[test]
fn a_run_of_operands_without_operator_is_cut() {
    assert_eq!(text("operand_flood.pdf"), "Start");
}

/// 3,000 pages sharing one content stream of 50,000 operations (48 KB on disk): each page spent
/// its own allowance (150 million operations, 30 seconds). The work of the whole file now grows
/// with its size, so the later pages come out empty; every page is still counted.
#[test]
fn pages_sharing_a_long_content_stream_share_one_allowance() {
    let name = "shared_pages.pdf";
    let doc = read_bytes(name, &fixture(name), &Limits::default()).unwrap();
    assert_eq!(doc.pages, 3_000);
    let pages: Vec<&str> = doc.text.split('\u{c}').collect();
    assert_eq!(pages.len(), 3_000);
    assert_eq!(pages[0], "Start");
    let read = pages.iter().filter(|p| **p == "Start").count();
    assert!(read > 10 && read < 3_000, "{read} pages read");
}

/// One 16 MB string: only as many bytes are decoded as glyphs may still be placed on the page
/// (every byte became a glyph and a placed character first: 2 GB, ten seconds).
#[test]
fn a_huge_string_is_cut_to_what_a_page_can_hold() {
    let t = text("huge_string.pdf");
    assert!(t.starts_with("AAAA"), "{}", t.get(..40).unwrap_or(&t));
    assert!(t.len() < 1_000_000, "{} bytes", t.len());
    assert!(t.chars().all(|c| c == 'A'));
}

/// 20,000 overlapping full-range `bfrange` entries: the codes expanded from ranges are bounded,
/// not only the entries kept (1.3 billion insertions before: a hang).
#[test]
fn overlapping_cmap_ranges_are_bounded() {
    // <4E0A> maps to U+4E00 + 0x4E0A in the first range.
    assert_eq!(text("cmap_range_flood.pdf"), "\u{9C0A}\u{9C0B}");
}

/// A `bfrange` destination of 8,000 UTF-16 units over 65,536 codes (2 GB of text before: out of
/// memory); destinations are cut to the 512 bytes the spec allows.
#[test]
fn a_long_cmap_destination_is_cut() {
    let t = text("cmap_long_dst.pdf");
    assert!(t.starts_with('一'), "{}", t.get(..40).unwrap_or(&t));
    assert!(t.chars().count() <= 2 * 256, "{} chars", t.chars().count());
}

/// 20,000 overlapping `0 65535 500` ranges in a CIDFont's `/W` (1.3 billion insertions: a hang).
#[test]
fn overlapping_cid_width_ranges_are_bounded() {
    assert_eq!(text("widths_flood.pdf"), "\u{4E0A}\u{4E0B}");
}

/// `/FirstChar 4294967295` with three `/Widths`: the character codes no longer overflow (a
/// panic with overflow checks on). The codes shown have no width, so the glyphs overlap and the
/// repeated `l` is taken for fake bold.
#[test]
fn first_char_at_the_top_of_the_range_does_not_overflow() {
    let t = text("firstchar_max.pdf");
    assert!(t.starts_with("He") && t.ends_with("lo"), "{t}");
}

/// A row of 300,000 empty cells that each span 64 columns (47 KB on disk): 19 million empty
/// cells were added to keep the columns aligned (3 million such cells ran out of memory). Padding
/// now stops at a row width far beyond Word's 63 columns; the real cells are all kept.
#[test]
fn spanning_cells_pad_a_row_only_to_a_bounded_width() {
    let name = "gridspan_flood.docx";
    let doc = read_bytes(name, &fixture(name), &Limits::default()).unwrap();
    assert_eq!(doc.format, Format::Docx);
    let mut lines = doc.text.lines();
    assert_eq!(lines.next(), Some("Start"));
    let row = lines.next().unwrap();
    assert!(row.starts_with('\t') && row.ends_with("\tEnd"));
    assert!(row.len() < 1_000_000, "{} bytes", row.len());
}

/// The body text of a DOCX fuzz fixture.
fn docx_text(name: &str) -> String {
    text_as(name, Format::Docx)
}

/// 50,000 `w:altChunk` references to the last of 1,000 relationships: each reference looked
/// through all relationships (quadratic: a 280 KB file of 50,000 × 50,000 took six seconds).
/// A missing chunk part is left out.
#[test]
fn many_chunk_references_are_looked_up_by_id() {
    assert_eq!(docx_text("chunk_refs.docx"), "Start\nEnd");
}

/// A `w:lvlText` of 20,000 `%1` on every numbered paragraph (a 16 KB file of 50,000 such
/// paragraphs ran out of memory): the prefix is cut once it reaches 256 bytes.
#[test]
fn a_long_level_text_gives_a_bounded_prefix() {
    let t = docx_text("long_lvltext.docx");
    let lines: Vec<&str> = t.lines().collect();
    assert_eq!(lines.len(), 2_000);
    // Cut at the first number that reaches 256 bytes (a number is at most a few characters).
    assert!(lines.iter().all(|l| l.len() <= 300 && l.ends_with(" Item")), "{}", lines[0]);
    assert!(lines[0].starts_with("一一一"), "{}", lines[0]);
}

/// A 30 MB document.xml that deflates a thousand times into 30 KB: under the package budget it
/// was read whole (10 million characters; extracting them took minutes). An entry may inflate
/// only 16 MB plus 100 bytes per compressed byte: a clear zip-bomb error.
#[test]
fn an_entry_that_inflates_a_thousand_times_is_a_zip_bomb() {
    let name = "inflate_ratio.docx";
    let err = read_bytes(name, &fixture(name), &Limits::default()).unwrap_err();
    assert!(matches!(err, IngestError::DecompressionLimit { .. }), "{err}");
    assert!(err.to_string().contains("zip bomb"), "{err}");
}

/// 10,000 `w:altChunk` references to one part of 1,000 lines (4 KB on disk): each reference
/// read and imported the part again (10 million lines). The part is read once and its repeats
/// stop at 4 MB of text; the rest of the body still follows.
#[test]
fn repeated_chunk_imports_are_bounded() {
    let t = docx_text("chunk_repeat.docx");
    let lines: Vec<&str> = t.lines().collect();
    assert_eq!((lines[0], lines[1]), ("Start", "第0行：被告人张某某。"));
    assert_eq!(lines.last(), Some(&"End"));
    assert!(t.len() <= 5 << 20, "{} bytes", t.len());
    assert!(lines.len() > 2 * 1_000, "{} lines", lines.len());
}
