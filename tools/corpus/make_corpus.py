#!/usr/bin/env python3
"""Generate the bundled sample collection `corpus/` from the case data in cases*.py.

    python3 tools/corpus/make_corpus.py [--out corpus] [--no-pdf]

Each case is one `Case` value (facts, persons, procedure, documents and the injected errors, in one
place). From it this script writes, per case folder: the documents (DOCX by python-docx; PDF made from
the DOCX by LibreOffice; TXT in UTF-8, UTF-8 with BOM or GBK), `card.json` (spec §2) built from the
same values, with the injected card errors applied, and `truth.json` listing every injected problem.
Document-level injections (a conflict between two documents, a missing checklist element) are
overrides passed to the renderers. Output is deterministic; the folder is rewritten from scratch.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import render  # noqa: E402
from common import DELETE, id_valid, iso, ts  # noqa: E402
from model import Case  # noqa: E402
from writers import convert_pdfs, docx_bytes, txt_bytes  # noqa: E402

def build_card(c: Case) -> dict:
    card = {"schema": "anguan.card/1", "case_number": c.case_number()}
    first = c.persons[0]
    n = len(c.persons)
    card["case_name"] = c.case_name or f"{first.name}{f'等{n}人' if n > 1 else ''}{c.charge[:-1]}案"
    card["procuratorate"] = c.o["proc"]
    card["prosecutor"] = c.prosecutor
    card["investigating_agency"] = c.o["police"]
    card["transfer_date"] = iso(c.transfer)
    card["received_date"] = iso(c.received)
    card["transferred_charges"] = [c.police_charge or c.charge]
    card["returns"] = [{"returned_date": iso(r), "resubmitted_date": iso(b)} for r, b in c.returns]
    card["extended"] = c.extended
    if c.procedure:
        card["procedure"] = c.procedure
    card["closed_date"] = iso(c.closed)
    if not c.nonprosecuted():
        card["indictment_number"] = c.indictment_number()
    if c.amount is not None:
        card["amount"] = c.amount
    persons = []
    for p in c.persons:
        q = {"name": p.name, "gender": p.gender, "birth_date": iso(p.birth), "id_number": p.id_number,
             "ethnicity": p.ethnicity, "education": p.education, "occupation": p.occupation,
             "domicile": p.domicile, "address": p.address, "prior_record": p.prior is not None,
             "recidivist": p.recidivist,
             "measures": [{"kind": k, "date": iso(d)} for k, d in p.measures],
             "charges": [c.charge_of(p)], "statutes": c.statutes(p), "plea": p.plea}
        if p.plea_date:
            q["plea_date"] = iso(p.plea_date)
        if p.sentence:
            q["sentencing"] = p.sentence.card()
        q["disposal"] = p.disposal
        q["circumstances"] = [x for x in render.CIRC_ORDER if x in p.circumstances]
        q["offense_date"] = iso(p.offense)
        if p.bac is not None:
            q["blood_alcohol"] = p.bac
        persons.append(q)
    card["persons"] = persons
    rec = {"transfer_date": ts(c.received, 9, 10), "received_date": ts(c.received, 9, 30)}
    for i, p in enumerate(c.persons):
        if p.plea_date:
            rec[f"persons[{i}].plea_date"] = ts(p.plea_date, 16, 20)
    rec["closed_date"] = ts(c.closed, 17, 5)
    rec.update(c.recorded or {})
    card["recorded_at"] = rec
    return card


PATH_RE = re.compile(r"([a-z_]+)(?:\[(\d+)\])?")


def set_path(obj: dict, path: str, value) -> None:
    if path.startswith("recorded_at."):
        key = path[len("recorded_at."):]
        if value == DELETE:
            del obj["recorded_at"][key]
        else:
            obj["recorded_at"][key] = value
        return
    parts = path.split(".")
    for k, part in enumerate(parts):
        m = PATH_RE.fullmatch(part)
        assert m, path
        key, idx = m.group(1), m.group(2)
        last = k == len(parts) - 1
        if idx is None:
            if last:
                if value == DELETE:
                    assert key in obj, path
                    del obj[key]
                else:
                    obj[key] = value
                return
            obj = obj[key]
        else:
            if last:
                if value == DELETE:
                    del obj[key][int(idx)]
                else:
                    obj[key][int(idx)] = value
                return
            obj = obj[key][int(idx)]


def apply_errors(c: Case, card: dict) -> tuple[dict, list]:
    """Apply the card mutations; return the document overrides and the truth findings."""
    ov: dict = {}
    findings = []
    for e in c.errors:
        for path, value in e.get("card", {}).items():
            set_path(card, path, value)
        for key, value in e.get("doc", {}).items():
            ov[key] = value
        for kind, fld, note in e["findings"]:
            findings.append({"kind": kind, "field": fld, "note": note})
    return ov, findings


def doc_blocks(c: Case, dtype: str, fmt: str, ov: dict, person=None) -> list:
    table = fmt in ("docx", "pdf")
    if dtype == "起诉意见书":
        return render.police_opinion(c, ov)
    if dtype == "起诉书":
        return render.indictment(c, ov, table=table and c.key.endswith("1"), chinese_date=c.key.endswith("2"))
    if dtype == "量刑建议书":
        return render.sentencing_rec(c, ov, table=table)
    if dtype == "认罪认罚具结书":
        return render.plea_agreement(c, person, ov)
    if dtype == "不起诉决定书":
        return render.nonprosecution(c, ov)
    if dtype == "刑事判决书":
        return render.judgment(c, ov)
    raise ValueError(dtype)


def check_case(c: Case, card: dict) -> None:
    """Guard the clean parts: valid IDs, dates in order, plea dates inside the review."""
    for p in c.persons:
        assert id_valid(p.id_number), (c.key, p.name)
        dates = [d for _, d in p.measures]
        assert dates == sorted(dates), (c.key, p.name, "measures out of order")
        assert not dates or dates[-1] <= c.transfer, (c.key, p.name)
        assert p.offense <= (dates[0] if dates else c.transfer)
        if p.plea_date:
            assert c.received <= p.plea_date <= c.closed, (c.key, p.name, "plea date")
    assert c.transfer <= c.received <= c.closed, c.key
    for r, b in c.returns:
        assert c.received < r < b < c.closed, c.key


def leaves(x, prefix=""):
    """Flatten a card into {field path: value} (recorded_at keys kept whole)."""
    out = {}
    if isinstance(x, dict):
        for k, v in x.items():
            if k == "recorded_at":
                for rk, rv in v.items():
                    out[f"recorded_at.{rk}"] = rv
            else:
                out.update(leaves(v, f"{prefix}.{k}" if prefix else k))
    elif isinstance(x, list) and x and isinstance(x[0], dict):
        for i, v in enumerate(x):
            out.update(leaves(v, f"{prefix}[{i}]"))
    else:
        out[prefix] = x
    return out


def check_truth(c: Case, clean_card: dict, card: dict, findings: list) -> None:
    """Every card item that differs from the clean card is named by a finding (recorded_at by its item)."""
    a, b = leaves(clean_card), leaves(card)
    named = {f["field"] for f in findings}
    for path in sorted(set(a) | set(b)):
        if a.get(path) != b.get(path):
            item = path[len("recorded_at."):] if path.startswith("recorded_at.") else path
            ok = item in named or any(n.startswith(item + ".") or item.startswith(n + ".") or
                                      item.startswith(n + "[") for n in named)
            if path.startswith("recorded_at.") and b.get(path) is None:
                ok = True  # the timestamp goes with an item removed on purpose
            assert ok, (c.key, path, a.get(path), b.get(path))


def write_case(c: Case, out: Path, pdf_jobs: list, no_pdf: bool, all_txt: bool = False) -> dict:
    check_case(c, None)
    d = out / c.key
    d.mkdir(parents=True)
    card = build_card(c)
    clean_card = json.loads(json.dumps(card))
    ov, findings = apply_errors(c, card)
    check_truth(c, clean_card, card, findings)
    files = []
    for spec in c.docs:
        dtype, fmt = spec[0], "txt" if all_txt else spec[1]
        persons = [None]
        if dtype == "认罪认罚具结书":
            persons = [p for p in c.persons if p.plea]
            if len(spec) > 2:
                persons = [c.persons[spec[2]]]
        for p in persons:
            blocks = doc_blocks(c, dtype, fmt, ov, p)
            stem = dtype if p is None or len(c.persons) == 1 else f"{dtype}（{p.name}）"
            if fmt == "docx":
                (d / f"{stem}.docx").write_bytes(docx_bytes(blocks, stem))
                files.append((f"{stem}.docx", "DOCX"))
            elif fmt == "pdf":
                if no_pdf:
                    (d / f"{stem}.docx").write_bytes(docx_bytes(blocks, stem))
                    files.append((f"{stem}.docx", "DOCX"))
                else:
                    pdf_jobs.append((docx_bytes(blocks, stem), d / f"{stem}.pdf"))
                    files.append((f"{stem}.pdf", "PDF"))
            else:
                enc = {"txt": "utf-8", "txt-bom": "utf-8-sig", "txt-gbk": "gbk"}[fmt]
                (d / f"{stem}.txt").write_bytes(txt_bytes(blocks, enc))
                label = {"utf-8": "TXT UTF-8", "utf-8-sig": "TXT UTF-8 BOM", "gbk": "TXT GBK"}[enc]
                files.append((f"{stem}.txt", label))
    (d / "card.json").write_text(json.dumps(card, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    truth = {"schema": "anguan.truth/1", "clean": not findings, "findings": findings}
    (d / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return {"case": c, "files": files, "findings": findings}


def readme(rows: list) -> str:
    from readme_text import HEAD, TAIL
    out = [HEAD]
    out.append("| case | charge | persons | documents (format) | injected errors (kind · field) |")
    out.append("|---|---|---|---|---|")
    for r in rows:
        c = r["case"]
        docs = "<br>".join(f"{f} ({fmt})" for f, fmt in r["files"])
        errs = "<br>".join(f"{x['kind']} · `{x['field']}` — {x['note']}" for x in r["findings"]) or "**clean**"
        who = "、".join(p.name for p in c.persons)
        out.append(f"| `{c.key}` | {c.charge} — {c.summary} | {who} | {docs} | {errs} |")
    out.append(TAIL)
    return "\n".join(out) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    root = Path(__file__).resolve().parents[2]
    ap.add_argument("--out", default=str(root / "corpus"))
    ap.add_argument("--no-pdf", action="store_true", help="write DOCX instead of PDF (no LibreOffice)")
    ap.add_argument("--all-txt", action="store_true",
                    help="write every document as UTF-8 TXT (same text; for testing stages without DOCX/PDF readers)")
    args = ap.parse_args()
    from cases import CASES
    out = Path(args.out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    keys = [c.key for c in CASES]
    assert len(keys) == len(set(keys))
    jobs: list = []
    rows = [write_case(c, out, jobs, args.no_pdf, args.all_txt) for c in CASES]
    convert_pdfs(jobs)
    (out / "README.md").write_text(readme(rows), encoding="utf-8")
    clean = sum(1 for r in rows if not r["findings"])
    print(f"{len(rows)} cases ({clean} clean), {sum(len(r['files']) for r in rows)} documents → {out}")


if __name__ == "__main__":
    main()
