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
use crate::span::CharIndex;

const N: &str = "[0-9零〇一二两三四五六七八九十]";

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
    let idx = CharIndex::new(&ctx.norm);
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
        let theft = ctx.cues.theft.verbs.iter().any(|v| sentence.contains(v.as_str()));
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

fn find_places(ctx: &Ctx<'_>, word_starts: &[usize], out: &mut Vec<Element>) {
    let pc = &ctx.cues.place;
    let c = &ctx.chars;
    let items = &ctx.cues.item.words;
    let mut i = 0;
    while i < c.len() {
        let Some(prep) = word_ending_at(c, i, &pc.preps) else {
            i += 1;
            continue;
        };
        // The locative word must be a word of its own (not 存在, 到达 …).
        let prep_start = i - prep.chars().count();
        if word_starts.binary_search(&prep_start).is_err() || word_starts.binary_search(&i).is_err() {
            i += 1;
            continue;
        }
        // The police's places (公安机关在…将被告人抓获) are not crime scenes.
        let clause_start =
            (0..prep_start).rev().find(|&k| matches!(c[k], '，' | '。' | ',' | ';')).map_or(0, |k| k + 1);
        let clause = ctx.norm_slice(clause_start, prep_start);
        if ["民警", "公安", "派出所"].iter().any(|w| clause.contains(w)) {
            i += 1;
            continue;
        }
        let mut start = i;
        // "该宿舍" is marked with 该; a leading 被害人 is not part of the place.
        while matches!(c.get(start), Some('在')) {
            start += 1;
        }
        for lead in ["被害人", "受害人"] {
            if ctx.norm_slice(start, start + 3) == lead && ctx.norm_slice(start + 3, start + 6).contains('某')
            {
                start += 3;
            }
        }
        let mut end = start;
        while end < c.len() && end - start < 40 {
            let victim_here = ctx.norm_slice(end, end + 3) == "被害人";
            if end > start && !victim_here && word_starting_at(c, end, &pc.stops).is_some() {
                break;
            }
            if matches!(c[end], '，' | '。' | '；' | '、' | '：' | ',' | ';' | ':' | '（' | '(') {
                break;
            }
            end += 1;
        }
        let phrase = ctx.norm_slice(start, end);
        let first = phrase.chars().next();
        let quantity = phrase.chars().zip(phrase.chars().skip(1)).any(|(a, b)| {
            (a.is_ascii_digit() || "一两二三四五六七八九十".contains(a))
                && "个只部辆台把条根块件箱瓶包双张袋".contains(b)
        });
        let ends_with_item = (start + 1..=end).any(|k| k == end && word_ending_at(c, k, items).is_some());
        let is_place = end > start + 1
            && phrase.chars().any(|ch| pc.marks.contains(ch))
            && !first.is_some_and(|f| f.is_ascii_digit())
            && DATE_HEAD_RE.find(&phrase).is_none_or(|m| m.start() != 0)
            && !quantity
            && !ends_with_item
            && !["其", "逃", "押", "此", "案", "上述", "处"].iter().any(|w| phrase.starts_with(w))
            // A bare generic spot (车内, 房间, 门口) is not marked as a place; a short named one
            // (金乡镇, 株洲) is.
            && (phrase.chars().count() > 3
                || phrase.starts_with('该')
                || phrase.chars().any(|ch| pc.named.contains(ch)));
        if is_place {
            out.push(ctx.element("place", None, start, end, json!(ctx.slice(start, end))));
            i = end;
        } else {
            i += 1;
        }
    }
}

static ORG_RE: LazyLock<Regex> = LazyLock::new(|| {
    let cues = super::cues::Cues::global();
    let mut suffixes: Vec<&str> = cues.organization.suffixes.iter().map(String::as_str).collect();
    suffixes.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    let alts: Vec<String> = suffixes.iter().map(|s| regex::escape(s)).collect();
    Regex::new(&format!(r"[\p{{Han}}*]{{2,16}}?(?:{})+", alts.join("|"))).expect("org regex")
});

fn find_orgs(ctx: &Ctx<'_>, out: &mut Vec<Element>) {
    let oc = &ctx.cues.organization;
    let idx = CharIndex::new(&ctx.norm);
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for m in ORG_RE.find_iter(&ctx.norm) {
        let (mut start, end) = ctx.chars_of(&idx, m.start(), m.end());
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
        let generic = prefix_len < 2 || name.starts_with('该') || name.starts_with("简称");
        if end - start >= 2 && !generic {
            // A unit of the organisation just before it is one name (XX市公安局 + XX区分局).
            if let Some(last) = taken.last_mut().filter(|l| l.1 == start)
                && let Some(prev) = out.iter_mut().rev().find(|e| e.kind == "organization" && e.end == start)
            {
                last.1 = end;
                *prev = ctx.element("organization", None, prev.start, end, json!(ctx.slice(prev.start, end)));
                continue;
            }
            taken.push((start, end));
            out.push(ctx.element("organization", None, start, end, json!(ctx.slice(start, end))));
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

/// Time, place and organisation elements.
pub fn find(ctx: &Ctx<'_>) -> Vec<Element> {
    let mut out = Vec::new();
    find_times(ctx, &mut out);
    let mut word_starts: Vec<usize> = ctx.words().iter().map(|w| w.0).collect();
    word_starts.push(ctx.chars.len());
    word_starts.sort_unstable();
    find_places(ctx, &word_starts, &mut out);
    find_orgs(ctx, &mut out);
    // An organisation inside a place is part of the place (在XX超市内).
    let places: Vec<(usize, usize)> =
        out.iter().filter(|e| e.kind == "place").map(|e| (e.start, e.end)).collect();
    out.retain(|e| e.kind != "organization" || !places.iter().any(|&(s, t)| s <= e.start && e.end <= t));
    out
}
