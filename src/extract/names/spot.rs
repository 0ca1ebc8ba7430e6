//! Where a name starts and ends: the scanners [`super::find`] runs at each position — masked names
//! (张某某, 王**, 某某甲), full names after a cue, nicknames in quotes and transliterated names
//! with a middle dot, and a full name acting at the start of a clause — and the word tests they
//! share.

use std::collections::HashMap;

use super::cue_before;
use crate::extract::Ctx;
use crate::extract::cues::word_starting_at;

pub(super) fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// A masked name starting at `i` (surname, 某, optional tail): its end. `short` holds the
/// two-character masked names (X某) seen elsewhere ending at a clear boundary: for those a
/// following character is only part of the name when the three-character form recurs.
pub(super) fn masked_name_at(ctx: &Ctx<'_>, i: usize, short: &HashMap<String, (u32, u32)>) -> Option<usize> {
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
pub(super) fn fully_masked_at(ctx: &Ctx<'_>, i: usize) -> Option<usize> {
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
pub(super) fn starts_stopword(ctx: &Ctx<'_>, i: usize) -> bool {
    let pc = &ctx.cues.person;
    [&ctx.cues.theft.verbs, &pc.suspect, &pc.victim, &pc.other]
        .iter()
        .any(|l| word_starting_at(&ctx.chars, i, l).is_some())
}

/// A full (unmasked) name starting at `i`, right after a cue: 2–3 Han characters from a surname,
/// ending where jieba ends the word or at punctuation.
pub(super) fn full_name_at(ctx: &Ctx<'_>, i: usize, word_ends: &[usize]) -> Option<usize> {
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
pub(super) fn clause_actor_name(ctx: &Ctx<'_>, start: usize, end: usize) -> bool {
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
pub(super) fn special_name_at(ctx: &Ctx<'_>, i: usize) -> Option<usize> {
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
pub(super) fn is_common_word(w: &str) -> bool {
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
