//! Search over a small fictitious collection (tests/fixtures/search): each failure mode of
//! Chinese search named in issue 3 is shown absent.

use std::path::{Path, PathBuf};

use anguan::index::similar::Probe;
use anguan::index::{IndexError, IndexOptions, Indexer, SearchOptions, Searcher, update};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/search/collection")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let target = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &target);
        } else {
            std::fs::copy(&p, &target).unwrap();
        }
    }
}

fn opts() -> IndexOptions {
    IndexOptions { threads: 1, heap_bytes: 20 * 1024 * 1024, ..IndexOptions::default() }
}

/// A fresh copy of the collection and an index over it.
fn indexed() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let col = tmp.path().join("collection");
    copy_dir(&fixture(), &col);
    let idx = tmp.path().join("index");
    let s = update(std::slice::from_ref(&col), &idx, &opts()).unwrap();
    assert_eq!((s.cases, s.added, s.errors.len()), (4, 5, 0), "{s:?}");
    (tmp, col, idx)
}

fn keys(s: &Searcher, q: &str) -> Vec<String> {
    let hits = s.search(q, &SearchOptions { limit: 50, ..SearchOptions::default() }).unwrap();
    assert_eq!(hits.total, hits.hits.len(), "{q}");
    hits.hits.iter().map(|h| format!("{}/{}", h.case, h.file)).collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn substring_inside_a_longer_word_is_found() {
    let (_t, _c, idx) = indexed();
    let s = Searcher::open(&idx).unwrap();
    // 帮助信息网络犯罪活动罪 is one word of the legal dictionary; 待处理 holds 处理.
    assert_eq!(keys(&s, "犯罪活动"), vec!["c02/起诉书.txt"]);
    assert_eq!(keys(&s, "网络犯罪"), vec!["c02/起诉书.txt"]);
    // "处理" is a word in c04 and a substring of 待处理 in c02: both found, the word first.
    assert_eq!(keys(&s, "处理"), vec!["c04/起诉意见书.txt", "c02/起诉书.txt"]);
}

#[test]
fn multi_character_term_is_not_a_silent_phrase() {
    let (_t, _c, idx) = indexed();
    let s = Searcher::open(&idx).unwrap();
    // 盗窃 … 电瓶 are not adjacent in the text: the bare term needs both words, not the phrase.
    assert_eq!(keys(&s, "盗窃电瓶"), vec!["c01/起诉书.txt"]);
    // Adjacent words rank first: 电动自行车电瓶 as written in c01.
    assert_eq!(keys(&s, "电动自行车电瓶"), vec!["c01/起诉书.txt"]);
    // A quoted phrase needs its characters in order.
    assert!(keys(&s, "\"盗窃电瓶\"").is_empty());
}

#[test]
fn phrases_with_legal_terms() {
    let (_t, _c, idx) = indexed();
    let s = Searcher::open(&idx).unwrap();
    assert_eq!(
        sorted(keys(&s, "\"自愿认罪认罚\"")),
        vec!["c01/起诉书.txt", "c01/量刑建议书.txt", "c03/不起诉决定书.txt"]
    );
    assert_eq!(keys(&s, "\"认罪认罚，并签署\""), vec!["c01/起诉书.txt"]);
    assert_eq!(keys(&s, "“犯罪活动罪”"), vec!["c02/起诉书.txt"]);
    assert_eq!(keys(&s, "\"涉嫌危险驾驶罪于2022年9月1日被取保候审\""), vec!["c03/不起诉决定书.txt"]);
}

#[test]
fn boolean_operators() {
    let (_t, _c, idx) = indexed();
    let s = Searcher::open(&idx).unwrap();
    assert_eq!(sorted(keys(&s, "诈骗 OR 危险驾驶")), vec!["c03/不起诉决定书.txt", "c04/起诉意见书.txt"]);
    assert_eq!(keys(&s, "认罪认罚 -盗窃"), vec!["c03/不起诉决定书.txt"]);
    assert_eq!(keys(&s, "认罪认罚 NOT 盗窃 NOT 起诉书"), vec!["c03/不起诉决定书.txt"]);
    assert_eq!(keys(&s, "（诈骗 OR 盗窃） AND 电瓶"), vec!["c01/起诉书.txt"]);
    assert_eq!(keys(&s, "-认罪认罚 -盗窃 -诈骗"), vec!["c02/起诉书.txt"]);
}

#[test]
fn filters() {
    let (_t, _c, idx) = indexed();
    let s = Searcher::open(&idx).unwrap();
    assert_eq!(sorted(keys(&s, "类型:起诉书")), vec!["c01/起诉书.txt", "c02/起诉书.txt"]);
    assert_eq!(sorted(keys(&s, "罪名:盗窃罪")), vec!["c01/起诉书.txt", "c01/量刑建议书.txt"]);
    assert_eq!(sorted(keys(&s, "罪名：盗窃")), vec!["c01/起诉书.txt", "c01/量刑建议书.txt"]);
    assert_eq!(sorted(keys(&s, "院:朝阳")), vec!["c01/起诉书.txt", "c01/量刑建议书.txt"]);
    assert_eq!(
        sorted(keys(&s, "日期:2023-01-01..2023-06-30")),
        vec!["c01/起诉书.txt", "c01/量刑建议书.txt", "c04/起诉意见书.txt"]
    );
    assert_eq!(keys(&s, "日期:..2022"), vec!["c03/不起诉决定书.txt"]);
    assert_eq!(keys(&s, "认罪认罚 类型:起诉书 日期:2023"), vec!["c01/起诉书.txt"]);
    assert_eq!(keys(&s, "案件:c02"), vec!["c02/起诉书.txt"]);
}

#[test]
fn facets_count_all_matches() {
    let (_t, _c, idx) = indexed();
    let s = Searcher::open(&idx).unwrap();
    let hits = s.search("认罪认罚", &SearchOptions { limit: 1, ..SearchOptions::default() }).unwrap();
    assert_eq!((hits.total, hits.hits.len()), (3, 1));
    let f = hits.facets.unwrap();
    let pairs = |v: &[anguan::index::search::FacetCount]| {
        v.iter().map(|c| (c.value.clone(), c.count)).collect::<Vec<_>>()
    };
    assert_eq!(
        pairs(&f.doc_type),
        vec![("不起诉决定书".into(), 1), ("起诉书".into(), 1), ("量刑建议书".into(), 1)]
    );
    assert_eq!(pairs(&f.charge), vec![("盗窃罪".into(), 2), ("危险驾驶罪".into(), 1)]);
    assert_eq!(pairs(&f.year), vec![("2023".into(), 2), ("2022".into(), 1)]);
    assert_eq!(
        pairs(&f.court),
        vec![("北京市朝阳区人民检察院".into(), 2), ("北京市海淀区人民检察院".into(), 1)]
    );
}

#[test]
fn highlights_on_mixed_chinese_ascii_full_width_text() {
    let (_t, _c, idx) = indexed();
    let s = Searcher::open(&idx).unwrap();
    for (q, want) in [
        ("qq号", vec!["ＱＱ号"]),
        ("APP", vec!["ＡＰＰ"]),
        ("32万元", vec!["３２万元"]),
        ("\"6,850元\"", vec!["6,850元"]),
        ("95mg", vec!["95mg"]),
        ("犯罪活动", vec!["犯罪活动", "犯罪活动"]),
    ] {
        let hits = s.search(q, &SearchOptions::default()).unwrap();
        assert_eq!(hits.total, 1, "{q}");
        let mut got: Vec<String> = Vec::new();
        for snip in &hits.hits[0].snippets {
            let chars: Vec<char> = snip.text.chars().collect();
            got.extend(snip.highlights.iter().map(|[a, b]| chars[*a..*b].iter().collect::<String>()));
        }
        assert_eq!(got, want, "{q}: {:?}", hits.hits[0].snippets);
    }
}

#[test]
fn json_output_follows_spec_section_5() {
    let (_t, _c, idx) = indexed();
    let s = Searcher::open(&idx).unwrap();
    let hits = s.search("电瓶", &SearchOptions::default()).unwrap();
    let v: serde_json::Value = serde_json::to_value(&hits).unwrap();
    assert_eq!(v["schema"], "anguan.hits/1");
    assert_eq!(v["query"], "电瓶");
    assert_eq!(v["total"], 1);
    assert!(v["took_ms"].is_u64());
    let h = &v["hits"][0];
    assert_eq!(
        (h["case"].as_str(), h["file"].as_str(), h["type"].as_str()),
        (Some("c01"), Some("起诉书.txt"), Some("起诉书"))
    );
    assert!(h["score"].as_f64().unwrap() > 0.0);
    let snip = &h["snippets"][0];
    let text: Vec<char> = snip["text"].as_str().unwrap().chars().collect();
    let [a, b] = [
        snip["highlights"][0][0].as_u64().unwrap() as usize,
        snip["highlights"][0][1].as_u64().unwrap() as usize,
    ];
    assert_eq!(text[a..b].iter().collect::<String>(), "电瓶");
}

#[test]
fn query_syntax_errors_are_clear() {
    let (_t, _c, idx) = indexed();
    let s = Searcher::open(&idx).unwrap();
    for bad in ["\"盗窃", "(盗窃 OR", "日期:2023-02-30", "盗窃 AND", ""] {
        match s.search(bad, &SearchOptions::default()) {
            Err(IndexError::Query(e)) => {
                assert!(e.to_string().starts_with("query error at character"), "{e}")
            }
            other => panic!("{bad}: {other:?}"),
        }
    }
    assert!(matches!(Searcher::open(&idx.join("nope")), Err(IndexError::Missing(_))));
}

#[test]
fn incremental_update_follows_edits_additions_and_deletions() {
    let (_t, col, idx) = indexed();
    std::fs::write(
        col.join("c03/不起诉决定书.txt"),
        "北京市海淀区人民检察院\n不起诉决定书\n被不起诉人李某，补充了醉驾复核意见。\n2022年12月1日\n",
    )
    .unwrap();
    std::fs::create_dir_all(col.join("c05")).unwrap();
    std::fs::write(
        col.join("c05/起诉书.txt"),
        "天津市河西区人民检察院\n起诉书\n被告人刘某涉嫌非法拘禁罪。\n2024年1月2日\n",
    )
    .unwrap();
    std::fs::remove_file(col.join("c04/起诉意见书.txt")).unwrap();
    let s = update(std::slice::from_ref(&col), &idx, &opts()).unwrap();
    assert_eq!((s.added, s.updated, s.removed, s.unchanged), (1, 1, 1, 3), "{s:?}");
    let searcher = Searcher::open(&idx).unwrap();
    assert_eq!(keys(&searcher, "醉驾复核"), vec!["c03/不起诉决定书.txt"]);
    assert!(keys(&searcher, "危险驾驶").is_empty());
    assert!(keys(&searcher, "诈骗").is_empty());
    assert_eq!(keys(&searcher, "非法拘禁"), vec!["c05/起诉书.txt"]);
    assert_eq!(searcher.num_docs(), 5);
    // A rerun with nothing changed re-reads nothing.
    let again = update(std::slice::from_ref(&col), &idx, &opts()).unwrap();
    assert_eq!((again.added, again.updated, again.removed, again.unchanged), (0, 0, 0, 5));
}

#[test]
fn interrupted_indexing_leaves_the_last_commit_searchable() {
    let (_t, col, idx) = indexed();
    let manifest = std::fs::read(idx.join(anguan::index::writer::MANIFEST)).unwrap();
    std::fs::write(
        col.join("c02/起诉书.txt"),
        "上海市浦东新区人民检察院\n起诉书\n改写后的文本：掩饰隐瞒犯罪所得。\n",
    )
    .unwrap();
    std::fs::remove_file(col.join("c04/起诉意见书.txt")).unwrap();
    {
        // Stage the changes and stop before committing (a killed run).
        let mut indexer = Indexer::open(&idx, &opts()).unwrap();
        let staged = indexer.stage(std::slice::from_ref(&col)).unwrap();
        assert_eq!((staged.updated, staged.removed), (1, 1));
    }
    assert_eq!(std::fs::read(idx.join(anguan::index::writer::MANIFEST)).unwrap(), manifest);
    let s = Searcher::open(&idx).unwrap();
    assert_eq!(keys(&s, "犯罪活动"), vec!["c02/起诉书.txt"]);
    assert_eq!(keys(&s, "诈骗"), vec!["c04/起诉意见书.txt"]);
    assert!(keys(&s, "掩饰隐瞒").is_empty());
    // The next run picks the changes up.
    let done = update(std::slice::from_ref(&col), &idx, &opts()).unwrap();
    assert_eq!((done.updated, done.removed), (1, 1));
    let s = Searcher::open(&idx).unwrap();
    assert_eq!(keys(&s, "掩饰隐瞒"), vec!["c02/起诉书.txt"]);
    assert!(keys(&s, "犯罪活动").is_empty());
    assert!(keys(&s, "诈骗").is_empty());
}

#[test]
fn similar_cases_rank_by_facts_and_charge() {
    let (_t, col, idx) = indexed();
    let s = Searcher::open(&idx).unwrap();
    let probe =
        Probe::from_text("被告人在小区地下车库多次窃得电动自行车电瓶，价值人民币三千元，构成盗窃罪。");
    let hits = s
        .similar(&probe, &SearchOptions { limit: 3, snippets: 1, facets: false, ..SearchOptions::default() })
        .unwrap();
    assert_eq!(hits.schema, "anguan.hits/1");
    assert_eq!(hits.hits[0].case, "c01");
    assert!(!hits.hits[0].snippets[0].highlights.is_empty());
    // A file of the collection finds other cases, not its own.
    let probe = Probe::from_file(&col.join("c01/起诉书.txt"), &Default::default()).unwrap();
    let hits = s.similar(&probe, &SearchOptions { limit: 3, ..SearchOptions::default() }).unwrap();
    assert!(hits.hits.iter().all(|h| h.case != "c01"), "{hits:?}");
}

#[test]
fn cli_search_and_similar_print_json() {
    let (_t, col, idx) = indexed();
    let bin = env!("CARGO_BIN_EXE_anguan");
    let out = std::process::Command::new(bin)
        .args(["search", "罪名:盗窃罪 认罪认罚", "--json", "--index"])
        .arg(&idx)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((v["schema"].as_str(), v["total"].as_u64()), (Some("anguan.hits/1"), Some(2)));
    let out = std::process::Command::new(bin)
        .args(["similar", "--json", "--file"])
        .arg(col.join("c03/不起诉决定书.txt"))
        .arg("--index")
        .arg(&idx)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema"], "anguan.hits/1");
    let out =
        std::process::Command::new(bin).args(["search", "\"盗窃", "--index"]).arg(&idx).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unterminated quote"));
}

/// What `anguan segment` prints for `input` on its standard input.
fn segment_stdin(input: &str) -> String {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_anguan"))
        .arg("segment")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    String::from_utf8(child.wait_with_output().unwrap().stdout).unwrap()
}

#[test]
fn cli_segment_keeps_legal_terms_whole() {
    assert_eq!(
        segment_stdin("被告人犯帮助信息网络犯罪活动罪，被取保候审。\n\n检察院提出量刑建议书，认罪认罚。\n"),
        "被告人 犯 帮助信息网络犯罪活动罪 ， 被 取保候审 。\n\n检察院 提出 量刑建议书 ， 认罪认罚 。\n"
    );
}

#[test]
fn cli_segment_answers_line_for_line() {
    // Blank lines — leading, runs of three, trailing — each give an empty output line, so the
    // output aligns with the input (the SIGHAN PKU test file ends with a blank line).
    let input = "\n盗窃\r\n\n\n\n认罪认罚\n\n";
    let out = segment_stdin(input);
    assert_eq!(out.lines().count(), input.lines().count());
    assert_eq!(out, "\n盗窃\n\n\n\n认罪认罚\n\n");
}

#[test]
fn a_charge_alias_finds_the_charge() {
    let (_tmp, _col, idx) = indexed();
    let s = Searcher::open(&idx).unwrap();
    let charge = keys(&s, "危险驾驶罪");
    assert!(!charge.is_empty());
    // Nobody writes 醉驾 in a 不起诉决定书; the reviewer still finds the drunk-driving case.
    let alias = keys(&s, "醉驾");
    for k in &charge {
        assert!(alias.contains(k), "{k} not found by 醉驾: {alias:?}");
    }
}

#[test]
fn a_phrase_never_runs_on_across_punctuation() {
    let tmp = tempfile::tempdir().unwrap();
    let case = tmp.path().join("collection/c01");
    std::fs::create_dir_all(&case).unwrap();
    let text = "北京市朝阳区人民检察院\n起诉书\n被告人张某某多次盗窃，窃取他人财物。\n";
    std::fs::write(case.join("起诉书.txt"), text).unwrap();
    let idx = tmp.path().join("index");
    update(&[tmp.path().join("collection")], &idx, &opts()).unwrap();
    let s = Searcher::open(&idx).unwrap();
    // 盗窃 and 窃取 are pairs of the text, but not adjacent ones: "盗窃取" is not in it.
    assert!(keys(&s, "\"盗窃取\"").is_empty());
    assert!(keys(&s, "\"次盗窃窃取\"").is_empty());
    assert_eq!(keys(&s, "\"多次盗窃\""), vec!["c01/起诉书.txt"]);
    assert_eq!(keys(&s, "\"窃取他人\""), vec!["c01/起诉书.txt"]);
    assert_eq!(keys(&s, "\"盗窃，窃取\""), vec!["c01/起诉书.txt"]);
}

#[test]
fn an_index_built_by_older_analyzers_is_indexed_again() {
    let (_t, col, idx) = indexed();
    // The manifest of an index from before the analyzers were versioned has no `analyzers`.
    let path = idx.join(anguan::index::writer::MANIFEST);
    let mut m: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(m["analyzers"], "2");
    m.as_object_mut().unwrap().remove("analyzers");
    std::fs::write(&path, serde_json::to_vec(&m).unwrap()).unwrap();
    std::fs::remove_file(col.join("c04/起诉意见书.txt")).unwrap();
    let s = update(std::slice::from_ref(&col), &idx, &opts()).unwrap();
    assert_eq!((s.added, s.updated, s.removed, s.unchanged), (0, 4, 1, 0), "{s:?}");
    let searcher = Searcher::open(&idx).unwrap();
    assert_eq!(searcher.num_docs(), 4);
    assert_eq!(keys(&searcher, "犯罪活动"), vec!["c02/起诉书.txt"]);
    let again = update(std::slice::from_ref(&col), &idx, &opts()).unwrap();
    assert_eq!((again.updated, again.unchanged), (0, 4), "{again:?}");
}

#[test]
fn an_index_of_the_first_layout_opens_and_follows_updates() {
    // The first layout stored the body in its own `text` field beside an unstored `words`.
    use tantivy::schema::{FAST, INDEXED, IndexRecordOption, STORED, STRING, TextFieldIndexing, TextOptions};
    let analysed = |t: &str, r| {
        TextOptions::default()
            .set_indexing_options(TextFieldIndexing::default().set_tokenizer(t).set_index_option(r))
    };
    let (pos, freqs) = (IndexRecordOption::WithFreqsAndPositions, IndexRecordOption::WithFreqs);
    let mut b = tantivy::schema::Schema::builder();
    for name in ["key", "case", "file", "doc_number", "hash"] {
        b.add_text_field(name, STRING | STORED);
    }
    for name in ["type", "charge", "court"] {
        b.add_text_field(name, STRING | STORED | FAST);
    }
    b.add_text_field("court_bigrams", analysed("anguan_bigrams", pos));
    b.add_u64_field("date", INDEXED | STORED | FAST);
    b.add_u64_field("year", INDEXED | FAST);
    b.add_text_field("text", STORED);
    b.add_text_field("words", analysed("anguan_words", pos));
    b.add_text_field("bigrams", analysed("anguan_bigrams", pos));
    b.add_text_field("facts", analysed("anguan_facts", freqs));
    let tmp = tempfile::tempdir().unwrap();
    let col = tmp.path().join("collection");
    copy_dir(&fixture(), &col);
    let idx = tmp.path().join("index");
    std::fs::create_dir_all(&idx).unwrap();
    tantivy::Index::create_in_dir(&idx, b.build()).unwrap();

    let s = update(std::slice::from_ref(&col), &idx, &opts()).unwrap();
    assert_eq!((s.added, s.errors.len()), (5, 0), "{s:?}");
    let searcher = Searcher::open(&idx).unwrap();
    assert_eq!(keys(&searcher, "犯罪活动"), vec!["c02/起诉书.txt"]);
    let hits = searcher.search("犯罪活动", &SearchOptions::default()).unwrap();
    assert!(hits.hits[0].snippets.iter().any(|s| s.text.contains("犯罪活动")), "{hits:?}");
    std::fs::write(
        col.join("c02/起诉书.txt"),
        "上海市浦东新区人民检察院\n起诉书\n改写后的文本：掩饰隐瞒犯罪所得。\n",
    )
    .unwrap();
    let s = update(std::slice::from_ref(&col), &idx, &opts()).unwrap();
    assert_eq!((s.updated, s.unchanged), (1, 4), "{s:?}");
    let searcher = Searcher::open(&idx).unwrap();
    assert_eq!(searcher.num_docs(), 5);
    assert!(keys(&searcher, "犯罪活动").is_empty());
    let hits = searcher.search("掩饰隐瞒", &SearchOptions::default()).unwrap();
    assert_eq!(hits.total, 1);
    assert!(hits.hits[0].snippets.iter().any(|s| s.text.contains("掩饰隐瞒")), "{hits:?}");
    // The layout is kept: the body is still stored in `text`.
    let schema = tantivy::Index::open_in_dir(&idx).unwrap().schema();
    assert!(schema.get_field("text").is_ok());
}

#[test]
fn a_manifest_behind_its_index_never_doubles_a_document() {
    // A run that stopped between its commit and its manifest: the next one re-reads every file.
    let (_t, col, idx) = indexed();
    std::fs::remove_file(idx.join(anguan::index::writer::MANIFEST)).unwrap();
    let s = update(std::slice::from_ref(&col), &idx, &opts()).unwrap();
    assert_eq!(s.added, 5, "{s:?}");
    let searcher = Searcher::open(&idx).unwrap();
    assert_eq!(searcher.num_docs(), 5);
    assert_eq!(keys(&searcher, "犯罪活动"), vec!["c02/起诉书.txt"]);
}

#[test]
fn a_case_named_twice_in_a_fresh_build_is_indexed_once() {
    let tmp = tempfile::tempdir().unwrap();
    let (first, second) = (tmp.path().join("a"), tmp.path().join("b"));
    copy_dir(&fixture(), &first);
    copy_dir(&fixture(), &second);
    std::fs::write(second.join("c02/起诉书.txt"), "上海市浦东新区人民检察院\n起诉书\n掩饰隐瞒犯罪所得。\n")
        .unwrap();
    let idx = tmp.path().join("index");
    update(&[first, second], &idx, &opts()).unwrap();
    let searcher = Searcher::open(&idx).unwrap();
    assert_eq!(searcher.num_docs(), 5);
    assert!(keys(&searcher, "犯罪活动").is_empty());
    assert_eq!(keys(&searcher, "掩饰隐瞒"), vec!["c02/起诉书.txt"]);
}

#[test]
fn an_oversize_file_is_reported_without_being_read_and_the_rest_stays() {
    let (_t, col, idx) = indexed();
    // 200 MB, sparse: over the default 100 MB limit, and never read whole to be hashed.
    std::fs::File::create(col.join("c01/巨大.txt")).unwrap().set_len(200 * 1024 * 1024).unwrap();
    let s = update(std::slice::from_ref(&col), &idx, &opts()).unwrap();
    assert_eq!((s.files, s.unchanged, s.added, s.removed), (6, 5, 0, 0), "{s:?}");
    assert_eq!(s.errors.len(), 1, "{s:?}");
    assert_eq!(s.errors[0].file, "c01/巨大.txt");
    assert!(s.errors[0].error.contains("file too large"), "{}", s.errors[0].error);
    let searcher = Searcher::open(&idx).unwrap();
    assert_eq!(sorted(keys(&searcher, "\"自愿认罪认罚\"")).len(), 3);
}

#[test]
fn a_changed_file_that_cannot_be_read_keeps_its_indexed_version() {
    let (_t, col, idx) = indexed();
    // One document replaced by bytes that are no text, another grown past the size limit.
    let binary: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 256) as u8).collect();
    std::fs::write(col.join("c02/起诉书.txt"), binary).unwrap();
    std::fs::OpenOptions::new()
        .write(true)
        .open(col.join("c03/不起诉决定书.txt"))
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    let s = update(std::slice::from_ref(&col), &idx, &opts()).unwrap();
    assert_eq!((s.unchanged, s.updated, s.removed, s.kept), (3, 0, 0, 2), "{s:?}");
    let mut errors: Vec<_> = s.errors.iter().map(|e| (e.file.as_str(), e.error.as_str())).collect();
    errors.sort();
    assert_eq!(errors.len(), 2, "{s:?}");
    assert_eq!(errors[0].0, "c02/起诉书.txt");
    assert_eq!(errors[1].0, "c03/不起诉决定书.txt");
    assert!(errors.iter().all(|(_, e)| e.contains("the version indexed before is kept")), "{errors:?}");
    assert!(errors[1].1.contains("file too large"), "{errors:?}");
    let searcher = Searcher::open(&idx).unwrap();
    assert_eq!(searcher.num_docs(), 5);
    assert_eq!(keys(&searcher, "犯罪活动"), vec!["c02/起诉书.txt"]);
    assert_eq!(keys(&searcher, "血液酒精含量"), vec!["c03/不起诉决定书.txt"]);
    // Still kept (and tried again) on the next run; once the file is readable, it is replaced.
    let again = update(std::slice::from_ref(&col), &idx, &opts()).unwrap();
    assert_eq!((again.kept, again.removed), (2, 0), "{again:?}");
    std::fs::write(col.join("c02/起诉书.txt"), "上海市浦东新区人民检察院\n起诉书\n掩饰隐瞒犯罪所得。\n")
        .unwrap();
    let fixed = update(std::slice::from_ref(&col), &idx, &opts()).unwrap();
    assert_eq!((fixed.updated, fixed.kept), (1, 1), "{fixed:?}");
    let searcher = Searcher::open(&idx).unwrap();
    assert!(keys(&searcher, "犯罪活动").is_empty());
    assert_eq!(keys(&searcher, "掩饰隐瞒"), vec!["c02/起诉书.txt"]);
}

#[test]
fn a_new_file_that_cannot_be_read_is_reported_and_nothing_is_lost() {
    let (_t, col, idx) = indexed();
    std::fs::write(col.join("c01/损坏.pdf"), b"%PDF-1.7\n1 0 obj <<").unwrap();
    let s = update(std::slice::from_ref(&col), &idx, &opts()).unwrap();
    assert_eq!((s.unchanged, s.added, s.kept, s.removed), (5, 0, 0, 0), "{s:?}");
    assert_eq!(s.errors.len(), 1, "{s:?}");
    assert_eq!(s.errors[0].file, "c01/损坏.pdf");
    assert!(!s.errors[0].error.contains("kept"), "{}", s.errors[0].error);
    assert_eq!(Searcher::open(&idx).unwrap().num_docs(), 5);
}
