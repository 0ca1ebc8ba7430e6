//! `anguan bench web`: time to ready of a first start on the corpus, then a load test of the JSON
//! API on loopback — N concurrent keep-alive clients (plain HTTP/1.1 over `TcpStream`, one thread
//! each) issuing a mix of search and case requests for a fixed time against a server started in
//! process on 127.0.0.1:0. Prints errors (must be 0), throughput and latency percentiles.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anguan::web::{self, AppState, ServeOptions};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Collection served (imported into a fresh temporary data folder).
    #[arg(long, default_value = "corpus")]
    corpus: PathBuf,
    /// Seconds of load.
    #[arg(long, default_value_t = 60)]
    seconds: u64,
    /// Concurrent clients.
    #[arg(long, default_value_t = 64)]
    clients: usize,
}

const QUERIES: &[&str] = &[
    "盗窃",
    "醉酒 驾驶",
    "\"取保候审\"",
    "诈骗 OR 帮助",
    "类型:起诉书 被告人",
    "罪名:盗窃罪 手机",
    "认罪认罚",
];

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// The request mix: half searches, half case pages (list, case, document).
fn request_mix(state: &AppState) -> Vec<String> {
    let mut paths: Vec<String> = QUERIES.iter().map(|q| format!("/api/search?q={}", enc(q))).collect();
    paths.push("/api/cases".into());
    let snap = state.snapshot();
    for c in snap.cases.values() {
        paths.push(format!("/api/cases/{}", enc(&c.key)));
        if let Some(d) = c.documents.first() {
            paths.push(format!("/api/cases/{}/documents/{}", enc(&c.key), enc(&d.doc.file)));
        }
    }
    paths
}

/// One GET on a keep-alive connection: the status, or an I/O error.
fn get(conn: &mut BufReader<TcpStream>, path: &str) -> std::io::Result<u16> {
    write!(conn.get_mut(), "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")?;
    let mut line = String::new();
    conn.read_line(&mut line)?;
    let status = line.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let mut length = None;
    loop {
        line.clear();
        if conn.read_line(&mut line)? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((k, v)) = l.split_once(':')
            && k.eq_ignore_ascii_case("content-length")
        {
            length = v.trim().parse::<usize>().ok();
        }
    }
    let length = length.ok_or_else(|| std::io::Error::other("no content-length"))?;
    let mut body = vec![0; length];
    conn.read_exact(&mut body)?;
    Ok(status)
}

fn connect(addr: SocketAddr) -> std::io::Result<BufReader<TcpStream>> {
    let s = TcpStream::connect(addr)?;
    s.set_nodelay(true)?;
    s.set_read_timeout(Some(Duration::from_secs(30)))?;
    Ok(BufReader::new(s))
}

/// One client: latencies in microseconds and the error count.
fn client(addr: SocketAddr, paths: &[String], seed: usize, until: Instant) -> (Vec<u32>, usize) {
    let mut lat = Vec::new();
    let mut errors = 0;
    let mut conn = None;
    let mut i = seed;
    while Instant::now() < until {
        i = i.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let path = &paths[(i >> 8) % paths.len()];
        let t = Instant::now();
        let c = match conn.take().map(Ok).unwrap_or_else(|| connect(addr)) {
            Ok(c) => conn.insert(c),
            Err(_) => {
                errors += 1;
                continue;
            }
        };
        match get(c, path) {
            Ok(200) => lat.push(t.elapsed().as_micros().min(u32::MAX as u128) as u32),
            Ok(_) => errors += 1,
            Err(_) => {
                errors += 1;
                conn = None;
            }
        }
    }
    (lat, errors)
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(idx).copied().unwrap_or(0) as f64 / 1000.0
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let data = tempfile::tempdir()?;
    let started = Instant::now();
    let state =
        Arc::new(AppState::open(data.path(), Some(&args.corpus), ServeOptions::default(), &mut |_| {})?);
    let ready = started.elapsed();
    let snap = state.snapshot();
    println!(
        "first start: ready in {:.2} s ({} cases, {} documents; import, index, analysis)",
        ready.as_secs_f64(),
        snap.cases.len(),
        snap.documents()
    );
    drop(snap);
    let paths = request_mix(&state);
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))?;
    let addr = listener.local_addr()?;
    let app = web::router(Arc::clone(&state));
    rt.spawn(async move { axum::serve(listener, app).await });

    let until = Instant::now() + Duration::from_secs(args.seconds);
    let t0 = Instant::now();
    let results: Vec<(Vec<u32>, usize)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..args.clients.max(1))
            .map(|k| {
                let paths = &paths;
                s.spawn(move || client(addr, paths, k * 7919 + 1, until))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_default()).collect()
    });
    let wall = t0.elapsed().as_secs_f64();
    let errors: usize = results.iter().map(|r| r.1).sum();
    let mut lat: Vec<u32> = results.into_iter().flat_map(|r| r.0).collect();
    lat.sort_unstable();
    println!(
        "load: {} clients, {:.0} s, {} requests ({} paths: searches, case lists, cases, documents)",
        args.clients,
        wall,
        lat.len() + errors,
        paths.len()
    );
    println!("errors: {errors}");
    println!("throughput: {:.0} requests/s", lat.len() as f64 / wall);
    println!(
        "latency: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        percentile(&lat, 0.5),
        percentile(&lat, 0.99),
        percentile(&lat, 1.0)
    );
    rt.shutdown_timeout(Duration::from_secs(1));
    Ok(if errors == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
