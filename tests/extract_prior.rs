//! Prior convictions are not this case's charges or sentence; recommended and judged sentences
//! (with their fines) are. Fictitious texts.

use anguan::extract::{PersonFacts, extract_text};

fn suspect(text: &str, name: &str) -> PersonFacts {
    let ex = extract_text(text);
    ex.persons
        .into_iter()
        .find(|p| p.role == "suspect" && p.name.as_ref().is_some_and(|n| n.value == name))
        .unwrap_or_else(|| panic!("no suspect {name}"))
}

fn charges(p: &PersonFacts) -> Vec<&str> {
    p.charges.iter().map(|c| c.value.as_str()).collect()
}

const INDICTMENT: &str = "北京市朝阳区人民检察院\n起诉书\n京朝检刑诉〔2023〕88号\n\
被告人张某某，男，1990年3月7日出生，汉族，初中文化，无业，户籍地北京市朝阳区某某路8号。\
曾因犯盗窃罪于2019年5月被北京市朝阳区人民法院判处有期徒刑一年六个月，并处罚金人民币三千元，2020年11月刑满释放。\
因涉嫌犯盗窃罪于2023年6月13日被北京市公安局朝阳分局刑事拘留，同年6月20日被依法逮捕。\n\
经依法审查查明：2023年5月28日，被告人张某某在北京市朝阳区某某超市内窃取被害人李某手机一部，价值人民币3000元。\n\
本院认为，被告人张某某以非法占有为目的，秘密窃取他人财物，数额较大，其行为触犯了《中华人民共和国刑法》第二百六十四条，\
犯罪事实清楚，证据确实、充分，应当以盗窃罪追究其刑事责任。被告人张某某系累犯，应当从重处罚。\
被告人张某某自愿认罪认罚，建议判处被告人张某某有期徒刑一年二个月，并处罚金人民币五千元。\n";

#[test]
fn prior_conviction_in_indictment_is_not_the_sentence() {
    let p = suspect(INDICTMENT, "张某某");
    let s = &p.sentence.as_ref().expect("the recommended sentence").value;
    assert_eq!(
        (s.penalty.as_str(), s.min_months, s.max_months, s.fine),
        ("有期徒刑", Some(14), Some(14), Some(5000.0))
    );
    assert!(p.prior_record.as_ref().unwrap().value);
    assert!(p.recidivist.as_ref().unwrap().value);
    assert_eq!(charges(&p), ["盗窃罪"]);
}

#[test]
fn prior_robbery_is_not_a_current_charge() {
    let text = "被告人王某，男，1985年1月2日出生，汉族，小学文化，农民。\
曾因犯抢劫罪于2012年3月被某某县人民法院判处有期徒刑三年，2014年9月刑满释放。\
因涉嫌诈骗罪于2023年2月1日被某某县公安局刑事拘留。\n\
某某县人民检察院指控被告人王某犯诈骗罪一案，本院依法适用简易程序审理。\n\
本院认为，被告人王某以非法占有为目的，骗取他人财物，数额较大，其行为已构成诈骗罪。\
依照《中华人民共和国刑法》第二百六十六条之规定，判决如下：\n\
被告人王某犯诈骗罪，判处有期徒刑八个月，并处罚金人民币二千元。\n";
    let p = suspect(text, "王某");
    assert_eq!(charges(&p), ["诈骗罪"]);
    let s = &p.sentence.as_ref().expect("the judged sentence").value;
    assert_eq!((s.min_months, s.fine), (Some(8), Some(2000.0)));
    assert!(p.prior_record.as_ref().unwrap().value);
}

#[test]
fn judgment_decision_outranks_the_case_title_list_and_earlier_judgments() {
    let text = "原审被告人赵某，男，1980年5月6日出生，汉族。2010年1月5日因犯抢劫罪被某某县人民法院判处有期徒刑二年，缓刑三年。\
因涉嫌强迫交易罪于2022年5月29日被刑事拘留。\n\
原审被告人钱某，男，1982年7月8日出生，汉族。因涉嫌强迫交易罪于2022年5月29日被刑事拘留。\n\
某某区人民法院审理某某区人民检察院指控原审被告人赵某、钱某犯强迫交易罪、寻衅滋事罪一案，作出刑事判决。\
原判认定，被告人钱某殴打他人。原审判决：被告人钱某犯强迫交易罪，判处有期徒刑四年，并处罚金人民币40000元。\
被告人赵某犯寻衅滋事罪，判处有期徒刑一年二个月；撤销某某县人民法院（2010）某刑初字第2号刑事判决书中被告人赵某犯抢劫罪判处有期徒刑二年，缓刑三年的缓刑部分，决定执行有期徒刑二年六个月。\n\
本院认为，原判认定事实清楚。赵某在缓刑考验期内犯新罪，不构成累犯，原判亦未认定其系累犯。\n";
    let zhao = suspect(text, "赵某");
    assert_eq!(charges(&zhao), ["寻衅滋事罪"], "not the robbery of 2010 nor the co-defendant's charge");
    assert_eq!(zhao.sentence.as_ref().unwrap().value.min_months, Some(30), "决定执行 is the sentence");
    assert!(zhao.prior_record.as_ref().unwrap().value);
    assert!(zhao.recidivist.is_none(), "不构成累犯 / 未认定其系累犯");
    let qian = suspect(text, "钱某");
    assert_eq!(charges(&qian), ["强迫交易罪"]);
    let s = &qian.sentence.as_ref().unwrap().value;
    assert_eq!((s.min_months, s.fine), (Some(48), Some(40000.0)));
    assert!(qian.prior_record.is_none());
}

#[test]
fn fines_attach_to_the_sentence() {
    let p = suspect(
        "被告人孙某某醉酒驾驶机动车，其行为已构成危险驾驶罪。建议判处被告人孙某某拘役三个月，缓刑四个月，并处罚金人民币二千元。",
        "孙某某",
    );
    let s = &p.sentence.as_ref().unwrap().value;
    assert_eq!(
        (s.penalty.as_str(), s.min_months, s.probation_months, s.fine),
        ("拘役", Some(3), Some(4), Some(2000.0))
    );
    let p =
        suspect("被告人周某某自愿认罪认罚。建议判处被告人周某某拘役或有期徒刑一年以下，并处罚金。", "周某某");
    let s = &p.sentence.as_ref().unwrap().value;
    assert_eq!(
        (s.penalty.as_str(), s.kind.as_deref(), s.min_months, s.max_months, s.fine),
        ("有期徒刑", Some("幅度刑"), None, Some(12), None)
    );
    let p = suspect("量刑建议：建议判处被告人吴某某有期徒刑六个月至一年；并处罚金人民币3,000元。", "吴某某");
    let s = &p.sentence.as_ref().unwrap().value;
    assert_eq!((s.min_months, s.max_months, s.fine), (Some(6), Some(12), Some(3000.0)));
}

#[test]
fn surrender_excludes_confession_and_compensation_is_not_restitution() {
    let text = "被告人王某某，男，1990年1月1日出生。被告人王某某犯罪以后自动投案，如实供述自己的罪行，系自首。\
                被告人王某某已赔偿被害人经济损失并取得被害人谅解。";
    let ex = anguan::extract::extract_text(text);
    let p = ex.persons.iter().find(|p| p.name.as_ref().is_some_and(|n| n.value == "王某某")).unwrap();
    let labels: Vec<&str> = p.circumstances.iter().map(|c| c.value.as_str()).collect();
    assert!(labels.contains(&"自首"), "{labels:?}");
    assert!(labels.contains(&"取得谅解"), "{labels:?}");
    assert!(!labels.contains(&"坦白"), "{labels:?}");
    assert!(!labels.contains(&"退赃退赔"), "{labels:?}");

    let theft = "被告人李某某，男。案发后，被告人李某某退赔被害人全部损失。";
    let ex = anguan::extract::extract_text(theft);
    let labels: Vec<&str> = ex.persons[0].circumstances.iter().map(|c| c.value.as_str()).collect();
    assert!(labels.contains(&"退赃退赔"), "{labels:?}");
}

#[test]
fn the_offense_date_is_read_from_the_facts_not_the_procedure() {
    let text = "北京市朝阳区人民检察院\n起诉书\n京朝检刑诉〔2023〕5号\n\
                被告人王某某，男，1990年1月1日出生。\n\
                本案由北京市公安局朝阳分局侦查终结，以被告人王某某涉嫌故意伤害罪，于2023年6月26日向本院移送审查起诉。\n\
                经依法审查查明：\n2023年5月2日21时许，被告人王某某在北京市朝阳区某某街与被害人谢某某发生口角，致其轻伤二级。\n\
                本院认为，被告人王某某故意伤害他人身体，其行为触犯了《中华人民共和国刑法》第二百三十四条第一款。\n";
    let doc =
        anguan::ingest::Document::from_text("起诉书.txt", anguan::ingest::Format::Txt, text.to_string(), 1);
    let ex = anguan::extract::extract_document(&doc);
    let p = ex.persons.iter().find(|p| p.role == "suspect").unwrap();
    assert_eq!(p.offense_date.as_ref().map(|d| d.value.to_string()).as_deref(), Some("2023-05-02"));
}
