//! The cue words of the extractors, read once from `dictionaries/extract/cues.toml` and
//! `dictionaries/extract/surnames.txt` (embedded; overridable with `ANGUAN_DICTIONARIES`).
//!
//! A broken override file must not stop extraction: it is reported on stderr once and the
//! embedded copy is used instead.
//!
//! The extractors ask, at almost every character of a text, whether a cue word starts or ends
//! there ([`word_starting_at`], [`word_ending_at`]). The lists read from the file are [`Words`],
//! indexed by first and last character, so such a lookup only tries the few words that can match
//! at that position; a plain `[String]` (a list built on the spot) is scanned whole. Both give the
//! same answers.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
pub struct PersonCues {
    pub suspect: Words,
    pub victim: Words,
    pub other: Words,
    pub mask_tails: String,
    #[serde(default)]
    pub ambiguous_surnames: String,
    #[serde(default)]
    pub victim_after: Words,
    #[serde(default)]
    pub victim_before: Words,
    #[serde(default)]
    pub suspect_after: Words,
    #[serde(default)]
    pub suspect_after_strong: Words,
    #[serde(default)]
    pub suspect_before: Words,
    /// Role of a name no cue or neighbour decides when the text has a suspect: suspect or other.
    #[serde(default)]
    pub unvoted: String,
    pub not_names: Words,
    /// Words after a name in a list of evidence (X出具的证明, X的证言): someone else.
    #[serde(default)]
    pub other_after: Words,
    /// Words after a role cue that jieba may tag as a name but are not one (被害人陈述).
    #[serde(default)]
    pub not_full_names: Words,
    pub name_stops: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct TheftCues {
    pub verbs: Words,
    pub item_prefixes: Words,
}

#[derive(Debug, Default, Deserialize)]
pub struct AmountCues {
    pub gain: Words,
    pub value: Words,
    pub stolen_money: Words,
    pub fine: Words,
    /// Cues of amounts that are none of these (totals of a case, exchange rates, face values).
    #[serde(default)]
    pub other: Words,
    /// Words right after an amount that make it none of these (2元至10元面值不等).
    #[serde(default)]
    pub other_after: Words,
}

#[derive(Debug, Default, Deserialize)]
pub struct WordList {
    #[serde(default)]
    pub cues: Words,
    #[serde(default)]
    pub words: Words,
    #[serde(default)]
    pub stops: Words,
    /// Nouns that only say "things" (财物, 物品): a phrase naming nothing else is not marked.
    #[serde(default)]
    pub generic: Words,
    /// Leading words that are not part of the phrase (上述, 被害人, 该, 涉案 …).
    #[serde(default)]
    pub trim: Words,
    /// Words of putting a thing somewhere: "停放在该处的[X]" names a thing X.
    #[serde(default)]
    pub placed: Words,
    /// Lead-ins of a list of things (其中, 包内有, 追回): each listed item noun is then an item.
    #[serde(default)]
    pub list_leads: Words,
    /// What follows a container of the stolen thing rather than the thing (电瓶车[上], 轿车[车窗]).
    #[serde(default)]
    pub container_after: Words,
}

#[derive(Debug, Default, Deserialize)]
pub struct PlaceCues {
    pub preps: Words,
    pub stops: Words,
    pub marks: String,
    /// Characters of a named place (省市县区镇乡村街路…): a place of three characters or less
    /// needs one.
    #[serde(default)]
    pub named: String,
    /// What follows a place where someone is caught, not where a crime happens (被公安机关抓获).
    #[serde(default)]
    pub arrest_after: Words,
    /// Verbs before the locative word of a place goods or money went to (卖到, 转至).
    #[serde(default)]
    pub goods_verbs: Words,
    /// Words after which the rest of a place phrase is the place itself (被害人X位于[…]).
    #[serde(default)]
    pub restart: Words,
    /// Words of putting a thing somewhere (放在, 停放于): the spot after them is a place only when
    /// it holds a `named` character.
    #[serde(default)]
    pub weak_preps: Words,
    /// Words before a person whose home is then a place (窃得被害人X家中).
    #[serde(default)]
    pub home_before: Words,
}

#[derive(Debug, Default, Deserialize)]
pub struct OrgCues {
    pub suffixes: Words,
    pub whole: Words,
    pub trim: Words,
    /// Verb phrases that end a lead-in: the name starts after the last of them (现羁押于[XX看守所]).
    #[serde(default)]
    pub lead_ends: Words,
}

#[derive(Debug, Default, Deserialize)]
pub struct TimeCues {
    pub suffixes: Words,
    #[serde(default)]
    pub not_offence: Words,
}

#[derive(Debug, Default, Deserialize)]
pub struct IdentityCues {
    pub ethnicities: Words,
    pub education: Vec<(String, String)>,
    pub occupations: Words,
}

#[derive(Debug, Default, Deserialize)]
pub struct LegalCues {
    pub measures: Vec<(String, String)>,
    pub circumstances: Vec<(String, String)>,
    pub negations: String,
    #[serde(default)]
    pub negation_phrases: Words,
    /// Regex over the clause before a charge or sentence: a prior conviction.
    #[serde(default)]
    pub prior_before: String,
    /// Regex over the rest of the sentence after a sentence: a prior conviction (刑满释放).
    #[serde(default)]
    pub prior_after: String,
    /// What follows a charge a court judges (犯X罪，判处…).
    #[serde(default)]
    pub judged_after: Words,
}

#[derive(Debug, Default, Deserialize)]
pub struct PersonMoreCues {
    #[serde(default)]
    pub victim_after: Words,
    #[serde(default)]
    pub suspect_after: Words,
    #[serde(default)]
    pub victim_before: Words,
    #[serde(default)]
    pub buyer_before: Words,
}

/// `list` followed by the words of `more`.
fn joined(list: &Words, more: &Words) -> Words {
    Words::new(list.iter().chain(more.iter()).cloned().collect())
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
    #[serde(default)]
    pub scene_rules: super::scene::SceneRuleCues,
    #[serde(default)]
    pub person_extra: super::names::PersonExtraCues,
    #[serde(default)]
    pub amount_extra: super::money::AmountExtraCues,
    #[serde(default)]
    pub amounts: super::money::AmountMoreCues,
    /// 块 amounts, foreign money after the number, 上千元 (`[colloquial_amounts]`).
    #[serde(default)]
    pub colloquial_amounts: super::money::colloquial::ColloquialCues,
    /// Synonyms added to the person lists of the same names at load time (`[person_more]`).
    #[serde(default)]
    pub person_more: PersonMoreCues,
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
        let more = &cues.person_more;
        cues.person.victim_after = joined(&cues.person.victim_after, &more.victim_after);
        cues.person.suspect_after = joined(&cues.person.suspect_after, &more.suspect_after);
        cues.person.victim_before = joined(&cues.person.victim_before, &more.victim_before);
        cues.person_extra.buyer_before = joined(&cues.person_extra.buyer_before, &more.buyer_before);
        for list in
            [&mut cues.theft.verbs, &mut cues.person.suspect, &mut cues.person.victim, &mut cues.person.other]
        {
            list.sort_longest_first();
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

/// Linear scan: the longest word of `words` that ends exactly at `end`.
fn scan_ending_at<'w>(
    chars: &[char],
    end: usize,
    words: impl Iterator<Item = &'w String>,
) -> Option<&'w str> {
    words
        .filter_map(|w| match_ending_at(chars, end, w).map(|n| (n, w)))
        .max_by_key(|(n, _)| *n)
        .map(|(_, w)| w.as_str())
}

/// Linear scan: the longest word of `words` that starts exactly at `start`.
fn scan_starting_at<'w>(
    chars: &[char],
    start: usize,
    words: impl Iterator<Item = &'w String>,
) -> Option<&'w str> {
    words
        .filter_map(|w| match_starting_at(chars, start, w).map(|n| (n, w)))
        .max_by_key(|(n, _)| *n)
        .map(|(_, w)| w.as_str())
}

/// A list of words that can be looked up at a position of a text.
pub trait WordLookup {
    /// The longest word that ends exactly at char position `end` of `chars`.
    fn longest_ending_at(&self, chars: &[char], end: usize) -> Option<&str>;
    /// The longest word that starts exactly at char position `start` of `chars`.
    fn longest_starting_at(&self, chars: &[char], start: usize) -> Option<&str>;
}

impl WordLookup for [String] {
    fn longest_ending_at(&self, chars: &[char], end: usize) -> Option<&str> {
        scan_ending_at(chars, end, self.iter())
    }
    fn longest_starting_at(&self, chars: &[char], start: usize) -> Option<&str> {
        scan_starting_at(chars, start, self.iter())
    }
}

impl WordLookup for Vec<String> {
    fn longest_ending_at(&self, chars: &[char], end: usize) -> Option<&str> {
        self.as_slice().longest_ending_at(chars, end)
    }
    fn longest_starting_at(&self, chars: &[char], start: usize) -> Option<&str> {
        self.as_slice().longest_starting_at(chars, start)
    }
}

/// A cue list read from the dictionaries, indexed by first and by last character so that a
/// lookup at a position only tries the words that can match there (same answers as a scan of
/// the whole list). Reads as a `[String]` (in file order) everywhere else.
#[derive(Debug, Default, Clone)]
pub struct Words {
    list: Vec<String>,
    /// Positions in `list` of the words with a given first character, sorted by character.
    by_first: Vec<(char, Vec<usize>)>,
    /// Positions in `list` of the words with a given last character, sorted by character.
    by_last: Vec<(char, Vec<usize>)>,
    /// Positions of the empty words (they match anywhere, with length 0).
    empty: Vec<usize>,
}

impl Words {
    pub fn new(list: Vec<String>) -> Words {
        let mut words = Words { list, ..Words::default() };
        words.index();
        words
    }

    fn index(&mut self) {
        let group = |key: fn(&str) -> Option<char>, list: &[String]| {
            let mut keyed: Vec<(char, usize)> =
                list.iter().enumerate().filter_map(|(i, w)| key(w).map(|c| (c, i))).collect();
            keyed.sort();
            let mut out: Vec<(char, Vec<usize>)> = Vec::new();
            for (c, i) in keyed {
                match out.last_mut() {
                    Some((last, is)) if *last == c => is.push(i),
                    _ => out.push((c, vec![i])),
                }
            }
            out
        };
        self.by_first = group(|w| w.chars().next(), &self.list);
        self.by_last = group(|w| w.chars().next_back(), &self.list);
        self.empty = self.list.iter().enumerate().filter(|(_, w)| w.is_empty()).map(|(i, _)| i).collect();
    }

    /// Sorts the words longest first (stable), keeping the index right.
    pub fn sort_longest_first(&mut self) {
        self.list.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        self.index();
    }

    /// Whether any of the words occurs in `haystack` (what `words.iter().any(|w|
    /// haystack.contains(w))` answers): each character of the haystack tries only the words that
    /// start with it, instead of one substring search per word.
    pub fn any_in(&self, haystack: &str) -> bool {
        !self.empty.is_empty()
            || haystack.char_indices().any(|(b, ch)| {
                let rest = haystack.get(b..).unwrap_or("");
                self.candidates(&self.by_first, Some(ch)).any(|w| rest.starts_with(w.as_str()))
            })
    }

    /// The byte offset where the occurrence of a word in `haystack` that ends furthest right ends
    /// (the largest `haystack.rfind(w) + w.len()` over the words), found in one pass.
    pub fn last_end_in(&self, haystack: &str) -> Option<usize> {
        let mut last = (!self.empty.is_empty()).then_some(haystack.len());
        for (b, ch) in haystack.char_indices() {
            let rest = haystack.get(b..).unwrap_or("");
            for w in self.candidates(&self.by_first, Some(ch)).filter(|w| rest.starts_with(w.as_str())) {
                last = last.max(Some(b + w.len()));
            }
        }
        last
    }

    /// The words whose key character is `c`, then the empty words. (Which of two equal
    /// matches a lookup returns does not matter: they are the same word.)
    fn candidates<'a>(
        &'a self,
        table: &'a [(char, Vec<usize>)],
        c: Option<char>,
    ) -> impl Iterator<Item = &'a String> {
        let keyed = c
            .and_then(|c| table.binary_search_by_key(&c, |(k, _)| *k).ok())
            .and_then(|i| table.get(i))
            .map(|(_, is)| is.as_slice())
            .unwrap_or(&[]);
        keyed.iter().chain(&self.empty).filter_map(|&i| self.list.get(i))
    }
}

impl From<Vec<String>> for Words {
    fn from(list: Vec<String>) -> Words {
        Words::new(list)
    }
}

impl<'de> Deserialize<'de> for Words {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Words, D::Error> {
        Vec::<String>::deserialize(d).map(Words::new)
    }
}

impl std::ops::Deref for Words {
    type Target = [String];
    fn deref(&self) -> &[String] {
        &self.list
    }
}

impl WordLookup for Words {
    fn longest_ending_at(&self, chars: &[char], end: usize) -> Option<&str> {
        let last = end.checked_sub(1).and_then(|k| chars.get(k)).copied();
        scan_ending_at(chars, end, self.candidates(&self.by_last, last))
    }
    fn longest_starting_at(&self, chars: &[char], start: usize) -> Option<&str> {
        let first = chars.get(start).copied();
        scan_starting_at(chars, start, self.candidates(&self.by_first, first))
    }
}

/// The longest word of `words` that ends exactly at char position `end` of `chars`.
pub fn word_ending_at<'w, W: WordLookup + ?Sized>(
    chars: &[char],
    end: usize,
    words: &'w W,
) -> Option<&'w str> {
    words.longest_ending_at(chars, end)
}

/// The longest word of `words` that starts exactly at char position `start` of `chars`.
pub fn word_starting_at<'w, W: WordLookup + ?Sized>(
    chars: &[char],
    start: usize,
    words: &'w W,
) -> Option<&'w str> {
    words.longest_starting_at(chars, start)
}

impl<'a> IntoIterator for &'a Words {
    type Item = &'a String;
    type IntoIter = std::slice::Iter<'a, String>;
    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}

impl<T: WordLookup + ?Sized> WordLookup for &T {
    fn longest_ending_at(&self, chars: &[char], end: usize) -> Option<&str> {
        (**self).longest_ending_at(chars, end)
    }
    fn longest_starting_at(&self, chars: &[char], start: usize) -> Option<&str> {
        (**self).longest_starting_at(chars, start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexed_lookups_equal_a_scan_of_the_whole_list() {
        let list: Vec<String> =
            ["被告", "被告人", "被害人", "人", "告人", "被告人", "盗窃", "窃", "", "某某"]
                .map(String::from)
                .to_vec();
        let words = Words::new(list.clone());
        let chars: Vec<char> = "被告人张某某盗窃被害人李某某的手机，人".chars().collect();
        for i in 0..=chars.len() + 1 {
            assert_eq!(word_starting_at(&chars, i, &words), word_starting_at(&chars, i, &list), "start {i}");
            assert_eq!(word_ending_at(&chars, i, &words), word_ending_at(&chars, i, &list), "end {i}");
        }
        assert_eq!(word_starting_at(&chars, 0, &words), Some("被告人"));
        assert_eq!(word_ending_at(&chars, 8, &words), Some("盗窃"));
        // Without the empty word, a position where nothing matches gives nothing.
        let words = Words::new(list.into_iter().filter(|w| !w.is_empty()).collect());
        assert_eq!(word_starting_at(&chars, 3, &words), None);
        assert_eq!(word_ending_at(&chars, 0, &words), None);
    }

    proptest::proptest! {
        /// `any_in` and `last_end_in` answer what a search per word answers, on random words and
        /// texts over a small alphabet (so words occur, overlap and nest), with and without "".
        #[test]
        fn haystack_searches_equal_a_search_per_word(
            list in proptest::collection::vec("[被告人盗窃a1]{0,3}", 0..8),
            haystack in "[被告人盗窃a1，]{0,24}",
        ) {
            let words = Words::new(list.clone());
            let any = list.iter().any(|w| haystack.contains(w.as_str()));
            let last = list.iter().filter_map(|w| haystack.rfind(w.as_str()).map(|p| p + w.len())).max();
            proptest::prop_assert_eq!(words.any_in(&haystack), any);
            proptest::prop_assert_eq!(words.last_end_in(&haystack), last);
        }
    }

    #[test]
    fn sorting_longest_first_keeps_the_index_right() {
        let mut words = Words::new(["被告", "被告人", "犯罪嫌疑人"].map(String::from).to_vec());
        words.sort_longest_first();
        assert_eq!(words.first().map(String::as_str), Some("犯罪嫌疑人"));
        let chars: Vec<char> = "犯罪嫌疑人被告人".chars().collect();
        assert_eq!(word_starting_at(&chars, 0, &words), Some("犯罪嫌疑人"));
        assert_eq!(word_starting_at(&chars, 5, &words), Some("被告人"));
        assert_eq!(word_ending_at(&chars, 7, &words), Some("被告"));
    }
}
