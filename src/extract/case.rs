//! Case-level facts: the document's number, procuratorate, investigating agency, procedural
//! dates (移送审查起诉, 受理, 退回补充侦查), extension, procedure, the document's own date and the
//! total amount; and per-person plea dates and disposal, which are stated in case-level phrases.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::{CaseFacts, Ctx, Element, Fact, PersonFacts};
use crate::span::{CharIndex, Span};

fn span_of(ctx: &Ctx<'_>, idx: &CharIndex<'_>, b0: usize, b1: usize) -> Span {
    let (s, e) = ctx.chars_of(idx, b0, b1);
    Span { start: s, end: e, text: ctx.slice(s, e) }
}

/// The exact date whose element ends within `gap` characters before `pos`.
fn date_before(elements: &[Element], pos: usize, gap: usize) -> Option<(&Element, NaiveDate)> {
    elements
        .iter()
        .filter(|e| e.kind == "date" && e.end <= pos && pos - e.end <= gap)
        .filter_map(|e| {
            e.value.as_str().and_then(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d").ok()).map(|d| (e, d))
        })
        .next_back()
}

fn date_fact(e: &Element, d: NaiveDate) -> Fact<NaiveDate> {
    Fact { value: d, span: Span { start: e.start, end: e.end, text: e.text.clone() } }
}

/// Char offsets of every match of a literal in the normalised text.
fn positions(ctx: &Ctx<'_>, idx: &CharIndex<'_>, word: &str) -> Vec<usize> {
    ctx.norm.match_indices(word).map(|(b, _)| idx.char_of_byte(b)).collect()
}

static PROCURATORATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\p{Han}]{2,20}?人民检察院(?:[\p{Han}]{0,6}分院)?").expect("procuratorate regex")
});
static AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"本案由(?P<a>[\p{Han}]{2,30}?)(?:侦查终结|侦查完毕|调查终结)").expect("agency regex")
});
static TOTAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:共计|合计|总计|累计|总价值|犯罪数额)").expect("total regex"));

pub fn case_facts(ctx: &Ctx<'_>, elements: &[Element]) -> CaseFacts {
    let idx = ctx.norm_index();
    let mut c = CaseFacts::default();
    let head_limit = 400;
    c.doc_number = elements.iter().find(|e| e.kind == "doc_number" && e.start < head_limit).map(|e| Fact {
        value: e.text.clone(),
        span: Span { start: e.start, end: e.end, text: e.text.clone() },
    });
    if let Some(m) = PROCURATORATE.find(&ctx.norm) {
        let sp = span_of(ctx, &idx, m.start(), m.end());
        let v = sp.text.trim_start_matches("公诉机关").to_string();
        c.procuratorate = Some(Fact { value: v, span: sp });
    }
    if let Some(m) = AGENCY.captures(&ctx.norm).and_then(|c| c.name("a")) {
        let sp = span_of(ctx, &idx, m.start(), m.end());
        c.investigating_agency = Some(Fact { value: sp.text.clone(), span: sp });
    }
    for p in positions(ctx, &idx, "移送审查起诉").into_iter().chain(positions(ctx, &idx, "移送本院审查起诉"))
    {
        if let Some((e, d)) = date_before(elements, p, 8) {
            c.transfer_date.get_or_insert(date_fact(e, d));
        }
    }
    for p in positions(ctx, &idx, "受理") {
        if let Some((e, d)) = date_before(elements, p, 3) {
            c.received_date.get_or_insert(date_fact(e, d));
        }
    }
    for p in positions(ctx, &idx, "退回") {
        let after = ctx.norm_slice(p, p + 14);
        if after.contains("补充侦查")
            && let Some((e, d)) = date_before(elements, p, 3)
        {
            c.returns.push(date_fact(e, d));
        }
    }
    if let Some(p) = positions(ctx, &idx, "延长审查起诉期限").first() {
        let sp = Span { start: *p, end: p + 8, text: ctx.slice(*p, p + 8) };
        c.extended = Some(Fact { value: true, span: sp });
    }
    for w in ["速裁", "简易", "普通"] {
        if let Some(p) = positions(ctx, &idx, &format!("{w}程序")).first() {
            let sp = Span { start: *p, end: p + 4, text: ctx.slice(*p, p + 4) };
            c.procedure = Some(Fact { value: w.to_string(), span: sp });
            break;
        }
    }
    // The document's own date: the last date after 此致 or in the last fifth of the text.
    let n = ctx.chars.len();
    let tail_from = positions(ctx, &idx, "此致").last().copied().unwrap_or(n - n / 5);
    c.date = elements
        .iter()
        .filter(|e| e.kind == "date" && e.start >= tail_from)
        .filter_map(|e| {
            e.value.as_str().and_then(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d").ok()).map(|d| (e, d))
        })
        .next_back()
        .map(|(e, d)| date_fact(e, d));
    // The total amount: the first value/stolen/gain amount right after 共计/合计/犯罪数额 (a
    // gambling or drug case's sum of the crime is its 违法所得); else the only value amount.
    let totals: Vec<usize> = TOTAL.find_iter(&ctx.norm).map(|m| idx.char_of_byte(m.end())).collect();
    let amounts: Vec<&Element> = elements
        .iter()
        .filter(|e| {
            e.kind == "amount"
                && matches!(e.role.as_deref(), Some("value" | "stolen_money" | "gain" | "other"))
        })
        .collect();
    let total = amounts.iter().find(|a| totals.iter().any(|&t| t <= a.start && a.start - t <= 8));
    let total = total.or_else(|| {
        let values: Vec<&&Element> = amounts.iter().filter(|a| a.role.as_deref() == Some("value")).collect();
        if values.len() == 1 { values.first().copied() } else { None }
    });
    c.amount = total.and_then(|a| {
        a.value
            .as_f64()
            .map(|v| Fact { value: v, span: Span { start: a.start, end: a.end, text: a.text.clone() } })
    });
    c
}

/// 具结书 signing dates and the disposal, for every suspect (these phrases rarely name one).
pub fn plea_dates_and_disposal(ctx: &Ctx<'_>, elements: &[Element], persons: &mut [&mut PersonFacts]) {
    let idx = ctx.norm_index();
    let mut plea_date = None;
    for p in positions(ctx, &idx, "具结书") {
        let before = ctx.norm_slice(p.saturating_sub(12), p);
        if (before.contains("签署") || before.contains("签订") || before.contains("签字"))
            && let Some((e, d)) = date_before(elements, p, 14)
        {
            plea_date = Some(date_fact(e, d));
            break;
        }
    }
    let disposal = [
        ("附条件不起诉", "附条件不起诉"),
        ("第一百七十五条第四款", "存疑不起诉"),
        ("第一百七十七条第二款", "酌定不起诉"),
        ("第一百七十七条第一款", "法定不起诉"),
        ("提起公诉", "起诉"),
    ]
    .iter()
    .find_map(|(w, v)| {
        positions(ctx, &idx, w).first().map(|&p| Fact {
            value: v.to_string(),
            span: Span { start: p, end: p + w.chars().count(), text: ctx.slice(p, p + w.chars().count()) },
        })
    });
    let is_judgment = ctx.norm.contains("判决书") || ctx.norm.contains("审理终结");
    for f in persons.iter_mut().filter(|f| f.role == "suspect") {
        if f.plea_date.is_none() {
            f.plea_date = plea_date.clone();
        }
        if f.disposal.is_none() && !is_judgment {
            f.disposal = disposal.clone();
        }
    }
}
