//! # anguan (案管) — review and audit of Chinese procuratorate case files
//!
//! A case file is a folder of documents (起诉意见书, 起诉书, 量刑建议书, 认罪认罚具结书,
//! 不起诉决定书, 刑事判决书 …, as DOCX, PDF or TXT) plus a structured case card (案卡,
//! `card.json`). anguan reads the documents into clean text, finds the legal elements in them,
//! indexes them for Chinese full-text search, and checks that every card agrees with its
//! documents.
//!
//! Data flows one way, stage to stage; each stage is a module with one job and no knowledge of
//! the stages after it:
//!
//! ```text
//!  files ──► ingest ──► Document { text, type, 文号, sections, pages }
//!                          │
//!              ┌───────────┼──────────────┐
//!              ▼           ▼              ▼
//!           segment     extract        card (案卡: JSON / CSV / XLSX → Card)
//!              │     (normalize ──►       │
//!              ▼        Elements)         │
//!            index         ▼              ▼
//!        (tantivy)     checklist ──►   audit ──► Findings ──► report
//!              └───────────► web ◄────────┘
//! ```
//!
//! * [`ingest`] — bytes → [`ingest::Document`]: PDF (content-stream walker over lopdf), DOCX
//!   (zip + quick-xml), TXT (encoding detection), document type, 文号 and sections; case folders
//!   and collections with per-file errors.
//! * [`normalize`] — Chinese numerals, dates, amounts, terms, statutes, ID numbers, full-width.
//! * [`segment`] — jieba-rs with the legal dictionaries of `dictionaries/`.
//! * [`extract`] — a document's legal elements, each with its character span.
//! * [`card`] — the case card model and its importers.
//! * [`index`] — tantivy index, query language, highlighting, facets, similar cases.
//! * [`checklist`] — legal-element checklists (TOML packs) and their verdicts.
//! * [`audit`] — card ↔ documents rules producing findings; [`report`] renders them.
//! * [`web`] — the axum app and JSON API.
//!
//! Domain knowledge (charges, legal words, checklists, rule thresholds) lives as data in
//! `dictionaries/`, never in code. Every public offset is a character offset (Unicode scalar
//! values) into the extracted text; [`span`] converts between characters and bytes.

pub mod audit;
pub mod card;
pub mod checklist;
pub mod dictionaries;
pub mod extract;
pub mod index;
pub mod ingest;
pub mod normalize;
pub mod report;
pub mod segment;
pub mod span;
pub mod web;
