//! The CAIL2021 annotation conventions the extractor follows, one realistic (fictitious) sentence
//! per rule: each test is a bug that was fixed while tuning on the even half of the dev split.

mod cail_support;

use cail_support::{elements, texts};

#[test]
fn evidence_headings_are_not_names() {
    // jieba's dictionary tags 陈述 as a person name; after 被害人 it must not become one.
    let t = "认定上述事实的证据如下：被害人陈述、证人证言、犯罪嫌疑人供述。";
    assert!(texts(t, "person", None).is_empty(), "{:?}", elements(t));
}

#[test]
fn a_full_name_stops_before_xian() {
    assert_eq!(texts("被告人蒋毅现住某市某区。", "person", Some("suspect")), ["蒋毅"]);
    assert_eq!(texts("被告人黄某窜至某县某镇。", "person", Some("suspect")), ["黄某"]);
}

#[test]
fn transliterated_names_after_a_cue() {
    let t = "被告人艾力·吐尔孙、努尔艾力·麦麦提二人以行窃为目的来到某县某住宅楼前面。";
    assert_eq!(texts(t, "person", Some("suspect")), ["艾力·吐尔孙", "努尔艾力·麦麦提"]);
}

#[test]
fn the_agent_of_a_passive_theft_is_the_suspect() {
    let t = "林某某发现其被彭某某盗窃钱财。";
    assert_eq!(texts(t, "person", Some("suspect")), ["彭某某"]);
    assert_eq!(texts(t, "person", Some("victim")), ["林某某"]);
}

#[test]
fn a_place_starts_after_weiyu() {
    let t = "被告人王某某撬门进入被害人荣某某位于山东省济宁市兖州区某小区3号楼的家中，窃取现金人民币500元。";
    assert_eq!(texts(t, "place", None), ["山东省济宁市兖州区某小区3号楼的家中"]);
}

#[test]
fn places_listed_with_dunhao_and_not_where_goods_were_sold() {
    let t = "被告人洪某甲先后来到竹溪县、十堰市城区、郧阳区等地盗窃，后将所盗手机卖到某市某区某废品回收站。";
    assert_eq!(texts(t, "place", None), ["竹溪县", "十堰市城区", "郧阳区"]);
}

#[test]
fn generic_things_are_not_items_but_listed_things_are() {
    let t = "综上，被告人黄某某盗窃作案5起，窃得财物共计价值人民币4027元。";
    assert!(texts(t, "item", None).is_empty(), "{:?}", elements(t));
    let t = "被告人孙某某盗得一串老凤祥牌金项链，一块汉密尔顿牌机械男士手表、一个纯银手镯。";
    assert_eq!(
        texts(t, "item", Some("stolen")),
        ["一串老凤祥牌金项链", "一块汉密尔顿牌机械男士手表", "一个纯银手镯"]
    );
}

#[test]
fn tools_listed_with_dunhao() {
    let t = "被告人皮某某携带起子、剪刀来到石门县某街道老西门社区。";
    assert_eq!(texts(t, "tool", None), ["起子", "剪刀"]);
}

#[test]
fn amount_roles_follow_the_annotators() {
    // A case total is a value, as is an exchange rate.
    assert_eq!(texts("被告人李某某盗窃作案两起，涉案数额共计4694元。", "amount", Some("value")), ["4694元"]);
    let t = "被告人潘某某窃得被害人刘某某放置在两台自动香烟售货机内的人民币400余元。";
    assert_eq!(texts(t, "amount", Some("stolen_money")), ["人民币400余元"]);
}

#[test]
fn days_listed_with_dunhao_are_one_time() {
    let t = "2018年6月16日、17日凌晨，被告人梁某某在某小区盗走电动车电瓶2个。";
    assert_eq!(texts(t, "time", None), ["2018年6月16日、17日凌晨"]);
}

#[test]
fn names_in_an_evidence_list_are_someone_else() {
    let t = "上述事实，有安某某出具的证明、证人李某某的证言等证据证实。";
    assert!(texts(t, "person", Some("suspect")).is_empty(), "{:?}", elements(t));
    assert_eq!(texts(t, "person", Some("other")), ["安某某", "李某某"]);
}

#[test]
fn a_list_after_a_lead_in_takes_bare_item_nouns() {
    let t = "被告人王某某窃得张某某放在车内的挎包，包内有钱包、银行卡、身份证等财物。";
    assert_eq!(texts(t, "item", Some("stolen")), ["挎包", "钱包", "银行卡", "身份证"]);
}

#[test]
fn the_thing_a_value_is_given_for() {
    let t = "被告人赵某某盗窃被害人钱某某放在店内的价值人民币192元的电瓶4个。";
    assert_eq!(texts(t, "item", Some("stolen")), ["电瓶4个"]);
    assert_eq!(texts(t, "amount", Some("value")), ["人民币192元"]);
}

#[test]
fn a_name_ends_before_a_stop_even_where_it_makes_a_word() {
    // 安多 is a place name in jieba's dictionary; 多 cannot continue a name.
    let t = "被告人黎某某伙同被告人邓军安多次来到本市盗窃电动自行车，后将电动自行车低价变卖。";
    assert_eq!(texts(t, "person", Some("suspect")), ["黎某某", "邓军安"]);
    assert_eq!(texts(t, "item", Some("stolen")), ["电动自行车", "电动自行车"]);
}
