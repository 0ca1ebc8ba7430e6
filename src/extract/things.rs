//! Stolen items (tools are in [`super::tools`]).
//!
//! The phrase right after a theft verb (窃得, 盗走 …) up to a stop (，, 后, 价值 …), as the CAIL
//! annotators mark it — with its owner, brand, colour and quantity ("张某甲保时马电动自行车一辆");
//! anaphoric mentions "被盗的X", "该X" where X is an item noun; the things of a valuation clause
//! (X价值…, 价值…元的X), of a list (包内有A、B), of a placement (停放在该处的X) and of what the thief
//! does with them (将X低价变卖). A phrase that is money (现金300元) is left to the amount extractor;
//! one that only says "things" (财物, 物品) is not marked.

use serde_json::json;

use super::cues::{word_ending_at, word_starting_at};
use super::{Ctx, Element};

mod lists;
use lists::{find_listed_items, find_recovered_items, find_repeated_items, joins_at, stolen_context};

pub(super) fn is_punct(c: char) -> bool {
    matches!(c, '，' | '。' | '；' | '、' | '：' | ',' | ';' | ':' | '！' | '？' | '\n')
}

/// The end of a quantity right after `end` ("一辆", "1把", "6个", "三条").
pub(super) fn quantity_after(ctx: &Ctx<'_>, end: usize) -> usize {
    let c = &ctx.chars;
    let mut k = end;
    while c.get(k).is_some_and(|&d| d.is_ascii_digit() || "一二两三四五六七八九十百几".contains(d))
    {
        k += 1;
    }
    if k > end && c.get(k).is_some_and(|&u| CLASSIFIERS.contains(u)) {
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
            let mut quoted = false;
            while end < c.len() && end - start < 40 {
                if is_punct(c[end]) {
                    break;
                }
                // A model in brackets inside the name goes on ("OPPO牌R7SPLUS（4GB+32GB）全网通型手机");
                // a valuation in brackets ends it.
                if matches!(c[end], '（' | '(') {
                    let close = (end + 1..(end + 16).min(c.len())).find(|&j| matches!(c[j], '）' | ')'));
                    let inner = close.map(|j| ctx.norm_slice(end + 1, j)).unwrap_or_default();
                    let more = close.and_then(|j| c.get(j + 1)).is_some_and(|&n| !is_punct(n));
                    match close {
                        Some(j) if more && !["价", "鉴定", "元", "估"].iter().any(|w| inner.contains(w)) =>
                        {
                            end = j + 1;
                            continue;
                        }
                        _ => break,
                    }
                }
                if matches!(c[end], '“' | '"') {
                    quoted = !quoted;
                }
                // 和/及 join two things, except inside a quoted brand ("翔和"牌).
                let joins = joins_at(ctx, end) && !quoted;
                if end > start && (word_starting_at(c, end, &ic.stops).is_some() || joins) {
                    break;
                }
                end += 1;
            }
            // "盗窃电瓶价值…元", "单独盗窃轮胎共计价值…": a valued thing named by its taking keeps the
            // verb, as the annotators mark it.
            let valued = ["价值", "共价值", "共计价值", "合计价值", "总价值"]
                .iter()
                .any(|w| ctx.norm_slice(end, end + w.chars().count()) == *w);
            // "电动车共计8辆", "木方共计30余块": a total count after the thing is part of it.
            for total in ["共计", "合计", "共"] {
                let n = total.chars().count();
                if ctx.norm_slice(end, end + n) == total {
                    let mut q = end + n;
                    while c
                        .get(q)
                        .is_some_and(|&d| d.is_ascii_digit() || "一二两三四五六七八九十百千".contains(d))
                    {
                        q += 1;
                    }
                    if q > end + n && c.get(q).is_some_and(|&d| "余多".contains(d)) {
                        q += 1;
                    }
                    if q > end + n && c.get(q).is_some_and(|&u| CLASSIFIERS.contains(u)) {
                        end = q + 1;
                    }
                    break;
                }
            }
            let bare_verb = v == "盗窃" && !(i > 0 && matches!(c.get(i - 1), Some('被' | '所')));
            let from =
                if valued && bare_verb && !has_quantity(&ctx.norm_slice(start, end)) { i } else { start };
            push_item(ctx, out, from, end);
            let next = c.get(end).copied();
            if matches!(next, Some('、' | '及' | '和')) && end + 1 < c.len() {
                start = end + 1;
                continue;
            }
            i = end.max(i + 1);
            break;
        }
    }
    // "将X盗走", "将X推走据为己有": the object of 将 before a taking verb.
    for s0 in (1..=c.len()).filter(|&k| c[k - 1] == '将') {
        let mut k = s0;
        while k < c.len() && k - s0 < 30 && !is_punct(c[k]) {
            if let Some(v) = word_starting_at(c, k, verbs) {
                let taking = v.ends_with('走') || v.ends_with('下') || v == "盗窃";
                if taking && k > s0 && !out.iter().any(|e| e.start < k && s0 < e.end) {
                    push_valued(ctx, out, s0, k);
                }
                break;
            }
            k += 1;
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
        if has_item
            && !phrase.contains("共计")
            && !ctx
                .cues
                .theft
                .verbs
                .iter()
                .any(|v| phrase.contains(v.as_str()) && !phrase.starts_with("被盗"))
            && !out.iter().any(|e| e.start < end && start < e.end)
        {
            push_valued(ctx, out, start, end);
        }
    }
    // "价值人民币192元的[电瓶4个]": the thing a value is given for.
    let mut from = 0;
    while let Some(pos) = ctx.norm.get(from..).and_then(|s| s.find("元的")) {
        let b = from + pos;
        from = b + "元的".len();
        let at = ctx.norm.get(..b).map_or(0, |s| s.chars().count());
        let lead = ctx.norm_slice(at.saturating_sub(14), at);
        if !lead.contains("价值") {
            continue;
        }
        let start = at + 2;
        let mut end = start;
        while end < c.len() && end - start < 30 && !is_punct(c[end]) && !matches!(c[end], '（' | '(') {
            if end > start && word_starting_at(c, end, &ic.stops).is_some() {
                break;
            }
            end += 1;
        }
        if !out.iter().any(|e| e.start < end && start < e.end) {
            push_item(ctx, out, start, end);
        }
    }
    // Anaphora: 被盗的手机, 该电动车, 盗窃的物品.
    let mut prefixes: Vec<String> = ctx.cues.theft.item_prefixes.to_vec();
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
        // "被盗虾仁价值…", "被盗工业零配件价值…": any short noun valued after 被盗/所盗.
        if best.is_none() && p != "该" {
            let rest = ctx.norm_slice(from, (from + 10).min(c.len()));
            if let Some(b) = rest.find("价值").filter(|&b| b > 0) {
                let noun = rest.get(..b).unwrap_or("").trim_end_matches(['的', '总', '共']);
                let tags = crate::segment::Segmenter::global().tag(noun);
                let nounish = tags.last().is_some_and(|t| t.tag.starts_with('n'))
                    && noun.chars().all(|ch| ch.is_alphanumeric())
                    && !ic.generic.iter().any(|g| noun.ends_with(g.as_str()));
                if nounish {
                    best = Some(from + noun.chars().count());
                }
            }
        }
        match best {
            // Money (所盗现金) is an amount, not an item.
            // A generic noun (被盗物品, 所盗财物) is not marked either.
            Some(end)
                if !out.iter().any(|e| e.start < end && from < e.end)
                    && !ctx.norm_slice(from, end).contains("现金")
                    && !ic.generic.iter().any(|g| ctx.norm_slice(from, end) == *g) =>
            {
                // "该手机" is marked without 该; "被盗手机" with 被盗, and its quantity (被盗后视镜六幅).
                let (start, end) = if p == "该" { (from, end) } else { (i, quantity_after(ctx, end)) };
                out.push(ctx.element("item", Some("stolen"), start, end, json!(ctx.slice(start, end))));
                i = end;
            }
            _ => i += 1,
        }
    }
}

/// What a thief does with a thing, in a sentence about a theft: "将[电视机]给…", "将[摩托车]推至…",
/// "将[电动自行车]低价变卖" — a short object of 将 ending in an item noun, followed by a verb.
fn find_disposed_items(ctx: &Ctx<'_>, out: &mut Vec<Element>) {
    let c = &ctx.chars;
    let words = &ctx.cues.item.words;
    for s0 in (1..c.len()).filter(|&k| c[k - 1] == '将') {
        let Some(mut e) = (s0 + 1..(s0 + 12).min(c.len()))
            .take_while(|&k| !is_punct(c[k - 1]))
            .find(|&k| word_ending_at(c, k, words).is_some())
        else {
            continue;
        };
        while e < c.len() && word_ending_at(c, e + 1, words).is_some() {
            e += 1;
        }
        let next = ctx.norm_slice(e, (e + 4).min(c.len()));
        let tags = crate::segment::Segmenter::global().tag(&next);
        let verb_next =
            tags.first().is_some_and(|t| ["v", "p", "d", "a"].iter().any(|p| t.tag.starts_with(p)))
                || c.get(e).is_some_and(|&n| "以低给交卖拿推搬骑开运藏扔丢带送".contains(n));
        let sent_start = (0..s0).rev().find(|&k| c[k] == '。').map_or(0, |k| k + 1);
        let sent_end = (s0..c.len()).find(|&k| c[k] == '。').unwrap_or(c.len());
        let sentence = ctx.norm_slice(sent_start, sent_end);
        let theft =
            ["盗", "窃", "偷", "赃"].iter().any(|t| sentence.contains(t)) || stolen_context(ctx, &sentence);
        if verb_next && theft && !out.iter().any(|x| x.start < e && s0 < x.end) {
            push_item(ctx, out, s0, e);
        }
    }
}

/// Things named after where they were put: "停放在该处的[一辆三轮电动车]", "装在上衣口袋中的[一部手机]"
/// (cues.toml `[item] placed`), in a sentence about a theft.
fn find_placed_items(ctx: &Ctx<'_>, out: &mut Vec<Element>) {
    let c = &ctx.chars;
    let ic = &ctx.cues.item;
    for i in 0..c.len() {
        let Some(w) = word_starting_at(c, i, &ic.placed) else { continue };
        let from = i + w.chars().count();
        let Some(de) =
            (from..(from + 25).min(c.len())).take_while(|&k| !is_punct(c[k])).find(|&k| c[k] == '的')
        else {
            continue;
        };
        let start = de + 1;
        let mut end = start;
        while end < c.len() && end - start < 30 && !is_punct(c[end]) && !matches!(c[end], '（' | '(') {
            if end > start && word_starting_at(c, end, &ic.stops).is_some() {
                break;
            }
            end += 1;
        }
        // Up to the first item noun: "…电动自行车时，便用砖头…" ends at 电动自行车.
        let Some(mut last) = (start + 1..=end).find(|&k| word_ending_at(c, k, &ic.words).is_some()) else {
            continue;
        };
        while last < end && word_ending_at(c, last + 1, &ic.words).is_some() {
            last += 1;
        }
        // A vehicle the thing was taken from is not the thing (停放于此的电瓶车上…, …轿车车窗玻璃).
        if ic.container_after.iter().any(|w| ctx.norm_slice(last, last + w.chars().count()) == *w) {
            continue;
        }
        let end = quantity_after(ctx, last);
        let sent_start = (0..i).rev().find(|&k| c[k] == '。').map_or(0, |k| k + 1);
        let sent_end = (i..c.len()).find(|&k| c[k] == '。').unwrap_or(c.len());
        let sentence = ctx.norm_slice(sent_start, sent_end);
        let theft = ["盗", "窃", "偷"].iter().any(|t| sentence.contains(t));
        if theft && !out.iter().any(|e| e.start < end && start < e.end) {
            push_item(ctx, out, start, end);
        }
    }
}

/// The things of a valuation clause "X及Y总价值…": up to a 经 (被盗电缆经…鉴定), without a
/// trailing 总/共/分别, one item per part of a 及/、 list.
fn push_valued(ctx: &Ctx<'_>, out: &mut Vec<Element>, start: usize, mut end: usize) {
    let c = &ctx.chars;
    if let Some(k) = (start + 1..end).find(|&k| c.get(k) == Some(&'经')) {
        end = k;
    }
    loop {
        let tail = ["总", "共", "分别", "重置", "的", "合计", "共计"]
            .iter()
            .find(|w| ctx.norm_slice(start, end).ends_with(*w));
        match tail {
            Some(w) if end - start > w.chars().count() => end -= w.chars().count(),
            _ => break,
        }
    }
    let mut part = start;
    for k in start..=end {
        if k == end || matches!(c.get(k), Some('及' | '、')) {
            push_item(ctx, out, part, k);
            part = k + 1;
        }
    }
}

/// Push an item phrase after trimming what is not part of it: a leading "被害人", a location
/// clause ending in 的 ("安装在店外的"), trailing 等.
pub(super) fn push_item(ctx: &Ctx<'_>, out: &mut Vec<Element>, mut start: usize, mut end: usize) {
    if end <= start {
        return;
    }
    let c = &ctx.chars;
    while let Some(p) = word_starting_at(c, start, &ctx.cues.item.trim) {
        if start + p.chars().count() >= end {
            break;
        }
        start += p.chars().count();
    }
    // "抽屉内一部苹果6手机", "车内钱包一个": the spot the thing lay in is not part of it (but
    // "电动车上的电池" is: a locative before 的 stays).
    let phrase = ctx.norm_slice(start, end);
    let mut cut = 0;
    for t in crate::segment::Segmenter::global().tag(&phrase) {
        let locative = t.tag == "f"
            || ["内", "上", "里", "中", "下"].contains(&t.word)
            || (t.tag == "s" && t.word.chars().count() >= 2 && t.word.ends_with(['内', '上', '里', '中']));
        let rest_has_item =
            (start + t.end + 1..=end).any(|k| word_ending_at(c, k, &ctx.cues.item.words).is_some());
        if locative
            && t.start > 0
            && !phrase.get(t.byte_end..).is_some_and(|r| r.starts_with('的'))
            && rest_has_item
        {
            cut = t.end;
        }
    }
    start += cut;
    // A place or owner clause before 的 is not part of the item ("放置在店外的", "停放于此的"),
    // but a bare owner is ("蓝某某的一辆电动车").
    // An owner's household is kept too ("凌某乙家中的黄金手镯1个", "郑某某家的两条土狗").
    let phrase = ctx.norm_slice(start, end);
    let household = |head: &str| {
        let n = head.chars().count();
        head.contains('某')
            && (head.ends_with("家中") || head.ends_with('家'))
            && n <= 6
            && !PLACING.iter().any(|w| head.contains(w))
    };
    // A part of a vehicle keeps the vehicle ("电动车上的电池", "一辆电动车内的4只电池"): the clause
    // to drop is then the one before the vehicle.
    let mut de = phrase.rfind('的');
    if let Some(d) = de {
        let head = phrase.get(..d).unwrap_or("");
        let bare = head.trim_end_matches(['上', '内', '里']);
        let head_end = start + bare.chars().count();
        // Only the whole's own phrase counts ("停放在路边的[三轮摩托车的电瓶]").
        let whole = bare.rsplit('的').next().unwrap_or(bare);
        let holder = word_ending_at(c, head_end, &ctx.cues.scene_rules.part_holders).is_some();
        if holder && !PLACING.iter().any(|w| whole.contains(w)) {
            de = head.rfind('的');
        }
    }
    if let Some(de) = de {
        let head = phrase.get(..de).unwrap_or("");
        let verb_only = head.chars().count() <= 3
            && matches!(crate::segment::Segmenter::global().tag(head).as_slice(), [t] if t.tag.starts_with('v'));
        let placey = ["在", "于", "内", "上", "里", "中", "处", "停放", "放置", "放", "家", "此", "旁", "边"];
        if !household(head)
            && (verb_only || head.chars().count() >= 4 || placey.iter().any(|w| head.contains(w)))
        {
            start += head.chars().count() + 1;
        }
    }
    // "X家两个手提包": the household without 的 is not part of the item.
    let phrase = ctx.norm_slice(start, end);
    if let Some(jia) = phrase.find('家') {
        let head = phrase.get(..jia).unwrap_or("");
        let rest = phrase.get(jia..).unwrap_or("");
        if head.contains('某')
            && head.chars().count() <= 4
            && !rest.starts_with("家的")
            && !rest.starts_with("家中的")
        {
            start += head.chars().count() + 1;
        }
    }
    while end > start && matches!(c.get(end - 1), Some('等' | '了' | '后')) {
        end -= 1;
    }
    end = head_end(ctx, start, end);
    // "铝合金7次", "电池3起": a count of thefts is not a quantity of the thing.
    if end > start && matches!(c.get(end - 1), Some('次' | '起')) {
        let mut k = end - 1;
        while k > start
            && c.get(k - 1).is_some_and(|&d| d.is_ascii_digit() || "一二两三四五六七八九十".contains(d))
        {
            k -= 1;
        }
        if k + 1 < end && k > start {
            end = k;
        }
    }
    // An unclosed parenthesis is not part of the item; a short closed one right after it is
    // ("口香糖6盒（70粒）").
    if let Some(k) = (start..end).find(|&k| matches!(c.get(k), Some('(' | '（'))) {
        if !(k..end).any(|j| matches!(c.get(j), Some(')' | '）'))) {
            end = k;
        }
    } else if matches!(c.get(end), Some('(' | '（'))
        && let Some(close) =
            (end + 1..(end + 12).min(c.len())).find(|&j| matches!(c.get(j), Some(')' | '）')))
    {
        let inner = ctx.norm_slice(end + 1, close);
        if !inner.contains("价") && !inner.contains("鉴定") && !inner.contains('元') {
            end = close + 1;
        }
    }
    let phrase = ctx.norm_slice(start, end);
    let money = phrase.contains("现金")
        || phrase.starts_with("人民币")
        || phrase.ends_with('元')
        || phrase.contains("零钱");
    let thing = (start..end).any(|k| word_ending_at(c, k + 1, &ctx.cues.item.words).is_some())
        || has_quantity(&phrase)
        || phrase.contains('牌')
        || phrase.contains('“');
    let generic = ctx.cues.item.generic.iter().any(|g| phrase.ends_with(g.as_str()))
        && !(start..end).any(|k| {
            word_ending_at(c, k + 1, &ctx.cues.item.words)
                .is_some_and(|w| !ctx.cues.item.generic.iter().any(|g| g == w))
        });
    // Words after a generic noun ("物品价格", "财物的犯罪活动") make it a clause, not a thing.
    let after_generic = ctx.cues.item.generic.iter().any(|g| {
        phrase.find(g.as_str()).is_some_and(|p| {
            let rest = phrase.get(p + g.len()..).unwrap_or("");
            !rest.is_empty() && !has_quantity(rest)
        })
    });
    let noise = phrase.is_empty()
        || generic
        || after_generic
        || !head_is_noun(ctx, start, end)
        || ["上", "内", "里", "中"].iter().any(|w| phrase.ends_with(w))
        || money
        || !thing
        || ["作案", "时", "后", "的", "罪", "行为", "一案", "案", "过程", "被害人", "，", "为"]
            .iter()
            .any(|w| phrase.starts_with(w));
    if !noise && !out.iter().any(|e| e.start == start && e.end == end) {
        out.push(ctx.element("item", Some("stolen"), start, end, json!(ctx.slice(start, end))));
    }
}

/// Whether the last item noun of `[start, end)` is a noun, not part of a verb ("没[油]", "加[油]").
fn head_is_noun(ctx: &Ctx<'_>, start: usize, end: usize) -> bool {
    let c = &ctx.chars;
    let Some(k) = (start + 1..=end).rev().find(|&k| word_ending_at(c, k, &ctx.cues.item.words).is_some())
    else {
        return true;
    };
    let words = ctx.words();
    let i = words.partition_point(|w| w.1 < k);
    let Some(&(ws, we)) = words.get(i) else { return true };
    let noun_start = k - word_ending_at(c, k, &ctx.cues.item.words).map_or(0, |w| w.chars().count());
    if ws >= noun_start {
        return true;
    }
    let word = ctx.norm_slice(ws, we);
    let tags = crate::segment::Segmenter::global().tag(&word);
    !matches!(tags.as_slice(), [t] if t.tag.starts_with('v'))
}

/// Words of putting a thing somewhere: a clause with one before 的 is where the thing lay
/// ("存放在小轿车内的一块手表"), not an owner or a whole the thing is part of.
const PLACING: [&str; 5] = ["在", "于", "放", "停", "存"];

/// The end of an item phrase at its head: a clause's verb after the last item noun is not part
/// of the thing ("两条土狗[毒死]", "电动摩托车[启动]", "摩托车[骑到株洲市]", "电动车（…）[盗走]").
fn head_end(ctx: &Ctx<'_>, start: usize, mut end: usize) -> usize {
    let c = &ctx.chars;
    while let Some(v) = word_ending_at(c, end, &ctx.cues.theft.verbs) {
        if end - start <= v.chars().count() {
            break;
        }
        end -= v.chars().count();
    }
    let Some(noun) = (start + 1..=end).rev().find(|&k| word_ending_at(c, k, &ctx.cues.item.words).is_some())
    else {
        return end;
    };
    if noun == end {
        return end;
    }
    let rest = ctx.norm_slice(noun, end);
    let tags = crate::segment::Segmenter::global().tag(&rest);
    let verb = tags.first().is_some_and(|t| t.tag.starts_with('v') || t.tag.starts_with('p'));
    let qualifier = rest.chars().next().is_some_and(|f| CLASSIFIERS.contains(f) || f.is_ascii_digit());
    if verb && !qualifier && !has_quantity(&rest) { noun } else { end }
}

pub(super) const CLASSIFIERS: &str =
    "个只部辆台把条根块件箱瓶包双对套张袋桶盒支副枚卷捆颗架幅吨斤公斤克升米桶罐";

/// Whether a phrase holds a number followed by a classifier (三条, 1台, 十余个).
pub(super) fn has_quantity(phrase: &str) -> bool {
    let cs: Vec<char> = phrase.chars().collect();
    cs.windows(2).any(|w| {
        (w[0].is_ascii_digit() || "一两二三四五六七八九十百几余多".contains(w[0]))
            && CLASSIFIERS.contains(w[1])
    })
}

/// Stolen-item elements. `people` are the persons found, for owners inside item phrases.
pub fn find(ctx: &Ctx<'_>, people: &[Element]) -> Vec<Element> {
    let _ = people;
    let mut out = Vec::new();
    find_items(ctx, &mut out);
    find_listed_items(ctx, &mut out);
    find_placed_items(ctx, &mut out);
    find_disposed_items(ctx, &mut out);
    find_recovered_items(ctx, &mut out);
    find_repeated_items(ctx, &mut out);
    out
}
