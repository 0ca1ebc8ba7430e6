//! CAIL2021 conventions for persons and amounts (suspects, victims, stolen money, value, gain),
//! one invented sentence per rule: each test is a cause of misses fixed while tuning on the even
//! half of the dev split.

mod cail_support;

use anguan::extract::extract_text;
use cail_support::{elements, texts};

fn amounts(text: &str, role: &str) -> Vec<String> {
    texts(text, "amount", Some(role))
}

fn value_of(text: &str, written: &str) -> Option<serde_json::Value> {
    extract_text(text).elements.into_iter().find(|e| e.kind == "amount" && e.text == written).map(|e| e.value)
}

#[test]
fn money_moved_to_another_account_is_stolen_money() {
    let t = "被告人张某某冒用被害人李某某的手机，将人民币6320元转账至其本人的支付宝账户。";
    assert_eq!(amounts(t, "stolen_money"), ["人民币6320元"]);
    // Even when it is called 赃款: it is the money taken, moved on.
    let t = "次日，被告人张某某将赃款2400元转入其妻子的银行卡内。";
    assert_eq!(amounts(t, "stolen_money"), ["2400元"]);
}

#[test]
fn money_recovered_and_handed_back_is_stolen_money() {
    let t = "案发后，公安机关追回黄金耳环一对以及人民币1500余元并发还被害人赵某某。";
    assert_eq!(amounts(t, "stolen_money"), ["人民币1500余元"]);
    let t = "案发后扣押的650元已发还失主。";
    assert_eq!(amounts(t, "stolen_money"), ["650元"]);
}

#[test]
fn money_drawn_or_paid_out_is_stolen_money() {
    let t = "被告人钱某某持盗得的银行卡到自动取款机取款900元后将卡丢弃。";
    assert_eq!(amounts(t, "stolen_money"), ["900元"]);
}

#[test]
fn money_right_after_a_container_is_stolen_money() {
    let t = "被告人孙某某撬门入室，将抽屉内450元、存钱罐内硬币80元盗走。";
    assert_eq!(amounts(t, "stolen_money"), ["450元", "硬币80元"]);
}

#[test]
fn a_sale_price_is_a_gain_wherever_the_verb_of_selling_comes() {
    // The verb is more than a few characters after the price.
    let t = "后被告人周某某以2600元的价格将盗得的两台发电机卖给废品收购站老板吴某某。";
    assert_eq!(amounts(t, "gain"), ["2600元"]);
    // A buyer's price for stolen goods (收购) is a gain too; a purchase in a shop stays a value.
    let t = "被告人郑某某以每斤3.5元、总价8800元的价格收购陈某某盗窃的铜线。";
    assert_eq!(amounts(t, "gain"), ["8800元"]);
    let t = "被告人郑某某在某手机店以人民币4999元的价格购买一部手机。";
    assert!(amounts(t, "gain").is_empty(), "{:?}", elements(t));
}

#[test]
fn an_amount_listed_after_another_takes_its_role() {
    let t = "案发后，被告人家属退赔被害人吴某某3000元、郑某某2500元。";
    assert_eq!(amounts(t, "gain"), ["3000元", "2500元"]);
}

#[test]
fn amounts_of_unknown_size_have_no_value() {
    let t = "被告人刘某某撬开收银台，窃得现金数十元及香烟两条。";
    assert_eq!(amounts(t, "stolen_money"), ["现金数十元"]);
    assert_eq!(value_of(t, "现金数十元"), Some(serde_json::Value::Null));
    let t = "被告人刘某某翻墙进入被害人王某某家中，盗窃电线及七八十元零钱。";
    assert_eq!(amounts(t, "stolen_money"), ["七八十元零钱"]);
    // A number that is simply malformed is still no amount.
    assert!(texts("卡号末尾为壹仟零元零。", "amount", None).is_empty());
}

#[test]
fn a_value_written_with_wei() {
    let t = "经某县价格认证中心认定，被盗电动车价值人民币为1860元。";
    assert_eq!(amounts(t, "value"), ["人民币为1860元"]);
    assert_eq!(value_of(t, "人民币为1860元"), Some(serde_json::json!(1860.0)));
}

#[test]
fn cash_listed_last_among_things_taken() {
    let t = "被告人马某某进入被害人杨某某家中，盗走金项链一条（经鉴定，价值人民币3000元）及现金。";
    assert_eq!(amounts(t, "stolen_money"), ["现金"]);
    let t = "被告人马某某盗得杨某某家一部手机及部分现金；";
    assert_eq!(amounts(t, "stolen_money"), ["部分现金"]);
    // Cash followed by more things is not such a mention.
    let t = "被告人马某某盗窃学生书包内的现金及手机。";
    assert!(amounts(t, "stolen_money").is_empty(), "{:?}", elements(t));
}

#[test]
fn a_buyer_of_stolen_goods_is_a_suspect() {
    let t = "被告人韩某某窃得手机一部，后销赃给冯某某（另案处理）。";
    assert_eq!(texts(t, "person", Some("suspect")), ["韩某某", "冯某某"]);
}

#[test]
fn a_relative_with_nothing_else_to_go_by_is_someone_else() {
    let t = "案发后，被告人邱某甲女儿邱某乙已退赔被害人损失，并取得被害人的谅解。";
    assert_eq!(texts(t, "person", Some("suspect")), ["邱某甲"]);
    assert_eq!(texts(t, "person", Some("other")), ["邱某乙"]);
}

#[test]
fn names_masked_whole_after_a_cue() {
    let t = "被告人某某某与被告人田某某到某超市内盗窃，伙同某某甲将货架上的香烟盗走。";
    assert_eq!(texts(t, "person", Some("suspect")), ["某某某", "田某某", "某某甲"]);
    let t = "被告人田某某盗窃了被害人某某放在床上的一部手机。";
    assert_eq!(texts(t, "person", Some("victim")), ["某某"]);
    // A masked place after a cue is no name.
    assert!(!texts("被害人某某公司的仓库被盗。", "person", None).contains(&"某某".to_string()));
}

#[test]
fn a_name_masked_with_three_mou() {
    let t = "被告人何某某、孙某某某同张某某到某小区盗窃，由孙某某某放哨。";
    assert_eq!(texts(t, "person", Some("suspect")), ["何某某", "孙某某某", "张某某", "孙某某某"]);
}

#[test]
fn a_masked_brand_is_not_a_person() {
    let t = "被告人陈某某驾驶一辆红色宗某125型两轮摩托车，到某镇盗割电缆。";
    assert_eq!(texts(t, "person", None), ["陈某某"]);
}

#[test]
fn a_verb_after_a_cue_is_not_a_full_name() {
    let t = "后二被告人商议后共同出资购买了作案工具。";
    assert!(texts(t, "person", None).is_empty(), "{:?}", elements(t));
}

#[test]
fn a_full_name_read_one_character_too_long() {
    // A three-character name used throughout stays whole; 行至 after a two-character name used
    // throughout is a verb, not the name's third character.
    let t = "被告人冯志峰因琐事与人争吵。冯志峰随后离开。次日，被告人冯志峰行至被害人吴某某家中，盗走现金500元。冯志峰归案。";
    let names = texts(t, "person", Some("suspect"));
    assert!(names.iter().all(|n| n == "冯志峰"), "{names:?}");
    let t = "被告人方宇因琐事与人争吵。方宇随后离开。次日，被告人方宇行至被害人吴某某家中盗窃。";
    assert_eq!(texts(t, "person", Some("suspect")), ["方宇", "方宇", "方宇"]);
}

#[test]
fn an_uncued_full_name_acting_at_the_start_of_a_clause() {
    let t = "2019年3月5日下午16时左右，郝建伟进入某市某路**号，盗窃手机一部。";
    assert_eq!(texts(t, "person", Some("suspect")), ["郝建伟"]);
    // A relation (李母) or a preposition read as a surname (由) is no name.
    let t = "案发时，李母在楼上开窗呼救，由凌晨至中午无人回应。";
    assert!(texts(t, "person", None).is_empty(), "{:?}", elements(t));
}

#[test]
fn more_cues_of_gain_and_foreign_currency() {
    let t = "被告人邹某某将盗得的电瓶以300元卖出，后又销赃获款150元。";
    assert_eq!(amounts(t, "gain"), ["300元", "150元"]);
    let t = "被告人邹某某窃得被害人钱包一个，内有美金200元。";
    assert_eq!(amounts(t, "stolen_money"), ["美金200元"]);
    assert_eq!(value_of(t, "美金200元"), Some(serde_json::Value::Null));
}

#[test]
fn amounts_with_yishang_or_yu_before_wan_are_read() {
    // Both were dropped whole before: the normaliser could not read them.
    let t = "被告人邹某某盗走彩票约300张（价值人民币600元以上）。";
    assert_eq!(amounts(t, "value"), ["人民币600元以上"]);
    assert_eq!(value_of(t, "人民币600元以上"), Some(serde_json::json!(600.0)));
    let t = "被告人邹某某多次盗窃，窃得人民币20余万元。";
    assert_eq!(amounts(t, "stolen_money"), ["人民币20余万元"]);
    assert_eq!(value_of(t, "人民币20余万元"), Some(serde_json::json!(200000.0)));
}

#[test]
fn a_witness_named_at_a_clause_start_stays_a_witness() {
    // The clause-start rule finds 郝建伟 acting; his statement (郝建伟证言) makes him someone else.
    let t = "被告人邵某某驾驶三轮车运送工具，郝建伟负责开车。证据：（5）郝建伟证言，证实当晚的经过。";
    assert_eq!(texts(t, "person", Some("suspect")), ["邵某某"]);
    assert_eq!(texts(t, "person", Some("other")), ["郝建伟", "郝建伟"]);
}

#[test]
fn a_long_list_of_names_keeps_every_name_and_role() {
    // Thousands of listed names (a fuzzed document had 50,000): each is found, with its cue's role.
    let masked: Vec<String> = (0..3000).map(|i| format!("张某{}", ["甲", "乙", "丙"][i % 3])).collect();
    let text = format!("被告人{}盗窃被害人王某某的财物。", masked.join("、"));
    assert_eq!(texts(&text, "person", Some("suspect")).len(), 3000);
    assert_eq!(texts(&text, "person", Some("victim")), ["王某某"]);
    let full = "被告人张三、李四伙同王五盗窃，张三望风。".repeat(2000);
    assert_eq!(texts(&full, "person", Some("suspect")).len(), 8000);
}
