#!/usr/bin/env python3
"""Claim features, measured: leave-one-dispute-out over labeled/ (`stance cv --group-by claim`),
each configuration against a base, paired by dispute, with a bootstrap interval of the mean gain.

    cargo build --release && python3 benches/claim_features.py [--base "--claim-features false"] \
        "--claim-features true" ...

Each argument is a set of `stance cv` training options. Prints per configuration: mean macro-F1
over the held-out disputes, its 95% bootstrap interval, the mean paired gain over the base with
its interval, and how many disputes gained / lost. Also the seed dispute's own fold (the DEA
claim, 63 rows) for each. Needs nothing outside the repository.
"""
import argparse, json, random, shlex, subprocess, sys, os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STANCE = os.path.join(ROOT, "target", "release", "stance")


def cv(options, data):
    cmd = [STANCE, "cv", "--group-by", "claim", "--folds", "1000", "--format", "json"]
    for d in data:
        cmd += ["--data", d]
    cmd += shlex.split(options)
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        sys.exit(f"stance cv failed: {out.stderr.strip()}")
    folds = json.loads(out.stdout)["folds"]
    return {f["test_groups"][0]: f["macro_f1"] for f in folds}


def boot(values, n=2000, seed=0):
    rng = random.Random(seed)
    means = sorted(sum(rng.choice(values) for _ in values) / len(values) for _ in range(n))
    return means[int(0.025 * n)], means[int(0.975 * n) - 1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", default="--claim-features false")
    ap.add_argument("--data", action="append", default=None)
    ap.add_argument("configs", nargs="*", default=["--claim-features true"])
    a = ap.parse_args()
    data = a.data or ["labeled"]
    if not os.path.exists(STANCE):
        sys.exit("build first: cargo build --release")
    base = cv(a.base, data)
    claims = sorted(base)
    seed = [c for c in claims if "Portero" in c]

    def line(name, scores):
        vals = [scores[c] for c in claims]
        m = sum(vals) / len(vals)
        lo, hi = boot(vals)
        s = f"{name:<45} mean {m:.3f} [{lo:.3f}, {hi:.3f}]"
        if scores is not base:
            d = [scores[c] - base[c] for c in claims]
            dlo, dhi = boot(d)
            up = sum(x > 1e-9 for x in d)
            down = sum(x < -1e-9 for x in d)
            s += f"  gain {sum(d)/len(d):+.3f} [{dlo:+.3f}, {dhi:+.3f}] up {up} down {down}"
        if seed:
            s += f"  seed dispute {scores[seed[0]]:.3f}"
        print(s, flush=True)

    print(f"{len(claims)} disputes, each held out in turn")
    line(f"base: {a.base}", base)
    for c in a.configs:
        line(c, cv(c, data))


if __name__ == "__main__":
    main()
