//! Amounts of money and their roles.
//!
//! An amount is a number with 元 and the words that belong to it (现金, 人民币, 约, 余, 万): "现金
//! 共计人民币2000余元", "6.85万元", "人民币陆仟捌佰伍拾元". Its role comes from the nearest cue
//! in the clause before it (cues.toml `[amount]`): 价值/鉴定 → `value`, 销赃/卖得/获利 → `gain`,
//! 窃得/现金/盗走 → `stolen_money`, 罚金 → `fine`; "以300元的价格卖给" is a gain. Without any
//! cue, an amount after a theft verb or written with 现金 is stolen money, else `other`.

use std::sync::LazyLock;

use regex::Regex;
use serde_json::json;

use super::{Ctx, Element};
use crate::span::CharIndex;

static AMOUNT_RE: LazyLock<Regex> = LazyLock::new(|| {
    let num = r"(?:[0-9][0-9,]*(?:\.[0-9]+)?|[零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]+)";
    Regex::new(&format!(
        r"(?:现金(?:共计|合计)?)?(?:约)?(?:人民币|港币|美元|韩币|日元|欧元|澳门币|新台币|硬币)?(?:现金)?(?:约)?{num}(?:余|多)?(?:万|千|百)?(?:余|多)?元(?:左右|以上|整)?(?:[零一二三四五六七八九壹贰叁肆伍陆柒捌玖0-9]角)?(?:[零一二三四五六七八九壹贰叁肆伍陆柒捌玖0-9]分)?(?:人民币)?(?:现金|硬币)?"
    ))
    .expect("amount regex")
});

/// Characters that end the clause a cue may come from.
const CLAUSE_END: [char; 5] = ['，', '。', '；', ',', ';'];

fn role_of(ctx: &Ctx<'_>, start: usize, end: usize) -> &'static str {
    let c = &ctx.chars;
    let a = &ctx.cues.amount;
    let after: String = c.get(end..(end + 8).min(c.len())).map(|s| s.iter().collect()).unwrap_or_default();
    let before_start = start.saturating_sub(14);
    let mut lo = before_start;
    for k in (before_start..start).rev() {
        if c.get(k).is_some_and(|ch| CLAUSE_END.contains(ch)) {
            lo = k + 1;
            break;
        }
    }
    let window: String = c.get(lo..start).map(|s| s.iter().collect()).unwrap_or_default();
    // A unit price (以每斤15元的价格卖到) is a value, whatever it was sold for.
    if ["每斤", "每吨", "每公斤", "每个", "每米", "每条", "每箱"].iter().any(|w| window.ends_with(w))
    {
        return "value";
    }
    if (after.starts_with("的价格") || after.starts_with("价格") || after.starts_with("的价钱"))
        && ["卖", "出售", "销", "典当", "抵押", "转卖"].iter().any(|w| after.contains(w))
    {
        return "gain";
    }
    // "以100元变卖", "820元现金退还给", "将赃款5500元转账" — the verb after the amount decides.
    if ["变卖", "卖给", "卖掉", "退还", "归还", "赔偿", "的价格卖", "的价格转让"]
        .iter()
        .any(|w| after.starts_with(w) || after.get(3..).is_some_and(|a| a.starts_with(w)))
    {
        return "gain";
    }
    if a.other_after.iter().any(|w| after.starts_with(w.as_str())) {
        return "other";
    }
    // The cue closest to the amount wins.
    let mut best: Option<(usize, &'static str)> = None;
    for (list, role) in [
        (&a.fine, "fine"),
        (&a.gain, "gain"),
        (&a.value, "value"),
        (&a.stolen_money, "stolen_money"),
        (&a.other, "other"),
    ] {
        for w in list {
            if let Some(pos) = window.rfind(w.as_str()) {
                let end_pos = pos + w.len();
                if best.is_none_or(|(p, _)| end_pos > p) {
                    best = Some((end_pos, role));
                }
            }
        }
    }
    let text = ctx.norm_slice(start, end);
    if text.starts_with("现金") || text.ends_with("现金") {
        // 现金 inside the span: stolen money unless a value or gain cue is right before.
        return match best {
            Some((_, r @ ("gain" | "fine"))) => r,
            _ => "stolen_money",
        };
    }
    if let Some((_, role)) = best {
        return role;
    }
    if ctx.cues.theft.verbs.iter().any(|v| window.contains(v.as_str())) {
        return "stolen_money";
    }
    // No cue near it: money taken by a theft verb earlier in the sentence ("窃得被害人放置在售货机
    // 内的人民币400元"), or by a taking verb after it in its clause ("将衣橱内300元盗走").
    let sentence_start =
        (0..start).rev().find(|&k| matches!(c.get(k), Some('。' | '；' | ';'))).map_or(0, |k| k + 1);
    let sentence = ctx.norm_slice(sentence_start, start);
    let clause_after: String = after.split(CLAUSE_END).next().unwrap_or("").to_string();
    let taken_after =
        ctx.cues.theft.verbs.iter().any(|v| v.ends_with('走') && clause_after.contains(v.as_str()));
    if taken_after || ctx.cues.theft.verbs.iter().any(|v| sentence.contains(v.as_str())) {
        return "stolen_money";
    }
    "other"
}

/// Every amount in the text. `people` are the persons found: an owner named right before
/// 现金 belongs to the amount ("林某某的现金22.5元"), as the CAIL annotators mark it.
pub fn find(ctx: &Ctx<'_>, people: &[Element]) -> Vec<Element> {
    let idx = CharIndex::new(&ctx.norm);
    let mut out = Vec::new();
    for m in AMOUNT_RE.find_iter(&ctx.norm) {
        let written = m.as_str();
        // Foreign currency has no value in 元; it is still stolen money.
        let foreign =
            ["港币", "美元", "韩币", "日元", "欧元", "澳门币", "新台币"].iter().any(|c| written.contains(c));
        let value = crate::normalize::parse_amount(&written.replace("硬币", ""));
        if value.is_none() && !foreign {
            continue;
        }
        let (mut start, mut end) = ctx.chars_of(&idx, m.start(), m.end());
        let text = ctx.norm_slice(start, end);
        // "现金500元现金": one 现金 is enough; "约3500元现金": the annotators drop the 约.
        if text.starts_with("现金") && text.ends_with("现金") && text.chars().count() > 4 {
            end -= 2;
        }
        if text.starts_with('约') && text.ends_with("现金") {
            start += 1;
        }
        let role = role_of(ctx, start, end);
        if role == "stolen_money" || ctx.norm_slice(start, start + 2) == "现金" {
            start = owner_start(ctx, people, start);
        }
        let value = if foreign { serde_json::Value::Null } else { json!(value) };
        out.push(ctx.element("amount", Some(role), start, end, value));
    }
    // "盗走现金。", "所盗现金": stolen money of unknown amount.
    for (b, _) in ctx.norm.match_indices("现金") {
        let (s, e) = ctx.chars_of(&idx, b, b + "现金".len());
        if out.iter().any(|x| x.start <= s && e <= x.end) {
            continue;
        }
        let before = ctx.norm_slice(s.saturating_sub(3), s);
        let after = ctx.chars.get(e).copied();
        let taken =
            ctx.cues.theft.verbs.iter().any(|v| before.ends_with(v.as_str())) || before.ends_with("所盗");
        if taken && after.is_none_or(|a| !a.is_ascii_digit() && !"人约共一二三四五六七八九十".contains(a))
        {
            let s = if before.ends_with("所盗") { s - 2 } else { s };
            out.push(ctx.element("amount", Some("stolen_money"), s, e, serde_json::Value::Null));
        }
    }
    out
}

/// Where an amount starts when an owner is named right before it: "X的", "X家中的", "X".
fn owner_start(ctx: &Ctx<'_>, people: &[Element], start: usize) -> usize {
    for gap in ["", "的", "家中的", "家的", "身上的"] {
        let n = gap.chars().count();
        if n > start || ctx.norm_slice(start - n, start) != gap {
            continue;
        }
        if let Some(p) = people.iter().find(|p| p.end + n == start) {
            return p.start;
        }
    }
    start
}
