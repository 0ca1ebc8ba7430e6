//! Bulk card exports (CSV, XLSX): rows with Chinese column headers → cards.
//!
//! One row per person; case-level columns are repeated on every row of a case. Rows are grouped
//! by the `case` column (the case folder key) when there is one, else by 部门受案号. Headers map
//! to card items through `dictionaries/card_columns.toml`; the item's type (date, 是/否, number,
//! list, text) decides how a cell is read. A cell that cannot be read is an [`ImportError`] naming
//! file, row and column, and is left out; a case-level cell that differs from the case's first row
//! is an error too. Each case is then built as `card.json` JSON and read by the same code as a
//! `card.json` file, so both paths give identical cards.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{Map, Value};

use super::load::card_from_value;
use super::values::{parse_bool, parse_count, parse_date, parse_list, parse_number};
use super::{Card, FieldProblem};

/// Bad input in a bulk export: the file, the row (as the user sees it: CSV line or spreadsheet
/// row, 1-based; 0 for the whole file) and the column header when one cell is at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {}{message}", location(*row, column.as_deref()))]
pub struct ImportError {
    pub file: String,
    pub row: usize,
    pub column: Option<String>,
    pub message: String,
}

fn location(row: usize, column: Option<&str>) -> String {
    match (row, column) {
        (0, _) => String::new(),
        (r, None) => format!("row {r}: "),
        (r, Some(c)) => format!("row {r}, column {c}: "),
    }
}

impl ImportError {
    pub fn file(file: &str, message: String) -> Self {
        ImportError { file: file.into(), row: 0, column: None, message }
    }
    pub fn row(file: &str, row: usize, column: Option<&str>, message: String) -> Self {
        ImportError { file: file.into(), row, column: column.map(str::to_string), message }
    }
}

/// One case of an export.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedCard {
    /// The case key: the `case` column, else the 部门受案号.
    pub key: String,
    pub card: Card,
    /// The rows it came from.
    pub rows: Vec<usize>,
    /// Items left out of the card (normally none: bad cells are errors already).
    pub problems: Vec<FieldProblem>,
}

/// The result of importing an export: the cards read and every bad row or cell.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Imported {
    pub cards: Vec<ImportedCard>,
    pub errors: Vec<ImportError>,
    /// Headers that name no card item (kept for the user to check the mapping).
    pub ignored_columns: Vec<String>,
}

/// How a cell is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CellType {
    Text,
    Date,
    Bool,
    Number,
    Count,
    List,
    Measures,
}

/// Where a column goes.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    CaseKey,
    Case(String),
    Return(usize, String),
    Person(Vec<String>),
    MeasureDate(String),
}

fn cell_type(target: &Target) -> CellType {
    let leaf = match target {
        Target::CaseKey => return CellType::Text,
        Target::MeasureDate(_) => return CellType::Date,
        Target::Return(..) => return CellType::Date,
        Target::Case(k) => k.as_str(),
        Target::Person(p) => p.last().map(String::as_str).unwrap_or(""),
    };
    match leaf {
        "transfer_date" | "received_date" | "closed_date" | "birth_date" | "plea_date" | "offense_date" => {
            CellType::Date
        }
        "extended" | "prior_record" | "recidivist" | "plea" | "probation" => CellType::Bool,
        "amount" | "blood_alcohol" | "fine" => CellType::Number,
        "min_months" | "max_months" | "probation_months" => CellType::Count,
        "transferred_charges" | "charges" | "statutes" | "circumstances" => CellType::List,
        "measures" => CellType::Measures,
        _ => CellType::Text,
    }
}

fn parse_target(s: &str) -> Option<Target> {
    let parts: Vec<&str> = s.split('.').collect();
    match parts.as_slice() {
        ["case"] => Some(Target::CaseKey),
        ["person", "measure", kind] => Some(Target::MeasureDate((*kind).to_string())),
        ["person", rest @ ..] if !rest.is_empty() => {
            Some(Target::Person(rest.iter().map(|p| (*p).to_string()).collect()))
        }
        ["returns", n, leaf] => Some(Target::Return(n.parse().ok()?, (*leaf).to_string())),
        [key] => Some(Target::Case((*key).to_string())),
        _ => None,
    }
}

#[derive(Debug, Deserialize)]
struct ColumnsFile {
    columns: BTreeMap<String, String>,
}

/// A header as matched: spaces, 必填 stars and a bracketed unit removed.
fn header_key(h: &str) -> String {
    let h: String = h.chars().filter(|c| !c.is_whitespace() && *c != '*' && *c != '＊').collect();
    let cut = h.find(['（', '(']).unwrap_or(h.len());
    h.get(..cut).unwrap_or(&h).to_string()
}

/// The header → target map from `dictionaries/card_columns.toml`.
fn column_map() -> Result<BTreeMap<String, Target>, String> {
    let text = crate::dictionaries::text("card_columns.toml").ok_or("card_columns.toml is missing")?;
    let file: ColumnsFile = toml::from_str(&text).map_err(|e| format!("card_columns.toml: {e}"))?;
    file.columns
        .into_iter()
        .map(|(h, t)| match parse_target(&t) {
            Some(target) => Ok((header_key(&h), target)),
            None => Err(format!("card_columns.toml: column {h}: unknown target {t:?}")),
        })
        .collect()
}

/// A cell read into JSON, or why it cannot be.
fn read_cell(ty: CellType, s: &str) -> Result<Value, String> {
    let s = s.trim();
    let bad = |what: &str| format!("not {what}: {s:?}");
    match ty {
        CellType::Text => Ok(Value::String(s.to_string())),
        CellType::Date => parse_date(s).map(|d| Value::String(d.to_string())).ok_or_else(|| bad("a date")),
        CellType::Bool => parse_bool(s).map(Value::Bool).ok_or_else(|| bad("是/否")),
        CellType::Number => parse_number(s)
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
            .ok_or_else(|| bad("a number")),
        CellType::Count => parse_count(s).map(Value::from).ok_or_else(|| bad("a whole number of months")),
        CellType::List => Ok(Value::Array(parse_list(s).into_iter().map(Value::String).collect())),
        CellType::Measures => parse_list(s)
            .iter()
            .map(|m| {
                let split = m.find(|c: char| c.is_ascii_digit()).unwrap_or(m.len());
                let (kind, date) = m.split_at(split);
                let date = date.trim();
                let mut obj = Map::new();
                obj.insert("kind".into(), Value::String(kind.trim().to_string()));
                if !date.is_empty() {
                    let d = parse_date(date).ok_or_else(|| format!("not a date in measure {m:?}"))?;
                    obj.insert("date".into(), Value::String(d.to_string()));
                }
                Ok(Value::Object(obj))
            })
            .collect::<Result<Vec<_>, String>>()
            .map(Value::Array),
    }
}

/// One case being assembled.
struct Building {
    key: String,
    case: Map<String, Value>,
    /// Which row set each case-level item (to name it in a disagreement).
    case_rows: BTreeMap<String, usize>,
    persons: Vec<(usize, Map<String, Value>)>,
    rows: Vec<usize>,
}

fn set_nested(obj: &mut Map<String, Value>, path: &[String], v: Value) {
    match path {
        [leaf] => {
            obj.insert(leaf.clone(), v);
        }
        [head, rest @ ..] => {
            let entry = obj.entry(head.clone()).or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(inner) = entry {
                set_nested(inner, rest, v);
            }
        }
        [] => {}
    }
}

/// Turn rows (row number, cells) under a header into cards.
pub fn import_rows(
    file: &str,
    header: &[String],
    rows: Vec<(usize, Vec<String>)>,
) -> Result<Imported, ImportError> {
    let map = column_map().map_err(|e| ImportError::file(file, e))?;
    let mut targets: Vec<Option<Target>> = Vec::new();
    let mut ignored = Vec::new();
    for h in header {
        let t = map.get(&header_key(h)).cloned();
        if t.is_none() && !h.trim().is_empty() {
            ignored.push(h.clone());
        }
        targets.push(t);
    }
    let has_name = targets.iter().any(|t| matches!(t, Some(Target::Person(p)) if p == &["name"]));
    let has_key = targets.iter().any(|t| matches!(t, Some(Target::CaseKey | Target::Case(_))))
        && targets.iter().any(|t| {
            matches!(t, Some(Target::CaseKey)) || matches!(t, Some(Target::Case(k)) if k == "case_number")
        });
    if !has_name || !has_key {
        return Err(ImportError::row(
            file,
            1,
            None,
            "the header needs a 姓名 column and a 部门受案号 (or 案件) column".into(),
        ));
    }
    let mut errors = Vec::new();
    let mut cases: Vec<Building> = Vec::new();
    for (row, cells) in rows {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if cells.len() > header.len() && cells.iter().skip(header.len()).any(|c| !c.trim().is_empty()) {
            errors.push(ImportError::row(
                file,
                row,
                None,
                format!("{} fields, the header has {}; row skipped", cells.len(), header.len()),
            ));
            continue;
        }
        let mut key_case = None;
        let mut key_number = None;
        let mut case = Map::new();
        let mut person = Map::new();
        let mut measures: Vec<Value> = Vec::new();
        let mut returns: BTreeMap<usize, Map<String, Value>> = BTreeMap::new();
        for (i, cell) in cells.iter().enumerate() {
            let (Some(Some(target)), Some(col)) = (targets.get(i), header.get(i)) else { continue };
            if cell.trim().is_empty() {
                continue;
            }
            let value = match read_cell(cell_type(target), cell) {
                Ok(v) => v,
                Err(e) => {
                    errors.push(ImportError::row(file, row, Some(col), e));
                    continue;
                }
            };
            match target {
                Target::CaseKey => key_case = value.as_str().map(str::to_string),
                Target::Case(k) => {
                    if k == "case_number" {
                        key_number = value.as_str().map(str::to_string);
                    }
                    case.insert(k.clone(), value);
                }
                Target::Return(n, leaf) => {
                    returns.entry(*n).or_default().insert(leaf.clone(), value);
                }
                Target::Person(path) if path.as_slice() == ["measures"] => {
                    if let Value::Array(list) = value {
                        measures.extend(list);
                    }
                }
                Target::Person(path) => set_nested(&mut person, path, value),
                Target::MeasureDate(kind) => {
                    let mut m = Map::new();
                    m.insert("kind".into(), Value::String(kind.clone()));
                    m.insert("date".into(), value);
                    measures.push(Value::Object(m));
                }
            }
        }
        let Some(key) = key_case.or(key_number) else {
            errors.push(ImportError::row(
                file,
                row,
                None,
                "no 部门受案号 (or 案件) on this row; row skipped".into(),
            ));
            continue;
        };
        if !person.contains_key("name") {
            errors.push(ImportError::row(file, row, Some("姓名"), "empty 姓名; row skipped".into()));
            continue;
        }
        if !returns.is_empty() {
            let list: Vec<Value> = returns.into_values().map(Value::Object).collect();
            case.insert("returns".into(), Value::Array(list));
        }
        if !measures.is_empty() {
            person.insert("measures".into(), Value::Array(measures));
        }
        let b = match cases.iter_mut().position(|c| c.key == key) {
            Some(i) => &mut cases[i],
            None => {
                cases.push(Building {
                    key: key.clone(),
                    case: Map::new(),
                    case_rows: BTreeMap::new(),
                    persons: Vec::new(),
                    rows: Vec::new(),
                });
                let last = cases.len() - 1;
                &mut cases[last]
            }
        };
        for (k, v) in case {
            match b.case.get(&k) {
                Some(old) if old != &v => {
                    let first = b.case_rows.get(&k).copied().unwrap_or(0);
                    let col = header_for(header, &targets, &k);
                    errors.push(ImportError::row(
                        file,
                        row,
                        col.as_deref(),
                        format!("case-level value {v} differs from {old} on row {first} of the same case; kept row {first}'s"),
                    ));
                }
                Some(_) => {}
                None => {
                    b.case_rows.insert(k.clone(), row);
                    b.case.insert(k, v);
                }
            }
        }
        b.persons.push((row, person));
        b.rows.push(row);
    }
    let mut cards = Vec::new();
    for b in cases {
        let mut obj = b.case;
        let first_row = b.rows.first().copied().unwrap_or(0);
        obj.insert(
            "persons".into(),
            Value::Array(b.persons.into_iter().map(|(_, p)| Value::Object(p)).collect()),
        );
        match card_from_value(file, Value::Object(obj)) {
            Ok(loaded) => cards.push(ImportedCard {
                key: b.key,
                card: loaded.card,
                rows: b.rows,
                problems: loaded.problems,
            }),
            Err(e) => errors.push(ImportError::row(file, first_row, None, e.to_string())),
        }
    }
    errors.sort_by_key(|e| e.row);
    Ok(Imported { cards, errors, ignored_columns: ignored })
}

/// The header of the column that fills a case-level item.
fn header_for(header: &[String], targets: &[Option<Target>], key: &str) -> Option<String> {
    targets
        .iter()
        .position(|t| matches!(t, Some(Target::Case(k)) if k == key))
        .and_then(|i| header.get(i).cloned())
        .or_else(|| (key == "returns").then(|| "退回补充侦查".to_string()))
}
