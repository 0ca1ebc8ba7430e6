//! Document type and 文号/案号 recognition from the title lines.
//!
//! **Type.** The title variants of each type are data (`[[title]]` in
//! `dictionaries/sections.toml`). The title is looked for in three places, in order:
//! 1. the first few non-empty lines, each compacted (whitespace removed, full-width ASCII made
//!    half-width, so 起 诉 书 and 起　诉　书 read 起诉书): a short line that *ends* with a variant
//!    is the title (北京市朝阳区人民检察院起诉书, 张某盗窃一审刑事判决书);
//! 2. the compacted first [`HEAD_CHARS`] characters: the leftmost variant, the longest at that
//!    place (text whose line breaks were lost: 某某人民法院刑事判决书（2020）…);
//! 3. the file name, the same way.
//!
//! Leftmost-longest keeps 不批准逮捕决定书 from reading as 批准逮捕决定书 and 刑事附带民事判决书
//! from reading as 判决书; 起诉书 is not a substring of 不起诉决定书 or 起诉意见书, and a cited
//! 起诉书 later in the head loses to the title before it.
//!
//! **文号/案号.** The number patterns (procuratorate 京朝检刑诉〔2023〕123号, police
//! 京公朝诉字〔2023〕501号, court （2023）皖1204刑初370号, 部门受案号) are data too. The document's
//! own number is the earliest match in the header (the first `header_chars` characters) that is
//! not a citation — a number directly followed by a document name (…123号起诉书指控,
//! …501号提请批准逮捕书) refers to another document.

use serde::{Deserialize, Serialize};

use super::sections::config;
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

/// How many compacted characters of the text's head are searched for a title when no title line
/// is found.
pub const HEAD_CHARS: usize = 200;
/// How many non-empty leading lines may be the title line.
const TITLE_LINES: usize = 8;
/// A title line is at most this many compacted characters long.
const TITLE_LINE_CHARS: usize = 60;

/// Recognise the type and 文号 of a document from its text; the file name is a fallback for the
/// type. The 文号 span is in character offsets into `text`.
pub fn recognise(text: &str, file: &str) -> (Option<DocType>, Option<Span>) {
    let cfg = config();
    let titles = &cfg.titles;
    let by_line = text
        .lines()
        .map(|l| compact(l, TITLE_LINE_CHARS + 1))
        .filter(|l| !l.is_empty())
        .take(TITLE_LINES)
        .filter(|l| l.chars().count() <= TITLE_LINE_CHARS)
        .find_map(|l| title_at_end(&l, titles));
    let doc_type = by_line
        .or_else(|| leftmost_title(&compact(text, HEAD_CHARS), titles))
        .or_else(|| leftmost_title(&compact(file_stem(file), HEAD_CHARS), titles));
    (doc_type, doc_number(text))
}

/// The document's own 文号/案号: the earliest number in the header that is not a citation.
pub fn doc_number(text: &str) -> Option<Span> {
    let cfg = config();
    let header_end = text.char_indices().nth(cfg.header_chars).map_or(text.len(), |(b, _)| b);
    let header = text.get(..header_end)?;
    let found = cfg
        .number_patterns
        .iter()
        .flat_map(|re| re.find_iter(header))
        .filter(|m| !is_citation(text.get(m.end()..).unwrap_or(""), &cfg.cited_before))
        .min_by_key(|m| (m.start(), std::cmp::Reverse(m.end())))?;
    let start = text.get(..found.start())?.chars().count();
    let number = found.as_str().to_string();
    Some(Span { start, end: start + number.chars().count(), text: number })
}

/// Whether the text right after a number names another document (quotes and spaces skipped).
fn is_citation(after: &str, cited_before: &[String]) -> bool {
    let rest = after.trim_start_matches(|c: char| c.is_whitespace() || "”\"’'」》".contains(c));
    cited_before.iter().any(|w| !w.is_empty() && rest.starts_with(w.as_str()))
}

/// The first `limit` characters of `s` with whitespace removed and full-width ASCII (Ａ１！)
/// made half-width; reads no further than it needs.
fn compact(s: &str, limit: usize) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .take(limit)
        .collect()
}

/// The type whose longest variant a line ends with.
fn title_at_end(line: &str, titles: &[(DocType, String)]) -> Option<DocType> {
    titles.iter().filter(|(_, n)| line.ends_with(n.as_str())).max_by_key(|(_, n)| n.len()).map(|(t, _)| *t)
}

/// The type of the leftmost variant in `s`, the longest at that place.
fn leftmost_title(s: &str, titles: &[(DocType, String)]) -> Option<DocType> {
    titles
        .iter()
        .filter_map(|(t, n)| s.find(n.as_str()).map(|at| (at, n.len(), *t)))
        .min_by_key(|&(at, len, _)| (at, std::cmp::Reverse(len)))
        .map(|(_, _, t)| t)
}

/// The file name without folders and extension.
fn file_stem(file: &str) -> &str {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ty(text: &str) -> Option<DocType> {
        recognise(text, "").0
    }

    #[test]
    fn spaced_and_full_width_titles() {
        assert_eq!(
            ty("北京市朝阳区人民检察院\n起 诉 书\n京朝检刑诉〔2023〕123号"),
            Some(DocType::Indictment)
        );
        assert_eq!(ty("北京市朝阳区人民检察院\n起　诉　书\n"), Some(DocType::Indictment));
        assert_eq!(ty("  不 起 诉 决 定 书\n"), Some(DocType::NonProsecution));
        assert_eq!(ty("某市公安局\n起诉意见书\n"), Some(DocType::ProsecutionOpinion));
        assert_eq!(ty("量刑建议书"), Some(DocType::SentencingRecommendation));
    }

    #[test]
    fn longest_and_leftmost_win() {
        assert_eq!(ty("某检察院\n不批准逮捕决定书"), Some(DocType::ArrestRefusal));
        assert_eq!(ty("某检察院\n批准逮捕决定书"), Some(DocType::ArrestApproval));
        assert_eq!(ty("某某法院\n刑事附带民事判决书"), Some(DocType::Judgment));
        assert_eq!(
            ty("某某法院刑事裁定书（2020）浙07刑终6号…以某检刑诉〔2019〕1号起诉书指控"),
            Some(DocType::Ruling)
        );
        // one line: the title comes before the cited 起诉书
        let one =
            "金华市婺城区人民法院刑事判决书（2020）浙0702刑初662号公诉机关…以金婺检刑诉〔2020〕1号起诉书指控";
        assert_eq!(ty(one), Some(DocType::Judgment));
    }

    #[test]
    fn file_name_is_only_a_fallback() {
        assert_eq!(recognise("无标题的文本", "卷宗/起诉意见书.docx").0, Some(DocType::ProsecutionOpinion));
        assert_eq!(recognise("某检察院\n起诉书\n", "量刑建议书.docx").0, Some(DocType::Indictment));
        assert_eq!(recognise("普通文本", "notes.txt").0, None);
    }

    #[test]
    fn own_number_not_cited_number() {
        let t = "某某人民检察院\n批准逮捕决定书\n京朝检批捕〔2023〕88号\n北京市公安局朝阳分局：\n\
                 你局于2023年6月16日以京公朝提捕字〔2023〕501号提请批准逮捕书提请批准逮捕犯罪嫌疑人张某某";
        let n = doc_number(t).unwrap();
        assert_eq!(n.text, "京朝检批捕〔2023〕88号");
        assert_eq!(n.start, t.chars().position(|c| c == '京').unwrap());
        let j = "宿迁市宿城区人民法院刑事判决书（2017）苏1302刑初388号：宿迁市宿城区人民检察院以宿区检诉刑诉［2017］400号起诉书指控";
        assert_eq!(doc_number(j).unwrap().text, "（2017）苏1302刑初388号");
        let cited_only = "量刑建议书\n本院以京朝检刑诉〔2023〕123号起诉书提起公诉";
        assert_eq!(doc_number(cited_only), None);
    }

    #[test]
    fn number_forms_and_brackets() {
        for (t, want) in [
            ("北京市朝阳区人民检察院起诉书京朝检刑诉〔2023〕123号被告人", "京朝检刑诉〔2023〕123号"),
            ("起诉书\n泉检刑诉[2023]327号\n", "泉检刑诉[2023]327号"),
            ("起诉书 京朝检一部刑诉（2023）Z12号", "京朝检一部刑诉（2023）Z12号"),
            ("北京市公安局朝阳分局\n起诉意见书\n京公朝诉字〔2023〕501号", "京公朝诉字〔2023〕501号"),
            ("不起诉决定书\n京朝检刑不诉［２０２３］９号", "京朝检刑不诉［２０２３］９号"),
            ("（2014）沂南刑初字第348号", "（2014）沂南刑初字第348号"),
            ("审查报告 京朝检起诉受[2023]11010500012号", "京朝检起诉受[2023]11010500012号"),
        ] {
            assert_eq!(doc_number(t).map(|s| s.text), Some(want.to_string()), "{t}");
        }
    }
}
