#!/usr/bin/env python3
"""Transfer from Emergent's headlines (issue 9, item 3): measured as an experiment, judged by
the rule of benches/choose_defaults.py.

Usage (from the repository root, after `cargo build --release`):
  nice python3 benches/transfer.py PATH/TO/datasets/emergent [--stance target/release/stance]

Emergent's train.csv (2,071 headlines) is mapped for -> assertion, against -> denial,
observing -> background. Its text is read at run time only; nothing of it is written anywhere
but a temporary folder.

Corpora (paired per-fold macro-F1, as in choose_defaults.py; Emergent cannot judge transfer
from itself, so it is not one of them):
  seed-loao  train on one seed article of labeled/, score the other (2 folds);
  dev        train on labeled/, score each hand-written article of benches/dev/ (5 folds).

Candidates, each against the baseline (the current defaults without transfer):
  (a) the Emergent model's three probabilities as extra features: a model trained by the real
      binary (`stance train` on train.csv, default settings), its probabilities read with
      `stance classify --input-format csv --format csv`, appended (times SCALE) to each row;
  (b) Chelba and Acero (2006): L2 penalty toward the Emergent model's weights instead of toward
      zero, minimize sum_i w_i logloss_i + ||W - W_prior||^2 / (2C); W_prior is a model fitted
      on Emergent with the same features (own vocabulary and idf), mapped onto the seed
      vocabulary token by token (0 for tokens Emergent never saw); C 0.3, 1, 3, and the prior
      halved with C 1;
  (c) Emergent rows mixed in with a small weight (a fraction of a seed row's weight).
The binary cannot do (b), (c) or take extra features, so every candidate and the baseline are
fitted here by one replica of stance's default pipeline (tokenizer with cue words and
punctuation tokens, sublinear TF-IDF with smooth idf and L2 norm, multinomial logistic
regression with C 1 and balanced classes by stance's round-robin replication, unpenalized
intercepts, scipy L-BFGS); the baseline is also run with the binary and both figures printed.
Emergent rows in (c) weigh FRACTION times scikit-learn's balanced weight on Emergent.

Rule (README, "How the defaults were chosen"): a candidate is kept only if it loses on no
corpus (mean paired difference >= 0 on each) and its mean difference over all 7 folds exceeds
one standard error of those differences.
"""
import argparse, csv, glob, json, math, os, subprocess, sys, tempfile

import numpy as np
import regex
import scipy.optimize
import scipy.sparse as sp

LABELS = ["assertion", "background", "denial"]
EMERGENT_MAP = {"for": "assertion", "against": "denial", "observing": "background"}

# --- replica of src/text/tokens.rs (default config: punctuation tokens, cue words) ---------
CUES = [
    ("_refute_", ["denie", "denial", "reject", "dismiss", "debunk", "untrue", "refut", "rebut", "disput",
                  "contradict", "baseless", "satir", "false", "bogus"],
     ["deny", "denied", "hoax", "hoaxes", "fake", "fakes", "myth", "lie", "lies"]),
    ("_hedge_", ["reportedly", "allegedly", "apparently", "rumor", "rumour", "possibl", "unconfirm",
                 "unverif", "suggest", "claim"], ["may", "might", "could", "if"]),
    ("_report_", ["according", "announc", "confirm", "reveal"],
     ["says", "said", "say", "told", "tells", "report", "reports", "reported"]),
]
# Approximates Unicode word segmentation: letters/digits joined by . ' (U.S., don't, 3.5).
WORD = regex.compile(r"[\p{L}\p{N}_]+(?:[.'][\p{L}\p{N}_]+)*")
EXPAND = {"re": "are", "ve": "have", "ll": "will", "m": "am", "d": "would"}
IS_S = {"there", "here", "it", "that", "what", "who", "where", "he", "she"}
NT = {"ca": "can", "wo": "will", "sha": "shall", "ai": "is"}


def pieces(word):
    word = word.strip("'")
    if not word:
        return []
    if word.endswith("n't"):
        b = word[:-3]
        return [NT.get(b, b), "not"]
    if word == "cannot":
        return ["can", "not"]
    if "'" in word:
        base, cl = word.rsplit("'", 1)
        if cl in EXPAND:
            return [base, EXPAND[cl]]
        if cl == "s":
            return [base, "is"] if base in IS_S else [base]
        return [word]
    return [word]


def tokens(sentence):
    s = sentence.lower()
    for a in "’‘ʼ′":
        s = s.replace(a, "'")
    out, cues, pos = [], 0, 0
    for m in WORD.finditer(s):
        gap = s[pos:m.start()]
        for ch in gap:
            if ch == "?":
                out.append("_question_")
            if ch in '"“”':
                out.append("_quote_")
        pos = m.end()
        for p in pieces(m.group()):
            if not p:
                continue
            for i, (_, pre, whole) in enumerate(CUES):
                if p in whole or any(p.startswith(x) for x in pre):
                    cues |= 1 << i
            out.append(p)
    for ch in s[pos:]:
        if ch == "?":
            out.append("_question_")
        if ch in '"“”':
            out.append("_quote_")
    out += [CUES[i][0] for i in range(len(CUES)) if cues & (1 << i)]
    return out


# --- replica of src/features/tfidf.rs (sublinear tf, smooth idf, L2 norm) -----------------
class Tfidf:
    def __init__(self, docs):
        vocab = sorted({t for d in docs for t in d})
        self.index = {t: i for i, t in enumerate(vocab)}
        df = np.zeros(len(vocab))
        for d in docs:
            for t in set(d):
                df[self.index[t]] += 1
        self.idf = np.log((1 + len(docs)) / (1 + df)) + 1
        self.vocab = vocab

    def transform(self, docs):
        rows, cols, vals = [], [], []
        for r, d in enumerate(docs):
            counts = {}
            for t in d:
                if t in self.index:
                    counts[self.index[t]] = counts.get(self.index[t], 0) + 1
            v = {i: (1 + math.log(c)) * self.idf[i] for i, c in counts.items()}
            n = math.sqrt(sum(x * x for x in v.values())) or 1.0
            for i, x in v.items():
                rows.append(r)
                cols.append(i)
                vals.append(x / n)
        return sp.csr_matrix((vals, (rows, cols)), shape=(len(docs), len(self.vocab)))


# --- multinomial logistic regression with an L2 prior -------------------------------------
def balanced(y, k=3):
    y = np.asarray(y)
    counts = np.bincount(y, minlength=k).astype(float)
    return np.array([len(y) / (k * counts[c]) for c in y])


def replicated(y, k=3):
    """stance's balanced classes (src/model/logistic.rs): each row once, then extra copies of
    smaller classes' rows, round-robin, until every class reaches the largest; the penalty is
    scaled by (rows after / rows before). Returns the row order and per-row weights with that
    scale folded in (weight 1/scale, C unchanged: the same minimizer)."""
    by = [[i for i, c in enumerate(y) if c == lab] for lab in range(k)]
    top = max(len(r) for r in by)
    order = list(range(len(y)))
    for r in by:
        if r:
            order += [r[j % len(r)] for j in range(top - len(r))]
    return order, np.full(len(order), len(y) / len(order))


def fit(X, y, weights, C=1.0, prior=None):
    """Minimize sum_i w_i logloss_i + ||W - prior||^2/(2C); intercepts unpenalized."""
    n, d = X.shape
    k = len(LABELS)
    W0 = np.zeros((d, k)) if prior is None else prior
    Y = np.eye(k)[np.asarray(y)]
    w = np.asarray(weights)[:, None]

    def f(theta):
        W = theta[:d * k].reshape(d, k)
        b = theta[d * k:]
        Z = X @ W + b
        Z -= Z.max(axis=1, keepdims=True)
        lse = np.log(np.exp(Z).sum(axis=1, keepdims=True))
        logp = Z - lse
        loss = -(w * Y * logp).sum() + ((W - W0) ** 2).sum() / (2 * C)
        G = w * (np.exp(logp) - Y)
        gW = X.T @ G + (W - W0) / C
        return loss, np.concatenate([np.asarray(gW).ravel(), G.sum(axis=0)])

    theta0 = np.concatenate([W0.ravel(), np.zeros(k)])
    r = scipy.optimize.minimize(f, theta0, jac=True, method="L-BFGS-B",
                                options={"maxiter": 2000, "gtol": 1e-6})
    return r.x[:d * k].reshape(d, k), r.x[d * k:]


def predict(model, X):
    W, b = model
    return np.asarray(X @ W + b).argmax(axis=1)


def macro_f1(y, p):
    y, p = np.asarray(y), np.asarray(p)
    f = []
    for c in range(len(LABELS)):
        tp = np.sum((y == c) & (p == c))
        fp = np.sum((y != c) & (p == c))
        fn = np.sum((y == c) & (p != c))
        if tp + fp + fn == 0:
            continue  # label absent from truth and predictions
        f.append(2 * tp / (2 * tp + fp + fn))
    return float(np.mean(f))


# --- data ---------------------------------------------------------------------------------
def read_rows(path, label_map=None):
    with open(path, newline="", encoding="utf-8") as fh:
        out = []
        for r in csv.DictReader(fh):
            lab = label_map[r["label"]] if label_map else r["label"]
            out.append((r["text"], LABELS.index(lab)))
        return out


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        sys.exit("transfer: %s failed: %s" % (" ".join(cmd), r.stderr.strip()))
    return r.stdout


def emergent_probs(stance, model, paths, tmp):
    """path -> array (rows x 3) of the Emergent model's probabilities, from `classify`.

    classify treats each CSV row as an article and splits it into sentences; a labeled row
    that it splits gets the mean of its sentences' probabilities."""
    out = {}
    for path in paths:
        src = os.path.join(tmp, "rows.csv")
        with open(path, newline="", encoding="utf-8") as fh, open(src, "w", newline="", encoding="utf-8") as w:
            cw = csv.writer(w)
            cw.writerow(["id", "text"])
            for i, r in enumerate(csv.DictReader(fh)):
                cw.writerow(["r%d" % i, r["text"]])
        text = run([stance, "classify", "--model", model, "--input-format", "csv", "--id-column", "id",
                    "--format", "csv", "--quiet", src])
        rows = list(csv.DictReader(text.splitlines()))
        cols = {}
        for lab, em in (("assertion", "for"), ("background", "observing"), ("denial", "against")):
            cands = [c for c in rows[0] if c in ("p_" + em, em, "prob_" + em, "p_" + em)]
            if not cands:
                sys.exit("transfer: no probability column for %s in classify output: %s" % (em, list(rows[0])))
            cols[lab] = cands[0]
        acc = {}
        for r in rows:
            acc.setdefault(r["doc"], []).append([float(r[cols[lab]]) for lab in LABELS])
        n = len(read_rows(path))
        if len(acc) != n:
            sys.exit("transfer: classify returned %d of %d rows of %s" % (len(acc), n, path))
        out[path] = np.array([np.mean(acc["r%d" % i], axis=0) for i in range(n)])
    return out


def run_json(cmd):
    return json.loads(run(cmd))


def mean(v):
    return sum(v) / len(v)


def se(v):
    m = mean(v)
    return math.sqrt(sum((x - m) ** 2 for x in v) / (len(v) - 1) / len(v))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("emergent", nargs="?", default=None, help="folder holding Emergent's train.csv")
    ap.add_argument("--stance", default="target/release/stance")
    o = ap.parse_args()
    if not o.emergent or not os.path.isfile(os.path.join(o.emergent, "train.csv")):
        print("transfer: Emergent data missing: '%s' has no train.csv "
              "(usage: benches/transfer.py PATH/TO/datasets/emergent)" % (o.emergent or ""), file=sys.stderr)
        sys.exit(2)
    if not os.access(o.stance, os.X_OK):
        sys.exit("transfer: no stance binary at %s (cargo build --release)" % o.stance)
    em_path = os.path.join(o.emergent, "train.csv")
    emergent = read_rows(em_path, EMERGENT_MAP)
    seeds = sorted(glob.glob("labeled/*.csv"))
    devs = sorted(glob.glob("benches/dev/*.csv"))
    data = {p: read_rows(p) for p in seeds + devs}
    toks = {p: [tokens(t) for t, _ in rows] for p, rows in data.items()}
    em_toks = [tokens(t) for t, _ in emergent]
    em_y = [y for _, y in emergent]

    # Folds: (corpus, train paths, test path).
    folds = [("seed-loao", [s for s in seeds if s != t], t) for t in seeds]
    folds += [("dev", seeds, d) for d in devs]

    with tempfile.TemporaryDirectory() as tmp:
        # The Emergent model of the real binary (default settings), and its probabilities.
        em_model = os.path.join(tmp, "emergent.model")
        run([o.stance, "train", "--no-reference", "--data", em_path, "--model", em_model])
        probs = emergent_probs(o.stance, em_model, seeds + devs, tmp)
        # Baseline with the binary (default settings), to check the replica against.
        binary = {}
        for name, train, test in folds:
            m = os.path.join(tmp, "b.model")
            run([o.stance, "train", "--model", m] + [a for t in train for a in ("--data", t)])
            binary[test] = run_json([o.stance, "eval", "--model", m, "--data", test, "--format", "json"])["macro_f1"]

    # The Emergent prior for (b): a replica model fitted on all of Emergent's train.csv.
    em_tfidf = Tfidf(em_toks)
    em_order, em_w = replicated(em_y)
    em_W, _ = fit(em_tfidf.transform(em_toks)[em_order], [em_y[i] for i in em_order], em_w)

    candidates = [("baseline", {})]
    candidates += [("(a) Emergent probabilities x%g" % s, {"probs": s}) for s in (1, 3)]
    candidates += [("(b) L2 prior, C %g" % c, {"prior_c": c}) for c in (0.3, 1, 3)]
    candidates += [("(b) L2 prior x0.5, C 1", {"prior_c": 1, "prior_scale": 0.5})]
    candidates += [("(c) Emergent rows weight %g" % w, {"mix": w}) for w in (0.05, 0.1, 0.2)]

    scores, agree = {}, []
    for cname, opt in candidates:
        per = []
        for name, train, test in folds:
            tr_toks = [t for p in train for t in toks[p]]
            tr_y = [y for p in train for _, y in data[p]]
            te_y = [y for _, y in data[test]]
            order, w = replicated(tr_y)
            if "mix" in opt:
                vec = Tfidf(tr_toks + em_toks)
                X = sp.vstack([vec.transform(tr_toks)[order], vec.transform(em_toks)]).tocsr()
                y = [tr_y[i] for i in order] + em_y
                w = np.concatenate([w, opt["mix"] * balanced(em_y)])
            else:
                vec = Tfidf(tr_toks)
                X = vec.transform(tr_toks)[order]
                y = [tr_y[i] for i in order]
            Xt = vec.transform(toks[test])
            prior, C = None, 1.0
            if "probs" in opt:
                P = np.vstack([probs[p] for p in train])[order] * opt["probs"]
                X = sp.hstack([X, sp.csr_matrix(P)]).tocsr()
                Xt = sp.hstack([Xt, sp.csr_matrix(probs[test] * opt["probs"])]).tocsr()
            if "prior_c" in opt:
                C = opt["prior_c"]
                prior = np.zeros((len(vec.vocab), len(LABELS)))
                for t, i in vec.index.items():
                    j = em_tfidf.index.get(t)
                    if j is not None:
                        prior[i] = em_W[j] * opt.get("prior_scale", 1.0)
            pred = predict(fit(X, y, w, C=C, prior=prior), Xt)
            per.append((name, macro_f1(te_y, pred)))
            if cname == "baseline":
                agree.append((test, binary[test], per[-1][1]))
        scores[cname] = per

    print("replica check (baseline, default settings): held-out file, macro-F1 binary / replica")
    for test, fb, fr in agree:
        print("  %-32s %.3f / %.3f" % (os.path.basename(test), fb, fr))
    base = scores["baseline"]
    corpora = ["seed-loao", "dev"]
    print("\nbaseline macro-F1: " + "  ".join(
        "%s %.3f" % (c, mean([f for n, f in base if n == c])) for c in corpora))
    print("\ngain over the baseline (paired macro-F1 differences; per fold: seed 000, 004, dev 01-05)")
    print("%-34s %10s %10s %9s %7s  %s" % ("candidate", "seed-loao", "dev", "all-mean", "1 SE", "verdict"))
    for cname, _ in candidates[1:]:
        diffs = [(n, f - b) for (n, f), (_, b) in zip(scores[cname], base)]
        by = {c: mean([d for n, d in diffs if n == c]) for c in corpora}
        pooled = [d for _, d in diffs]
        gain, err = mean(pooled), se(pooled)
        ok = all(by[c] >= 0 for c in corpora) and gain > err
        print("%-34s %+10.3f %+10.3f %+9.3f %7.3f  %s   per fold: %s" % (
            cname, by["seed-loao"], by["dev"], gain, err, "keep" if ok else "drop",
            " ".join("%+.3f" % d for _, d in diffs)))


if __name__ == "__main__":
    main()
