//! A parsed query ([`Node`]) turned into a tantivy query over the two body fields, and the
//! literal strings to highlight.
//!
//! Each query text is analysed with each field's own analyzer ([`tokenizer::words`],
//! [`tokenizer::bigrams`]):
//!
//! * a word `w` (one jieba word) matches the word field's term (boost [`WORD_BOOST`]) or the
//!   bigram phrase of `w` (its exact characters, also inside longer words: "处理" in "待处理");
//! * a bare multi-word term (`盗窃电动车`) needs each of its words (as above) and ranks documents
//!   where they are adjacent first (bigram phrase and word phrase as optional clauses): it never
//!   silently becomes a phrase that misses;
//! * a "phrase" matches its exact characters (bigram phrase) or its words in order (word phrase);
//! * a single character matches bigrams that start or end with it;
//! * filters are constant-score clauses that do not change the ranking.
//!
//! Where a word side and a character phrase go together, they form one
//! [`BodyClause`](super::verified::BodyClause) (same matches and scores as the `OR` of the two),
//! built in a [`Mode`]: `Bound` for counting and facets with few position reads, `Exact` for
//! the final ranking ([`super::rescore`]).

use std::ops::Bound;

use tantivy::Term;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery, Query, RangeQuery,
    RegexQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};

use super::highlight::Literal;
use super::query::{Filter, Node};
use super::schema::Fields;
use super::tokenizer::{self, normalize};
use super::verified::{BodyClause, Mode, Side};

/// Weight of a word-field match relative to a bigram match: exact words rank first.
pub const WORD_BOOST: f32 = 3.0;

type Q = Box<dyn Query>;

fn term_q(field: Field, text: &str) -> Q {
    Box::new(TermQuery::new(Term::from_field_text(field, text), IndexRecordOption::WithFreqs))
}

fn boost(q: Q, b: f32) -> Q {
    Box::new(BoostQuery::new(q, b))
}

fn any(qs: Vec<Q>) -> Q {
    Box::new(BooleanQuery::new(qs.into_iter().map(|q| (Occur::Should, q)).collect()))
}

/// The exact characters of `s` in the bigram field (`None` when `s` has no term characters).
pub fn bigram_phrase(field: Field, s: &str) -> Option<Q> {
    let terms = tokenizer::bigrams(s);
    match terms.as_slice() {
        [] => None,
        [only] if only.text.chars().count() == 1 => {
            // A single letter, digit or CJK character: bigrams starting or ending with it, or itself.
            let c = regex_escape(&only.text);
            RegexQuery::from_pattern(&format!("{c}.?|.{c}"), field).ok().map(|q| Box::new(q) as Q)
        }
        [only] => Some(term_q(field, &only.text)),
        _ => Some(Box::new(PhraseQuery::new_with_offset(
            terms.iter().map(|t| (t.position, Term::from_field_text(field, &t.text))).collect(),
        ))),
    }
}

fn regex_escape(s: &str) -> String {
    s.chars().map(|c| if c.is_alphanumeric() { c.to_string() } else { format!("\\{c}") }).collect()
}

/// The words of `s` in order in the word field.
fn word_phrase(field: Field, words: &[tokenizer::Term]) -> Option<Q> {
    match words {
        [] => None,
        [only] => Some(term_q(field, &only.text)),
        _ => Some(Box::new(PhraseQuery::new(
            words.iter().map(|t| Term::from_field_text(field, &t.text)).collect(),
        ))),
    }
}

/// The word side (`words` in order, boosted) OR the bigram phrase of `s` as one
/// [`BodyClause`], when the bigram side is a phrase of two pairs or more (the case where positions
/// cost); `None` otherwise.
fn body_clause(f: &Fields, words: &[tokenizer::Term], s: &str, mode: Mode, optional: bool) -> Option<Q> {
    let pairs = tokenizer::bigrams(s);
    if pairs.len() < 2 || words.is_empty() {
        return None;
    }
    let word = Side::consecutive(words.iter().map(|w| Term::from_field_text(f.words, &w.text)), WORD_BOOST);
    let chars = Side {
        terms: pairs.iter().map(|t| (t.position, Term::from_field_text(f.bigrams, &t.text))).collect(),
        boost: 1.0,
    };
    Some(Box::new(BodyClause { word, chars, mode, optional }))
}

/// One word: the word term or its characters.
fn word_q(f: &Fields, word: &tokenizer::Term, mode: Mode) -> Q {
    if let Some(q) = body_clause(f, std::slice::from_ref(word), &word.text, mode, false) {
        return q;
    }
    let mut qs = vec![boost(term_q(f.words, &word.text), WORD_BOOST)];
    qs.extend(bigram_phrase(f.bigrams, &word.text));
    any(qs)
}

fn bare_term(f: &Fields, s: &str, mode: Mode) -> Q {
    let words = tokenizer::words(s);
    match words.as_slice() {
        [] => bigram_phrase(f.bigrams, s).unwrap_or_else(|| Box::new(EmptyQuery)),
        [only] => word_q(f, only, mode),
        _ => {
            let mut clauses: Vec<(Occur, Q)> =
                words.iter().map(|w| (Occur::Must, word_q(f, w, mode))).collect();
            if let Some(q) = body_clause(f, &words, s, mode, true) {
                clauses.push((Occur::Should, q));
            } else {
                if let Some(q) = bigram_phrase(f.bigrams, s) {
                    clauses.push((Occur::Should, q));
                }
                if let Some(q) = word_phrase(f.words, &words) {
                    clauses.push((Occur::Should, boost(q, WORD_BOOST)));
                }
            }
            Box::new(BooleanQuery::new(clauses))
        }
    }
}

fn phrase(f: &Fields, s: &str, mode: Mode) -> Q {
    let words = tokenizer::words(s);
    if let Some(q) = body_clause(f, &words, s, mode, false) {
        return q;
    }
    let mut qs = Vec::new();
    qs.extend(bigram_phrase(f.bigrams, s));
    if words.len() > 1 {
        qs.extend(word_phrase(f.words, &words).map(|q| boost(q, WORD_BOOST)));
    } else if let [only] = words.as_slice() {
        qs.push(boost(term_q(f.words, &only.text), WORD_BOOST));
    }
    if qs.is_empty() { Box::new(EmptyQuery) } else { any(qs) }
}

fn filter_q(f: &Fields, filter: &Filter) -> Q {
    let q: Q = match filter {
        Filter::Type(v) => term_q(f.doc_type, v),
        Filter::Charge(v) => term_q(f.charge, v),
        Filter::Case(v) => term_q(f.case, v),
        Filter::File(v) => term_q(f.file, v),
        Filter::Court(v) => bigram_phrase(f.court_bigrams, v).unwrap_or_else(|| Box::new(EmptyQuery)),
        Filter::Date(lo, hi) => {
            let b = |v: &Option<u64>| {
                v.map_or(Bound::Unbounded, |n| Bound::Included(Term::from_field_u64(f.date, n)))
            };
            Box::new(RangeQuery::new(b(lo), b(hi)))
        }
    };
    Box::new(ConstScoreQuery::new(q, 0.0))
}

/// A natural-language text (a question, a pasted paragraph) as a ranked OR, no syntax: every
/// distinct word of the text on the word field and every distinct character pair on the bigram
/// field, with equal weights. (On the CJRC questions this beat words alone, words plus bigram
/// phrases of the words, and plain BM25 over Python jieba tokens; see `anguan bench search`.)
pub fn free_text(f: &Fields, text: &str) -> (Q, Vec<Literal>) {
    let mut words: Vec<String> = tokenizer::words(text).into_iter().map(|t| t.text).collect();
    words.sort();
    words.dedup();
    let mut pairs: Vec<String> = tokenizer::bigrams(text).into_iter().map(|t| t.text).collect();
    pairs.sort();
    pairs.dedup();
    let literals = words.iter().filter(|w| w.chars().count() > 1).map(|w| Literal::new(w.as_str())).collect();
    let qs: Vec<Q> =
        words.iter().map(|w| term_q(f.words, w)).chain(pairs.iter().map(|p| term_q(f.bigrams, p))).collect();
    let q = if qs.is_empty() { Box::new(EmptyQuery) as Q } else { any(qs) };
    (q, literals)
}

/// A bare term that is a common name of a charge (醉驾, 帮信, 掩隐) also matches the charge's
/// canonical name (危险驾驶罪 …): documents write the 罪名, reviewers type the short name. The
/// aliases are data (`dictionaries/charges.toml`).
pub fn expand_charge_aliases(node: Node) -> Node {
    match node {
        Node::Term(s) => {
            let table = crate::extract::ChargeTable::global();
            match table.canonical(&s).filter(|c| !c.contains(s.as_str())) {
                Some(canonical) => Node::Or(vec![Node::Term(s.clone()), Node::Phrase(canonical.to_string())]),
                None => Node::Term(s),
            }
        }
        Node::Not(inner) => Node::Not(Box::new(expand_charge_aliases(*inner))),
        Node::And(parts) => Node::And(parts.into_iter().map(expand_charge_aliases).collect()),
        Node::Or(parts) => Node::Or(parts.into_iter().map(expand_charge_aliases).collect()),
        other => other,
    }
}

/// The tantivy query for a parsed query: exact scores.
pub fn build(f: &Fields, node: &Node) -> Q {
    build_in(f, node, Mode::Exact)
}

/// Whether the query of `node` holds a [`BodyClause`], i.e. whether its [`Mode::Bound`] query
/// differs from its exact one.
pub fn has_body_clause(node: &Node) -> bool {
    let multi_pair = |s: &str| tokenizer::bigrams(s).len() >= 2;
    match node {
        Node::Term(s) | Node::Phrase(s) => {
            multi_pair(s) || tokenizer::words(s).iter().any(|w| multi_pair(&w.text))
        }
        Node::Filter(_) => false,
        Node::Not(inner) => has_body_clause(inner),
        Node::And(parts) | Node::Or(parts) => parts.iter().any(has_body_clause),
    }
}

/// The tantivy query for a parsed query, its body clauses in `mode`.
pub fn build_in(f: &Fields, node: &Node, mode: Mode) -> Q {
    let build = |n: &Node| build_in(f, n, mode);
    match node {
        Node::Term(s) => bare_term(f, s, mode),
        Node::Phrase(s) => phrase(f, s, mode),
        Node::Filter(filter) => filter_q(f, filter),
        Node::Not(inner) => Box::new(BooleanQuery::new(vec![
            (Occur::Must, Box::new(ConstScoreQuery::new(Box::new(AllQuery), 0.0))),
            (Occur::MustNot, build(inner)),
        ])),
        Node::And(parts) => {
            let mut clauses: Vec<(Occur, Q)> = parts
                .iter()
                .map(|p| match p {
                    Node::Not(inner) => (Occur::MustNot, build(inner)),
                    _ => (Occur::Must, build(p)),
                })
                .collect();
            if clauses.iter().all(|(o, _)| *o == Occur::MustNot) {
                clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(Box::new(AllQuery), 0.0))));
            }
            Box::new(BooleanQuery::new(clauses))
        }
        Node::Or(parts) => any(parts.iter().map(build).collect()),
    }
}

/// What to highlight: every positive term and phrase as written (normalised); when it does not
/// occur as such, its words of two characters or more (a lone 号 of "QQ号" would light up every
/// 文号).
pub fn highlight_literals(node: &Node) -> Vec<Literal> {
    fn walk(node: &Node, out: &mut Vec<Literal>) {
        match node {
            Node::Term(s) | Node::Phrase(s) => {
                let fallback = tokenizer::words(s)
                    .into_iter()
                    .map(|t| t.text)
                    .filter(|w| w.chars().count() > 1)
                    .collect();
                out.push(Literal { text: normalize(s.trim()), fallback });
            }
            Node::Filter(_) | Node::Not(_) => {}
            Node::And(parts) | Node::Or(parts) => parts.iter().for_each(|p| walk(p, out)),
        }
    }
    let mut out = Vec::new();
    walk(node, &mut out);
    out.retain(|l| l.text.chars().any(tokenizer::is_term_char));
    out
}
