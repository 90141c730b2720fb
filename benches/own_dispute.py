#!/usr/bin/env python3
"""Your own dispute, simulated (issue 8, item 4): the labeling loop of the README walkthrough,
run on disputes whose every sentence has a gold label, with the gold label standing in for the
user's answer.

For each dispute, the articles are split in two halves (alternate articles in name order) and
both directions are run (label from half A, score on half B, and the reverse). Starting from the
model built into stance, each round asks `stance suggest --count 10` for the half's next sentences
(with the previous round's model and `--data mine.csv`), takes their gold labels, appends them to
mine.csv and retrains, up to 40 sentences or until the half runs out. After the last round it
scores on the other half, with `stance eval`:
  zero-shot    the model built into stance;
  combined     `stance train --data labeled --data mine.csv` (the documented workflow);
  mine         `stance train --no-reference --data mine.csv` (the user's rows alone);
  random       combined, on 40 sentences drawn by `--strategy random` (mean of --random-seeds);
and any extra training variant given with --variant NAME='train options' (after `--data labeled
--data mine.csv`; a first option weight=K counts the user's rows K times).

A dispute is a folder with `articles/` (the texts) and `gold.csv` (every sentence, as printed by
`stance sentences` run inside articles/, labeled). --emergent PATH also builds one dispute per
Emergent claim with at least --min-headlines headlines (train and test files; for -> assertion,
against -> denial, observing -> background; one headline per article).

With --claims, the dispute's claim (its rows' `claim` column; an Emergent claim's text) is given
as a user would: `suggest --claim`, a `claim` column in mine.csv and in the scored half, so every
model labels toward it.

Prints one line per dispute and direction, then the mean over all of them with a 95% bootstrap
interval over disputes (both directions of a dispute resampled together).
Usage (from the repository root, after `cargo build --release`):
  python3 benches/own_dispute.py benches/disputes/* [--emergent ../shared/datasets/emergent]
"""
import argparse, csv, io, json, os, random, shutil, subprocess, sys, tempfile

LABELS = {"for": "assertion", "against": "denial", "observing": "background"}


def run(cmd):
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("own_dispute: %s failed: %s" % (" ".join(cmd), r.stderr.strip()))
    return r.stdout


CLAIM = None  # the dispute's claim, with --claims


def write_csv(path, rows, fields=("doc", "sentence", "label", "text")):
    if CLAIM is not None:
        rows = [dict(r, claim=CLAIM) for r in rows]
        fields = tuple(fields) + ("claim",)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(fields), extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def folder_dispute(path):
    """(name, {doc: text}, gold rows) of a dispute folder: `articles/` and one labeled CSV
    (`gold.csv`, or `NAME.csv` as in labeled/disputes/NAME/)."""
    name = os.path.basename(os.path.normpath(path))
    arts = os.path.join(path, "articles")
    gold_csv = [os.path.join(path, f) for f in ("gold.csv", name + ".csv") if os.path.isfile(os.path.join(path, f))]
    if not os.path.isdir(arts) or not gold_csv:
        sys.exit("own_dispute: %s has no articles/ and gold.csv (or %s.csv)" % (path, name))
    texts = {}
    for f in sorted(os.listdir(arts)):
        with open(os.path.join(arts, f), encoding="utf-8") as fh:
            texts[f] = fh.read()
    with open(gold_csv[0], encoding="utf-8", newline="") as fh:
        gold = list(csv.DictReader(fh))
    return name, texts, gold


def labeled_without(tmp, labeled, name):
    """A copy of the labeled folder's CSV files without those under a folder called `name`
    (the dispute being simulated must not be in the rows the model starts from); returns the
    copy and how many files were left out."""
    out = tempfile.mkdtemp(dir=tmp)
    left = 0
    for root, _, files in os.walk(labeled):
        rel = os.path.relpath(root, labeled)
        for f in files:
            if not f.endswith(".csv"):
                continue
            if name in rel.split(os.sep):
                left += 1
                continue
            os.makedirs(os.path.join(out, rel), exist_ok=True)
            shutil.copy(os.path.join(root, f), os.path.join(out, rel, f))
    return out, left


def emergent_disputes(path, min_headlines):
    if not os.path.isdir(path):
        sys.exit("own_dispute: no Emergent dataset at %s (give --emergent PATH to ../shared/datasets/emergent)" % path)
    by = {}
    for name in ("train.csv", "test.csv"):
        with open(os.path.join(path, name), encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                by.setdefault(r["claim"], []).append(r)
    out = []
    for i, (claim, rows) in enumerate(sorted(by.items())):
        if len(rows) < min_headlines or len({r["label"] for r in rows}) < 3:
            continue
        texts, gold = {}, []
        for j, r in enumerate(rows):
            doc = "h%03d.txt" % j
            texts[doc] = r["text"] + "\n"
            gold.append({"doc": doc, "text": r["text"], "label": LABELS[r["label"]]})
        for g in gold:
            g["claim"] = claim
        out.append(("emergent-%03d" % i, texts, gold))
    return out


def materialize(tmp, texts, docs, stance):
    """Writes the docs into a fresh folder; returns (folder, gold key (doc, sentence) -> text)."""
    d = tempfile.mkdtemp(dir=tmp)
    for doc in docs:
        with open(os.path.join(d, doc), "w", encoding="utf-8") as fh:
            fh.write(texts[doc])
    rows = list(csv.DictReader(io.StringIO(run([stance, "sentences", d]))))
    return d, rows


def gold_lookup(gold):
    by_pos = {(g["doc"], g.get("sentence", "")): g["label"] for g in gold}
    by_text = {}
    for g in gold:
        by_text.setdefault((g["doc"], g["text"].strip()), g["label"])
    by_doc = {g["doc"]: g["label"] for g in gold if "sentence" not in g}  # one label per headline
    def label(doc, sentence, text):
        return by_pos.get((doc, sentence)) or by_text.get((doc, text.strip())) or by_doc.get(doc)
    return label


def eval_f1(stance, model, test_csv, test_dir):
    cmd = [stance, "eval", "--format", "json", "--data", test_csv] + (["--model", model] if model else [])
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode == 0:
        return json.loads(r.stdout)["macro_f1"]
    if "unknown label" not in r.stderr:
        sys.exit("own_dispute: %s failed: %s" % (" ".join(cmd), r.stderr.strip()))
    # A model trained without one of the labels never predicts it: score its predictions here.
    with open(test_csv, encoding="utf-8", newline="") as fh:
        gold = list(csv.DictReader(fh))
    claim = ["--claim", CLAIM] if CLAIM is not None else []
    out = run([stance, "classify", "--any-language", "--format", "csv", "--model", model, test_dir] + claim)
    pred = {(r["doc"], r["sentence"]): r["label"] for r in csv.DictReader(io.StringIO(out))}
    truth = [g["label"] for g in gold]
    pred = [pred[(g["doc"], g["sentence"])] for g in gold]
    f1s = []
    for l in sorted(set(truth) | set(pred)):
        tp = sum(t == l and p == l for t, p in zip(truth, pred))
        fp = sum(t != l and p == l for t, p in zip(truth, pred))
        fn = sum(t == l and p != l for t, p in zip(truth, pred))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / len(f1s)


def loop(stance, tmp, labeled, start, half_dir, label, strategy, seed, budget, rounds_of, train_args):
    mine_csv = os.path.join(tmp, "mine.csv")
    model = os.path.join(tmp, "loop.model")
    mine, have_model = [], False
    shutil.copy(start, model)
    while len(mine) < budget:
        cmd = [stance, "suggest", "--count", str(min(rounds_of, budget - len(mine))), "--strategy", strategy,
               "--seed", str(seed), half_dir]
        cmd += ["--model", model]
        if CLAIM is not None:
            cmd += ["--claim", CLAIM]
        if mine:
            cmd += ["--data", mine_csv]
        got = list(csv.DictReader(io.StringIO(run(cmd))))
        if not got:
            break
        for r in got:
            l = label(r["doc"], r["sentence"], r["text"])
            if l is None:
                sys.exit("own_dispute: no gold label for %s sentence %s: %r" % (r["doc"], r["sentence"], r["text"]))
            mine.append({"doc": r["doc"], "sentence": r["sentence"], "label": l, "text": r["text"]})
        write_csv(mine_csv, mine)
        run([stance, "train", "--data", labeled, "--data", mine_csv, "--model", model] + train_args)
    return mine_csv, len(mine)


def bootstrap(groups, reps=2000, seed=7):
    rng = random.Random(seed)
    means = []
    for _ in range(reps):
        pick = [groups[rng.randrange(len(groups))] for _ in groups]
        vals = [v for g in pick for v in g]
        means.append(sum(vals) / len(vals))
    means.sort()
    return means[int(0.025 * reps)], means[int(0.975 * reps) - 1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("disputes", nargs="*")
    ap.add_argument("--emergent")
    ap.add_argument("--min-headlines", type=int, default=24)
    ap.add_argument("--stance", default="target/release/stance")
    ap.add_argument("--labeled", default="labeled", help="the rows the model starts from")
    ap.add_argument("--budget", type=int, default=40)
    ap.add_argument("--rounds-of", type=int, default=10)
    ap.add_argument("--random-seeds", type=int, default=3)
    ap.add_argument("--variant", action="append", default=[], help="NAME=train options")
    ap.add_argument("--no-mine", action="store_true")
    ap.add_argument("--claims", action="store_true", help="give each dispute's claim, as a user would")
    ap.add_argument("--directions", type=int, default=2, help="1: label half A, score half B only")
    o = ap.parse_args()
    if not os.path.isdir("labeled"):
        sys.exit("own_dispute: run from the repository root (no labeled/ here)")
    disputes = [folder_dispute(p) for p in o.disputes]
    if o.emergent:
        disputes += emergent_disputes(o.emergent, o.min_headlines)
    if not disputes:
        sys.exit("own_dispute: no disputes given")
    variants = [(v.split("=", 1)[0], v.split("=", 1)[1].split()) for v in o.variant]
    cols = ["zero-shot", "combined"] + (["random"] if o.random_seeds else []) + ([] if o.no_mine else ["mine"]) + [n for n, _ in variants]
    print("%-18s %4s %4s  " % ("dispute", "dir", "n") + " ".join("%9s" % c for c in cols))
    results = {c: {} for c in cols}
    with tempfile.TemporaryDirectory() as tmp:
        global CLAIM
        for name, texts, gold in disputes:
            docs = sorted(texts)
            halves = (docs[0::2], docs[1::2])
            label = gold_lookup(gold)
            if o.claims:
                CLAIM = next((g["claim"] for g in gold if g.get("claim")), None)
                if CLAIM is None:
                    sys.exit("own_dispute: --claims, but %s names no claim" % name)
            for direction in range(o.directions):
                work = tempfile.mkdtemp(dir=tmp)
                train_dir, _ = materialize(work, texts, halves[direction], o.stance)
                test_dir, test_rows = materialize(work, texts, halves[1 - direction], o.stance)
                for r in test_rows:
                    r["label"] = label(r["doc"], r["sentence"], r["text"])
                test_csv = os.path.join(work, "test.csv")
                write_csv(test_csv, test_rows)
                labeled, left = labeled_without(work, o.labeled, name)
                start = os.path.join(work, "start.model")
                run([o.stance, "train", "--data", labeled, "--model", start])
                row = {"zero-shot": eval_f1(o.stance, start, test_csv, test_dir)}
                mine_csv, n = loop(o.stance, work, labeled, start, train_dir, label, "uncertain", 0, o.budget, o.rounds_of, [])
                kept = os.path.join(work, "kept.csv")
                shutil.copy(mine_csv, kept)
                m = os.path.join(work, "m.model")
                run([o.stance, "train", "--data", labeled, "--data", kept, "--model", m])
                row["combined"] = eval_f1(o.stance, m, test_csv, test_dir)
                if not o.no_mine:
                    run([o.stance, "train", "--no-reference", "--data", kept, "--model", m])
                    row["mine"] = eval_f1(o.stance, m, test_csv, test_dir)
                for vname, args in variants:
                    data = kept
                    if args and args[0].startswith("weight="):  # the user's rows counted K times
                        with open(kept, encoding="utf-8", newline="") as fh:
                            wrows = list(csv.DictReader(fh))
                        for r in wrows:
                            r["weight"] = args[0].split("=")[1]
                        data = os.path.join(work, "weighted.csv")
                        write_csv(data, wrows, ("doc", "sentence", "label", "text", "weight"))
                        args = args[1:]
                    run([o.stance, "train", "--data", labeled, "--data", data, "--model", m] + args)
                    row[vname] = eval_f1(o.stance, m, test_csv, test_dir)
                rs = []
                for s in range(1, o.random_seeds + 1):
                    rcsv, _ = loop(o.stance, work, labeled, start, train_dir, label, "random", s, o.budget, o.rounds_of, [])
                    run([o.stance, "train", "--data", labeled, "--data", rcsv, "--model", m])
                    rs.append(eval_f1(o.stance, m, test_csv, test_dir))
                if rs:
                    row["random"] = sum(rs) / len(rs)
                for c in cols:
                    results[c].setdefault(name, []).append(row[c])
                print("%-18s %4s %4d  " % (name[:18], "AB"[direction] + "BA"[direction], n) +
                      " ".join("%9.3f" % row[c] for c in cols) + ("  (its %d labeled file(s) left out)" % left if left else ""), flush=True)
    print("%-28s" % "mean [95% CI over disputes]")
    for c in cols:
        groups = list(results[c].values())
        vals = [v for g in groups for v in g]
        lo, hi = bootstrap(groups)
        print("  %-12s %.3f [%.3f, %.3f]" % (c, sum(vals) / len(vals), lo, hi))


if __name__ == "__main__":
    main()
