//! Time, place and organisation expressions.
//!
//! * Time: a date (year, month and/or day; or 同日/当晚/次日) followed by any of the modifiers in
//!   cues.toml `[time] suffixes` and clock times (13时许, 14时20分), optionally a range with 至.
//!   The value is the ISO date, or date-time when the day and hour are exact.
//! * Place: the phrase after a locative word (在, 于, 窜至 …) up to a stop word or punctuation,
//!   kept when it contains a place character (市, 路, 店, 内 …).
//! * Organisation: a name ending in an institutional suffix (公安局, 价格认证中心, 有限公司 …) or
//!   a standing name (公安机关, 物价部门).

use std::sync::LazyLock;

use regex::Regex;
use serde_json::json;

use super::cues::{word_ending_at, word_starting_at};
use super::{Ctx, Element};

const N: &str = "[0-9零〇一二两三四五六七八九十]";

/// Cues of the item, tool, place and organisation rules added for CAIL span conventions
/// (`[scene_rules]`, the `# --- rulesscene` block of cues.toml).
#[derive(Debug, Default, serde::Deserialize)]
pub struct SceneRuleCues {
    /// Words of recovering or seizing stolen goods (追回, 扣押 …): a sentence with one is about a theft.
    #[serde(default)]
    pub recovery: super::cues::Words,
    /// Words of selling on or hiding stolen goods (销赃, 窝藏 …): with one, a sentence is about them.
    #[serde(default)]
    pub disposal: super::cues::Words,
    /// Nouns whose parts are stolen with the whole named (电动车上的电池): a `X上的Y` keeps X.
    #[serde(default)]
    pub part_holders: super::cues::Words,
    /// Two-character words ending in a locative that are times, not places (以后, 随后).
    #[serde(default)]
    pub time_locatives: super::cues::Words,
    /// Words of a condition clause "在…下" (在律师在场的情况下, 在X的协助下): not a place.
    #[serde(default)]
    pub conditions: super::cues::Words,
    /// Last words of a valuation agency's name in "经X鉴定" (中心, 局, 鉴定组).
    #[serde(default)]
    pub appraisers: Vec<String>,
    /// Verbs of valuing after the agency (鉴定, 认定, 评估).
    #[serde(default)]
    pub appraisal_verbs: Vec<String>,
}

static DATE_HEAD_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:{N}{{4}}年(?:{N}{{1,2}}月(?:{N}{{1,3}}[日号])?)?|同年{N}{{1,2}}月(?:{N}{{1,3}}日)?|{N}{{1,2}}月{N}{{1,3}}日|同日|当日|次日|当天|当晚|同月{N}{{1,3}}日)"
    ))
    .expect("time regex")
});

static CLOCK_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^(?:{N}{{1,3}}(?:[-—至]{N}{{1,3}})?[时点](?:{N}{{1,3}}分)?(?:许|左右)?|{N}{{1,2}}:{N}{{2}}(?:许|左右)?)"))
        .expect("clock regex")
});

static RANGE_END_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("^(?:{N}{{1,2}}月|{N}{{1,3}}日)")).expect("range regex"));

/// Extend a time expression over modifiers, clock times and a 至 range.
fn extend_time(ctx: &Ctx<'_>, mut end: usize) -> usize {
    let suffixes = &ctx.cues.time.suffixes;
    loop {
        if let Some(w) = word_starting_at(&ctx.chars, end, suffixes) {
            end += w.chars().count();
            continue;
        }
        let rest = ctx.norm_slice(end, (end + 12).min(ctx.chars.len()));
        if let Some(m) = CLOCK_RE.find(&rest) {
            end += m.as_str().chars().count();
            continue;
        }
        // A list of days or months: 2018年6月16日、17日凌晨 / 2017年6月、11月间 (but two clock
        // times, 8时10分许、15日5时50分许, are two times).
        if ctx.chars.get(end) == Some(&'、') && end > 0 && matches!(ctx.chars.get(end - 1), Some('日' | '月'))
        {
            let rest = ctx.norm_slice(end + 1, (end + 8).min(ctx.chars.len()));
            if let Some(m) = RANGE_END_RE.find(&rest) {
                end += 1 + m.as_str().chars().count();
                continue;
            }
        }
        // A range: 至2018年3月 / 至8月底 / 至15时.
        if ctx.chars.get(end) == Some(&'至') || ctx.chars.get(end) == Some(&'到') {
            let rest = ctx.norm_slice(end + 1, (end + 16).min(ctx.chars.len()));
            let head =
                DATE_HEAD_RE.find(&rest).filter(|m| m.start() == 0).map(|m| m.as_str().chars().count());
            let head = head.or_else(|| RANGE_END_RE.find(&rest).map(|m| m.as_str().chars().count()));
            let head = head.or_else(|| CLOCK_RE.find(&rest).map(|m| m.as_str().chars().count()));
            if let Some(n) = head {
                end += 1 + n;
                continue;
            }
        }
        return end;
    }
}

fn find_times(ctx: &Ctx<'_>, out: &mut Vec<Element>) {
    let idx = ctx.norm_index();
    let dates = ctx.dates();
    let mut last_end = 0;
    for m in DATE_HEAD_RE.find_iter(&ctx.norm) {
        let (start, head_end) = ctx.chars_of(&idx, m.start(), m.end());
        if start < last_end {
            continue;
        }
        // Skip birth dates and procedural dates: "1990年3月7日出生", "于2023年6月14日被…刑事拘留".
        let after = ctx.norm_slice(head_end, (head_end + 3).min(ctx.chars.len()));
        if after.starts_with("出生") || after.starts_with("生") {
            continue;
        }
        let end = extend_time(ctx, head_end);
        last_end = end;
        // Arrest, valuation and compensation dates are not offence times.
        let rest = ctx.norm_slice(end, (end + 60).min(ctx.chars.len()));
        let sentence = rest.split(['。', '；']).next().unwrap_or("");
        // A theft anywhere in the sentence makes it the offence's time (…发现…，遂…盗走).
        let whole = ctx.norm_slice(end, (end + 200).min(ctx.chars.len()));
        let whole = whole.split(['。', '；']).next().unwrap_or("");
        let theft = ctx.cues.theft.verbs.any_in(whole);
        if !theft && ctx.cues.time.not_offence.iter().any(|w| sentence.contains(w.as_str())) {
            continue;
        }
        let date = dates.iter().find(|d| d.start == start).and_then(|d| d.date);
        let clock = crate::normalize::parse_time(&ctx.norm_slice(head_end, end));
        let value = match (date, clock) {
            (Some(d), Some(t)) if end - head_end <= 8 => {
                json!(d.and_time(t).format("%Y-%m-%dT%H:%M:%S").to_string())
            }
            (Some(d), _) => json!(d.to_string()),
            _ => json!(ctx.slice(start, end)),
        };
        out.push(ctx.element("time", None, start, end, value));
    }
}

/// Whether the `len` characters at `at` lie inside a longer word ending in a place character
/// (废品收购站, 信用社, 开发区, 专卖店): then they do not stop a place phrase.
fn inside_place_word(ctx: &Ctx<'_>, word_starts: &[usize], at: usize, len: usize) -> bool {
    let k = word_starts.partition_point(|&s| s <= at);
    let (Some(&ws), we) = (k.checked_sub(1).and_then(|k| word_starts.get(k)), word_starts.get(k).copied())
    else {
        return false;
    };
    let we = we.unwrap_or(ctx.chars.len());
    let marks = &ctx.cues.place.marks;
    if !ctx.chars.get(we - 1).is_some_and(|&ch| marks.contains(ch)) {
        return false;
    }
    // The second half of a two-character locative (电梯[背后]，) does not stop either, unless the
    // word is a time (以后) or the first half a place (市后).
    let locative = we - ws == 2
        && ws + 1 == at
        && !ctx.chars.get(ws).is_some_and(|&ch| marks.contains(ch))
        && !ctx.cues.scene_rules.time_locatives.contains(&ctx.norm_slice(ws, we));
    we - ws > len && we > at + len || locative
}

/// The end of a place phrase starting at `start` (a stop word at a word start, or punctuation),
/// with its start moved past leading words that are not part of it; `None` when the phrase is
/// not a place.
/// `conditions`: whether the text holds a condition word at all (cues.toml `[scene_rules]`).
fn place_at(
    ctx: &Ctx<'_>,
    mut start: usize,
    word_starts: &[usize],
    conditions: bool,
) -> Option<(usize, usize)> {
    let pc = &ctx.cues.place;
    let c = &ctx.chars;
    // A doubled locative (进入到…) is not part of the place, nor a leading 被害人; "于某某在…" is a
    // name (于 is a surname), not a place.
    while matches!(c.get(start), Some('在' | '到' | '至')) {
        start += 1;
    }
    if c.get(start) == Some(&'某') {
        return None;
    }
    for lead in ["被害人", "受害人"] {
        if ctx.norm_slice(start, start + 3) == lead && ctx.norm_slice(start + 3, start + 6).contains('某') {
            start += 3;
        }
    }
    let mut end = start;
    while end < c.len() && end - start < 40 {
        let victim_here = ctx.norm_slice(end, end + 3) == "被害人";
        if end > start
            && !victim_here
            && let Some(w) = word_starting_at(c, end, &pc.stops)
            && !inside_place_word(ctx, word_starts, end, w.chars().count())
        {
            // "口袋内的", "桌上的": the locative belongs to the place.
            if w.chars().count() == 2 && w.ends_with('的') && !w.starts_with('的') {
                end += 1;
            }
            break;
        }
        if matches!(c[end], '，' | '。' | '；' | '、' | '：' | ',' | ';' | ':' | '（' | '(') {
            break;
        }
        end += 1;
    }
    // 被害人X位于[…]: the place starts after 位于.
    let phrase = ctx.norm_slice(start, end);
    if let Some((b, w)) = pc.restart.iter().filter_map(|w| phrase.rfind(w.as_str()).map(|b| (b, w))).max() {
        start += phrase.get(..b).map_or(0, |h| h.chars().count()) + w.chars().count();
    }
    let phrase = ctx.norm_slice(start, end);
    let first = phrase.chars().next();
    let quantity = phrase.chars().zip(phrase.chars().skip(1)).any(|(a, b)| {
        (a.is_ascii_digit() || "一两二三四五六七八九十".contains(a))
            && "个只部辆台把条根块件箱瓶包双张袋".contains(b)
    });
    // "在值班律师X在场的情况下签署…", "在乡政府督促下": a condition, not a place.
    if conditions && ctx.cues.scene_rules.conditions.iter().any(|w| phrase.contains(w.as_str())) {
        return None;
    }
    let ends_with_item = end > start && word_ending_at(c, end, &ctx.cues.item.words).is_some();
    let arrest = pc.arrest_after.iter().any(|w| ctx.norm_slice(end, end + w.chars().count()) == *w);
    let is_place = end > start + 1
        && phrase.chars().any(|ch| pc.marks.contains(ch))
        && (!first.is_some_and(|f| f.is_ascii_digit()) || phrase.chars().any(|ch| "室楼号房栋层".contains(ch)))
        && DATE_HEAD_RE.find(&phrase).is_none_or(|m| m.start() != 0)
        && !quantity
        && !ends_with_item
        && !arrest
        && !["其", "逃", "押", "此", "案", "上述", "处", "从"].iter().any(|w| phrase.starts_with(w))
        // A bare generic spot (车内, 房间, 门口, 该房间) is not marked as a place; a short named one
        // (金乡镇, 株洲) is, and so is a longer one after 该 (该村刘某家中).
        && (if phrase.starts_with('该') {
            phrase.chars().count() > 4
        } else {
            phrase.chars().count() > 3 || phrase.chars().any(|ch| pc.named.contains(ch))
        });
    is_place.then_some((start, end))
}

fn find_places(ctx: &Ctx<'_>, word_starts: &[usize], out: &mut Vec<Element>) {
    let pc = &ctx.cues.place;
    let conditions = ctx.cues.scene_rules.conditions.iter().any(|w| ctx.norm.contains(w.as_str()));
    let c = &ctx.chars;
    let mut i = 0;
    while i < c.len() {
        let Some(prep) = word_ending_at(c, i, &pc.preps) else {
            i += 1;
            continue;
        };
        // The locative word must be a word of its own (not 存在, 到达 …).
        let prep_start = i - prep.chars().count();
        // jieba may glue 至/到 to the verb before (骑至, 开到) or a locative to a masked name (王某甲到).
        let glued = matches!(prep, "至" | "到")
            || prep_start.checked_sub(1).and_then(|k| c.get(k)).is_some_and(|&p| "某甲乙丙丁*".contains(p));
        if (word_starts.binary_search(&prep_start).is_err() && !glued)
            || word_starts.binary_search(&i).is_err()
        {
            i += 1;
            continue;
        }
        // The police's places (公安机关在…将被告人抓获) are not crime scenes.
        let clause_start =
            (0..prep_start).rev().find(|&k| matches!(c[k], '，' | '。' | ',' | ';')).map_or(0, |k| k + 1);
        let clause = ctx.norm_slice(clause_start, prep_start);
        let goods =
            pc.goods_verbs.iter().any(|w| clause.ends_with(w.as_str()) || prep.starts_with(w.as_str()));
        if goods || ["民警", "公安", "派出所"].iter().any(|w| clause.contains(w)) {
            i += 1;
            continue;
        }
        let Some((start, mut end)) = place_at(ctx, i, word_starts, conditions) else {
            i += 1;
            continue;
        };
        // Where a thing was put (放在口袋内, 停放在门口) is marked only when it is a named place,
        // and ends before the thing (停放于[路边]的白色起亚车).
        if pc.weak_preps.iter().any(|w| w == prep) {
            if let Some(de) = (start + 1..end).find(|&k| c[k] == '的') {
                end = de;
            }
            if !ctx.norm_slice(start, end).chars().any(|ch| pc.named.contains(ch)) {
                i = end;
                continue;
            }
        }
        out.push(ctx.element("place", None, start, end, json!(ctx.slice(start, end))));
        // A list of places: 来到竹溪县、十堰市城区、郧阳区.
        while c.get(end) == Some(&'、') {
            let Some((s, e)) = place_at(ctx, end + 1, word_starts, conditions) else { break };
            out.push(ctx.element("place", None, s, e, json!(ctx.slice(s, e))));
            end = e;
        }
        i = end;
    }
}

static ORG_RE: LazyLock<Regex> = LazyLock::new(|| {
    let cues = super::cues::Cues::global();
    let mut suffixes: Vec<&str> = cues.organization.suffixes.iter().map(String::as_str).collect();
    suffixes.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    let alts: Vec<String> = suffixes.iter().map(|s| regex::escape(s)).collect();
    Regex::new(&format!(r"[\p{{Han}}*]{{2,16}}?(?:{})+", alts.join("|"))).expect("org regex")
});

/// "经X鉴定/认定/评估": X, a name ending in an agency word of cues.toml `[scene_rules] appraisers`.
static APPRAISER_RE: LazyLock<Regex> = LazyLock::new(|| {
    let sr = &super::cues::Cues::global().scene_rules;
    let alts = |w: &[String]| w.iter().map(|s| regex::escape(s)).collect::<Vec<_>>().join("|");
    Regex::new(&format!(
        r"经([\p{{Han}}*]{{2,20}}?(?:{}))(?:{})",
        alts(&sr.appraisers),
        alts(&sr.appraisal_verbs)
    ))
    .expect("appraiser regex")
});

fn find_orgs(ctx: &Ctx<'_>, out: &mut Vec<Element>) {
    let oc = &ctx.cues.organization;
    let idx = ctx.norm_index();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for m in ORG_RE.find_iter(&ctx.norm) {
        let (mut start, mut end) = ctx.chars_of(&idx, m.start(), m.end());
        if taken.last().is_some_and(|l| start < l.1) {
            continue;
        }
        // Trim leading function words and anything up to a verb-like cue (经, 被, 由 …).
        loop {
            match word_starting_at(&ctx.chars, start, &oc.trim) {
                Some(w) if start + w.chars().count() < end => start += w.chars().count(),
                _ => break,
            }
        }
        for (k, ch) in ctx.chars.iter().enumerate().take(end).skip(start) {
            if "经被在到至从将、某".contains(*ch) && k + 2 < end {
                start = k + 1;
            }
        }
        let lead_end = (start..end)
            .filter_map(|k| word_starting_at(&ctx.chars, k, &oc.lead_ends).map(|w| k + w.chars().count()))
            .rfind(|&e| e + 2 < end);
        if let Some(e) = lead_end {
            start = e;
        }
        while ctx.chars.get(start).is_some_and(|c| "甲乙丙丁某".contains(*c)) && start + 2 < end {
            start += 1;
        }
        // After a theft verb: 窃得该超市 → 该超市, which is then dropped as an anaphor.
        let verb_end = (start..end)
            .filter_map(|k| {
                word_starting_at(&ctx.chars, k, &ctx.cues.theft.verbs).map(|v| k + v.chars().count())
            })
            .rfind(|&e| e < end);
        if let Some(e) = verb_end {
            start = e;
        }
        // Leading verbs, prepositions and pronouns are not part of a name (进入厂, 卖给…超市).
        let cand = ctx.norm_slice(start, end);
        let tags = crate::segment::Segmenter::global().tag(&cand);
        let mut cut = 0;
        for t in tags.iter().take(tags.len().saturating_sub(1)) {
            let lead = ["v", "p", "c", "u", "d", "r", "m", "q", "f"].iter().any(|p| t.tag.starts_with(p))
                || ["被害人", "害人", "以下简称", "简称", "单位", "害单位"].contains(&t.word);
            if !lead || t.word.contains('*') {
                break;
            }
            cut = t.end;
        }
        // A verb further in ends a clause the name only follows (香烟卖给本市…超市, 玻璃门钻入…小学).
        let n = tags.len();
        for (k, t) in tags.iter().enumerate() {
            let named_before = cand.chars().take(t.start).any(|ch| "省市县区镇乡".contains(ch));
            if k + 1 < n && t.start >= cut && t.tag == "v" && t.word.chars().count() >= 2 && !named_before {
                cut = t.end;
            }
        }
        start += cut;
        let name = ctx.norm_slice(start, end);
        let suffix = oc
            .suffixes
            .iter()
            .filter(|x| name.ends_with(x.as_str()))
            .map(|x| x.chars().count())
            .max()
            .unwrap_or(0);
        let prefix_len = (end - start).saturating_sub(suffix);
        // A bank named for its card or account (招商银行卡) is not an organisation of the case.
        let card = ["卡", "账户", "账号"].iter().any(|w| ctx.norm_slice(end, end + 2).starts_with(w));
        let generic = card || prefix_len < 2 || name.starts_with('该') || name.starts_with("简称");
        if end - start >= 2 && !generic {
            // A unit of the organisation just before it is one name (XX市公安局 + XX区分局).
            if let Some(last) = taken.last_mut().filter(|l| l.1 == start)
                && let Some(prev) = out.iter_mut().rev().find(|e| e.kind == "organization" && e.end == start)
            {
                last.1 = end;
                *prev = ctx.element("organization", None, prev.start, end, json!(ctx.slice(prev.start, end)));
                continue;
            }
            // "X有限公司（以下简称X公司）": the annotators keep the short name with the full one.
            let paren = ctx.norm_slice(end, end + 6);
            if (paren.starts_with("(以下简称") || paren.starts_with("(简称"))
                && let Some(close) = (end + 3..(end + 24).min(ctx.chars.len())).find(|&k| ctx.chars[k] == ')')
            {
                end = close + 1;
            }
            taken.push((start, end));
            out.push(ctx.element("organization", None, start, end, json!(ctx.slice(start, end))));
        }
    }
    // The agency of a valuation: "经[邯山区价格评估中心]评估", "经[吉安市文物鉴定组]鉴定".
    for m in APPRAISER_RE.captures_iter(&ctx.norm) {
        let Some(g) = m.get(1) else { continue };
        let (s, e) = ctx.chars_of(&idx, g.start(), g.end());
        if e - s >= 4 && !taken.iter().any(|&(a, b)| a < e && s < b) {
            taken.push((s, e));
            out.push(ctx.element("organization", None, s, e, json!(ctx.slice(s, e))));
        }
    }
    for w in &oc.whole {
        let mut from = 0;
        while let Some(pos) = ctx.norm.get(from..).and_then(|s| s.find(w.as_str())) {
            let b0 = from + pos;
            let (s, e) = ctx.chars_of(&idx, b0, b0 + w.len());
            if !taken.iter().any(|&(a, b)| a < e && s < b) {
                out.push(ctx.element("organization", None, s, e, json!(w)));
            }
            from = b0 + w.len();
        }
    }
}

/// The home of a person taken from ("窃得被害人[凌某乙家中]的…", "趁被害人[任某某家中]无人"): a
/// place when a cue of `[place] home_before` comes right before the person (and 被害人).
fn find_homes(ctx: &Ctx<'_>, people: &[Element], out: &mut Vec<Element>) {
    let c = &ctx.chars;
    for p in people.iter().filter(|p| p.kind == "person") {
        let after = ctx.norm_slice(p.end, p.end + 3);
        let end = if after.starts_with("家中") {
            p.end + 2
        } else if after.starts_with('家') && !after.chars().nth(1).is_some_and(|n| "属人里长庭乡".contains(n))
        {
            p.end + 1
        } else {
            continue;
        };
        let mut k = p.start;
        for lead in ["被害人", "受害人"] {
            if ctx.norm_slice(k.saturating_sub(3), k) == lead {
                k -= 3;
            }
        }
        if word_ending_at(c, k, &ctx.cues.place.home_before).is_none()
            || out.iter().any(|e| e.kind == "place" && e.start < end && p.start < e.end)
        {
            continue;
        }
        out.push(ctx.element("place", None, p.start, end, json!(ctx.slice(p.start, end))));
    }
}

/// Time, place and organisation elements; `people` are the persons found (for their homes).
pub fn find(ctx: &Ctx<'_>, people: &[Element]) -> Vec<Element> {
    let mut out = Vec::new();
    find_times(ctx, &mut out);
    let mut word_starts: Vec<usize> = ctx.words().iter().map(|w| w.0).collect();
    word_starts.push(ctx.chars.len());
    word_starts.sort_unstable();
    find_places(ctx, &word_starts, &mut out);
    find_homes(ctx, people, &mut out);
    find_orgs(ctx, &mut out);
    // An organisation inside a place is part of the place (在XX超市内).
    let places: Vec<(usize, usize)> =
        out.iter().filter(|e| e.kind == "place").map(|e| (e.start, e.end)).collect();
    out.retain(|e| e.kind != "organization" || !places.iter().any(|&(s, t)| s <= e.start && e.end <= t));
    out
}
