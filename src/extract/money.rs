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
        r"(?:现金(?:共计|合计)?)?(?:约)?(?:人民币)?(?:现金)?(?:约)?{num}(?:余|多)?(?:万|千|百)?(?:余|多)?元(?:[零一二三四五六七八九壹贰叁肆伍陆柒捌玖0-9]角)?(?:[零一二三四五六七八九壹贰叁肆伍陆柒捌玖0-9]分)?(?:人民币|现金)?"
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
    if (after.starts_with("的价格") || after.starts_with("价格") || after.starts_with("的价钱"))
        && ["卖", "出售", "销", "典当", "抵押", "转卖"].iter().any(|w| after.contains(w))
    {
        return "gain";
    }
    // The cue closest to the amount wins.
    let mut best: Option<(usize, &'static str)> = None;
    for (list, role) in
        [(&a.fine, "fine"), (&a.gain, "gain"), (&a.value, "value"), (&a.stolen_money, "stolen_money")]
    {
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
    "other"
}

/// Every amount in the text.
pub fn find(ctx: &Ctx<'_>) -> Vec<Element> {
    let idx = CharIndex::new(&ctx.norm);
    let mut out = Vec::new();
    for m in AMOUNT_RE.find_iter(&ctx.norm) {
        let Some(value) = crate::normalize::parse_amount(m.as_str()) else { continue };
        let (start, end) = ctx.chars_of(&idx, m.start(), m.end());
        // Not an amount: "3元钱" is fine, but a bare 元 inside a word (元旦, 元宵) has no number.
        let role = role_of(ctx, start, end);
        out.push(ctx.element("amount", Some(role), start, end, json!(value)));
    }
    out
}
