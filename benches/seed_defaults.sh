#!/usr/bin/env bash
# How the default training settings were chosen: leave-one-article-out cross-validation
# (`stance cv`, groups = the `doc` column, 2 articles) on labeled/ over a small grid:
# negation scope x punctuation tokens x cue words (on/off) x largest n-gram (1, 2) x C (1, 10).
# Prints every point's mean macro-F1 and accuracy over the two folds, best first (ties: the
# earlier grid point, which has fewer features on). Run from the repository root:
#
#   benches/seed_defaults.sh [labeled]
set -euo pipefail
DATA="${1:-labeled}"
[[ -e "$DATA" ]] || { echo "seed_defaults: labeled data missing: $DATA" >&2; exit 2; }
cargo build --release --quiet
S=target/release/stance
i=0
for neg in false true; do for punct in false true; do for cues in false true; do
for ng in 1 2; do for c in 1 10; do
    i=$((i + 1))
    args=(--negation-scope $neg --punctuation $punct --cue-words $cues --ngram-max $ng --c $c)
    "$S" cv --data "$DATA" --format json "${args[@]}" | python3 -c '
import json, sys
j = json.load(sys.stdin)
print("%03d %.4f %.4f %.4f %.4f  %s" % (int(sys.argv[1]), j["mean"]["macro_f1"], j["mean"]["accuracy"],
      j["pooled"]["macro_f1"], j["pooled"]["accuracy"], " ".join(sys.argv[2:])))' "$i" "${args[@]}"
done; done; done; done; done | sort -k2,2gr -k1,1n | awk 'BEGIN {print "grid  LOAO-F1  LOAO-acc  pooled-F1 pooled-acc  settings"} {print}'
