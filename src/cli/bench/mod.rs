//! `anguan bench …`: throughput and quality figures over the bundled corpus and ../shared/data.
//! Benchmarks measure and print; they never fail on a slow machine. Each stage has its own file.

mod ingest;
mod search;

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
    /// Search: segmentation and indexing speed, index size, query latency, CJRC retrieval.
    Search(search::Args),
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.what {
        What::Ingest(a) => ingest::run(a),
        What::Search(a) => search::run(a),
    }
}
