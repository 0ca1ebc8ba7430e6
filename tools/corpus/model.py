"""The case model: organisations, persons, sentences, cases; derived values (ID, statutes, card)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field

from common import D, add_days, make_id

# One entry per procuratorate: its court, police, custody place and codes.
ORGS = {
    "cy": dict(proc="北京市朝阳区人民检察院", abbr="京朝检", police="北京市公安局朝阳分局", pabbr="京公朝",
               court="北京市朝阳区人民法院", ccode="京0105", appeal="北京市第三中级人民法院",
               upper="北京市人民检察院第三分院", jail="北京市朝阳区看守所", unit="110105"),
    "pd": dict(proc="上海市浦东新区人民检察院", abbr="沪浦检", police="上海市公安局浦东分局", pabbr="沪公浦",
               court="上海市浦东新区人民法院", ccode="沪0115", appeal="上海市第一中级人民法院",
               upper="上海市人民检察院第一分院", jail="上海市浦东新区看守所", unit="310115"),
    "xh": dict(proc="浙江省杭州市西湖区人民检察院", abbr="杭西检", police="杭州市公安局西湖区分局",
               pabbr="杭公西", court="杭州市西湖区人民法院", ccode="浙0106", appeal="浙江省杭州市中级人民法院",
               upper="浙江省杭州市人民检察院", jail="杭州市西湖区看守所", unit="330106"),
    "ns": dict(proc="广东省深圳市南山区人民检察院", abbr="深南检", police="深圳市公安局南山分局", pabbr="深公南",
               court="深圳市南山区人民法院", ccode="粤0305", appeal="广东省深圳市中级人民法院",
               upper="广东省深圳市人民检察院", jail="深圳市南山区看守所", unit="440305"),
    "gl": dict(proc="江苏省南京市鼓楼区人民检察院", abbr="宁鼓检", police="南京市公安局鼓楼分局", pabbr="宁公鼓",
               court="南京市鼓楼区人民法院", ccode="苏0106", appeal="江苏省南京市中级人民法院",
               upper="江苏省南京市人民检察院", jail="南京市鼓楼区看守所", unit="320106"),
    "wh": dict(proc="四川省成都市武侯区人民检察院", abbr="成武检", police="成都市公安局武侯区分局",
               pabbr="成公武", court="成都市武侯区人民法院", ccode="川0107", appeal="四川省成都市中级人民法院",
               upper="四川省成都市人民检察院", jail="成都市武侯区看守所", unit="510107"),
}

# Charge → (article as cited in words, normalised statute, short name used in case names).
CHARGES = {
    "危险驾驶罪": ("第一百三十三条之一第一款第（二）项", "刑法第133条之一第1款第2项"),
    "盗窃罪": ("第二百六十四条", "刑法第264条"),
    "帮助信息网络犯罪活动罪": ("第二百八十七条之二第一款", "刑法第287条之二第1款"),
    "诈骗罪": ("第二百六十六条", "刑法第266条"),
    "故意伤害罪": ("第二百三十四条第一款", "刑法第234条第1款"),
    "交通肇事罪": ("第一百三十三条", "刑法第133条"),
    "开设赌场罪": ("第三百零三条第二款", "刑法第303条第2款"),
    "寻衅滋事罪": ("第二百九十三条第一款第（一）项", "刑法第293条第1款第1项"),
    "贩卖毒品罪": ("第三百四十七条第四款", "刑法第347条第4款"),
    "掩饰、隐瞒犯罪所得罪": ("第三百一十二条第一款", "刑法第312条第1款"),
}

JOINT = ("第二十五条第一款", "刑法第25条第1款")

# Circumstance → (cited article in words, normalised) for those the documents cite an article for.
CIRC_ARTICLE = {
    "累犯": ("第六十五条第一款", "刑法第65条第1款"),
    "从犯": ("第二十七条", "刑法第27条"),
    "自首": ("第六十七条第一款", "刑法第67条第1款"),
    "坦白": ("第六十七条第三款", "刑法第67条第3款"),
}
CIRC_ORDER = ["累犯", "从犯", "自首", "坦白", "退赃退赔", "取得谅解", "认罪认罚"]


def add_months(d: D, n: int) -> D:
    """Same day n months later, clamped to the month's last day (the 期间 rule)."""
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    m += 1
    last = calendar.monthrange(y, m)[1]
    if d.day == calendar.monthrange(d.year, d.month)[1]:
        return D(y, m, last)
    return D(y, m, min(d.day, last))


@dataclass
class Sentence:
    kind: str  # 确定刑 / 幅度刑
    penalty: str  # 有期徒刑 / 拘役 / 管制
    min_months: int
    max_months: int
    probation: bool = False
    probation_months: int = 0
    fine: int | None = None

    def card(self) -> dict:
        out = {"kind": self.kind, "penalty": self.penalty, "min_months": self.min_months,
               "max_months": self.max_months, "probation": self.probation}
        if self.fine is not None:
            out["fine"] = self.fine
        return out


def fixed(penalty: str, months: int, fine: int | None = None, probation: int = 0) -> Sentence:
    return Sentence("确定刑", penalty, months, months, probation > 0, probation, fine)


def ranged(penalty: str, lo: int, hi: int, fine: int | None = None) -> Sentence:
    return Sentence("幅度刑", penalty, lo, hi, False, 0, fine)


@dataclass
class Person:
    name: str
    gender: str
    birth: D
    region: str  # 6-digit code of the ID
    seq: int
    ethnicity: str
    education: str  # card form: 初中, 高中, 大学本科 …
    occupation: str
    domicile: str
    address: str
    measures: list  # [(kind, date)]
    offense: D
    plea: bool = True
    plea_date: D | None = None
    sentence: Sentence | None = None
    circumstances: list = field(default_factory=list)
    prior: str | None = None  # the 前科 sentence as written, or None → 无前科
    recidivist: bool = False
    bac: float | None = None
    lawyer: str = ""  # 值班律师 name, or "辩护人X，Y律师事务所律师" via counsel
    counsel: str | None = None  # 辩护人 (a retained lawyer) "李某某，北京某某律师事务所律师"
    disposal: str = "起诉"
    charge: str | None = None  # defaults to the case charge

    @property
    def id_number(self) -> str:
        return make_id(self.region, self.birth, self.seq, self.gender)

    @property
    def in_custody(self) -> bool:
        return bool(self.measures) and self.measures[-1][0] == "逮捕"


@dataclass
class Case:
    key: str
    org: str
    charge: str
    year: int
    bmsah: int  # 5-digit serial of the 部门受案号
    docno: int  # 起诉书 / 不起诉决定书 serial
    prosecutor: str
    assistant: str
    persons: list
    transfer: D
    received: D
    closed: D
    facts: list  # paragraphs; "{R}" is the role word (被告人 / 犯罪嫌疑人 / 被不起诉人)
    arrest_story: str  # 到案经过, with {R}
    evidence: list  # [(category, text)]
    holding: str  # 本院认为 behaviour summary (after the names)
    docs: list  # [(doc type, format)] format: docx / pdf / txt / txt-gbk / txt-bom
    procedure: str = "普通"
    returns: list = field(default_factory=list)  # [(returned, resubmitted)]
    extended: bool = False
    amount: float | None = None
    police_charge: str | None = None
    source: str = ""  # 案件来源 sentence for the 起诉意见书 (with {R})
    filing: D | None = None  # 立案 date
    plea_date_in_indictment: bool = False
    property_list: list = field(default_factory=list)  # [(名称, 数量, 处理)] 扣押物品清单
    victims: bool = True
    judgment: dict | None = None  # {"no": int, "date": D, "judge": str, "clerk": str}
    notify: D | None = None
    errors: list = field(default_factory=list)  # injected errors, see errors.py
    recorded: dict | None = None  # extra/override recorded_at entries
    police_docno: int = 0
    summary: str = ""  # one line for the README
    case_name: str | None = None
    police_holding: str | None = None  # when the police characterised the facts differently
    band: str | None = None  # 法定刑幅度 wording for the 量刑建议书 when not the charge's basic tier

    @property
    def o(self) -> dict:
        return ORGS[self.org]

    @property
    def notify_date(self) -> D:
        return self.notify or add_days(self.received, 1)

    def charge_of(self, p: Person) -> str:
        return p.charge or self.charge

    def indictment_number(self) -> str:
        return f"{self.o['abbr']}刑诉〔{self.year}〕{self.docno}号"

    def nonpros_number(self) -> str:
        return f"{self.o['abbr']}刑不诉〔{self.year}〕{self.docno}号"

    def sentencing_number(self) -> str:
        return f"{self.o['abbr']}量建〔{self.year}〕{self.docno}号"

    def police_number(self) -> str:
        return f"{self.o['pabbr']}诉字〔{self.year}〕{self.police_docno or self.docno * 7 + 1003}号"

    def case_number(self) -> str:
        return f"{self.o['abbr']}刑诉受〔{self.year}〕{self.o['unit']}{self.bmsah:05d}号"

    def statutes(self, p: Person) -> list:
        """Normalised 刑法 articles the decisive document cites for this person, in citation order."""
        out = [CHARGES[self.charge_of(p)][1]]
        if len(self.persons) > 1:
            out.append(JOINT[1])
        for c in CIRC_ORDER:
            if c in p.circumstances and c in CIRC_ARTICLE:
                out.append(CIRC_ARTICLE[c][1])
        if p.disposal != "起诉":
            out.append("刑法第37条")  # 不需要判处刑罚
        return out

    def nonprosecuted(self) -> bool:
        return all(p.disposal != "起诉" for p in self.persons)
