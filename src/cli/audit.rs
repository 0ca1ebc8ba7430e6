//! `anguan audit DIR... [--format json|csv|xlsx|html] [--out FILE]`: audit case folders, card
//! against documents (spec §3). Progress on stderr; the report on stdout or in `--out`. Exit code
//! 0 when every file was read, 1 when some were not (they are listed in the report's `errors`).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anguan::audit::{AuditOptions, RuleSet, audit_collection};
use anguan::card::{LoadedCard, csv::import_csv, xlsx::import_xlsx};
use anguan::ingest::collection::FileError;
use anguan::report::{self, Format};
use chrono::NaiveDate;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Case folders, or collections of case folders.
    #[arg(required = true)]
    dirs: Vec<PathBuf>,
    /// Report format.
    #[arg(long, value_enum, default_value = "json")]
    format: Format,
    /// Write the report to this file instead of stdout (required for xlsx on a terminal).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Bulk card export (CSV or XLSX, one row per person) to use instead of each folder's card.json;
    /// rows are matched to folders by the 案件 column or the 部门受案号.
    #[arg(long)]
    cards: Option<PathBuf>,
    /// Audit as of this date (YYYY-MM-DD) instead of today: pending deadlines, future dates.
    #[arg(long)]
    today: Option<NaiveDate>,
    /// Never show the progress bar.
    #[arg(long)]
    quiet: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let rules = RuleSet::load()?;
    let mut opts = AuditOptions {
        progress: !args.quiet && std::io::IsTerminal::is_terminal(&std::io::stderr()),
        ..Default::default()
    };
    if let Some(today) = args.today {
        opts.today = today;
    }
    let mut card_errors = Vec::new();
    if let Some(path) = &args.cards {
        let is_xlsx = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
        let imported = if is_xlsx { import_xlsx(path) } else { import_csv(path) }?;
        for e in &imported.errors {
            card_errors.push(FileError { file: e.file.clone(), error: e.to_string() });
        }
        for c in imported.cards {
            opts.cards.insert(c.key, LoadedCard { card: c.card, problems: c.problems });
        }
    }
    if args.format == Format::Xlsx
        && args.out.is_none()
        && std::io::IsTerminal::is_terminal(&std::io::stdout())
    {
        anyhow::bail!("an XLSX report is binary: give --out FILE or redirect stdout");
    }
    let mut findings = audit_collection(&args.dirs, &rules, &opts);
    findings.errors.extend(card_errors);
    let unread = findings.errors.len();
    match &args.out {
        Some(path) => {
            let mut file = std::io::BufWriter::new(std::fs::File::create(path)?);
            report::write(&findings, args.format, &mut file)?;
            file.flush()?;
        }
        None => {
            let mut out = std::io::stdout().lock();
            report::write(&findings, args.format, &mut out)?;
            out.flush()?;
        }
    }
    let total: usize = findings.cases.iter().map(|c| c.findings.len()).sum();
    eprintln!("{} cases audited, {} findings, {} unreadable files", findings.cases.len(), total, unread);
    Ok(if unread == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
