//! Document type and 文号 recognition from the title lines.
//!
//! (Stub: recognition is being written.)

use serde::{Deserialize, Serialize};

use crate::span::Span;

/// The kinds of document a case file holds. Serialised as the Chinese name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum DocType {
    #[serde(rename = "起诉意见书")]
    ProsecutionOpinion,
    #[serde(rename = "起诉书")]
    Indictment,
    #[serde(rename = "量刑建议书")]
    SentencingRecommendation,
    #[serde(rename = "认罪认罚具结书")]
    PleaAgreement,
    #[serde(rename = "不起诉决定书")]
    NonProsecution,
    #[serde(rename = "刑事判决书")]
    Judgment,
    #[serde(rename = "刑事裁定书")]
    Ruling,
    #[serde(rename = "审查报告")]
    ReviewReport,
    #[serde(rename = "批准逮捕决定书")]
    ArrestApproval,
    #[serde(rename = "不批准逮捕决定书")]
    ArrestRefusal,
    #[serde(rename = "提请批准逮捕书")]
    ArrestRequest,
}

impl DocType {
    /// Every type, longest names first where one name contains another.
    pub const ALL: [DocType; 11] = [
        DocType::ArrestRefusal,
        DocType::ArrestApproval,
        DocType::ArrestRequest,
        DocType::ProsecutionOpinion,
        DocType::SentencingRecommendation,
        DocType::PleaAgreement,
        DocType::NonProsecution,
        DocType::Judgment,
        DocType::Ruling,
        DocType::ReviewReport,
        DocType::Indictment,
    ];

    /// The Chinese name.
    pub fn name(self) -> &'static str {
        match self {
            DocType::ProsecutionOpinion => "起诉意见书",
            DocType::Indictment => "起诉书",
            DocType::SentencingRecommendation => "量刑建议书",
            DocType::PleaAgreement => "认罪认罚具结书",
            DocType::NonProsecution => "不起诉决定书",
            DocType::Judgment => "刑事判决书",
            DocType::Ruling => "刑事裁定书",
            DocType::ReviewReport => "审查报告",
            DocType::ArrestApproval => "批准逮捕决定书",
            DocType::ArrestRefusal => "不批准逮捕决定书",
            DocType::ArrestRequest => "提请批准逮捕书",
        }
    }

    /// The type with this exact Chinese name.
    pub fn from_name(name: &str) -> Option<DocType> {
        DocType::ALL.into_iter().find(|t| t.name() == name)
    }
}

impl std::fmt::Display for DocType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Recognise the type and 文号 of a document from its text; the file name is a fallback for the
/// type.
pub fn recognise(text: &str, file: &str) -> (Option<DocType>, Option<Span>) {
    let head: String = text.chars().take(300).filter(|c| !c.is_whitespace()).collect();
    let found = DocType::ALL.into_iter().find(|t| head.contains(t.name()));
    let fallback = || DocType::ALL.into_iter().find(|t| file.contains(t.name()));
    (found.or_else(fallback), None)
}
