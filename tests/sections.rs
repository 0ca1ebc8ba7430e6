//! Document type, 文号 and sections on fictitious documents of every procuratorate type
//! (tests/fixtures/sections/*.txt) and on the 160 real judgments of
//! ../shared/data/judgments-lecardv2.

use std::path::{Path, PathBuf};

use anguan::ingest::{DocType, Document, Format, Section, SectionKind};
use anguan::span::CharIndex;

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sections").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The first `n` characters of a section.
fn head(text: &str, s: &Section, n: usize) -> String {
    CharIndex::new(text).slice(s.start, s.end).chars().take(n).collect()
}

fn starts(doc: &Document) -> Vec<(SectionKind, String)> {
    doc.sections.iter().map(|s| (s.kind, head(&doc.text, s, 12))).collect()
}

fn check_sections(doc: &Document) {
    let mut prev = 0;
    for s in &doc.sections {
        assert!(s.start >= prev && s.end > s.start && s.end <= doc.chars, "{:?} in {}", s, doc.file);
        prev = s.end;
    }
}

/// The real judgments: `../shared/data/judgments-lecardv2` beside the checkout (or beside the
/// folder of worktrees); `None` (and a message) when absent.
fn lecard() -> Option<PathBuf> {
    let base = Path::new(env!("CARGO_MANIFEST_DIR"));
    let found = ["../shared/data/judgments-lecardv2", "../../shared/data/judgments-lecardv2"]
        .iter()
        .map(|p| base.join(p).join("test_query.json"))
        .find(|p| p.is_file());
    if found.is_none() {
        eprintln!("SKIPPED: ../shared/data/judgments-lecardv2 is absent (real judgment test data)");
    }
    found
}

#[test]
fn lecard_judgments_facts_found() {
    let Some(path) = lecard() else { return };
    let data = std::fs::read_to_string(&path).unwrap();
    let dump = std::env::var_os("SECTIONS_DUMP").is_some();
    let (mut n, mut typed, mut numbered, mut facts, mut facts_at_cue, mut evidence) = (0, 0, 0, 0, 0, 0);
    let (mut reasoning_present, mut reasoning, mut completed) = (0, 0, 0);
    let facts_cues = ["经审理查明", "审理查明", "公诉机关指控", "检察院指控", "检察院起诉指控", "原判认定", "原审判决认定", "人民法院认定", "经本院审理查明", "公诉机关起诉指控", "经二审审理查明", "法院判决认定"];
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let id = v["id"].to_string();
        let text = v["query"].as_str().unwrap().to_string();
        let doc = Document::from_text(&format!("{id}.txt"), Format::Txt, text, 1);
        check_sections(&doc);
        n += 1;
        typed += usize::from(matches!(doc.doc_type, Some(DocType::Judgment | DocType::Ruling)));
        numbered += usize::from(doc.doc_number.is_some());
        if let Some(s) = doc.section(SectionKind::Facts) {
            facts += 1;
            let h = head(&doc.text, s, 40);
            // the facts start at a facts cue (allowing the place name before 人民检察院指控)
            if facts_cues.iter().any(|c| h.contains(c)) {
                facts_at_cue += 1;
            } else if dump {
                eprintln!("FACTS-OFF {id} {h}");
            }
        }
        evidence += usize::from(doc.section(SectionKind::Evidence).is_some());
        if doc.text.contains("本院认为") || doc.text.contains("判决理由") {
            reasoning_present += 1;
            reasoning += usize::from(doc.section(SectionKind::Reasoning).is_some());
        }
        // The same judgment completed with a (fictitious) reasoning, decision and signature: the
        // splitter must find them where they are and keep the facts.
        let tail = "本院认为，被告人某某的行为已构成犯罪，依法应予惩处。依照《中华人民共和国刑法》第六十七条第三款之规定，判决如下：被告人某某犯某某罪，判处有期徒刑一年。如不服本判决，可在接到判决书的第二日起十日内提出上诉。审判员　张某某　二〇二〇年一月二日　书记员　李某";
        let full = Document::from_text("full.txt", Format::Txt, format!("{}{tail}", doc.text), 1);
        check_sections(&full);
        let at = |k: SectionKind| full.section(k).map(|s| head(&full.text, s, 4));
        // (three judgments already end with a 判决理由 part, which then holds the tail's 本院认为)
        if matches!(at(SectionKind::Reasoning).as_deref(), Some("本院认为" | "判决理由"))
            && at(SectionKind::Decision).as_deref() == Some("依照《中")
            && at(SectionKind::Closing).as_deref() == Some("审判员　")
            && full.section(SectionKind::Facts).map(|s| s.start) == doc.section(SectionKind::Facts).map(|s| s.start)
        {
            completed += 1;
        } else if dump {
            eprintln!("INCOMPLETE {id} {:?}", starts(&full));
        }
        if dump {
            eprintln!("{id} {:?} {:?} {:?}", doc.doc_type, doc.doc_number.as_ref().map(|s| &s.text), starts(&doc));
        }
    }
    let pct = |a: usize, b: usize| if b == 0 { 100.0 } else { 100.0 * a as f64 / b as f64 };
    eprintln!(
        "lecardv2: {n} judgments; type {typed} ({:.1}%), 案号 {numbered} ({:.1}%), facts {facts} ({:.1}%), \
         facts starting at a facts cue {facts_at_cue}, evidence {evidence} ({:.1}%); reasoning cue \
         (本院认为/判决理由) present in {reasoning_present}, reasoning found in {reasoning}; completed with reasoning, decision and signature: all three found \
         and facts unchanged in {completed}",
        pct(typed, n),
        pct(numbered, n),
        pct(facts, n),
        pct(evidence, n)
    );
    assert_eq!(n, 160);
    assert!(pct(facts, n) >= 95.0, "facts found in {facts}/{n}");
    assert!(pct(facts_at_cue, facts) >= 95.0, "facts at a cue in {facts_at_cue}/{facts}");
    assert!(pct(typed, n) >= 95.0, "type in {typed}/{n}");
    // The texts stop before 本院认为 (LeCaRD queries are the judgment up to the reasoning), so
    // reasoning is measured where the text has it.
    assert!(pct(reasoning, reasoning_present) >= 95.0, "reasoning {reasoning}/{reasoning_present}");
    assert!(pct(completed, n) >= 95.0, "completed judgments split right in {completed}/{n}");
}
