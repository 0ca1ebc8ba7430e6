//! Subcommands (spec §0). Each module holds one subcommand's arguments and a `run` that calls the
//! library and prints; machine output goes to stdout, progress and logs to stderr.

mod audit;
mod bench;
mod check;
mod extract;
mod index;
mod ingest;
mod search;
mod segment;
mod serve;
mod similar;
mod text;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// 案管 anguan: review and audit Chinese procuratorate case files.
#[derive(Debug, Parser)]
#[command(name = "anguan", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract a document's text (with --json: type, 文号, chars, pages, sections).
    Text(text::Args),
    /// Read case folders or collections and summarise every document and error.
    Ingest(ingest::Args),
    /// Segment text with the legal dictionary, one output line per input line.
    Segment(segment::Args),
    /// Legal elements of documents (spec §4).
    Extract(extract::Args),
    /// Build or update a search index over case folders.
    Index(index::Args),
    /// Search an index.
    Search(search::Args),
    /// Cases similar to a document or a text.
    Similar(similar::Args),
    /// A document's checklist verdicts.
    Check(check::Args),
    /// Audit a collection of case folders: card against documents.
    Audit(audit::Args),
    /// Serve the web app and JSON API.
    Serve(serve::Args),
    /// Benchmarks over the bundled corpus and ../shared/data.
    Bench(bench::Args),
}

/// Run a parsed command line; the exit code says whether every input was read.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Text(a) => text::run(a),
        Command::Ingest(a) => ingest::run(a),
        Command::Segment(a) => segment::run(a),
        Command::Extract(a) => extract::run(a),
        Command::Index(a) => index::run(a),
        Command::Search(a) => search::run(a),
        Command::Similar(a) => similar::run(a),
        Command::Check(a) => check::run(a),
        Command::Audit(a) => audit::run(a),
        Command::Serve(a) => serve::run(a),
        Command::Bench(a) => bench::run(a),
    }
}
