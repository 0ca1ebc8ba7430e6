//! 犯罪嫌疑人/被告人 identity blocks.
//!
//! A block starts where a role word is followed by a name and then, within a few characters,
//! 男/女 or a parenthesised alias ("被告人张某某，男，…", "被告人曹周劼（绰号…），男"), and runs
//! to the next block or to the first paragraph that is no longer about the person (本案由,
//! 辩护人, 经审理查明 …), at most [`MAX_BLOCK`] characters. Inside a block each clause separated
//! by ，/。 is read for one fact: gender, birth date (a date followed by 出生), ID number, ethnicity,
//! education (初中文化 → 初中), occupation, 户籍地, 住址, prior record, and the coercive measures with
//! their dates (relative dates resolved against the previous date of the whole text).

use std::sync::LazyLock;

use regex::Regex;
use serde_json::json;

use super::cues::word_starting_at;
use super::{Ctx, Element};
use crate::normalize::DateMatch;
use crate::span::CharIndex;

/// The longest identity block read.
const MAX_BLOCK: usize = 600;

/// Phrases that end an identity block.
const BLOCK_ENDS: [&str; 16] = [
    "本案由",
    "辩护人",
    "经依法审查查明",
    "经审理查明",
    "公诉机关指控",
    "人民检察院以",
    "现已审理终结",
    "诉讼代理人",
    "经审查",
    "审理查明",
    "起诉书指控",
    "附带民事诉讼原告人",
    "指控",
    "人民法院审理",
    "本院认为",
    "判决如下",
];

/// One person's identity block.
#[derive(Debug, Clone)]
pub struct Block {
    pub start: usize,
    pub end: usize,
    pub name: String,
    pub name_start: usize,
    pub name_end: usize,
    /// suspect or victim.
    pub role: &'static str,
}

static BLOCK_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?P<cue>上诉人[(（]原审被告人[)）]|原审被告人|犯罪嫌疑人|被告人|被不起诉人|被告单位|被害人|本人姓名)[:：]?(?:自报|自称)?(?P<name>[\p{Han}·]{1,6}?[0-9*]{0,3})(?:[(（][^)）]{0,30}[)）])?(?:[，,](?:曾用名|绰号|化名|别名|又名)[^，,。]{1,14})?[，,：:](?:\s*)(?:性别[:：]?)?(?P<g>男|女|出生|[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日出?生)",
    )
    .expect("block regex")
});

/// The identity blocks of a text, in order (found once per text).
pub fn blocks(ctx: &Ctx<'_>) -> Vec<Block> {
    ctx.blocks.get_or_init(|| find_blocks(ctx)).clone()
}

fn find_blocks(ctx: &Ctx<'_>) -> Vec<Block> {
    let idx = ctx.norm_index();
    let mut out: Vec<Block> = Vec::new();
    for c in BLOCK_RE.captures_iter(&ctx.norm) {
        let (Some(w), Some(name), Some(cue)) = (c.get(0), c.name("name"), c.name("cue")) else { continue };
        let (start, _) = ctx.chars_of(&idx, w.start(), w.end());
        let (ns, ne) = ctx.chars_of(&idx, name.start(), name.end());
        let role = if cue.as_str() == "被害人" { "victim" } else { "suspect" };
        if name.as_str().contains('的') {
            continue;
        }
        out.push(Block {
            start,
            end: start,
            name: name.as_str().to_string(),
            name_start: ns,
            name_end: ne,
            role,
        });
    }
    let n = out.len();
    for k in 0..n {
        let limit = out.get(k + 1).map_or(ctx.chars.len(), |b| b.start).min(out[k].start + MAX_BLOCK);
        let mut end = limit;
        for e in BLOCK_ENDS {
            if let Some(p) = ctx.norm_slice(out[k].name_end, limit).find(e) {
                let at = out[k].name_end
                    + ctx.norm.get(..0).map_or(0, |_| 0)
                    + ctx.norm_slice(out[k].name_end, limit).get(..p).map_or(0, |s| s.chars().count());
                end = end.min(at);
            }
        }
        out[k].end = end;
    }
    out
}

static ID_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:公民身份号码|身份证号码|身份证号|身份号码|居民身份证)(?:为|是|:|：)?\s*(?P<id>[0-9]{17}[0-9Xx]|[0-9]{15})")
        .expect("id regex")
});
static EDU_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:文化程度(?:为|:|：)?(?P<a>[\p{Han}]{1,6})|(?P<b>[\p{Han}]{1,6}?)文化)")
        .expect("edu regex")
});
static DOMICILE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:户籍(?:所在)?地(?:址)?|户籍)(?:为|在|是|:|：)?(?P<v>[^，。；,;]{2,60})")
        .expect("domicile regex")
});
static ADDRESS_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[，,。])(?:现住址|现住|住址|住所地|家住|暂住|住)(?:为|在|于|:|：)?(?P<v>[^，。；,;]{2,60})",
    )
    .expect("address regex")
});

/// Identity facts and measures of every block; `people` (the persons found) are not needed yet.
pub fn find(ctx: &Ctx<'_>, people: &[Element]) -> Vec<Element> {
    let _ = people;
    let dates = ctx.dates();
    let mut out = Vec::new();
    for b in blocks(ctx) {
        read_block(ctx, &b, dates, &mut out);
    }
    out
}

fn read_block(ctx: &Ctx<'_>, b: &Block, dates: &[DateMatch], out: &mut Vec<Element>) {
    let role = Some(b.role);
    let body = ctx.norm_slice(b.name_end, b.end);
    let base = b.name_end;
    let bidx = CharIndex::new(&body);
    let at = |byte: usize| base + bidx.char_of_byte(byte);
    // Gender: the first clause that is exactly 男 or 女.
    for (pos, g) in body.match_indices(['男', '女']).take(3) {
        let before = body.get(..pos).and_then(|s| s.chars().last());
        let after = body.get(pos + g.len()..).and_then(|s| s.chars().next());
        if matches!(before, Some('，' | ',' | '：' | ':') | None)
            && matches!(after, Some('，' | ',' | '。') | None)
        {
            let s = at(pos);
            out.push(ctx.element("gender", role, s, s + 1, json!(g)));
            break;
        }
    }
    // Birth date: a date followed by 出生/生.
    for d in dates.iter().filter(|d| d.start >= b.name_end && d.end <= b.end) {
        let after = ctx.norm_slice(d.end, d.end + 2);
        let before = ctx.norm_slice(d.start.saturating_sub(3), d.start);
        if let Some(date) = d
            .date
            .filter(|_| after.starts_with("出生") || after.starts_with('生') || before.ends_with("出生于"))
        {
            out.push(ctx.element("birth_date", role, d.start, d.end, json!(date.to_string())));
            break;
        }
    }
    if let Some(m) = ID_RE.captures(&body).and_then(|c| c.name("id")) {
        let (s, e) = (at(m.start()), at(m.end()));
        let value =
            crate::normalize::parse_id(m.as_str()).map_or_else(|| m.as_str().to_uppercase(), |i| i.number);
        out.push(ctx.element("id_number", role, s, e, json!(value)));
    }
    let idc = &ctx.cues.identity;
    if let Some((pos, w)) =
        idc.ethnicities.iter().filter_map(|e| body.find(e.as_str()).map(|p| (p, e))).min_by_key(|(p, _)| *p)
    {
        let s = at(pos);
        out.push(ctx.element("ethnicity", role, s, s + w.chars().count(), json!(w)));
    }
    let mut edu_end = None;
    if let Some(c) = EDU_RE.captures(&body)
        && let Some(m) = c.name("a").or(c.name("b"))
    {
        let written = m.as_str();
        let best = idc
            .education
            .iter()
            .filter(|(k, _)| written.contains(k.as_str()))
            .max_by_key(|(k, _)| k.chars().count());
        if let (Some((_, card)), Some(whole)) = (best, c.get(0)) {
            let (s, e) = (at(whole.start()), at(whole.end()));
            out.push(ctx.element("education", role, s, e, json!(card)));
            edu_end = Some(whole.end());
        }
    }
    // Occupation: a known word, or the clause after education that is not 户籍/住/籍贯.
    let occ = idc
        .occupations
        .iter()
        .filter_map(|o| {
            body.match_indices(o.as_str())
                .find(|(p, _)| {
                    let before = body.get(..*p).and_then(|s| s.chars().last());
                    matches!(before, Some('，' | ',' | '：' | ':'))
                })
                .map(|(p, _)| (p, o.as_str()))
        })
        .min_by_key(|(p, o)| (*p, std::cmp::Reverse(o.len())));
    let occ = occ.map(|(p, o)| {
        let end = body.get(p..).and_then(|s| s.find(['，', ',', '。'])).map_or(body.len(), |q| p + q);
        (p, end, body.get(p..end).unwrap_or(o).to_string())
    });
    let occ = occ.or_else(|| {
        let after_edu = body.get(edu_end?..)?;
        let sep = after_edu.find(['，', ','])?;
        let sep_len = after_edu.get(sep..)?.chars().next()?.len_utf8();
        let from = edu_end? + sep + sep_len;
        let rest = body.get(from..)?;
        let end = from + rest.find(['，', ',', '。'])?;
        let clause = body.get(from..end)?;
        let skip = [
            "户籍",
            "住",
            "现住",
            "籍贯",
            "出生",
            "因",
            "系",
            "捕前",
            "曾",
            "无前科",
            "身份证",
            "公民身份",
            "现羁押",
        ];
        (!skip.iter().any(|w| clause.starts_with(w)) && clause.chars().count() <= 30)
            .then(|| (from, end, clause.to_string()))
    });
    if let Some((p, e, v)) = occ {
        out.push(ctx.element("occupation", role, at(p), at(e), json!(v)));
    }
    if let Some(m) = DOMICILE_RE.captures(&body).and_then(|c| c.name("v")) {
        out.push(ctx.element("domicile", role, at(m.start()), at(m.end()), json!(m.as_str())));
    }
    if let Some(m) = ADDRESS_RE.captures(&body).and_then(|c| c.name("v")) {
        out.push(ctx.element("address", role, at(m.start()), at(m.end()), json!(m.as_str())));
    }
    measures(ctx, b, dates, out);
}

/// Coercive measures in a block, each with the last date before it (not before the previous
/// measure's date).
fn measures(ctx: &Ctx<'_>, b: &Block, dates: &[DateMatch], out: &mut Vec<Element>) {
    let c = &ctx.chars;
    let list: Vec<String> = ctx.cues.legal.measures.iter().map(|(w, _)| w.clone()).collect();
    let mut i = b.name_end;
    let mut floor = b.name_end;
    while i < b.end {
        let Some(w) = word_starting_at(c, i, &list) else {
            i += 1;
            continue;
        };
        let n = w.chars().count();
        let kind = ctx.cues.legal.measures.iter().find(|(k, _)| k == w).map_or("", |(_, v)| v.as_str());
        // Not a measure: 解除取保候审, 变更为, 被判处 … and administrative detention.
        let before = ctx.norm_slice(i.saturating_sub(2), i);
        if kind.is_empty() || before.ends_with("解除") || before.ends_with("撤销") {
            i += n;
            continue;
        }
        let date = dates
            .iter()
            .filter(|d| {
                d.end <= i && d.start >= floor && !ctx.norm_slice(d.end, d.end + 2).starts_with("出生")
            })
            .rfind(|d| !ctx.norm_slice(d.end, i).contains('。'));
        let value = json!({"kind": kind, "date": date.and_then(|d| d.date).map(|d| d.to_string())});
        let s = date.map_or(i, |d| d.start);
        out.push(ctx.element("measure", Some(b.role), s, i + n, value));
        if let Some(d) = date {
            floor = d.end;
        }
        i += n;
    }
}
