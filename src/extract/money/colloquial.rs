//! Amounts written the way people speak, and foreign money written after its number (cues.toml
//! `[colloquial_amounts]`).
//!
//! 块 is 元 in speech (450块, 三百块钱, 一块五毛) and also a classifier (手表一块, 四块电瓶, 电瓶23块,
//! 塑料片二块). A 块 amount is kept only with evidence that it is money: 块钱 right after it; a money
//! word right before it (现金450块, 工资共3000块); or a verb of paying, lending or owing earlier in
//! its short clause when the clause ends right after 块 (借给他300块，) — a classifier is followed
//! by its noun. "三块五" (a bare digit after 块) is 3.5 元.
//!
//! 200美元, 1万英镑, 150万港币: foreign money written after the number, kept without a value in 元.
//! 上千元, 上万元: amounts of unknown size, kept without a value.

use serde::Deserialize;

use super::super::Ctx;
use super::super::cues::{Words, word_ending_at};
use super::CLAUSE_END;
use crate::normalize::numerals::digit_value;

/// The `[colloquial_amounts]` block of cues.toml.
#[derive(Debug, Default, Deserialize)]
pub struct ColloquialCues {
    /// Money words right before N块 that make it money (现金, 工资, 钱 …).
    #[serde(default)]
    pub money_before: Words,
    /// Characters that may stand between such a word and the number (共计, 约, 了 …).
    #[serde(default)]
    pub fillers: String,
    /// Verbs of paying, lending or owing: N块 ending its clause after one is money.
    #[serde(default)]
    pub verbs: Words,
    /// Currencies written after the number (美元, 港币, 英镑 …).
    #[serde(default)]
    pub foreign_after: Words,
    /// Words before 百/千/万/亿 that make an amount of unknown size (上千元).
    #[serde(default)]
    pub approx_before: Words,
}

/// How many characters before an amount a paying verb may stand (借给被害人王某300块).
const VERB_REACH: usize = 8;

/// A regex alternation of `words`, longest first, each escaped; empty when there are none.
pub(super) fn alternation(words: &[String]) -> String {
    let mut sorted: Vec<&String> = words.iter().filter(|w| !w.is_empty()).collect();
    sorted.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    sorted.iter().map(|w| regex::escape(w)).collect::<Vec<_>>().join("|")
}

/// Where a 块 amount at `start..end` really ends: after a bare digit of 角 ("三块五", "一块五，"),
/// unless more numerals follow (三块五十 is not an amount).
pub(super) fn kuai_end(ctx: &Ctx<'_>, end: usize) -> usize {
    let c = &ctx.chars;
    if c.get(end.wrapping_sub(1)) != Some(&'块') {
        return end;
    }
    let digit = c.get(end).is_some_and(|&d| digit_value(d).is_some_and(|v| v > 0));
    let next = c.get(end + 1).copied();
    let numeral_next = next.is_some_and(crate::normalize::numerals::is_numeral_char);
    if digit && !numeral_next && next.is_none_or(|n| n != '块') { end + 1 } else { end }
}

/// Whether the 块 amount at `start..end` is money, not a classifier.
pub(super) fn kuai_is_money(ctx: &Ctx<'_>, start: usize, end: usize) -> bool {
    let c = &ctx.chars;
    let cc = &ctx.cues.colloquial_amounts;
    if c.get(end) == Some(&'钱') {
        return true;
    }
    // A money word inside the match (现金450块, 人民币300块) or right before it.
    let text = ctx.norm_slice(start, end);
    if cc.money_before.iter().any(|w| text.starts_with(w.as_str())) {
        return true;
    }
    let mut k = start;
    while k > 0 && c.get(k - 1).is_some_and(|ch| cc.fillers.contains(*ch)) && start - k < 3 {
        k -= 1;
    }
    if word_ending_at(c, k, &cc.money_before).is_some() {
        return true;
    }
    // 借给他300块，: a paying verb earlier in the clause, and nothing after 块 but the clause end.
    let ends_clause = c.get(end).is_none_or(|ch| CLAUSE_END.contains(ch) || matches!(ch, '、' | '！' | '？'));
    let lo = start.saturating_sub(VERB_REACH);
    let lo =
        (lo..start).rev().find(|&i| c.get(i).is_some_and(|ch| CLAUSE_END.contains(ch))).map_or(lo, |i| i + 1);
    ends_clause && (lo..start).any(|e| word_ending_at(c, e + 1, &cc.verbs).is_some())
}
