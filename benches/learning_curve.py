#!/usr/bin/env python3
"""Learning curve on the seeds (issue 9): leave-one-article-out macro-F1 when training on 25, 50,
75 and 100% of the other article's sentences (stratified by label, at least one per label,
REPEATS random draws per fraction below 100%), with the committed default settings.

For each fraction it prints the mean macro-F1 over both held-out articles and all draws, the
spread of that mean over draws (2.5-97.5 percentiles), and the mean of `stance eval`'s
95% bootstrap interval (over the held-out article's rows). Optionally, --also-dev trains on
the same subsets and scores the five dev articles of benches/dev (interval over articles).
Usage (from the repository root):
  python3 benches/learning_curve.py [--repeats 20] [--stance target/release/stance] [extra train options]
"""
import argparse, csv, io, json, os, random, subprocess, sys, tempfile


def rows_of(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def sample(rows, fraction, rng):
    by = {}
    for r in rows:
        by.setdefault(r["label"], []).append(r)
    out = []
    for label, rs in sorted(by.items()):
        k = max(1, round(len(rs) * fraction))
        out += rng.sample(rs, k) if k < len(rs) else rs
    out.sort(key=lambda r: int(r["sentence"]))
    return out


def run_json(cmd):
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("learning_curve: %s failed: %s" % (" ".join(cmd), r.stderr.strip()))
    return json.loads(r.stdout)


def pct(v, q):
    v = sorted(v)
    pos = q * (len(v) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (pos - lo)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=20)
    ap.add_argument("--stance", default="target/release/stance")
    ap.add_argument("--also-dev", action="store_true")
    o, extra = ap.parse_known_args()
    articles = sorted(os.path.join("labeled", f) for f in os.listdir("labeled") if f.endswith(".csv"))
    if len(articles) != 2:
        sys.exit("learning_curve: expected the two seed articles in labeled/")
    data = [rows_of(a) for a in articles]
    print("fraction  train rows  LOAO macro-F1  spread over draws  mean eval 95%% CI%s" %
          ("   dev macro-F1 [dev CI]" if o.also_dev else ""))
    with tempfile.TemporaryDirectory() as tmp:
        for fraction in (0.25, 0.5, 0.75, 1.0):
            repeats = o.repeats if fraction < 1 else 1
            means, lows, highs, sizes, dev, dev_lo, dev_hi = [], [], [], [], [], [], []
            for r in range(repeats):
                rng = random.Random(1000 * r + int(fraction * 100))
                f1s = []
                for held in (0, 1):
                    sub = sample(data[1 - held], fraction, rng)
                    sizes.append(len(sub))
                    train_csv = os.path.join(tmp, "train.csv")
                    model = os.path.join(tmp, "m.model")
                    write(train_csv, sub)
                    subprocess.run([o.stance, "train", "--no-reference", "--data", train_csv, "--model", model] + extra,
                                   check=True, capture_output=True)
                    j = run_json([o.stance, "eval", "--model", model, "--data", articles[held], "--format", "json"])
                    f1s.append(j["macro_f1"])
                    lows.append(j["macro_f1_ci"][0])
                    highs.append(j["macro_f1_ci"][1])
                    if o.also_dev:
                        d = run_json([o.stance, "eval", "--model", model, "--data", "benches/dev", "--format", "json"])
                        dev.append(d["macro_f1"]); dev_lo.append(d["macro_f1_ci"][0]); dev_hi.append(d["macro_f1_ci"][1])
                means.append(sum(f1s) / 2)
            m = sum(means) / len(means)
            line = "%7.0f%%  %10.1f  %13.3f  [%.3f, %.3f]     [%.3f, %.3f]" % (
                fraction * 100, sum(sizes) / len(sizes), m, pct(means, 0.025), pct(means, 0.975),
                sum(lows) / len(lows), sum(highs) / len(highs))
            if o.also_dev:
                line += "   %.3f [%.3f, %.3f]" % (sum(dev) / len(dev), sum(dev_lo) / len(dev_lo), sum(dev_hi) / len(dev_hi))
            print(line, flush=True)


if __name__ == "__main__":
    main()
