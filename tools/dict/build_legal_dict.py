#!/usr/bin/python3
"""Build dictionaries/legal.dict, anguan's jieba user dictionary for legal text.

usage: tools/dict/build_legal_dict.py [--data ../shared/data] [--out dictionaries/legal.dict]
       [--thuocl-min-df 100] [--thuocl-max-len 7] [--thuocl-min-count 3]

Sources (facts from ../shared/data, selection ours):
  * charge names (罪名, tag `nzm`): charges/charges-469.txt, the 罪名 opinion and its supplements
    in laws/罪名/*.md (newer charges), charges/cail2018-accu-202.txt (+罪);
  * procedural terms, measures, sentencing words and document names (tag `nz`):
    tools/dict/procedural.txt (our list);
  * the useful part of THUOCL's legal terms (tag `nz`): terms jieba does not know yet, only Han
    characters, 3..=max-len characters, document frequency >= min-df, and attested at least
    min-count times in real criminal text (the LeCaRDv2 judgments and the CJRC fact paragraphs),
    that jieba alone would break into single characters, minus tools/dict/thuocl_exclude.txt. THUOCL is a general legal lexicon: most of its compounds
    (合同约定, 有关部门) never occur in criminal case files and only cost segmentation accuracy on
    general text (SIGHAN), and a term jieba already cuts into whole words is found by a phrase query anyway.

Every line is `word freq tag` (jieba-rs 0.11 gives a line without a frequency the frequency 0,
which disables the word). The frequency is what Debian's Python jieba (same default dictionary
family as jieba-rs) suggests to keep the word whole, or the word's own frequency if higher.
Run with /usr/bin/python3 (python3-jieba).
"""
import argparse
import glob
import json
import os
import re
import sys

import jieba

HAN = re.compile(r"^[\u4e00-\u9fff]+$")
CHARGE_IN_OPINION = re.compile(r"([\u4e00-\u9fff、]{2,40}罪)（第")


def charges(data):
    out = []
    with open(os.path.join(data, "charges/charges-469.txt"), encoding="utf-8") as f:
        out += [l.strip() for l in f if l.strip()]
    for path in sorted(glob.glob(os.path.join(data, "laws/罪名/*.md"))):
        with open(path, encoding="utf-8") as f:
            for m in CHARGE_IN_OPINION.finditer(f.read()):
                name = re.sub(r"^[\d．.]+", "", m.group(1))
                out.append(name)
    with open(os.path.join(data, "charges/cail2018-accu-202.txt"), encoding="utf-8") as f:
        out += [l.strip() + "罪" for l in f if l.strip()]
    # A charge name starts after an enumeration mark; drop captures that swallowed prose.
    return [c for c in out if 3 <= len(c) <= 30 and not c.startswith(("本罪", "犯罪", "之罪"))]


def procedural(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if parts and not parts[0].startswith("#"):
                out.append((parts[0], parts[1] if len(parts) > 1 else "nz"))
    return out


def criminal_text(data):
    parts = []
    with open(os.path.join(data, "judgments-lecardv2/test_query.json"), encoding="utf-8") as f:
        parts += [json.loads(l)["query"] for l in f if l.strip()]
    for name in ("dev_ground_truth_criminal.json", "test_ground_truth_criminal.json"):
        with open(os.path.join(data, "cjrc-criminal", name), encoding="utf-8") as f:
            for doc in json.load(f)["data"]:
                parts += [p["context"] for p in doc["paragraphs"]]
    return "\n".join(parts)


def thuocl(data, min_df, max_len, min_count, exclude):
    text = criminal_text(data)
    out = []
    with open(os.path.join(data, "legal-terms-thuocl/THUOCL_law.txt"), encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) != 2 or not parts[1].isdigit():
                continue
            word, df = parts[0], int(parts[1])
            if df < min_df or not 3 <= len(word) <= max_len or not HAN.match(word):
                continue
            if word in jieba.dt.FREQ or word in exclude or text.count(word) < min_count:
                continue
            if all(len(piece) > 1 for piece in jieba.cut(word, HMM=False)):
                continue  # jieba already cuts it into whole words: a phrase query finds it
            out.append(word)
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser()
    data = os.path.join(root, "..", "shared", "data")
    if not os.path.isdir(data):  # a git worktree under <repo parent>/wt/<name>
        data = os.path.join(root, "..", "..", "shared", "data")
    ap.add_argument("--data", default=data)
    ap.add_argument("--out", default=os.path.join(root, "dictionaries", "legal.dict"))
    ap.add_argument("--thuocl-min-df", type=int, default=100)
    ap.add_argument("--thuocl-max-len", type=int, default=7)
    ap.add_argument("--thuocl-min-count", type=int, default=3)
    args = ap.parse_args()
    if not os.path.isdir(args.data):
        sys.exit(f"data folder not found: {args.data}")
    jieba.setLogLevel(60)
    jieba.initialize()

    entries = {}  # word -> tag, first source wins

    def add(word, tag):
        if word not in entries:
            entries[word] = tag

    for c in charges(args.data):
        add(c, "nzm")
    for w, t in procedural(os.path.join(here, "procedural.txt")):
        add(w, t)
    with open(os.path.join(here, "thuocl_exclude.txt"), encoding="utf-8") as f:
        exclude = {l.strip() for l in f if l.strip() and not l.startswith("#")}
    for w in thuocl(args.data, args.thuocl_min_df, args.thuocl_max_len, args.thuocl_min_count, exclude):
        add(w, "nz")

    lines = [
        "# anguan legal user dictionary for jieba: `word freq tag` on every line.",
        "# Generated by tools/dict/build_legal_dict.py from ../shared/data (charge lists, 罪名 opinions,",
        "# THUOCL law terms, MIT) and tools/dict/procedural.txt. Tags: nzm = 罪名 (charge), nz = legal term.",
        "# Do not edit by hand: change the sources or the script and rebuild.",
    ]
    for word in sorted(entries, key=lambda w: (entries[w] != "nzm", w)):
        freq = max(jieba.suggest_freq(word, False), jieba.dt.FREQ.get(word, 0), 1)
        lines.append(f"{word} {freq} {entries[word]}")
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    n_charges = sum(1 for t in entries.values() if t == "nzm")
    print(f"{args.out}: {len(entries)} words ({n_charges} charges)", file=sys.stderr)


if __name__ == "__main__":
    main()
