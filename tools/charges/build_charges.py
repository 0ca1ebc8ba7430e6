#!/usr/bin/env python3
"""Build dictionaries/charges.toml from the 罪名 opinion of 1997 and its eight supplements.

Usage (from the repository root):
    python3 tools/charges/build_charges.py [../shared/data] > dictionaries/charges.toml

Steps: read every charge of the 1997 最高检 opinion with its article and chapter; apply the
supplements in date order (new charges, renamed charges, cancelled charges: "（取消X罪名）" and
"将…的罪名由“X”修改为“Y”"); keep cancelled names as aliases of the charge that replaced them on
the same article; add the common short names (醉驾, 帮信, 掩隐 …) and the penalty bands of the ten
high-volume charges (domain-reference §4.0.1). Finally cross-check against charges-469.txt and
report the differences on stderr (and in the file's header).
"""
import re
import sys
from pathlib import Path

DATA = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
LAWS = DATA / "laws" / "罪名"

CN = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CHAPTERS = [(102, 113, 1, "危害国家安全罪"), (114, 139, 2, "危害公共安全罪"), (140, 231, 3, "破坏社会主义市场经济秩序罪"),
            (232, 262, 4, "侵犯公民人身权利、民主权利罪"), (263, 276, 5, "侵犯财产罪"), (277, 367, 6, "妨害社会管理秩序罪"),
            (368, 381, 7, "危害国防利益罪"), (382, 396, 8, "贪污贿赂罪"), (397, 419, 9, "渎职罪"), (420, 451, 10, "军人违反职责罪")]


def cn_int(s):
    if s.isdigit():
        return int(s)
    total, section, digit = 0, 0, None
    for ch in s:
        if ch in CN:
            digit = CN[ch]
        elif ch in "十百千":
            unit = {"十": 10, "百": 100, "千": 1000}[ch]
            section += (digit if digit is not None else 1) * unit
            digit = None
    return total + section + (digit or 0)


ART = re.compile(r"第([0-9一二三四五六七八九十百零〇]+)条(之[一二三四五六七八九十]+)?(?:第([0-9一二三四五六七八九十]+)款)?")


def article_of(cell):
    m = ART.search(cell)
    if not m:
        return None
    s = f"刑法第{cn_int(m.group(1))}条{m.group(2) or ''}"
    return s


def article_number(a):
    m = re.search(r"第(\d+)条", a or "")
    return int(m.group(1)) if m else 0


def chapter_of(a):
    n = article_number(a)
    for lo, hi, ch, name in CHAPTERS:
        if lo <= n <= hi:
            return ch, name
    return 0, ""


def split_names(cell):
    """罪名 cell → (names, cancelled)."""
    cancelled = []
    for m in re.finditer(r"[（(]取消(.+?)[）)]", cell):
        inner = re.sub(r"罪名$", "", m.group(1).strip())
        inner = re.sub(r"^刑法原第[^条]+条(第\d+项)?", "", inner)
        for part in re.split(r"(?<=罪)(?:和|、|及)", inner):
            part = part.strip().replace(" ", "")
            if part.endswith("罪"):
                cancelled.append(part)
    cell = re.sub(r"[（(]取消.+?[）)]", " ", cell)
    names, buf = [], ""
    for piece in re.split(r"[\s；;]+", cell.strip()):
        if not piece:
            continue
        buf += piece
        if buf.endswith("罪"):
            for n in re.split(r"(?<=[^犯]罪)、", buf):
                names.append(n)
            buf = ""
    return names, cancelled


charges = {}   # name → dict(article, chapter, aliases)
order = []


def add(name, article):
    name = name.replace("剌", "刺")
    if name not in charges:
        order.append(name)
        charges[name] = {"article": article, "aliases": []}
    elif article:
        charges[name]["article"] = article


def cancel(old, replacement):
    if old in charges:
        del charges[old]
        order.remove(old)
    if replacement and old not in charges[replacement]["aliases"]:
        charges[replacement]["aliases"].append(old)


# 1. The 1997 opinion.
src = next(LAWS.glob("最高人民检察院关于适用刑法分则规定的犯罪的罪名的意见*"))
TYPO = {"伪造变造国家有价证券罪": "伪造、变造国家有价证券罪"}
for m in re.finditer(r"(?:\d+．)?\s*((?:[^\s（）．]|（[边境]）)+?罪)（(第[^）]+)）", src.read_text()):
    add(TYPO.get(m.group(1), m.group(1)), article_of(m.group(2)))

# 2. Supplements in date order.
sups = sorted(LAWS.glob("*补充规定*"), key=lambda p: re.search(r"\((\d{4}-\d{2}-\d{2})\)", p.name).group(1))
for p in sups:
    prev_article = None
    text = p.read_text()
    for line in text.splitlines():
        row = re.match(r"^\|\s*(.*?)\s*\|\s*(.*?)\s*\|$", line)
        if row and "罪" in row.group(2) and not row.group(2).startswith("罪名"):
            article = article_of(row.group(1)) if "刑法修正案" not in row.group(1)[:3] else None
            if row.group(1).startswith("《决定》"):
                article = "刑法第190条"  # 骗购外汇罪: the 1998 决定, cited with 刑法第190条 in practice
            article = article or prev_article
            prev_article = article
            names, cancelled = split_names(row.group(2))
            for n in names:
                add(n, article)
            for old in cancelled:
                cancel(old, names[0] if names else None)
    for m in re.finditer(r"(?<![（(])取消([^（）\s]+?罪)罪名", text):
        cancel(m.group(1), None)
    for m in re.finditer(r"(第[^（]+?条)（[^）]*）的罪名由“(.+?)”修改为“(.+?)”", text):
        add(m.group(3), article_of(m.group(1)))
        cancel(m.group(2), m.group(3))

# Renamed without an explicit 取消 (the supplement re-lists the article under the new name).
IMPLICIT = {
    "盗窃、抢夺枪支、弹药、爆炸物罪": "盗窃、抢夺枪支、弹药、爆炸物、危险物质罪",
    "抢劫枪支、弹药、爆炸物罪": "抢劫枪支、弹药、爆炸物、危险物质罪",
    "伪造、变造、转让金融机构经营许可证罪": "伪造、变造、转让金融机构经营许可证、批准文件罪",
    "编造并传播证券交易虚假信息罪": "编造并传播证券、期货交易虚假信息罪",
    "诱骗投资者买卖证券罪": "诱骗投资者买卖证券、期货合约罪",
    "操纵证券交易价格罪": "操纵证券、期货市场罪",
    "侮辱国歌罪": "侮辱国旗、国徽、国歌罪",
}
for old, new in IMPLICIT.items():
    if new in charges:
        cancel(old, new)

# 3. Short names used in practice.
ALIASES = {
    "危险驾驶罪": ["醉驾", "醉酒驾驶", "危驾"],
    "帮助信息网络犯罪活动罪": ["帮信", "帮信罪", "帮助信息网络犯罪罪"],
    "掩饰、隐瞒犯罪所得、犯罪所得收益罪": ["掩隐", "掩隐罪", "掩饰隐瞒犯罪所得罪", "掩饰、隐瞒犯罪所得罪", "掩饰隐瞒犯罪所得、犯罪所得收益罪"],
    "开设赌场罪": ["开赌"],
    "交通肇事罪": ["肇事"],
    "寻衅滋事罪": ["寻滋"],
    "非法吸收公众存款罪": ["非吸"],
    "组织、领导传销活动罪": ["传销罪"],
}
for name, al in ALIASES.items():
    for a in al:
        if a not in charges[name]["aliases"]:
            charges[name]["aliases"].append(a)

# Selective charges (选择性罪名) are named by the acts committed: 引诱、容留、介绍卖淫罪 → 容留卖淫罪,
# 容留、介绍卖淫罪 …; 走私、贩卖、运输、制造毒品罪 → 贩卖毒品罪 …. When every part but the last is a
# two-character verb and the last is verb + object, each ordered subset of the verbs with the
# object is an alias (unless it is a charge of its own).
from itertools import combinations
all_names = set(charges)
for name in list(order):
    parts = name[:-1].split("、")
    if len(parts) < 2 or len(parts) > 5 or any(len(p) != 2 for p in parts[:-1]) or len(parts[-1]) <= 2:
        continue
    obj = parts[-1][2:]
    verbs = parts[:-1] + [parts[-1][:2]]
    for k in range(1, len(verbs)):
        for combo in combinations(verbs, k):
            alias = "、".join(combo) + obj + "罪"
            if alias not in all_names and alias not in charges[name]["aliases"]:
                charges[name].setdefault("forms", []).append(alias)

# 4. Penalty bands (domain-reference §4.0.1). Months; max 0 = 无期/死刑 possible above min.
BANDS = {
    "危险驾驶罪": [("基本", "拘役", 1, 6, "并处罚金")],
    "盗窃罪": [("数额较大或多次、入户、携带凶器、扒窃", "有期徒刑、拘役或者管制", 0, 36, "并处或者单处罚金"),
             ("数额巨大或有其他严重情节", "有期徒刑", 36, 120, "并处罚金"),
             ("数额特别巨大或有其他特别严重情节", "有期徒刑或者无期徒刑", 120, 0, "并处罚金或者没收财产")],
    "帮助信息网络犯罪活动罪": [("情节严重", "有期徒刑或者拘役", 0, 36, "并处或者单处罚金")],
    "诈骗罪": [("数额较大", "有期徒刑、拘役或者管制", 0, 36, "并处或者单处罚金"),
             ("数额巨大或有其他严重情节", "有期徒刑", 36, 120, "并处罚金"),
             ("数额特别巨大或有其他特别严重情节", "有期徒刑或者无期徒刑", 120, 0, "并处罚金或者没收财产")],
    "故意伤害罪": [("轻伤", "有期徒刑、拘役或者管制", 0, 36, ""), ("重伤", "有期徒刑", 36, 120, ""),
               ("致人死亡或以特别残忍手段致人重伤造成严重残疾", "有期徒刑、无期徒刑或者死刑", 120, 0, "")],
    "交通肇事罪": [("基本", "有期徒刑或者拘役", 0, 36, ""), ("逃逸或有其他特别恶劣情节", "有期徒刑", 36, 84, ""),
               ("因逃逸致人死亡", "有期徒刑", 84, 0, "")],
    "开设赌场罪": [("基本", "有期徒刑、拘役或者管制", 0, 60, "并处罚金"), ("情节严重", "有期徒刑", 60, 120, "并处罚金")],
    "寻衅滋事罪": [("基本", "有期徒刑、拘役或者管制", 0, 60, "可以并处罚金"),
               ("纠集他人多次实施，严重破坏社会秩序", "有期徒刑", 60, 120, "可以并处罚金")],
    "走私、贩卖、运输、制造毒品罪": [("少量", "有期徒刑、拘役或者管制", 0, 36, "并处罚金"), ("少量且情节严重", "有期徒刑", 36, 84, "并处罚金"),
                        ("数量较大", "有期徒刑", 84, 180, "并处罚金"), ("数量大等", "有期徒刑、无期徒刑或者死刑", 180, 0, "并处没收财产")],
    "掩饰、隐瞒犯罪所得、犯罪所得收益罪": [("基本", "有期徒刑、拘役或者管制", 0, 36, "并处或者单处罚金"),
                            ("情节严重", "有期徒刑", 36, 84, "并处罚金")],
}
# The ten charges' articles as cited (with 款/之 where the table gives them).
ARTICLE_FIX = {"开设赌场罪": "刑法第303条", "危险驾驶罪": "刑法第133条之一"}

# 5. Cross-check.
ref = [l.strip().replace("剌", "刺") for l in (DATA / "charges" / "charges-469.txt").read_text().splitlines() if l.strip()]
missing = [n for n in ref if n not in charges and not any(n in c["aliases"] for c in charges.values())]
extra = [n for n in order if n not in ref]
for n in missing:
    print(f"in charges-469 but not current (cancelled or renamed): {n}", file=sys.stderr)
for n in extra:
    print(f"current but not in charges-469: {n}", file=sys.stderr)


def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


print("# 罪名 ↔ 刑法 article ↔ chapter, generated by tools/charges/build_charges.py from the 1997 最高检 opinion")
print("# and the eight 补充规定 (2002–2024) in ../shared/data/laws/罪名. Do not edit by hand: edit the script.")
print(f"# {len(order)} current charges. Cross-check with charges-469.txt: {len(missing)} listed there are not current")
print(f"# (cancelled or renamed: {'、'.join(missing) or '—'}); {len(extra)} current ones are not listed there.")
print("# aliases: other names for the charge (canonical value = name); forms: the names a selective charge takes")
print("# when only some acts are committed (容留卖淫罪) — valid 罪名 in their own right, kept as written.")
print("# bands: months; max_months = 0 means no upper limit below 无期/死刑.")
print()
for name in order:
    c = charges[name]
    art = ARTICLE_FIX.get(name, c["article"] or "")
    ch, chn = chapter_of(art)
    print("[[charge]]")
    print(f"name = {q(name)}")
    print(f"article = {q(art)}")
    print(f"chapter = {ch}")
    print(f"chapter_name = {q(chn)}")
    print(f"aliases = [{', '.join(q(a) for a in c['aliases'])}]")
    if c.get("forms"):
        print(f"forms = [{', '.join(q(a) for a in c['forms'])}]")
    for tier, penalty, lo, hi, extra_p in BANDS.get(name, []):
        print("[[charge.bands]]")
        print(f"tier = {q(tier)}")
        print(f"penalty = {q(penalty)}")
        print(f"min_months = {lo}")
        print(f"max_months = {hi}")
        print(f"fine = {q(extra_p)}")
    print()
