//! Persons and their roles.
//!
//! Names are found two ways: masked names (张某某, 李某甲, 王某, 熊某某1, 欧阳某某) by a surname
//! followed by 某, and full names (黄正保) as the word right after a role cue (被告人, 被害人,
//! 伙同 …) or listed after such a name with 、/和. Each distinct name gets one role for the whole
//! text: an explicit cue decides (犯罪嫌疑人/被告人 → suspect, 被害人 → victim, 证人/民警 → other);
//! otherwise the mentions vote from their neighbours — a theft verb or 从/趁 just before, or
//! 家/的 just after, points to a victim; a name opening a clause and followed by an action points
//! to a suspect. Every mention of the name is then reported with that role. A name right after a
//! kinship word (其女儿X) that nothing else decides is someone else; a buyer (销赃给X) is a suspect.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::json;

mod spot;

use spot::{
    clause_actor_name, full_name_at, fully_masked_at, is_han, masked_name_at, special_name_at,
    starts_stopword,
};

use super::cues::{Words, word_ending_at, word_starting_at};
use super::{Ctx, Element};

/// The rulespa block of cues.toml: more person cues (`[person_extra]`).
#[derive(Debug, Default, Deserialize)]
pub struct PersonExtraCues {
    #[serde(default)]
    pub kin_before: Words,
    #[serde(default)]
    pub buyer_before: Words,
    #[serde(default)]
    pub brand_after: Words,
    #[serde(default)]
    pub kin_chars: String,
}

/// Distinct full names, sorted, each with the order of its first mention: the names that extend
/// a given one (谢明有 of 谢明) are then a contiguous run, found by binary search.
struct Longer(Vec<(String, usize)>);

impl Longer {
    fn new<'a>(names: impl Iterator<Item = &'a str>) -> Longer {
        let mut first: HashMap<&str, usize> = HashMap::new();
        for (i, n) in names.enumerate() {
            first.entry(n).or_insert(i);
        }
        let mut v: Vec<(String, usize)> = first.into_iter().map(|(n, i)| (n.to_string(), i)).collect();
        v.sort();
        Longer(v)
    }

    /// The longer name starting with `name` that was mentioned first, if any.
    fn first_extending(&self, name: &str) -> Option<String> {
        let from = self.0.partition_point(|(n, _)| n.as_str() < name);
        let run = self.0.get(from..)?.iter().take_while(|(n, _)| n.starts_with(name));
        run.filter(|(n, _)| n.len() > name.len()).min_by_key(|(_, i)| *i).map(|(n, _)| n.clone())
    }
}

/// One mention of a name.
#[derive(Debug, Clone)]
struct Mention {
    start: usize,
    end: usize,
    name: String,
    /// Role given by a cue right before this mention.
    cue: Option<&'static str>,
}

/// The mentions found so far, with the positions they cover and where they end, so that "is this
/// position taken" and "which mention ends here" need no scan of the list (a text listing
/// thousands of names would make that quadratic).
struct Mentions {
    list: Vec<Mention>,
    covered: Vec<bool>,
    /// End position → the first mention pushed that ends there (an index into `list`).
    ends: HashMap<usize, usize>,
}

impl Mentions {
    fn new(chars: usize) -> Mentions {
        Mentions { list: Vec::new(), covered: vec![false; chars], ends: HashMap::new() }
    }

    fn push(&mut self, m: Mention) {
        self.covered.iter_mut().take(m.end).skip(m.start).for_each(|c| *c = true);
        self.ends.entry(m.end).or_insert(self.list.len());
        self.list.push(m);
    }

    /// Whether a mention covers any position of `start..end`.
    fn covers(&self, start: usize, end: usize) -> bool {
        self.covered.get(start..end.min(self.covered.len())).is_some_and(|s| s.contains(&true))
    }

    /// The first mention pushed that ends at `end` (valid until `list` is reordered).
    fn ending_at(&self, end: usize) -> Option<&Mention> {
        self.ends.get(&end).and_then(|&i| self.list.get(i))
    }
}

/// The role a cue word ending at `i` gives, if any.
fn cue_before(ctx: &Ctx<'_>, i: usize) -> Option<&'static str> {
    let pc = &ctx.cues.person;
    let c = &ctx.chars;
    // Allow 被告人之一 / 被害人的 … no; only directly adjacent cues (or with 即/系 between).
    let lists = [(&pc.suspect, "suspect"), (&pc.victim, "victim"), (&pc.other, "other")];
    for (list, role) in lists {
        if let Some(w) = word_ending_at(c, i, list) {
            // A cue cut short by a longer one (被告 of 被告人) does not end here.
            let from = i - w.chars().count();
            let longer = lists
                .iter()
                .filter_map(|(l, _)| word_starting_at(c, from, l))
                .any(|l| l.chars().count() > w.chars().count());
            if !longer {
                return Some(role);
            }
        }
    }
    None
}

/// Votes from a mention's neighbours when no cue names its role.
fn context_vote(ctx: &Ctx<'_>, m: &Mention) -> Option<&'static str> {
    let c = &ctx.chars;
    let verbs = &ctx.cues.theft.verbs;
    let after: String =
        c.get(m.end..(m.end + 4).min(c.len())).map(|s| s.iter().collect()).unwrap_or_default();
    let before: String =
        c.get(m.start.saturating_sub(4)..m.start).map(|s| s.iter().collect()).unwrap_or_default();
    // Victim: "盗窃X的", "从X", "趁X不备", "X家", "X停放的"; suspect: "X伙同", "明知X销售", "X的亲属代其".
    let pc = &ctx.cues.person;
    let any_end = |l: &[String]| l.iter().any(|w| before.ends_with(w.as_str()));
    let any_start = |l: &[String]| l.iter().any(|w| after.starts_with(w.as_str()));
    // The agent of a passive theft ("被X盗窃") is the thief.
    let passive_agent = before.ends_with('被') && word_starting_at(c, m.end, verbs).is_some();
    let buyer = word_ending_at(c, m.start, &ctx.cues.person_extra.buyer_before).is_some();
    if passive_agent || buyer || any_start(&pc.suspect_after_strong) || any_end(&pc.suspect_before) {
        return Some("suspect");
    }
    if word_ending_at(c, m.start, verbs).is_some()
        || any_end(&pc.victim_before)
        || any_start(&pc.victim_after)
    {
        return Some("victim");
    }
    if any_start(&pc.suspect_after) {
        return Some("suspect");
    }
    if ["与", "和", "同", "及", "伙同", "、"].iter().any(|w| before.ends_with(w)) {
        return None; // Inherits from the list it belongs to.
    }
    None
}

/// Whether a name nothing else decides is a suspect (the CAIL annotators mark accomplices, buyers
/// and helpers as suspects) — configurable in cues.toml.
fn pc_default_suspect(ctx: &Ctx<'_>) -> bool {
    ctx.cues.person.unvoted == "suspect"
}

/// All person mentions with roles; `other` persons are included with role `other`.
pub fn find(ctx: &Ctx<'_>) -> Vec<Element> {
    let c = &ctx.chars;
    let mut word_ends: Vec<usize> = ctx.words().iter().map(|w| w.1).collect();
    word_ends.sort_unstable();
    // X某 at a clear boundary (punctuation, a stop character): counted per name.
    let mut short: HashMap<String, (u32, u32)> = HashMap::new();
    for (k, _) in c.iter().enumerate().filter(|(_, ch)| **ch == '某') {
        let Some(&after) = c.get(k + 1) else { continue };
        if k == 0 || ctx.cues.person.mask_tails.contains(after) {
            continue;
        }
        if !is_han(after) || ctx.cues.person.name_stops.contains(after) || starts_stopword(ctx, k + 1) {
            let two: String = c[k - 1..=k].iter().collect();
            short.entry(two).or_default().0 += 1;
        }
    }
    let mut mentions = Mentions::new(c.len());
    let mut i = 0;
    while i < c.len() {
        if let Some(end) = masked_name_at(ctx, i, &short).or_else(|| fully_masked_at(ctx, i)) {
            mentions.push(Mention {
                start: i,
                end,
                name: c[i..end].iter().collect(),
                cue: cue_before(ctx, i),
            });
            i = end;
            continue;
        }
        i += 1;
    }
    // Full names after a cue, or after a listed name ("被告人黄某某、李四").
    let mut i = 0;
    while i < c.len() {
        let cue = cue_before(ctx, i);
        // The name before the list mark, over a note in brackets ("胡某某（已判刑）、“兵兵”").
        let mut prev_end = i.saturating_sub(1);
        if i >= 2
            && matches!(c.get(i - 2), Some(')' | '）'))
            && let Some(k) =
                (i.saturating_sub(16)..i - 2).rev().find(|&k| matches!(c.get(k), Some('(' | '（')))
        {
            prev_end = k;
        }
        let listed = i > 0
            && matches!(c.get(i - 1), Some('、' | '和' | '与' | '及'))
            && mentions.ending_at(prev_end).is_some();
        if (cue.is_some() || listed)
            && !mentions.covers(i, i + 1)
            && let Some(end) = special_name_at(ctx, i).or_else(|| full_name_at(ctx, i, &word_ends))
        {
            let inherited = if listed { mentions.ending_at(prev_end).and_then(|m| m.cue) } else { None };
            mentions.push(Mention {
                start: i,
                end,
                name: c[i..end].iter().collect(),
                cue: cue.or(inherited),
            });
            i = end;
            continue;
        }
        i += 1;
    }
    mentions.list.sort_by_key(|m| m.start);
    // A name in a list of evidence ("X出具的证明", "X的证言") is someone else, unless cued elsewhere.
    for m in mentions.list.iter_mut().filter(|m| m.cue.is_none()) {
        if word_starting_at(c, m.end, &ctx.cues.person.other_after).is_some() {
            m.cue = Some("other");
        }
    }
    // Lists: "被告人A、B和C" — a mention right after a cued one inherits its cue.
    let list = &mut mentions.list;
    for k in 1..list.len() {
        if list[k].cue.is_none() {
            let prev_end = list[k - 1].end;
            let gap: String = c.get(prev_end..list[k].start).map(|s| s.iter().collect()).unwrap_or_default();
            if ["、", "和", "与", "及", ",", "，"].contains(&gap.as_str()) && gap != "，" && gap != ","
            {
                list[k].cue = list[k - 1].cue;
            }
        }
    }
    // A full name with no cue that opens a clause and acts ("…左右，计春鹤进入…"): jieba reads it as
    // one person-name word.
    for &(ws, we) in ctx.words() {
        if clause_actor_name(ctx, ws, we) && !mentions.covers(ws, we) {
            mentions.push(Mention { start: ws, end: we, name: c[ws..we].iter().collect(), cue: None });
        }
    }
    // Full names found once are names everywhere: add their other mentions.
    let full: Vec<String> = mentions
        .list
        .iter()
        .filter(|m| !m.name.contains('某'))
        .map(|m| m.name.clone())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    for name in full {
        let n: Vec<char> = name.chars().collect();
        let mut i = 0;
        while i + n.len() <= c.len() {
            if c.get(i) == n.first()
                && c.get(i..i + n.len()) == Some(&n[..])
                && !mentions.covers(i, i + n.len())
            {
                mentions.push(Mention {
                    start: i,
                    end: i + n.len(),
                    name: name.clone(),
                    // (A mention in a list of evidence, X的证言, is someone else here too.)
                    cue: cue_before(ctx, i).or_else(|| {
                        word_starting_at(c, i + n.len(), &ctx.cues.person.other_after).map(|_| "other")
                    }),
                });
                i += n.len();
            } else {
                i += 1;
            }
        }
    }
    let mut mentions = mentions.list;
    mentions.sort_by_key(|m| m.start);
    // A full name read one character too long where the text otherwise names the person with two
    // ("被告人姜峰行至…", 姜峰 elsewhere): the shorter, when the longer occurs once and the shorter
    // alone at least twice.
    let found: std::collections::BTreeSet<String> =
        mentions.iter().filter(|m| !m.name.contains('某')).map(|m| m.name.clone()).collect();
    for m in &mut mentions {
        if m.name.contains('某') || m.name.chars().count() != 3 {
            continue;
        }
        let short: String = m.name.chars().take(2).collect();
        // The longer once, the shorter alone at least twice (so at least three times in all).
        if found.contains(&short) && ctx.occurrences(&m.name) == 1 && ctx.occurrences(&short) >= 3 {
            m.end -= 1;
            m.name = short;
        }
    }
    // A full name cut short where another mention has it whole (谢明 / 谢明有): use the longer.
    let longer = Longer::new(mentions.iter().filter(|m| !m.name.contains('某')).map(|m| m.name.as_str()));
    for m in &mut mentions {
        if let Some(l) = longer.first_extending(&m.name) {
            let n = l.chars().count();
            if c.get(m.start..m.start + n).is_some_and(|s| s.iter().copied().eq(l.chars())) {
                m.end = m.start + n;
                m.name = l;
            }
        }
    }
    // One role per name: cues first, then context votes.
    let mut roles: HashMap<String, &'static str> = HashMap::new();
    for m in &mentions {
        if let Some(cue) = m.cue {
            let e = roles.entry(m.name.clone()).or_insert(cue);
            if *e == "other" && cue != "other" {
                *e = cue;
            }
        }
    }
    let mut votes: HashMap<String, (u32, u32)> = HashMap::new();
    for m in &mentions {
        if roles.contains_key(&m.name) {
            continue;
        }
        let v = votes.entry(m.name.clone()).or_default();
        match context_vote(ctx, m) {
            Some("suspect") => v.0 += 1,
            Some("victim") => v.1 += 1,
            _ => {}
        }
    }
    // Names listed together ("趁王某甲、李某某、王某乙睡着之际", "X、Y被盗") share their votes;
    // a cued name in the list gives its role to the others.
    let mut k = 0;
    while k < mentions.len() {
        let mut j = k;
        while j + 1 < mentions.len() {
            let gap: String =
                c.get(mentions[j].end..mentions[j + 1].start).map(|s| s.iter().collect()).unwrap_or_default();
            if !["、", "和", "及", "与"].contains(&gap.as_str()) {
                break;
            }
            j += 1;
        }
        if j > k {
            let group: Vec<String> = mentions[k..=j].iter().map(|m| m.name.clone()).collect();
            let cued = group.iter().find_map(|n| roles.get(n).copied());
            let total = group.iter().filter_map(|n| votes.get(n)).fold((0, 0), |a, v| (a.0 + v.0, a.1 + v.1));
            for n in &group {
                if let Some(v) = votes.get_mut(n) {
                    *v = match cued {
                        Some("suspect") => (1, 0),
                        Some("victim") => (0, 1),
                        _ => total,
                    };
                }
            }
        }
        k = j + 1;
    }
    let has_suspect = roles.values().any(|r| *r == "suspect");
    // Names whose every mention follows a kinship word ("其女儿X").
    let mut kin: HashMap<&str, bool> = HashMap::new();
    for m in &mentions {
        let after_kin = word_ending_at(c, m.start, &ctx.cues.person_extra.kin_before).is_some();
        *kin.entry(m.name.as_str()).or_insert(true) &= after_kin;
    }
    for (name, (s, v)) in votes {
        // Without any vote: the actor when nobody else is, else someone else (witness, buyer).
        // A relative or friend named with nothing else to go by ("其女儿X已退赔"): someone else.
        let kin_only = kin.get(name.as_str()).copied().unwrap_or(true);
        let role = if s > v {
            "suspect"
        } else if v > s {
            "victim"
        } else if kin_only || (has_suspect && !pc_default_suspect(ctx)) {
            "other"
        } else {
            "suspect"
        };
        roles.insert(name, role);
    }
    mentions
        .iter()
        .map(|m| {
            let role = roles.get(&m.name).copied().unwrap_or("other");
            ctx.element("person", Some(role), m.start, m.end, json!(m.name))
        })
        .collect()
}
