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

/// One mention of a name.
#[derive(Debug, Clone)]
struct Mention {
    start: usize,
    end: usize,
    name: String,
    /// Role given by a cue right before this mention.
    cue: Option<&'static str>,
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// A masked name starting at `i` (surname, 某, optional tail): its end. `short` holds the
/// two-character masked names (X某) seen elsewhere ending at a clear boundary: for those a
/// following character is only part of the name when the three-character form recurs.
fn masked_name_at(ctx: &Ctx<'_>, i: usize, short: &HashMap<String, (u32, u32)>) -> Option<usize> {
    let c = &ctx.chars;
    let pc = &ctx.cues.person;
    // Every form below has 某 one or two characters on, or 王*: skip the rest cheaply.
    if c.get(i + 1) != Some(&'某') && c.get(i + 2) != Some(&'某') && c.get(i + 1) != Some(&'*') {
        return None;
    }
    // "某区某废品站", "**区某某公司": a masked place, not a name (区 is also a surname).
    if i > 0
        && c.get(i - 1).is_some_and(|&p| p == '某' || p == '*')
        && c.get(i).is_some_and(|&x| "省市县区镇乡村路街号楼".contains(x))
    {
        return None;
    }
    // Surname: two characters (欧阳) or one.
    let two: String = c.get(i..i + 2)?.iter().collect();
    let double_mask =
        |k: usize| c.get(k) == Some(&'某') && c.get(k + 1).is_some_and(|&t| pc.mask_tails.contains(t));
    let sur_len = if ctx.cues.is_surname(&two) && c.get(i + 2) == Some(&'某') {
        2
    } else if ctx.cues.is_surname(&c.get(i)?.to_string()) && c.get(i + 1) == Some(&'某') {
        1
    } else if c
        .get(i)
        .is_some_and(|&x| is_han(x) && !pc.name_stops.contains(x) && !"省市县区镇乡村路街号楼某".contains(x))
        && double_mask(i + 1)
    {
        // 尼某某, 保某某: any character before a double mask is a name's first character.
        1
    } else if c.get(i).is_some_and(|&x| ctx.cues.is_surname(&x.to_string()))
        && c.get(i + 1) == Some(&'*')
        && (cue_before(ctx, i).is_some() || (i > 0 && c.get(i - 1) == Some(&'、')))
    {
        // 王**, 王*: masked with asterisks.
        let mut end = i + 1;
        while c.get(end) == Some(&'*') && end - i <= 3 {
            end += 1;
        }
        return Some(end);
    } else {
        return None;
    };
    let mou = i + sur_len;
    if pc.not_names.iter().any(|w| word_starting_at(c, mou, std::slice::from_ref(w)).is_some()) {
        return None;
    }
    let mut end = mou + 1;
    match c.get(end) {
        Some(&t) if pc.mask_tails.contains(t) => {
            end += 1;
            // 孙某某某: a third 某 is still the name (not 某日, 某处 …).
            if t == '某'
                && c.get(end) == Some(&'某')
                && word_starting_at(c, end, &pc.not_names).is_none()
                && c.get(end + 1) != Some(&'某')
            {
                end += 1;
            }
        }
        Some(&t)
            if is_han(t)
                && !pc.name_stops.contains(t)
                && !starts_stopword(ctx, end)
                && !c.get(end + 1).is_some_and(|&u| is_common_word(&format!("{t}{u}"))) =>
        {
            let two: String = c.get(i..end).map(|s| s.iter().collect()).unwrap_or_default();
            let three = format!("{two}{t}");
            let recurs = ctx.occurrences(&three) >= 2;
            if recurs || short.get(&two).is_none_or(|&(bare, _)| bare == 0) {
                end += 1;
            }
        }
        _ => {}
    }
    // 宗某125型, 戴某牌: a brand or model, not a person.
    let mut k = end;
    while c.get(k).is_some_and(|d| d.is_ascii_alphanumeric() || *d == '-') {
        k += 1;
    }
    if word_starting_at(c, k, &ctx.cues.person_extra.brand_after).is_some() {
        return None;
    }
    // A disambiguating digit: 熊某某1.
    if c.get(end).is_some_and(|d| d.is_ascii_digit())
        && !c.get(end + 1).is_some_and(|&d| d.is_ascii_digit() || "人名个次".contains(d))
    {
        end += 1;
    }
    Some(end)
}

/// A name masked whole (某某某, 某某甲, 某某) right after a role cue: its end.
fn fully_masked_at(ctx: &Ctx<'_>, i: usize) -> Option<usize> {
    let c = &ctx.chars;
    if c.get(i) != Some(&'某') || c.get(i + 1) != Some(&'某') || cue_before(ctx, i).is_none() {
        return None;
    }
    let mut end = i + 2;
    if c.get(end) == Some(&'某') {
        end += 1;
    }
    if word_starting_at(c, end - 1, &ctx.cues.person.not_names).is_some() {
        return None;
    }
    if c.get(end).is_some_and(|&t| t != '某' && ctx.cues.person.mask_tails.contains(t)) {
        end += 1;
    }
    Some(end)
}

/// Whether a word that cannot follow a name starts at `i` (a cue word or a theft verb).
fn starts_stopword(ctx: &Ctx<'_>, i: usize) -> bool {
    let pc = &ctx.cues.person;
    [&ctx.cues.theft.verbs, &pc.suspect, &pc.victim, &pc.other]
        .iter()
        .any(|l| word_starting_at(&ctx.chars, i, l).is_some())
}

/// A full (unmasked) name starting at `i`, right after a cue: 2–3 Han characters from a surname,
/// ending where jieba ends the word or at punctuation.
fn full_name_at(ctx: &Ctx<'_>, i: usize, word_ends: &[usize]) -> Option<usize> {
    let c = &ctx.chars;
    let first = *c.get(i)?;
    let two: String = c.get(i..i + 2)?.iter().collect();
    if !(ctx.cues.is_surname(&first.to_string()) || ctx.cues.is_surname(&two)) {
        return None;
    }
    let end = full_name_len(ctx, i, word_ends)?;
    if word_starting_at(c, i, &ctx.cues.person.not_full_names).is_some() {
        return None;
    }
    // "二被告人商议后": a name does not start with a common word (商议) of two characters.
    if end - i == 3 && is_common_word(&two) {
        return None;
    }
    if ctx.cues.person.ambiguous_surnames.contains(first) {
        let name: String = c.get(i..end)?.iter().collect();
        if ctx.occurrences(&name) < 2 {
            return None;
        }
    }
    Some(end)
}

fn full_name_len(ctx: &Ctx<'_>, i: usize, word_ends: &[usize]) -> Option<usize> {
    let c = &ctx.chars;
    // A two-character name when the third character cannot belong to a name (胡森犯…); else
    // three, or where jieba ends the word.
    // The name's last character must not start a word with the next one (被告人应适用 → no name).
    // (A character that cannot continue a name ends it whatever word it makes: 邓军安多次.)
    let splits_word = |end: usize| {
        end >= 1
            && !c.get(end).is_some_and(|&n| ctx.cues.person.name_stops.contains(n))
            && c.get(end - 1..end + 1).is_some_and(|w| is_common_word(&w.iter().collect::<String>()))
    };
    let ok = |end: usize| {
        !splits_word(end)
            && c.get(i..end).is_some_and(|s| s.iter().all(|&x| is_han(x)))
            && !is_common_word(&c[i..end].iter().collect::<String>())
    };
    for len in [2usize, 3] {
        let end = i + len;
        let next = c.get(end).copied();
        if ok(end)
            && next.is_none_or(|n| {
                !is_han(n) || ctx.cues.person.name_stops.contains(n) || starts_stopword(ctx, end)
            })
        {
            return Some(end);
        }
    }
    [3usize, 2].into_iter().map(|l| i + l).find(|&end| ok(end) && word_ends.binary_search(&end).is_ok())
}

/// Whether the jieba word `start..end` is an uncued full name acting at the start of a clause:
/// 2–3 Han characters from a surname, tagged as a person name, followed by an action word.
fn clause_actor_name(ctx: &Ctx<'_>, start: usize, end: usize) -> bool {
    let c = &ctx.chars;
    let pc = &ctx.cues.person;
    let Some(word) = c.get(start..end) else { return false };
    let opens = start == 0 || c.get(start - 1).is_some_and(|p| "，。；：,;:".contains(*p));
    if !opens || !(2..=3).contains(&word.len()) || word.iter().any(|&x| !is_han(x) || x == '某') {
        return false;
    }
    let first: String = word.iter().take(1).collect();
    let two: String = word.iter().take(2).collect();
    if !(ctx.cues.is_surname(&first) || (word.len() == 3 && ctx.cues.is_surname(&two))) {
        return false;
    }
    if word_starting_at(c, end, &pc.suspect_after).is_none()
        && word_starting_at(c, end, &pc.suspect_after_strong).is_none()
    {
        return false;
    }
    let w: String = word.iter().collect();
    if word_starting_at(c, start, &pc.not_full_names).is_some() || is_common_word(&w) {
        return false;
    }
    // 李母 is a relation; 由凌 (由 is also a preposition) only when the name recurs.
    if word.len() == 2 && word.get(1).is_some_and(|&k| ctx.cues.person_extra.kin_chars.contains(k)) {
        return false;
    }
    if word.first().is_some_and(|&f| pc.ambiguous_surnames.contains(f)) && ctx.occurrences(&w) < 2 {
        return false;
    }
    let tags = crate::segment::Segmenter::global().tag(&w);
    tags.len() == 1 && tags.first().is_some_and(|t| t.tag == "nr")
}

/// A nickname in quotes (“兵兵”) or a transliterated name with a middle dot (艾力·吐尔孙) at `i`.
fn special_name_at(ctx: &Ctx<'_>, i: usize) -> Option<usize> {
    let c = &ctx.chars;
    if matches!(c.get(i), Some('“' | '"')) {
        let close = (i + 2..(i + 10).min(c.len())).find(|&k| matches!(c.get(k), Some('”' | '"')))?;
        return c.get(i + 1..close).is_some_and(|s| s.iter().all(|&x| is_han(x))).then_some(close + 1);
    }
    let mut k = i;
    while c.get(k).is_some_and(|&x| is_han(x)) && k - i < 6 {
        k += 1;
    }
    if k == i || c.get(k) != Some(&'·') {
        return None;
    }
    let mut end = k + 1;
    while c.get(end).is_some_and(|&x| (is_han(x) && !ctx.cues.person.name_stops.contains(x)) || x == '·')
        && end - i < 16
        && !starts_stopword(ctx, end)
        && !c.get(end..end + 2).is_some_and(|w| "一二两三四五六七八九十".contains(w[0]) && w[1] == '人')
    {
        end += 1;
    }
    (end > k + 1).then_some(end)
}

/// A dictionary word that is not a person name (平时, 原则, 相互): jieba knows it with a non-name tag.
/// Answers are remembered per thread (the same few hundred words are asked about in every text).
fn is_common_word(w: &str) -> bool {
    thread_local! {
        static KNOWN: std::cell::RefCell<HashMap<String, bool>> = std::cell::RefCell::new(HashMap::new());
    }
    if let Some(known) = KNOWN.with(|k| k.borrow().get(w).copied()) {
        return known;
    }
    let answer = look_up_common_word(w);
    KNOWN.with(|k| {
        let mut k = k.borrow_mut();
        if k.len() >= 100_000 {
            k.clear();
        }
        k.insert(w.to_string(), answer);
    });
    answer
}

fn look_up_common_word(w: &str) -> bool {
    let seg = crate::segment::Segmenter::global();
    let tags = seg.tag(w);
    seg.jieba().has_word(w) && tags.len() == 1 && tags.first().is_some_and(|t| !t.tag.starts_with("nr"))
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
    let mut mentions: Vec<Mention> = Vec::new();
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
            && mentions.iter().any(|m| m.end == prev_end);
        if (cue.is_some() || listed)
            && !mentions.iter().any(|m| m.start <= i && i < m.end)
            && let Some(end) = special_name_at(ctx, i).or_else(|| full_name_at(ctx, i, &word_ends))
        {
            let inherited =
                if listed { mentions.iter().find(|m| m.end == prev_end).and_then(|m| m.cue) } else { None };
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
    mentions.sort_by_key(|m| m.start);
    // A name in a list of evidence ("X出具的证明", "X的证言") is someone else, unless cued elsewhere.
    for m in mentions.iter_mut().filter(|m| m.cue.is_none()) {
        if word_starting_at(c, m.end, &ctx.cues.person.other_after).is_some() {
            m.cue = Some("other");
        }
    }
    // Lists: "被告人A、B和C" — a mention right after a cued one inherits its cue.
    for k in 1..mentions.len() {
        if mentions[k].cue.is_none() {
            let prev_end = mentions[k - 1].end;
            let gap: String =
                c.get(prev_end..mentions[k].start).map(|s| s.iter().collect()).unwrap_or_default();
            if ["、", "和", "与", "及", ",", "，"].contains(&gap.as_str()) && gap != "，" && gap != ","
            {
                mentions[k].cue = mentions[k - 1].cue;
            }
        }
    }
    // A full name with no cue that opens a clause and acts ("…左右，计春鹤进入…"): jieba reads it as
    // one person-name word.
    for &(ws, we) in ctx.words() {
        if clause_actor_name(ctx, ws, we) && !mentions.iter().any(|m| m.start < we && ws < m.end) {
            mentions.push(Mention { start: ws, end: we, name: c[ws..we].iter().collect(), cue: None });
        }
    }
    mentions.sort_by_key(|m| m.start);
    // Full names found once are names everywhere: add their other mentions.
    let full: Vec<String> = mentions
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
                && !mentions.iter().any(|m| m.start < i + n.len() && i < m.end)
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
    let longer: Vec<String> =
        mentions.iter().filter(|m| !m.name.contains('某')).map(|m| m.name.clone()).collect();
    for m in &mut mentions {
        if let Some(l) = longer.iter().find(|l| l.len() > m.name.len() && l.starts_with(m.name.as_str())) {
            let n = l.chars().count();
            if c.get(m.start..m.start + n).is_some_and(|s| s.iter().copied().eq(l.chars())) {
                m.end = m.start + n;
                m.name = l.clone();
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
    for (name, (s, v)) in votes {
        // Without any vote: the actor when nobody else is, else someone else (witness, buyer).
        // A relative or friend named with nothing else to go by ("其女儿X已退赔"): someone else.
        let kin_only = mentions
            .iter()
            .filter(|m| m.name == name)
            .all(|m| word_ending_at(c, m.start, &ctx.cues.person_extra.kin_before).is_some());
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
