//! Pack files: the TOML format, loading and validation.
//!
//! A pack file deserialises into the loose `*File` structs (every unknown key is an error, so a
//! misspelt key is reported rather than ignored), then [`Pack::compile`] turns it into a [`Pack`]:
//! regexes compiled, section names and check kinds resolved, examples present. Every error names
//! the pack file and, where there is one, the element, so an officer editing a pack sees exactly
//! what to fix.
//!
//! A charge pack names its charges as `dictionaries/charges.toml` does ([`ChargeTable`]) and takes
//! from that table what it holds: the charge's 刑法 article (the pack's `statutes`) and its other
//! names (forms of a selective charge, aliases ending in 罪). A name the table does not know is an
//! error.

use std::collections::BTreeMap;
use std::path::Path;

use regex::Regex;
use serde::Deserialize;

use super::checks::{Check, CheckKind, FineRule, NumberFact};
use crate::extract::charges::ChargeTable;
use crate::ingest::{DocType, SectionKind};

/// Why the packs could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    #[error("checklist pack {file}: cannot read: {source}")]
    Io { file: String, source: std::io::Error },
    #[error("checklist pack {file}: not valid TOML: {message}")]
    Toml { file: String, message: String },
    #[error("checklist pack {file}, element {element}: {message}")]
    Element { file: String, element: String, message: String },
    #[error("checklist pack {file}: {message}")]
    Pack { file: String, message: String },
    #[error("no checklist packs found in {0}")]
    Empty(String),
}

/// One example of an element: a text and, where a check needs them, the facts the extraction
/// stage would give for it.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Example {
    Text(String),
    WithFacts {
        text: String,
        #[serde(default)]
        facts: super::examples::ExampleFacts,
    },
}

impl Example {
    pub fn text(&self) -> &str {
        match self {
            Example::Text(t) | Example::WithFacts { text: t, .. } => t,
        }
    }

    pub fn facts(&self) -> super::examples::ExampleFacts {
        match self {
            Example::Text(_) => Default::default(),
            Example::WithFacts { facts, .. } => facts.clone(),
        }
    }
}

/// The examples of one element: texts it must find (`pass`), texts where it must report the
/// element missing (`fail`), texts (with facts) it must report contradicted.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    #[serde(default)]
    pub pass: Vec<Example>,
    #[serde(default)]
    pub fail: Vec<Example>,
    #[serde(default)]
    pub contradicted: Vec<Example>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PackFile {
    id: String,
    name: String,
    kind: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    applies_to: AppliesToFile,
    /// No longer read: a charge's articles come from charges.toml (kept to say so clearly).
    #[serde(default)]
    statutes: Option<toml::Value>,
    #[serde(default, rename = "element")]
    elements: Vec<ElementFile>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct AppliesToFile {
    #[serde(default)]
    doc_types: Vec<String>,
    #[serde(default)]
    charges: Vec<String>,
    #[serde(default)]
    mentions: Vec<String>,
    #[serde(default)]
    suspected: Vec<String>,
    /// Default for elements that set no `doc_types` of their own.
    #[serde(default)]
    element_doc_types: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ElementFile {
    id: String,
    name: String,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    section: Option<String>,
    #[serde(default)]
    doc_types: Vec<String>,
    #[serde(default)]
    cues: Vec<String>,
    #[serde(default)]
    negations: Vec<String>,
    #[serde(default, rename = "check")]
    checks: Vec<CheckFile>,
    #[serde(default)]
    examples: Examples,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckFile {
    kind: String,
    #[serde(default)]
    fact: Option<String>,
    #[serde(default)]
    min: Option<f64>,
    #[serde(default)]
    max: Option<f64>,
    #[serde(default)]
    statute: Option<String>,
    #[serde(default)]
    penalty: Option<String>,
    #[serde(default)]
    rule: Option<String>,
    #[serde(default)]
    map: BTreeMap<String, String>,
    #[serde(default)]
    when: Option<String>,
    #[serde(default)]
    unless: Option<String>,
    #[serde(default)]
    doc_types: Vec<String>,
    #[serde(default)]
    reason: Option<String>,
}

/// What a pack is about; checklists list document packs first, then charge packs, then shared ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PackKind {
    /// Content a document type must have (`kind = "document"`).
    Document,
    /// Elements of a charge (`kind = "charge"`).
    Charge,
    /// Elements every charge inherits, e.g. 量刑情节 (`kind = "shared"`).
    Shared,
}

/// A loaded pack.
#[derive(Debug, Clone)]
pub struct Pack {
    /// File name the pack came from (for messages).
    pub file: String,
    /// Short id, the prefix of its element ids (`theft`).
    pub id: String,
    /// Display name (`盗窃罪`, `起诉书`, `量刑情节`).
    pub name: String,
    pub kind: PackKind,
    pub description: String,
    /// Document types the pack applies to; empty = any type.
    pub doc_types: Vec<DocType>,
    /// Charge names for charge packs: those listed (the first is the display name), then their
    /// other names in charges.toml (forms, aliases ending in 罪); empty for other packs.
    pub charges: Vec<String>,
    /// Patterns that name the charge as found (应当以…罪追究, 构成…罪), for documents whose facts
    /// name no charge.
    pub mentions: Vec<Regex>,
    /// Patterns that name it only as suspected (涉嫌…罪); used when no pack's `mentions` match.
    pub suspected: Vec<Regex>,
    /// The articles a charge of this pack is cited under (from charges.toml).
    pub statutes: Vec<String>,
    pub elements: Vec<PackElement>,
}

/// A loaded element.
#[derive(Debug, Clone)]
pub struct PackElement {
    /// Full id `<pack>.<element>`.
    pub id: String,
    pub name: String,
    pub required: bool,
    pub section: Option<SectionKind>,
    /// Document types the element applies to; empty = every type the pack applies to.
    pub doc_types: Vec<DocType>,
    pub cues: Vec<Regex>,
    pub negations: Vec<Regex>,
    pub checks: Vec<Check>,
    pub examples: Examples,
}

impl Pack {
    /// Parse and validate one pack file's text over the process-wide charge table. `file` names it
    /// in errors.
    pub fn parse(file: &str, text: &str) -> Result<Pack, PackError> {
        Pack::parse_with(file, text, ChargeTable::global())
    }

    /// Parse and validate one pack file's text over a given charge table.
    pub fn parse_with(file: &str, text: &str, table: &ChargeTable) -> Result<Pack, PackError> {
        let raw: PackFile = toml::from_str(text)
            .map_err(|e| PackError::Toml { file: file.into(), message: e.to_string() })?;
        Pack::compile(file, raw, table)
    }

    fn compile(file: &str, raw: PackFile, table: &ChargeTable) -> Result<Pack, PackError> {
        let pack_err = |message: String| PackError::Pack { file: file.into(), message };
        if !is_id(&raw.id) {
            return Err(pack_err(format!("id {:?} must be lowercase ASCII letters, digits or _", raw.id)));
        }
        let doc_types = doc_types_of(&raw.applies_to.doc_types)
            .map_err(|m| pack_err(format!("applies_to.doc_types: {m}")))?;
        let element_doc_types = doc_types_of(&raw.applies_to.element_doc_types)
            .map_err(|m| pack_err(format!("applies_to.element_doc_types: {m}")))?;
        let kind = match raw.kind.as_str() {
            "document" => PackKind::Document,
            "charge" => PackKind::Charge,
            "shared" => PackKind::Shared,
            other => {
                return Err(pack_err(format!("kind {other:?}: use \"document\", \"charge\" or \"shared\"")));
            }
        };
        if raw.statutes.is_some() {
            return Err(pack_err(
                "statutes: a charge's articles now come from dictionaries/charges.toml; remove this key"
                    .into(),
            ));
        }
        if kind == PackKind::Charge && raw.applies_to.charges.is_empty() {
            return Err(pack_err("a charge pack needs applies_to.charges".into()));
        }
        if kind != PackKind::Charge && !raw.applies_to.charges.is_empty() {
            return Err(pack_err(format!(
                "applies_to.charges is only for kind = \"charge\", not {:?}",
                raw.kind
            )));
        }
        let (charges, statutes) = charges_of(&raw.applies_to.charges, table).map_err(pack_err)?;
        if kind != PackKind::Charge && doc_types.is_empty() {
            return Err(pack_err("applies_to.doc_types is empty: the pack would never apply".into()));
        }
        let patterns = |key: &str, pats: &[String]| -> Result<Vec<Regex>, PackError> {
            pats.iter()
                .map(|m| {
                    Regex::new(m).map_err(|e| pack_err(format!("applies_to.{key}: bad pattern {m:?}: {e}")))
                })
                .collect()
        };
        let mentions = patterns("mentions", &raw.applies_to.mentions)?;
        let suspected = patterns("suspected", &raw.applies_to.suspected)?;
        let mut elements: Vec<PackElement> = Vec::new();
        for el in raw.elements {
            let id = format!("{}.{}", raw.id, el.id);
            let el_err =
                |message: String| PackError::Element { file: file.into(), element: id.clone(), message };
            if !is_id(&el.id) {
                return Err(el_err("id must be lowercase ASCII letters, digits or _".into()));
            }
            if elements.iter().any(|e| e.id == id) {
                return Err(el_err("duplicate element id".into()));
            }
            let section = match &el.section {
                None => None,
                Some(s) => Some(
                    serde_json::from_value::<SectionKind>(serde_json::Value::String(s.clone())).map_err(
                        |_| {
                            el_err(format!(
                                "unknown section {s:?} (known: header, parties, procedure, facts, evidence, \
                             reasoning, decision, closing, attachments)"
                            ))
                        },
                    )?,
                ),
            };
            let compile_all = |what: &str, pats: &[String]| -> Result<Vec<Regex>, PackError> {
                pats.iter()
                    .map(|p| Regex::new(p).map_err(|e| el_err(format!("{what}: bad pattern {p:?}: {e}"))))
                    .collect()
            };
            let mut el_types = doc_types_of(&el.doc_types).map_err(|m| el_err(format!("doc_types: {m}")))?;
            if el_types.is_empty() {
                el_types = element_doc_types.clone();
            }
            if let Some(t) = el_types.iter().find(|t| !doc_types.is_empty() && !doc_types.contains(t)) {
                return Err(el_err(format!("doc_types: {t} is not among the pack's applies_to.doc_types")));
            }
            let cues = compile_all("cues", &el.cues)?;
            let negations = compile_all("negations", &el.negations)?;
            let mut checks = Vec::new();
            for (i, c) in el.checks.into_iter().enumerate() {
                checks.push(compile_check(c).map_err(|m| el_err(format!("check {}: {m}", i + 1)))?);
            }
            if cues.is_empty() && checks.is_empty() {
                return Err(el_err("has neither cues nor checks: it could never be supported".into()));
            }
            if el.examples.pass.is_empty() || el.examples.fail.is_empty() {
                return Err(el_err(
                    "needs at least one `pass` and one `fail` example ([element.examples]): a rule arrives \
                     with its proof"
                        .into(),
                ));
            }
            if !checks.is_empty() && el.examples.contradicted.is_empty() {
                return Err(el_err("has a check but no `contradicted` example".into()));
            }
            elements.push(PackElement {
                id,
                name: el.name,
                required: el.required,
                section,
                doc_types: el_types,
                cues,
                negations,
                checks,
                examples: el.examples,
            });
        }
        if elements.is_empty() {
            return Err(pack_err("no [[element]]".into()));
        }
        Ok(Pack {
            file: file.into(),
            id: raw.id,
            name: raw.name,
            kind,
            description: raw.description,
            doc_types,
            charges,
            mentions,
            suspected,
            statutes,
            elements,
        })
    }
}

/// A charge pack's charges and articles from charges.toml: the listed names, then each listed
/// charge's 罪名, forms and aliases ending in 罪; the articles of the listed charges.
fn charges_of(listed: &[String], table: &ChargeTable) -> Result<(Vec<String>, Vec<String>), String> {
    let mut names: Vec<String> = Vec::new();
    let mut statutes: Vec<String> = Vec::new();
    fn push(list: &mut Vec<String>, s: &str) {
        if !list.iter().any(|x| x == s) {
            list.push(s.to_string());
        }
    }
    for n in listed {
        push(&mut names, n);
    }
    for n in listed {
        let c = table.get(n).ok_or_else(|| {
            format!("applies_to.charges: {n:?} is not a 罪名 (or alias) of dictionaries/charges.toml")
        })?;
        let others = c.forms.iter().chain(c.aliases.iter().filter(|a| a.ends_with('罪')));
        for other in std::iter::once(&c.name).chain(others) {
            push(&mut names, other);
        }
        push(&mut statutes, &c.article);
    }
    Ok((names, statutes))
}

fn compile_check(c: CheckFile) -> Result<Check, String> {
    let need = |v: Option<String>, key: &str| v.ok_or_else(|| format!("kind {:?} needs `{key}`", c.kind));
    let regex = |p: &Option<String>, key: &str| -> Result<Option<Regex>, String> {
        p.as_deref().map(|p| Regex::new(p).map_err(|e| format!("{key}: bad pattern {p:?}: {e}"))).transpose()
    };
    let unless = regex(&c.unless, "unless")?;
    let number_fact = |f: &Option<String>| -> Result<NumberFact, String> {
        let f = f.as_deref().ok_or_else(|| format!("kind {:?} needs `fact`", c.kind))?;
        NumberFact::from_name(f)
            .ok_or_else(|| format!("unknown fact {f:?} (known: {})", NumberFact::NAMES.join(", ")))
    };
    let kind = match c.kind.as_str() {
        "statute_for_charge" => CheckKind::StatuteForCharge,
        "statute_for_value" => {
            let fact = c.fact.clone().unwrap_or_default();
            if fact != "disposal" {
                return Err(format!("statute_for_value: fact must be \"disposal\", not {fact:?}"));
            }
            if c.map.is_empty() {
                return Err("statute_for_value needs `map` (value = statute)".into());
            }
            CheckKind::StatuteForValue { map: c.map.clone() }
        }
        "requires_statute" => {
            if c.when.is_none() {
                return Err("requires_statute needs `when` (a circumstance such as 累犯)".into());
            }
            CheckKind::RequiresStatute { statute: need(c.statute.clone(), "statute")? }
        }
        "number_at_least" => CheckKind::NumberAtLeast {
            fact: number_fact(&c.fact)?,
            min: c.min.ok_or("number_at_least needs `min`")?,
        },
        "number_at_most" => CheckKind::NumberAtMost {
            fact: number_fact(&c.fact)?,
            max: c.max.ok_or("number_at_most needs `max`")?,
        },
        "penalty_not" => CheckKind::PenaltyNot { penalty: need(c.penalty.clone(), "penalty")? },
        "fine" => match c.rule.as_deref() {
            Some("required") => CheckKind::Fine(FineRule::Required),
            Some("forbidden") => CheckKind::Fine(FineRule::Forbidden),
            other => return Err(format!("fine needs rule = \"required\" or \"forbidden\", not {other:?}")),
        },
        other => {
            return Err(format!(
                "unknown kind {other:?} (known: statute_for_charge, statute_for_value, requires_statute, \
                 number_at_least, number_at_most, penalty_not, fine)"
            ));
        }
    };
    let doc_types = doc_types_of(&c.doc_types).map_err(|m| format!("doc_types: {m}"))?;
    Ok(Check { kind, when: c.when, unless, doc_types, reason: c.reason })
}

fn doc_types_of(names: &[String]) -> Result<Vec<DocType>, String> {
    names
        .iter()
        .map(|t| {
            DocType::from_name(t).ok_or_else(|| {
                let known: Vec<&str> = DocType::ALL.iter().map(|t| t.name()).collect();
                format!("unknown document type {t:?} (known: {})", known.join("、"))
            })
        })
        .collect()
}

fn is_id(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// All loaded packs, in file-name order.
#[derive(Debug, Clone)]
pub struct Packs {
    pub packs: Vec<Pack>,
}

impl Packs {
    /// The packs compiled into the binary (or their copies in `ANGUAN_DICTIONARIES`).
    pub fn load_embedded() -> Result<Packs, PackError> {
        let mut packs = Vec::new();
        for name in crate::dictionaries::embedded_names("checklists/") {
            if !name.ends_with(".toml") {
                continue;
            }
            let text = crate::dictionaries::text(name).unwrap_or_default();
            packs.push(Pack::parse(name, &text)?);
        }
        Packs::new(packs, "embedded dictionaries")
    }

    /// Every `*.toml` file of a folder.
    pub fn load_dir(dir: &Path) -> Result<Packs, PackError> {
        let shown = dir.display().to_string();
        let entries =
            std::fs::read_dir(dir).map_err(|source| PackError::Io { file: shown.clone(), source })?;
        let mut paths: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        let mut packs = Vec::new();
        for p in paths {
            let file = p.display().to_string();
            let text =
                std::fs::read_to_string(&p).map_err(|source| PackError::Io { file: file.clone(), source })?;
            packs.push(Pack::parse(&file, &text)?);
        }
        Packs::new(packs, &shown)
    }

    /// Build from parsed packs, checking that ids are unique.
    pub fn new(packs: Vec<Pack>, origin: &str) -> Result<Packs, PackError> {
        if packs.is_empty() {
            return Err(PackError::Empty(origin.into()));
        }
        for (i, p) in packs.iter().enumerate() {
            if let Some(q) = packs.iter().take(i).find(|q| q.id == p.id) {
                return Err(PackError::Pack {
                    file: p.file.clone(),
                    message: format!("pack id {:?} already used by {}", p.id, q.file),
                });
            }
        }
        Ok(Packs { packs })
    }

    /// The charge pack a 罪名 belongs to.
    pub fn charge_pack(&self, charge: &str) -> Option<&Pack> {
        self.packs.iter().find(|p| p.charges.iter().any(|c| c == charge))
    }

    /// Every element of every pack.
    pub fn elements(&self) -> impl Iterator<Item = (&Pack, &PackElement)> {
        self.packs.iter().flat_map(|p| p.elements.iter().map(move |e| (p, e)))
    }
}
