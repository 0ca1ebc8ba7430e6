//! `anguan check FILE... [--json] [--packs DIR] [--issues]`: each document's checklist verdicts, as
//! text or as spec §6 JSON (`anguan.checklist/1`). Unreadable files are reported on stderr and make
//! the exit code 1; the other documents are still checked.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anguan::checklist::{self, ChecklistReport, DocumentChecklist, Packs, Verdict};
use anguan::ingest::{self, Limits};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Documents to check (DOCX, PDF, TXT).
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Print spec §6 JSON instead of text.
    #[arg(long)]
    json: bool,
    /// Load the checklist packs from this folder instead of the embedded ones.
    #[arg(long, value_name = "DIR")]
    packs: Option<PathBuf>,
    /// Text output: list only required elements that are missing and contradicted elements.
    #[arg(long)]
    issues: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let packs = match &args.packs {
        Some(dir) => Packs::load_dir(dir)?,
        None => Packs::load_embedded()?,
    };
    let limits = Limits::default();
    let mut documents = Vec::new();
    let mut failed = false;
    for path in &args.inputs {
        match check_file(path, &packs, &limits) {
            Ok(cl) => {
                if !args.json {
                    print_text(&cl, args.issues);
                }
                documents.push(cl);
            }
            Err(e) => {
                failed = true;
                eprintln!("anguan check: {}: {e}", path.display());
            }
        }
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&ChecklistReport::new(documents))?);
    }
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn check_file(path: &Path, packs: &Packs, limits: &Limits) -> Result<DocumentChecklist, ingest::IngestError> {
    let doc = ingest::read_file(path, limits)?;
    let ex = anguan::extract::extract_document(&doc);
    let mut cl = checklist::check_document(&doc, &ex, packs);
    cl.file = path.display().to_string();
    Ok(cl)
}

fn print_text(cl: &DocumentChecklist, only_issues: bool) {
    println!(
        "{}  类型：{}  罪名：{}  清单：{}",
        cl.file,
        cl.doc_type.as_deref().unwrap_or("未识别"),
        if cl.charges.is_empty() { "未识别".to_string() } else { cl.charges.join("、") },
        if cl.packs.is_empty() { "无".to_string() } else { cl.packs.join("、") },
    );
    for e in &cl.elements {
        let issue = e.verdict == Verdict::Contradicted || (e.required && e.verdict == Verdict::Missing);
        if only_issues && !issue {
            continue;
        }
        let mark = match e.verdict {
            Verdict::Supported => "具备",
            Verdict::Missing if e.required => "缺失",
            Verdict::Missing => "未见",
            Verdict::Contradicted => "矛盾",
        };
        let place = e.evidence.first().map(|s| format!(" [{}-{}]", s.start, s.end)).unwrap_or_default();
        println!(
            "  {mark}  {}  {}{}：{}{place}",
            e.id,
            e.name,
            if e.required { "（必备）" } else { "" },
            e.reason
        );
    }
    let (s, m, c) = cl.counts();
    let req_missing = cl.elements.iter().filter(|e| e.required && e.verdict == Verdict::Missing).count();
    println!("  合计：具备 {s}，未见 {m}（其中必备 {req_missing}），矛盾 {c}\n");
}
