#!/usr/bin/env bash
# Emergent headline-stance benchmark: stance against scikit-learn, in one run on one machine.
#
#   benches/emergent.sh ../shared/datasets/emergent [../shared/bench/sklearn_emergent.py]
#
# 1. builds stance (release);
# 2. times `stance train` with the default settings on train.csv (REPEAT runs, median);
# 3. runs `stance train --tune --group-by claim` on train.csv (settings chosen by claim-grouped
#    5-fold CV on train alone) and times it (TUNE_REPEAT runs, median), then times a plain
#    `stance train` with the chosen settings (REPEAT runs, median);
# 4. scores the tuned model once on test.csv (accuracy, macro-F1, majority baseline);
# 5. runs the scikit-learn reference (TF-IDF + logistic regression, settings chosen by
#    claim-grouped CV on train) and prints its test figures and training time beside ours.
# The test set is never used to choose anything. Needs python3 with scikit-learn for step 5
# (`python3 -m pip install scikit-learn`); without it, says so and prints stance's figures only.
set -euo pipefail

DATA="${1:-}"
if [[ -z "$DATA" || ! -f "$DATA/train.csv" || ! -f "$DATA/test.csv" ]]; then
    echo "emergent bench: Emergent data folder missing: '${DATA}' has no train.csv and test.csv" >&2
    echo "usage: benches/emergent.sh PATH/TO/datasets/emergent [PATH/TO/sklearn_emergent.py]" >&2
    exit 2
fi
SKLEARN="${2:-$DATA/../../bench/sklearn_emergent.py}"
REPEAT="${REPEAT:-3}"
TUNE_REPEAT="${TUNE_REPEAT:-1}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml"
STANCE="$ROOT/target/release/stance"

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
seconds() { # command... -> wall seconds on stdout, command output to $WORK/log
    local t0 t1
    t0=$(date +%s.%N)
    "$@" >"$WORK/log" 2>&1 || { cat "$WORK/log" >&2; exit 1; }
    t1=$(date +%s.%N)
    echo "$t1 - $t0" | bc -l
}

echo "== stance =="
for _ in $(seq "$REPEAT"); do
    seconds "$STANCE" train --no-reference --data "$DATA/train.csv" --model "$WORK/default.model"
done | median >"$WORK/train_s"
for _ in $(seq "$TUNE_REPEAT"); do
    seconds "$STANCE" train --no-reference --tune --group-by claim --data "$DATA/train.csv" --model "$WORK/tuned.model"
done | median >"$WORK/tune_s"
grep '^tune: chose' "$WORK/log"
read -r -a CHOSEN < <(python3 -c '
import json, sys
p = json.load(open(sys.argv[1]))["training"]["params"]
b = lambda v: "true" if v else "false"
t = p["tokenizer"]
print("--ngram-max", p["features"]["ngram_max"], "--c", p["classifier"]["c"],
      "--class-weight", p["classifier"]["class_weight"], "--sublinear-tf", b(p["features"]["sublinear_tf"]),
      "--stem", b(t["stem"]), "--negation-scope", b(t["negation_scope"]), "--punctuation", b(t["punctuation"]),
      "--cue-words", b(t["cue_words"]), "--extended-cues", b(t.get("extended_cues", False)),
      "--attribution", b(t.get("attribution", False)))' "$WORK/tuned.model")
for _ in $(seq "$REPEAT"); do
    seconds "$STANCE" train --no-reference --data "$DATA/train.csv" --model "$WORK/chosen.model" "${CHOSEN[@]}"
done | median >"$WORK/chosen_s"
"$STANCE" eval --model "$WORK/tuned.model" --data "$DATA/test.csv" --format json >"$WORK/eval.json"
"$STANCE" eval --model "$WORK/tuned.model" --data "$DATA/test.csv"

read -r ACC F1 BASE < <(python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(j["accuracy"], j["macro_f1"], j["baseline"]["accuracy"])' "$WORK/eval.json")

echo
echo "== scikit-learn reference =="
SK_ACC="" SK_F1="" SK_TRAIN=""
if [[ ! -f "$SKLEARN" ]]; then
    echo "scikit-learn reference script missing: $SKLEARN (pass its path as the second argument)"
elif ! python3 -c 'import sklearn, threadpoolctl' 2>/dev/null; then
    echo "scikit-learn is missing: install it with 'python3 -m pip install scikit-learn'"
else
    python3 "$SKLEARN" --data "$DATA" >"$WORK/sk.txt"
    grep -A1 '^== selected' "$WORK/sk.txt"
    grep '^train (fit' "$WORK/sk.txt"
    SK_ACC=$(awk '/^== selected/ {getline; print $2; exit}' "$WORK/sk.txt")
    SK_F1=$(awk '/^== selected/ {getline; print $4; exit}' "$WORK/sk.txt")
    SK_TRAIN=$(awk '/^train \(fit/ {for (i=1;i<=NF;i++) if ($i=="median") {print $(i+1); exit}}' "$WORK/sk.txt")
fi

echo
echo "== Emergent test set (524 headlines), headline only =="
printf '%-34s %9s %9s %12s\n' "" accuracy macro-F1 "train s"
printf '%-34s %9.4f %9.4f %12.3f\n' "stance train --tune (CV-chosen)" "$ACC" "$F1" "$(cat "$WORK/chosen_s")"
if [[ -n "$SK_ACC" ]]; then
    printf '%-34s %9.4f %9.4f %12.3f\n' "scikit-learn (CV-chosen)" "$SK_ACC" "$SK_F1" "$SK_TRAIN"
    echo "train time ratio (chosen settings) stance/scikit-learn: $(echo "$(cat "$WORK/chosen_s") / $SK_TRAIN" | bc -l | xargs printf '%.1f')"
fi
printf '%-34s %9.4f\n' "majority class" "$BASE"
echo "stance train (defaults), median of $REPEAT: $(cat "$WORK/train_s") s"
echo "stance train ${CHOSEN[*]} (the tuned settings), median of $REPEAT: $(cat "$WORK/chosen_s") s"
echo "stance train --tune --group-by claim, median of $TUNE_REPEAT: $(cat "$WORK/tune_s") s"
