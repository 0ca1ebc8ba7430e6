//! Charges, statutes, plea, sentences, document numbers, blood alcohol and dates.
//!
//! * Charge: "涉嫌X罪", "犯X罪", "以X罪追究", "构成X罪", "X罪一案"; a list "诈骗罪、敲诈勒索罪"
//!   gives one element per charge; each must be a known 罪名 or alias (charges.toml) and its value
//!   is the canonical name.
//! * Statute: [`crate::normalize::find_citations`].
//! * Plea: 认罪认罚 (true) unless negated (不认罪, 未认罪认罚 → false).
//! * Sentence: "判处…有期徒刑一年二个月，缓刑一年六个月，并处罚金人民币五千元" (judged) or
//!   "建议判处…" (recommended); ranges "有期徒刑六个月至一年" give min and max.
//! * Document number: 京朝检刑诉〔2023〕123号, (2019)闽0111刑初233号.
//! * Blood alcohol: "血液中乙醇含量为168.3mg/100ml".
//! * Date: every date of the text, relative ones resolved.

use std::sync::LazyLock;

use regex::Regex;
use serde_json::json;

use super::charges::ChargeTable;
use super::{Ctx, Element};
use crate::normalize::{parse_amount, parse_term};
use crate::span::CharIndex;

static CHARGE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:涉嫌犯?|犯有?|以|构成|判处|定性为|罪名为|案由为?)(?P<list>[\p{Han}、（）()]{1,60}?罪)(?P<after>[^\p{Han}、]|一案|追究|的|和|及|于|被|向|二罪|三罪|数罪|罪名|$)")
        .expect("charge regex")
});

fn find_charges(ctx: &Ctx<'_>, idx: &CharIndex<'_>, out: &mut Vec<Element>) {
    let table = ChargeTable::global();
    for c in CHARGE_RE.captures_iter(&ctx.norm) {
        let Some(list) = c.name("list") else { continue };
        // Split "诈骗罪、敲诈勒索罪" (only after 罪, since names contain 、).
        let mut from = list.start();
        let text = list.as_str();
        let mut parts = Vec::new();
        for (pos, _) in text.match_indices("罪、") {
            parts.push((from, list.start() + pos + "罪".len()));
            from = list.start() + pos + "罪、".len();
        }
        parts.push((from, list.end()));
        for (b0, b1) in parts {
            let Some(written) = ctx.norm.get(b0..b1) else { continue };
            // The longest known charge that ends the written text: "被告人张某某涉嫌盗窃罪" style
            // prefixes are cut off ("以被告人X涉嫌Y罪" reads Y).
            let mut best = None;
            for (k, _) in written.char_indices() {
                if let Some(name) = written.get(k..).and_then(|w| table.canonical(w)) {
                    best = Some((k, name));
                    break;
                }
            }
            if let Some((k, name)) = best {
                let (s, e) = ctx.chars_of(idx, b0 + k, b1);
                // A prior conviction ("曾因犯盗窃罪被判处…") is not a charge of this case.
                let before = ctx.norm_slice(s.saturating_sub(10), s);
                let after = ctx.norm_slice(e, e + 30);
                let prior = (before.ends_with("因犯") && (after.contains("判处") || after.contains("判刑")))
                    || is_prior(ctx, s, e, clause_end(ctx, e), false);
                if prior {
                    continue;
                }
                out.push(ctx.element("charge", None, s, e, json!(name)));
            }
        }
    }
}

/// Where the clause holding character `p` starts: after the last 。/;/line break before it (at
/// most 80 characters back).
fn clause_start(ctx: &Ctx<'_>, p: usize) -> usize {
    let lo = p.saturating_sub(80);
    (lo..p).rev().find(|&i| matches!(ctx.chars.get(i), Some('。' | ';' | '\n'))).map_or(lo, |i| i + 1)
}

/// Where the sentence holding character `p` ends: at the next 。/;/line break (at most 80 on).
fn clause_end(ctx: &Ctx<'_>, p: usize) -> usize {
    let hi = (p + 80).min(ctx.chars.len());
    (p..hi).find(|&i| matches!(ctx.chars.get(i), Some('。' | ';' | '\n'))).unwrap_or(hi)
}

/// Whether the charge or sentence at `[s, e)` is a prior conviction's: its clause up to `upto`
/// matches the `prior_before` cue, or (with `check_after`) the rest of its sentence after `e`
/// matches `prior_after`.
pub(super) fn is_prior(ctx: &Ctx<'_>, s: usize, e: usize, upto: usize, check_after: bool) -> bool {
    static RES: std::sync::OnceLock<(Option<Regex>, Option<Regex>)> = std::sync::OnceLock::new();
    let (before, after) = RES.get_or_init(|| {
        let re = |p: &str| if p.is_empty() { None } else { Regex::new(p).ok() };
        (re(&ctx.cues.legal.prior_before), re(&ctx.cues.legal.prior_after))
    });
    let head = ctx.norm_slice(clause_start(ctx, s), upto.max(e));
    let tail = ctx.norm_slice(e, clause_end(ctx, e));
    before.as_ref().is_some_and(|r| r.is_match(&head))
        || check_after && after.as_ref().is_some_and(|r| r.is_match(&tail))
}

static SENTENCE_RE: LazyLock<Regex> = LazyLock::new(|| {
    let dur = r"(?:[0-9零一二两三四五六七八九十]{1,3}年)?(?:[零又]?[0-9零一二两三四五六七八九十]{1,3}个?月)?";
    Regex::new(&format!(
        r"(?:(?P<rec>建议(?:对被告人[\p{{Han}}]{{1,5}}?)?(?:对其)?|量刑建议(?:为|是|:)?)(?:判处|处以?|量刑为)?|判处|判|处以?|决定(?:合并)?执行)(?:被告人[\p{{Han}}]{{1,5}}?)?(?:(?:有期徒刑|拘役|管制)或者?)?(?P<pen>有期徒刑|拘役|管制|单处罚金|免予刑事处罚)(?P<t1>{dur})(?:(?:至|到|-|～|~)(?:有期徒刑|拘役)?(?P<t2>{dur}))?(?P<below>以下)?(?:以上)?(?:[，,]?(?:宣告)?缓刑(?P<prob>{dur}))?(?:[，,;；]?(?:并处|单处)?罚金(?:人民币)?(?P<fine>[0-9,.零一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟]+元))?"
    ))
    .expect("sentence regex")
});

fn months(prefix: &str, s: Option<regex::Match<'_>>) -> Option<u32> {
    let s = s?.as_str();
    if s.is_empty() {
        return None;
    }
    parse_term(&format!("{prefix}{s}")).map(|t| t.months)
}

fn find_sentences(ctx: &Ctx<'_>, idx: &CharIndex<'_>, out: &mut Vec<Element>) {
    for c in SENTENCE_RE.captures_iter(&ctx.norm) {
        let (Some(w), Some(pen)) = (c.get(0), c.name("pen")) else { continue };
        let penalty = pen.as_str();
        let min = months("有期徒刑", c.name("t1"));
        if min.is_none() && matches!(penalty, "有期徒刑" | "拘役" | "管制") {
            continue;
        }
        let max = months("有期徒刑", c.name("t2")).or(min);
        // "有期徒刑一年以下": a range up to the term.
        let min = if c.name("below").is_some() { None } else { min };
        let probation = months("缓刑", c.name("prob"));
        let fine = c.name("fine").and_then(|f| parse_amount(f.as_str()));
        let kind = match (min, max) {
            (Some(a), Some(b)) if a != b => Some("幅度刑"),
            (None, Some(_)) => Some("幅度刑"),
            (Some(_), _) => Some("确定刑"),
            _ => None,
        };
        let (s, e) = ctx.chars_of(idx, w.start(), w.end());
        let value = json!({
            "recommended": c.name("rec").is_some(),
            // 决定执行 is the court's own combined sentence, never a prior one.
            "prior": c.name("rec").is_none() && !w.as_str().starts_with("决定") && is_prior(ctx, s, e, e, true),
            "kind": kind,
            "penalty": penalty,
            "min_months": min,
            "max_months": max,
            "probation": probation.is_some(),
            "probation_months": probation,
            "fine": fine,
        });
        // The fine amount is also an amount element with role `fine` (from the amount scanner).
        out.push(ctx.element("sentence", None, s, e, value));
    }
}

static DOCNO_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:[\p{Han}]{1,14}?(?:检|院|局|队|所)[\p{Han}一二三四五六七八九十]{0,8}?[〔\[(（【]\d{4}[〕\])）】][A-Z]?\d{1,8}号|[〔\[(（]\d{4}[〕\])）][\p{Han}]{1,4}\d{0,6}[\p{Han}]{1,4}\d{1,6}号)",
    )
    .expect("doc number regex")
});

static BAC_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<v>\d+(?:\.\d+)?)\s*(?:mg|毫克)\s*/\s*100\s*(?:ml|mL|ML|毫升)").expect("bac regex")
});

fn find_misc(ctx: &Ctx<'_>, idx: &CharIndex<'_>, out: &mut Vec<Element>) {
    for m in DOCNO_RE.find_iter(&ctx.norm) {
        let (s, e) = ctx.chars_of(idx, m.start(), m.end());
        out.push(ctx.element("doc_number", None, s, e, json!(ctx.slice(s, e))));
    }
    for c in BAC_RE.captures_iter(&ctx.norm) {
        let (Some(w), Some(v)) = (c.get(0), c.name("v")) else { continue };
        let (s, e) = ctx.chars_of(idx, w.start(), w.end());
        let before = ctx.norm_slice(s.saturating_sub(20), s);
        // Blood, not breath: the clause must speak of 血液/血样/血液中乙醇.
        let clause = before.rsplit(['，', '。', '；']).next().unwrap_or("");
        if clause.contains("呼气") || !(clause.contains('血') || clause.contains("乙醇")) {
            continue;
        }
        if let Ok(v) = v.as_str().parse::<f64>() {
            out.push(ctx.element("blood_alcohol", None, s, e, json!(v)));
        }
    }
    for c in crate::normalize::find_citations(&ctx.norm) {
        out.push(ctx.element("statute", None, c.start, c.end, json!(c.value)));
    }
    // Plea.
    let neg = &ctx.cues.legal.negations;
    for (pos, w) in ctx.norm.match_indices("认罪认罚") {
        let (s, e) = ctx.chars_of(idx, pos, pos + w.len());
        let before = ctx.norm_slice(s.saturating_sub(2), s);
        let negated = before.chars().any(|ch| neg.contains(ch));
        // 认罪认罚的法律规定 / 认罪认罚具结书 in an attachment list still say the person pleaded;
        // "告知…认罪认罚的法律规定" does not.
        let after = ctx.norm_slice(e, e + 5);
        if after.starts_with("的法律规定") || after.starts_with("的规定") || after.starts_with("从宽制度")
        {
            continue;
        }
        out.push(ctx.element("plea", None, s, e, json!(!negated)));
    }
    for d in ctx.dates() {
        if let Some(date) = d.date {
            out.push(ctx.element("date", None, d.start, d.end, json!(date.to_string())));
        }
    }
}

/// Charges, statutes, plea, sentences, document numbers, blood alcohol and dates.
pub fn find(ctx: &Ctx<'_>, people: &[Element]) -> Vec<Element> {
    let _ = people;
    let idx = ctx.norm_index();
    let mut out = Vec::new();
    find_charges(ctx, &idx, &mut out);
    find_sentences(ctx, &idx, &mut out);
    find_misc(ctx, &idx, &mut out);
    out
}
