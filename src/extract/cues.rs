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
    /// Words after a name in a list of evidence (X出具的证明, X的证言): someone else.
    #[serde(default)]
    pub other_after: Vec<String>,
    /// Words after a role cue that jieba may tag as a name but are not one (被害人陈述).
    #[serde(default)]
    pub not_full_names: Vec<String>,
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
    /// Cues of amounts that are none of these (totals of a case, exchange rates, face values).
    #[serde(default)]
    pub other: Vec<String>,
    /// Words right after an amount that make it none of these (2元至10元面值不等).
    #[serde(default)]
    pub other_after: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct WordList {
    #[serde(default)]
    pub cues: Vec<String>,
    #[serde(default)]
    pub words: Vec<String>,
    #[serde(default)]
    pub stops: Vec<String>,
    /// Nouns that only say "things" (财物, 物品): a phrase naming nothing else is not marked.
    #[serde(default)]
    pub generic: Vec<String>,
    /// Leading words that are not part of the phrase (上述, 被害人, 该, 涉案 …).
    #[serde(default)]
    pub trim: Vec<String>,
    /// Words of putting a thing somewhere: "停放在该处的[X]" names a thing X.
    #[serde(default)]
    pub placed: Vec<String>,
    /// Lead-ins of a list of things (其中, 包内有, 追回): each listed item noun is then an item.
    #[serde(default)]
    pub list_leads: Vec<String>,
    /// What follows a container of the stolen thing rather than the thing (电瓶车[上], 轿车[车窗]).
    #[serde(default)]
    pub container_after: Vec<String>,
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
    /// What follows a place where someone is caught, not where a crime happens (被公安机关抓获).
    #[serde(default)]
    pub arrest_after: Vec<String>,
    /// Verbs before the locative word of a place goods or money went to (卖到, 转至).
    #[serde(default)]
    pub goods_verbs: Vec<String>,
    /// Words after which the rest of a place phrase is the place itself (被害人X位于[…]).
    #[serde(default)]
    pub restart: Vec<String>,
    /// Words of putting a thing somewhere (放在, 停放于): the spot after them is a place only when
    /// it holds a `named` character.
    #[serde(default)]
    pub weak_preps: Vec<String>,
    /// Words before a person whose home is then a place (窃得被害人X家中).
    #[serde(default)]
    pub home_before: Vec<String>,
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
