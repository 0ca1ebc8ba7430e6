//! The rule set: `dictionaries/rules.toml` read into typed settings.
//!
//! Thresholds, severities, messages and which rules run are data. The code decides what each rule
//! checks; this file decides whether it runs, how grave it is and how it is worded.
//!
//! What a charge is (its 罪名, aliases, article, chapter and penalty bands) comes from the one
//! charge table, `dictionaries/charges.toml` ([`ChargeTable`]); `rules.toml` only adds what is the
//! audit's own (which charges have a 犯罪数额, the charges of the age rules) and names charges as
//! that table does. Loading fails on a 罪名 the table does not know, or on a band penalty that is
//! not one of `[values] penalty`.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Deserialize;

use super::{Kind, Severity};
use crate::extract::charges::{Charge, ChargeTable};

/// Why the rule set could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    #[error("rules.toml is missing from the dictionaries")]
    Missing,
    #[error("rules.toml: {0}")]
    Toml(#[from] toml::de::Error),
    #[error(
        "rules.toml: {key} names the charge \"{name}\", which dictionaries/charges.toml does not know \
         (use a 罪名 or alias from charges.toml)"
    )]
    UnknownCharge { key: String, name: String },
    #[error(
        "dictionaries/charges.toml: a penalty band of {charge} names \"{penalty}\", which is not in \
         rules.toml [values] penalty"
    )]
    UnknownPenalty { charge: String, penalty: String },
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

/// What the audit knows of a charge with penalty bands in `charges.toml` (domain-reference
/// §4.0.1), derived from that table.
#[derive(Debug, Clone)]
pub struct ChargeRule {
    pub article: String,
    pub chapter: u32,
    /// The main penalties the article allows (the bands' penalties; 单处罚金 when a band's fine
    /// allows it), in order of first mention.
    pub penalties: Vec<String>,
    /// The top of the highest band when it is a fixed term (None: no limit below 无期/死刑).
    pub max_months: Option<u32>,
    pub aliases: Vec<String>,
    /// Whether the charge has a 犯罪数额 (property and drug crimes): only then is the card's
    /// 涉案金额 compared with the documents.
    pub amount: bool,
}

/// `[charges]` of rules.toml: the audit's own facts about charges, by their charges.toml names.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChargeConf {
    /// Charges with a 犯罪数额 (M-08).
    #[serde(default)]
    pub amount: Vec<String>,
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
    /// `[charges]` as written.
    #[serde(rename = "charges", default)]
    pub charge_conf: ChargeConf,
    /// Every charge with penalty bands in `charges.toml`, by its 罪名.
    #[serde(skip)]
    pub charges: BTreeMap<String, ChargeRule>,
    pub non_prosecution: BTreeMap<String, Vec<String>>,
    pub values: Values,
    pub normalize: Normalize,
    pub documents: Documents,
    pub kinds: BTreeMap<Kind, KindConf>,
    pub items: BTreeMap<String, ItemConf>,
    #[serde(default)]
    pub rules: BTreeMap<String, RuleConf>,
    /// Every 罪名, alias and form of `charges.toml`.
    #[serde(skip)]
    pub known_charges: std::collections::BTreeSet<String>,
    /// Name, alias or form → the charge's 罪名 in `charges.toml`.
    #[serde(skip)]
    canon: BTreeMap<String, String>,
}

impl RuleSet {
    /// The rule set of the dictionaries (embedded, or the `ANGUAN_DICTIONARIES` override).
    pub fn load() -> Result<RuleSet, RulesError> {
        let text = crate::dictionaries::text("rules.toml").ok_or(RulesError::Missing)?;
        RuleSet::from_toml(&text)
    }

    /// A rule set from TOML text (tests use variants of the embedded file), over the process-wide
    /// charge table.
    pub fn from_toml(text: &str) -> Result<RuleSet, RulesError> {
        RuleSet::with_charge_table(text, ChargeTable::global())
    }

    /// A rule set from TOML text over a given charge table.
    pub fn with_charge_table(text: &str, table: &ChargeTable) -> Result<RuleSet, RulesError> {
        let mut rules: RuleSet = toml::from_str(text)?;
        let named = [
            ("[charges] amount", &rules.charge_conf.amount),
            ("[age] limited_charges", &rules.age.limited_charges),
            ("[age] youngest_charges", &rules.age.youngest_charges),
        ];
        for (key, names) in named {
            if let Some(name) = names.iter().find(|n| table.get(n).is_none()) {
                return Err(RulesError::UnknownCharge { key: key.into(), name: name.clone() });
            }
        }
        let amount: Vec<&str> =
            rules.charge_conf.amount.iter().filter_map(|n| table.get(n)).map(|c| c.name.as_str()).collect();
        for c in &table.charges {
            rules.canon.insert(c.name.clone(), c.name.clone());
        }
        for c in &table.charges {
            for other in c.aliases.iter().chain(&c.forms) {
                rules.canon.entry(other.clone()).or_insert_with(|| c.name.clone());
            }
            if !c.bands.is_empty() {
                let rule = charge_rule(c, amount.contains(&c.name.as_str()), &rules.values.penalty)?;
                rules.charges.insert(c.name.clone(), rule);
            }
        }
        rules.known_charges = rules.canon.keys().cloned().collect();
        Ok(rules)
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

    /// The canonical name of a charge: a 罪名, alias or form of `charges.toml` (also written
    /// without 罪) → the table's 罪名; anything else normalised as written.
    pub fn canonical_charge(&self, name: &str) -> String {
        let n = super::normal::text(name);
        let with_suffix = || (!n.ends_with('罪') && !n.is_empty()).then(|| format!("{n}罪"));
        match self.canon.get(&n).or_else(|| with_suffix().and_then(|w| self.canon.get(&w))) {
            Some(c) => c.clone(),
            None => n,
        }
    }
}

/// The audit's view of a charge with penalty bands: its penalties and top term from the bands
/// (`有期徒刑、拘役或者管制` → 有期徒刑, 拘役, 管制; a fine `单处罚金` adds 单处罚金).
fn charge_rule(c: &Charge, amount: bool, known: &[String]) -> Result<ChargeRule, RulesError> {
    const SOLE_FINE: &str = "单处罚金";
    let mut penalties: Vec<String> = Vec::new();
    for band in &c.bands {
        let named = band.penalty.split(['、', '，']).flat_map(|p| p.split("或者")).map(str::trim);
        let sole_fine = band.fine.contains(SOLE_FINE).then_some(SOLE_FINE);
        for p in named.chain(sole_fine).filter(|p| !p.is_empty()) {
            if !known.iter().any(|k| k == p) {
                return Err(RulesError::UnknownPenalty { charge: c.name.clone(), penalty: p.into() });
            }
            if !penalties.iter().any(|x| x == p) {
                penalties.push(p.to_string());
            }
        }
    }
    let open_ended = c.bands.iter().any(|b| b.max_months == 0);
    Ok(ChargeRule {
        article: c.article.clone(),
        chapter: c.chapter,
        penalties,
        max_months: if open_ended { None } else { c.bands.iter().map(|b| b.max_months).max() },
        aliases: c.aliases.clone(),
        amount,
    })
}

/// Fill `{name}` placeholders of a template.
pub fn fill(template: &str, vars: &[(&str, String)]) -> String {
    let mut out = template.to_string();
    for (k, v) in vars {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn embedded() -> String {
        crate::dictionaries::text("rules.toml").unwrap().into_owned()
    }

    #[test]
    fn charge_rules_come_from_the_charge_table() {
        let r = RuleSet::load().unwrap();
        let want: &[(&str, &[&str], Option<u32>, bool)] = &[
            ("危险驾驶罪", &["拘役"], Some(6), false),
            ("盗窃罪", &["有期徒刑", "拘役", "管制", "单处罚金", "无期徒刑"], None, true),
            ("帮助信息网络犯罪活动罪", &["有期徒刑", "拘役", "单处罚金"], Some(36), true),
            ("故意伤害罪", &["有期徒刑", "拘役", "管制", "无期徒刑", "死刑"], None, false),
            ("交通肇事罪", &["有期徒刑", "拘役"], None, false),
            ("开设赌场罪", &["有期徒刑", "拘役", "管制"], Some(120), true),
            ("走私、贩卖、运输、制造毒品罪", &["有期徒刑", "拘役", "管制", "无期徒刑", "死刑"], None, true),
            ("掩饰、隐瞒犯罪所得、犯罪所得收益罪", &["有期徒刑", "拘役", "管制", "单处罚金"], Some(84), true),
        ];
        for (name, penalties, max, amount) in want {
            let c = r.charges.get(*name).unwrap_or_else(|| panic!("{name}"));
            let got: Vec<&str> = c.penalties.iter().map(String::as_str).collect();
            assert_eq!((got.as_slice(), c.max_months, c.amount), (*penalties, *max, *amount), "{name}");
        }
        assert_eq!(r.charges["盗窃罪"].article, "刑法第264条");
        assert_eq!(r.charges.len(), 10);
        assert_eq!(r.canonical_charge("醉驾"), "危险驾驶罪");
        assert_eq!(r.canonical_charge("贩卖、运输毒品罪"), "走私、贩卖、运输、制造毒品罪");
        assert_eq!(r.canonical_charge("掩隐"), "掩饰、隐瞒犯罪所得、犯罪所得收益罪");
        assert_eq!(r.canonical_charge("盗窃"), "盗窃罪");
        assert_eq!(r.canonical_charge("偷东西罪"), "偷东西罪");
        assert!(r.known_charges.contains("逃税罪") && !r.known_charges.contains("偷东西罪"));
        assert!(r.has_amount(&["贩卖毒品罪".into()]) && !r.has_amount(&["交通肇事罪".into()]));
    }

    #[test]
    fn a_charge_unknown_to_the_charge_table_stops_loading() {
        let text = embedded().replace("amount = [\"盗窃罪\"", "amount = [\"偷东西罪\"");
        let e = RuleSet::from_toml(&text).unwrap_err().to_string();
        assert!(
            e.contains("[charges] amount") && e.contains("偷东西罪") && e.contains("charges.toml"),
            "{e}"
        );
        let text = embedded().replace("youngest_charges = [\"故意杀人罪\"", "youngest_charges = [\"杀人罪\"");
        let e = RuleSet::from_toml(&text).unwrap_err().to_string();
        assert!(e.contains("[age] youngest_charges") && e.contains("杀人罪"), "{e}");
        // The old per-charge tables are refused rather than silently ignored.
        let text =
            embedded().replace("[charges]\n", "[charges]\n[charges.\"盗窃罪\"]\narticle = \"刑法第264条\"\n");
        assert!(RuleSet::from_toml(&text).is_err());
    }

    #[test]
    fn a_band_penalty_outside_the_values_stops_loading() {
        let table = ChargeTable::parse(
            "[[charge]]\nname = \"演示罪\"\narticle = \"刑法第1条\"\nchapter = 1\nchapter_name = \"演示\"\n\
             [[charge.bands]]\ntier = \"基本\"\npenalty = \"有期徒刑或者流放\"\nmin_months = 0\n\
             max_months = 36\nfine = \"\"\n",
        )
        .unwrap();
        let text = embedded().replace(
            "amount = [\"盗窃罪\", \"诈骗罪\", \"帮助信息网络犯罪活动罪\", \"开设赌场罪\", \"走私、贩卖、运输、制造毒品罪\", \"掩饰、隐瞒犯罪所得、犯罪所得收益罪\"]",
            "amount = [\"演示罪\"]",
        );
        let text = text
            .replace("limited_charges = [", "limited_charges = [\"演示罪\"]\n#")
            .replace("youngest_charges = [", "youngest_charges = [\"演示罪\"]\n#");
        let e = RuleSet::with_charge_table(&text, &table).unwrap_err().to_string();
        assert!(e.contains("演示罪") && e.contains("流放"), "{e}");
    }
}
