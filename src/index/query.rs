//! The query language a reviewer types, parsed into a [`Node`] tree.
//!
//! ```text
//! query  := or
//! or     := and (("OR" | "|") and)*
//! and    := unary (["AND" | "&"] unary)*          adjacent terms are ANDed
//! unary  := ("NOT" | "-") unary | atom
//! atom   := "(" or ")" | FIELD ":" value | "\"phrase\"" | word
//! FIELD  := 类型|type  罪名|charge  院|court  日期|date  案件|case  文件|file
//! ```
//!
//! Chinese punctuation works the same as ASCII: `“…”` quotes, `（…）` parentheses, `：` after a
//! field. A field name the language does not know is not a field (`12:30` stays a word). Dates
//! are `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (also with `/`), a single one or a range `A..B` with
//! either end optional. Errors say what is wrong and at which character; the parser never panics
//! (a depth limit bounds nesting).

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// A bare word (may hold several jieba words: all must occur; adjacent ones rank first).
    Term(String),
    /// A quoted phrase: its characters in order.
    Phrase(String),
    Filter(Filter),
    Not(Box<Node>),
    And(Vec<Node>),
    Or(Vec<Node>),
}

/// A field filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    Type(String),
    Charge(String),
    Court(String),
    Case(String),
    File(String),
    /// Inclusive YYYYMMDD bounds.
    Date(Option<u64>, Option<u64>),
}

/// A query that cannot be parsed: what is wrong and where (character offset into the query).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("query error at character {position}: {message}")]
pub struct QueryError {
    pub position: usize,
    pub message: String,
}

const MAX_DEPTH: usize = 32;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Open,
    Close,
    Quoted(String),
    Word(String),
    /// `FIELD:` with the value following as the next token.
    Field(String),
}

fn err<T>(position: usize, message: impl Into<String>) -> Result<T, QueryError> {
    Err(QueryError { position, message: message.into() })
}

fn field_name(name: &str) -> Option<&'static str> {
    Some(match name.to_lowercase().as_str() {
        "类型" | "type" | "文书" => "type",
        "罪名" | "charge" => "charge",
        "院" | "court" | "检察院" | "法院" => "court",
        "日期" | "date" => "date",
        "案件" | "case" | "案" => "case",
        "文件" | "file" => "file",
        _ => return None,
    })
}

fn lex(query: &str) -> Result<Vec<(usize, Tok)>, QueryError> {
    let chars: Vec<char> = query.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        match c {
            _ if c.is_whitespace() => i += 1,
            '(' | '（' => {
                out.push((i, Tok::Open));
                i += 1;
            }
            ')' | '）' => {
                out.push((i, Tok::Close));
                i += 1;
            }
            '"' | '“' | '”' => {
                let start = i;
                i += 1;
                let mut s = String::new();
                loop {
                    match chars.get(i) {
                        None => return err(start, "unterminated quote: close the phrase with \""),
                        Some('"' | '”' | '“') => break,
                        Some(&ch) => s.push(ch),
                    }
                    i += 1;
                }
                i += 1;
                out.push((start, Tok::Quoted(s)));
            }
            _ => {
                let start = i;
                let mut s = String::new();
                while let Some(&ch) = chars.get(i) {
                    if ch.is_whitespace() || matches!(ch, '(' | '（' | ')' | '）' | '"' | '“' | '”') {
                        break;
                    }
                    if matches!(ch, ':' | '：')
                        && let Some(f) = field_name(&s)
                    {
                        s = f.to_string();
                        i += 1;
                        out.push((start, Tok::Field(s)));
                        s = String::new();
                        break;
                    }
                    s.push(ch);
                    i += 1;
                }
                if !s.is_empty() {
                    out.push((start, Tok::Word(s)));
                }
            }
        }
    }
    Ok(out)
}

struct Parser {
    toks: Vec<(usize, Tok)>,
    pos: usize,
    end: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|(_, t)| t)
    }

    fn at(&self) -> usize {
        self.toks.get(self.pos).map_or(self.end, |(p, _)| *p)
    }

    fn is_word(&self, w: &[&str]) -> bool {
        matches!(self.peek(), Some(Tok::Word(s)) if w.contains(&s.as_str()))
    }

    fn or(&mut self, depth: usize) -> Result<Node, QueryError> {
        if depth > MAX_DEPTH {
            return err(self.at(), format!("nested more than {MAX_DEPTH} levels deep"));
        }
        let mut parts = vec![self.and(depth)?];
        while self.is_word(&["OR", "|", "或"]) {
            self.pos += 1;
            parts.push(self.and(depth)?);
        }
        Ok(if parts.len() == 1 { parts.remove(0) } else { Node::Or(parts) })
    }

    fn and(&mut self, depth: usize) -> Result<Node, QueryError> {
        let mut parts = vec![self.unary(depth)?];
        loop {
            if self.is_word(&["AND", "&", "且"]) {
                self.pos += 1;
                parts.push(self.unary(depth)?);
                continue;
            }
            match self.peek() {
                None | Some(Tok::Close) => break,
                _ if self.is_word(&["OR", "|", "或"]) => break,
                _ => parts.push(self.unary(depth)?),
            }
        }
        Ok(if parts.len() == 1 { parts.remove(0) } else { Node::And(parts) })
    }

    fn unary(&mut self, depth: usize) -> Result<Node, QueryError> {
        if depth > MAX_DEPTH {
            return err(self.at(), format!("nested more than {MAX_DEPTH} levels deep"));
        }
        if self.is_word(&["NOT", "非"]) {
            self.pos += 1;
            return Ok(Node::Not(Box::new(self.unary(depth + 1)?)));
        }
        if let Some(Tok::Word(w)) = self.peek()
            && let Some(rest) = w.strip_prefix('-').or_else(|| w.strip_prefix('－'))
            && !rest.is_empty()
        {
            let rest = rest.to_string();
            self.pos += 1;
            return Ok(Node::Not(Box::new(Node::Term(rest))));
        }
        if matches!(self.peek(), Some(Tok::Word(w)) if w == "-" || w == "－") {
            self.pos += 1;
            return Ok(Node::Not(Box::new(self.atom(depth + 1)?)));
        }
        self.atom(depth)
    }

    fn atom(&mut self, depth: usize) -> Result<Node, QueryError> {
        let at = self.at();
        let Some((_, tok)) = self.toks.get(self.pos).cloned() else {
            return err(at, "a search term is missing at the end of the query");
        };
        self.pos += 1;
        match tok {
            Tok::Open => {
                let inner = self.or(depth + 1)?;
                if self.peek() != Some(&Tok::Close) {
                    return err(at, "unbalanced parenthesis: close it with )");
                }
                self.pos += 1;
                Ok(inner)
            }
            Tok::Close => err(at, "unexpected ): no parenthesis is open"),
            Tok::Quoted(s) => Ok(Node::Phrase(s)),
            Tok::Word(w) if matches!(w.as_str(), "AND" | "OR" | "NOT" | "&" | "|") => {
                err(at, format!("{w} needs a search term on each side"))
            }
            Tok::Word(w) => Ok(Node::Term(w)),
            Tok::Field(name) => {
                let value = match self.toks.get(self.pos).cloned() {
                    Some((_, Tok::Word(v) | Tok::Quoted(v))) => v,
                    _ => return err(at, format!("{name}: needs a value, e.g. 类型:起诉书")),
                };
                self.pos += 1;
                filter(&name, value.trim(), at).map(Node::Filter)
            }
        }
    }
}

fn filter(name: &str, value: &str, at: usize) -> Result<Filter, QueryError> {
    if value.is_empty() {
        return err(at, format!("{name}: needs a value"));
    }
    Ok(match name {
        "type" => Filter::Type(value.to_string()),
        "charge" => {
            Filter::Charge(if value.ends_with('罪') { value.to_string() } else { format!("{value}罪") })
        }
        "court" => Filter::Court(value.to_string()),
        "case" => Filter::Case(value.to_string()),
        "file" => Filter::File(value.to_string()),
        _ => {
            let (lo, hi) = match value.split_once("..") {
                Some((a, b)) => (a, b),
                None => (value, value),
            };
            let lo = if lo.is_empty() { None } else { Some(date_bound(lo, false, at)?) };
            let hi = if hi.is_empty() { None } else { Some(date_bound(hi, true, at)?) };
            if let (Some(l), Some(h)) = (lo, hi)
                && l > h
            {
                return err(at, format!("日期: the range {value} ends before it starts"));
            }
            Filter::Date(lo, hi)
        }
    })
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as the first (or, with `upper`, last) YYYYMMDD it covers.
fn date_bound(s: &str, upper: bool, at: usize) -> Result<u64, QueryError> {
    let bad = || QueryError {
        position: at,
        message: format!("日期: `{s}` is not a date; write 2023-01-01, 2023-01 or 2023, ranges as A..B"),
    };
    let parts: Vec<&str> = s.split(['-', '/']).collect();
    let nums: Vec<u32> =
        parts.iter().map(|p| p.parse::<u32>().map_err(|_| bad())).collect::<Result<_, _>>()?;
    let (y, m, d) = match nums.as_slice() {
        [y] => (*y, if upper { 12 } else { 1 }, if upper { 31 } else { 1 }),
        [y, m] => {
            let last = (28..=31)
                .rev()
                .find(|&d| chrono::NaiveDate::from_ymd_opt(*y as i32, *m, d).is_some())
                .ok_or_else(bad)?;
            (*y, *m, if upper { last } else { 1 })
        }
        [y, m, d] => (*y, *m, *d),
        _ => return Err(bad()),
    };
    if !(1000..=9999).contains(&y) || chrono::NaiveDate::from_ymd_opt(y as i32, m, d).is_none() {
        return Err(bad());
    }
    Ok(u64::from(y) * 10_000 + u64::from(m) * 100 + u64::from(d))
}

/// Parse a query.
pub fn parse(query: &str) -> Result<Node, QueryError> {
    let toks = lex(query)?;
    if toks.is_empty() {
        return err(0, "empty query: type a word, a \"phrase\" or a filter such as 类型:起诉书");
    }
    let mut p = Parser { toks, pos: 0, end: query.chars().count() };
    let node = p.or(0)?;
    if p.pos < p.toks.len() {
        return err(p.at(), "unexpected ): no parenthesis is open");
    }
    Ok(node)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Node {
        Node::Term(s.into())
    }

    #[test]
    fn parses_the_language() {
        assert_eq!(parse("盗窃 电动车").unwrap(), Node::And(vec![t("盗窃"), t("电动车")]));
        assert_eq!(parse("盗窃 OR 抢劫").unwrap(), Node::Or(vec![t("盗窃"), t("抢劫")]));
        assert_eq!(parse("盗窃 -未遂").unwrap(), Node::And(vec![t("盗窃"), Node::Not(Box::new(t("未遂")))]));
        assert_eq!(parse("“认罪认罚”").unwrap(), Node::Phrase("认罪认罚".into()));
        assert_eq!(parse("罪名：盗窃").unwrap(), Node::Filter(Filter::Charge("盗窃罪".into())));
        assert_eq!(
            parse("日期:2023-01-01..2023-06").unwrap(),
            Node::Filter(Filter::Date(Some(20230101), Some(20230630)))
        );
        assert_eq!(parse("日期:2023..").unwrap(), Node::Filter(Filter::Date(Some(20230101), None)));
        assert_eq!(parse("12:30").unwrap(), t("12:30"));
        assert_eq!(
            parse("（盗窃 OR 抢劫） NOT 类型:起诉书").unwrap(),
            Node::And(vec![
                Node::Or(vec![t("盗窃"), t("抢劫")]),
                Node::Not(Box::new(Node::Filter(Filter::Type("起诉书".into()))))
            ])
        );
    }

    #[test]
    fn errors_are_clear_and_never_panic() {
        for bad in [
            "",
            "   ",
            "\"盗窃",
            "(盗窃",
            "盗窃)",
            "盗窃 AND",
            "OR 盗窃",
            "NOT",
            "日期:2023-13-01",
            "类型:",
            "日期:2024..2023",
        ] {
            let e = parse(bad).unwrap_err();
            assert!(!e.message.is_empty(), "{bad}");
        }
        let deep = "(".repeat(10_000);
        assert!(parse(&deep).is_err());
        let deep_not = "NOT ".repeat(10_000) + "a";
        assert!(parse(&deep_not).is_err());
    }
}
