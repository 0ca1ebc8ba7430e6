//! Facts: the elements of one document grouped the way the card is — per person and per case —
//! each with the span that proves it. This is what the audit compares with the card and what the
//! checklists read; [`Element`](super::Element)s are the flat view of the same findings.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::span::Span;

/// A normalised value with the text span it was read from (character offsets into the document).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact<T> {
    pub value: T,
    pub span: Span,
}

/// A coercive measure (强制措施) and its date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasureFact {
    /// 拘传 / 取保候审 / 监视居住 / 刑事拘留 / 逮捕
    pub kind: String,
    pub date: Option<NaiveDate>,
}

/// A recommended or judged sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentenceFact {
    /// 确定刑 / 幅度刑 when stated or derivable (min == max → 确定刑).
    pub kind: Option<String>,
    /// 有期徒刑 / 拘役 / 管制 / 单处罚金 / 免予刑事处罚
    pub penalty: String,
    pub min_months: Option<u32>,
    pub max_months: Option<u32>,
    pub probation: bool,
    pub probation_months: Option<u32>,
    /// 罚金 in 元.
    pub fine: Option<f64>,
}

/// What one document says about one 犯罪嫌疑人/被告人 (or 被不起诉人).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PersonFacts {
    pub name: Option<Fact<String>>,
    /// `suspect` (犯罪嫌疑人/被告人/被不起诉人) or `victim`.
    pub role: String,
    pub gender: Option<Fact<String>>,
    pub birth_date: Option<Fact<NaiveDate>>,
    pub id_number: Option<Fact<String>>,
    pub ethnicity: Option<Fact<String>>,
    /// Normalised as on the card: 初中文化 → 初中.
    pub education: Option<Fact<String>>,
    pub occupation: Option<Fact<String>>,
    pub domicile: Option<Fact<String>>,
    pub address: Option<Fact<String>>,
    pub prior_record: Option<Fact<bool>>,
    pub recidivist: Option<Fact<bool>>,
    pub measures: Vec<Fact<MeasureFact>>,
    /// Canonical 罪名, e.g. 盗窃罪.
    pub charges: Vec<Fact<String>>,
    /// Normalised citations, e.g. 刑法第264条, 刑法第133条之一, 刑法第67条第3款.
    pub statutes: Vec<Fact<String>>,
    pub plea: Option<Fact<bool>>,
    pub plea_date: Option<Fact<NaiveDate>>,
    pub sentence: Option<Fact<SentenceFact>>,
    /// 起诉 / 法定不起诉 / 酌定不起诉 / 存疑不起诉 / 附条件不起诉
    pub disposal: Option<Fact<String>>,
    /// 自首, 坦白, 立功, 累犯, 认罪认罚, 退赃退赔, 取得谅解, 未成年, 从犯, 未遂 …
    pub circumstances: Vec<Fact<String>>,
    pub offense_date: Option<Fact<NaiveDate>>,
    /// mg/100ml.
    pub blood_alcohol: Option<Fact<f64>>,
}

/// What one document says about the case as a whole.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CaseFacts {
    /// The document's own 文号/案号.
    pub doc_number: Option<Fact<String>>,
    /// The issuing or addressed 人民检察院.
    pub procuratorate: Option<Fact<String>>,
    pub investigating_agency: Option<Fact<String>>,
    /// 移送审查起诉 date.
    pub transfer_date: Option<Fact<NaiveDate>>,
    pub received_date: Option<Fact<NaiveDate>>,
    /// 退回补充侦查 dates.
    pub returns: Vec<Fact<NaiveDate>>,
    pub extended: Option<Fact<bool>>,
    /// 速裁 / 简易 / 普通
    pub procedure: Option<Fact<String>>,
    /// The document's own date (落款).
    pub date: Option<Fact<NaiveDate>>,
    /// 犯罪数额 in 元 (the total the document states).
    pub amount: Option<Fact<f64>>,
}

/// Everything extracted from one document.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Extraction {
    pub elements: Vec<super::Element>,
    /// Suspects/defendants in the document's order, then victims.
    pub persons: Vec<PersonFacts>,
    pub case: CaseFacts,
}
