//! `anguan bench tagger`: cross-validated figures of the learned span layer
//! ([`anguan::extract::tagger`]) on ../shared/data/cail2021-theft-ie/dev.jsonl, and the weights
//! trained on all of it (`--train-out`).
//!
//! The only labelled data is the dev split, so every figure is cross-validated: k folds by line
//! index mod k (each sentence scored once, by a model that never saw it), and the even/odd split
//! (train on even lines, score odd ones). On the same folds in the same run it scores the rules
//! alone, the tagger on the text alone ("learned") and the tagger reading the rules' output too
//! ("stacked"), all through [`anguan::extract::tagger::merge`] as [`Tagger::refine`] does.
//! A fourth column is the alternative design, a keep/drop re-ranker of the rule spans
//! ([`rerank`]), trained and scored on the same folds. Training is deterministic (fixed seed and
//! epochs), so two runs print the same table.

mod rerank;

use std::collections::HashSet;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anguan::extract::Element;
use anguan::extract::tagger::labels::{LABELS, LAYERS};
use anguan::extract::tagger::train::{Interner, Options, Sentence, train};
use anguan::extract::tagger::{LabelSpan, Model, Tagger, features, label_of, merge};

use super::cail::{Count, gold_spans};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The CAIL2021 theft IE file (JSON Lines: id, context, entities).
    #[arg(long, default_value = "../shared/data/cail2021-theft-ie/dev.jsonl")]
    data: PathBuf,
    /// Number of cross-validation folds (by line index mod k).
    #[arg(long, default_value_t = 5)]
    folds: usize,
    /// Perceptron epochs.
    #[arg(long, default_value_t = 10)]
    epochs: usize,
    /// Drop features seen fewer times than this in the training lines.
    #[arg(long, default_value_t = 2)]
    min_count: u32,
    /// Weights below this magnitude are not written to the weights file.
    #[arg(long, default_value_t = 0.05)]
    prune: f32,
    /// Train the stacked model on every line and write its weights here
    /// (e.g. dictionaries/extract/tagger.tsv).
    #[arg(long)]
    train_out: Option<PathBuf>,
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

fn read_lines(data: &str, interner: &mut Interner) -> anyhow::Result<Vec<Line>> {
    let mut out = Vec::new();
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line)?;
        let text = v["context"].as_str().unwrap_or_default().to_string();
        let gold = gold_spans(&v);
        let rules = anguan::extract::extract_text(&text).elements;
        let base = features::base(&text);
        let rule_feats = features::rules(base.len(), &rules, &base);
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
    spans_of(&merge(&line.text, line.rules.clone(), &tagger.spans(&feats)))
}

/// One model per layer trained on `sentences`, passed through the weights file (pruned below
/// `prune`, two decimals) so that the figures are those of the file that would be shipped.
fn train_tagger(
    interner: &Interner,
    sentences: &[&Sentence],
    stacked: bool,
    opts: Options,
    prune: f32,
) -> anyhow::Result<Tagger> {
    let models = LAYERS.iter().map(|layer| train(interner, sentences, stacked, layer, opts)).collect();
    Ok(Tagger::load(Tagger::from_models(models).to_text(prune).as_bytes())?)
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

/// Rules, re-ranked rules, learned and stacked counts of one split: train on `train`, score
/// `test`.
fn run_split(
    lines: &[Line],
    interner: &Interner,
    train_on: &[usize],
    test: &[usize],
    (opts, prune): (Options, f32),
) -> anyhow::Result<[Counts; 4]> {
    let pick = |f: fn(&Line) -> &Sentence| -> Vec<&Sentence> {
        train_on.iter().filter_map(|&i| lines.get(i)).map(f).collect()
    };
    let learned = train_tagger(interner, &pick(|l| &l.text_only), false, opts, prune)?;
    let stacked = train_tagger(interner, &pick(|l| &l.stacked), true, opts, prune)?;
    let reranker = rerank::Reranker::train(
        &rerank_examples(train_on.iter().filter_map(|&i| lines.get(i))),
        opts.epochs,
        opts.seed,
    );
    let mut out = [[Count::default(); LABELS.len()]; 4];
    for line in test.iter().filter_map(|&i| lines.get(i)) {
        let rules = spans_of(&line.rules);
        score(&mut out[0], &line.gold, &rules);
        let chars: Vec<char> = line.text.chars().collect();
        let kept =
            rules.iter().filter(|s| reranker.keep(&rerank::features(&chars, **s, &rules))).copied().collect();
        score(&mut out[1], &line.gold, &kept);
        score(&mut out[2], &line.gold, &tagged(&learned, interner, line, &line.text_only));
        score(&mut out[3], &line.gold, &tagged(&stacked, interner, line, &line.stacked));
    }
    Ok(out)
}

fn print_table(title: &str, systems: &[Counts; 4]) {
    println!("\n{title}");
    let heads = ["rules P/R/F", "keep/drop P/R/F", "learned P/R/F", "stacked P/R/F"];
    println!("{:<7}{:>22}{:>22}{:>22}{:>22}", "", heads[0], heads[1], heads[2], heads[3]);
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
    let opts = Options { epochs: args.epochs, min_count: args.min_count, ..Options::default() };
    let t0 = Instant::now();
    let mut interner = Interner::default();
    let lines = read_lines(&data, &mut interner)?;
    println!(
        "{} sentences read, rules run and features built in {:.1} s; {} epochs, min count {}, seed {}",
        lines.len(),
        t0.elapsed().as_secs_f64(),
        opts.epochs,
        opts.min_count,
        opts.seed
    );
    let k = args.folds.max(2);
    let all: Vec<usize> = (0..lines.len()).collect();
    let mut cv = [[Count::default(); LABELS.len()]; 4];
    for fold in 0..k {
        let t = Instant::now();
        let (test, train_on): (Vec<usize>, Vec<usize>) = all.iter().partition(|&&i| i % k == fold);
        let r = run_split(&lines, &interner, &train_on, &test, (opts, args.prune))?;
        let f: Vec<String> = r.iter().map(|c| format!("{:.3}", micro(c).prf().2)).collect();
        println!(
            "fold {fold}: micro-F1 rules/keep-drop/learned/stacked {} ({:.1} s)",
            f.join(" / "),
            t.elapsed().as_secs_f64()
        );
        for (acc, c) in cv.iter_mut().zip(r) {
            for (a, x) in acc.iter_mut().zip(c) {
                a.add(x);
            }
        }
    }
    print_table(
        &format!("{k}-fold cross-validation (folds by line index mod {k}), all {} lines", lines.len()),
        &cv,
    );
    let (even, odd): (Vec<usize>, Vec<usize>) = all.iter().partition(|&&i| i % 2 == 0);
    print_table(
        "train on even lines, score odd lines",
        &run_split(&lines, &interner, &even, &odd, (opts, args.prune))?,
    );
    if let Some(out) = &args.train_out {
        let t = Instant::now();
        let refs: Vec<&Sentence> = lines.iter().map(|l| &l.stacked).collect();
        let models = LAYERS.iter().map(|layer| train(&interner, &refs, true, layer, opts)).collect();
        let tagger = Tagger::from_models(models);
        let text = tagger.to_text(args.prune);
        let header = format!(
            "# anguan tagger weights (stacked), trained on all {} lines of cail2021-theft-ie/dev.jsonl by\n\
             # `anguan bench tagger --train-out {}` ({} epochs, min count {}, seed {}, prune {}).\n",
            lines.len(),
            out.display(),
            opts.epochs,
            opts.min_count,
            opts.seed,
            args.prune
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
        check_refine(&back, &interner, &lines);
    }
    Ok(ExitCode::SUCCESS)
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
