//! API tests of the web app, in process: the router over a temp data folder filled from a few
//! cases of the bundled corpus, called with tower's `oneshot`.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use anguan::ingest::collection::is_document_path;
use anguan::web::{AppState, ServeOptions, router};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::Value;
use tower::ServiceExt;

const CASES: &[&str] = &["2023-盗窃-001", "2023-盗窃-002", "2023-危险驾驶-001"];

struct App {
    state: Arc<AppState>,
    _dir: tempfile::TempDir,
}

fn app_with(max_upload_bytes: usize) -> App {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    for case in CASES {
        let to = corpus.join(case);
        std::fs::create_dir_all(&to).unwrap();
        for e in std::fs::read_dir(root.join(case)).unwrap() {
            let p = e.unwrap().path();
            std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
        }
    }
    let opts = ServeOptions { max_upload_bytes, ..ServeOptions::default() };
    let state = AppState::open(&dir.path().join("data"), Some(&corpus), opts, &mut |_| {}).unwrap();
    App { state: Arc::new(state), _dir: dir }
}

/// The app state over data folder `data`, with no collection to import into it.
fn open_data(data: &Path) -> Arc<AppState> {
    let none = data.with_file_name("none");
    Arc::new(AppState::open(data, Some(&none), ServeOptions::default(), &mut |_| {}).unwrap())
}

fn app() -> App {
    app_with(1024 * 1024)
}

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

async fn send(app: &App, req: Request<Body>) -> (StatusCode, Vec<u8>, String) {
    let res = router(Arc::clone(&app.state)).oneshot(req).await.unwrap();
    let status = res.status();
    let ctype =
        res.headers().get("content-type").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    let body = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap();
    (status, body.to_vec(), ctype)
}

async fn get(app: &App, uri: &str) -> (StatusCode, Value) {
    let (status, body, _) = send(app, Request::get(uri).body(Body::empty()).unwrap()).await;
    (status, serde_json::from_slice(&body).unwrap_or(Value::Null))
}

/// A multipart body: text fields, then files.
fn multipart(fields: &[(&str, &str)], files: &[(&str, &[u8])]) -> Request<Body> {
    let b = "XBOUNDARYx7";
    let mut body = Vec::new();
    for (name, value) in fields {
        write!(body, "--{b}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").unwrap();
    }
    for (file, data) in files {
        write!(
            body,
            "--{b}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{file}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .unwrap();
        body.extend_from_slice(data);
        body.extend_from_slice(b"\r\n");
    }
    write!(body, "--{b}--\r\n").unwrap();
    Request::post("/api/upload")
        .header("content-type", format!("multipart/form-data; boundary={b}"))
        .body(Body::from(body))
        .unwrap()
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut w = zip::ZipWriter::new(&mut buf);
    for (name, data) in entries {
        w.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap();
    buf.into_inner()
}

fn corpus_file(case: &str, file: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(case).join(file)).unwrap()
}

#[tokio::test]
async fn pages_assets_and_openapi_are_served() {
    let app = app();
    let (s, body, ctype) = send(&app, Request::get("/").body(Body::empty()).unwrap()).await;
    assert_eq!(s, StatusCode::OK);
    assert!(ctype.starts_with("text/html"));
    assert!(String::from_utf8(body).unwrap().contains("案管"));
    let (s, _, ctype) = send(&app, Request::get("/static/app.js").body(Body::empty()).unwrap()).await;
    assert_eq!((s, ctype.starts_with("text/javascript")), (StatusCode::OK, true));
    let (s, _) = get(&app, "/static/..%2Fsrc%2Flib.rs").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, v) = get(&app, "/api/openapi.json").await;
    assert_eq!(s, StatusCode::OK);
    assert!(v["paths"]["/api/search"].is_object());
    let (s, v) = get(&app, "/api/nothing").await;
    assert_eq!((s, v["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));
}

#[tokio::test]
async fn search_returns_hits_facets_and_highlights() {
    let app = app();
    let (s, v) = get(&app, &format!("/api/search?q={}&size=2", enc("盗窃"))).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["schema"], "anguan.hits/1");
    assert_eq!(v["size"], 2);
    assert!(v["total"].as_u64().unwrap() >= 2);
    assert_eq!(v["hits"].as_array().unwrap().len(), 2);
    let hit = &v["hits"][0];
    assert!(hit["case"].as_str().unwrap().contains("盗窃"));
    let sn = &hit["snippets"][0];
    let text: Vec<char> = sn["text"].as_str().unwrap().chars().collect();
    let [a, b] = [
        sn["highlights"][0][0].as_u64().unwrap() as usize,
        sn["highlights"][0][1].as_u64().unwrap() as usize,
    ];
    assert_eq!(text[a..b].iter().collect::<String>(), "盗窃");
    assert!(v["facets"]["charge"].as_array().unwrap().iter().any(|f| f["value"] == "盗窃罪"));
    let (_, page2) = get(&app, &format!("/api/search?q={}&size=2&page=2", enc("盗窃"))).await;
    assert_ne!(page2["hits"][0], v["hits"][0]);
}

#[tokio::test]
async fn a_malformed_query_is_a_400_in_chinese() {
    let app = app();
    for q in ["\"未闭合", "(盗窃", "盗窃 AND", ""] {
        let (s, v) = get(&app, &format!("/api/search?q={}", enc(q))).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{q}");
        assert_eq!(v["code"], "bad_query");
        assert!(v["message"].as_str().unwrap().chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
    }
    let (s, v) = get(&app, &format!("/api/search?q={}&page=abc", enc("盗窃"))).await;
    assert_eq!((s, v["code"].as_str()), (StatusCode::BAD_REQUEST, Some("bad_parameter")));
}

#[tokio::test]
async fn similar_cases_leave_the_case_itself_out() {
    let app = app();
    let (s, v) = get(&app, &format!("/api/similar?case={}", enc("2023-盗窃-001"))).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let cases: Vec<&str> =
        v["hits"].as_array().unwrap().iter().map(|h| h["case"].as_str().unwrap()).collect();
    assert!(!cases.contains(&"2023-盗窃-001"));
    assert_eq!(cases.first(), Some(&"2023-盗窃-002"), "the other theft is the most similar: {cases:?}");
    let (s, v) =
        get(&app, &format!("/api/similar?text={}", enc("被告人醉酒驾驶机动车在道路上行驶，血液酒精含量")))
            .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["hits"][0]["case"], "2023-危险驾驶-001");
    assert_eq!(get(&app, "/api/similar").await.0, StatusCode::BAD_REQUEST);
    assert_eq!(get(&app, "/api/similar?case=nope").await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn cases_case_documents_and_findings() {
    let app = app();
    let (s, v) = get(&app, "/api/cases").await;
    assert_eq!(s, StatusCode::OK);
    let list = v["cases"].as_array().unwrap();
    assert_eq!(list.len(), CASES.len());
    let theft = list.iter().find(|c| c["case"] == "2023-盗窃-001").unwrap();
    assert!(theft["case_number"].as_str().unwrap().contains("检"));
    assert!(theft["charges"].as_array().unwrap().iter().any(|c| c == "盗窃罪"));
    assert!(theft["documents"].as_u64().unwrap() >= 3);

    let (s, c) = get(&app, &format!("/api/cases/{}", enc("2023-盗窃-001"))).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(c["card"]["schema"], "anguan.card/1");
    let docs = c["documents"].as_array().unwrap();
    let ind = docs.iter().find(|d| d["file"] == "起诉书.docx").unwrap();
    assert_eq!(ind["type"], "起诉书");
    assert!(ind["chars"].as_u64().unwrap() > 100);
    assert!(c["findings"].is_array() && c["errors"].is_array());

    let uri =
        format!("/api/cases/{}/documents/{}?q={}", enc("2023-盗窃-001"), enc("起诉书.docx"), enc("盗窃"));
    let (s, d) = get(&app, &uri).await;
    assert_eq!(s, StatusCode::OK);
    let text: Vec<char> = d["text"].as_str().unwrap().chars().collect();
    assert_eq!(d["chars"].as_u64().unwrap() as usize, text.len());
    let hl = d["query_highlights"].as_array().unwrap();
    assert!(!hl.is_empty());
    for r in hl {
        let (a, b) = (r[0].as_u64().unwrap() as usize, r[1].as_u64().unwrap() as usize);
        assert_eq!(text[a..b].iter().collect::<String>(), "盗窃");
    }
    let els = d["elements"].as_array().unwrap();
    let person = els.iter().find(|e| e["type"] == "person").expect("a person element");
    let (a, b) = (person["start"].as_u64().unwrap() as usize, person["end"].as_u64().unwrap() as usize);
    assert_eq!(text[a..b].iter().collect::<String>(), person["text"].as_str().unwrap());

    // Each document carries its checklist (spec §6).
    let cl = &d["checklist"];
    assert_eq!(cl["file"], "起诉书.docx");
    assert!(
        cl["elements"].as_array().unwrap().iter().all(|e| e["verdict"].is_string() && e["id"].is_string())
    );

    // Findings are spec §3 objects whose evidence points into the case's documents' text.
    let (s, f) = get(&app, &format!("/api/cases/{}/findings", enc("2023-盗窃-001"))).await;
    assert_eq!(s, StatusCode::OK);
    for finding in f["findings"].as_array().unwrap() {
        for k in ["rule", "kind", "severity", "message"] {
            assert!(finding[k].is_string(), "{finding}");
        }
        for ev in finding["evidence"].as_array().unwrap() {
            let uri = format!(
                "/api/cases/{}/documents/{}",
                enc("2023-盗窃-001"),
                enc(ev["file"].as_str().unwrap())
            );
            let text: Vec<char> = get(&app, &uri).await.1["text"].as_str().unwrap().chars().collect();
            let (a, b) = (ev["start"].as_u64().unwrap() as usize, ev["end"].as_u64().unwrap() as usize);
            assert_eq!(text[a..b].iter().collect::<String>(), ev["text"].as_str().unwrap());
        }
    }
}

#[tokio::test]
async fn unknown_case_and_document_are_404() {
    let app = app();
    let (s, v) = get(&app, "/api/cases/nope").await;
    assert_eq!((s, v["code"].as_str()), (StatusCode::NOT_FOUND, Some("case_not_found")));
    assert_eq!(get(&app, "/api/cases/nope/findings").await.0, StatusCode::NOT_FOUND);
    let uri = format!("/api/cases/{}/documents/{}", enc("2023-盗窃-001"), enc("../card.json"));
    let (s, v) = get(&app, &uri).await;
    assert_eq!((s, v["code"].as_str()), (StatusCode::NOT_FOUND, Some("document_not_found")));
    let (s, _) = get(&app, &format!("/api/cases/{}", enc(".."))).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn audit_and_export() {
    let app = app();
    let (s, v) = get(&app, "/api/audit").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["schema"], "anguan.findings/1");
    assert_eq!(v["cases"].as_array().unwrap().len(), CASES.len());
    assert!(v["cases"][0]["charges"].is_array() && v["cases"][0]["documents"].is_array());
    let (s, v) = get(&app, "/api/audit/export?format=pdf").await;
    assert_eq!((s, v["code"].as_str()), (StatusCode::BAD_REQUEST, Some("bad_format")));
    for (format, ctype) in [("csv", "text/csv"), ("html", "text/html"), ("xlsx", "application/vnd.openxml")] {
        let req = Request::get(format!("/api/audit/export?format={format}")).body(Body::empty()).unwrap();
        let res = router(Arc::clone(&app.state)).oneshot(req).await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{format}");
        let h = res.headers();
        assert!(h["content-type"].to_str().unwrap().starts_with(ctype), "{format}");
        assert!(h["content-disposition"].to_str().unwrap().starts_with("attachment"));
        let body = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap();
        match format {
            "xlsx" => assert_eq!(&body[..2], b"PK"),
            _ => assert!(String::from_utf8(body.to_vec()).unwrap().contains("2023-盗窃-001")),
        }
    }
}

#[tokio::test]
async fn upload_a_zip_makes_a_new_searchable_case() {
    let app = app();
    let zip = zip_of(&[
        ("2023-诈骗-001/card.json", &corpus_file("2023-诈骗-001", "card.json")),
        ("2023-诈骗-001/起诉意见书.docx", &corpus_file("2023-诈骗-001", "起诉意见书.docx")),
        ("2023-诈骗-001/truth.json", b"{}"),
    ]);
    let (s, body, _) = send(&app, multipart(&[], &[("2023-诈骗-001.zip", &zip)])).await;
    let v: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["case"], "2023-诈骗-001");
    assert_eq!(v["documents"], 1);
    assert_eq!(v["skipped"][0], "truth.json");
    let (_, c) = get(&app, &format!("/api/cases/{}", enc("2023-诈骗-001"))).await;
    assert_eq!(c["card"]["schema"], "anguan.card/1");
    let (_, hits) = get(&app, &format!("/api/search?q={}", enc("案件:2023-诈骗-001"))).await;
    assert_eq!(hits["total"], 1, "{hits}");
    assert_eq!(get(&app, "/api/cases").await.1["cases"].as_array().unwrap().len(), CASES.len() + 1);

    // Documents added to an existing case keep what it had.
    let txt = "起诉意见书\n犯罪嫌疑人张某某，男，1990年1月1日出生。经依法侦查查明：2023年5月1日，张某某在某超市窃取财物。";
    let (s, body, _) =
        send(&app, multipart(&[("case", "2023-诈骗-001")], &[("补充材料.txt", txt.as_bytes())])).await;
    assert_eq!(s, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    let v: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(v["documents"], 2);
}

#[tokio::test]
async fn refused_uploads_lose_nothing() {
    let app = app_with(20_000);
    let key = "2023-盗窃-001";
    let before = get(&app, &format!("/api/cases/{}", enc(key))).await.1;
    let evil = zip_of(&[("起诉书.txt", "起诉书".as_bytes()), ("../../evil.txt", b"x")]);
    let cases = [
        (multipart(&[("case", key)], &[("x.zip", &evil)]), StatusCode::BAD_REQUEST, "unsafe_zip"),
        (
            multipart(&[("case", key)], &[("a.txt", &vec![b'a'; 30_000])]),
            StatusCode::PAYLOAD_TOO_LARGE,
            "upload_too_large",
        ),
        (
            multipart(&[("case", key)], &[("a.txt", &vec![b'a'; 200_000])]),
            StatusCode::PAYLOAD_TOO_LARGE,
            "upload_too_large",
        ),
        (multipart(&[("case", "../x")], &[("a.txt", b"x")]), StatusCode::BAD_REQUEST, "bad_case_name"),
        (multipart(&[("case", key)], &[("evil.sh", b"x")]), StatusCode::BAD_REQUEST, "bad_file_name"),
        (multipart(&[("case", key)], &[("bad.zip", b"not a zip")]), StatusCode::BAD_REQUEST, "bad_zip"),
        (multipart(&[], &[("a.txt", b"x")]), StatusCode::BAD_REQUEST, "missing_case_name"),
        (multipart(&[("case", key)], &[]), StatusCode::BAD_REQUEST, "no_files"),
        (Request::post("/api/upload").body(Body::from("x")).unwrap(), StatusCode::BAD_REQUEST, "bad_upload"),
    ];
    for (req, status, code) in cases {
        let (s, body, _) = send(&app, req).await;
        let v: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        assert_eq!((s, v["code"].as_str()), (status, Some(code)), "{v}");
    }
    assert_eq!(get(&app, &format!("/api/cases/{}", enc(key))).await.1, before);
    let dir = app.state.store().case_dir(key).unwrap();
    assert!(!dir.join("起诉书.txt").exists() && !dir.join("a.txt").exists());
    assert!(!app.state.store().root().join("evil.txt").exists());
    assert_eq!(get(&app, "/api/cases").await.1["cases"].as_array().unwrap().len(), CASES.len());
}

#[tokio::test]
async fn a_restart_serves_what_was_committed() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    {
        let state = open_data(&data);
        let app = App { state, _dir: tempfile::tempdir().unwrap() };
        for case in ["c01", "c02"] {
            let (s, _, _) = send(
                &app,
                multipart(
                    &[("case", case)],
                    &[("起诉书.docx", &corpus_file("2023-盗窃-001", "起诉书.docx"))],
                ),
            )
            .await;
            assert_eq!(s, StatusCode::OK);
        }
    }
    // A case removed from the data folder while the server was down leaves the index at restart.
    std::fs::remove_dir_all(data.join("cases/c02")).unwrap();
    let state = open_data(&data);
    let s = &state.index_summary;
    assert_eq!((s.files, s.added, s.updated, s.unchanged, s.removed), (1, 0, 0, 1, 1), "{s:?}");
    let app = App { state, _dir: tempfile::tempdir().unwrap() };
    let (_, v) = get(&app, &format!("/api/search?q={}", enc("盗窃"))).await;
    assert_eq!(v["total"], 1);
    assert_eq!(v["hits"][0]["case"], "c01");
}

/// Document files of a bundled case.
fn documents_of(case: &str) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(case);
    std::fs::read_dir(dir).unwrap().filter(|e| is_document_path(&e.as_ref().unwrap().path())).count()
}

#[tokio::test]
async fn each_document_is_read_once_and_an_upload_reads_only_its_new_files() {
    let app = app();
    // Start: the index is built from the documents read for the analysis, not from a second read.
    let all: usize = CASES.iter().map(|c| documents_of(c)).sum();
    let s = &app.state.index_summary;
    assert_eq!(app.state.documents_read(), all);
    assert_eq!((s.cases, s.files, s.added, s.unchanged), (CASES.len(), all, all, 0), "{s:?}");

    // An upload into one case of several reads only the new file; the case's other documents keep
    // their parse (same bytes), and only that case is re-indexed.
    let key = "2023-盗窃-002";
    let had = documents_of(key);
    let txt =
        "补充侦查报告\n经补充侦查查明：2023年5月1日，犯罪嫌疑人张某某窃取电动车一辆，价值人民币2,600元。";
    let before = app.state.documents_read();
    let (s, body, _) = send(&app, multipart(&[("case", key)], &[("补充侦查报告.txt", txt.as_bytes())])).await;
    let v: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(app.state.documents_read() - before, 1, "only the new file is read");
    let ix = &v["index"];
    assert_eq!((ix["cases"].as_u64(), ix["files"].as_u64()), (Some(1), Some(had as u64 + 1)), "{ix}");
    assert_eq!((ix["added"].as_u64(), ix["unchanged"].as_u64()), (Some(1), Some(had as u64)), "{ix}");
    assert_eq!((ix["updated"].as_u64(), ix["removed"].as_u64()), (Some(0), Some(0)), "{ix}");

    // The new document is searchable; the other cases are still indexed, untouched.
    let (_, hits) = get(&app, &format!("/api/search?q={}", enc("补充侦查报告 电动车"))).await;
    assert_eq!(hits["hits"][0]["case"], key, "{hits}");
    for case in CASES {
        let (_, hits) = get(&app, &format!("/api/search?q={}&size=50", enc(&format!("案件:{case}")))).await;
        let want = documents_of(case) + usize::from(*case == key);
        assert_eq!(hits["total"].as_u64(), Some(want as u64), "{case}: {hits}");
    }

    // Replacing a document with other bytes updates it in place.
    let before = app.state.documents_read();
    let (_, body, _) = send(
        &app,
        multipart(&[("case", key)], &[("补充侦查报告.txt", format!("{txt}另查明赃物已发还。").as_bytes())]),
    )
    .await;
    let ix = serde_json::from_slice::<Value>(&body).unwrap()["index"].clone();
    assert_eq!((ix["added"].as_u64(), ix["updated"].as_u64()), (Some(0), Some(1)), "{ix}");
    assert_eq!(app.state.documents_read() - before, 1, "only the replaced file is read again");
    let (_, hits) = get(&app, &format!("/api/search?q={}", enc("赃物已发还"))).await;
    assert_eq!(hits["hits"][0]["case"], key, "{hits}");

    // What the upload served from reused parses is what a restart (every file read) serves.
    let (_, served) = get(&app, &format!("/api/cases/{}", enc(key))).await;
    let data = app.state.store().root().to_path_buf();
    let none = data.join("no-corpus");
    let state = AppState::open(&data, Some(&none), ServeOptions::default(), &mut |_| {}).unwrap();
    let again = App { state: Arc::new(state), _dir: tempfile::tempdir().unwrap() };
    let (_, reread) = get(&again, &format!("/api/cases/{}", enc(key))).await;
    assert_eq!(served, reread);
    assert!(served["documents"].as_array().is_some_and(|d| d.len() == had + 1), "{served}");
}

#[tokio::test]
async fn an_unreadable_upload_never_replaces_a_stored_file() {
    let app = app();
    let key = "2023-盗窃-001";
    let dir = app.state.store().case_dir(key).unwrap();
    let (stored_doc, stored_card) =
        (std::fs::read(dir.join("起诉书.docx")).unwrap(), std::fs::read(dir.join("card.json")).unwrap());
    let before = get(&app, &format!("/api/cases/{}", enc(key))).await.1;
    let docs_before = before["documents"].as_array().unwrap().len();
    let good = "补充侦查报告\n经补充侦查查明：2023年5月1日，犯罪嫌疑人在某超市窃取财物。";
    let req = multipart(
        &[("case", key)],
        &[
            ("起诉书.docx", b"PK\x03\x04 not really a docx"),
            ("card.json", b"{ this is not json"),
            ("新材料.pdf", b"%PDF-1.7\n1 0 obj <<"),
            ("补充侦查报告.txt", good.as_bytes()),
        ],
    );
    let (s, body, _) = send(&app, req).await;
    let v: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(s, StatusCode::OK, "{v}");
    // The two replacements are refused and the stored files kept, byte for byte.
    let refused: Vec<&str> =
        v["refused"].as_array().unwrap().iter().map(|e| e["file"].as_str().unwrap()).collect();
    assert_eq!(refused, [format!("{key}/起诉书.docx"), format!("{key}/card.json")], "{v}");
    assert!(v["refused"][0]["error"].as_str().unwrap().contains("保留已有的同名文件"), "{v}");
    assert_eq!(std::fs::read(dir.join("起诉书.docx")).unwrap(), stored_doc);
    assert_eq!(std::fs::read(dir.join("card.json")).unwrap(), stored_card);
    // The new unreadable file is stored and reported like any unreadable file of a case; the
    // readable one is added.
    let errors: Vec<&str> =
        v["errors"].as_array().unwrap().iter().map(|e| e["file"].as_str().unwrap()).collect();
    assert!(errors.contains(&format!("{key}/新材料.pdf").as_str()), "{v}");
    assert_eq!(v["documents"], docs_before + 1, "{v}");
    let after = get(&app, &format!("/api/cases/{}", enc(key))).await.1;
    assert_eq!(after["card"], before["card"]);
    let (_, hits) = get(&app, &format!("/api/search?q={}", enc("案件:2023-盗窃-001 类型:起诉书"))).await;
    assert_eq!(hits["total"], 1, "{hits}");
}

#[tokio::test]
async fn a_stored_file_broken_while_the_server_was_down_stays_searchable() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    {
        let state = open_data(&data);
        let app = App { state, _dir: tempfile::tempdir().unwrap() };
        let docx = corpus_file("2023-盗窃-001", "起诉书.docx");
        let (s, _, _) = send(&app, multipart(&[("case", "c01")], &[("起诉书.docx", &docx)])).await;
        assert_eq!(s, StatusCode::OK);
    }
    // Damaged on disk outside the app: the restart reports it and keeps what was indexed.
    std::fs::write(data.join("cases/c01/起诉书.docx"), b"PK\x03\x04 damaged").unwrap();
    let state = open_data(&data);
    let s = &state.index_summary;
    assert_eq!((s.removed, s.kept, s.errors.len()), (0, 1, 1), "{s:?}");
    assert_eq!(s.errors[0].file, "c01/起诉书.docx");
    let app = App { state, _dir: tempfile::tempdir().unwrap() };
    let (_, v) = get(&app, &format!("/api/search?q={}", enc("盗窃"))).await;
    assert_eq!(v["total"], 1, "{v}");
}
