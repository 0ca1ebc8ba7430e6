#!/usr/bin/python3
"""CJRC question -> fact paragraph retrieval: MRR@10 and Recall@10 of anguan's search (free-text
query over the word and bigram fields) beside a plain Okapi BM25 (k1 1.2, b 0.75) over Debian's
Python jieba tokens, in the same run. Each of the 6,000 questions should find its own paragraph
among the 1,000.

usage: tools/bench/cjrc.py [--anguan target/release/anguan] [--data DIR]
"""
import argparse
import json
import math
import os
import subprocess
import sys
import time
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from paths import HERE, ROOT, shared_data  # noqa: E402


def load(data):
    paragraphs, questions = [], []
    for name in ("dev_ground_truth_criminal.json", "test_ground_truth_criminal.json"):
        with open(os.path.join(data, "cjrc-criminal", name), encoding="utf-8") as f:
            for item in json.load(f)["data"]:
                for p in item["paragraphs"]:
                    pid = len(paragraphs)
                    paragraphs.append(p["context"])
                    questions += [(pid, qa["question"]) for qa in p["qas"]]
    return paragraphs, questions


def tokens(jieba, text):
    return [w for w in jieba.cut(text) if w.strip() and any(ch.isalnum() for ch in w)]


def bm25(jieba, paragraphs, questions, k1=1.2, b=0.75):
    docs = [Counter(tokens(jieba, p)) for p in paragraphs]
    lens = [sum(d.values()) for d in docs]
    avg = sum(lens) / len(lens)
    df = Counter(t for d in docs for t in d)
    n = len(docs)
    idf = {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}
    postings = {}
    for i, d in enumerate(docs):
        for t, tf in d.items():
            postings.setdefault(t, []).append((i, tf))
    rr = found = 0
    for pid, q in questions:
        scores = Counter()
        for t in set(tokens(jieba, q)):
            for i, tf in postings.get(t, ()):
                scores[i] += idf[t] * tf * (k1 + 1) / (tf + k1 * (1 - b + b * lens[i] / avg))
        top = [i for i, _ in scores.most_common(10)]
        if pid in top:
            rr += 1 / (top.index(pid) + 1)
            found += 1
    return rr / len(questions), found / len(questions)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--anguan", default=os.path.join(ROOT, "target", "release", "anguan"))
    ap.add_argument("--data", default=shared_data())
    args = ap.parse_args()
    if not args.data or not os.path.isdir(os.path.join(args.data, "cjrc-criminal")):
        sys.exit("../shared/data/cjrc-criminal not found: CJRC figures skipped")
    import jieba

    jieba.setLogLevel(60)
    paragraphs, questions = load(args.data)
    t = time.time()
    mrr, recall = bm25(jieba, paragraphs, questions)
    py_s = time.time() - t
    t = time.time()
    out = subprocess.run([args.anguan, "bench", "search", "--cjrc-only", "--json"], capture_output=True, text=True,
                         cwd=ROOT, check=True)
    ours = json.loads(out.stdout)["cjrc"]
    ours_s = time.time() - t
    print(f"CJRC criminal: {len(questions)} questions over {len(paragraphs)} paragraphs")
    print(f"  anguan (words + bigrams)      MRR@10 {ours['mrr_at_10']:.3f}  Recall@10 {ours['recall_at_10']:.3f}"
          f"  ({ours_s:.1f} s with indexing)")
    print(f"  BM25 over python jieba tokens MRR@10 {mrr:.3f}  Recall@10 {recall:.3f}  ({py_s:.1f} s)")


if __name__ == "__main__":
    main()
