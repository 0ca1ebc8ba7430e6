//! Span conventions of stolen items, tools, places and organisations (CAIL2021 theft IE), one
//! invented sentence per general rule added while tuning on the even half of the dev split, and
//! the procedure text of an indictment that must not give a crime scene.

mod cail_support;

use cail_support::{elements, texts};

fn items(text: &str) -> Vec<String> {
    texts(text, "item", Some("stolen"))
}

#[test]
fn an_item_ends_at_its_head_not_at_the_verb_after_it() {
    // Before: "一辆电动摩托车启动" and "一辆红色电动车推走" (the object ran over the clause's verb).
    let t = "被告人孟某某用钥匙将被害人吴某某的一辆电动摩托车启动后盗走。";
    assert_eq!(items(t), ["吴某某的一辆电动摩托车"]);
    let t = "被告人孟某某将停放在门口的一辆价值900元的红色电动车推走。";
    assert!(items(t).iter().all(|i| i.ends_with("电动车")), "{:?}", elements(t));
}

#[test]
fn the_spot_a_thing_lay_on_is_not_part_of_it() {
    // A spot with a placing verb before 的 is dropped, even when it is a vehicle.
    let t = "被告人孟某某盗走被害人吴某某存放在小轿车内的一块手表。";
    assert_eq!(items(t), ["一块手表"]);
    let t = "被告人孟某某将被害人吴某某放在冰箱上的一部黑色华为手机盗走。";
    assert_eq!(items(t), ["一部黑色华为手机"]);
    // A part of a vehicle keeps the vehicle.
    let t = "被告人孟某某盗走被害人吴某某停放在路边的一辆电动自行车上的电池。";
    assert_eq!(items(t), ["一辆电动自行车上的电池"]);
    // A home with a placing verb is a spot, not an owner's household.
    let t = "被告人孟某某将被害人吴某停在家中的一辆绿色电动三轮车盗走。";
    assert_eq!(items(t), ["一辆绿色电动三轮车"]);
}

#[test]
fn a_single_verb_before_de_is_not_part_of_the_item() {
    let t = "被告人孟某某将被害人吴某某放在床头充电的1部小米手机盗走。";
    assert_eq!(items(t), ["1部小米手机"]);
}

#[test]
fn recovered_goods_are_stolen_items() {
    let t = "案发后，公安机关追回金手镯、银项链、吊坠以及人民币500余元并发还被害人。";
    assert_eq!(items(t), ["金手镯", "银项链", "吊坠"]);
    let t = "海尔牌冰箱、美的牌空调、格力牌洗衣机已被依法扣押并发还被害人。";
    assert_eq!(items(t), ["海尔牌冰箱", "美的牌空调", "格力牌洗衣机"]);
    let t = "案发后，公安机关将涉案3部手机已全部追回。";
    assert_eq!(items(t), ["3部手机"]);
    let t = "吴某某的手机已被起获。";
    assert_eq!(items(t), ["吴某某的手机"]);
}

#[test]
fn seized_tools_are_not_items() {
    let t = "民警从被告人孟某某处缴获作案工具手电筒一个、铁丝二根。";
    assert!(items(t).is_empty(), "{:?}", elements(t));
}

#[test]
fn he_joins_two_things_only_as_a_word_outside_quotes() {
    let t = "被告人孟某某窃得“和顺”香烟1条、两包和气生财香烟。";
    assert_eq!(items(t), ["“和顺”香烟1条", "两包和气生财香烟"]);
    let t = "被告人孟某某窃得现金300元及各类香烟。";
    assert_eq!(items(t), ["各类香烟"]);
}

#[test]
fn later_mentions_of_a_stolen_thing_are_items() {
    let t = "被告人孟某某窃得被害人吴某某的一台电视机，后将电视机卖给他人。";
    assert_eq!(items(t), ["吴某某的一台电视机", "电视机"]);
}

#[test]
fn goods_sold_on_or_hidden_are_items_without_a_theft_verb() {
    let t = "被告人孟某某明知该批电缆线为犯罪所得，仍将电缆线藏在自家仓库内。";
    assert!(items(t).contains(&"电缆线".to_string()), "{:?}", elements(t));
}

#[test]
fn a_thing_valued_after_daoqie_keeps_the_verb() {
    let t = "综上，被告人孟某某共盗窃3次，盗窃电瓶价值人民币1800元。";
    assert_eq!(items(t), ["盗窃电瓶"]);
    // Not after 被 (被盗窃电瓶: the victim's loss).
    let t = "经鉴定，被害人吴某某被盗窃电瓶价值人民币1800元。";
    assert!(!items(t).contains(&"盗窃电瓶".to_string()), "{:?}", elements(t));
}

#[test]
fn clauses_are_not_items() {
    let t = "被告人孟某某三次盗窃物品价格合计为1500元。";
    assert!(items(t).is_empty(), "{:?}", elements(t));
}

#[test]
fn a_place_runs_over_a_two_character_locative() {
    let t = "被告人孟某某在江城市东湖区幸福小区3栋地下车库电梯背后，盗走被害人吴某某的一辆电动车。";
    assert_eq!(texts(t, "place", None), ["江城市东湖区幸福小区3栋地下车库电梯背后"]);
}

#[test]
fn the_agency_of_a_valuation_is_an_organisation() {
    let t = "经某某县价格评估中心评估，被盗手机价值人民币1300元。";
    assert_eq!(texts(t, "organization", None), ["某某县价格评估中心"]);
    let t = "经某某市文物鉴定组鉴定：被盗木雕价值人民币2000元。";
    assert_eq!(texts(t, "organization", None), ["某某市文物鉴定组"]);
}

#[test]
fn a_vehicle_that_describes_a_person_is_not_a_tool() {
    let t = "被告人孟某某雇请骑三轮车的吴某某将所盗钢材运走。";
    assert!(texts(t, "tool", None).is_empty(), "{:?}", elements(t));
}

#[test]
fn a_tool_list_goes_over_words_that_hold_a_stop_character() {
    // 行 (a stop word, 行至) inside 电动自行车 must not end the list.
    let t = "民警当场扣押作案工具电动自行车钥匙若干及螺丝刀、扳手。";
    assert_eq!(texts(t, "tool", None), ["电动自行车钥匙若干", "螺丝刀", "扳手"]);
}

#[test]
fn procedure_text_of_an_indictment_is_not_a_crime_scene() {
    // A whole document: the plea clause "在值班律师X在场的情况下签署…" was marked as a place.
    let doc = "某某市某某区人民检察院\n起诉书\n某检刑诉〔2023〕100号\n\
               被告人孟某某，男，1990年3月7日出生，汉族，初中文化，无业。\n\
               经依法审查查明：2023年6月13日14时许，被告人孟某某在江城市东湖区幸福超市内窃得手机一部，价值人民币1000元。\n\
               被告人孟某某同意本案适用简易程序，于2023年6月20日在值班律师刘某某在场的情况下签署了认罪认罚具结书。\n\
               此致\n某某市某某区人民法院\n";
    let places = texts(doc, "place", None);
    assert!(places.iter().all(|p| !p.contains("律师") && !p.contains("具结书")), "{places:?}");
    assert!(places.iter().any(|p| p.contains("超市")), "{places:?}");
    let t = "被告人孟某某在王某的协助下签署认罪认罚具结书。";
    assert!(texts(t, "place", None).is_empty(), "{:?}", elements(t));
}

#[test]
fn a_tool_right_before_jiang_is_the_instrument() {
    let t = "被告人孟某某从院内找了一根铁棍将窗户撬开进入屋内。";
    assert_eq!(texts(t, "tool", None), ["铁棍"]);
    // Not a tool word inside another word (下车).
    let t = "被告人孟某某下车将被害人吴某某的电动车推走。";
    assert!(texts(t, "tool", None).is_empty(), "{:?}", elements(t));
}

#[test]
fn a_total_count_after_a_thing_is_part_of_it() {
    let t = "被告人孟某某多次盗窃电动车共计5辆。";
    assert_eq!(items(t), ["电动车共计5辆"]);
    // A total value is not a count.
    let t = "被告人孟某某五次盗窃电动车共计价值人民币3000元。";
    assert!(!items(t).iter().any(|i| i.contains("价值")), "{:?}", elements(t));
}
