#!/usr/bin/env python3
"""Chooses the default training settings by evidence from more than one corpus (issue 9).

Corpora (each gives paired per-fold macro-F1 scores):
  seed-loao  leave-one-article-out CV on the seed rows labeled/*.csv (2 folds, `stance cv`);
  dev        train on the seed rows, score each hand-written dev article of benches/dev/ (5 folds);
  emergent   claim-grouped 5-fold CV on Emergent train.csv (headlines, `stance cv --group-by claim`),
             when its folder is given.

Procedure (forward selection with the one-standard-error rule):
  1. Start from the simplest setting: scikit-learn's plain TfidfVectorizer + LogisticRegression
     (unigrams, no stemming, no extra tokens, raw tf, C 1, no class weight).
  2. Each candidate change (one setting flipped from the current choice) is compared with the
     current choice fold by fold on every corpus (paired macro-F1 differences).
  3. A change is accepted only if it does not lose on any corpus (mean difference >= 0 on each)
     AND its mean difference over all folds of all corpora exceeds one standard error of those
     differences; when in doubt, the simpler setting stays.
  4. The accepted change with the largest mean gain becomes the current choice; repeat until no
     change is accepted.
Prints every round's table and the final choice. Usage (from the repository root):
  python3 benches/choose_defaults.py [--emergent PATH/TO/datasets/emergent] [--stance BIN]
"""
import argparse, json, math, os, subprocess, sys, tempfile

BASE = {"stem": "false", "negation-scope": "false", "punctuation": "false", "cue-words": "false",
        "extended-cues": "false", "attribution": "false",
        "sublinear-tf": "false", "class-weight": "none", "c": "1", "ngram-max": "1"}
# Candidate changes: (name, option, value), the same list as `tune::CHANGES` in
# src/evaluate/tune.rs. More can be given with --extra "NAME:OPTION=VALUE".
CHANGES = [
    ("balanced classes", "class-weight", "balanced"),
    ("sublinear tf", "sublinear-tf", "true"),
    ("stemming", "stem", "true"),
    ("negation scope", "negation-scope", "true"),
    ("punctuation tokens", "punctuation", "true"),
    ("cue words", "cue-words", "true"),
    ("extended cue lexicon", "extended-cues", "true"),
    ("attribution", "attribution", "true"),
    ("word 1-2-grams", "ngram-max", "2"),
    ("C 10", "c", "10"),
    ("C 0.1", "c", "0.1"),
]


def args_of(setting):
    out = []
    for k, v in setting.items():
        out += ["--" + k, v]
    return out


def run_json(cmd):
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("choose_defaults: %s failed: %s" % (" ".join(cmd), r.stderr.strip()))
    return json.loads(r.stdout)


CACHE = {}


def scores(stance, setting, corpora):
    """corpus name -> list of per-fold macro-F1."""
    key = tuple(sorted(setting.items()))
    if key in CACHE:
        return CACHE[key]
    out = {}
    a = args_of(setting)
    # The seed articles' rows only (labeled/*.csv; labeled/disputes/ came later, issue 8).
    seed = [x for f in sorted(os.listdir("labeled")) if f.endswith(".csv") for x in ("--data", os.path.join("labeled", f))]
    out["seed-loao"] = [f["macro_f1"] for f in
                        run_json([stance, "cv"] + seed + ["--format", "json"] + a)["folds"]]
    with tempfile.TemporaryDirectory() as tmp:
        model = os.path.join(tmp, "m.model")
        subprocess.run([stance, "train"] + seed + ["--model", model] + a,
                       check=True, capture_output=True)
        dev = sorted(f for f in os.listdir("benches/dev") if f.endswith(".csv"))
        out["dev"] = [run_json([stance, "eval", "--model", model, "--data", "benches/dev/" + f,
                                "--format", "json"])["macro_f1"] for f in dev]
    if corpora.get("emergent"):
        out["emergent"] = [f["macro_f1"] for f in run_json(
            [stance, "cv", "--data", os.path.join(corpora["emergent"], "train.csv"), "--group-by", "claim",
             "--folds", "5", "--format", "json"] + a)["folds"]]
    CACHE[key] = out
    return out


def mean(v):
    return sum(v) / len(v)


def se(v):
    if len(v) < 2:
        return float("inf")
    m = mean(v)
    return math.sqrt(sum((x - m) ** 2 for x in v) / (len(v) - 1) / len(v))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--emergent", default=None)
    ap.add_argument("--stance", default="target/release/stance")
    ap.add_argument("--extra", action="append", default=[], help="NAME:OPTION=VALUE candidate change")
    ap.add_argument("--base", action="append", default=[], help="OPTION=VALUE for the starting setting")
    o = ap.parse_args()
    changes = list(CHANGES)
    for e in o.extra:
        name, kv = e.split(":", 1)
        k, v = kv.split("=", 1)
        changes.append((name, k, v))
    current = dict(BASE)
    for kv in o.base:
        k, v = kv.split("=", 1)
        current[k] = v
    corpora = {"emergent": o.emergent} if o.emergent else {}
    if o.emergent and not os.path.isfile(os.path.join(o.emergent, "train.csv")):
        sys.exit("choose_defaults: Emergent data missing: %s has no train.csv" % o.emergent)
    rnd = 0
    while True:
        rnd += 1
        cur = scores(o.stance, current, corpora)
        names = list(cur)
        print("\n== round %d: current %s" % (rnd, " ".join(args_of(current))))
        print("   current macro-F1: " + "  ".join("%s %.3f" % (n, mean(cur[n])) for n in names))
        print("   %-22s %s  %8s %7s  verdict" % ("change", "  ".join("%9s" % n for n in names), "all-mean", "1 SE"))
        best = None
        for name, k, v in changes:
            if current.get(k) == v:
                continue
            cand = dict(current)
            cand[k] = v
            s = scores(o.stance, cand, corpora)
            diffs = {n: [b - a for a, b in zip(cur[n], s[n])] for n in names}
            pooled = [d for n in names for d in diffs[n]]
            gain, err = mean(pooled), se(pooled)
            ok = all(mean(diffs[n]) >= 0 for n in names) and gain > err
            print("   %-22s %s  %+8.3f %7.3f  %s" % (name, "  ".join("%+9.3f" % mean(diffs[n]) for n in names),
                                                     gain, err, "accept" if ok else "-"))
            if ok and (best is None or gain > best[0]):
                best = (gain, name, cand)
        if best is None:
            break
        print("   -> accept: %s" % best[1])
        current = best[2]
    print("\nchosen: %s" % " ".join(args_of(current)))
    cur = scores(o.stance, current, corpora)
    print("chosen macro-F1: " + "  ".join("%s %.3f" % (n, mean(cur[n])) for n in cur))


if __name__ == "__main__":
    main()
