//! Tools (作案工具): a tool noun (cues.toml `[tool] words`) after a use cue (用, 持, 使用, 驾驶,
//! 作案工具 …) in the same clause, one per part of a list (起子、剪刀), with a quantity right after
//! it ("尖嘴铁钳1把"); 驾车 makes the car the tool.

use serde_json::json;

use super::cues::{word_ending_at, word_starting_at};
use super::things::{is_punct, quantity_after};
use super::{Ctx, Element};

/// Tool elements.
pub fn find(ctx: &Ctx<'_>) -> Vec<Element> {
    let mut out = Vec::new();
    find_tools(ctx, &mut out);
    find_instruments(ctx, &mut out);
    out
}

/// A tool noun right before 将/把 without a use cue is the instrument of the act that follows
/// ("找了一根[铁棍]将窗户撬开"), when it is a word of its own (not 车 of 下车).
fn find_instruments(ctx: &Ctx<'_>, out: &mut Vec<Element>) {
    let c = &ctx.chars;
    let words = ctx.words();
    for k in (1..c.len()).filter(|&k| matches!(c[k], '将' | '把')) {
        let Some(w) = word_ending_at(c, k, &ctx.cues.tool.words) else { continue };
        let start = k - w.chars().count();
        let whole = words.binary_search_by_key(&start, |x| x.0).is_ok();
        if whole && !out.iter().any(|e| e.start < k && start < e.end) {
            out.push(ctx.element("tool", None, start, k, json!(ctx.slice(start, k))));
        }
    }
}

fn find_tools(ctx: &Ctx<'_>, out: &mut Vec<Element>) {
    let c = &ctx.chars;
    let tc = &ctx.cues.tool;
    let words = ctx.words();
    // A stop word inside a word that names a tool does not stop (行 of 电动自行车).
    let word_start = |k: usize| {
        let i = words.partition_point(|w| w.1 <= k);
        !words.get(i).is_some_and(|&(ws, we)| ws < k && word_ending_at(c, we, &tc.words).is_some())
    };
    let mut i = 0;
    while i < c.len() {
        // 驾车: the car is the tool.
        if ctx.norm_slice(i, i + 2) == "驾车" {
            out.push(ctx.element("tool", None, i + 1, i + 2, json!("车")));
            i += 2;
            continue;
        }
        let Some(cue) = word_starting_at(c, i, &tc.cues) else {
            i += 1;
            continue;
        };
        let from = i + cue.chars().count();
        let mut stop = from;
        // A list of tools (起子、剪刀) goes on over 、.
        while stop < c.len() && stop - from < 40 && (!is_punct(c[stop]) || c[stop] == '、') {
            if stop > from && word_start(stop) && word_starting_at(c, stop, &tc.stops).is_some() {
                break;
            }
            stop += 1;
        }
        // One tool per part of a list: 起子、剪刀 / 千斤顶及轮胎扳手.
        let mut part_start = from;
        let mut last_end = from;
        for k in from..=stop {
            let boundary = k == stop || matches!(c.get(k), Some('、' | '及' | '和' | '与'));
            if !boundary {
                continue;
            }
            // A tool noun inside a longer word is not one (拉开车门: 车 of 车门).
            let whole = |e: usize| !c.get(e).is_some_and(|&n| "门窗牌主库厢位顶身架".contains(n));
            if let Some(end) =
                (part_start + 1..=k).rev().find(|&e| word_ending_at(c, e, &tc.words).is_some() && whole(e))
            {
                let mut start = part_start;
                let part = ctx.norm_slice(part_start, end);
                // "事先准备好的剪刀" → 剪刀; "车牌号为…的汽车" stays whole.
                if let Some(de) = part.rfind('的') {
                    let head = part.get(..de).unwrap_or("");
                    if ["准备", "携带", "自带", "事先", "随身", "地上", "捡"].iter().any(|w| head.contains(w))
                    {
                        start = part_start + head.chars().count() + 1;
                    }
                }
                for lead in ["自己", "其", "着", "的", "用", "好"] {
                    if ctx.norm_slice(start, end).starts_with(lead) {
                        start += lead.chars().count();
                    }
                }
                let mut e = quantity_after(ctx, end);
                if ctx.norm_slice(e, e + 2) == "若干" {
                    e += 2;
                } else if ctx.norm_slice(e, e + 3) == "等工具" {
                    e += 3;
                }
                // "骑人力三轮车的[伍某某]": a vehicle that only describes someone is not a tool.
                let modifier = c.get(e) == Some(&'的');
                if start < end && !modifier {
                    out.push(ctx.element("tool", None, start, e, json!(ctx.slice(start, e))));
                    last_end = e;
                }
            }
            part_start = k + 1;
        }
        i = last_end.max(i + 1);
    }
}
