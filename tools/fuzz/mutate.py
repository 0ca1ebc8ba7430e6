#!/usr/bin/env python3
"""Mutation fuzzer for anguan's document readers (PDF, DOCX, TXT).

Takes seed files (the committed fixtures under tests/fixtures/, except tests/fixtures/fuzz/, plus,
when present, the real files of ../shared/data/{pdf-real,docx-real,judgments-lecardv2/sample_txt}
read in place), mutates them and runs `target/release/anguan extract FILE` (and `anguan segment
FILE` for text) under a timeout and an address-space limit (ulimit -v, 2 GB). It records crashes
(exit 101/134/139 or another signal, 'panicked at' or a caught reader panic on stderr, failed
allocations), hangs (timeouts) and inputs slower than --slow CPU seconds; each failing input is
copied to --out with a line in findings.tsv (kind, file, command, exit, seconds, size, message).

Mutations: bit flips, byte runs, random overwrites, truncation, chunk duplication and deletion,
splicing between seeds of a format, interesting tokens. PDF: huge/negative numbers after /Length
/Count /W /Size /N /First /Prev and other keys, deep [ and << nesting, inflated-mutated-deflated
content streams (long runs of one operator, many rectangles, deep q/BT nesting, huge TJ arrays,
many glyphs at one spot), small files whose content stream (Flate twice) inflates to megabytes
of one operator or one string, and Type0 fonts with random ToUnicode CMaps and /W arrays. DOCX:
the XML parts are mutated inside the package and re-zipped (huge attribute values, duplicated
elements, deep nesting, dropped end tags, gridSpan/vMerge), and generated packages combine odd
numbering, altChunk references, spans, nested tables and many relationships.

Inputs run in batches of --batch files per process (fast); a batch that crashes, hangs or takes
more than --slow seconds is re-run file by file to blame and time each input. Times are CPU
seconds of the child (the machine is shared; wall time swings with its load).

    cargo build --release
    python3 tools/fuzz/mutate.py --seed 1 --count 20000 --out /tmp/fuzz-1
    python3 tools/fuzz/mutate.py --bin target/debug/anguan --slow 10 ...   # with overflow checks
    python3 tools/fuzz/mutate.py --replay FILE...     # run given files one by one

Runs are reproducible: the same --seed and seed files give the same inputs. Standard library only.
"""

import argparse
import io
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import time
import zipfile
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.join(ROOT, "target", "release", "anguan")
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "data")
if not os.path.isdir(SHARED):
    SHARED = "/work/shared/data"

HUGE = [b"0", b"-1", b"-2147483648", b"2147483647", b"4294967295", b"4294967296", b"9223372036854775807",
        b"18446744073709551615", b"99999999999999999999999", b"1e308", b"-1e308", b"NaN", b"3.4e38",
        b"100000000", b"65535", b"65536", b"1000000"]
PDF_TOKENS = [b"<<", b">>", b"[", b"]", b"(", b")", b"<", b">", b"/", b"R", b" 0 R", b"obj", b"endobj",
              b"stream\n", b"endstream", b"xref", b"trailer", b"startxref", b"%%EOF", b"\\", b"%",
              b"/Filter /FlateDecode", b"/Type /Page", b"/Kids [", b"/Parent 1 0 R", b"/Length 0",
              b"/Subtype /Form", b"/Resources <<", b"/ToUnicode", b"beginbfrange", b"<0000> <FFFF> <4E00>"]
PDF_NUM_KEYS = [b"Length", b"Count", b"W", b"Size", b"N", b"First", b"Prev", b"Index", b"Widths",
                b"FirstChar", b"LastChar", b"MediaBox", b"CropBox", b"Rotate", b"Matrix", b"BBox",
                b"Columns", b"Predictor", b"BitsPerComponent", b"DW", b"Ascent", b"FontMatrix"]
CONTENT_OPS = [b"q\n", b"Q\n", b"BT\n", b"ET\n", b"0 0 1 1 re\n", b"0 0 m 10 10 l S\n", b"1 0 0 1 5 5 cm\n",
               b"(A) Tj\n", b"[(A) -100 (B)] TJ\n", b"T*\n", b"0 -12 Td\n", b"/F1 12 Tf\n", b"/Fm0 Do\n",
               b"1e30 0 0 1e30 0 0 cm\n", b"0 0 0 0 0 0 cm\n", b"/F1 0 Tf\n", b"/F1 1e38 Tf\n",
               b"f\n", b"n\n", b"W n\n", b"1 0 0 1 0 0 Tm\n", b"(\xe5\xbc\xa0) '\n", b"0 0 (x) \"\n"]
XML_TOKENS = [b"<w:p>", b"</w:p>", b"<w:r>", b"</w:r>", b"<w:t>", b"</w:t>", b"<w:tbl>", b"<w:tr>", b"<w:tc>",
              b"</w:tc>", b"</w:tr>", b"</w:tbl>", b"<w:tab/>", b"<w:br/>", b"&amp;", b"&#0;", b"&#x110000;",
              b"&lt;", b"<![CDATA[", b"]]>", b"<!--", b"-->", b"<?xml", b"<!DOCTYPE x [<!ENTITY a \"b\">]>",
              b"&a;", b"<w:sym w:font=\"Symbol\" w:char=\"F0FF\"/>", b"<w:numPr><w:ilvl w:val=\"8\"/><w:numId w:val=\"1\"/></w:numPr>"]
XML_NUM_ATTRS = [b"w:val", b"w:gridSpan", b"w:ilvl", b"w:numId", b"w:abstractNumId", b"w:char", b"w:w",
                 b"w:start", b"w:id", b"w:restart"]
NEST_OPEN = [b"<w:tbl><w:tr><w:tc>", b"<w:sdt><w:sdtContent>", b"<w:txbxContent><w:p><w:r><w:pict><v:shape><v:textbox>",
             b"<w:ins>", b"<w:smartTag>", b"<w:hyperlink>", b"<mc:AlternateContent><mc:Choice>", b"<w:fldSimple>"]
NEST_CLOSE = [b"</w:tc></w:tr></w:tbl>", b"</w:sdtContent></w:sdt>", b"</v:textbox></v:shape></w:pict></w:r></w:p></w:txbxContent>",
              b"</w:ins>", b"</w:smartTag>", b"</w:hyperlink>", b"</mc:Choice></mc:AlternateContent>", b"</w:fldSimple>"]


def flate_stream(data, times):
    """Stream object text: `data` deflated `times` times (0: stored)."""
    for _ in range(times):
        data = zlib.compress(data, 9)
    filters = b"[" + b" /FlateDecode" * times + b" ]"
    return b"<< /Filter %s /Length %d >>\nstream\n" % (filters, len(data)) + data + b"\nendstream"


TYPE0 = (b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts "
         b"[<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) "
         b"/Ordering (Identity) /Supplement 0 >> /W %s >>] /ToUnicode 7 0 R >>")


def synthetic_pdf(content, times=0, font=None, cmap=b""):
    """A minimal valid PDF with one page, a font /F1 (Helvetica, or `font` with the ToUnicode
    `cmap` as object 7) and a form XObject /Fm0 drawing itself; `content` deflated `times` times."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> /XObject << /Fm0 6 0 R >> >> >>",
        flate_stream(content, times),
        font or b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources << /Font << /F1 5 0 R >> "
        b"/XObject << /Fm0 6 0 R >> >> /Length 22 >>\nstream\nBT /F1 9 Tf (F) Tj ET\nendstream",
        flate_stream(cmap, 1),
    ]
    return pdf_file(objs)


def pdf_file(objects, header=b"%PDF-1.4\n"):
    """A PDF of numbered object bodies (1-based; object 1 is the catalog) with a classic xref table.
    (tests/fixtures/make_fuzz_fixtures.py builds its fixtures with it too.)"""
    out = bytearray(header)
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


W_NS = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL_NS = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def make_docx(body, rels, parts):
    """A DOCX package of a body, its document relationships and more parts (name, bytes)."""
    types = (b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" '
             b'ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
             b'ContentType="application/xml"/></Types>')
    package_rels = (b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                    b'<Relationship Id="rId1" Type="%s/officeDocument" Target="word/document.xml"/></Relationships>' % REL_NS)
    document = (b'<w:document xmlns:w="%s" xmlns:r="%s"><w:body>' % (W_NS, REL_NS)) + body + b"</w:body></w:document>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", package_rels)
        z.writestr("word/document.xml", document)
        z.writestr("word/_rels/document.xml.rels", b'<Relationships xmlns="http://schemas.openxmlformats.org/'
                   b'package/2006/relationships">' + rels + b"</Relationships>")
        for name, data in parts:
            z.writestr(name, data)
    return out.getvalue()


def kind_of(data):
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK"):
        return "docx"
    return "txt"


class Mutator:
    def __init__(self, rng, seeds):
        self.r = rng
        self.seeds = seeds  # {kind: [bytes]}

    # ---- generic byte mutations ----
    def bytes_generic(self, d, kind):
        r = self.r
        d = bytearray(d)
        op = r.randrange(9)
        n = len(d)
        if n == 0:
            return bytes(d)
        if op == 0:  # bit flips
            for _ in range(r.randint(1, 16)):
                i = r.randrange(n)
                d[i] ^= 1 << r.randrange(8)
        elif op == 1:  # random overwrite
            for _ in range(r.randint(1, 8)):
                i = r.randrange(n)
                d[i] = r.randrange(256)
        elif op == 2:  # byte run
            i = r.randrange(n)
            d[i:i] = bytes([r.choice([0, 0xFF, 0x20, 0x0A, 0x28, 0x5B, 0x3C, r.randrange(256)])]) * r.choice([16, 256, 4096, 65536])
        elif op == 3:  # truncation
            del d[r.randrange(n):]
        elif op == 4:  # chunk duplication
            i = r.randrange(n)
            j = min(n, i + r.randint(1, 4096))
            chunk = d[i:j] * r.choice([1, 2, 8, 64])
            k = r.randrange(n)
            d[k:k] = chunk
        elif op == 5:  # chunk deletion
            i = r.randrange(n)
            del d[i:i + r.randint(1, 4096)]
        elif op == 6:  # splice with another seed of the same kind
            other = r.choice(self.seeds[kind])
            i = r.randrange(n)
            j = r.randrange(len(other)) if other else 0
            d = d[:i] + other[j:]
        elif op == 7:  # interesting token
            toks = PDF_TOKENS if kind == "pdf" else XML_TOKENS
            i = r.randrange(n)
            d[i:i] = r.choice(toks) * r.choice([1, 1, 4, 200])
        else:  # swap two chunks
            i, j = sorted(r.randrange(n) for _ in range(2))
            L = r.randint(1, 512)
            a, b = d[i:i + L], d[j:j + L]
            d[i:i + len(a)] = b[:len(a)].ljust(len(a), b"\0")
        return bytes(d)

    # ---- PDF ----
    def pdf_numbers(self, d):
        keys = [m for m in re.finditer(rb"/(%s)\s*(\[?)\s*(-?[0-9.]+)" % b"|".join(PDF_NUM_KEYS), d)]
        if not keys:
            return self.bytes_generic(d, "pdf")
        out = d
        chosen = sorted(self.r.sample(keys, min(len(keys), self.r.randint(1, 3))), key=lambda m: -m.start())
        for m in chosen:  # from the end, so earlier offsets stay valid
            out = out[:m.start(3)] + self.r.choice(HUGE) + out[m.end(3):]
        return out

    def pdf_nesting(self, d):
        r = self.r
        i = r.randrange(len(d) or 1)
        open_, close = r.choice([(b"[", b"]"), (b"<<", b">>"), (b"<< /A ", b">>"), (b"[<<", b">>]")])
        depth = r.choice([100, 1000, 10000, 100000])
        close_it = r.random() < 0.5
        return d[:i] + open_ * depth + (close * depth if close_it else b"") + d[i:]

    def content_mutation(self, content):
        r = self.r
        op = r.randrange(6)
        c = bytearray(content)
        if op == 0:  # long run of one operator
            ins = r.choice(CONTENT_OPS) * r.choice([1000, 10000, 100000])
        elif op == 1:  # many small rectangles / lines (table detection)
            ins = b"".join(b"%d %d %d %d re S\n" % (r.randrange(600), r.randrange(800), r.randrange(1, 50), r.randrange(1, 50))
                           for _ in range(r.choice([1000, 5000, 20000])))
        elif op == 2:  # deep q / BT nesting
            ins = r.choice([b"q ", b"BT ", b"q BT "]) * r.choice([1000, 100000])
        elif op == 3:  # huge TJ array / string
            ins = b"BT /F1 12 Tf [" + b"(A) -1 " * r.choice([10000, 100000]) + b"] TJ ET\n"
        elif op == 4:  # many characters at one spot
            ins = b"BT /F1 12 Tf " + b"0 0 Td (ABCDEFGH) Tj " * r.choice([5000, 50000]) + b"ET\n"
        else:
            return self.bytes_generic(content, "pdf")
        i = r.randrange(len(c) + 1)
        c[i:i] = ins
        return bytes(c)

    def pdf_stream(self, d):
        """Inflate one Flate stream, mutate its content, deflate it again and fix /Length."""
        streams = list(re.finditer(rb"/Length\s+(\d+)(?:\s+\d+\s+R)?[^>]*?>>\s*stream\r?\n", d))
        if not streams:
            return synthetic_pdf(self.content_mutation(b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET\n"))
        m = self.r.choice(streams)
        start = m.end()
        end = d.find(b"endstream", start)
        if end < 0:
            return self.bytes_generic(d, "pdf")
        raw = d[start:end].rstrip(b"\r\n")
        try:
            plain = zlib.decompress(raw)
            compressed = True
        except zlib.error:
            plain, compressed = raw, False
        new = self.content_mutation(plain)
        if compressed:
            new = zlib.compress(new)
        head = d[m.start():start]
        head = re.sub(rb"/Length\s+\d+(\s+\d+\s+R)?", b"/Length %d" % len(new), head, count=1)
        return d[:m.start()] + head + new + b"\n" + d[end:]

    def amplified(self):
        """A small file whose content stream (Flate twice) inflates to megabytes of one thing."""
        r = self.r
        unit = r.choice(CONTENT_OPS + [b"A", b"(AB) Tj ", b"[", b"<<", b"(", b"q BT "])
        n = r.choice([1 << 16, 1 << 20, 1 << 22, 1 << 24]) // len(unit)
        body = b"BT /F1 12 Tf 72 720 Td (Start) Tj ET\n" + (b"BT /F1 12 Tf (" + unit * n + b") Tj ET\n"
                                                           if r.random() < 0.3 else unit * n)
        return synthetic_pdf(body, times=2)

    def hostile_font(self):
        """A Type0 font with a random ToUnicode CMap and /W array: ranges, long destinations,
        huge numbers."""
        r = self.r
        hexs = lambda k: b"<" + b"".join(b"%02X" % r.randrange(256) for _ in range(k)) + b">"
        entries = []
        count = r.choice([1, 10, 1000, 20000])
        for _ in range(count):
            lo, hi = hexs(r.choice([1, 2, 2, 4])), hexs(r.choice([1, 2, 2, 4]))
            if count > 10:  # many entries: short ones (random hex does not deflate)
                lo, hi = r.choice([(b"<0000>", b"<FFFF>"), (lo, hi)])
                dst = r.choice([hexs(2), b"[" + hexs(2) + b"]"])
            else:
                dst = r.choice([hexs(2), hexs(r.choice([4, 600, 5000])), b"[" + hexs(2) * r.choice([1, 300]) + b"]"])
            entries.append(lo + b" " + hi + b" " + dst)
        kind = r.choice([b"bfrange", b"cidrange", b"bfchar", b"codespacerange"])
        cmap = (b"/CIDInit /ProcSet findresource begin begincmap\n1 begincodespacerange <0000> <FFFF> "
                b"endcodespacerange\n%d begin%s\n" % (len(entries), kind) + b"\n".join(entries)
                + b"\nend%s\nendcmap\n" % kind)
        w = b"[" + b" ".join(r.choice(HUGE) + b" " + r.choice([r.choice(HUGE) + b" 500", b"[500 600]"])
                             for _ in range(r.choice([1, 100, 20000]))) + b"]"
        text = b"BT /F1 12 Tf 72 720 Td <" + b"".join(b"%04X" % r.randrange(65536) for _ in range(20)) + b"> Tj ET\n"
        return synthetic_pdf(text, times=1, font=TYPE0 % w, cmap=cmap)

    def pdf(self, d):
        op = self.r.randrange(8)
        if op == 6:
            return self.amplified()
        if op == 7:
            return self.hostile_font()
        if op == 0:
            return self.pdf_numbers(d)
        if op == 1:
            return self.pdf_nesting(d)
        if op in (2, 3):
            return self.pdf_stream(d)
        if op == 4:
            return synthetic_pdf(self.content_mutation(b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET\n/Fm0 Do\n"))
        return self.bytes_generic(d, "pdf")

    # ---- DOCX ----
    def xml_mutation(self, x):
        r = self.r
        op = r.randrange(6)
        if op == 0:  # huge numeric attribute
            ms = list(re.finditer(rb'(%s)="([^"]*)"' % b"|".join(XML_NUM_ATTRS), x))
            if ms:
                m = r.choice(ms)
                return x[:m.start(2)] + r.choice(HUGE + [b"", b"x", b"F0FF", b"FFFFFFFF"]) + x[m.end(2):]
        if op == 1:  # duplicate an element many times
            ms = list(re.finditer(rb"<w:(p|tr|tc|r|tbl)\b[^>]*>.*?</w:\1>", x, re.S))
            if ms:
                m = r.choice(ms)
                i = m.end()
                return x[:i] + m.group(0) * r.choice([10, 100, 2000]) + x[i:]
        if op == 2:  # deep nesting
            ms = list(re.finditer(rb"<w:body>|<w:p\b|<w:r\b", x))
            if ms:
                k = r.randrange(len(NEST_OPEN))
                depth = r.choice([50, 63, 64, 65, 200, 5000])
                i = r.choice(ms).start()
                close = NEST_CLOSE[k] * depth if r.random() < 0.7 else b""
                return x[:i] + NEST_OPEN[k] * depth + b"<w:p><w:r><w:t>X</w:t></w:r></w:p>" + close + x[i:]
        if op == 3:  # drop a closing tag / random tag cut
            ms = list(re.finditer(rb"</w:[a-zA-Z]+>", x))
            if ms:
                m = r.choice(ms)
                return x[:m.start()] + x[m.end():]
        if op == 4:  # gridSpan / vMerge tables
            ms = list(re.finditer(rb"<w:tcPr>", x))
            if ms:
                m = r.choice(ms)
                ins = r.choice([b'<w:gridSpan w:val="%s"/>' % r.choice(HUGE), b'<w:vMerge w:val="restart"/>', b"<w:vMerge/>",
                                b'<w:hMerge w:val="continue"/>'])
                return x[:m.end()] + ins + x[m.end():]
        return self.bytes_generic(x, "docx")

    def hostile_docx(self):
        """A generated package: numbering with odd levels, altChunk references, spans and gaps,
        nested tables, all repeated many times (the parts deflate to little)."""
        r = self.r
        n = r.choice([10, 1000, 50000])
        numbering = (b'<w:numbering xmlns:w="%s"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="%s">'
                     b'<w:start w:val="%s"/><w:numFmt w:val="%s"/><w:lvlText w:val="%s"/></w:lvl></w:abstractNum>'
                     b'<w:num w:numId="1"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0">'
                     b'<w:startOverride w:val="%s"/></w:lvlOverride></w:num></w:numbering>'
                     % (W_NS, r.choice([b"0", b"8", b"9", b"-1", b"99999"]), r.choice(HUGE),
                        r.choice([b"decimal", b"upperLetter", b"chineseCounting", b"upperRoman", b"bullet"]),
                        r.choice([b"%1.", b"%1" * r.choice([1, 500, 20000]), b"%9%8%7", b"%%1"]), r.choice(HUGE)))
        pieces = [
            b'<w:p><w:pPr><w:numPr><w:ilvl w:val="%s"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>x</w:t></w:r></w:p>'
            % r.choice([b"0", b"8", b"9", b"-1"]),
            b'<w:altChunk r:id="rId%d"/>' % r.choice([2, 3, 999]),
            b'<w:tbl><w:tr><w:trPr><w:gridBefore w:val="%s"/></w:trPr>' % r.choice(HUGE)
            + b'<w:tc><w:tcPr><w:gridSpan w:val="%s"/><w:vMerge/></w:tcPr><w:p/></w:tc>' % r.choice(HUGE) * r.choice([1, 100])
            + b"</w:tr></w:tbl>",
            b"<w:tbl><w:tr><w:tc>" * 19 + b"<w:p><w:r><w:t>deep</w:t></w:r></w:p>" + b"</w:tc></w:tr></w:tbl>" * 19,
            b"<w:p><w:r>" + b"<w:tab/>" * r.choice([1, 1000]) + b"<w:sym w:char=\"%s\"/></w:r></w:p>" % r.choice(HUGE),
        ]
        body = b"".join(r.choice(pieces) for _ in range(r.choice([1, 5, 20]))) * (n // 50 or 1)
        rels = (b'<Relationship Id="rId1" Type="%s/numbering" Target="numbering.xml"/>'
                b'<Relationship Id="rId2" Type="%s/aFChunk" Target="chunk.txt"/>'
                b'<Relationship Id="rId3" Type="%s/aFChunk" Target="chunk.docx"/>' % (REL_NS, REL_NS, REL_NS))
        rels += b"".join(b'<Relationship Id="x%d" Type="%s/aFChunk" Target="none"/>' % (i, REL_NS)
                         for i in range(r.choice([0, 1000])))
        inner = self.seeds["docx"][0] if self.seeds["docx"] else b""
        return make_docx(body, rels, [("word/numbering.xml", numbering),
                                      ("word/chunk.txt", "被告人张某某。\n".encode() * r.choice([1, 100000])),
                                      ("word/chunk.docx", inner)])

    def docx(self, d):
        r = self.r
        if r.random() < 0.15:
            return self.hostile_docx()
        if r.random() < 0.25:
            return self.bytes_generic(d, "docx")
        try:
            zin = zipfile.ZipFile(io.BytesIO(d))
            entries = [(i, zin.read(i.filename)) for i in zin.infolist()]
        except Exception:
            return self.bytes_generic(d, "docx")
        xmls = [k for k, (i, _) in enumerate(entries) if i.filename.endswith((".xml", ".rels"))]
        if not xmls:
            return self.bytes_generic(d, "docx")
        weights = [6 if entries[k][0].filename == "word/document.xml" else 1 for k in xmls]
        for _ in range(r.choice([1, 1, 2, 3])):
            k = r.choices(xmls, weights)[0]
            info, body = entries[k]
            entries[k] = (info, self.xml_mutation(body))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for info, body in entries:
                z.writestr(info.filename, body)
        return out.getvalue()

    def mutate(self, kind, d):
        d = getattr(self, kind)(d) if kind in ("pdf", "docx") else self.bytes_generic(d, "txt")
        if self.r.random() < 0.15:  # stack a second mutation
            d = getattr(self, kind)(d) if kind in ("pdf", "docx") else self.bytes_generic(d, "txt")
        return d


def collect_seeds(max_real_bytes):
    seeds = {"pdf": [], "docx": [], "txt": []}
    names = []
    paths = []
    for base, _, files in os.walk(os.path.join(ROOT, "tests", "fixtures")):
        if "fuzz" in base.split(os.sep):
            continue
        paths += [os.path.join(base, f) for f in sorted(files)]
    for sub in ("pdf-real", "docx-real", "judgments-lecardv2/sample_txt"):
        p = os.path.join(SHARED, sub)
        if os.path.isdir(p):
            paths += [os.path.join(p, f) for f in sorted(os.listdir(p))]
    for p in sorted(paths):
        if not os.path.isfile(p) or os.path.getsize(p) == 0 or os.path.getsize(p) > max_real_bytes:
            continue
        if not p.endswith((".pdf", ".docx", ".txt", ".zip", ".doc", ".wps")):
            continue
        with open(p, "rb") as f:
            data = f.read()
        seeds[kind_of(data)].append(data)
        names.append(p)
    return seeds, names


def limit_memory(mb):
    def apply():
        resource.setrlimit(resource.RLIMIT_AS, (mb << 20, mb << 20))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    return apply


def run(cmd, timeout, mem_mb):
    """Run under the limits: (exit code or "timeout", stderr, CPU seconds). CPU time, not wall
    time, says what is slow: the machine is shared and wall times swing with its load."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    try:
        p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=timeout,
                           preexec_fn=limit_memory(mem_mb))
        rc, err = p.returncode, p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as e:
        rc, err = "timeout", (e.stderr or b"").decode("utf-8", "replace")
        return rc, err, time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return rc, err, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def verdict(rc, err):
    """None when fine, else a short failure kind."""
    if rc == "timeout":
        return "hang"
    if isinstance(rc, int) and rc < 0:
        return "signal%d" % -rc
    if rc in (101, 134, 139):
        return "exit%d" % rc
    if "panicked at" in err or "reader panic" in err:
        return "panic"
    if "memory allocation" in err or "overflowed its stack" in err:
        return "oom"
    if rc not in (0, 1, 2):
        return "exit%s" % rc
    return None


def commands(path, kind):
    cmds = [[BIN, "extract", path]]
    if kind == "txt":
        cmds.append([BIN, "segment", path])
    return cmds


def panic_site(err):
    m = re.search(r"panicked at ([^\n]+)", err)
    if m:
        return m.group(1).strip()
    m = re.search(r"(overflowed its stack|memory allocation of \d+ bytes failed)", err)
    return m.group(1) if m else err.strip().splitlines()[-1][:200] if err.strip() else ""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=1000, help="inputs to generate")
    ap.add_argument("--out", default="/tmp/anguan-fuzz")
    ap.add_argument("--batch", type=int, default=16, help="inputs per process")
    ap.add_argument("--timeout", type=float, default=10.0, help="seconds per input")
    ap.add_argument("--slow", type=float, default=2.0, help="an input taking more CPU seconds is reported")
    ap.add_argument("--mem-mb", type=int, default=2048, help="address-space limit (ulimit -v)")
    ap.add_argument("--max-seed-bytes", type=int, default=1 << 20)
    ap.add_argument("--kinds", default="pdf,docx,txt")
    ap.add_argument("--replay", nargs="*", help="run these files one by one and print the verdicts")
    ap.add_argument("--bin", help="binary to run (default target/release/anguan; target/debug/anguan checks overflow)")
    a = ap.parse_args()
    global BIN
    if a.bin:
        BIN = os.path.abspath(a.bin)
    if not os.access(BIN, os.X_OK):
        sys.exit("build the release binary first: cargo build --release")

    if a.replay is not None:
        for p in a.replay:
            kind = kind_of(open(p, "rb").read())
            for cmd in commands(p, kind):
                rc, err, dt = run(cmd, a.timeout, a.mem_mb)
                print("%s\t%s\t%s\t%.2fs\t%s\t%s" % (p, cmd[1], rc, dt, verdict(rc, err), panic_site(err)))
        return

    seeds, names = collect_seeds(a.max_seed_bytes)
    kinds = [k for k in a.kinds.split(",") if seeds.get(k)]
    print("seeds: %s" % ", ".join("%s %d" % (k, len(seeds[k])) for k in kinds), flush=True)
    rng = random.Random(a.seed)
    mut = Mutator(rng, seeds)
    os.makedirs(a.out, exist_ok=True)
    work = os.path.join(a.out, "work")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    findings = open(os.path.join(a.out, "findings.tsv"), "a")
    slowest = []  # (seconds, name, kind)
    counts = {}
    done = 0
    t_start = time.monotonic()
    ext = {"pdf": ".pdf", "docx": ".docx", "txt": ".txt"}

    def record(kind_fail, path, cmd, rc, dt, err):
        counts[kind_fail] = counts.get(kind_fail, 0) + 1
        keep = os.path.join(a.out, "fail-%s-%s" % (a.seed, os.path.basename(path)))
        shutil.copy(path, keep)
        findings.write("%s\t%s\t%s\t%s\t%.2f\t%d\t%s\n" % (kind_fail, keep, cmd, rc, dt, os.path.getsize(path),
                                                          panic_site(err).replace("\t", " ")))
        findings.flush()
        print("FOUND %s %s (%s, %.1fs): %s" % (kind_fail, keep, cmd, dt, panic_site(err)), flush=True)

    while done < a.count:
        batch = []
        for _ in range(min(a.batch, a.count - done)):
            kind = rng.choice(kinds)
            data = mut.mutate(kind, rng.choice(seeds[kind]))
            path = os.path.join(work, "i%06d%s" % (done, ext[kind]))
            with open(path, "wb") as f:
                f.write(data)
            batch.append((path, kind))
            done += 1
        for sub in ("extract", "segment"):
            group = [(p, k) for p, k in batch if sub == "extract" or k == "txt"]
            if not group:
                continue
            paths = [p for p, _ in group]
            cmd = [BIN, sub] + paths if sub == "extract" else None
            if cmd is not None:
                rc, err, dt = run(cmd, a.timeout * 2, a.mem_mb)
            if cmd is None or verdict(rc, err) or dt > a.slow:
                for p, k in group:  # one by one: blame and time
                    c = [BIN, sub, p]
                    rc1, err1, dt1 = run(c, a.timeout, a.mem_mb)
                    v = verdict(rc1, err1)
                    if v:
                        record(v, p, sub, rc1, dt1, err1)
                    elif dt1 > a.slow:
                        record("slow", p, sub, rc1, dt1, err1)
                    slowest.append((dt1, p, sub))
        for p, _ in batch:
            if os.path.exists(p):
                os.remove(p)
        slowest = sorted(slowest, reverse=True)[:20]
        if done % (a.batch * 25) < a.batch:
            rate = done / (time.monotonic() - t_start)
            print("%d inputs, %.1f/s, failures %s" % (done, rate, counts or "none"), flush=True)
    print("done: %d inputs in %.0fs, failures %s" % (done, time.monotonic() - t_start, counts or "none"))
    print("slowest (re-run singly, CPU seconds):")
    for dt, p, sub in slowest[:10]:
        print("  %.2fs %s %s" % (dt, sub, p))


if __name__ == "__main__":
    main()
