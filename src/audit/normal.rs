//! Values compared after normalisation: full-width → half-width, spaces and name dots removed,
//! 初中文化 → 初中, 汉 → 汉族, bracket styles of 文号 unified, charges to their canonical name.
//! Two values are "the same" when their normalised forms are equal (numbers: within tolerance).

use chrono::NaiveDate;

use super::rules::RuleSet;

/// A card or document value of any item.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Text(String),
    Date(NaiveDate),
    Num(f64),
    Bool(bool),
    List(Vec<String>),
}

impl Val {
    /// The value as shown in findings.
    pub fn show(&self) -> String {
        match self {
            Val::Text(s) => s.clone(),
            Val::Date(d) => d.to_string(),
            Val::Num(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Val::Num(n) => n.to_string(),
            Val::Bool(b) => if *b { "是" } else { "否" }.to_string(),
            Val::List(l) => l.join("、"),
        }
    }
}

/// How an item's text is normalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Norm {
    Plain,
    Name,
    Id,
    Education,
    Ethnicity,
    Charge,
    Statute,
    DocNumber,
    Measure,
    Procedure,
}

/// Full-width ASCII → ASCII, whitespace removed.
pub fn text(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0),
            c if c.is_whitespace() => None,
            c => Some(c),
        })
        .collect::<String>()
        .trim_end_matches(['。', '，', ',', '；', ';', '.'])
        .to_string()
}

/// Normalise a text value of an item.
pub fn norm(s: &str, how: Norm, rules: &RuleSet) -> String {
    let t = text(s);
    match how {
        Norm::Plain => t,
        Norm::Name => t.chars().filter(|c| !matches!(c, '·' | '•' | '・' | '.')).collect(),
        Norm::Id => t.to_uppercase(),
        Norm::Education => {
            let mut e = t;
            for suffix in &rules.normalize.education_suffixes {
                if let Some(stripped) = e.strip_suffix(suffix.as_str())
                    && !stripped.is_empty()
                {
                    e = stripped.to_string();
                }
            }
            rules.normalize.education.get(&e).cloned().unwrap_or(e)
        }
        Norm::Ethnicity => {
            if t.chars().count() == 1 {
                format!("{t}族")
            } else {
                t
            }
        }
        Norm::Charge => rules.canonical_charge(&t),
        Norm::Statute => article(
            &t.replace(['《', '》'], "").replace("中华人民共和国", "").replace("刑事诉讼法", "刑诉法"),
        ),
        Norm::DocNumber => t
            .chars()
            .map(|c| match c {
                '[' | '［' | '【' | '(' | '（' | '〔' => '〔',
                ']' | '］' | '】' | ')' | '）' | '〕' => '〕',
                c => c,
            })
            .collect(),
        Norm::Measure => rules.normalize.measure.get(&t).cloned().unwrap_or(t),
        Norm::Procedure => rules.normalize.procedure.get(&t).cloned().unwrap_or(t),
    }
}

/// A citation cut to its article: `刑法第133条之一第1款第2项` → `刑法第133条之一` (documents and cards
/// differ in how far down to 款 and 项 they cite).
fn article(s: &str) -> String {
    let Some(pos) = s.find('条') else { return s.to_string() };
    let (head, tail) = s.split_at(pos + '条'.len_utf8());
    let mut out = head.to_string();
    if let Some(rest) = tail.strip_prefix('之') {
        out.push('之');
        out.extend(rest.chars().take_while(|c| !matches!(c, '第' | '、' | '，' | ',')));
    }
    out
}

/// Whether two values of an item are the same after normalisation (for lists of citations, `a` is
/// the card's value and `b` the document's).
pub fn same(a: &Val, b: &Val, how: Norm, tolerance: f64, rules: &RuleSet) -> bool {
    match (a, b) {
        (Val::Text(x), Val::Text(y)) => norm(x, how, rules) == norm(y, how, rules),
        (Val::Num(x), Val::Num(y)) => (x - y).abs() <= tolerance,
        // Citations: every article the document cites must be on the card (`a`); the card may be
        // more precise or cite more (a document's citation list is often partial).
        (Val::List(x), Val::List(y)) if how == Norm::Statute => {
            list_set(y, how, rules).is_subset(&list_set(x, how, rules))
        }
        (Val::List(x), Val::List(y)) => list_set(x, how, rules) == list_set(y, how, rules),
        _ => a == b,
    }
}

/// A list as a sorted set of normalised items.
pub fn list_set(items: &[String], how: Norm, rules: &RuleSet) -> std::collections::BTreeSet<String> {
    items.iter().map(|s| norm(s, how, rules)).filter(|s| !s.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_makes_spellings_equal() {
        let r = RuleSet::load().unwrap();
        assert_eq!(norm("初中文化", Norm::Education, &r), "初中");
        assert_eq!(norm("本科", Norm::Education, &r), "大学本科");
        assert_eq!(norm("汉", Norm::Ethnicity, &r), "汉族");
        assert_eq!(norm("京朝检刑诉[2023]１２３号", Norm::DocNumber, &r), "京朝检刑诉〔2023〕123号");
        assert_eq!(norm("醉驾", Norm::Charge, &r), "危险驾驶罪");
        assert_eq!(norm("盗窃", Norm::Charge, &r), "盗窃罪");
        assert_eq!(norm("刑法第133条之一第1款第2项", Norm::Statute, &r), "刑法第133条之一");
        assert_eq!(norm("刑法第67条第3款", Norm::Statute, &r), "刑法第67条");
        let card = Val::List(vec!["刑法第264条".into(), "刑法第67条第3款".into()]);
        assert!(same(&card, &Val::List(vec!["刑法第264条".into()]), Norm::Statute, 0.0, &r));
        assert!(!same(&card, &Val::List(vec!["刑法第266条".into()]), Norm::Statute, 0.0, &r));
        assert_eq!(norm("阿卜杜·热合曼", Norm::Name, &r), "阿卜杜热合曼");
        assert!(same(&Val::Num(352.0), &Val::Num(352.3), Norm::Plain, 0.5, &r));
        assert!(!same(&Val::Text("初中".into()), &Val::Text("高中文化".into()), Norm::Education, 0.0, &r));
    }
}
