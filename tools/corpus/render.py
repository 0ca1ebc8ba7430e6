"""Document texts: each renderer turns a Case into a list of blocks that the writers lay out.

Blocks: ("org", text) issuing body, centred bold; ("title", text) centred bold large; ("docno", text)
right; ("p", text) body paragraph, first-line indent; ("h", text) bold paragraph; ("left", text) no
indent; ("right", text); ("table", [header, rows...]). Every value written here comes from the case
model, so the card built from the same model agrees with the documents unless an error is injected.
"""

from __future__ import annotations

from common import add_days, cn_date, money_cn, rel, term, ymd
from model import CHARGES, CIRC_ARTICLE, CIRC_ORDER, JOINT, Case, Person, add_months

SPACED = {"起诉书": "起 诉 书", "起诉意见书": "起 诉 意 见 书", "量刑建议书": "量 刑 建 议 书"}


def sentence_words(s) -> str:
    if s.kind == "确定刑":
        out = f"{s.penalty}{term(s.max_months)}"
    else:
        out = f"{s.penalty}{term(s.min_months)}至{term(s.max_months)}"
    if s.probation:
        out += f"，缓刑{term(s.probation_months)}"
    if s.fine is not None:
        out += f"，并处罚金人民币{money_cn(s.fine)}"
    return out


def identity(c: Case, p: Person, role: str, style: str = "indictment", over: dict | None = None) -> str:
    """The identity sentence of a person block. `over` replaces values for a document-level conflict."""
    v = dict(name=p.name, gender=p.gender, birth=ymd(p.birth), id=p.id_number, eth=p.ethnicity,
             edu=p.education, occ=p.occupation, dom=p.domicile, addr=p.address)
    v.update(over or {})
    if style == "police":
        s = (f"{role}{v['name']}，{v['gender']}，{v['birth']}出生，居民身份证号码{v['id']}，{v['eth']}，"
             f"{v['edu']}文化，{v['occ']}，户籍所在地{v['dom']}，现住{v['addr']}。")
    else:
        s = (f"{role}{v['name']}，{v['gender']}，{v['birth']}出生，公民身份号码{v['id']}，{v['eth']}，"
             f"{v['edu']}文化，{v['occ']}，户籍地{v['dom']}，住{v['addr']}。")
    s += p.prior if p.prior else "无前科。"
    return s


def measures_text(c: Case, p: Person, style: str) -> str:
    """因涉嫌X罪，于…被…刑事拘留，经本院批准，于同年…被依法逮捕。现羁押于…。"""
    police = c.o["police"]
    charge = c.police_charge or c.charge_of(p)
    out = f"因涉嫌{charge}，"
    prev = None
    parts = []
    for kind, d in p.measures:
        when = ymd(d) if prev is None else rel(d, prev)
        if kind == "刑事拘留":
            who = "本局" if style == "police" else police
            parts.append(f"于{when}被{who}刑事拘留")
        elif kind == "逮捕":
            if style == "police":
                parts.append(f"经{c.o['proc']}批准，于{when}被本局执行逮捕")
            elif style == "judgment":
                parts.append(f"于{when}被逮捕")
            else:
                parts.append(f"经本院批准，于{when}被依法逮捕")
        elif kind == "取保候审":
            who = "本局" if style == "police" else police
            parts.append(f"于{when}被{who}取保候审")
        elif kind == "监视居住":
            who = "本局" if style == "police" else police
            parts.append(f"于{when}被{who}监视居住")
        prev = d
    out += "，".join(parts) + "。"
    if p.in_custody:
        out += f"现羁押于{c.o['jail']}。"
    else:
        out += "现取保候审。"
    return out


def counsel_text(p: Person, role: str) -> str | None:
    if p.counsel:
        return f"辩护人{p.counsel}。"
    return None


def names(ps) -> str:
    return "、".join(p.name for p in ps)


def evidence_blocks(c: Case, table: bool, role: str, skip: tuple = ()) -> list:
    rows = [(f"{role}供述和辩解" if cat == "犯罪嫌疑人、被告人供述和辩解" else cat, txt.replace("{R}", role))
            for cat, txt in c.evidence if txt not in skip]
    if table:
        return [("table", [["序号", "证据种类", "证据名称及内容"]]
                 + [[str(i + 1), cat, txt] for i, (cat, txt) in enumerate(rows)])]
    return [("p", f"{i + 1}.{cat}：{txt}；" if i + 1 < len(rows) else f"{i + 1}.{cat}：{txt}。")
            for i, (cat, txt) in enumerate(rows)]


def facts_blocks(c: Case, role: str, drop: tuple = ()) -> list:
    out = []
    for para in c.facts + [c.arrest_story]:
        t = para.replace("{R}", role)
        for old in drop:
            t = t.replace(old, "")
        out.append(("p", t))
    return out


def procedure_text(c: Case, role: str) -> str:
    ps = [p for p in c.persons]
    charge = c.police_charge or c.charge
    s = (f"本案由{c.o['police']}侦查终结，以{role}{names(ps)}涉嫌{charge}，于{ymd(c.transfer)}向本院移送审查起诉。"
         f"本院受理后，于{ymd(c.notify_date)}已告知{role}有权委托辩护人以及认罪认罚的法律规定，")
    if c.victims:
        s += "告知被害人及其法定代理人有权委托诉讼代理人，"
    heard = []
    for p in ps:
        if p.counsel:
            heard.append(f"{role}{p.name}的辩护人")
    if any(not p.counsel for p in ps):
        heard.append("值班律师")
    if c.victims:
        heard.append("被害人")
    s += f"依法讯问了{role}，听取了{'、'.join(heard)}的意见，审查了全部案件材料。"
    if c.returns:
        cn = ["一", "两"][len(c.returns) - 1]
        if len(c.returns) == 1:
            r, b = c.returns[0]
            s += f"其间，因部分事实不清、证据不足，于{ymd(r)}退回侦查机关补充侦查一次，侦查机关于{ymd(b)}补查重报。"
        else:
            s += ("其间，因部分事实不清、证据不足，" + "；".join(
                f"于{ymd(r)}第{['一', '二'][i]}次退回侦查机关补充侦查，侦查机关于{ymd(b)}补查重报"
                for i, (r, b) in enumerate(c.returns)) + f"，共退回补充侦查{cn}次。")
    if c.extended:
        s += "因案情重大、复杂，依法延长审查起诉期限一次（十五日）。"
    return s


def circumstance_sentences(c: Case, p: Person, role: str, with_plea_date: bool, signed: bool = False) -> list:
    """本院认为 sentences for the person's circumstances; `signed` mentions the 具结书 signing (起诉书,
    不起诉决定书), `with_plea_date` also its date."""
    out = []
    cs = p.circumstances
    victim = "被害人近亲属" if "被害人近亲属" in c.arrest_story else "被害人"
    if "累犯" in cs:
        out.append(f"{role}{p.name}曾因故意犯罪被判处有期徒刑，刑罚执行完毕以后五年以内再犯应当判处有期徒刑以上刑罚之罪，"
                   f"系累犯，根据《中华人民共和国刑法》{CIRC_ARTICLE['累犯'][0]}的规定，应当从重处罚。")
    if "从犯" in cs:
        out.append(f"{role}{p.name}在共同犯罪中起次要、辅助作用，系从犯，根据《中华人民共和国刑法》"
                   f"{CIRC_ARTICLE['从犯'][0]}的规定，应当从轻处罚。")
    if "自首" in cs:
        out.append(f"{role}{p.name}犯罪以后自动投案，如实供述自己的罪行，系自首，根据《中华人民共和国刑法》"
                   f"{CIRC_ARTICLE['自首'][0]}的规定，可以从轻处罚。")
    if "坦白" in cs:
        out.append(f"{role}{p.name}到案后如实供述自己的罪行，根据《中华人民共和国刑法》{CIRC_ARTICLE['坦白'][0]}"
                   f"的规定，可以从轻处罚。")
    if "退赃退赔" in cs and "取得谅解" in cs:
        out.append(f"{role}{p.name}已退赔{victim}经济损失，并取得{victim}谅解，可以酌情从轻处罚。")
    elif "退赃退赔" in cs:
        out.append(f"{role}{p.name}已退赔{victim}经济损失，可以酌情从轻处罚。")
    elif "取得谅解" in cs:
        out.append(f"{role}{p.name}已赔偿{victim}经济损失并取得{victim}谅解，可以酌情从轻处罚。")
    if p.plea:
        s = f"{role}{p.name}自愿认罪认罚"
        witness = f"辩护人{p.counsel.split('，')[0]}" if p.counsel else f"值班律师{p.lawyer}"
        if with_plea_date and p.plea_date:
            s += f"，于{ymd(p.plea_date)}在{witness}在场的情况下签署了认罪认罚具结书"
        elif signed:
            s += f"，在{witness}在场的情况下签署了认罪认罚具结书"
        s += "，根据《中华人民共和国刑事诉讼法》第十五条的规定，可以从宽处理。"
        out.append(s)
    return out


def statute_citation(c: Case, p: Person | None = None) -> str:
    art = CHARGES[c.charge][0]
    if len(c.persons) > 1:
        return f"《中华人民共和国刑法》{art}、{JOINT[0]}"
    return f"《中华人民共和国刑法》{art}"


def signature(c: Case, date, chinese: bool) -> list:
    out = [("right", f"检察官  {spaced_name(c.prosecutor)}")]
    if c.assistant:
        out.append(("right", f"检察官助理  {spaced_name(c.assistant)}"))
    out.append(("right", cn_date(date) if chinese else ymd(date)))
    out.append(("right", "（院印）"))
    return out


def spaced_name(n: str) -> str:
    return f"{n[0]}  {n[1]}" if len(n) == 2 else n


# ---------------------------------------------------------------- 起诉意见书

def police_opinion(c: Case, ov: dict) -> list:
    role = "犯罪嫌疑人"
    b = [("org", c.o["police"]), ("title", SPACED["起诉意见书"]), ("docno", c.police_number())]
    for i, p in enumerate(c.persons):
        b.append(("p", identity(c, p, role, "police", ov.get(("police", i))) + measures_text(c, p, "police")))
    charge = c.police_charge or c.charge
    first = c.persons[0]
    b.append(("p", c.source.replace("{R}", role).replace("{D}", ymd(c.filing or first.offense))))
    b.append(("p", "经依法侦查查明："))
    b += facts_blocks(c, role, ov.get("police_drop", ()))
    b.append(("p", "认定上述事实的证据如下："))
    b += evidence_blocks(c, False, role)
    b.append(("p", "上述犯罪事实清楚，证据确实、充分，足以认定。"))
    for p in c.persons:
        cs = circumstance_sentences(c, p, role, False)
        cs = [s for s in cs if "自愿认罪认罚" not in s]
        if cs:
            b.append(("p", "".join(cs)))
    art = CHARGES[charge][0]
    joint = f"、{JOINT[0]}" if len(c.persons) > 1 else ""
    holding = c.police_holding or c.holding
    b.append(("p", f"综上所述，{role}{names(c.persons)}{holding.replace('{R}', role)}，其行为已触犯"
                   f"《中华人民共和国刑法》{art}{joint}之规定，涉嫌{charge}。依照《中华人民共和国刑事诉讼法》"
                   f"第一百六十二条之规定，特将本案移送审查起诉。"))
    b.append(("left", "此致"))
    b.append(("left", c.o["proc"]))
    b.append(("right", f"{c.o['police']}（印）"))
    b.append(("right", ymd(c.transfer)))
    att = ["附：1.本案卷宗一卷。"]
    for p in c.persons:
        att.append(f"2.{role}{p.name}现羁押于{c.o['jail']}。" if p.in_custody else f"2.{role}{p.name}现取保候审。")
    if c.property_list:
        att.append("3.随案移送物品清单一份。")
    b += [("left", a) for a in att]
    return b


# ---------------------------------------------------------------- 起诉书

def indictment(c: Case, ov: dict, table: bool = False, chinese_date: bool = False) -> list:
    role = "被告人"
    b = [("org", c.o["proc"]), ("title", SPACED["起诉书"]), ("docno", ov.get("indictment_number", c.indictment_number()))]
    for i, p in enumerate(c.persons):
        b.append(("p", identity(c, p, role, "indictment", ov.get(("indictment", i))) + measures_text(c, p, "indictment")))
        if p.counsel:
            b.append(("p", counsel_text(p, role)))
    b.append(("p", procedure_text(c, role)))
    b.append(("p", "经依法审查查明："))
    b += facts_blocks(c, role, ov.get("indictment_drop", ()))
    b.append(("p", "认定上述事实的证据如下："))
    b += evidence_blocks(c, table, role, ov.get("indictment_skip_evidence", ()))
    reason = (f"本院认为，{role}{names(c.persons)}{c.holding.replace('{R}', role)}，其行为触犯了"
              f"{statute_citation(c)}，犯罪事实清楚，证据确实、充分，应当以{c.charge}追究其刑事责任。")
    for p in c.persons:
        reason += "".join(circumstance_sentences(c, p, role, c.plea_date_in_indictment, signed=True))
    b.append(("p", reason))
    recs = []
    for i, p in enumerate(c.persons):
        if p.sentence:
            s = ov.get(("indictment_sentence", i), p.sentence)
            recs.append(f"建议判处{role}{p.name}{sentence_words(s)}")
    tail = ""
    if recs:
        tail += "本院" + "；".join(recs) + "。"
    tail += "根据《中华人民共和国刑事诉讼法》第一百七十六条的规定，提起公诉，"
    proc = ov.get("indictment_procedure", c.procedure)
    if proc in ("速裁", "简易"):
        tail += f"建议适用{proc}程序审理，"
    tail += "请依法判处。"
    b.append(("p", tail))
    b.append(("left", "此致"))
    b.append(("left", c.o["court"]))
    b += signature(c, c.closed, chinese_date)
    att = []
    for p in c.persons:
        att.append(f"被告人{p.name}现羁押于{c.o['jail']}" if p.in_custody else f"被告人{p.name}现取保候审")
    att.append("案卷材料和证据二册")
    nplea = sum(1 for p in c.persons if p.plea)
    if nplea:
        att.append(f"认罪认罚具结书{money_cn(nplea)[:-1]}份")
    if any(d[0] == "量刑建议书" for d in c.docs):
        att.append("量刑建议书一份")
    if c.property_list:
        att.append("扣押物品清单一份")
    b.append(("left", "附件：" + "；".join(f"{i + 1}.{a}" for i, a in enumerate(att)) + "。"))
    if c.property_list:
        b.append(("h", "扣押物品清单"))
        b.append(("table", [["序号", "物品名称", "数量", "处理情况"]]
                  + [[str(i + 1), n, q, h] for i, (n, q, h) in enumerate(c.property_list)]))
    return b


# ---------------------------------------------------------------- 量刑建议书

BANDS = {
    "危险驾驶罪": "处拘役，并处罚金",
    "盗窃罪": "处三年以下有期徒刑、拘役或者管制，并处或者单处罚金",
    "帮助信息网络犯罪活动罪": "处三年以下有期徒刑或者拘役，并处或者单处罚金",
    "诈骗罪": "处三年以下有期徒刑、拘役或者管制，并处或者单处罚金",
    "故意伤害罪": "处三年以下有期徒刑、拘役或者管制",
    "交通肇事罪": "处三年以下有期徒刑或者拘役",
    "开设赌场罪": "处五年以下有期徒刑、拘役或者管制，并处罚金",
    "寻衅滋事罪": "处五年以下有期徒刑、拘役或者管制",
    "贩卖毒品罪": "处三年以下有期徒刑、拘役或者管制，并处罚金",
    "掩饰、隐瞒犯罪所得罪": "处三年以下有期徒刑、拘役或者管制，并处或者单处罚金",
}


def sentencing_rec(c: Case, ov: dict, table: bool = True) -> list:
    role = "被告人"
    b = [("org", c.o["proc"]), ("title", SPACED["量刑建议书"]), ("docno", c.sentencing_number()),
         ("left", f"{c.o['court']}：")]
    b.append(("p", f"{role}{names(c.persons)}涉嫌{c.charge}一案，本院以{c.indictment_number()}起诉书向你院提起公诉。"
                   f"经审查认为，{role}{names(c.persons)}{c.holding.replace('{R}', role)}，其行为已触犯"
                   f"{statute_citation(c)}，犯罪事实清楚，证据确实、充分，应当以{c.charge}追究其刑事责任。"
                   f"根据《中华人民共和国刑法》{CHARGES[c.charge][0]}的规定，应当{c.band or BANDS[c.charge]}。"))
    for i, p in enumerate(c.persons):
        cs = circumstance_sentences(c, p, role, False)
        b.append(("p", f"{role}{p.name}具有以下量刑情节："))
        if table:
            rows = [["序号", "量刑情节", "法律依据", "调节幅度"]]
            for k, name in enumerate([x for x in CIRC_ORDER if x in p.circumstances]):
                law = f"《刑法》{CIRC_ARTICLE[name][0]}" if name in CIRC_ARTICLE else (
                    "《刑事诉讼法》第十五条" if name == "认罪认罚" else "酌定情节")
                adj = "从重" if name == "累犯" else "从轻"
                rows.append([str(k + 1), name, law, adj])
            b.append(("table", rows))
        else:
            b += [("p", f"{k + 1}.{s}") for k, s in enumerate(cs)]
        s = ov.get(("sentencing_sentence", i), p.sentence)
        b.append(("p", f"根据《中华人民共和国刑事诉讼法》第一百七十六条第二款的规定，建议判处{role}{p.name}{sentence_words(s)}。"))
    b.append(("left", "此致"))
    b.append(("left", c.o["court"]))
    b += signature(c, c.closed, False)
    return b


# ---------------------------------------------------------------- 认罪认罚具结书

def plea_agreement(c: Case, p: Person, ov: dict) -> list:
    b = [("title", "认罪认罚具结书"), ("h", "一、犯罪嫌疑人身份信息")]
    b.append(("p", f"本人姓名{p.name}，性别{p.gender}，{ymd(p.birth)}出生，公民身份号码{p.id_number}，民族{p.ethnicity}，"
                   f"文化程度{p.education}，住址{p.address}。"))
    b.append(("h", "二、权利知悉"))
    b.append(("p", "本人已阅读《认罪认罚从宽制度告知书》，且理解并接受其全部内容，本人自愿适用认罪认罚从宽制度，"
                   "同意适用简化的诉讼程序。"))
    b.append(("h", "三、认罪认罚内容"))
    b.append(("p", f"本人{p.name}知悉并认可如下内容："))
    charge = c.charge_of(p)
    b.append(("p", f"1.{c.o['proc']}指控本人{c.holding.replace('{R}', '')}的犯罪事实，构成{charge}。"))
    if p.disposal == "起诉":
        s = ov.get(("plea_sentence", c.persons.index(p)), p.sentence)
        b.append(("p", f"2.{c.o['proc']}提出的{s.kind}量刑建议：{sentence_words(s)}。"))
        proc = ov.get("plea_procedure", c.procedure)
        b.append(("p", f"3.本案适用{proc}程序审理。"))
    else:
        b.append(("p", f"2.本人同意{c.o['proc']}依法作出不起诉处理。"))
    b.append(("h", "四、自愿签署声明"))
    b.append(("p", f"本人学历{p.education}，能够阅读和理解汉语。本人知悉并理解本具结书的全部内容及其法律后果，"
                   f"本人系在{'辩护人' if p.counsel else '值班律师'}在场的情况下自愿签署本具结书，未受任何暴力、威胁或者引诱。"))
    b.append(("right", f"犯罪嫌疑人签名：{p.name}"))
    b.append(("right", ymd(p.plea_date)))
    who = "辩护人" if p.counsel else "值班律师"
    lawyer = p.counsel.split("，")[0] if p.counsel else p.lawyer
    b.append(("p", f"本人是犯罪嫌疑人{p.name}的{who}。本人证明，犯罪嫌疑人{p.name}已经阅读了认罪认罚具结书及认罪认罚从宽制度告知书，"
                   f"系自愿签署了上述具结书。"))
    b.append(("right", f"{who}签名：{lawyer}"))
    b.append(("right", ymd(p.plea_date)))
    return b


# ---------------------------------------------------------------- 不起诉决定书

def nonprosecution(c: Case, ov: dict) -> list:
    role = "被不起诉人"
    p = c.persons[0]
    b = [("org", c.o["proc"]), ("title", "不起诉决定书"), ("docno", c.nonpros_number())]
    b.append(("p", identity(c, p, role) + measures_text(c, p, "indictment")))
    if p.counsel:
        b.append(("p", counsel_text(p, role)))
    b.append(("p", procedure_text(c, role)))
    b.append(("p", "经本院依法审查查明："))
    b += facts_blocks(c, role)
    b.append(("p", "认定上述事实的证据如下："))
    b += evidence_blocks(c, False, role)
    cs = circumstance_sentences(c, p, role, c.plea_date_in_indictment, signed=True)
    b.append(("p", f"本院认为，{role}{p.name}{c.holding.replace('{R}', role)}，实施了《中华人民共和国刑法》"
                   f"{CHARGES[c.charge][0]}规定的行为，但犯罪情节轻微。" + "".join(cs) +
                   f"根据《中华人民共和国刑法》第三十七条的规定，不需要判处刑罚。依据《中华人民共和国刑事诉讼法》"
                   f"第一百七十七条第二款的规定，决定对{p.name}不起诉。"))
    b.append(("p", f"被不起诉人如不服本决定，可以自收到本决定书后七日以内向本院申诉。"))
    b.append(("p", f"被害人如不服本决定，可以自收到本决定书后七日以内向{c.o['upper']}申诉，请求提起公诉；"
                   f"也可以不经申诉，直接向{c.o['court']}提起自诉。"))
    b.append(("right", c.o["proc"]))
    b.append(("right", cn_date(c.closed)))
    b.append(("right", "（院印）"))
    return b


# ---------------------------------------------------------------- 刑事判决书

def judgment(c: Case, ov: dict) -> list:
    j = c.judgment
    role = "被告人"
    b = [("org", c.o["court"]), ("title", "刑事判决书"), ("docno", f"（{j['date'].year}）{c.o['ccode']}刑初{j['no']}号")]
    b.append(("p", f"公诉机关{c.o['proc']}。"))
    for p in c.persons:
        b.append(("p", identity(c, p, role) + measures_text(c, p, "judgment")))
        if p.counsel:
            b.append(("p", counsel_text(p, role)))
    proc = c.procedure
    court_form = "实行独任审判" if proc in ("速裁", "简易") else "依法组成合议庭"
    b.append(("p", f"{c.o['proc']}以{c.indictment_number()}起诉书指控被告人{names(c.persons)}犯{c.charge}，"
                   f"于{ymd(c.closed)}向本院提起公诉。本院依法适用{proc}程序，{court_form}，公开开庭审理了本案。"
                   f"{c.o['proc']}指派检察官{c.prosecutor}出庭支持公诉，被告人{names(c.persons)}到庭参加诉讼。现已审理终结。"))
    recs = "；".join(f"{p.name}{sentence_words(p.sentence)}" for p in c.persons if p.sentence)
    b.append(("p", f"{c.o['proc']}指控：" + "".join(x.replace("{R}", role) for x in c.facts) +
                   f"公诉机关认为，被告人{names(c.persons)}的行为已构成{c.charge}，建议判处被告人{recs}。"))
    b.append(("p", f"被告人{names(c.persons)}对指控的犯罪事实、罪名及量刑建议没有异议，且签字具结，在开庭审理过程中亦无异议。"))
    b.append(("p", "经审理查明的事实、证据与公诉机关的指控一致，本院予以确认。"))
    reason = (f"本院认为，被告人{names(c.persons)}{c.holding.replace('{R}', role)}，其行为已构成{c.charge}。"
              f"公诉机关指控被告人犯{c.charge}的事实清楚，证据确实、充分，指控罪名成立。")
    for p in c.persons:
        reason += "".join(circumstance_sentences(c, p, role, False))
    reason += "公诉机关的量刑建议适当，本院予以采纳。"
    arts = [CHARGES[c.charge][0]] + ([JOINT[0]] if len(c.persons) > 1 else [])
    for name in CIRC_ORDER:
        if any(name in p.circumstances for p in c.persons) and name in CIRC_ARTICLE:
            arts.append(CIRC_ARTICLE[name][0])
    reason += (f"依照《中华人民共和国刑法》{'、'.join(arts)}以及《中华人民共和国刑事诉讼法》第十五条之规定，判决如下：")
    b.append(("p", reason))
    for i, p in enumerate(c.persons):
        s = p.sentence
        line = f"{['一', '二', '三'][i]}、被告人{p.name}犯{c.charge}，判处{sentence_words(s)}。"
        if s.probation:
            line += "（缓刑考验期限，从判决确定之日起计算。"
        else:
            start = p.measures[0][1]
            end = add_days(add_months(start, s.max_months), -1)
            line += (f"（刑期从判决执行之日起计算。判决执行以前先行羁押的，羁押一日折抵刑期一日，"
                     f"即自{ymd(start)}起至{ymd(end)}止。")
        if s.fine is not None:
            line += "罚金于本判决生效后十日内缴纳。"
        line += "）"
        b.append(("p", line))
    b.append(("p", f"如不服本判决，可在接到判决书的第二日起十日内，通过本院或者直接向{c.o['appeal']}提出上诉。"
                   "书面上诉的，应当提交上诉状正本一份，副本二份。"))
    b.append(("right", f"审判员  {j['judge']}"))
    b.append(("right", cn_date(j["date"])))
    b.append(("right", "本件与原本核对无异"))
    b.append(("right", f"书记员  {j['clerk']}"))
    return b
