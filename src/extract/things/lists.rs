//! Things named in lists and later mentions: 、-lists of things with quantities (包内有A、B),
//! goods said to be recovered or seized (公安机关追回A、B; X已被起获), and a stolen thing's head
//! noun mentioned again in its sentence (将[摩托车]推至…). Phrases go through [`super::push_item`]
//! or the same checks of a listed thing.

use serde_json::json;

use super::{CLASSIFIERS, push_item};
use crate::extract::cues::{word_ending_at, word_starting_at};
use crate::extract::{Ctx, Element};

/// Whether a sentence speaks of stolen goods without a theft verb: recovered, seized, sold on or
/// hidden ("将电视机给…，…将电视机退还给王某", "明知以上农药为犯罪所得").
pub(super) fn stolen_context(ctx: &Ctx<'_>, sentence: &str) -> bool {
    let sr = &ctx.cues.scene_rules;
    sr.recovery.iter().chain(sr.disposal.iter()).any(|w| sentence.contains(w.as_str()))
}

/// Whether 和/及 at `k` joins two things: outside quotes, and 和 only as a word of its own
/// ("“和天下”香烟" and "和气生财香烟" are names).
pub(super) fn joins_at(ctx: &Ctx<'_>, k: usize) -> bool {
    let c = &ctx.chars;
    if !matches!(c.get(k), Some('和' | '及')) {
        return false;
    }
    let line_start = (0..k).rev().find(|&j| matches!(c[j], '，' | '。' | '；')).map_or(0, |j| j + 1);
    let quotes = (line_start..k).filter(|&j| matches!(c[j], '“' | '”' | '"')).count();
    let words = ctx.words();
    let i = words.partition_point(|w| w.0 < k);
    let conjunction = c[k] == '及' || words.get(i).is_some_and(|w| *w == (k, k + 1));
    quotes % 2 == 0 && conjunction
}

/// Lists of things with quantities in a theft sentence: "上述物品中星海牌钢琴一架、紫色床单二个".
/// Whether characters `[s, k)` are one thing of a list: a noun phrase ending in a quantity
/// ("星海牌钢琴一架"), or starting with one and ending in an item noun ("一副金耳环", "2台华为手机").
fn listed_item(ctx: &Ctx<'_>, s: usize, k: usize, loose: bool) -> bool {
    let c = &ctx.chars;
    let chunk = ctx.norm_slice(s, k);
    let n = chunk.chars().count();
    let noun_end = word_ending_at(c, k, &ctx.cues.item.words)
        .is_some_and(|w| !ctx.cues.item.generic.iter().any(|g| g == w));
    // In a list already under way (包内有钱包、银行卡、身份证), a bare item noun is enough.
    // A brand and model make a longer name ("VIVOY66i牌移动电话机").
    let longest = if chunk.contains('牌') { 20 } else { 12 };
    if loose && noun_end && (1..=longest).contains(&n) && !chunk.contains('元') && !chunk.contains("价值")
    {
        return chunk.chars().all(|ch| ch.is_alphanumeric() || "“”\"·-#".contains(ch));
    }
    let num = |p: char| p.is_ascii_digit() || "一两二三四五六七八九十百几余多".contains(p);
    let last = chunk.chars().last();
    let prev = chunk.chars().rev().nth(1);
    let ends_qty = last.is_some_and(|l| CLASSIFIERS.contains(l)) && prev.is_some_and(num);
    let mut lead = chunk.chars().take_while(|&ch| num(ch));
    let lead_n = lead.by_ref().count();
    let starts_qty = lead_n > 0
        && chunk.chars().nth(lead_n).is_some_and(|cl| CLASSIFIERS.contains(cl))
        && word_ending_at(c, k, &ctx.cues.item.words)
            .is_some_and(|w| !ctx.cues.item.generic.iter().any(|g| g == w));
    let clean = chunk.chars().all(|ch| ch.is_alphanumeric() || "“”\"·-#".contains(ch))
        && !chunk.starts_with('共')
        && (starts_qty || !chunk.chars().next().is_some_and(|f| f.is_ascii_digit()));
    (ends_qty || starts_qty)
        && clean
        && (3..=20).contains(&n)
        && !chunk.contains("价值")
        && !chunk.contains('元')
}

pub(super) fn find_listed_items(ctx: &Ctx<'_>, out: &mut Vec<Element>) {
    let c = &ctx.chars;
    let any_recovery = ctx.cues.scene_rules.recovery.iter().any(|w| ctx.norm.contains(w.as_str()));
    let mut sent_start = 0;
    for sent_end in (0..=c.len()).filter(|&k| k == c.len() || c[k] == '。') {
        let sentence = ctx.norm_slice(sent_start, sent_end);
        // Goods recovered or seized (公安机关追回A、B) are the stolen ones too.
        let recovery =
            any_recovery && ctx.cues.scene_rules.recovery.iter().any(|w| sentence.contains(w.as_str()));
        let theft = recovery || ["盗", "窃", "偷", "物品", "价值", "赃"].iter().any(|w| sentence.contains(w));
        if theft {
            let mut chunk_start = sent_start;
            let mut listing = false;
            // A list of tools (缴获作案工具手电筒一个、塑料片二块) is not one of stolen things.
            let mut tools = false;
            for k in sent_start..=sent_end {
                let at_end =
                    k == sent_end || matches!(c.get(k), Some('、' | '，' | '；' | '：' | ',' | ';' | ':'));
                if !at_end {
                    continue;
                }
                let mut s = chunk_start;
                // Drop a lead-in (上述物品中, 包内有): a list follows.
                let chunk = ctx.norm_slice(s, k);
                // In a sentence about recovered goods, a part of a 、 list is a thing when it names one
                // ("戴尔牌笔记本电脑、欧米茄牌手表已被依法扣押").
                let mut loose = listing || (recovery && c.get(k) == Some(&'、'));
                if let Some((p, w)) =
                    ctx.cues.item.list_leads.iter().filter_map(|w| chunk.rfind(w).map(|p| (p, w))).max()
                {
                    s += chunk.get(..p).map_or(0, |h| h.chars().count()) + w.chars().count();
                    loose = true;
                }
                tools |= chunk.contains('作') && chunk.contains("作案工具");
                if tools {
                    chunk_start = k + 1;
                    continue;
                }
                let found_before = out.len();
                // "一包软中华香烟和1000余元": each side of 和/及 on its own.
                let mut part = s;
                for j in s..=k {
                    if j == k || (j > s && joins_at(ctx, j)) {
                        // "2台华为手机等物品": what follows 等 is not part of the thing.
                        // "…以及人民币500元": 以 of 以及 ends the part before it.
                        let j_end = if j > part && c.get(j) == Some(&'及') && c.get(j - 1) == Some(&'以') {
                            j - 1
                        } else {
                            j
                        };
                        let mut e = (part..j_end).find(|&x| c.get(x) == Some(&'等')).unwrap_or(j_end);
                        // "卡地亚牌手表已被依法扣押": the thing ends before what is said of it.
                        if let Some(x) = (part + 1..e).find(|&x| {
                            "已被均并".contains(c[x])
                                && (word_ending_at(c, x, &ctx.cues.item.words).is_some()
                                    || CLASSIFIERS.contains(c[x - 1]))
                        }) {
                            e = x;
                        }
                        // "涉案手机两部": leading words that are not part of the thing.
                        while let Some(w) = word_starting_at(c, part, &ctx.cues.item.trim) {
                            if part + w.chars().count() >= e {
                                break;
                            }
                            part += w.chars().count();
                        }
                        if c.get(part) == Some(&'的') && part + 1 < e {
                            part += 1;
                        }
                        let taken = out.iter().any(|x| x.start < e && part < x.end);
                        if !taken && listed_item(ctx, part, e, loose) {
                            out.push(ctx.element("item", Some("stolen"), part, e, json!(ctx.slice(part, e))));
                        }
                        // "被盗的摩托车及头盔": after a thing, a list goes on over 及/和.
                        loose |= out.iter().any(|x| x.start < e && part < x.end);
                        part = j + 1;
                    }
                }
                // The list goes on over 、 after a thing (pushed here or found before).
                let thing_here = out.len() > found_before || out.iter().any(|x| x.start < k && s < x.end);
                listing = thing_here && c.get(k) == Some(&'、');
                chunk_start = k + 1;
            }
        }
        sent_start = sent_end + 1;
    }
}

/// Things said to be recovered or seized: the subject of a clause with a recovery word
/// ("[摩托车]未能追回", "[彭某某的手机]已被起获", "公安机关将涉案[4部手机]已全部追回"), one per part
/// of a 、/及/和 list, when it names a thing.
pub(super) fn find_recovered_items(ctx: &Ctx<'_>, out: &mut Vec<Element>) {
    let c = &ctx.chars;
    let recovery = &ctx.cues.scene_rules.recovery;
    if !recovery.iter().any(|w| ctx.norm.contains(w.as_str())) {
        return;
    }
    let mut clause_start = 0;
    for clause_end in
        (0..=c.len()).filter(|&k| k == c.len() || matches!(c[k], '，' | '。' | '；' | ',' | ';'))
    {
        let (from, to) = (clause_start, clause_end);
        clause_start = clause_end + 1;
        let Some(r) = (from..to).find(|&k| word_starting_at(c, k, recovery).is_some()) else { continue };
        // The subject ends before 已/被/均/未 right after a thing.
        let Some(h) = (from + 1..r).find(|&x| {
            "已被均未".contains(c[x])
                && (word_ending_at(c, x, &ctx.cues.item.words).is_some() || CLASSIFIERS.contains(c[x - 1]))
        }) else {
            continue;
        };
        let start = (from..h).rev().find(|&k| matches!(c[k], '将' | '把')).map_or(from, |k| k + 1);
        let mut part = start;
        for k in start..=h {
            if k == h || c[k] == '、' || joins_at(ctx, k) {
                let e = (part..k).find(|&x| c[x] == '等').unwrap_or(k);
                if !out.iter().any(|x| x.start < e && part < x.end) {
                    push_item(ctx, out, part, e);
                }
                part = k + 1;
            }
        }
    }
}

/// Later mentions of a stolen thing: in a sentence where a thing with head noun H is stolen, H
/// standing alone as a word after 将/把 or before 被 elsewhere ("将[摩托车]推至…，用剪刀将[摩托车]钥匙锁
/// 剪断") is the thing too.
pub(super) fn find_repeated_items(ctx: &Ctx<'_>, out: &mut Vec<Element>) {
    let c = &ctx.chars;
    let words = ctx.words();
    let sentence_of = |k: usize| {
        let s = (0..k).rev().find(|&j| c[j] == '。').map_or(0, |j| j + 1);
        let e = (k..c.len()).find(|&j| c[j] == '。').unwrap_or(c.len());
        (s, e)
    };
    let mut heads: Vec<(Vec<char>, (usize, usize))> = Vec::new();
    for e in out.iter() {
        let Some(last) =
            (e.start + 1..=e.end).rev().find(|&k| word_ending_at(c, k, &ctx.cues.item.words).is_some())
        else {
            continue;
        };
        let Some(h) = word_ending_at(c, last, &ctx.cues.item.words) else { continue };
        if !ctx.cues.item.generic.iter().any(|g| g == h) {
            heads.push((h.chars().collect(), sentence_of(e.start)));
        }
    }
    if heads.is_empty() {
        return;
    }
    for &(a, b) in words {
        // Only as the object of 将/把 or the subject of 被 ("将[摩托车]推至", "[手机]被收缴").
        let handled = a > 0 && matches!(c.get(a - 1), Some('将' | '把')) || c.get(b) == Some(&'被');
        if !handled {
            continue;
        }
        let word = c.get(a..b).unwrap_or_default();
        let same = heads.iter().any(|(h, (s, t))| h.as_slice() == word && *s <= a && b <= *t);
        if same && !out.iter().any(|e| e.start < b && a < e.end) {
            out.push(ctx.element("item", Some("stolen"), a, b, json!(ctx.slice(a, b))));
        }
    }
}
