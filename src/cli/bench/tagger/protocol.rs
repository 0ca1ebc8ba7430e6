//! The clean protocol (`--protocol even-odd`): every choice is made on the even lines only, by
//! inner cross-validation within them, and the odd lines are scored once.
//!
//! The rules were tuned on the even half of dev.jsonl, so "train on even, score odd" is the only
//! held-out figure. Within the even lines, `inner` folds (by position mod `inner`) train the
//! stacked tagger on the others and score the fold; summed over the folds this gives, for each
//! label, the F1 of the rules, of the tagger and of the rules filled by the tagger's spans that
//! overlap none of theirs ([`Source`]), each on lines the model did not see; each label takes the
//! best (ties: rules, then fill). Hyperparameters and feature groups
//! are compared on the same inner figure (`--protocol inner` prints it without scoring the odd
//! lines). Then the tagger is trained on all even lines and, with those labels kept from the rules,
//! scores the odd lines: the figure to cite.

use std::collections::HashSet;

use anguan::extract::tagger::labels::sources_text;
use anguan::extract::tagger::train::{Interner, Sentence};
use anguan::extract::tagger::{LabelSpan, Source, Sources};

use super::{Counts, Line, Settings, micro, print_table, score, spans_of, tagged, train_tagger};

/// The rules' spans, filled with those of `tagged` overlapping no rule span of their label.
pub fn fill(rules: &HashSet<LabelSpan>, tagged: &HashSet<LabelSpan>) -> HashSet<LabelSpan> {
    let free =
        |s: &&LabelSpan| !rules.iter().any(|r| r.label == s.label && r.start < s.end && s.start < r.end);
    rules.iter().chain(tagged.iter().filter(free)).copied().collect()
}

/// Counts of training on `train_on` and scoring `test`: the rules, the stacked tagger as
/// `sources` say (all from the tagger for the raw stacked column) and the rules filled by the
/// tagger (indexed like [`Source::ALL`]: rules, fill, tagger).
pub fn stacked_split(
    lines: &[Line],
    interner: &Interner,
    train_on: &[usize],
    test: &[usize],
    settings: &Settings,
    sources: Sources,
) -> anyhow::Result<[Counts; 3]> {
    let sents: Vec<&Sentence> = train_on.iter().filter_map(|&i| lines.get(i)).map(|l| &l.stacked).collect();
    let tagger = train_tagger(interner, &sents, true, settings, sources)?;
    let mut out = [Counts::default(); 3];
    for line in test.iter().filter_map(|&i| lines.get(i)) {
        let rules = spans_of(&line.rules);
        let tagged = tagged(&tagger, interner, line, &line.stacked);
        score(&mut out[0], &line.gold, &rules);
        score(&mut out[1], &line.gold, &fill(&rules, &tagged));
        score(&mut out[2], &line.gold, &tagged);
    }
    Ok(out)
}

/// Each label's source, chosen by `settings.inner`-fold cross-validation within `train_on` (folds
/// by position mod k), and the inner counts of the rules, the filled rules and the stacked tagger.
pub fn choose(
    lines: &[Line],
    interner: &Interner,
    train_on: &[usize],
    settings: &Settings,
) -> anyhow::Result<(Sources, [Counts; 3])> {
    let k = settings.inner.max(2);
    let mut acc = [Counts::default(); 3];
    for fold in 0..k {
        let part = |in_fold: bool| -> Vec<usize> {
            train_on.iter().enumerate().filter(|(j, _)| (j % k == fold) == in_fold).map(|(_, &i)| i).collect()
        };
        let (test, rest) = (part(true), part(false));
        let r = stacked_split(lines, interner, &rest, &test, settings, Sources::default())?;
        for (a, c) in acc.iter_mut().zip(r) {
            for (x, y) in a.iter_mut().zip(c) {
                x.add(y);
            }
        }
    }
    let mut sources = Sources::default();
    for (l, slot) in sources.iter_mut().enumerate() {
        let f = |c: &Counts| c.get(l).map_or(0.0, |x| x.prf().2);
        let mut best = (f(&acc[0]), Source::Rules);
        for (k, src) in Source::ALL.iter().enumerate().skip(1) {
            if acc.get(k).is_some_and(|c| f(c) > best.0) {
                best = (acc.get(k).map_or(0.0, f), *src);
            }
        }
        *slot = best.1;
    }
    Ok((sources, acc))
}

/// Per label, the counts of its source (`systems` indexed like [`Source::ALL`]).
pub fn chosen(systems: &[Counts; 3], sources: &Sources) -> Counts {
    let mut out = Counts::default();
    for (l, (o, src)) in out.iter_mut().zip(sources).enumerate() {
        let k = Source::ALL.iter().position(|s| s == src).unwrap_or(2);
        if let Some(c) = systems.get(k).and_then(|c| c.get(l)) {
            *o = *c;
        }
    }
    out
}

fn names(sources: &Sources) -> String {
    let t = sources_text(sources);
    if t.is_empty() { "all from the tagger".to_string() } else { t }
}

/// The even/odd protocol: inner cross-validation on the even lines (printed), and, when
/// `score_odd`, the tagger trained on all even lines scored on the odd ones. Returns the sources.
pub fn even_odd(
    lines: &[Line],
    interner: &Interner,
    settings: &Settings,
    score_odd: bool,
) -> anyhow::Result<Sources> {
    let (even, odd): (Vec<usize>, Vec<usize>) = (0..lines.len()).partition(|&i| i % 2 == 0);
    let (sources, inner) = choose(lines, interner, &even, settings)?;
    let heads = ["rules P/R/F", "rules+fill P/R/F", "stacked P/R/F", "chosen P/R/F"];
    let chosen_inner = chosen(&inner, &sources);
    print_table(
        &format!(
            "inner {}-fold cross-validation within the {} even lines; sources chosen: {}",
            settings.inner.max(2),
            even.len(),
            names(&sources)
        ),
        &heads,
        &[inner[0], inner[1], inner[2], chosen_inner],
    );
    println!(
        "inner micro-F1: chosen {:.4}, stacked {:.4}, rules {:.4}",
        micro(&chosen_inner).prf().2,
        micro(&inner[2]).prf().2,
        micro(&inner[0]).prf().2
    );
    if score_odd {
        let raw = stacked_split(lines, interner, &even, &odd, settings, Sources::default())?;
        let kept = stacked_split(lines, interner, &even, &odd, settings, sources)?;
        print_table(
            &format!(
                "HELD OUT: train on the {} even lines, score the {} odd lines (sources: {})",
                even.len(),
                odd.len(),
                names(&sources)
            ),
            &heads,
            &[raw[0], raw[1], raw[2], kept[2]],
        );
        let line = |name: &str, c: &Counts| {
            let m = micro(c);
            let (p, r, f) = m.prf();
            println!(
                "  {name:<24} micro P/R/F1 {p:.4}/{r:.4}/{f:.4} (tp {}, fp {}, fn {})",
                m.tp, m.fp, m.fn_
            );
        };
        println!("held-out micro, four decimals:");
        line("rules", &raw[0]);
        line("stacked (all tagger)", &raw[2]);
        line("chosen sources", &kept[2]);
    }
    Ok(sources)
}
