//! Card persons ↔ the suspects of each document.
//!
//! In rounds, each pairing only people still unpaired on both sides: (1) the same ID number,
//! (2) the same name, (3) a near miss — an ID differing in at most two positions or a name
//! differing by one character — when exactly one candidate is that close, (4) what is left, in
//! order, when as many are left on both sides. So a typo in the name or the ID still pairs the
//! person (the typo is then reported as a mismatch of that item), and a person the card lacks
//! stays unpaired (reported as missing).

use crate::card::Card;
use crate::extract::PersonFacts;

use super::normal::{Norm, norm, text};
use super::rules::RuleSet;

/// Whether a document person is a suspect/defendant (not a victim or other party).
pub fn is_suspect(p: &PersonFacts) -> bool {
    p.role.is_empty() || p.role == "suspect"
}

/// For each person of a document's extraction, the card person it is, if any.
pub fn match_persons(card: &Card, persons: &[PersonFacts], rules: &RuleSet) -> Vec<Option<usize>> {
    let mut doc_to_card: Vec<Option<usize>> = vec![None; persons.len()];
    let mut card_taken = vec![false; card.persons.len()];
    let suspects: Vec<usize> =
        (0..persons.len()).filter(|&i| persons.get(i).is_some_and(is_suspect)).collect();
    let card_ids: Vec<Option<String>> =
        card.persons.iter().map(|p| p.id_number.as_deref().map(|s| norm(s, Norm::Id, rules))).collect();
    let card_names: Vec<String> = card.persons.iter().map(|p| norm(&p.name, Norm::Name, rules)).collect();
    let doc_id =
        |i: usize| persons.get(i).and_then(|p| p.id_number.as_ref()).map(|f| norm(&f.value, Norm::Id, rules));
    let doc_name =
        |i: usize| persons.get(i).and_then(|p| p.name.as_ref()).map(|f| norm(&f.value, Norm::Name, rules));

    type Close<'a> = &'a dyn Fn(usize, usize) -> bool;
    let exact_id: Close =
        &|d, c| matches!((doc_id(d), card_ids.get(c)), (Some(a), Some(Some(b))) if !a.is_empty() && a == *b);
    let exact_name: Close =
        &|d, c| matches!((doc_name(d), card_names.get(c)), (Some(a), Some(b)) if !a.is_empty() && a == *b);
    let near: Close = &|d, c| {
        let id_near = matches!((doc_id(d), card_ids.get(c)), (Some(a), Some(Some(b))) if near_id(&a, b));
        let name_near = matches!((doc_name(d), card_names.get(c)), (Some(a), Some(b)) if near_name(&a, b));
        id_near || name_near
    };
    for close in [exact_id, exact_name, near] {
        for &d in &suspects {
            if doc_to_card[d].is_some() {
                continue;
            }
            let candidates: Vec<usize> =
                (0..card.persons.len()).filter(|&c| !card_taken[c] && close(d, c)).collect();
            if let [c] = candidates.as_slice() {
                doc_to_card[d] = Some(*c);
                card_taken[*c] = true;
            }
        }
    }
    let left_docs: Vec<usize> = suspects.iter().copied().filter(|&d| doc_to_card[d].is_none()).collect();
    let left_cards: Vec<usize> = (0..card.persons.len()).filter(|&c| !card_taken[c]).collect();
    if !left_docs.is_empty() && left_docs.len() == left_cards.len() {
        for (d, c) in left_docs.into_iter().zip(left_cards) {
            doc_to_card[d] = Some(c);
        }
    }
    doc_to_card
}

/// IDs of 18 characters differing in at most two positions (a typo or two swapped digits).
fn near_id(a: &str, b: &str) -> bool {
    a.chars().count() == 18
        && b.chars().count() == 18
        && a.chars().zip(b.chars()).filter(|(x, y)| x != y).count() <= 2
}

/// Names differing by one character: one substituted, or one added or dropped (names of 3+).
fn near_name(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (text(a).chars().collect(), text(b).chars().collect());
    if a.len() < 2 || b.len() < 2 {
        return false;
    }
    if a.len() == b.len() {
        return a.iter().zip(&b).filter(|(x, y)| x != y).count() == 1;
    }
    let (short, long) = if a.len() < b.len() { (&a, &b) } else { (&b, &a) };
    if long.len() != short.len() + 1 || short.len() < 2 {
        return false;
    }
    (0..long.len())
        .any(|skip| long.iter().enumerate().filter(|(i, _)| *i != skip).map(|(_, c)| c).eq(short.iter()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::Person;
    use crate::extract::Fact;
    use crate::span::Span;

    fn fact(s: &str) -> Option<Fact<String>> {
        Some(Fact { value: s.into(), span: Span { start: 0, end: 0, text: s.into() } })
    }
    fn doc_person(name: &str, id: &str) -> PersonFacts {
        PersonFacts { name: fact(name), id_number: fact(id), role: "suspect".into(), ..Default::default() }
    }
    fn card_person(name: &str, id: &str) -> Person {
        Person { name: name.into(), id_number: Some(id.into()), ..Default::default() }
    }

    #[test]
    fn typos_still_pair_and_strangers_stay_apart() {
        let rules = RuleSet::load().unwrap();
        let card = Card {
            persons: vec![
                card_person("张某某", "110105198803151232"),
                card_person("李某", "130121199502280047"),
            ],
            ..Default::default()
        };
        // Order swapped; the first has a name typo, the second an ID typo; a third is not on the card.
        let docs = vec![
            doc_person("李某", "130121199502280074"),
            doc_person("张某谋", "110105198803151232"),
            doc_person("王五", "110105197001011234"),
        ];
        assert_eq!(match_persons(&card, &docs, &rules), [Some(1), Some(0), None]);
        assert!(near_name("张某", "张某某"));
        assert!(!near_name("张三", "李四"));
    }
}
