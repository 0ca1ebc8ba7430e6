//! The `anguan` command line: argument parsing and output only; every piece of logic lives in the
//! library (`anguan::…`). One file per subcommand under `cli/`.

mod cli;

use std::process::ExitCode;

use clap::Parser;

/// Log filter when `ANGUAN_LOG` is unset: warnings, but not lopdf's own reports of the damage it
/// works around in a broken PDF (the reader's error already says what is wrong with the file).
const DEFAULT_LOG: &str = "warn,lopdf=off";

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("ANGUAN_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(DEFAULT_LOG)),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let cli = cli::Cli::parse();
    match cli::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("anguan: {e:#}");
            ExitCode::from(2)
        }
    }
}
