//! The check kinds: declarative tests of an element against the extracted facts.
//!
//! A pack names a check by `kind` with a few parameters; this module is the whole vocabulary.
//! Each check reads [`Extraction`] facts (never the text, except `unless`, a pattern that switches
//! the check off) and gives an [`Outcome`]: not applicable (the facts it needs are absent),
//! supported, or contradicted with a Chinese reason and the spans of the facts involved.
//!
//! Person-level checks run for every suspect/defendant (`role != "victim"`) whose charges are the
//! pack's (or who has no charge of its own); case-level facts (`amount`) are read once.

use std::collections::BTreeMap;

use regex::Regex;

use super::haystack::Haystack;
use super::pack::{Pack, Packs};
use crate::extract::{Extraction, Fact, PersonFacts};
use crate::ingest::DocType;
use crate::span::Span;

/// A numeric fact a check can compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberFact {
    /// 血液酒精含量, mg/100ml (person).
    BloodAlcohol,
    /// 犯罪数额, 元 (case).
    Amount,
    /// 罚金, 元 (person's sentence).
    Fine,
    /// Longest term of the person's sentence, months.
    SentenceMonths,
    /// Probation period, months.
    ProbationMonths,
}

impl NumberFact {
    pub const NAMES: [&'static str; 5] =
        ["blood_alcohol", "amount", "fine", "sentence_months", "probation_months"];

    pub fn from_name(s: &str) -> Option<NumberFact> {
        Some(match s {
            "blood_alcohol" => NumberFact::BloodAlcohol,
            "amount" => NumberFact::Amount,
            "fine" => NumberFact::Fine,
            "sentence_months" => NumberFact::SentenceMonths,
            "probation_months" => NumberFact::ProbationMonths,
            _ => return None,
        })
    }

    fn label(self) -> &'static str {
        match self {
            NumberFact::BloodAlcohol => "血液酒精含量",
            NumberFact::Amount => "数额",
            NumberFact::Fine => "罚金",
            NumberFact::SentenceMonths => "刑期（月）",
            NumberFact::ProbationMonths => "缓刑考验期（月）",
        }
    }
}

/// `fine` rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FineRule {
    Required,
    Forbidden,
}

/// What a check tests.
#[derive(Debug, Clone)]
pub enum CheckKind {
    /// The cited 刑法 article is the charge's own (its charge pack's `statutes`, from charges.toml).
    StatuteForCharge,
    /// The disposal (不起诉类型) is cited under its own article (`map`: value → statute).
    StatuteForValue {
        map: BTreeMap<String, String>,
    },
    /// When the circumstance `when` is stated, `statute` must be cited.
    RequiresStatute {
        statute: String,
    },
    NumberAtLeast {
        fact: NumberFact,
        min: f64,
    },
    NumberAtMost {
        fact: NumberFact,
        max: f64,
    },
    /// The recommended/judged penalty must not be this one.
    PenaltyNot {
        penalty: String,
    },
    Fine(FineRule),
}

/// A compiled check.
#[derive(Debug, Clone)]
pub struct Check {
    pub kind: CheckKind,
    /// Applies only to persons with this circumstance (自首, 累犯, 认罪认罚 …).
    pub when: Option<String>,
    /// Does not apply when this pattern occurs in the text.
    pub unless: Option<Regex>,
    /// Applies only to these document types (empty: every type the element applies to).
    pub doc_types: Vec<DocType>,
    /// Reason template for a contradiction; `{charge} {expected} {found} {value} {min} {max}
    /// {penalty} {statute} {when}` are filled in.
    pub reason: Option<String>,
}

/// The result of one check.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    NotApplicable,
    Supported { reason: String, evidence: Vec<Span> },
    Contradicted { reason: String, evidence: Vec<Span> },
}

/// What the checks of one document read.
pub struct Ctx<'a> {
    pub hay: &'a Haystack<'a>,
    pub doc_type: Option<DocType>,
    pub ex: &'a Extraction,
    /// The document's charges: from the facts, else found in the text.
    pub charges: &'a [Fact<String>],
    pub packs: &'a Packs,
    pub pack: &'a Pack,
}

impl Check {
    /// Evaluate the check: the first contradiction wins, else the first support.
    pub fn eval(&self, ctx: &Ctx) -> Outcome {
        if self.unless.as_ref().is_some_and(|re| ctx.hay.is_match(re)) {
            return Outcome::NotApplicable;
        }
        if !self.doc_types.is_empty() && !ctx.doc_type.is_some_and(|t| self.doc_types.contains(&t)) {
            return Outcome::NotApplicable;
        }
        // A sentence for several charges (数罪) cannot be held against one charge's rules.
        let other_charge = |c: &Fact<String>| !ctx.pack.charges.contains(&c.value);
        if self.reads_sentence() && !ctx.pack.charges.is_empty() && ctx.charges.iter().any(other_charge) {
            return Outcome::NotApplicable;
        }
        let mut support = Outcome::NotApplicable;
        if let CheckKind::NumberAtLeast { fact: NumberFact::Amount, .. }
        | CheckKind::NumberAtMost { fact: NumberFact::Amount, .. } = self.kind
        {
            // Case-level fact: read once (`when` does not apply to it).
            return match &ctx.ex.case.amount {
                Some(a) => self.compare(a.value, &a.span, &Vars::default()),
                None => Outcome::NotApplicable,
            };
        }
        for p in suspects(ctx) {
            let mut vars = Vars::default();
            if let Some(w) = &self.when {
                match circumstance(p, w) {
                    Some(span) => vars.when = Some((w.clone(), span)),
                    None => continue,
                }
            }
            let o = self.eval_person(ctx, p, &mut vars);
            match o {
                Outcome::Contradicted { .. } => return o,
                Outcome::Supported { .. } if support == Outcome::NotApplicable => support = o,
                _ => {}
            }
        }
        support
    }

    /// Whether the check reads the recommended or judged sentence.
    fn reads_sentence(&self) -> bool {
        match &self.kind {
            CheckKind::PenaltyNot { .. } | CheckKind::Fine(_) => true,
            CheckKind::NumberAtLeast { fact, .. } | CheckKind::NumberAtMost { fact, .. } => {
                matches!(fact, NumberFact::Fine | NumberFact::SentenceMonths | NumberFact::ProbationMonths)
            }
            _ => false,
        }
    }

    fn eval_person(&self, ctx: &Ctx, p: &PersonFacts, vars: &mut Vars) -> Outcome {
        let statutes = person_statutes(ctx, p);
        match &self.kind {
            CheckKind::StatuteForCharge => {
                let mut support = Outcome::NotApplicable;
                for charge in person_charges(ctx, p) {
                    let Some(own) = ctx.packs.charge_pack(&charge.value) else { continue };
                    if own.statutes.is_empty() || statutes.is_empty() {
                        continue;
                    }
                    vars.charge = Some(charge.value.clone());
                    vars.expected = Some(own.statutes.join("、"));
                    if let Some(s) = statutes.iter().find(|s| own.statutes.iter().any(|a| cites(&s.value, a)))
                    {
                        if support == Outcome::NotApplicable {
                            let reason = format!("{}援引{}", charge.value, s.value);
                            support = Outcome::Supported { reason, evidence: vec![s.span.clone()] };
                        }
                        continue;
                    }
                    // Articles of another charge pack, unless one of the document's other charges
                    // is cited under that article.
                    let others: Vec<&Fact<String>> = statutes
                        .iter()
                        .copied()
                        .filter(|s| {
                            ctx.packs
                                .packs
                                .iter()
                                .any(|q| q.id != own.id && q.statutes.iter().any(|a| cites(&s.value, a)))
                                && !explained_by_other_charge(ctx, &charge.value, &s.value)
                        })
                        .collect();
                    if !others.is_empty() {
                        vars.found =
                            Some(others.iter().map(|s| s.value.as_str()).collect::<Vec<_>>().join("、"));
                        let evidence = spans_of(&others, Some(&charge.span));
                        let reason = self.reason(vars, "{charge}应援引{expected}，文书援引{found}");
                        return Outcome::Contradicted { reason, evidence };
                    }
                }
                support
            }
            CheckKind::StatuteForValue { map } => {
                let Some(d) = &p.disposal else { return Outcome::NotApplicable };
                let Some(expected) = map.get(&d.value) else { return Outcome::NotApplicable };
                vars.value = Some(d.value.clone());
                vars.expected = Some(expected.clone());
                if let Some(s) = statutes.iter().find(|s| cites(&s.value, expected)) {
                    let reason = format!("{}援引{}", d.value, s.value);
                    return Outcome::Supported { reason, evidence: vec![d.span.clone(), s.span.clone()] };
                }
                let others: Vec<&Fact<String>> = statutes
                    .iter()
                    .copied()
                    .filter(|s| map.values().any(|a| a != expected && cites(&s.value, a)))
                    .collect();
                if others.is_empty() {
                    return Outcome::NotApplicable;
                }
                vars.found = Some(others.iter().map(|s| s.value.as_str()).collect::<Vec<_>>().join("、"));
                let evidence = spans_of(&others, Some(&d.span));
                Outcome::Contradicted {
                    reason: self.reason(vars, "{value}应援引{expected}，文书援引{found}"),
                    evidence,
                }
            }
            CheckKind::RequiresStatute { statute } => {
                vars.statute = Some(statute.clone());
                let when_span = vars.when.as_ref().map(|(_, s)| s.clone());
                if let Some(s) = statutes.iter().find(|s| cites(&s.value, statute)) {
                    let reason = format!("{}，援引{}", vars.when_name(), s.value);
                    return Outcome::Supported { reason, evidence: vec![s.span.clone()] };
                }
                // A text that cites no law at all (an excerpt, a police summary) omits nothing in
                // particular: the document's statute element reports that.
                if statutes.is_empty() {
                    return Outcome::NotApplicable;
                }
                let reason = self.reason(vars, "认定{when}，但未援引{statute}");
                Outcome::Contradicted { reason, evidence: when_span.into_iter().collect() }
            }
            CheckKind::NumberAtLeast { fact, .. } | CheckKind::NumberAtMost { fact, .. } => {
                match number(p, *fact) {
                    Some((v, span)) => self.compare(v, &span, vars),
                    None => Outcome::NotApplicable,
                }
            }
            CheckKind::PenaltyNot { penalty } => {
                let Some(s) = &p.sentence else { return Outcome::NotApplicable };
                vars.penalty = Some(penalty.clone());
                if &s.value.penalty == penalty {
                    let reason = self.reason(vars, "不得判处{penalty}，文书建议{penalty}");
                    return Outcome::Contradicted { reason, evidence: vec![s.span.clone()] };
                }
                Outcome::Supported {
                    reason: format!("建议{}", s.value.penalty),
                    evidence: vec![s.span.clone()],
                }
            }
            CheckKind::Fine(rule) => {
                let Some(s) = &p.sentence else { return Outcome::NotApplicable };
                let has_fine = s.value.fine.is_some_and(|f| f > 0.0);
                match (rule, has_fine) {
                    (FineRule::Required, false) => Outcome::Contradicted {
                        reason: self.reason(vars, "应当并处罚金，文书未载明罚金"),
                        evidence: vec![s.span.clone()],
                    },
                    (FineRule::Forbidden, true) => Outcome::Contradicted {
                        reason: self.reason(vars, "本罪不判处罚金，文书载有罚金"),
                        evidence: vec![s.span.clone()],
                    },
                    _ => Outcome::Supported {
                        reason: format!("建议{}", s.value.penalty),
                        evidence: vec![s.span.clone()],
                    },
                }
            }
        }
    }

    fn compare(&self, v: f64, span: &Span, vars: &Vars) -> Outcome {
        let mut vars = vars.clone();
        vars.value = Some(fmt_num(v));
        let (bad, default) = match &self.kind {
            CheckKind::NumberAtLeast { fact, min } => {
                vars.min = Some(fmt_num(*min));
                (v < *min, format!("{}{{value}}，低于{{min}}", fact.label()))
            }
            CheckKind::NumberAtMost { fact, max } => {
                vars.max = Some(fmt_num(*max));
                (v > *max, format!("{}{{value}}，高于{{max}}", fact.label()))
            }
            _ => return Outcome::NotApplicable,
        };
        if bad {
            Outcome::Contradicted { reason: self.reason(&vars, &default), evidence: vec![span.clone()] }
        } else {
            Outcome::Supported { reason: span.text.clone(), evidence: vec![span.clone()] }
        }
    }

    fn reason(&self, vars: &Vars, default: &str) -> String {
        vars.fill(self.reason.as_deref().unwrap_or(default))
    }
}

/// Values a reason template may name.
#[derive(Debug, Clone, Default)]
struct Vars {
    charge: Option<String>,
    expected: Option<String>,
    found: Option<String>,
    value: Option<String>,
    min: Option<String>,
    max: Option<String>,
    penalty: Option<String>,
    statute: Option<String>,
    when: Option<(String, Span)>,
}

impl Vars {
    fn when_name(&self) -> &str {
        self.when.as_ref().map(|(w, _)| w.as_str()).unwrap_or("")
    }

    fn fill(&self, template: &str) -> String {
        let pairs = [
            ("{charge}", self.charge.as_deref()),
            ("{expected}", self.expected.as_deref()),
            ("{found}", self.found.as_deref()),
            ("{value}", self.value.as_deref()),
            ("{min}", self.min.as_deref()),
            ("{max}", self.max.as_deref()),
            ("{penalty}", self.penalty.as_deref()),
            ("{statute}", self.statute.as_deref()),
            ("{when}", Some(self.when_name())),
        ];
        let mut out = template.to_string();
        for (k, v) in pairs {
            out = out.replace(k, v.unwrap_or(""));
        }
        out
    }
}

/// Whether a normalised citation cites an article: `刑法第65条第1款` cites `刑法第65条`, but
/// `刑法第133条之一` does not cite `刑法第133条`.
pub fn cites(statute: &str, article: &str) -> bool {
    statute.strip_prefix(article).is_some_and(|rest| rest.is_empty() || rest.starts_with('第'))
}

fn suspects<'a>(ctx: &'a Ctx) -> impl Iterator<Item = &'a PersonFacts> {
    ctx.ex.persons.iter().filter(|p| p.role != "victim").filter(|p| {
        ctx.pack.charges.is_empty()
            || p.charges.is_empty()
            || p.charges.iter().any(|c| ctx.pack.charges.contains(&c.value))
    })
}

/// A person's charges, else the document's; limited to the pack's own for a charge pack.
/// Only the document's charges count: a charge the document merely suspected (涉嫌) while it found
/// another is not among them (see [`super::matcher::document_charges`]).
fn person_charges<'a>(ctx: &'a Ctx, p: &'a PersonFacts) -> Vec<&'a Fact<String>> {
    let all: &[Fact<String>] = if p.charges.is_empty() { ctx.charges } else { &p.charges };
    all.iter()
        .filter(|c| ctx.charges.iter().any(|d| d.value == c.value))
        .filter(|c| ctx.pack.charges.is_empty() || ctx.pack.charges.contains(&c.value))
        .collect()
}

/// Whether another of the document's charges is cited under `statute`, by the charge table
/// (`dictionaries/charges.toml`, which charge packs also take their articles from): 赌博罪 explains
/// 刑法第303条 in a case that is not only 开设赌场.
fn explained_by_other_charge(ctx: &Ctx, charge: &str, statute: &str) -> bool {
    let table = crate::extract::charges::ChargeTable::global();
    (ctx.charges.iter().filter(|c| c.value != charge))
        .any(|c| table.get(&c.value).is_some_and(|t| cites(statute, &t.article)))
}

/// A person's citations, else every suspect's (documents often cite once for all defendants).
fn person_statutes<'a>(ctx: &'a Ctx, p: &'a PersonFacts) -> Vec<&'a Fact<String>> {
    if !p.statutes.is_empty() {
        return p.statutes.iter().collect();
    }
    ctx.ex.persons.iter().filter(|q| q.role != "victim").flat_map(|q| q.statutes.iter()).collect()
}

/// The span that states a circumstance of a person; flags count as their circumstance
/// (`recidivist` → 累犯, `plea` → 认罪认罚).
fn circumstance(p: &PersonFacts, name: &str) -> Option<Span> {
    if let Some(c) = p.circumstances.iter().find(|c| c.value == name) {
        return Some(c.span.clone());
    }
    let flag = match name {
        "累犯" => p.recidivist.as_ref(),
        "认罪认罚" => p.plea.as_ref(),
        _ => None,
    };
    flag.filter(|f| f.value).map(|f| f.span.clone())
}

fn number(p: &PersonFacts, fact: NumberFact) -> Option<(f64, Span)> {
    let s = p.sentence.as_ref();
    let months = |m: Option<u32>| m.map(f64::from);
    let v = match fact {
        NumberFact::BloodAlcohol => return p.blood_alcohol.as_ref().map(|b| (b.value, b.span.clone())),
        NumberFact::Amount => None,
        NumberFact::Fine => s.and_then(|s| s.value.fine),
        NumberFact::SentenceMonths => s.and_then(|s| months(s.value.max_months.or(s.value.min_months))),
        NumberFact::ProbationMonths => s.and_then(|s| months(s.value.probation_months)),
    }?;
    Some((v, s?.span.clone()))
}

fn spans_of(facts: &[&Fact<String>], first: Option<&Span>) -> Vec<Span> {
    first
        .into_iter()
        .cloned()
        .chain(facts.iter().map(|f| f.span.clone()))
        .filter(|s| s.end > s.start)
        .collect()
}

fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 { format!("{}", v as i64) } else { format!("{v}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citation_prefixes_respect_article_boundaries() {
        assert!(cites("刑法第65条第1款", "刑法第65条"));
        assert!(cites("刑法第264条", "刑法第264条"));
        assert!(!cites("刑法第133条之一第1款", "刑法第133条"));
        assert!(cites("刑法第133条之一第1款", "刑法第133条之一"));
        assert!(!cites("刑法第2640条", "刑法第264条"));
    }

    #[test]
    fn numbers_print_without_spurious_decimals() {
        assert_eq!(fmt_num(80.0), "80");
        assert_eq!(fmt_num(60.5), "60.5");
    }
}
