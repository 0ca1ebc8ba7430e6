#!/usr/bin/python3
"""SIGHAN 2005 PKU and MSR word-segmentation F-scores: anguan with and without the legal
dictionary, and Debian's Python jieba (HMM on, the setting anguan uses), in the same run.

usage: tools/bench/sighan.py [--anguan target/release/anguan] [--data DIR]

Scores with the shared scorer (../tools/seg_score.py beside the data). The MSR gold has 16 lines
whose text differs from the test input (a known quirk of the release); those lines are left out of
every system's score, and the count is printed.
"""
import argparse
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from paths import HERE, ROOT, shared_data  # noqa: E402


def score(scorer, gold, test):
    out = subprocess.run([sys.executable, scorer, gold, test], capture_output=True, text=True)
    if out.returncode != 0:
        return f"error: {out.stderr.strip() or out.stdout.strip()}"
    return out.stdout.strip().splitlines()[-1].split(":")[-1].strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--anguan", default=os.path.join(ROOT, "target", "release", "anguan"))
    ap.add_argument("--data", default=shared_data())
    args = ap.parse_args()
    if not args.data or not os.path.isdir(os.path.join(args.data, "sighan2005")):
        sys.exit("../shared/data/sighan2005 not found: SIGHAN scores skipped")
    scorer = os.path.join(args.data, "..", "tools", "seg_score.py")
    import jieba

    jieba.setLogLevel(60)
    tmp = tempfile.mkdtemp(prefix="anguan-sighan-")
    nodict = os.path.join(tmp, "nodict")
    os.mkdir(nodict)
    open(os.path.join(nodict, "legal.dict"), "w").close()
    for corpus in ("pku", "msr"):
        base = os.path.join(args.data, "sighan2005")
        gold = open(os.path.join(base, "gold", f"{corpus}_test_gold.utf8"), encoding="utf-8").read().splitlines()
        test = open(os.path.join(base, "testing", f"{corpus}_test.utf8"), encoding="utf-8").read().splitlines()
        keep = [i for i, (g, t) in enumerate(zip(gold, test)) if "".join(g.split()) == "".join(t.split())]
        gpath, tpath = os.path.join(tmp, f"{corpus}.gold"), os.path.join(tmp, f"{corpus}.test")
        with open(gpath, "w", encoding="utf-8") as f:
            f.write("\n".join(gold[i] for i in keep) + "\n")
        with open(tpath, "w", encoding="utf-8") as f:
            f.write("\n".join(test[i] for i in keep) + "\n")
        results = {}
        for name, env in (("anguan+legal.dict", {}), ("anguan (jieba-rs alone)", {"ANGUAN_DICTIONARIES": nodict})):
            out = os.path.join(tmp, f"{corpus}.{len(results)}")
            with open(out, "w") as f:
                subprocess.run([args.anguan, "segment", tpath], stdout=f, check=True, env={**os.environ, **env})
            results[name] = score(scorer, gpath, out)
        out = os.path.join(tmp, f"{corpus}.py")
        with open(out, "w", encoding="utf-8") as f:
            for i in keep:
                f.write(" ".join(w for w in (x.strip() for x in jieba.cut(test[i], HMM=True)) if w) + "\n")
        results["python jieba 0.42 (HMM on)"] = score(scorer, gpath, out)
        left = len(gold) - len(keep)
        print(f"{corpus.upper()} ({len(keep)} lines scored, {left} misaligned gold lines left out):")
        for name, f1 in results.items():
            print(f"  {name:28} F {f1}")


if __name__ == "__main__":
    main()
