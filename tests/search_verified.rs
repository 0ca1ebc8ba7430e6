//! The body clause (`index::verified`) and the bound-then-exact ranking (`index::rescore`) give
//! the same hits, scores and totals as the plain tantivy union they replace: for every word of
//! three characters or more, every phrase and every multi-word term drawn from a small generated
//! collection, compared with a `BooleanQuery` of `TermQuery`/`PhraseQuery` built here.
//!
//! Scores are compared to a few units in the last place: where a body clause is one of three or
//! more required clauses, tantivy may add the clauses in another order (it orders them by a cost
//! that, for its unions, depends on how far they have buffered), which can move the last bit.

use std::collections::BTreeMap;

use anguan::index::plan::{self, WORD_BOOST};
use anguan::index::query::{Node, parse};
use anguan::index::schema::Fields;
use anguan::index::tokenizer;
use anguan::index::verified::Mode;
use anguan::index::{IndexOptions, SearchOptions, Searcher, update};
use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::query::{BooleanQuery, BoostQuery, EnableScoring, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocSet, Term};

/// Sentences of fictitious case text; words recur inside longer words (被告人 / 被告单位,
/// 公诉机关 / 公诉), across punctuation (诉，诉机关) and in full-width / ASCII forms.
const PIECES: [&str; 24] = [
    "公诉机关指控，",
    "被告人张某某于２０２３年盗窃电动车一辆。",
    "被告单位李某公司",
    "公诉，诉机关指控",
    "判处有期徒刑六个月，并处罚金人民币二千元。",
    "犯盗窃罪，",
    "帮助信息网络犯罪活动罪",
    "被告人李某自愿认罪认罚，",
    "取保候审期间",
    "被告人被告人",
    "电动自行车电瓶4只，",
    "ABC公司待处理",
    "告人",
    "公诉机关",
    "指控被告人犯罪",
    "盗窃电瓶",
    "认罪认罚从宽",
    "被告",
    "哈哈哈哈",
    "机关指控的事实清楚，",
    "经审理查明，",
    "被害人王某",
    "诉机关指",
    "。",
];

/// xorshift: the same collection every run.
fn next(state: &mut u64) -> usize {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    (*state % 1_000_003) as usize
}

fn collection() -> (tempfile::TempDir, Searcher, Vec<String>) {
    let tmp = tempfile::tempdir().unwrap();
    let col = tmp.path().join("collection");
    let mut state = 0x2545_F491_4F6C_DD1D_u64;
    let mut texts = Vec::new();
    for i in 0..160 {
        let dir = col.join(format!("c{:03}", i / 2));
        std::fs::create_dir_all(&dir).unwrap();
        let n = 1 + next(&mut state) % 30;
        let text: String = (0..n).map(|_| PIECES[next(&mut state) % PIECES.len()]).collect();
        std::fs::write(dir.join(format!("d{i:03}.txt")), &text).unwrap();
        texts.push(text);
    }
    let idx = tmp.path().join("index");
    let opts = IndexOptions { threads: 1, heap_bytes: 20 << 20, ..IndexOptions::default() };
    update(&[col], &idx, &opts).unwrap();
    let s = Searcher::open(&idx).unwrap();
    (tmp, s, texts)
}

type Q = Box<dyn Query>;

/// The plan before body clauses: each side its own tantivy query, OR-ed.
fn reference(f: &Fields, node: &Node) -> Q {
    let term = |field, t: &str| -> Q {
        Box::new(TermQuery::new(Term::from_field_text(field, t), IndexRecordOption::WithFreqs))
    };
    let boosted = |q: Q| -> Q { Box::new(BoostQuery::new(q, WORD_BOOST)) };
    let any = |qs: Vec<Q>| -> Q {
        Box::new(BooleanQuery::new(qs.into_iter().map(|q| (Occur::Should, q)).collect()))
    };
    let word_phrase = |words: &[tokenizer::Term]| -> Q {
        match words {
            [only] => term(f.words, &only.text),
            _ => Box::new(PhraseQuery::new(
                words.iter().map(|w| Term::from_field_text(f.words, &w.text)).collect(),
            )),
        }
    };
    let word_q = |w: &str| -> Q {
        let mut qs = vec![boosted(term(f.words, w))];
        qs.extend(plan::bigram_phrase(f.bigrams, w));
        any(qs)
    };
    match node {
        Node::Term(s) => {
            let words = tokenizer::words(s);
            match words.as_slice() {
                [only] => word_q(&only.text),
                _ => {
                    let mut clauses: Vec<(Occur, Q)> =
                        words.iter().map(|w| (Occur::Must, word_q(&w.text))).collect();
                    clauses.extend(plan::bigram_phrase(f.bigrams, s).map(|q| (Occur::Should, q)));
                    clauses.push((Occur::Should, boosted(word_phrase(&words))));
                    Box::new(BooleanQuery::new(clauses))
                }
            }
        }
        Node::Phrase(s) => {
            let words = tokenizer::words(s);
            let mut qs: Vec<Q> = plan::bigram_phrase(f.bigrams, s).into_iter().collect();
            qs.push(boosted(word_phrase(&words)));
            any(qs)
        }
        Node::And(parts) => {
            Box::new(BooleanQuery::new(parts.iter().map(|p| (Occur::Must, reference(f, p))).collect()))
        }
        _ => unreachable!("only terms, phrases and AND are drawn"),
    }
}

/// Equal up to float summation order.
fn close(a: f32, b: f32) -> bool {
    (a - b).abs() <= 4.0 * f32::EPSILON * a.abs().max(b.abs())
}

/// Every matching document with its score.
fn scored(s: &Searcher, q: &dyn Query) -> BTreeMap<DocAddress, f32> {
    let searcher = s.index().reader().unwrap().searcher();
    let weight = q.weight(EnableScoring::enabled_from_searcher(&searcher)).unwrap();
    let mut out = BTreeMap::new();
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        let mut scorer = weight.scorer(reader, 1.0).unwrap();
        while scorer.doc() != tantivy::TERMINATED {
            out.insert(DocAddress::new(ord as u32, scorer.doc()), scorer.score());
            scorer.advance();
        }
    }
    out
}

/// Queries drawn from the texts: every word of 3+ characters, substrings of 3–7 characters as
/// phrases and as bare terms, and pairs of words.
fn queries(texts: &[String]) -> Vec<String> {
    let mut out = std::collections::BTreeSet::new();
    let mut state = 7_u64;
    for t in texts.iter().take(40) {
        for w in tokenizer::words(t) {
            if w.text.chars().count() >= 3 {
                out.insert(w.text.clone());
            }
        }
        let chars: Vec<char> = t.chars().collect();
        for _ in 0..4 {
            let start = next(&mut state) % chars.len().max(1);
            let len = 3 + next(&mut state) % 5;
            let sub: String = chars.iter().skip(start).take(len).collect();
            if sub.chars().filter(|c| tokenizer::is_term_char(*c)).count() >= 3
                && !sub.contains(['"', '，', '。'])
            {
                out.insert(format!("\"{sub}\""));
                out.insert(sub);
            }
        }
    }
    out.insert("被告人 公诉机关".into());
    out.insert("\"公诉机关指控\"".into());
    out.insert("盗窃电动车".into());
    out.into_iter().collect()
}

#[test]
fn body_clauses_match_and_score_like_the_plain_union() {
    let (_tmp, s, texts) = collection();
    let f = s.fields();
    let qs = queries(&texts);
    assert!(qs.len() > 60, "{}", qs.len());
    let mut bounded_above = 0;
    for q in &qs {
        let node = parse(q).unwrap();
        let want = scored(&s, reference(f, &node).as_ref());
        let exact = scored(&s, plan::build(f, &node).as_ref());
        assert_eq!(exact.keys().collect::<Vec<_>>(), want.keys().collect::<Vec<_>>(), "matches of {q}");
        for (doc, e) in &exact {
            assert!(close(*e, want[doc]), "{q}: exact {e} differs from {} for {doc:?}", want[doc]);
        }
        let bound = scored(&s, plan::build_in(f, &node, Mode::Bound).as_ref());
        assert_eq!(bound.keys().collect::<Vec<_>>(), want.keys().collect::<Vec<_>>(), "bound matches of {q}");
        for (doc, b) in &bound {
            assert!(*b >= exact[doc], "{q}: bound {b} below exact {} for {doc:?}", exact[doc]);
            bounded_above += usize::from(*b > exact[doc]);
        }
    }
    // The bound differs from the exact score somewhere (else the test proves little).
    assert!(bounded_above > 0);
}

#[test]
fn ranked_hits_and_totals_equal_the_plain_union() {
    let (_tmp, s, texts) = collection();
    let f = s.fields();
    let searcher = s.index().reader().unwrap().searcher();
    for q in queries(&texts) {
        let node = parse(&q).unwrap();
        if plan::expand_charge_aliases(node.clone()) != node {
            continue;
        }
        let reference = reference(f, &node);
        let total = searcher.search(reference.as_ref(), &Count).unwrap();
        let all = searcher.search(reference.as_ref(), &DocSetCollector).unwrap();
        assert_eq!(all.len(), total);
        for (limit, offset) in [(10, 0), (3, 2), (1, 0), (5, 40)] {
            let top = searcher
                .search(reference.as_ref(), &TopDocs::with_limit(limit).and_offset(offset).order_by_score())
                .unwrap();
            let opts = SearchOptions { limit, offset, snippets: 0, facets: true };
            let hits = s.search(&q, &opts).unwrap();
            assert_eq!(hits.total, total, "total of {q}");
            let what = format!("{q} (limit {limit}, offset {offset})");
            assert_eq!(hits.hits.len(), top.len(), "{what}");
            let file_of = |a: &DocAddress| {
                let doc: tantivy::TantivyDocument = searcher.doc(*a).unwrap();
                let file = doc
                    .get_first(f.file)
                    .and_then(|v| tantivy::schema::Value::as_str(&v).map(str::to_string));
                file.unwrap_or_default()
            };
            for (i, (hit, (score, addr))) in hits.hits.iter().zip(&top).enumerate() {
                assert!(close(hit.score, *score), "score {i} of {what}: {} vs {score}", hit.score);
                // The same document, unless two scores tie up to the last bits.
                let tied = |j: usize| top.get(j).is_some_and(|(s, _)| close(*s, *score));
                if hit.file != file_of(addr) {
                    assert!(tied(i + 1) || (i > 0 && tied(i - 1)), "hit {i} of {what}");
                }
            }
        }
    }
}
