//! `anguan search QUERY --index PATH`: ranked hits with snippets and facet counts (spec §5 with
//! `--json`; highlights shown as 【…】 in the text output).

use std::path::PathBuf;
use std::process::ExitCode;

use anguan::index::{Hits, SearchOptions, Searcher};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The query: words, "phrases", AND / OR / NOT / -word, 类型:… 罪名:… 院:… 日期:A..B.
    query: String,
    /// The index folder.
    #[arg(long)]
    index: PathBuf,
    /// Hits to show.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Hits to skip (paging).
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// Print spec §5 JSON (schema anguan.hits/1, with facet counts).
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let searcher = Searcher::open(&args.index)?;
    let opts = SearchOptions { limit: args.limit, offset: args.offset, ..SearchOptions::default() };
    let hits = searcher.search(&args.query, &opts)?;
    print_hits(&hits, args.json)?;
    Ok(ExitCode::SUCCESS)
}

/// Print hits as JSON or as text (shared with `anguan similar`).
pub fn print_hits(hits: &Hits, json: bool) -> anyhow::Result<()> {
    if json {
        println!("{}", serde_json::to_string(hits)?);
        return Ok(());
    }
    println!("{} results ({} ms)", hits.total, hits.took_ms);
    for h in &hits.hits {
        println!("\n{}/{}  [{}]  {:.2}", h.case, h.file, h.doc_type.as_deref().unwrap_or("-"), h.score);
        for s in &h.snippets {
            let mut out = String::new();
            let mut marks = s.highlights.iter().flat_map(|[a, b]| [(*a, '【'), (*b, '】')]).peekable();
            for (i, c) in s.text.chars().enumerate() {
                while let Some((_, m)) = marks.next_if(|&(at, _)| at == i) {
                    out.push(m);
                }
                out.push(c);
            }
            out.extend(marks.map(|(_, m)| m));
            println!("  {out}");
        }
    }
    if let Some(f) = &hits.facets {
        let line = |name: &str, v: &[anguan::index::search::FacetCount]| {
            let items: Vec<String> = v.iter().take(8).map(|c| format!("{} {}", c.value, c.count)).collect();
            if !items.is_empty() {
                println!("{name}: {}", items.join(", "));
            }
        };
        println!();
        line("类型", &f.doc_type);
        line("罪名", &f.charge);
        line("年份", &f.year);
        line("院", &f.court);
    }
    Ok(())
}
