//! Stolen items and tools.
//!
//! * Stolen item: the phrase right after a theft verb (窃得, 盗走 …) up to a stop (，, 后, 价值 …),
//!   as the CAIL annotators mark it — with its owner, brand, colour and quantity ("张某甲保时马
//!   电动自行车一辆"); and anaphoric mentions "被盗的X", "该X" where X is an item noun.
//! * Tool: a tool noun (cues.toml `[tool] words`) after a use cue (用, 持, 使用, 驾驶 …) in the
//!   same clause and not after a theft verb, with a quantity right after it ("尖嘴铁钳1把").
//!   A phrase that is money (现金300元) is left to the amount extractor.

use serde_json::json;

use super::cues::{word_ending_at, word_starting_at};
use super::{Ctx, Element};

fn is_punct(c: char) -> bool {
    matches!(c, '，' | '。' | '；' | '、' | '：' | ',' | ';' | ':' | '！' | '？' | '\n')
}

/// The end of a quantity right after `end` ("一辆", "1把", "6个", "三条").
fn quantity_after(ctx: &Ctx<'_>, end: usize) -> usize {
    let c = &ctx.chars;
    let mut k = end;
    while c.get(k).is_some_and(|&d| d.is_ascii_digit() || "一二两三四五六七八九十百几".contains(d)) {
        k += 1;
    }
    if k > end && c.get(k).is_some_and(|&u| "个只部辆台把条根块件箱瓶包双对套张袋桶盒支副枚根卷捆颗".contains(u)) {
        return k + 1;
    }
    end
}

fn find_items(ctx: &Ctx<'_>, out: &mut Vec<Element>) {
    let c = &ctx.chars;
    let ic = &ctx.cues.item;
    let verbs = &ctx.cues.theft.verbs;
    let mut i = 0;
    while i < c.len() {
        let Some(v) = word_starting_at(c, i, verbs) else {
            i += 1;
            continue;
        };
        // The object of the verb: one or more phrases joined by 、/及/和, up to a stop.
        let mut start = i + v.chars().count();
        if c.get(start) == Some(&'了') {
            start += 1;
        }
        loop {
            let mut end = start;
            while end < c.len() && end - start < 40 {
                if is_punct(c[end]) || matches!(c[end], '（' | '(') {
                    break;
                }
                if end > start && (word_starting_at(c, end, &ic.stops).is_some() || (c[end] == '及' || c[end] == '和')) {
                    break;
                }
                end += 1;
            }
            push_item(ctx, out, start, end);
            let next = c.get(end).copied();
            if matches!(next, Some('、' | '及' | '和')) && end + 1 < c.len() {
                start = end + 1;
                continue;
            }
            i = end.max(i + 1);
            break;
        }
    }
    // "X价值…" in a valuation clause: 经鉴定，电瓶价值…, 被盗OPPO手机价值….
    let mut from = 0;
    while let Some(pos) = ctx.norm.get(from..).and_then(|s| s.find("价值")) {
        let b = from + pos;
        from = b + "价值".len();
        let end = ctx.norm.get(..b).map_or(0, |s| s.chars().count());
        let mut start = end;
        while start > 0 && !is_punct(c[start - 1]) && end - start < 20 {
            start -= 1;
        }
        let phrase = ctx.norm_slice(start, end);
        let has_item = (start..end).any(|k| word_ending_at(c, k + 1, &ic.words).is_some());
        if has_item && !phrase.contains("共计") && !ctx.cues.theft.verbs.iter().any(|v| phrase.contains(v.as_str()) && !phrase.starts_with("被盗")) {
            if !out.iter().any(|e| e.start < end && start < e.end) {
                push_item(ctx, out, start, end);
            }
        }
    }
    // Anaphora: 被盗的手机, 该电动车, 盗窃的物品.
    let mut prefixes: Vec<String> = ctx.cues.theft.item_prefixes.clone();
    prefixes.push("该".to_string());
    let mut i = 0;
    while i < c.len() {
        let Some(p) = word_starting_at(c, i, &prefixes) else {
            i += 1;
            continue;
        };
        let from = i + p.chars().count();
        let mut best = None;
        for end in from + 1..(from + 12).min(c.len()) + 1 {
            if c.get(end - 1).is_some_and(|&ch| is_punct(ch)) {
                break;
            }
            if word_ending_at(c, end, &ic.words).is_some() {
                best = Some(end);
            }
        }
        match best {
            Some(end) if !out.iter().any(|e| e.start < end && from < e.end) => {
                out.push(ctx.element("item", Some("stolen"), i, end, json!(ctx.slice(i, end))));
                i = end;
            }
            _ => i += 1,
        }
    }
}

/// Push an item phrase after trimming what is not part of it: a leading "被害人", a location
/// clause ending in 的 ("安装在店外的"), trailing 等.
fn push_item(ctx: &Ctx<'_>, out: &mut Vec<Element>, mut start: usize, mut end: usize) {
    let c = &ctx.chars;
    for p in ["被害人", "受害人"] {
        if ctx.norm_slice(start, end).starts_with(p) {
            start += p.chars().count();
        }
    }
    let phrase = ctx.norm_slice(start, end);
    if let (Some(zai), Some(de)) = (phrase.find('在'), phrase.rfind('的')) {
        if zai < de {
            start += phrase.get(..de).map_or(0, |s| s.chars().count()) + 1;
        }
    }
    while end > start && matches!(c.get(end - 1), Some('等' | '了' | '后')) {
        end -= 1;
    }
    let phrase = ctx.norm_slice(start, end);
    let money = phrase.starts_with("现金")
        || phrase.starts_with("人民币")
        || (phrase.ends_with('元') && phrase.chars().next().is_some_and(|ch| ch.is_ascii_digit()));
    let noise = phrase.chars().count() < 1
        || money
        || ["作案", "时", "后", "的", "罪", "行为", "一案", "案", "过程", "被害人", "，"].iter().any(|w| phrase.starts_with(w));
    if !noise {
        out.push(ctx.element("item", Some("stolen"), start, end, json!(ctx.slice(start, end))));
    }
}

fn find_tools(ctx: &Ctx<'_>, out: &mut Vec<Element>) {
    let c = &ctx.chars;
    let tc = &ctx.cues.tool;
    let verbs = &ctx.cues.theft.verbs;
    let mut i = 0;
    while i < c.len() {
        let Some(cue) = word_starting_at(c, i, &tc.cues) else {
            i += 1;
            continue;
        };
        let from = i + cue.chars().count();
        let mut best = None;
        for end in from + 1..(from + 16).min(c.len()) + 1 {
            if c.get(end - 1).is_some_and(|&ch| is_punct(ch)) || word_ending_at(c, end, verbs).is_some() {
                break;
            }
            if word_ending_at(c, end, &tc.words).is_some() {
                best = Some(end);
            }
        }
        let Some(end) = best else {
            i = from;
            continue;
        };
        // Drop a leading modifier clause: "事先准备好的剪刀" → "剪刀".
        let mut start = from;
        for k in from..end {
            if c[k] == '的' && k + 1 < end {
                start = k + 1;
            }
        }
        let end = quantity_after(ctx, end);
        out.push(ctx.element("tool", None, start, end, json!(ctx.slice(start, end))));
        i = end;
    }
}

/// Item and tool elements. `people` are the persons found, for owners inside item phrases.
pub fn find(ctx: &Ctx<'_>, people: &[Element]) -> Vec<Element> {
    let _ = people;
    let mut out = Vec::new();
    find_items(ctx, &mut out);
    find_tools(ctx, &mut out);
    out
}
