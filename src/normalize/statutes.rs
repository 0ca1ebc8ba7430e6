//! Statute citations → `刑法第264条`, `刑法第133条之一`, `刑法第67条第3款`, `刑事诉讼法第15条`.
//!
//! A citation names a law once (《中华人民共和国刑法》, 《刑法》, 刑诉法 …) and then one or more
//! articles joined by 、 和 及 以及 ，: "《中华人民共和国刑法》第二百六十四条、第二十五条第一款" gives
//! two. [`find_citations`] scans a text; the law carries over to the following articles until a
//! new law is named or the chain breaks. Articles without a recognisable law are skipped.

use std::sync::LazyLock;

use regex::Regex;

use super::numerals::parse_int;

/// Short names of the laws, longest aliases first (the first alias that ends a 《…》 title or
/// stands alone wins).
const LAWS: [(&str, &[&str]); 4] = [
    ("刑事诉讼法", &["中华人民共和国刑事诉讼法", "刑事诉讼法", "刑诉法"]),
    ("刑法", &["中华人民共和国刑法", "刑法"]),
    ("人民检察院刑事诉讼规则", &["人民检察院刑事诉讼规则"]),
    ("治安管理处罚法", &["中华人民共和国治安管理处罚法", "治安管理处罚法"]),
];

const N: &str = "[0-9零〇一二两三四五六七八九十百千]{1,8}";

static LAW_RE: LazyLock<Regex> = LazyLock::new(|| {
    let mut names: Vec<&str> = LAWS.iter().flat_map(|(_, a)| a.iter().copied()).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    Regex::new(&format!(r"《?(?P<law>{})(?:》|\s)?", names.join("|"))).expect("law regex")
});

static ARTICLE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^第(?P<a>{N})条(?:之(?P<z>[一二三四五六七八九十]{{1,3}}))?(?:第(?P<k>{N})款)?(?:第[（(]?(?P<x>{N})[)）]?项)?"
    ))
    .expect("article regex")
});

/// Joiners allowed between two articles of one citation.
const JOINERS: [&str; 7] = ["、", "，", "和", "及", "以及", ",", "与"];

/// One cited article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// Character offsets of the article text (第…条…), without the law name.
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Normalised: 刑法第264条, 刑法第133条之一第1款第2项.
    pub value: String,
}

fn law_of(name: &str) -> Option<&'static str> {
    LAWS.iter().find(|(_, aliases)| aliases.contains(&name)).map(|(short, _)| *short)
}

/// Normalise one article reference (第二百六十四条, 第一百三十三条之一第一款第（二）项) of `law`.
pub fn normalize_article(law: &str, article: &str) -> Option<String> {
    let c = ARTICLE_RE.captures(article)?;
    (c.get(0)?.end() == article.len()).then_some(())?;
    format_article(law, &c)
}

fn format_article(law: &str, c: &regex::Captures<'_>) -> Option<String> {
    let a = parse_int(c.name("a")?.as_str()).filter(|&a| a > 0)?;
    let mut s = format!("{law}第{a}条");
    if let Some(z) = c.name("z") {
        // 之一 keeps its Chinese numeral, as cited.
        parse_int(z.as_str())?;
        s.push('之');
        s.push_str(z.as_str());
    }
    if let Some(k) = c.name("k") {
        s.push_str(&format!("第{}款", parse_int(k.as_str()).filter(|&k| k > 0)?));
    }
    if let Some(x) = c.name("x") {
        s.push_str(&format!("第{}项", parse_int(x.as_str()).filter(|&x| x > 0)?));
    }
    Some(s)
}

/// Every article cited in a text, normalised.
pub fn find_citations(text: &str) -> Vec<Citation> {
    let idx = crate::span::CharIndex::new(text);
    let mut out = Vec::new();
    for law_m in LAW_RE.captures_iter(text) {
        let (Some(whole), Some(name)) = (law_m.get(0), law_m.name("law")) else { continue };
        let Some(law) = law_of(name.as_str()) else { continue };
        let mut pos = whole.end();
        // Allow "的规定" style gaps only before the first article: none. Chain articles.
        let mut first = true;
        while let Some(rest) = text.get(pos..) {
            let mut skip = 0;
            if !first {
                match JOINERS.iter().find(|j| rest.starts_with(*j)) {
                    Some(j) => skip = j.len(),
                    None => break,
                }
            }
            let Some(after) = rest.get(skip..) else { break };
            let Some(c) = ARTICLE_RE.captures(after) else { break };
            let Some(m) = c.get(0) else { break };
            let (b0, b1) = (pos + skip, pos + skip + m.end());
            if let Some(value) = format_article(law, &c) {
                let span = idx.span_of_bytes(b0, b1);
                out.push(Citation { start: span.start, end: span.end, text: span.text, value });
            }
            pos = b1;
            first = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(t: &str) -> Vec<String> {
        find_citations(t).into_iter().map(|c| c.value).collect()
    }

    #[test]
    fn single_and_chained() {
        assert_eq!(values("触犯了《中华人民共和国刑法》第二百六十四条，犯罪事实清楚"), vec!["刑法第264条"]);
        assert_eq!(
            values("依照《中华人民共和国刑法》第二百六十四条、第二十五条第一款、第六十七条第三款之规定"),
            vec!["刑法第264条", "刑法第25条第1款", "刑法第67条第3款"]
        );
        assert_eq!(
            values("《中华人民共和国刑法》第一百三十三条之一第一款第（二）项"),
            vec!["刑法第133条之一第1款第2项"]
        );
        assert_eq!(values("根据《中华人民共和国刑事诉讼法》第十五条的规定"), vec!["刑事诉讼法第15条"]);
        assert_eq!(values("依照刑诉法第一百七十六条"), vec!["刑事诉讼法第176条"]);
        assert_eq!(values("《刑法》第287条之二"), vec!["刑法第287条之二"]);
        assert_eq!(
            values("《中华人民共和国刑法》第二百六十四条和第五十二条"),
            vec!["刑法第264条", "刑法第52条"]
        );
    }

    #[test]
    fn spans_point_at_the_article() {
        let t = "《中华人民共和国刑法》第二百六十四条";
        let c = &find_citations(t)[0];
        assert_eq!(c.text, "第二百六十四条");
        assert_eq!((c.start, c.end), (11, 18));
    }

    #[test]
    fn malformed_articles() {
        assert_eq!(normalize_article("刑法", "第二百六十四条"), Some("刑法第264条".into()));
        assert_eq!(normalize_article("刑法", "第零条"), None);
        assert_eq!(normalize_article("刑法", "第十十条"), None);
        assert!(values("《中华人民共和国刑法》第十十条").is_empty());
    }
}
