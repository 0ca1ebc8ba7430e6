//! The normalisers on the forms found in real documents (spec §4, domain-reference §1.6).

use anguan::normalize::*;
use chrono::NaiveDate;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn every_listed_date_form() {
    assert_eq!(parse_date("2023年6月13日"), Some(d(2023, 6, 13)));
    assert_eq!(parse_date("二〇二三年六月十三日"), Some(d(2023, 6, 13)));
    assert_eq!(parse_date("二○二三年十月二十日"), Some(d(2023, 10, 20)));
    assert_eq!(parse_date("2023.6.13"), Some(d(2023, 6, 13)));
    let text = "于2023年6月13日被刑事拘留，同年6月20日被逮捕，次日送押，当日告知，同月28日取保。";
    let dates: Vec<_> = find_dates(text).into_iter().map(|m| m.date).collect();
    assert_eq!(
        dates,
        vec![
            Some(d(2023, 6, 13)),
            Some(d(2023, 6, 20)),
            Some(d(2023, 6, 21)),
            Some(d(2023, 6, 21)),
            Some(d(2023, 6, 28))
        ]
    );
    assert_eq!(parse_time("14时许").map(|t| t.to_string()), Some("14:00:00".into()));
    assert_eq!(parse_time("23时40分").map(|t| t.to_string()), Some("23:40:00".into()));
}

#[test]
fn every_listed_amount_form() {
    for (s, v) in [
        ("人民币6,850元", 6850.0),
        ("6850元", 6850.0),
        ("6.85万元", 68500.0),
        ("人民币陆仟捌佰伍拾元", 6850.0),
        ("一万二千元", 12000.0),
        ("共计价值人民币6,850元", 6850.0),
        ("价值约3000元", 3000.0),
    ] {
        assert_eq!(parse_amount(s), Some(v), "{s}");
    }
}

#[test]
fn terms_and_statutes() {
    assert_eq!(parse_term("有期徒刑一年六个月").map(|t| t.months), Some(18));
    assert_eq!(parse_term("拘役三个月").map(|t| (t.kind, t.months)), Some(("拘役".into(), 3)));
    assert_eq!(parse_term("缓刑一年").map(|t| t.months), Some(12));
    let cites: Vec<String> = find_citations(
        "依照《中华人民共和国刑法》第二百六十四条、第二十五条第一款，第一百三十三条之一第一款第（二）项，\
         《中华人民共和国刑事诉讼法》第十五条，刑诉法第一百七十六条",
    )
    .into_iter()
    .map(|c| c.value)
    .collect();
    assert_eq!(
        cites,
        [
            "刑法第264条",
            "刑法第25条第1款",
            "刑法第133条之一第1款第2项",
            "刑事诉讼法第15条",
            "刑事诉讼法第176条"
        ]
    );
}

#[test]
fn id_numbers() {
    let id = parse_id("110105198803151232").unwrap();
    assert_eq!((id.birth_date, id.gender.as_str()), (d(1988, 3, 15), "男"));
    assert_eq!(parse_id("130121199502280047").map(|i| i.gender), Some("女".into()));
    assert_eq!(check_id("110105198803151233"), Err(IdError::Checksum));
    assert!(parse_id("１１０１０５１９８８０３１５１２３２").is_some(), "full-width digits");
    assert_eq!(to_halfwidth("ＡＢＣ１２３"), "ABC123");
}

#[test]
fn malformed_input_gives_no_value() {
    assert_eq!(parse_date("二〇二三年十三月"), None);
    assert!(find_dates("二〇二三年十三月").iter().all(|m| m.date.is_none() && m.month.is_none()));
    assert_eq!(parse_amount("壹仟零元零"), None);
    assert_eq!(check_id("11010519880315123"), Err(IdError::Format), "17 digits");
    assert_eq!(parse_id("11010519880315123"), None);
    assert_eq!(parse_term("有期徒刑一年十三个月"), None);
    assert_eq!(normalize_article("刑法", "第十十条"), None);
}

#[test]
fn spoken_and_large_amounts() {
    assert_eq!(parse_amount("三百块钱"), Some(300.0));
    assert_eq!(parse_amount("450块"), Some(450.0));
    assert_eq!(parse_amount("一块五毛"), Some(1.5));
    assert_eq!(parse_amount("三块五"), Some(3.5));
    assert_eq!(parse_amount("2亿余元"), Some(2e8));
    assert_eq!(parse_amount("一千来块钱"), Some(1000.0));
    assert_eq!(parse_amount("13万9千余元"), Some(139000.0));
    assert_eq!(parse_amount("1千2百元"), Some(1200.0));
    assert_eq!(parse_amount("3百4千元"), None, "units must decrease");
    // Not amounts: a classifier phrase, a 块 followed by more numerals, a trailing 零.
    assert_eq!(parse_amount("手表一块"), None);
    assert_eq!(parse_amount("三块五十"), None);
    assert_eq!(parse_amount("壹仟零元零"), None);
}
