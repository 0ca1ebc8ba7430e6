"""Lay out rendered blocks as DOCX (python-docx), TXT (UTF-8, UTF-8 with BOM, GBK) and PDF (LibreOffice).

Output is deterministic: DOCX core properties and zip timestamps are fixed, and the PDF's creation
dates and /ID are replaced by fixed values of the same length (so the xref offsets stay valid).
"""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

FIXED = datetime(2024, 1, 1, 0, 0, 0)
# Fonts installed on the build machine (LibreOffice embeds subsets in the PDFs); one family keeps them small.
BODY_FONT = "Noto Serif CJK SC"
TITLE_FONT = "Noto Serif CJK SC"


def _font(run, name: str, size: float, bold: bool = False) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = name
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, rfonts)
    for attr in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        rfonts.set(qn(attr), name)


def _para(doc, text: str, align=None, size=16.0, bold=False, indent=True, font=BODY_FONT):
    p = doc.add_paragraph()
    if align is not None:
        p.alignment = align
    pf = p.paragraph_format
    pf.space_after = Pt(0)
    pf.line_spacing = Pt(28)
    if indent:
        pf.first_line_indent = Pt(size * 2)
    _font(p.add_run(text), font, size, bold)
    return p


def docx_bytes(blocks: list, title: str) -> bytes:
    doc = Document()
    sec = doc.sections[0]
    from docx.shared import Cm
    sec.page_height, sec.page_width = Cm(29.7), Cm(21.0)
    sec.top_margin, sec.bottom_margin = Cm(3.7), Cm(3.5)
    sec.left_margin, sec.right_margin = Cm(2.8), Cm(2.6)
    cp = doc.core_properties
    cp.title, cp.author, cp.last_modified_by = title, "anguan corpus", "anguan corpus"
    cp.created = cp.modified = FIXED
    cp.revision = 1
    for kind, *rest in blocks:
        if kind == "org":
            _para(doc, rest[0], WD_ALIGN_PARAGRAPH.CENTER, 18, True, False, TITLE_FONT)
        elif kind == "title":
            _para(doc, rest[0], WD_ALIGN_PARAGRAPH.CENTER, 22, True, False, TITLE_FONT)
        elif kind == "docno":
            _para(doc, rest[0], WD_ALIGN_PARAGRAPH.RIGHT, 16, False, False)
        elif kind == "p":
            _para(doc, rest[0])
        elif kind == "h":
            _para(doc, rest[0], None, 16, True, True)
        elif kind == "left":
            _para(doc, rest[0], WD_ALIGN_PARAGRAPH.LEFT, 16, False, False)
        elif kind == "right":
            _para(doc, rest[0], WD_ALIGN_PARAGRAPH.RIGHT, 16, False, False)
        elif kind == "table":
            rows = rest[0]
            t = doc.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            t.alignment = WD_TABLE_ALIGNMENT.CENTER
            for i, row in enumerate(rows):
                for j, val in enumerate(row):
                    cell = t.cell(i, j)
                    cell.text = ""
                    run = cell.paragraphs[0].add_run(val)
                    _font(run, BODY_FONT, 12, i == 0)
        else:
            raise ValueError(kind)
    buf = io.BytesIO()
    doc.save(buf)
    return _fix_zip(buf.getvalue())


KEEP_STYLES = {b"Normal", b"DefaultParagraphFont", b"TableNormal", b"NoList", b"TableGrid"}
DROP_PARTS = ("word/stylesWithEffects.xml", "docProps/thumbnail.jpeg")


def _fix_zip(data: bytes) -> bytes:
    """Rewrite the zip with fixed timestamps so the bytes are reproducible, and drop the template's bulk
    (the optional stylesWithEffects part, the thumbnail, the latent-style list) to keep the corpus small."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in DROP_PARTS:
                continue
            body = src.read(info.filename)
            if info.filename.endswith(".rels") or info.filename == "[Content_Types].xml":
                for part in DROP_PARTS:
                    name = part.split("/")[-1].encode()
                    body = re.sub(rb"<(Relationship|Override)[^>]*" + re.escape(name) + rb"[^>]*/>", b"", body)
            if info.filename == "word/styles.xml":
                body = re.sub(rb"<w:latentStyles.*?</w:latentStyles>", b"", body, flags=re.S)
                body = re.sub(rb"<w:style [^>]*w:styleId=\"([^\"]+)\".*?</w:style>",
                              lambda m: m.group(0) if m.group(1) in KEEP_STYLES else b"", body, flags=re.S)
            zi = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, body)
    return out.getvalue()


def txt_text(blocks: list) -> str:
    lines = []
    for kind, *rest in blocks:
        if kind == "table":
            lines += ["\t".join(r) for r in rest[0]]
        elif kind == "p":
            lines.append("　　" + rest[0])
        else:
            lines.append(rest[0])
    return "\n".join(lines) + "\n"


def txt_bytes(blocks: list, encoding: str) -> bytes:
    text = txt_text(blocks)
    if encoding == "gbk":
        return text.replace("\n", "\r\n").encode("gbk")
    if encoding == "utf-8-sig":
        return text.encode("utf-8-sig")
    return text.encode("utf-8")


def convert_pdfs(jobs: list) -> None:
    """jobs: [(docx bytes, target pdf path)] converted in one LibreOffice run."""
    if not jobs:
        return
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        ins = []
        for k, (data, _) in enumerate(jobs):
            f = tmp / f"doc{k:03d}.docx"
            f.write_bytes(data)
            ins.append(str(f))
        profile = tmp / "profile"
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                        "pdf", "--outdir", str(tmp / "out")] + ins, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for k, (_, target) in enumerate(jobs):
            pdf = (tmp / "out" / f"doc{k:03d}.pdf").read_bytes()
            target.write_bytes(_fix_pdf(pdf))


def _fix_pdf(pdf: bytes) -> bytes:
    """Fixed creation/modification dates and a content-derived /ID, each the same length as before."""
    pdf = re.sub(rb"\(D:([0-9+\-Z']+)\)", lambda m: b"(D:" + _same_len(m.group(1)) + b")", pdf)
    id_re = re.compile(rb"(/ID\s*\[\s*<)([0-9A-Fa-f]+)(>\s*<)([0-9A-Fa-f]+)(>)")
    sum_re = re.compile(rb"(/DocChecksum\s*/)([0-9A-Fa-f]+)")
    digest = hashlib.sha256(sum_re.sub(b"", id_re.sub(b"", pdf))).hexdigest().upper().encode()
    pdf = sum_re.sub(lambda m: m.group(1) + digest[: len(m.group(2))], pdf)

    def fix(m):
        a, b = m.group(2), m.group(4)
        return m.group(1) + digest[: len(a)] + m.group(3) + digest[: len(b)] + m.group(5)

    return id_re.sub(fix, pdf)


def _same_len(s: bytes) -> bytes:
    base = b"20240101000000+00'00'"
    return base[: len(s)].ljust(len(s), b"0")


def which_soffice() -> bool:
    return shutil.which("soffice") is not None
