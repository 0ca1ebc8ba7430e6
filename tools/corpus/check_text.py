#!/usr/bin/env python3
"""Independent check of the committed corpus: read each document's text back (python-docx, pdftotext,
TXT decoding) and confirm that the card's values appear in it in their written form, except for the
items a truth finding names. Catches rendering slips the generator's own model cannot see.

    python3 tools/corpus/check_text.py [corpus]
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import cn_date, id_valid, money_cn, term  # noqa: E402

IDENTITY_DOCS = ("起诉意见书", "起诉书", "不起诉决定书", "刑事判决书")


def text_of(path: Path) -> str:
    if path.suffix == ".pdf":
        out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
        return out.stdout.decode()
    if path.suffix == ".docx":
        import docx
        from docx.oxml.ns import qn
        d = docx.Document(str(path))
        return "\n".join("".join(t.text or "" for t in el.iter(qn("w:t"))) for el in d.element.body.iterchildren())
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("gbk")


def written(d: str) -> list:
    x = date.fromisoformat(d)
    return [f"{x.year}年{x.month}月{x.day}日", f"同年{x.month}月{x.day}日", cn_date(x)]


def doc_type(text: str) -> str:
    head = re.sub(r"\s", "", text[:80])
    for t in ("不起诉决定书", "起诉意见书", "量刑建议书", "认罪认罚具结书", "刑事判决书", "起诉书"):
        if t in head:
            return t
    return "?"


def main() -> int:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "corpus")
    problems = 0
    for case in sorted(p for p in root.iterdir() if p.is_dir()):
        card = json.loads((case / "card.json").read_text())
        truth = json.loads((case / "truth.json").read_text())
        flagged = {f["field"] for f in truth["findings"]}
        docs = {}
        for f in sorted(case.iterdir()):
            if f.suffix in (".pdf", ".docx", ".txt"):
                t = re.sub(r"[\s\u3000]", "", text_of(f))
                docs[f.name] = (doc_type(t), t)

        def need(field: str, values: list, types: tuple, person=None, also=()) -> None:
            nonlocal problems
            if field in flagged or any(a in flagged for a in also):
                return
            for name, (dt, t) in docs.items():
                if dt not in types:
                    continue
                if person is not None and person not in t:
                    continue
                if not any(v in t for v in values):
                    problems += 1
                    print(f"{case.name}/{name}: {field} {values[0]!r} not found")

        for i, p in enumerate(card["persons"]):
            pre = f"persons[{i}]"
            if "id_number" in p and f"{pre}.id_number" not in flagged:
                assert id_valid(p["id_number"]), (case.name, p["id_number"])
            need(f"{pre}.name", [p["name"]], IDENTITY_DOCS + ("量刑建议书",))
            nm = p["name"]
            if "id_number" in p:
                need(f"{pre}.id_number", [p["id_number"]], IDENTITY_DOCS, nm)
            need(f"{pre}.birth_date", written(p["birth_date"])[:1], IDENTITY_DOCS, nm)
            need(f"{pre}.education", [p["education"] + "文化"], IDENTITY_DOCS, nm)
            for k in ("ethnicity", "domicile", "address"):
                if k in p:
                    need(f"{pre}.{k}", [p[k]], IDENTITY_DOCS, nm)
            for j, m in enumerate(p["measures"]):
                if "date" in m:
                    need(f"{pre}.measures[{j}].date", written(m["date"]), IDENTITY_DOCS, nm)
            s = p.get("sentencing")
            if s:
                need(f"{pre}.sentencing.max_months", [s["penalty"] + term(s["max_months"])],
                     ("起诉书", "量刑建议书", "认罪认罚具结书", "刑事判决书"), nm, also=(f"{pre}.sentencing.penalty",))
                if "fine" in s:
                    need(f"{pre}.sentencing.fine", ["罚金人民币" + money_cn(s["fine"])],
                         ("起诉书", "量刑建议书", "认罪认罚具结书", "刑事判决书"), nm)
            if "plea_date" in p and len(card["persons"]) == 1:
                need(f"{pre}.plea_date", written(p["plea_date"])[:1], ("认罪认罚具结书",))
            if "blood_alcohol" in p:
                need(f"{pre}.blood_alcohol", [f"{p['blood_alcohol']}mg/100ml"], ("起诉意见书", "起诉书"),
                     also=("drunk_driving.blood_alcohol",))
        need("transfer_date", written(card["transfer_date"])[:1], ("起诉书", "不起诉决定书"))
        need("closed_date", written(card["closed_date"])[::2], ("起诉书", "不起诉决定书"))
        if "indictment_number" in card:
            need("indictment_number", [card["indictment_number"]], ("起诉书", "刑事判决书", "量刑建议书"))
        if "amount" in card:
            need("amount", [f"共计人民币{card['amount']:,}元", f"共计价值人民币{card['amount']:,}元",
                            f"以人民币{card['amount']:,}元的价格"],
                 ("起诉书", "起诉意见书"))
        need("procuratorate", [card["procuratorate"]], ("起诉书", "不起诉决定书", "量刑建议书"))
    print("ok" if not problems else f"{problems} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
