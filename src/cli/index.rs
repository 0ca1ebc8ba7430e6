//! `anguan index` (not built yet).

use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Inputs.
    inputs: Vec<String>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args.inputs;
    super::not_yet("index")
}
