//! The case card (案卡, spec §2): the model and its importers.
//!
//! [`Card`] mirrors `card.json` (schema `anguan.card/1`) key for key; every item is optional except
//! a person's `name`, so an empty card item is `None` or an empty list — the audit's `missing` rules
//! depend on telling "empty" apart from "wrong".
//!
//! Importers:
//! * [`load`] — `card.json`. Loading is lenient per item: a value that cannot be read (a date
//!   `2023-02-30`, a string where a number belongs) is dropped from the card and reported as a
//!   [`FieldProblem`] with its field path (`persons[1].birth_date`), which the audit turns into an
//!   `invalid` finding; only a file that is not a card at all (not JSON, no person name, wrong
//!   shape) is a [`CardError`] naming the file and the field.
//! * [`table`] — bulk exports, one row per person with case-level columns repeated, Chinese column
//!   headers mapped to card items by `dictionaries/card_columns.toml`; [`csv`] (an RFC 4180
//!   reader) and [`xlsx`] (calamine) feed it rows. Every bad cell names file, row and column.

pub mod csv;
pub mod load;
pub mod table;
pub mod values;
pub mod xlsx;

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use load::{CardError, FieldProblem, LoadedCard, load_card, parse_card};
pub use table::{ImportError, Imported, ImportedCard};

/// The schema tag of `card.json`.
pub const SCHEMA: &str = "anguan.card/1";

/// One case card (spec §2).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Card {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// 部门受案号
    pub case_number: Option<String>,
    /// 案件名称
    pub case_name: Option<String>,
    /// 承办单位
    pub procuratorate: Option<String>,
    /// 承办检察官
    pub prosecutor: Option<String>,
    /// 移送单位 (侦查机关)
    pub investigating_agency: Option<String>,
    /// 移送审查起诉日期
    pub transfer_date: Option<NaiveDate>,
    /// 受理日期
    pub received_date: Option<NaiveDate>,
    /// 移送案由
    pub transferred_charges: Vec<String>,
    /// 退回补充侦查
    pub returns: Vec<Return>,
    /// 是否延长审查起诉期限
    pub extended: Option<bool>,
    /// 建议适用程序: 速裁 / 简易 / 普通
    pub procedure: Option<String>,
    /// 审结日期
    pub closed_date: Option<NaiveDate>,
    /// 起诉书文号
    pub indictment_number: Option<String>,
    /// 涉案金额 (元)
    pub amount: Option<f64>,
    pub persons: Vec<Person>,
    /// 录入时间 of items, by field path.
    pub recorded_at: BTreeMap<String, Timestamp>,
}

/// One 退回补充侦查.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Return {
    pub returned_date: Option<NaiveDate>,
    pub resubmitted_date: Option<NaiveDate>,
}

/// A 犯罪嫌疑人/被告人 (人卡).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    #[serde(default)]
    pub gender: Option<String>,
    #[serde(default)]
    pub birth_date: Option<NaiveDate>,
    #[serde(default)]
    pub id_number: Option<String>,
    #[serde(default)]
    pub ethnicity: Option<String>,
    #[serde(default)]
    pub education: Option<String>,
    #[serde(default)]
    pub occupation: Option<String>,
    #[serde(default)]
    pub domicile: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub prior_record: Option<bool>,
    #[serde(default)]
    pub recidivist: Option<bool>,
    #[serde(default)]
    pub measures: Vec<Measure>,
    #[serde(default)]
    pub charges: Vec<String>,
    #[serde(default)]
    pub statutes: Vec<String>,
    #[serde(default)]
    pub plea: Option<bool>,
    #[serde(default)]
    pub plea_date: Option<NaiveDate>,
    #[serde(default)]
    pub sentencing: Option<Sentencing>,
    #[serde(default)]
    pub disposal: Option<String>,
    #[serde(default)]
    pub circumstances: Vec<String>,
    #[serde(default)]
    pub offense_date: Option<NaiveDate>,
    #[serde(default)]
    pub blood_alcohol: Option<f64>,
}

/// A 强制措施 and its date.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Measure {
    /// 拘传 / 取保候审 / 监视居住 / 刑事拘留 / 逮捕
    pub kind: String,
    pub date: Option<NaiveDate>,
}

/// 量刑建议.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Sentencing {
    /// 确定刑 / 幅度刑
    pub kind: Option<String>,
    /// 有期徒刑 / 拘役 / 管制 / 单处罚金 / 免予刑事处罚
    pub penalty: Option<String>,
    pub min_months: Option<u32>,
    pub max_months: Option<u32>,
    pub probation: Option<bool>,
    /// 缓刑考验期 in months (an extension of spec §2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub probation_months: Option<u32>,
    /// 罚金 in 元.
    pub fine: Option<f64>,
}

/// A 录入时间: RFC 3339 local time (`2023-06-02T09:30:00`); an offset or `Z` is accepted and
/// dropped (times are local to the procuratorate), and a bare date means its midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp(pub NaiveDateTime);

impl Timestamp {
    /// Parse the accepted forms; `None` for anything else.
    pub fn parse(s: &str) -> Option<Timestamp> {
        let s = s.trim();
        if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(s) {
            return Some(Timestamp(dt.naive_local()));
        }
        for fmt in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M"] {
            if let Ok(dt) = NaiveDateTime::parse_from_str(s, fmt) {
                return Some(Timestamp(dt));
            }
        }
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().and_then(|d| d.and_hms_opt(0, 0, 0)).map(Timestamp)
    }

    pub fn date(&self) -> NaiveDate {
        self.0.date()
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.format("%Y-%m-%dT%H:%M:%S").to_string())
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Timestamp::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("not a timestamp (YYYY-MM-DDTHH:MM:SS): {s:?}")))
    }
}
