//! `anguan bench …`: throughput and quality figures over the bundled corpus and ../shared/data.
//! Benchmarks measure and print; they never fail on a slow machine. Each stage has its own file.

mod audit;
mod cail;
mod check;
mod extract;
mod ingest;
mod search;
mod tagger;
mod web;

use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(Debug, clap::Subcommand)]
enum What {
    /// Extraction throughput (MB/s per format) and PDF character error against poppler.
    Ingest(ingest::Args),
    /// Checklist throughput (documents/s, µs per element) and verdict counts.
    Check(check::Args),
    /// Element extraction: exact-span P/R/F1 on CAIL2021 theft sentences, and MB/s.
    Extract(extract::Args),
    /// Audit throughput (cases/s) on a ≥ 1,000-case collection copied from the corpus.
    Audit(audit::Args),
    /// Search: segmentation and indexing speed, index size, query latency, CJRC retrieval.
    Search(search::Args),
    /// Learned span layer: cross-validated P/R/F1 of rules, tagger and stacked; trains the weights.
    Tagger(tagger::Args),
    /// Web app: time to ready on the corpus, then 64 concurrent clients on loopback (errors, req/s, p50/p99).
    Web(web::Args),
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.what {
        What::Ingest(a) => ingest::run(a),
        What::Check(a) => check::run(a),
        What::Extract(a) => extract::run(a),
        What::Audit(a) => audit::run(a),
        What::Search(a) => search::run(a),
        What::Tagger(a) => tagger::run(a),
        What::Web(a) => web::run(a),
    }
}
