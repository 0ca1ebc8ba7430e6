//! The compiled form of `dictionaries/sections.toml`: title variants per document type, 文号
//! patterns, and the section cues.
//!
//! The file is read once (the `ANGUAN_DICTIONARIES` override if it has one, else the embedded
//! copy) and compiled into regexes. A broken override falls back to the embedded copy with a
//! warning; a cue whose pattern does not compile is skipped with a warning, so one bad line in an
//! officer's edit does not disable the whole splitter.

use std::sync::OnceLock;

use regex::Regex;
use serde::Deserialize;

use super::SectionKind;
use super::scan::Pattern;
use crate::ingest::DocType;

/// The embedded file's name under `dictionaries/`.
const FILE: &str = "sections.toml";

/// Where an anchored cue's section starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Anchor {
    /// At the cue.
    #[default]
    Phrase,
    /// At the start of the sentence holding the cue.
    Sentence,
    /// At the start of the place name before the cue.
    Place,
    /// A heading: at the enumerator before it (三、 / 3. / （三）) if there is one, else at its
    /// sentence start.
    Heading,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Strength {
    Strong,
    Weak,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    title: Vec<RawTitle>,
    doc_number: RawNumber,
    sentence: RawSentence,
    place: RawPlace,
    cue: Vec<RawCue>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTitle {
    #[serde(rename = "type")]
    doc_type: DocType,
    names: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNumber {
    header_chars: usize,
    patterns: Vec<String>,
    cited_before: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSentence {
    breaks: String,
    line_break_max: usize,
    max_back: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlace {
    max_back: usize,
    stops: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCue {
    kind: SectionKind,
    strength: Strength,
    #[serde(default)]
    weight: Option<u32>,
    #[serde(default)]
    types: Vec<DocType>,
    #[serde(default)]
    phrases: Vec<String>,
    #[serde(default)]
    patterns: Vec<String>,
    #[serde(default)]
    anchor: Anchor,
    #[serde(default)]
    not_after: Vec<String>,
    #[serde(default)]
    reject_sentence: Vec<String>,
    #[serde(default)]
    lead: Option<usize>,
    #[serde(default)]
    after: Option<SectionKind>,
}

/// One compiled cue.
#[derive(Debug)]
pub(crate) struct Cue {
    pub kind: SectionKind,
    pub strong: bool,
    pub weight: u32,
    /// Types the cue applies to; empty for every type.
    pub types: Vec<DocType>,
    pub regexes: Vec<Pattern>,
    /// For each regex made from a phrase, the phrase without whitespace: a text that lacks it
    /// (whitespace removed) cannot match, so the regex need not run.
    pub literals: Vec<Option<String>>,
    pub anchor: Anchor,
    pub not_after: Vec<String>,
    pub reject_sentence: Vec<String>,
    pub lead: Option<usize>,
    /// The hit counts only after a strong hit of this kind (a judgment's 判决如下 after its
    /// 本院认为; the first-instance decision quoted in an appeal comes before).
    pub after: Option<SectionKind>,
}

impl Cue {
    /// Whether the cue applies to a document of this type (`None`: unrecognised).
    pub fn applies_to(&self, doc_type: Option<DocType>) -> bool {
        self.types.is_empty() || doc_type.is_some_and(|t| self.types.contains(&t))
    }
}

/// The whole compiled configuration.
#[derive(Debug)]
pub(crate) struct Config {
    /// (type, title variant) pairs.
    pub titles: Vec<(DocType, String)>,
    pub number_patterns: Vec<Regex>,
    pub cited_before: Vec<String>,
    pub header_chars: usize,
    pub sentence_breaks: Vec<char>,
    /// A line break ends a sentence when the line before it has at most this many characters.
    pub line_break_max: usize,
    pub sentence_max_back: usize,
    pub place_stops: Vec<String>,
    pub place_max_back: usize,
    pub cues: Vec<Cue>,
}

/// The configuration, compiled on first use.
pub(crate) fn config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(load)
}

fn load() -> Config {
    if let Some(text) = crate::dictionaries::text(FILE) {
        match parse(&text) {
            Ok(c) => return c,
            Err(e) => tracing::warn!("dictionaries/{FILE}: {e}; using the built-in copy"),
        }
    }
    parse(EMBEDDED).unwrap_or_else(|e| {
        tracing::error!("built-in dictionaries/{FILE} is broken: {e}");
        Config::empty()
    })
}

/// The built-in copy, for the fallback when an override is broken.
const EMBEDDED: &str = include_str!("../../../dictionaries/sections.toml");

impl Config {
    fn empty() -> Config {
        Config {
            titles: Vec::new(),
            number_patterns: Vec::new(),
            cited_before: Vec::new(),
            header_chars: 0,
            sentence_breaks: Vec::new(),
            line_break_max: 0,
            sentence_max_back: 0,
            place_stops: Vec::new(),
            place_max_back: 0,
            cues: Vec::new(),
        }
    }
}

/// Parse and compile the TOML text; `Err` when it is not valid TOML of the expected shape.
pub(crate) fn parse(text: &str) -> Result<Config, toml::de::Error> {
    let raw: RawFile = toml::from_str(text)?;
    let titles = raw
        .title
        .into_iter()
        .flat_map(|t| {
            let ty = t.doc_type;
            t.names.into_iter().map(move |n| (ty, n.chars().filter(|c| !c.is_whitespace()).collect()))
        })
        .filter(|(_, n): &(DocType, String)| !n.is_empty())
        .collect();
    let cues = raw.cue.into_iter().filter_map(compile_cue).collect();
    Ok(Config {
        titles,
        number_patterns: raw.doc_number.patterns.iter().filter_map(|p| compile(p)).collect(),
        cited_before: raw.doc_number.cited_before,
        header_chars: raw.doc_number.header_chars,
        sentence_breaks: raw.sentence.breaks.chars().collect(),
        line_break_max: raw.sentence.line_break_max,
        sentence_max_back: raw.sentence.max_back,
        place_stops: raw.place.stops,
        place_max_back: raw.place.max_back,
        cues,
    })
}

fn compile(pattern: &str) -> Option<Regex> {
    compiled(pattern, Regex::new(pattern))
}

fn compile_cue_pattern(pattern: &str) -> Option<Pattern> {
    compiled(pattern, Pattern::new(pattern))
}

fn compiled<T>(pattern: &str, result: Result<T, regex::Error>) -> Option<T> {
    match result {
        Ok(r) => Some(r),
        Err(e) => {
            tracing::warn!("dictionaries/{FILE}: pattern {pattern:?} skipped: {e}");
            None
        }
    }
}

/// A literal phrase as a regex that allows whitespace between its characters (此 致, 此　致,
/// 本院\n认为).
fn phrase_regex(phrase: &str) -> String {
    let parts: Vec<String> =
        phrase.chars().filter(|c| !c.is_whitespace()).map(|c| regex::escape(&c.to_string())).collect();
    parts.join(r"\s*")
}

fn compile_cue(raw: RawCue) -> Option<Cue> {
    let (mut regexes, mut literals): (Vec<Pattern>, Vec<Option<String>>) = raw
        .phrases
        .iter()
        .filter(|p| !p.trim().is_empty())
        .filter_map(|p| {
            Some((
                compile_cue_pattern(&phrase_regex(p))?,
                Some(p.chars().filter(|c| !c.is_whitespace()).collect()),
            ))
        })
        .unzip();
    for re in raw.patterns.iter().filter_map(|p| compile_cue_pattern(p)) {
        regexes.push(re);
        literals.push(None);
    }
    if regexes.is_empty() {
        return None;
    }
    Some(Cue {
        kind: raw.kind,
        strong: raw.strength == Strength::Strong,
        weight: raw.weight.unwrap_or(1).max(1),
        types: raw.types,
        regexes,
        literals,
        anchor: raw.anchor,
        not_after: raw.not_after,
        reject_sentence: raw.reject_sentence,
        lead: raw.lead,
        after: raw.after,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_file_compiles_completely() {
        let raw: RawFile = toml::from_str(EMBEDDED).unwrap();
        for p in &raw.doc_number.patterns {
            Regex::new(p).unwrap();
        }
        for c in &raw.cue {
            for p in &c.patterns {
                Regex::new(p).unwrap_or_else(|e| panic!("{p}: {e}"));
            }
        }
        let c = config();
        assert!(c.titles.len() >= 11);
        assert_eq!(c.number_patterns.len(), raw.doc_number.patterns.len());
        assert_eq!(c.cues.len(), raw.cue.len());
    }

    #[test]
    fn phrases_tolerate_spaces() {
        let r = Regex::new(&phrase_regex("此致")).unwrap();
        assert!(r.is_match("此　致"));
        assert!(r.is_match("此 \n致"));
        assert!(!r.is_match("此外致"));
    }
}
