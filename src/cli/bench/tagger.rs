//! `anguan bench tagger`: cross-validated figures of the learned span layer
//! ([`anguan::extract::tagger`]) on ../shared/data/cail2021-theft-ie/dev.jsonl, and the weights
//! trained on all of it (`--train-out`).
//!
//! The only labelled data is the dev split, so every figure is cross-validated: k folds by line
//! index mod k (each sentence scored once, by a model that never saw it), and the even/odd split
//! (train on even lines, score odd ones, every choice made on the even lines: [`protocol`]; the
//! rules were tuned on the even lines, so this is the one held-out figure). On the same folds in the same run it scores the rules
//! alone, the tagger on the text alone ("learned") and the tagger reading the rules' output too
//! ("stacked"), all through [`anguan::extract::tagger::merge`] as [`Tagger::refine`] does.
//! A fourth column is the alternative design, a keep/drop re-ranker of the rule spans
//! ([`rerank`]), trained and scored on the same folds; a fifth ("chosen") is the stacked tagger
//! keeping the rules' spans for the labels an inner cross-validation on the fold's training lines
//! prefers them for, as the shipped weights do. Training is deterministic (fixed seed and
//! epochs), so two runs print the same table.

mod protocol;
mod rerank;

use std::collections::HashSet;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anguan::extract::Element;
use anguan::extract::tagger::features::extra::{group_names, parse_groups};
use anguan::extract::tagger::labels::{LABELS, LAYERS, parse_sources, sources_text};
use anguan::extract::tagger::train::{Interner, Options, Sentence, train};
use anguan::extract::tagger::{LabelSpan, Model, Sources, Tagger, features, label_of, merge};

use super::cail::{Count, gold_spans};

/// The defaults (20 epochs, 3 restarts, min count 1, prune 1.0, no extra feature groups, every
/// label from the tagger) were chosen by the inner cross-validation on the even lines
/// (`--protocol inner`), never on the odd ones.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The CAIL2021 theft IE file (JSON Lines: id, context, entities).
    #[arg(long, default_value = "../shared/data/cail2021-theft-ie/dev.jsonl")]
    data: PathBuf,
    /// Number of cross-validation folds (by line index mod k).
    #[arg(long, default_value_t = 5)]
    folds: usize,
    /// Which figures: `kfold` (k-fold over all lines), `even-odd` (inner cross-validation on the
    /// even lines, then train even → score odd: the held-out figure), `inner` (only the inner
    /// cross-validation on the even lines, to compare settings without looking at the odd lines),
    /// `all` (kfold and even-odd), `none` (only --train-out).
    #[arg(long, value_enum, default_value_t = Protocol::All)]
    protocol: Protocol,
    /// Folds of the inner cross-validation that chooses the labels kept from the rules.
    #[arg(long, default_value_t = 5)]
    inner_folds: usize,
    /// Optional feature groups (comma-separated: shape, runs, cuedist, clause, rulectx; or none).
    #[arg(long, default_value = DEFAULT_GROUPS)]
    features: String,
    /// Keep the final perceptron weights instead of the averaged ones.
    #[arg(long)]
    no_average: bool,
    /// Trainings from zero with successive seeds whose weights are averaged.
    #[arg(long, default_value_t = 3)]
    restarts: usize,
    /// Where the shipped weights (`--train-out`) take each label's spans from: `tagger` (every
    /// label from the tagger), `auto` (the per-label choice of the inner cross-validation on the
    /// even lines) or a list such as `NCSM=rules,NO=fill`.
    #[arg(long, default_value = "tagger")]
    sources: String,
    /// Perceptron epochs.
    #[arg(long, default_value_t = 20)]
    epochs: usize,
    /// Drop features seen fewer times than this in the training lines.
    #[arg(long, default_value_t = 1)]
    min_count: u32,
    /// Weights below this magnitude are not written to the weights file.
    #[arg(long, default_value_t = 1.0)]
    prune: f32,
    /// Train the stacked model on every line and write its weights here
    /// (e.g. dictionaries/extract/tagger.tsv).
    #[arg(long)]
    train_out: Option<PathBuf>,
}

/// The feature groups of the shipped weights, chosen by inner cross-validation on the even lines.
const DEFAULT_GROUPS: &str = "none";

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Protocol {
    All,
    Kfold,
    EvenOdd,
    Inner,
    None,
}

/// Training settings shared by every split.
pub struct Settings {
    opts: Options,
    prune: f32,
    inner: usize,
}

/// One labelled sentence with everything the three systems need.
struct Line {
    text: String,
    gold: HashSet<LabelSpan>,
    rules: Vec<Element>,
    text_only: Sentence,
    stacked: Sentence,
}

/// Per-label counts of one system.
type Counts = [Count; LABELS.len()];

fn score(counts: &mut Counts, gold: &HashSet<LabelSpan>, pred: &HashSet<LabelSpan>) {
    for g in gold {
        if let Some(c) = counts.get_mut(g.label) {
            if pred.contains(g) { c.tp += 1 } else { c.fn_ += 1 }
        }
    }
    for p in pred.difference(gold) {
        if let Some(c) = counts.get_mut(p.label) {
            c.fp += 1;
        }
    }
}

fn spans_of(elements: &[Element]) -> HashSet<LabelSpan> {
    elements
        .iter()
        .filter_map(|e| label_of(e).map(|label| LabelSpan { label, start: e.start, end: e.end }))
        .collect()
}

fn micro(c: &Counts) -> Count {
    let mut m = Count::default();
    c.iter().for_each(|x| m.add(*x));
    m
}

fn read_lines(data: &str, interner: &mut Interner, groups: u32) -> anyhow::Result<Vec<Line>> {
    let mut out = Vec::new();
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line)?;
        let text = v["context"].as_str().unwrap_or_default().to_string();
        let gold = gold_spans(&v);
        let rules = anguan::extract::extract_text(&text).elements;
        let base = features::base(&text, groups);
        let rule_feats = features::rules(base.len(), &rules, &base, groups);
        let mut spans: Vec<LabelSpan> = gold.iter().copied().collect();
        spans.sort();
        let base_ids = interner.intern(&base);
        let mut stacked_ids = base_ids.clone();
        for (s, r) in stacked_ids.iter_mut().zip(interner.intern(&rule_feats)) {
            s.extend(r);
        }
        out.push(Line {
            text,
            gold,
            rules,
            text_only: Sentence { features: base_ids, spans: spans.clone() },
            stacked: Sentence { features: stacked_ids, spans },
        });
    }
    Ok(out)
}

/// The tagger's elements for a line: [`Tagger::spans`] of its features merged into the rule
/// elements, as [`Tagger::refine`] does.
fn tagged(tagger: &Tagger, interner: &Interner, line: &Line, s: &Sentence) -> HashSet<LabelSpan> {
    let feats: Vec<Vec<&str>> =
        s.features.iter().map(|f| f.iter().filter_map(|&g| interner.name(g)).collect()).collect();
    spans_of(&merge(&line.text, line.rules.clone(), &tagger.spans(&feats), tagger.sources()))
}

/// One model per layer trained on `sentences`, passed through the weights file (pruned below
/// `prune`, two decimals) so that the figures are those of the file that would be shipped.
fn train_tagger(
    interner: &Interner,
    sentences: &[&Sentence],
    stacked: bool,
    settings: &Settings,
    sources: Sources,
) -> anyhow::Result<Tagger> {
    let models =
        LAYERS.iter().map(|layer| train(interner, sentences, stacked, layer, settings.opts)).collect();
    Ok(Tagger::load(Tagger::from_models(models, sources).to_text(settings.prune).as_bytes())?)
}

/// Keep/drop examples of the rule spans of some lines: features and whether the span is gold.
fn rerank_examples<'a>(lines: impl Iterator<Item = &'a Line>) -> Vec<(Vec<String>, bool)> {
    let mut out = Vec::new();
    for line in lines {
        let chars: Vec<char> = line.text.chars().collect();
        let spans = spans_of(&line.rules);
        let mut sorted: Vec<&LabelSpan> = spans.iter().collect();
        sorted.sort();
        for s in sorted {
            out.push((rerank::features(&chars, *s, &spans), line.gold.contains(s)));
        }
    }
    out
}

/// Rules, re-ranked rules, learned, stacked and chosen counts of one split: train on `train`,
/// score `test`; the chosen labels come from inner cross-validation within `train`.
fn run_split(
    lines: &[Line],
    interner: &Interner,
    train_on: &[usize],
    test: &[usize],
    settings: &Settings,
) -> anyhow::Result<[Counts; 5]> {
    let pick = |f: fn(&Line) -> &Sentence| -> Vec<&Sentence> {
        train_on.iter().filter_map(|&i| lines.get(i)).map(f).collect()
    };
    let learned = train_tagger(interner, &pick(|l| &l.text_only), false, settings, Sources::default())?;
    let stacked = train_tagger(interner, &pick(|l| &l.stacked), true, settings, Sources::default())?;
    let reranker = rerank::Reranker::train(
        &rerank_examples(train_on.iter().filter_map(|&i| lines.get(i))),
        settings.opts.epochs,
        settings.opts.seed,
    );
    let (sources, _) = protocol::choose(lines, interner, train_on, settings)?;
    let mut filled = [Count::default(); LABELS.len()];
    let mut out = [[Count::default(); LABELS.len()]; 5];
    for line in test.iter().filter_map(|&i| lines.get(i)) {
        let rules = spans_of(&line.rules);
        score(&mut out[0], &line.gold, &rules);
        let chars: Vec<char> = line.text.chars().collect();
        let kept =
            rules.iter().filter(|s| reranker.keep(&rerank::features(&chars, **s, &rules))).copied().collect();
        score(&mut out[1], &line.gold, &kept);
        score(&mut out[2], &line.gold, &tagged(&learned, interner, line, &line.text_only));
        let tagged = tagged(&stacked, interner, line, &line.stacked);
        score(&mut filled, &line.gold, &protocol::fill(&rules, &tagged));
        score(&mut out[3], &line.gold, &tagged);
    }
    out[4] = protocol::chosen(&[out[0], filled, out[3]], &sources);
    Ok(out)
}

fn print_table(title: &str, heads: &[&str], systems: &[Counts]) {
    println!("\n{title}");
    print!("{:<7}", "");
    heads.iter().for_each(|h| print!("{h:>22}"));
    println!();
    let cell = |c: Count| {
        let (p, r, f) = c.prf();
        format!("{p:.3}/{r:.3}/{f:.3}")
    };
    for (k, (label, _, _)) in LABELS.iter().enumerate() {
        print!("{label:<7}");
        for s in systems {
            print!("{:>22}", s.get(k).map(|c| cell(*c)).unwrap_or_default());
        }
        println!();
    }
    print!("{:<7}", "micro");
    for s in systems {
        print!("{:>22}", cell(micro(s)));
    }
    println!();
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let Ok(data) = std::fs::read_to_string(&args.data) else {
        eprintln!(
            "anguan bench tagger: {} not found (it lives in ../shared/data); nothing measured",
            args.data.display()
        );
        return Ok(ExitCode::SUCCESS);
    };
    let Some(groups) = parse_groups(&args.features) else {
        anyhow::bail!("--features {}: unknown group (shape, runs, cuedist, clause, rulectx)", args.features);
    };
    let opts = Options {
        epochs: args.epochs,
        min_count: args.min_count,
        average: !args.no_average,
        restarts: args.restarts,
        groups,
        ..Options::default()
    };
    let settings = Settings { opts, prune: args.prune, inner: args.inner_folds };
    let t0 = Instant::now();
    let mut interner = Interner::default();
    let lines = read_lines(&data, &mut interner, groups)?;
    println!(
        "{} sentences read, rules run and features built in {:.1} s; {} epochs, min count {}, seed {}, \
         prune {}, {} weights, feature groups {}",
        lines.len(),
        t0.elapsed().as_secs_f64(),
        opts.epochs,
        opts.min_count,
        opts.seed,
        args.prune,
        if opts.average { "averaged" } else { "final" },
        group_names(groups)
    );
    if matches!(args.protocol, Protocol::All | Protocol::Kfold) {
        kfold(&lines, &interner, &settings, args.folds.max(2))?;
    }
    let mut sources = None;
    if matches!(args.protocol, Protocol::All | Protocol::EvenOdd | Protocol::Inner) {
        let t = Instant::now();
        let score_odd = args.protocol != Protocol::Inner;
        sources = Some(protocol::even_odd(&lines, &interner, &settings, score_odd)?);
        println!("({:.1} s)", t.elapsed().as_secs_f64());
    }
    if let Some(out) = &args.train_out {
        let sources = match (args.sources.as_str(), sources) {
            ("auto", Some(s)) => s,
            ("auto", None) => {
                let even: Vec<usize> = (0..lines.len()).filter(|i| i % 2 == 0).collect();
                protocol::choose(&lines, &interner, &even, &settings)?.0
            }
            ("tagger", _) => Sources::default(),
            (list, _) => match parse_sources(list) {
                Some(s) => s,
                None => anyhow::bail!("--sources {list}: expected tagger, auto or NCSM=rules,NO=fill"),
            },
        };
        train_out(&lines, &interner, &settings, sources, out)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// k-fold cross-validation over all lines (folds by line index mod k): the five systems' table.
fn kfold(lines: &[Line], interner: &Interner, settings: &Settings, k: usize) -> anyhow::Result<()> {
    let mut cv = [[Count::default(); LABELS.len()]; 5];
    for fold in 0..k {
        let t = Instant::now();
        let (test, train_on): (Vec<usize>, Vec<usize>) = (0..lines.len()).partition(|&i| i % k == fold);
        let r = run_split(lines, interner, &train_on, &test, settings)?;
        let f: Vec<String> = r.iter().map(|c| format!("{:.3}", micro(c).prf().2)).collect();
        println!(
            "fold {fold}: micro-F1 rules/keep-drop/learned/stacked/chosen {} ({:.1} s)",
            f.join(" / "),
            t.elapsed().as_secs_f64()
        );
        for (acc, c) in cv.iter_mut().zip(r) {
            for (a, x) in acc.iter_mut().zip(c) {
                a.add(x);
            }
        }
    }
    let heads = ["rules P/R/F", "keep/drop P/R/F", "learned P/R/F", "stacked P/R/F", "chosen P/R/F"];
    print_table(
        &format!(
            "{k}-fold cross-validation (folds by line index mod {k}), all {} lines (not held out: \
             the rules were tuned on the even lines)",
            lines.len()
        ),
        &heads,
        &cv,
    );
    Ok(())
}

/// Train the stacked tagger on every line, with the labels' `sources`, and write its weights.
fn train_out(
    lines: &[Line],
    interner: &Interner,
    settings: &Settings,
    sources: Sources,
    out: &std::path::Path,
) -> anyhow::Result<()> {
    let t = Instant::now();
    let opts = settings.opts;
    let refs: Vec<&Sentence> = lines.iter().map(|l| &l.stacked).collect();
    let models = LAYERS.iter().map(|layer| train(interner, &refs, true, layer, opts)).collect();
    let tagger = Tagger::from_models(models, sources);
    let text = tagger.to_text(settings.prune);
    let header = format!(
        "# anguan tagger weights (stacked), trained on all {} lines of cail2021-theft-ie/dev.jsonl by\n\
         # `anguan bench tagger --train-out {}` ({} epochs, min count {}, seed {}, prune {}, {} weights,\n\
         # feature groups {}, restarts {}, sources {}).\n",
        lines.len(),
        out.display(),
        opts.epochs,
        opts.min_count,
        opts.seed,
        settings.prune,
        if opts.average { "averaged" } else { "final" },
        group_names(opts.groups),
        opts.restarts,
        if sources_text(&sources).is_empty() { "tagger".to_string() } else { sources_text(&sources) },
    );
    std::fs::write(out, format!("{header}{text}"))?;
    let back = Tagger::load(format!("{header}{text}").as_bytes())?;
    println!(
        "\nweights trained on all lines in {:.1} s: {} features ({} after pruning), {} bytes → {}",
        t.elapsed().as_secs_f64(),
        tagger.models().iter().map(Model::len).sum::<usize>(),
        back.models().iter().map(Model::len).sum::<usize>(),
        header.len() + text.len(),
        out.display()
    );
    check_refine(&back, interner, lines);
    Ok(())
}

/// [`Tagger::refine`] on the raw text must give what the bench scored (features interned once),
/// and its speed: print both. These lines were trained on, so no quality figure is printed.
fn check_refine(tagger: &Tagger, interner: &Interner, lines: &[Line]) {
    let t = Instant::now();
    for line in lines {
        let _ = tagger.features(&line.text, &line.rules);
    }
    let features_secs = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let refined: Vec<Vec<Element>> = lines.iter().map(|l| tagger.refine(&l.text, l.rules.clone())).collect();
    let secs = t.elapsed().as_secs_f64();
    let differ = lines
        .iter()
        .zip(&refined)
        .filter(|(line, r)| spans_of(r) != tagged(tagger, interner, line, &line.stacked))
        .count();
    let mb = lines.iter().map(|l| l.text.len()).sum::<usize>() as f64 / 1e6;
    println!(
        "Tagger::refine on the raw text: {differ} of {} lines differ from the bench's path; \
         {mb:.2} MB in {secs:.2} s: {:.2} MB/s excluding the rules (features alone {features_secs:.2} s)",
        lines.len(),
        mb / secs.max(1e-9)
    );
}
