#!/usr/bin/env python3
"""Agreement between the labels of labeled/disputes/ and a second reader's blind labels of a
random 15% of their rows (benches/agreement/second_reader.csv: dispute,doc,sentence,label,note;
the second reader saw the guide, the claim and the articles, never the first labels).

    python3 benches/agreement.py

Prints Cohen's kappa overall, per label (that label against the rest) and per dispute, the
confusion of the two readers, and every disagreement with both labels and the second reader's
note. Needs nothing outside the repository.
"""
import collections, csv, glob, os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LABELS = ["assertion", "background", "denial"]


def kappa(pairs, labels=LABELS):
    n = len(pairs)
    if n == 0:
        return float("nan")
    po = sum(a == b for a, b in pairs) / n
    ca = collections.Counter(a for a, _ in pairs)
    cb = collections.Counter(b for _, b in pairs)
    pe = sum(ca[l] * cb[l] for l in labels) / n / n
    return 1.0 if pe == 1 else (po - pe) / (1 - pe)


def main():
    first, text = {}, {}
    for path in glob.glob(os.path.join(ROOT, "labeled/disputes/*/*.csv")):
        dispute = os.path.basename(os.path.dirname(path))
        for r in csv.DictReader(open(path, encoding="utf-8")):
            first[(dispute, r["doc"], r["sentence"])] = r["label"]
            text[(dispute, r["doc"], r["sentence"])] = r["text"]
    second = list(csv.DictReader(open(os.path.join(ROOT, "benches/agreement/second_reader.csv"), encoding="utf-8")))
    pairs, by_dispute = [], collections.defaultdict(list)
    for r in second:
        key = (r["dispute"], r["doc"], r["sentence"])
        pair = (first[key], r["label"])
        pairs.append(pair)
        by_dispute[r["dispute"]].append(pair)
    agree = sum(a == b for a, b in pairs)
    print(f"{len(pairs)} rows of {len(by_dispute)} disputes: agreement {agree / len(pairs):.3f}, Cohen's kappa {kappa(pairs):.3f}")
    print("\nper label (that label against the rest):")
    for l in LABELS:
        binary = [(a == l, b == l) for a, b in pairs]
        print(f"  {l:<11} kappa {kappa(binary, [True, False]):.3f}  first {sum(a for a, _ in binary):>3}  second {sum(b for _, b in binary):>3}")
    print("\nper dispute (rows, agreement, kappa):")
    for d in sorted(by_dispute):
        p = by_dispute[d]
        print(f"  {d:<12} {len(p):>3}  {sum(a == b for a, b in p) / len(p):.2f}  {kappa(p):.2f}")
    print("\nconfusion (rows: first reader, columns: second reader)")
    c = collections.Counter(pairs)
    print("            " + "".join(f"{l:>11}" for l in LABELS))
    for a in LABELS:
        print(f"  {a:<10}" + "".join(f"{c[(a, b)]:>11}" for b in LABELS))
    print("\ndisagreements:")
    for r in second:
        key = (r["dispute"], r["doc"], r["sentence"])
        if first[key] != r["label"]:
            print(f"  {r['dispute']}/{r['doc']}:{r['sentence']}  first {first[key]}, second {r['label']}  ({r['note']})\n    {text[key]}")


if __name__ == "__main__":
    main()
