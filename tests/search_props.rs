//! Property tests: the query parser and the highlighter never panic, and every highlight covers
//! exactly the characters of a query literal, on any mix of CJK, ASCII, full-width, emoji and
//! control characters.

use anguan::index::highlight::{Literal, highlight_ranges, snippets};
use anguan::index::query::parse;
use anguan::index::tokenizer::normalize;
use proptest::prelude::*;

fn mixed_char() -> impl Strategy<Value = char> {
    prop_oneof![
        prop::char::range('一', '龥'),
        prop::sample::select(vec!['犯', '罪', '活', '动', '处', '理', '待', '号', '元', '万']),
        prop::char::range('a', 'z'),
        prop::char::range('A', 'Z'),
        prop::char::range('0', '9'),
        prop::char::range('Ａ', 'Ｚ'),
        prop::char::range('０', '９'),
        prop::sample::select(vec![
            '，', '。', '、', '“', '”', ' ', '\u{3000}', '\n', '\t', '\u{c}', '😀', 'é', 'İ', '"', ':', '-',
            '(', ')'
        ]),
    ]
}

fn mixed_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(mixed_char(), 0..max).prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn parser_never_panics(q in mixed_text(60)) {
        let _ = parse(&q);
    }

    #[test]
    fn highlights_land_on_query_characters(text in mixed_text(400), picks in prop::collection::vec((0usize..400, 1usize..8), 1..4)) {
        let chars: Vec<char> = text.chars().collect();
        // Literals are substrings of the text (so they occur) plus one that may not.
        let mut lits: Vec<Literal> = picks
            .iter()
            .filter(|(s, _)| *s < chars.len())
            .map(|&(s, l)| Literal::new(chars[s..(s + l).min(chars.len())].iter().collect::<String>()))
            .collect();
        lits.push(Literal { text: normalize("犯罪活动"), fallback: vec!["处理".into()] });
        let norm: Vec<char> = normalize(&text).chars().collect();
        let ranges = highlight_ranges(&text, &lits);
        for w in ranges.windows(2) {
            prop_assert!(w[0].1 <= w[1].0, "overlap {:?}", ranges);
        }
        let wanted: Vec<String> = lits.iter().flat_map(|l| std::iter::once(l.text.clone()).chain(l.fallback.clone())).collect();
        for &(s, e) in &ranges {
            let got: String = norm[s..e].iter().collect();
            prop_assert!(wanted.contains(&got), "{got:?} not in {wanted:?}");
        }
        // Snippets show line breaks and tabs as spaces.
        let shown: Vec<String> = wanted.iter().map(|w| w.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()).collect();
        for snip in snippets(&text, &lits, 3) {
            let sc: Vec<char> = normalize(&snip.text).chars().collect();
            for [a, b] in snip.highlights {
                prop_assert!(a < b && b <= sc.len());
                let got: String = sc[a..b].iter().collect();
                prop_assert!(shown.contains(&got), "{got:?} not in {shown:?}");
            }
        }
    }
}

fn fixture_index() -> &'static (tempfile::TempDir, anguan::index::Searcher) {
    static IDX: std::sync::OnceLock<(tempfile::TempDir, anguan::index::Searcher)> =
        std::sync::OnceLock::new();
    IDX.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let col = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/search/collection");
        let opts = anguan::index::IndexOptions { threads: 1, heap_bytes: 20 << 20, ..Default::default() };
        anguan::index::update(&[col], tmp.path(), &opts).unwrap();
        let s = anguan::index::Searcher::open(tmp.path()).unwrap();
        (tmp, s)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn search_never_panics_and_highlights_are_in_bounds(q in mixed_text(24)) {
        let (_, s) = fixture_index();
        match s.search(&q, &anguan::index::SearchOptions::default()) {
            Ok(hits) => {
                for h in hits.hits {
                    for snip in h.snippets {
                        let n = snip.text.chars().count();
                        prop_assert!(snip.highlights.iter().all(|[a, b]| a < b && *b <= n));
                    }
                }
            }
            Err(anguan::index::IndexError::Query(_)) => {}
            Err(e) => prop_assert!(false, "{e}"),
        }
    }
}
