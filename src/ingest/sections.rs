//! Section splitting by cue phrases.
//!
//! (Stub: the splitter is being written.)

use serde::{Deserialize, Serialize};

use super::DocType;

/// The parts of a legal document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    /// Title, issuing body, 文号.
    Header,
    /// 犯罪嫌疑人/被告人基本情况 and other parties.
    Parties,
    /// Case source and procedure (强制措施, 移送, 退补 …).
    Procedure,
    /// Facts: 经依法侦查查明 / 经依法审查查明 / 经审理查明 / 公诉机关指控.
    Facts,
    /// Evidence: 认定上述事实的证据如下.
    Evidence,
    /// Reasoning: 本院认为.
    Reasoning,
    /// Decision, judgment or recommendation: 判决如下, 建议判处, 决定.
    Decision,
    /// Closing: 此致 … signature and date.
    Closing,
    /// 附项 / 附件.
    Attachments,
}

/// A section: its kind and character range `[start, end)` in the document text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub kind: SectionKind,
    pub start: usize,
    pub end: usize,
}

/// Split a document's text into sections.
pub fn split(text: &str, doc_type: Option<DocType>) -> Vec<Section> {
    let _ = (text, doc_type);
    Vec::new()
}
