//! `anguan serve`: open (and on first start fill) the data folder, then serve the web app and JSON
//! API until Ctrl-C. Progress goes to stderr; the "ready" line to stdout.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use anguan::web::{self, AppState, Phase, ServeOptions};
use indicatif::{ProgressBar, ProgressStyle};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The data folder (cases, index); created when absent.
    #[arg(long, default_value = "data")]
    data: PathBuf,
    /// Collection imported when the data folder holds no case yet.
    #[arg(long, default_value = "corpus")]
    corpus: PathBuf,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Allow a non-loopback address (the app has no users or roles yet).
    #[arg(long)]
    allow_remote: bool,
    /// Largest upload, in MB.
    #[arg(long, default_value_t = 50)]
    max_upload_mb: usize,
}

/// Open the state with a progress bar on stderr.
pub fn open_state(
    data: &std::path::Path,
    corpus: &std::path::Path,
    opts: ServeOptions,
) -> anyhow::Result<AppState> {
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{prefix:>8} [{bar:30}] {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    let mut progress = |phase: Phase<'_>| match phase {
        Phase::Import { done, total, case } => {
            bar.set_prefix("导入");
            bar.set_length(total as u64);
            bar.set_position(done as u64);
            bar.set_message(case.to_string());
        }
        Phase::Index => {
            bar.set_prefix("建立索引");
            bar.set_message("…");
        }
        Phase::Analyse { done, total, case } => {
            bar.set_prefix("分析");
            bar.set_length(total as u64);
            bar.set_position(done as u64);
            bar.set_message(case.to_string());
        }
    };
    let state = AppState::open(data, Some(corpus), opts, &mut progress)?;
    bar.finish_and_clear();
    Ok(state)
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    web::check_bind(args.addr, args.allow_remote)?;
    let started = Instant::now();
    let opts =
        ServeOptions { max_upload_bytes: args.max_upload_mb.max(1) * 1024 * 1024, ..ServeOptions::default() };
    let state = Arc::new(open_state(&args.data, &args.corpus, opts)?);
    let summary = &state.index_summary;
    for e in &summary.errors {
        eprintln!("{}: {}", e.file, e.error);
    }
    let snap = state.snapshot();
    let (n_cases, n_docs) = (snap.cases.len(), snap.documents());
    drop(snap);
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.addr).await?;
        let addr = listener.local_addr()?;
        println!(
            "ready: http://{addr} ({n_cases} cases, {n_docs} documents, took {:.1} s)",
            started.elapsed().as_secs_f64()
        );
        axum::serve(listener, web::router(state)).with_graceful_shutdown(shutdown()).await?;
        eprintln!("stopped");
        anyhow::Ok(ExitCode::SUCCESS)
    })
}

/// Ctrl-C or SIGTERM: stop accepting, finish requests in flight (an upload commits or not at all).
async fn shutdown() {
    let term = async {
        #[cfg(unix)]
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
            return;
        }
        std::future::pending::<()>().await
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term => {}
    }
}
