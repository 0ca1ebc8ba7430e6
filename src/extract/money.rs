//! Amounts of money and their roles.
//!
//! An amount is a number with 元 and the words that belong to it (现金, 人民币, 约, 余, 万): "现金
//! 共计人民币2000余元", "6.85万元", "人民币陆仟捌佰伍拾元". Its role comes from the nearest cue
//! in the clause before it (cues.toml `[amount]`): 价值/鉴定 → `value`, 销赃/卖得/获利 → `gain`,
//! 窃得/现金/盗走 → `stolen_money`, 罚金 → `fine`; "以300元的价格卖给" is a gain. Without any
//! cue, an amount after a theft verb or written with 现金 is stolen money, else `other`.
//!
//! The `[amount_extra]` cues refine this: money moved on (转账至, 转入) or handed back (已发还)
//! right after the amount, or found in a container right before it (衣橱内300元), is stolen
//! money; "以X元的价格…" is a gain when a selling verb comes anywhere later in its clause; an
//! amount listed after another with no cue of its own (3000元、张某2500元) takes its role.
//! Amounts of unknown size (数十元, 六七十元零钱) are kept with no value.
//!
//! The `[amounts]` cues make the role the same whatever synonym the writer chose: a total word
//! (共计, 合计, 总计) is a weak value cue that only counts when nothing else in the clause does,
//! or right after goods (窃得财物合计X元); 钱款/现款 read as 现金 does; 转帐/转款 as 转账;
//! 返还 as 退还; 所得/获得 right before an amount is a gain after a sale earlier in the sentence;
//! pawning (当给) is selling.
//!
//! [`colloquial`] reads what statements write (cues.toml `[colloquial_amounts]`): 块 for 元 where
//! the context says money (三百块钱, not 四块电瓶), 元 left out after 万 (借款20万, not 3万张),
//! foreign money after its number (200美元), 上千元; and "3、4万元", a range, has no single value.

use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;
use serde_json::json;

use super::cues::{Words, word_ending_at, word_starting_at};
use super::{Ctx, Element};
use crate::span::CharIndex;

pub mod colloquial;

/// The rulespa block of cues.toml: more amount cues (`[amount_extra]`).
#[derive(Debug, Default, Deserialize)]
pub struct AmountExtraCues {
    #[serde(default)]
    pub stolen_after: Words,
    #[serde(default)]
    pub stolen_money: Words,
    #[serde(default)]
    pub container_before: Words,
    #[serde(default)]
    pub sale_verbs: Words,
    #[serde(default)]
    pub gain_after: Words,
    #[serde(default)]
    pub gain: Words,
    #[serde(default)]
    pub approx_marks: String,
}

/// The amounts block of cues.toml (`[amounts]`): totals, more cash words, pawning verbs.
#[derive(Debug, Default, Deserialize)]
pub struct AmountMoreCues {
    #[serde(default)]
    pub totals: Words,
    #[serde(default)]
    pub stolen_money: Words,
    #[serde(default)]
    pub sale_verbs: Words,
    #[serde(default)]
    pub cash: Words,
    #[serde(default)]
    pub stolen_after: Words,
    #[serde(default)]
    pub gain: Words,
    #[serde(default)]
    pub gain_after: Words,
    #[serde(default)]
    pub sold_for: Words,
}

/// Currencies written before the number (港币2000元): foreign money.
const FOREIGN_BEFORE: [&str; 12] =
    ["港币", "美元", "美金", "韩币", "日元", "欧元", "英镑", "澳元", "泰铢", "卢布", "澳门币", "新台币"];

static AMOUNT_RE: LazyLock<Regex> = LazyLock::new(|| {
    let cc = &super::cues::Cues::global().colloquial_amounts;
    let approx = colloquial::alternation(&cc.approx_before);
    let approx = if approx.is_empty() { String::new() } else { format!("|(?:{approx})[百千万亿]") };
    let foreign = colloquial::alternation(&cc.foreign_after);
    let foreign = if foreign.is_empty() { String::new() } else { format!("|{foreign}") };
    let num = format!(
        r"(?:[0-9][0-9,]*(?:\.[0-9]+)?(?:[万千百][0-9]+)*|[零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟数几]+{approx})"
    );
    let digit = "[零一二三四五六七八九壹贰叁肆伍陆柒捌玖0-9]";
    Regex::new(&format!(
        r"(?:现金(?:共计|合计)?)?(?:约)?(?:(?:人民币|港币|美元|美金|韩币|日元|欧元|英镑|澳元|泰铢|卢布|澳门币|新台币|硬币)为?)?(?:现金)?(?:约)?(?:[￥¥]|RMB)?(?P<num>{num})(?:余|多|来)?(?:万|千|百|亿)?(?:余|多|来)?(?P<unit>元|块{foreign})(?:左右|以上|整)?(?:{digit}[角毛])?(?:{digit}分)?(?:人民币)?(?:现金|硬币|零钱)?"
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
    let x = &ctx.cues.amount_extra;
    let more = &ctx.cues.amounts;
    // A cash word after the amount ("820元钱款退还给") does not hide the verb after it.
    let after = match more.cash.iter().find(|w| after.starts_with(w.as_str())) {
        Some(w) => after.get(w.len()..).unwrap_or_default().to_string(),
        None => after,
    };
    // A unit price (以每斤15元的价格卖到) is a value, whatever it was sold for.
    if ["每斤", "每吨", "每公斤", "每个", "每米", "每条", "每箱"].iter().any(|w| window.ends_with(w))
    {
        return "value";
    }
    // Money moved out of an account or handed back: "将人民币8450元转账至", "扣押的816元已发还".
    if word_starting_at(c, end, &x.stolen_after).is_some()
        || word_starting_at(c, end, &more.stolen_after).is_some()
    {
        return "stolen_money";
    }
    // "以X元的价格…卖给": a sale price, wherever the selling verb comes in the clause.
    if after.starts_with("的价格") || after.starts_with("价格") || after.starts_with("的价钱") {
        let clause_end =
            (end..c.len().min(end + 40)).find(|&k| c.get(k).is_some_and(|ch| CLAUSE_END.contains(ch)));
        let rest: String = c
            .get(end..clause_end.unwrap_or(c.len().min(end + 40)))
            .map(|s| s.iter().collect())
            .unwrap_or_default();
        if x.sale_verbs.iter().chain(more.sale_verbs.iter()).any(|w| rest.contains(w.as_str())) {
            return "gain";
        }
    }
    // "以100元变卖", "820元现金退还给", "以800元卖出" — the verb after the amount decides.
    if ["变卖", "卖给", "卖掉", "退还", "归还", "赔偿", "的价格卖", "的价格转让"]
        .iter()
        .copied()
        .chain(x.gain_after.iter().chain(more.gain_after.iter()).map(String::as_str))
        .any(|w| after.starts_with(w) || after.get(3..).is_some_and(|a| a.starts_with(w)))
    {
        return "gain";
    }
    if a.other_after.iter().any(|w| after.starts_with(w.as_str())) {
        return "other";
    }
    // Right after a container ("衣橱内300元", "钱包里的500元"): the money that was in it.
    if word_ending_at(c, start, &x.container_before).is_some() {
        return "stolen_money";
    }
    // What the goods brought: "将香烟出售，所得6000余元" (a selling verb earlier in the sentence).
    if more.sold_for.iter().any(|w| window.ends_with(w.as_str())) {
        let sentence_start =
            (0..start).rev().find(|&k| matches!(c.get(k), Some('。' | '；' | ';'))).map_or(0, |k| k + 1);
        let sentence = ctx.norm_slice(sentence_start, start);
        if [&x.sale_verbs, &more.sale_verbs, &x.gain_after].iter().any(|l| l.any_in(&sentence)) {
            return "gain";
        }
    }
    // A total of goods ("窃得财物合计", "所盗物品共计"): their value, whatever took them.
    let total = more.totals.iter().find(|w| window.ends_with(w.as_str()));
    if let Some(w) = total
        && let Some(head) = window.strip_suffix(w.as_str())
        && ctx.cues.item.generic.iter().any(|g| head.ends_with(g.as_str()))
    {
        return "value";
    }
    // The cue closest to the amount wins.
    let mut best: Option<(usize, &'static str)> = None;
    for (list, role) in [
        (&a.fine, "fine"),
        (&a.gain, "gain"),
        (&a.value, "value"),
        (&a.stolen_money, "stolen_money"),
        (&x.stolen_money, "stolen_money"),
        (&more.stolen_money, "stolen_money"),
        (&x.gain, "gain"),
        (&more.gain, "gain"),
        (&a.other, "other"),
    ] {
        if let Some(end_pos) = list.last_end_in(&window)
            && best.is_none_or(|(p, _)| end_pos > p)
        {
            best = Some((end_pos, role));
        }
    }
    let text = ctx.norm_slice(start, end);
    let cash_before = more.cash.iter().any(|w| window.ends_with(w.as_str()));
    if text.starts_with("现金") || text.ends_with("现金") || cash_before {
        // 现金 inside the span: stolen money unless a value or gain cue is right before.
        return match best {
            Some((_, r @ ("gain" | "fine"))) => r,
            _ => "stolen_money",
        };
    }
    if let Some((_, role)) = best {
        return role;
    }
    // A total with no other cue in its clause ("…价格为人民币652元，共计人民币2496元"): a value;
    // not a total of cash ("四沓人民币共计12785元"), which the rules below read.
    let cash_total = |w: &str| {
        more.cash.iter().map(String::as_str).chain(["人民币"]).any(|c| window.contains(&format!("{c}{w}")))
    };
    if more.totals.iter().any(|w| window.contains(w.as_str()) && !cash_total(w)) {
        return "value";
    }
    if ctx.cues.theft.verbs.any_in(&window) {
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
    if taken_after || ctx.cues.theft.verbs.any_in(&sentence) {
        return "stolen_money";
    }
    "other"
}

/// Every amount in the text. `people` are the persons found: an owner named right before
/// 现金 belongs to the amount ("林某某的现金22.5元"), as the CAIL annotators mark it.
pub fn find(ctx: &Ctx<'_>, people: &[Element]) -> Vec<Element> {
    let idx = CharIndex::new(&ctx.norm);
    let mut found: Vec<(usize, usize, Option<f64>)> = Vec::new();
    for caps in AMOUNT_RE.captures_iter(&ctx.norm) {
        let (Some(m), Some(unit)) = (caps.get(0), caps.name("unit")) else { continue };
        let number = caps.name("num").map_or("", |n| n.as_str());
        let (mut start, mut end) = ctx.chars_of(&idx, m.start(), m.end());
        let kuai = unit.as_str() == "块";
        if kuai {
            end = colloquial::kuai_end(ctx, end);
            if !colloquial::spoken_is_money(ctx, start, end, &found) {
                continue;
            }
        }
        let written = ctx.norm_slice(start, end);
        // Foreign currency has no value in 元; it is still stolen money.
        let foreign = !kuai && unit.as_str() != "元" || FOREIGN_BEFORE.iter().any(|c| written.contains(c));
        let bare = written.replace("硬币", "").replace("零钱", "").replace("币为", "币");
        // "3、4万元": the second of two numbers of a range, of unknown size.
        let num_start = caps.name("num").map_or(start, |n| ctx.chars_of(&idx, n.start(), n.end()).0);
        let range = colloquial::is_range_end(&ctx.chars, num_start, number);
        let value = crate::normalize::parse_amount(&bare).filter(|_| !range);
        // 数十元, 六七十元, 上千元: money of unknown size, kept without a value.
        if value.is_none() && !foreign && !range && !is_approximate(ctx, number) {
            continue;
        }
        let text = written;
        // "现金500元现金": one 现金 is enough; "约3500元现金": the annotators drop the 约.
        if text.starts_with("现金") && text.ends_with("现金") && text.chars().count() > 4 {
            end -= 2;
        }
        if text.starts_with('约') && text.ends_with("现金") {
            start += 1;
        }
        found.push((start, end, if foreign { None } else { value }));
    }
    // 借款20万, 转了13万给…: 万 or 亿 with 元 left out, where the context says money.
    for (start, end, number) in colloquial::bare_wan(ctx, &idx, &found) {
        let value = crate::normalize::parse_amount(&format!("{number}元"));
        if value.is_some() || is_approximate(ctx, &number) {
            found.push((start, end, value));
        }
    }
    found.sort_by_key(|&(start, end, _)| (start, end));
    let mut out: Vec<Element> = Vec::new();
    for (mut start, end, value) in found {
        let mut role = role_of(ctx, start, end);
        // An amount listed after another in the same clause with no cue of its own ("现金110元、
        // 175元", "退赔被害人周某3000元、张某2500元") has the role of the one before.
        if role == "other"
            && let Some(prev) = out.last()
            && prev.role.as_deref().is_some_and(|r| r != "other")
            && prev.end <= start
            && start - prev.end <= 10
        {
            let gap = ctx.norm_slice(prev.end, start);
            if !gap.contains(CLAUSE_END) && gap.contains(['、', '和', '及']) {
                role = match prev.role.as_deref() {
                    Some("stolen_money") => "stolen_money",
                    Some("value") => "value",
                    Some("gain") => "gain",
                    Some("fine") => "fine",
                    _ => role,
                };
            }
        }
        if role == "stolen_money" || ctx.norm_slice(start, start + 2) == "现金" {
            start = owner_start(ctx, people, start);
        }
        out.push(ctx.element("amount", Some(role), start, end, json!(value)));
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
        } else if let Some(s) = listed_cash_start(ctx, s, e) {
            out.push(ctx.element("amount", Some("stolen_money"), s, e, serde_json::Value::Null));
        }
    }
    out
}

/// Whether the number of an amount the normaliser cannot read is one of unknown size: 数十, 几百,
/// 六七十 and 两三千 (two neighbouring digits), 十几, 上千.
fn is_approximate(ctx: &Ctx<'_>, number: &str) -> bool {
    let approx_before = &ctx.cues.colloquial_amounts.approx_before;
    if approx_before.iter().any(|w| !w.is_empty() && number.starts_with(w.as_str())) {
        return true;
    }
    let number: Vec<char> = number.chars().collect();
    let digits = "一二两三四五六七八九";
    number.iter().any(|&ch| ctx.cues.amount_extra.approx_marks.contains(ch))
        || number
            .windows(2)
            .any(|w| matches!(w, [p, q] if p != q && digits.contains(*p) && digits.contains(*q)))
}

/// Cash listed last among things taken, with no amount: "盗走项链一条及[现金]。", "手机及[部分
/// 现金]；" — the start of the span when 现金 at `s..e` is such, in a sentence with a theft verb.
fn listed_cash_start(ctx: &Ctx<'_>, s: usize, e: usize) -> Option<usize> {
    let c = &ctx.chars;
    if !c.get(e).is_none_or(|a| matches!(a, '。' | '；' | ';')) {
        return None;
    }
    let start = if ctx.norm_slice(s.saturating_sub(2), s) == "部分" { s - 2 } else { s };
    if !start.checked_sub(1).and_then(|k| c.get(k)).is_some_and(|p| matches!(p, '及' | '和' | '、')) {
        return None;
    }
    let sentence_start =
        (0..start).rev().find(|&k| matches!(c.get(k), Some('。' | '；' | ';'))).map_or(0, |k| k + 1);
    let sentence = ctx.norm_slice(sentence_start, start);
    ctx.cues.theft.verbs.any_in(&sentence).then_some(start)
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
