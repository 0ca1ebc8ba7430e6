//! `anguan bench search`: the figures of issue 3 — segmentation speed with and without the legal
//! dictionary, indexing speed on 1 and 2 threads over a generated ≥100k-document collection
//! (recombined sentences of the 160 real judgments, written to a temporary folder, never
//! committed), index size ÷ text size, peak memory, query latency p50/p99 per query class
//! (tools/bench/queries.tsv), and CJRC question → paragraph MRR@10 / Recall@10.
//!
//! Each indexing run happens in a child process (`--index-only`) so its peak memory is its own.
//! SIGHAN F-scores and the Python jieba + Whoosh / BM25 comparisons are tools/bench/*.py.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anguan::index::{IndexOptions, SearchOptions, Searcher, update};
use anguan::segment::Segmenter;
use serde_json::{Value, json};

const QUERIES: &str = include_str!("../../../tools/bench/queries.tsv");

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Documents in the generated collection.
    #[arg(long, default_value_t = 100_000)]
    docs: usize,
    /// Write the generated collection here and keep it (default: a temporary folder).
    #[arg(long)]
    corpus: Option<PathBuf>,
    /// Only generate the collection (into --corpus) and stop.
    #[arg(long)]
    corpus_only: bool,
    /// Only index --corpus into --index with --threads and print JSON (used by the bench itself).
    #[arg(long)]
    index_only: bool,
    /// Only measure query latency on an existing --index.
    #[arg(long)]
    queries_only: bool,
    /// Only the CJRC retrieval figures.
    #[arg(long)]
    cjrc_only: bool,
    /// Only the segmentation speed.
    #[arg(long)]
    segment_only: bool,
    /// Index folder for --index-only / --queries-only.
    #[arg(long)]
    index: Option<PathBuf>,
    #[arg(long, default_value_t = 2)]
    threads: usize,
    /// Repetitions per query for latency.
    #[arg(long, default_value_t = 30)]
    reps: usize,
    /// Print JSON.
    #[arg(long)]
    json: bool,
    /// Index without the block cache (every clause segmented afresh): the generated collection
    /// recombines the sentences of 160 judgments, so it repeats far more clauses than real case
    /// files do, and the cache would flatter its figures.
    #[arg(long)]
    no_block_cache: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.no_block_cache {
        anguan::index::tokenizer::set_block_cache(false);
    }
    if args.index_only {
        let (corpus, index) = (need(&args.corpus, "--corpus")?, need(&args.index, "--index")?);
        println!("{}", index_run(&corpus, &index, args.threads)?);
        return Ok(ExitCode::SUCCESS);
    }
    if args.queries_only {
        let out = latency(&need(&args.index, "--index")?, args.reps)?;
        print(&json!({ "latency": out }), args.json);
        return Ok(ExitCode::SUCCESS);
    }
    let data =
        shared_data().ok_or_else(|| anyhow::anyhow!("../shared/data not found (set ANGUAN_SHARED_DATA)"))?;
    if args.cjrc_only {
        print(&json!({ "cjrc": cjrc(&data)? }), args.json);
        return Ok(ExitCode::SUCCESS);
    }
    let judgments = judgments(&data)?;
    if args.segment_only {
        print(&json!({ "segmentation": segmentation(&judgments) }), args.json);
        return Ok(ExitCode::SUCCESS);
    }
    let tmp = tempfile::tempdir()?;
    let corpus = args.corpus.clone().unwrap_or_else(|| tmp.path().join("corpus"));
    if args.corpus_only {
        let (docs, bytes) = generate(&judgments, args.docs, &corpus)?;
        print(&json!({ "corpus": corpus, "docs": docs, "text_bytes": bytes }), args.json);
        return Ok(ExitCode::SUCCESS);
    }
    let mut report = json!({ "segmentation": segmentation(&judgments) });
    eprintln!("segmentation done; generating {} documents…", args.docs);
    let (docs, bytes) = generate(&judgments, args.docs, &corpus)?;
    report["corpus"] = json!({ "docs": docs, "text_bytes": bytes });
    let exe = std::env::current_exe()?;
    let mut runs = Vec::new();
    for threads in [1, 2] {
        eprintln!("indexing on {threads} thread(s)…");
        let index = tmp.path().join(format!("index{threads}"));
        let out = std::process::Command::new(&exe)
            .args(["bench", "search", "--index-only", "--threads", &threads.to_string(), "--corpus"])
            .arg(&corpus)
            .arg("--index")
            .arg(&index)
            .args(args.no_block_cache.then_some("--no-block-cache"))
            .output()?;
        anyhow::ensure!(
            out.status.success(),
            "indexing run failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        runs.push(serde_json::from_slice::<Value>(&out.stdout)?);
        if threads == 1 {
            std::fs::remove_dir_all(&index)?;
        }
    }
    report["indexing"] = Value::Array(runs);
    eprintln!("query latency…");
    report["latency"] = latency(&tmp.path().join("index2"), args.reps)?;
    eprintln!("CJRC…");
    report["cjrc"] = cjrc(&data)?;
    print(&report, args.json);
    Ok(ExitCode::SUCCESS)
}

fn need(p: &Option<PathBuf>, name: &str) -> anyhow::Result<PathBuf> {
    p.clone().ok_or_else(|| anyhow::anyhow!("{name} is required here"))
}

fn print(v: &Value, json: bool) {
    if json {
        println!("{v}");
    } else {
        println!("{}", serde_json::to_string_pretty(v).unwrap_or_default());
    }
}

/// ../shared/data beside the checkout (or beside the worktrees' parent), or $ANGUAN_SHARED_DATA.
pub fn shared_data() -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    std::env::var_os("ANGUAN_SHARED_DATA")
        .map(PathBuf::from)
        .into_iter()
        .chain([cwd.join("../shared/data"), cwd.join("../../shared/data")])
        .find(|p| p.is_dir())
}

fn judgments(data: &Path) -> anyhow::Result<Vec<String>> {
    let raw = std::fs::read_to_string(data.join("judgments-lecardv2/test_query.json"))?;
    let mut out = Vec::new();
    for line in raw.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line)?;
        out.extend(v["query"].as_str().map(str::to_string));
    }
    Ok(out)
}

/// MB/s of precise-mode segmentation on the real judgments, with and without the legal
/// dictionary, on 1 and 2 threads.
fn segmentation(texts: &[String]) -> Value {
    let bytes: usize = texts.iter().map(String::len).sum();
    let plain = jieba_rs::Jieba::new();
    let legal = Segmenter::global();
    // MiB/s of wall time, and MiB per CPU second (per core).
    let measure = |threads: usize, f: &(dyn Fn(&str) -> usize + Sync)| -> Value {
        let started = Instant::now();
        let cpu = cpu_seconds();
        let mut rounds = 0usize;
        while started.elapsed() < Duration::from_secs(4) {
            std::thread::scope(|s| {
                for _ in 0..threads {
                    s.spawn(|| texts.iter().map(|t| f(t)).sum::<usize>());
                }
            });
            rounds += 1;
        }
        let mib = (bytes * rounds * threads) as f64 / 1_048_576.0;
        json!({ "wall_mib_s": mib / started.elapsed().as_secs_f64(), "mib_per_cpu_s": mib / (cpu_seconds() - cpu) })
    };
    let with_dict = |t: &str| legal.tokens(t).len();
    let without = |t: &str| plain.tokenize(t, jieba_rs::TokenizeMode::Default, true).len();
    json!({
        "load_average": load_average(),
        "text_bytes": bytes,
        "legal_dict_mib_s_1_thread": measure(1, &with_dict),
        "legal_dict_mib_s_2_threads": measure(2, &with_dict),
        "jieba_alone_mib_s_1_thread": measure(1, &without),
        "jieba_alone_mib_s_2_threads": measure(2, &without),
        "words_and_bigrams_analyzers_mib_s_1_thread": measure(1, &|t: &str| {
            anguan::index::tokenizer::words(t).len() + anguan::index::tokenizer::bigrams(t).len()
        }),
    })
}

/// xorshift64*: a small deterministic generator, so every run builds the same collection.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n.max(1)
    }
}

/// Write `n` documents (4 per case folder) recombined from the judgments' sentences: the opening
/// sentences of one judgment, random sentences of all, the closing sentence of one, as long as a
/// random real judgment. Returns documents and text bytes.
fn generate(texts: &[String], n: usize, dir: &Path) -> anyhow::Result<(usize, usize)> {
    let split = |t: &str| -> Vec<String> { t.split_inclusive('。').map(str::to_string).collect() };
    let per_doc: Vec<Vec<String>> = texts.iter().map(|t| split(t)).collect();
    let pool: Vec<&String> = per_doc.iter().flatten().collect();
    anyhow::ensure!(!pool.is_empty(), "no sentences in the judgments");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut bytes = 0;
    for i in 0..n {
        let case = dir.join(format!("c{:05}", i / 4));
        if i % 4 == 0 {
            std::fs::create_dir_all(&case)?;
        }
        let head = per_doc.get(rng.below(per_doc.len())).map(Vec::as_slice).unwrap_or_default();
        let tail = per_doc.get(rng.below(per_doc.len())).map(Vec::as_slice).unwrap_or_default();
        let target = texts.get(rng.below(texts.len())).map_or(3000, |t| t.chars().count()).min(12_000);
        let mut text: String = head.iter().take(2).map(String::as_str).collect();
        while text.chars().count() < target {
            if let Some(s) = pool.get(rng.below(pool.len())) {
                text.push_str(s);
            }
        }
        if let Some(last) = tail.last() {
            text.push_str(last);
        }
        bytes += text.len();
        std::fs::write(case.join(format!("d{i:06}.txt")), text)?;
    }
    Ok((n, bytes))
}

fn dir_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|es| es.filter_map(|e| e.ok()).filter_map(|e| e.metadata().ok()).map(|m| m.len()).sum())
        .unwrap_or(0)
}

/// CPU seconds (user + system) used by this process so far; the machine is shared, so throughput
/// per CPU second is the figure that does not depend on the other processes' load.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else { return f64::NAN };
    // Fields after the parenthesised command name: utime and stime are fields 14 and 15.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(f64::NAN);
    (ticks(11) + ticks(12)) / 100.0
}

/// Load average over the last minute (how busy the shared machine was).
fn load_average() -> Option<f64> {
    std::fs::read_to_string("/proc/loadavg").ok()?.split_whitespace().next()?.parse().ok()
}

/// Peak resident memory of this process (VmHWM), in MiB.
fn peak_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn index_run(corpus: &Path, index: &Path, threads: usize) -> anyhow::Result<Value> {
    // Writer heap per thread in MiB (experiments; default 128).
    let heap_mib: usize =
        std::env::var("ANGUAN_BENCH_HEAP_MIB").ok().and_then(|v| v.parse().ok()).unwrap_or(128);
    let opts =
        IndexOptions { threads, heap_bytes: threads * heap_mib * 1024 * 1024, ..IndexOptions::default() };
    let started = Instant::now();
    let cpu = cpu_seconds();
    let s = update(&[corpus.to_path_buf()], index, &opts)?;
    let secs = started.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu;
    let size = dir_bytes(index);
    let segments = tantivy::Index::open_in_dir(index)?.searchable_segment_metas()?.len();
    Ok(json!({
        "block_cache": anguan::index::tokenizer::block_cache(),
        "segments": segments,
        "heap_mib_per_thread": heap_mib,
        "threads": threads,
        "docs": s.added,
        "errors": s.errors.len(),
        "seconds": secs,
        "docs_per_s": s.added as f64 / secs,
        "mib_per_s": s.text_bytes as f64 / secs / 1_048_576.0,
        "cpu_seconds": cpu,
        "mib_per_cpu_s": s.text_bytes as f64 / cpu / 1_048_576.0,
        "load_average": load_average(),
        "text_bytes": s.text_bytes,
        "index_bytes": size,
        "index_over_text": size as f64 / s.text_bytes.max(1) as f64,
        "peak_rss_mib": peak_mib(),
    }))
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(i).copied().unwrap_or(f64::NAN)
}

/// p50 / p99 in ms per query class, bare top-10 and highlighted top-10 (snippets and facets).
fn latency(index: &Path, reps: usize) -> anyhow::Result<Value> {
    let s = Searcher::open(index)?;
    let queries: Vec<(&str, &str)> = QUERIES
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
        .collect();
    let bare = SearchOptions { limit: 10, offset: 0, snippets: 0, facets: false };
    let full = SearchOptions { limit: 10, offset: 0, snippets: 3, facets: true };
    let mut classes: Vec<(String, SearchOptions)> = Vec::new();
    for class in ["term", "phrase", "boolean", "filtered"] {
        classes.push((class.to_string(), bare));
    }
    classes.push(("highlighted".to_string(), full));
    let mut out = serde_json::Map::new();
    let mut totals = serde_json::Map::new();
    // p50 of each query highlighted: which queries make the tail.
    let mut per_query = serde_json::Map::new();
    for (class, opts) in classes {
        let mut times = Vec::new();
        for (c, q) in &queries {
            if class != "highlighted" && *c != class {
                continue;
            }
            let hits = s.search(q, &opts)?; // warm-up
            totals.insert((*q).to_string(), json!(hits.total));
            let mut own = Vec::with_capacity(reps);
            for _ in 0..reps {
                let t = Instant::now();
                std::hint::black_box(s.search(q, &opts)?);
                own.push(t.elapsed().as_secs_f64() * 1000.0);
            }
            times.extend_from_slice(&own);
            if class == "highlighted" {
                own.sort_by(f64::total_cmp);
                per_query.insert((*q).to_string(), json!(percentile(&own, 0.5)));
            }
        }
        times.sort_by(f64::total_cmp);
        out.insert(class, json!({ "p50_ms": percentile(&times, 0.5), "p99_ms": percentile(&times, 0.99), "n": times.len() }));
    }
    out.insert("hits_per_query".into(), Value::Object(totals));
    out.insert("highlighted_p50_ms_per_query".into(), Value::Object(per_query));
    out.insert("docs".into(), json!(s.num_docs()));
    // Rankings whose bound-ranked candidates could not prove the exact top hits (see
    // anguan::index::rescore): each cost a full exact run.
    out.insert("rescoring_fallbacks".into(), json!(anguan::index::rescore::fallbacks()));
    out.insert("load_average".into(), json!(load_average()));
    Ok(Value::Object(out))
}

/// CJRC: each of the 6,000 questions searched (free text) over the 1,000 fact paragraphs; the
/// rank of its own paragraph gives MRR@10 and Recall@10.
pub fn cjrc(data: &Path) -> anyhow::Result<Value> {
    let mut paragraphs = Vec::new();
    let mut questions = Vec::new();
    for name in ["dev_ground_truth_criminal.json", "test_ground_truth_criminal.json"] {
        let v: Value =
            serde_json::from_str(&std::fs::read_to_string(data.join("cjrc-criminal").join(name))?)?;
        for item in v["data"].as_array().into_iter().flatten() {
            for p in item["paragraphs"].as_array().into_iter().flatten() {
                let id = paragraphs.len();
                paragraphs.push(p["context"].as_str().unwrap_or_default().to_string());
                for qa in p["qas"].as_array().into_iter().flatten() {
                    questions.push((id, qa["question"].as_str().unwrap_or_default().to_string()));
                }
            }
        }
    }
    let tmp = tempfile::tempdir()?;
    let col = tmp.path().join("col");
    for (i, p) in paragraphs.iter().enumerate() {
        let dir = col.join(format!("p{i:04}"));
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join("facts.txt"), p)?;
    }
    let index = tmp.path().join("index");
    update(&[col], &index, &IndexOptions::default())?;
    let s = Searcher::open(&index)?;
    let opts = SearchOptions { limit: 10, offset: 0, snippets: 0, facets: false };
    let (mut rr, mut found) = (0.0, 0usize);
    let started = Instant::now();
    for (id, q) in &questions {
        let want = format!("p{id:04}");
        let hits = s.search_text(q, &opts)?;
        if let Some(rank) = hits.hits.iter().position(|h| h.case == want) {
            rr += 1.0 / (rank as f64 + 1.0);
            found += 1;
        }
    }
    let n = questions.len().max(1) as f64;
    Ok(json!({
        "paragraphs": paragraphs.len(),
        "questions": questions.len(),
        "mrr_at_10": rr / n,
        "recall_at_10": found as f64 / n,
        "ms_per_question": started.elapsed().as_secs_f64() * 1000.0 / n,
    }))
}
