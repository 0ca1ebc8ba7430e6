//! The cue words of the extractors, read once from `dictionaries/extract/cues.toml` and
//! `dictionaries/extract/surnames.txt` (embedded; overridable with `ANGUAN_DICTIONARIES`).
//!
//! A broken override file must not stop extraction: it is reported on stderr once and the
//! embedded copy is used instead.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
pub struct PersonCues {
    pub suspect: Vec<String>,
    pub victim: Vec<String>,
    pub other: Vec<String>,
    pub mask_tails: String,
    #[serde(default)]
    pub ambiguous_surnames: String,
    #[serde(default)]
    pub victim_after: Vec<String>,
    #[serde(default)]
    pub victim_before: Vec<String>,
    #[serde(default)]
    pub suspect_after: Vec<String>,
    #[serde(default)]
    pub suspect_after_strong: Vec<String>,
    #[serde(default)]
    pub suspect_before: Vec<String>,
    /// Role of a name no cue or neighbour decides when the text has a suspect: suspect or other.
    #[serde(default)]
    pub unvoted: String,
    pub not_names: Vec<String>,
    pub name_stops: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct TheftCues {
    pub verbs: Vec<String>,
    pub item_prefixes: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct AmountCues {
    pub gain: Vec<String>,
    pub value: Vec<String>,
    pub stolen_money: Vec<String>,
    pub fine: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct WordList {
    #[serde(default)]
    pub cues: Vec<String>,
    #[serde(default)]
    pub words: Vec<String>,
    #[serde(default)]
    pub stops: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct PlaceCues {
    pub preps: Vec<String>,
    pub stops: Vec<String>,
    pub marks: String,
    /// Characters of a named place (省市县区镇乡村街路…): a place of three characters or less
    /// needs one.
    #[serde(default)]
    pub named: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct OrgCues {
    pub suffixes: Vec<String>,
    pub whole: Vec<String>,
    pub trim: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct TimeCues {
    pub suffixes: Vec<String>,
    #[serde(default)]
    pub not_offence: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct IdentityCues {
    pub ethnicities: Vec<String>,
    pub education: Vec<(String, String)>,
    pub occupations: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct LegalCues {
    pub measures: Vec<(String, String)>,
    pub circumstances: Vec<(String, String)>,
    pub negations: String,
    #[serde(default)]
    pub negation_phrases: Vec<String>,
    /// Regex over the clause before a charge or sentence: a prior conviction.
    #[serde(default)]
    pub prior_before: String,
    /// Regex over the rest of the sentence after a sentence: a prior conviction (刑满释放).
    #[serde(default)]
    pub prior_after: String,
    /// What follows a charge a court judges (犯X罪，判处…).
    #[serde(default)]
    pub judged_after: Vec<String>,
}

/// All cue lists.
#[derive(Debug, Default, Deserialize)]
pub struct Cues {
    pub person: PersonCues,
    pub theft: TheftCues,
    pub amount: AmountCues,
    pub tool: WordList,
    pub item: WordList,
    pub place: PlaceCues,
    pub organization: OrgCues,
    pub time: TimeCues,
    pub identity: IdentityCues,
    pub legal: LegalCues,
    #[serde(skip)]
    pub surnames: HashSet<String>,
}

impl Cues {
    fn load() -> Cues {
        let parse = |s: &str| toml::from_str::<Cues>(s);
        let text = crate::dictionaries::text("extract/cues.toml").unwrap_or_default();
        let mut cues = match parse(&text) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("anguan: dictionaries/extract/cues.toml: {e}; using the built-in copy");
                parse(include_str!("../../dictionaries/extract/cues.toml")).unwrap_or_default()
            }
        };
        let names = crate::dictionaries::text("extract/surnames.txt").unwrap_or_default();
        cues.surnames = names
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .flat_map(str::split_whitespace)
            .map(String::from)
            .collect();
        for list in
            [&mut cues.theft.verbs, &mut cues.person.suspect, &mut cues.person.victim, &mut cues.person.other]
        {
            list.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        }
        cues
    }

    /// The process-wide cue lists.
    pub fn global() -> &'static Cues {
        static CUES: OnceLock<Cues> = OnceLock::new();
        CUES.get_or_init(Cues::load)
    }

    pub fn is_surname(&self, s: &str) -> bool {
        self.surnames.contains(s)
    }
}

/// The length in characters of `w` if it occurs in `chars` ending exactly at `end`.
fn match_ending_at(chars: &[char], end: usize, w: &str) -> Option<usize> {
    let mut k = end;
    for ch in w.chars().rev() {
        k = k.checked_sub(1)?;
        if chars.get(k) != Some(&ch) {
            return None;
        }
    }
    Some(end - k)
}

/// The length in characters of `w` if it occurs in `chars` starting exactly at `start`.
fn match_starting_at(chars: &[char], start: usize, w: &str) -> Option<usize> {
    let mut k = start;
    for ch in w.chars() {
        if chars.get(k) != Some(&ch) {
            return None;
        }
        k += 1;
    }
    Some(k - start)
}

/// The longest word of `words` that ends exactly at char position `end` of `chars`.
pub fn word_ending_at<'w>(chars: &[char], end: usize, words: &'w [String]) -> Option<&'w str> {
    words
        .iter()
        .filter_map(|w| match_ending_at(chars, end, w).map(|n| (n, w)))
        .max_by_key(|(n, _)| *n)
        .map(|(_, w)| w.as_str())
}

/// The longest word of `words` that starts exactly at char position `start` of `chars`.
pub fn word_starting_at<'w>(chars: &[char], start: usize, words: &'w [String]) -> Option<&'w str> {
    words
        .iter()
        .filter_map(|w| match_starting_at(chars, start, w).map(|n| (n, w)))
        .max_by_key(|(n, _)| *n)
        .map(|(_, w)| w.as_str())
}
