#!/usr/bin/python3
"""Amount forms in real text: every number followed by a currency (元, 块, 万元, 亿元, 美元, 港币 …,
with 余/多/来, 角/毛) and every 万/亿 number with 元 left out, in the LeCaRD judgments, the CJRC
paragraphs, the even half of the CAIL2021 sentences (never the odd half) and any extra folders of
.txt files; for each, whether `anguan extract --lines` gives an amount over it with the value a
reference reading gives (or no value, for foreign money and amounts of unknown size: 两三千元,
3、4万元). Kinds: ok, missing, wrong; clf_ok/clf_hit for a 块 with no sign of money (a classifier:
四块电瓶) that was left alone / read as money; bare_hit/bare_miss for 万 without 元 (money or a
count: check by hand).

usage: tools/bench/amount_forms.py [--anguan target/release/anguan] [--data DIR] [--extra DIR]...
       [--out DIR] [--show KIND]
"""
import argparse
import collections
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from paths import ROOT, shared_data  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("--anguan", default=os.path.join(ROOT, "target", "release", "anguan"))
ap.add_argument("--data", default=shared_data())
ap.add_argument("--extra", action="append", default=[], help="a folder of .txt documents (searched recursively)")
ap.add_argument("--out", default=None, help="where corpus.txt and results.tsv go (default: a temporary folder)")
ap.add_argument("--show", default=None, help="print the candidates of one kind (e.g. missing)")
args = ap.parse_args()
if not args.data or not os.path.isdir(args.data):
    sys.exit("amount_forms.py: ../shared/data not found; pass --data")
BIN, D = args.anguan, args.data
OUT = args.out or tempfile.mkdtemp(prefix="amount_forms.")
passages = []  # (source, text)
for f in sorted(glob.glob(f"{D}/judgments-lecardv2/sample_txt/*.txt")):
    for line in open(f, encoding="utf-8"):
        if line.strip():
            passages.append(("lecard", line.strip()))
for extra in args.extra:
    for f in sorted(glob.glob(f"{extra}/**/*.txt", recursive=True)):
        for line in open(f, encoding="utf-8"):
            if line.strip():
                passages.append((os.path.basename(os.path.normpath(extra)), line.strip()))
for fn in ["dev_ground_truth_criminal.json", "test_ground_truth_criminal.json"]:
    j = json.load(open(f"{D}/cjrc-criminal/{fn}", encoding="utf-8"))
    for d in j["data"]:
        for p in d["paragraphs"]:
            passages.append(("cjrc", p["context"].replace("\n", " ").strip()))
for i, line in enumerate(open(f"{D}/cail2021-theft-ie/dev.jsonl", encoding="utf-8")):
    if i % 2 == 0:  # the even half only: the odd half is for the final figures
        passages.append(("cail_even", json.loads(line)["context"].replace("\n", " ").strip()))
# de-duplicate identical passages
seen = set(); ps = []
for s, t in passages:
    if t not in seen: seen.add(t); ps.append((s, t))
passages = ps
os.makedirs(OUT, exist_ok=True)
with open(f'{OUT}/corpus.txt', 'w', encoding='utf-8') as f:
    for _, t in passages: f.write(t + '\n')
res = subprocess.run([BIN, 'extract', '--lines', f'{OUT}/corpus.txt'], capture_output=True, text=True)
lines = [json.loads(l) for l in res.stdout.splitlines() if l.strip()]
assert len(lines) == len(passages), (len(lines), len(passages), res.stderr[:500])

FW = str.maketrans('０１２３４５６７８９，．', '0123456789,.')
CD = dict(zip('零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖', [0,0,1,2,2,3,4,5,6,7,8,9,1,2,3,4,5,6,7,8,9]))
CU = {'十':10,'拾':10,'百':100,'佰':100,'千':1000,'仟':1000}
def cn_section(s, lower=None):
    if not s: return 0
    if all(c in CD for c in s):
        if len(s) == 1:
            d = CD[s]
            return d * (lower // 10) if lower and d else d
        v = 0
        for c in s: v = v*10 + CD[c]
        return v
    v, pend, last = 0, None, None
    for c in s:
        if c in CD: pend = CD[c]
        elif c in CU:
            v += (1 if pend is None else pend) * CU[c]; last = CU[c]; pend = None
        else: return None
    if pend: v += pend * (last // 10 if last and last > 1 else 1)  # 一千五 -> 1500
    return v
def cn(s):
    for sep, u in (('亿', 10**8), ('万', 10**4)):
        if sep in s:
            hi, lo = s.rsplit(sep, 1)
            h = cn(hi)
            if h is None: return None
            l = cn_section(lo.lstrip('零'), u if not lo.startswith('零') else None)
            return None if l is None else h*u + l
    return cn_section(s)
def number(s):
    t = s.translate(FW)
    if re.fullmatch(r'[0-9]+(?:[万千百][0-9]*)+', t):
        return cn(''.join('零一二三四五六七八九'[int(ch)] if ch.isdigit() else ch for ch in t))
    if re.fullmatch(r'[0-9][0-9,]*(\.[0-9]+)?', t):
        try: return float(t.replace(',', ''))
        except ValueError: return None
    return cn(s)
CUR = r'(?:元|块|圆|美元|美金|港币|港元|欧元|日元|英镑|韩元|澳元|澳门币|新台币|泰铢|卢布)'
NUM = r'(?:[0-9][0-9]*(?:[万千百][0-9]+)+|[0-9０-９][0-9０-９,，.．]*[0-9０-９]|[0-9０-９]|[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟数几上]+)'
CAND = re.compile(rf'(?P<num>{NUM})(?P<a1>余|多|来)?(?P<mul>万|千|仟|百|亿)?(?P<a2>余|多|来)?(?P<cur>{CUR})(?P<sub>(?<=[元圆])[零]?[0-9一二三四五六七八九壹贰叁肆伍陆柒捌玖][角毛](?:[0-9一二三四五六七八九壹贰叁肆伍陆柒捌玖]分)?|(?<=块)[0-9一二三四五六七八九](?:毛|角)?(?![0-9一二三四五六七八九十百千万]))?')
MONEY_BEFORE = re.compile(r'(现金|人民币|钱|工资|借|还|给|赔|卖|花|要|欠|付|拿了|得|价|共|约|收|赚)[^，。；]{0,3}$')
rows = []
for (src, text), res in zip(passages, lines):
    els = [e for e in res['elements'] if e['type'] == 'amount']
    for m in CAND.finditer(text):
        num = m.group('num')
        if num[-1] in ',，.．': continue
        cur = m.group('cur')
        st, en = m.start(), m.end()
        before = text[max(0, st-6):st]
        after = text[en:en+2]
        # a number preceded by digits/letters is part of something else (a code)
        if st > 0 and re.match(r'[0-9A-Za-z０-９\.]', text[st-1]): continue
        if cur == '块':
            money = after.startswith('钱') or re.search(r'(现金|人民币|工资|钱)$', before)
            if not money: cur = '块?'
        # 元 in a word: 单元, 元素, 元旦 …
        if cur == '元' and text[en:en+1] in ('素', '旦', '宵', '月', '代', '件'): continue
        if cur == '块?':
            hit = [e for e in els if e['start'] <= st < e['end'] or e['start'] < en <= e['end']]
            kind = 'clf_hit' if hit else 'clf_ok'
            rows.append((src, kind, num + '块?', m.group(0), None, [(e['text'], e['value']) for e in hit], text[max(0, st-12):en+6]))
            continue
        foreign = cur not in ('元', '块', '圆') or re.search(r'(港币|美元|美金|欧元|日元|英镑|韩币|泰铢|卢布|澳门币|新台币)$', text[max(0,st-4):st])
        v = number(num)
        if v is not None and re.fullmatch(r'[0-9]+(?:[万千百][0-9]+)+', num):
            v = number(num + (m.group('mul') or ''))
        elif v is not None:
            mul = {'万':1e4,'千':1e3,'仟':1e3,'百':1e2,'亿':1e8}.get(m.group('mul') or '', 1)
            v = round(v * mul, 2)
        approx = bool(re.search('[数几上]', num)) or bool(re.search('[一二两三四五六七八九][一二两三四五六七八九]', num) and not re.fullmatch('[零〇一二两三四五六七八九]+', num))
        if re.match(r'.(?![0-9.])', num) and st >= 3 and text[st-3].isalnum() and num[0] in '0123456789一二两三四五六七八九' and text[st-1] == '、' and re.match('[0-9一二两三四五六七八九]', text[st-2]): approx = True
        if re.fullmatch('[十百千万亿拾佰仟]', num) and (m.group('mul') is None): continue  # 百元真钞: a denomination
        sub = m.group('sub') or ''
        if v is not None and sub:
            d = {c: i for i, c in enumerate('零一二三四五六七八九')}; d.update({c: i for i, c in enumerate('0123456789')}); d.update({c: i+1 for i, c in enumerate('壹贰叁肆伍陆柒捌玖')})
            ds = [d[c] for c in sub if c in d]
            if ds and ds[0] == 0 and len(ds) > 1: ds = ds[1:]
            if ds: v = round(v + ds[0] * 0.1 + (ds[1] * 0.01 if len(ds) > 1 else 0), 2)
        hit = [e for e in els if e['start'] <= st < e['end'] or e['start'] < en <= e['end']]
        if not hit: kind = 'missing'
        elif approx: kind = 'ok' if all(e['value'] is None for e in hit) else 'wrong'
        elif foreign: kind = 'ok' if all(e['value'] is None for e in hit) else 'wrong'
        elif v is None: kind = 'unparsed'
        else:
            kind = 'ok' if any(e['value'] is not None and abs(e['value'] - v) < 0.005 for e in hit) else 'wrong'
        form = re.sub(r'[0-9０-９][0-9０-９,，.．]*', 'N', num)
        form = re.sub(r'[零〇一二两三四五六七八九十百千万亿]+', 'C', form)
        form = re.sub(r'[壹贰叁肆伍陆柒捌玖拾佰仟]+', 'F', form)
        form += (m.group('a1') or '') + (m.group('mul') or '') + (m.group('a2') or '') + cur + ('+sub' if m.group('sub') else '')
        if approx: form = '~' + form
        ctx = text[max(0, st-12):en+6]
        rows.append((src, kind, form, m.group(0), v, [(e['text'], e['value']) for e in hit], ctx))
BARE = re.compile(r'(?<![0-9.A-Za-z])(?:[0-9][0-9,]*(?:\.[0-9]+)?|[一二两三四五六七八九十百千]+)(?:余|多|来)?[万亿](?:[一二三四五六七八九]千?)?(?:余|多)?(?:左右)?(?![余多来元块圆某0-9零一二两三四五六七八九十百千万亿美港英欧日韩澳台加])')
for (src, text), res in zip(passages, lines):
    els = [e for e in res['elements'] if e['type'] == 'amount']
    for m in BARE.finditer(text):
        st, en = m.start(), m.end()
        hit = [e for e in els if e['start'] <= st < e['end'] or e['start'] < en <= e['end']]
        rows.append((src, 'bare_hit' if hit else 'bare_miss', 'N万?', m.group(0), None, [(e['text'], e['value']) for e in hit], text[max(0, st-14):en+6]))
with open(f'{OUT}/results.tsv', 'w', encoding='utf-8') as f:
    for r in rows: f.write('\t'.join(map(str, r)) + '\n')
print(f'{len(passages)} passages, {len(rows)} candidates')
c = collections.Counter((r[0], r[1]) for r in rows)
for src in dict.fromkeys(p[0] for p in passages):
    print(src, {k: c[(src, k)] for k in ['ok', 'missing', 'wrong', 'unparsed', 'clf_ok', 'clf_hit', 'bare_hit', 'bare_miss']})
tot = collections.Counter(r[1] for r in rows)
print('total', dict(tot))
bad = collections.Counter((r[1], r[2]) for r in rows if r[1] in ('missing', 'wrong', 'unparsed'))
for (k, form), n in bad.most_common(40): print(f'{n:5d} {k:8s} {form}')
if args.show:
    for r in rows:
        if r[1] == args.show:
            print("\t".join(map(str, (r[0], r[3], r[4], r[5], r[6]))))
print(f"results: {OUT}/results.tsv")
