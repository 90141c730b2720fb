#!/usr/bin/env bash
# Compares two stance binaries in one run (the machine may be shared: interleaved runs, medians):
# records byte for byte in the three formats (per sentence, --summary, --explain), then
# wall-clock time, CPU time (--jobs 1) and peak RSS over the same corpus.
#
#   cargo build --release && cp target/release/stance /tmp/stance-new
#   (build the other commit the same way) -> /tmp/stance-base
#   benches/before_after.sh /tmp/stance-base /tmp/stance-new [ARTICLES] [REPEAT]
#
# The corpus is built from labeled/articles (ARTICLES files, default 4000, 100 per sub-folder,
# each seed article with its lines rotated). Each sub-folder is passed as its own argument, so
# articles are named by their file name in both binaries (names relative to the argument).
set -euo pipefail
base=${1:?usage: before_after.sh BASE_BIN NEW_BIN [ARTICLES] [REPEAT]}
new=${2:?usage: before_after.sh BASE_BIN NEW_BIN [ARTICLES] [REPEAT]}
articles=${3:-4000}
repeat=${4:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
model="$root/models/stance.model"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

seeds=("$root"/labeled/articles/*.txt)
for ((i = 0; i < articles; i++)); do
  seed=${seeds[i % ${#seeds[@]}]}
  rot=$((i / ${#seeds[@]}))
  sub=$(printf '%s/corpus/%04d' "$work" $((i / 100)))
  mkdir -p "$sub"
  awk -v r=$rot 'NF {a[n++] = $0} END {for (i = 0; i < n; i++) print a[(i + r) % n]}' "$seed" \
    >"$(printf '%s/article-%06d.txt' "$sub" "$i")"
done
dirs=("$work"/corpus/*)
echo "corpus: $articles files in ${#dirs[@]} folders"

for format in csv jsonl table; do
  for extra in "" --summary --explain; do
    "$base" classify --quiet --model "$model" --format $format $extra "${dirs[@]}" >"$work/base.out"
    "$new" classify --quiet --model "$model" --format $format $extra "${dirs[@]}" >"$work/new.out"
    if cmp -s "$work/base.out" "$work/new.out"; then same=identical; else same=DIFFERENT; fi
    echo "records --format $format ${extra:-(sentences)}: $same ($(wc -l <"$work/new.out") lines)"
  done
done

median() { sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
for format in csv jsonl table; do
  : >"$work/times"
  for ((r = 0; r < repeat; r++)); do
    for which in base new; do
      bin=$base; [ $which = new ] && bin=$new
      /usr/bin/time -f "$which wall %e rss %M" "$bin" classify --quiet --model "$model" --format $format "${dirs[@]}" >/dev/null 2>>"$work/times"
      /usr/bin/time -f "$which cpu %U %S" "$bin" classify --quiet --jobs 1 --model "$model" --format $format "${dirs[@]}" >/dev/null 2>>"$work/times"
    done
  done
  for which in base new; do
    wall=$(awk -v w=$which '$1 == w && $2 == "wall" {print $3}' "$work/times" | median)
    rss=$(awk -v w=$which '$1 == w && $2 == "wall" {print $5 / 1024}' "$work/times" | median)
    cpu=$(awk -v w=$which '$1 == w && $2 == "cpu" {print $3 + $4}' "$work/times" | median)
    echo "--format $format $which: wall $wall s, CPU (--jobs 1) $cpu s, peak RSS $rss MB (medians of $repeat)"
  done
done
