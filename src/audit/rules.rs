//! The rule set: `dictionaries/rules.toml` read into typed settings.
//!
//! Thresholds, severities, messages and which rules run are data. The code decides what each rule
//! checks; this file decides whether it runs, how grave it is and how it is worded.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Deserialize;

use super::{Kind, Severity};

/// Why the rule set could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    #[error("rules.toml is missing from the dictionaries")]
    Missing,
    #[error("rules.toml: {0}")]
    Toml(#[from] toml::de::Error),
}

#[derive(Debug, Clone, Deserialize)]
pub struct Engine {
    pub late_working_days: u32,
    pub amount_tolerance: f64,
    pub blood_alcohol_tolerance: f64,
    pub closed_date_tolerance_days: i64,
    #[serde(default)]
    pub holidays: Vec<NaiveDate>,
    #[serde(default)]
    pub workdays: Vec<NaiveDate>,
    pub roll_forward_when_not_in_custody: bool,
    pub fold_invalid_into_mismatch: bool,
    pub earliest_date: NaiveDate,
    pub max_blood_alcohol: f64,
    pub max_months: u32,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Late {
    pub closing_items: Vec<String>,
    pub not_events: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Deadlines {
    pub review_months: u32,
    pub extension_days: u64,
    pub fast_track_days: u64,
    pub fast_track_long_days: u64,
    pub fast_track_long_above_months: u32,
    pub max_returns: usize,
    pub supplementary_months: u32,
}

#[derive(Debug, Clone, Deserialize)]
pub struct AgeRules {
    pub full: u32,
    pub limited: u32,
    pub limited_charges: Vec<String>,
    pub youngest: u32,
    pub youngest_charges: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Penalties {
    #[serde(rename = "管制")]
    pub surveillance: (u32, u32),
    #[serde(rename = "拘役")]
    pub detention: (u32, u32),
    #[serde(rename = "有期徒刑")]
    pub imprisonment: (u32, u32),
    pub always_allowed: Vec<String>,
    pub probation_penalties: Vec<String>,
    pub probation_max_months: u32,
}

impl Penalties {
    /// The general band of a term penalty, in months.
    pub fn band(&self, penalty: &str) -> Option<(u32, u32)> {
        match penalty {
            "管制" => Some(self.surveillance),
            "拘役" => Some(self.detention),
            "有期徒刑" => Some(self.imprisonment),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct ChargeRule {
    pub article: String,
    pub chapter: u32,
    pub penalties: Vec<String>,
    #[serde(default)]
    pub max_months: Option<u32>,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Whether the charge has a 犯罪数额 (property and drug crimes): only then is the card's
    /// 涉案金额 compared with the documents.
    #[serde(default)]
    pub amount: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Values {
    pub gender: Vec<String>,
    pub procedure: Vec<String>,
    pub disposal: Vec<String>,
    pub measure: Vec<String>,
    pub sentencing_kind: Vec<String>,
    pub penalty: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Normalize {
    pub measure: BTreeMap<String, String>,
    pub education: BTreeMap<String, String>,
    pub education_suffixes: Vec<String>,
    pub procedure: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Documents {
    pub sources: Vec<String>,
    pub persons: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct KindConf {
    pub severity: Severity,
    pub message: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ItemConf {
    pub name: String,
    #[serde(default)]
    pub severity: Option<Severity>,
    #[serde(default)]
    pub sources: Option<Vec<String>>,
    #[serde(default)]
    pub conflict: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct RuleConf {
    #[serde(default)]
    pub enabled: Option<bool>,
    #[serde(default)]
    pub severity: Option<Severity>,
    #[serde(default)]
    pub message: Option<String>,
}

/// Everything `rules.toml` holds.
#[derive(Debug, Clone, Deserialize)]
pub struct RuleSet {
    pub engine: Engine,
    pub late: Late,
    pub deadlines: Deadlines,
    pub age: AgeRules,
    pub penalties: Penalties,
    pub charges: BTreeMap<String, ChargeRule>,
    pub non_prosecution: BTreeMap<String, Vec<String>>,
    pub values: Values,
    pub normalize: Normalize,
    pub documents: Documents,
    pub kinds: BTreeMap<Kind, KindConf>,
    pub items: BTreeMap<String, ItemConf>,
    #[serde(default)]
    pub rules: BTreeMap<String, RuleConf>,
    /// Every 罪名 known: the table above plus `charges.toml` when the dictionaries have one.
    #[serde(skip)]
    pub known_charges: std::collections::BTreeSet<String>,
}

impl RuleSet {
    /// The rule set of the dictionaries (embedded, or the `ANGUAN_DICTIONARIES` override).
    pub fn load() -> Result<RuleSet, RulesError> {
        let text = crate::dictionaries::text("rules.toml").ok_or(RulesError::Missing)?;
        let mut rules = RuleSet::from_toml(&text)?;
        if let Some(charges) = crate::dictionaries::text("charges.toml") {
            rules.add_known_charges(&charges);
        }
        Ok(rules)
    }

    /// A rule set from TOML text (tests use variants of the embedded file).
    pub fn from_toml(text: &str) -> Result<RuleSet, RulesError> {
        let mut rules: RuleSet = toml::from_str(text)?;
        let mut known = std::collections::BTreeSet::new();
        for (name, c) in &rules.charges {
            known.insert(name.clone());
            known.extend(c.aliases.iter().filter(|a| a.ends_with('罪')).cloned());
        }
        rules.known_charges = known;
        Ok(rules)
    }

    /// Add every 罪名 named in a charge table (any string value or key ending in 罪 at any depth:
    /// the table's exact layout belongs to the extraction stage).
    pub fn add_known_charges(&mut self, toml_text: &str) {
        fn walk(v: &toml::Value, out: &mut std::collections::BTreeSet<String>) {
            match v {
                toml::Value::String(s) if s.ends_with('罪') && s.chars().count() <= 40 => {
                    out.insert(s.clone());
                }
                toml::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
                toml::Value::Table(t) => {
                    for (k, x) in t {
                        if k.ends_with('罪') {
                            out.insert(k.clone());
                        }
                        walk(x, out);
                    }
                }
                _ => {}
            }
        }
        if let Ok(v) = toml::from_str::<toml::Value>(toml_text) {
            walk(&v, &mut self.known_charges);
        }
    }

    /// Whether a rule runs.
    pub fn enabled(&self, id: &str) -> bool {
        self.rules.get(id).and_then(|r| r.enabled).unwrap_or(true)
    }

    /// The severity of a rule: its own setting, else its item's, else its kind's.
    pub fn severity(&self, id: &str, item: Option<&str>, kind: Kind) -> Severity {
        self.rules
            .get(id)
            .and_then(|r| r.severity)
            .or_else(|| item.and_then(|i| self.items.get(i)).and_then(|i| i.severity))
            .or_else(|| self.kinds.get(&kind).map(|k| k.severity))
            .unwrap_or(Severity::Error)
    }

    /// The message template of a rule: its own, else its kind's.
    pub fn template(&self, id: &str, kind: Kind) -> &str {
        self.rules
            .get(id)
            .and_then(|r| r.message.as_deref())
            .or_else(|| self.kinds.get(&kind).map(|k| k.message.as_str()))
            .unwrap_or("{field}")
    }

    /// The Chinese name of a card item (`person.id_number` → 公民身份号码).
    pub fn item_name<'a>(&'a self, item: &'a str) -> &'a str {
        self.items.get(item).map(|i| i.name.as_str()).unwrap_or(item)
    }

    /// The document types that state an item, in order of authority.
    pub fn sources(&self, item: &str) -> &[String] {
        self.items.get(item).and_then(|i| i.sources.as_deref()).unwrap_or(&self.documents.sources)
    }

    /// The document types whose statements of an item must agree.
    pub fn conflict_group(&self, item: &str) -> &[String] {
        self.items.get(item).map(|i| i.conflict.as_slice()).unwrap_or(&[])
    }

    /// Whether any of these charges has a 犯罪数额.
    pub fn has_amount(&self, charges: &[String]) -> bool {
        charges.iter().any(|c| self.charges.get(&self.canonical_charge(c)).is_some_and(|r| r.amount))
    }

    /// The canonical name of a charge (an alias or a name without 罪 → the table's name).
    pub fn canonical_charge(&self, name: &str) -> String {
        let n = super::normal::text(name);
        for (canon, c) in &self.charges {
            if *canon == n || c.aliases.contains(&n) {
                return canon.clone();
            }
        }
        if !n.ends_with('罪') && !n.is_empty() {
            let with = format!("{n}罪");
            if self.known_charges.contains(&with) {
                return with;
            }
        }
        n
    }
}

/// Fill `{name}` placeholders of a template.
pub fn fill(template: &str, vars: &[(&str, String)]) -> String {
    let mut out = template.to_string();
    for (k, v) in vars {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}
