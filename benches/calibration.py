#!/usr/bin/env python3
"""Expected calibration error (10 bins of the top probability) of models on the dev articles of
the seed dispute (benches/dev), with a 95% percentile-bootstrap interval over articles (2000
resamples, seed 0), as `stance eval` computes the point value. Issue 9's before/after figures:

  python3 benches/calibration.py models/stance.model OTHER.model ...

Each model classifies benches/dev/articles; labels come from benches/dev/*.csv.
"""
import csv, glob, json, os, random, subprocess, sys


def ece(rows):
    bins = [[0, 0.0, 0] for _ in range(10)]
    for p, right in rows:
        b = bins[min(int(p * 10), 9)]
        b[0] += 1; b[1] += p; b[2] += right
    n = len(rows)
    return sum(c / n * abs(r / c - s / c) for c, s, r in bins if c)


def main():
    stance = os.environ.get("STANCE", "target/release/stance")
    labels = {}
    for path in glob.glob("benches/dev/*.csv"):
        for r in csv.DictReader(open(path, encoding="utf-8")):
            labels[(r["doc"], int(r["sentence"]))] = r["label"]
    for model in sys.argv[1:]:
        out = subprocess.run([stance, "classify", "--model", model, "--format", "jsonl", "benches/dev/articles"],
                             capture_output=True, text=True, check=True).stdout
        by_doc = {}
        for line in out.splitlines():
            j = json.loads(line)
            p = j["p_" + j["label"]]
            by_doc.setdefault(j["doc"], []).append((p, j["label"] == labels[(os.path.basename(j["doc"]), j["sentence"])]))
        docs = sorted(by_doc)
        point = ece([r for d in docs for r in by_doc[d]])
        rng = random.Random(0)
        draws = sorted(ece([r for _ in docs for r in by_doc[rng.choice(docs)]]) for _ in range(2000))
        print("%-40s ECE %.3f  95%% interval [%.3f, %.3f] (bootstrap over %d articles)" % (
            model, point, draws[49], draws[1949], len(docs)))


if __name__ == "__main__":
    main()
