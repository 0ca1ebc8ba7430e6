//! `card.json` → [`Card`], lenient per item.
//!
//! The file is parsed as JSON, then deserialised into [`Card`]. When that fails, the failing item
//! is located by trying each key on its own (only on the error path, so the happy path is one
//! pass), removed from the JSON, recorded as a [`FieldProblem`] with its field path, and the rest
//! is tried again. A problem that removing one item cannot fix — not JSON, a person without a
//! name, a person that is not an object — is a [`CardError`] naming the file and the field.

use std::path::Path;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::{Card, Measure, Person, Return, SCHEMA, Sentencing, Timestamp};

/// Largest card file read (a card is a few kilobytes).
const MAX_CARD_BYTES: u64 = 16 * 1024 * 1024;
/// Most unreadable items dropped from one card before giving up on it.
const MAX_PROBLEMS: usize = 500;

/// A card that could not be read at all. Every variant names the file.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum CardError {
    #[error("{file}: cannot read: {error}")]
    Io { file: String, error: String },
    #[error("{file}: file too large ({size} bytes, limit {limit})")]
    TooLarge { file: String, size: u64, limit: u64 },
    #[error("{file}: not valid JSON (line {line}, column {column}): {error}")]
    Json { file: String, line: usize, column: usize, error: String },
    #[error("{file}: field `{field}`: {error}")]
    Field { file: String, field: String, error: String },
}

/// A card item whose value could not be read; it was left out of the card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    /// Field path, e.g. `persons[1].birth_date`.
    pub field: String,
    /// The value as written (JSON).
    pub value: String,
    pub error: String,
}

/// A card read from a file, and the items that had to be left out.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LoadedCard {
    pub card: Card,
    pub problems: Vec<FieldProblem>,
}

/// Read and parse a `card.json` file.
pub fn load_card(path: &Path) -> Result<LoadedCard, CardError> {
    let file = path.display().to_string();
    let size = std::fs::metadata(path)
        .map_err(|e| CardError::Io { file: file.clone(), error: e.to_string() })?
        .len();
    if size > MAX_CARD_BYTES {
        return Err(CardError::TooLarge { file, size, limit: MAX_CARD_BYTES });
    }
    let bytes =
        std::fs::read(path).map_err(|e| CardError::Io { file: file.clone(), error: e.to_string() })?;
    let text = String::from_utf8(bytes)
        .map_err(|e| CardError::Io { file: file.clone(), error: format!("not UTF-8 text: {e}") })?;
    parse_card(&file, &text)
}

/// Parse the text of a `card.json`; `file` names it in errors.
pub fn parse_card(file: &str, text: &str) -> Result<LoadedCard, CardError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = serde_json::from_str(text).map_err(|e| CardError::Json {
        file: file.to_string(),
        line: e.line(),
        column: e.column(),
        error: e.to_string(),
    })?;
    card_from_value(file, value)
}

/// Deserialise a card from JSON, leaving out (and reporting) items that cannot be read.
pub fn card_from_value(file: &str, mut value: Value) -> Result<LoadedCard, CardError> {
    let field_err =
        |field: &str, error: String| CardError::Field { file: file.into(), field: field.into(), error };
    let Some(obj) = value.as_object() else {
        return Err(field_err("(card)", "a card is a JSON object".into()));
    };
    if let Some(schema) = obj.get("schema")
        && schema.as_str() != Some(SCHEMA)
    {
        return Err(field_err("schema", format!("expected \"{SCHEMA}\", found {schema}")));
    }
    let mut problems = Vec::new();
    loop {
        let error = match Card::deserialize(&value) {
            Ok(card) => return Ok(LoadedCard { card, problems }),
            Err(e) => e.to_string(),
        };
        let Some((path, error)) = locate_card(&value) else {
            return Err(field_err("(card)", error));
        };
        let field = format_path(&path);
        if problems.len() >= MAX_PROBLEMS || !removable(&path) {
            return Err(field_err(&field, error));
        }
        let Some(old) = remove_path(&mut value, &path) else {
            return Err(field_err(&field, error));
        };
        problems.push(FieldProblem { field, value: old.to_string(), error });
    }
}

/// Where an item failed: the path below the current value, and the error.
type Located = Option<(Vec<Seg>, String)>;
/// How to descend into a nested item, by key.
type Nested = dyn Fn(&str, &Value) -> Located;

/// One step of a field path.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Seg {
    Key(String),
    Index(usize),
}

fn format_path(path: &[Seg]) -> String {
    let mut s = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) if s.is_empty() => s.push_str(k),
            Seg::Key(k) => {
                s.push('.');
                s.push_str(k);
            }
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    if s.is_empty() { "(card)".into() } else { s }
}

/// A path can be dropped when it ends in an object key other than a person's name.
fn removable(path: &[Seg]) -> bool {
    match path.last() {
        Some(Seg::Key(k)) => !(path.len() == 3 && k == "name"),
        _ => false,
    }
}

fn remove_path(value: &mut Value, path: &[Seg]) -> Option<Value> {
    let (last, init) = path.split_last()?;
    let mut cur = value;
    for seg in init {
        cur = match seg {
            Seg::Key(k) => cur.get_mut(k.as_str())?,
            Seg::Index(i) => cur.get_mut(*i)?,
        };
    }
    match last {
        Seg::Key(k) => cur.as_object_mut()?.remove(k),
        Seg::Index(_) => None,
    }
}

/// The first key of `obj` that `T` cannot read on its own (merged into `base`), and the error.
fn first_bad_key<T: DeserializeOwned>(
    obj: &Map<String, Value>,
    base: &Map<String, Value>,
) -> Option<(String, String)> {
    obj.iter().find_map(|(k, v)| {
        let mut m = base.clone();
        m.insert(k.clone(), v.clone());
        T::deserialize(&Value::Object(m)).err().map(|e| (k.clone(), e.to_string()))
    })
}

/// Locate the first failing item of an object of type `T`, descending into the known nested
/// items (`nested` gives, for a key, how to descend into it).
fn locate_in<T: DeserializeOwned>(value: &Value, base: &Map<String, Value>, nested: &Nested) -> Located {
    let Some(obj) = value.as_object() else {
        return T::deserialize(value).err().map(|e| (Vec::new(), e.to_string()));
    };
    let (key, error) = match first_bad_key::<T>(obj, base) {
        Some(found) => found,
        None => return T::deserialize(value).err().map(|e| (Vec::new(), e.to_string())),
    };
    let inner = obj.get(&key).and_then(|v| nested(&key, v));
    let mut path = vec![Seg::Key(key)];
    match inner {
        Some((rest, e)) if !rest.is_empty() => {
            path.extend(rest);
            Some((path, e))
        }
        _ => Some((path, error)),
    }
}

/// Descend into a list of objects of type `T`.
fn locate_list<T: DeserializeOwned>(value: &Value, base: &Map<String, Value>, nested: &Nested) -> Located {
    let items = value.as_array()?;
    items.iter().enumerate().find_map(|(i, item)| {
        locate_in::<T>(item, base, nested).map(|(rest, e)| {
            let mut path = vec![Seg::Index(i)];
            path.extend(rest);
            (path, e)
        })
    })
}

fn no_nesting(_: &str, _: &Value) -> Located {
    None
}

fn locate_person_item(key: &str, value: &Value) -> Located {
    match key {
        "measures" => locate_list::<Measure>(value, &Map::new(), &no_nesting),
        "sentencing" => locate_in::<Sentencing>(value, &Map::new(), &no_nesting),
        _ => None,
    }
}

fn locate_card_item(key: &str, value: &Value) -> Located {
    match key {
        "persons" => {
            let mut base = Map::new();
            base.insert("name".into(), Value::String(String::new()));
            locate_list::<Person>(value, &base, &locate_person_item)
        }
        "returns" => locate_list::<Return>(value, &Map::new(), &no_nesting),
        "recorded_at" => {
            let obj = value.as_object()?;
            obj.iter().find_map(|(k, v)| {
                Timestamp::deserialize(v).err().map(|e| (vec![Seg::Key(k.clone())], e.to_string()))
            })
        }
        _ => None,
    }
}

fn locate_card(value: &Value) -> Located {
    locate_in::<Card>(value, &Map::new(), &locate_card_item)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_item_is_dropped_and_named() {
        let text = r#"{"schema":"anguan.card/1","received_date":"2023-02-30","amount":"many",
            "persons":[{"name":"张某某","birth_date":"1990-03-07"},
                       {"name":"李某","measures":[{"kind":"逮捕","date":"2023/6/1"}],
                        "sentencing":{"max_months":-3}}],
            "recorded_at":{"closed_date":"yesterday"}}"#;
        let loaded = parse_card("c/card.json", text).unwrap();
        let fields: Vec<_> = loaded.problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "amount",
                "persons[1].measures[0].date",
                "persons[1].sentencing.max_months",
                "received_date",
                "recorded_at.closed_date"
            ]
        );
        assert_eq!(loaded.card.persons.len(), 2);
        assert_eq!(loaded.card.persons[1].measures[0].kind, "逮捕");
        assert_eq!(loaded.card.persons[0].birth_date, chrono::NaiveDate::from_ymd_opt(1990, 3, 7));
    }

    #[test]
    fn a_person_without_name_is_an_error() {
        let err = parse_card("x/card.json", r#"{"persons":[{"name":"甲"},{"gender":"男"}]}"#).unwrap_err();
        assert!(matches!(&err, CardError::Field { field, .. } if field == "persons[1]"), "{err}");
        let err = parse_card("x/card.json", "{\"persons\": [").unwrap_err();
        assert!(err.to_string().starts_with("x/card.json: not valid JSON (line 1"), "{err}");
    }
}
