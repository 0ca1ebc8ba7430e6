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
//!
//! 借款20万, 转了13万给他, 欠其30多万: 万 or 亿 with 元 left out, as statements write it, read with
//! the same evidence as 块 (a number of 万 is also a count: 3万人, 1.5万平方米, 2万斤).

use serde::Deserialize;

use super::super::Ctx;
use std::sync::LazyLock;

use regex::Regex;

use super::super::cues::{Words, word_ending_at, word_starting_at};
use super::CLAUSE_END;
use crate::normalize::numerals::digit_value;
use crate::span::CharIndex;

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
    /// Words right after a spoken amount that end what is said of it, as a clause end does
    /// (转了13万给他, 借款15万的借条).
    #[serde(default)]
    pub money_after: Words,
    /// Words after a number of 万 that make it a count, not money (3万张, 60多万粒).
    #[serde(default)]
    pub count_after: Words,
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

/// Whether the spoken amount at `start..end` (N块, or N万 with 元 left out) is money, not a
/// count of pieces. `found` are the amounts found so far: one listed right before (20万、30万)
/// makes it money too.
pub(super) fn spoken_is_money(
    ctx: &Ctx<'_>,
    start: usize,
    end: usize,
    found: &[(usize, usize, Option<f64>)],
) -> bool {
    let c = &ctx.chars;
    let cc = &ctx.cues.colloquial_amounts;
    if c.get(end) == Some(&'钱') {
        return true;
    }
    let money_next = word_starting_at(c, end, &cc.money_after).is_some();
    if !money_next && word_starting_at(c, end, &cc.count_after).is_some() {
        return false;
    }
    let listed = start.checked_sub(1).is_some_and(|k| {
        c.get(k).is_some_and(|ch| matches!(ch, '、' | '和' | '及')) && found.iter().any(|f| f.1 == k)
    });
    if listed {
        return true;
    }
    // A money word inside the match (现金450块, 人民币300块) or right before it.
    let text = ctx.norm_slice(start, end);
    if cc.money_before.iter().any(|w| text.starts_with(w.as_str()) || text.ends_with(w.as_str())) {
        return true;
    }
    let mut k = start;
    while k > 0 && c.get(k - 1).is_some_and(|ch| cc.fillers.contains(*ch)) && start - k < 3 {
        k -= 1;
    }
    if word_ending_at(c, k, &cc.money_before).is_some() {
        return true;
    }
    // 借给他300块，: a paying verb earlier in the clause, and nothing after the amount but the
    // clause end (or a word of `money_after`: 转了13万给…).
    let ends_clause =
        c.get(end).is_none_or(|ch| CLAUSE_END.contains(ch) || matches!(ch, '、' | '！' | '？')) || money_next;
    let lo = start.saturating_sub(VERB_REACH);
    let lo =
        (lo..start).rev().find(|&i| c.get(i).is_some_and(|ch| CLAUSE_END.contains(ch))).map_or(lo, |i| i + 1);
    ends_clause && (lo..start).any(|e| word_ending_at(c, e + 1, &cc.verbs).is_some())
}

/// A number of 万 or 亿 with no unit after it: 20万, 1.5亿, 三十多万, 一万五, 两三万.
static BARE_WAN_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:现金)?(?:人民币)?(?P<num>(?:[0-9][0-9,]*(?:\.[0-9]+)?|[一二两三四五六七八九十百千几数]+)(?:余|多|来)?[万亿](?:[一二三四五六七八九]千?)?(?:余|多)?)(?:左右)?(?:人民币|现金)?",
    )
    .expect("bare amount regex")
});

/// The amounts of 万 or 亿 with 元 left out that the context shows to be money, as (start, end,
/// number) with the number as written (20万, 三十多万), not overlapping those `found`.
pub(super) fn bare_wan(
    ctx: &Ctx<'_>,
    idx: &CharIndex<'_>,
    found: &[(usize, usize, Option<f64>)],
) -> Vec<(usize, usize, String)> {
    let c = &ctx.chars;
    let mut out: Vec<(usize, usize, String)> = Vec::new();
    let mut known: Vec<(usize, usize, Option<f64>)> = found.to_vec();
    for caps in BARE_WAN_RE.captures_iter(&ctx.norm) {
        let (Some(m), Some(num)) = (caps.get(0), caps.name("num")) else { continue };
        let (start, end) = ctx.chars_of(idx, m.start(), m.end());
        // Part of a longer number or code (No.20万), or followed by more of a number or a unit.
        let before = start.checked_sub(1).and_then(|k| c.get(k)).copied();
        if before.is_some_and(|b| b.is_ascii_alphanumeric() || b == '.' || b == ',')
            || c.get(end).is_some_and(|&a| {
                a.is_ascii_alphanumeric() || crate::normalize::numerals::is_numeral_char(a) || a == '.'
            })
            || known.iter().any(|&(s, e, _)| s < end && start < e)
            || is_range_start(c, end)
        {
            continue;
        }
        if spoken_is_money(ctx, start, end, &known) {
            known.push((start, end, None));
            out.push((start, end, num.as_str().to_string()));
        }
    }
    out
}

/// Whether a range of two neighbouring numbers starts at the amount ending at `end`: "一万四、五千",
/// "3、4万" — neither number alone is the amount.
fn is_range_start(c: &[char], end: usize) -> bool {
    let digit = |k: usize| c.get(k).is_some_and(|&d| digit_value(d).is_some());
    c.get(end) == Some(&'、')
        && digit(end + 1)
        && c.get(end + 2).is_some_and(|&u| matches!(u, '十' | '百' | '千' | '万' | '亿' | '元' | '块'))
}

/// Whether the amount whose number starts at `start` ends a range of two neighbouring numbers:
/// the 4万元 of "找3、4万元", the 五千块 of "一万四、五千块" (one digit before 、, a word before it —
/// "。2、5万元" is the second item of a list; and one digit, perhaps with its unit, after it).
pub(super) fn is_range_end(c: &[char], start: usize, number: &str) -> bool {
    let mut n = number.chars();
    let one_digit = n.next().is_some_and(|d| digit_value(d).is_some())
        && n.next().is_none_or(|u| digit_value(u).is_none() && u != '.');
    let digit = |k: usize| c.get(k).is_some_and(|&d| digit_value(d).is_some());
    one_digit
        && start >= 3
        && c.get(start - 1) == Some(&'、')
        && digit(start - 2)
        && c.get(start - 3).is_some_and(|w| w.is_alphanumeric())
}
