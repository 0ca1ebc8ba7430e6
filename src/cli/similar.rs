//! `anguan similar --file F | --text T --index PATH`: cases of the index ranked by likeness of
//! their facts (key terms of the facts section, charges) to a document or a text (spec §5).

use std::path::PathBuf;
use std::process::ExitCode;

use anguan::index::SearchOptions;
use anguan::index::Searcher;
use anguan::index::similar::Probe;

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("probe").required(true).args(["file", "text"])))]
pub struct Args {
    /// A document (DOCX, PDF, TXT) to find similar cases for.
    #[arg(long)]
    file: Option<PathBuf>,
    /// A text (e.g. a facts paragraph) to find similar cases for.
    #[arg(long)]
    text: Option<String>,
    /// The index folder.
    #[arg(long)]
    index: PathBuf,
    /// Cases to show.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Print spec §5 JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let searcher = Searcher::open(&args.index)?;
    let probe = match (&args.file, &args.text) {
        (Some(f), _) => Probe::from_file(f, &anguan::ingest::Limits::default())?,
        (None, Some(t)) => Probe::from_text(t),
        (None, None) => anyhow::bail!("give --file F or --text T"),
    };
    let opts = SearchOptions { limit: args.limit, snippets: 2, facets: false, ..SearchOptions::default() };
    let hits = searcher.similar(&probe, &opts)?;
    super::search::print_hits(&hits, args.json)?;
    Ok(ExitCode::SUCCESS)
}
