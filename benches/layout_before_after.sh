#!/usr/bin/env bash
# Checks that two stance binaries behave the same, command by command, on the repository's own
# data: standard output, standard error, exit code and every file a command writes (models,
# reports, plots, record files), byte for byte. Made to check a change that must not change
# behaviour (a code move); for classify's speed, see benches/before_after.sh.
#
#   git worktree add /tmp/stance-base BASE_COMMIT
#   (cd /tmp/stance-base && cargo build --release) && cp /tmp/stance-base/target/release/stance /tmp/stance-base-bin
#   cargo build --release && cp target/release/stance /tmp/stance-new
#   benches/layout_before_after.sh /tmp/stance-base-bin /tmp/stance-new
#
# Every case runs from the repository's root with STANCE_MODEL unset, its standard input from
# /dev/null unless the case gives a file. Lines of standard error that hold a duration
# (`train`'s "... 1.234 s") are compared with the duration left out. Prints one line per case
# and, at the end, how many differ; exits 1 when any does.
set -uo pipefail
base=${1:?usage: layout_before_after.sh BASE_BIN NEW_BIN}
new=${2:?usage: layout_before_after.sh BASE_BIN NEW_BIN}
base=$(realpath "$base")
new=$(realpath "$new")
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root" || exit 1
unset STANCE_MODEL

n=0
different=0
# case NAME [<STDIN_FILE] ARGS...: @OUT@ in an argument is the case's own output folder.
case_() {
  local name=$1
  shift
  local stdin=/dev/null
  if [[ ${1:-} == \<* ]]; then
    stdin=${1#<}
    shift
  fi
  n=$((n + 1))
  local which bin out args a
  for which in base new; do
    bin=$base
    [ $which = new ] && bin=$new
    out="$work/$which/$n"
    mkdir -p "$out/files"
    args=()
    for a in "$@"; do args+=("${a//@OUT@/$out/files}"); done
    "$bin" "${args[@]}" <"$stdin" >"$out/stdout" 2>"$out/stderr.raw"
    echo $? >"$out/rc"
    # The output folder and the binary's path are named the same in both runs; durations go.
    sed -e "s#$out/files#@OUT@#g" -e "s#$bin#stance#g" -e 's/; [0-9.]* s$/; (time) s/' \
      "$out/stderr.raw" >"$out/stderr"
    rm "$out/stderr.raw"
  done
  if diff -r "$work/base/$n" "$work/new/$n" >"$work/diff" 2>&1; then
    printf 'same       %-44s exit %s, %s stdout lines, %s files\n' "$name" "$(cat "$work/new/$n/rc")" \
      "$(wc -l <"$work/new/$n/stdout")" "$(find "$work/new/$n/files" -type f | wc -l)"
  else
    different=$((different + 1))
    printf 'DIFFERENT  %-44s\n' "$name"
    head -20 "$work/diff" | sed 's/^/    /'
  fi
}

# ---- help and usage ----------------------------------------------------------------------------
case_ "--help" --help
case_ "-h" -h
case_ "--version" --version
case_ "help" help
case_ "(no arguments)"
case_ "unknown command" frobnicate
for cmd in train classify eval cv explain sentences suggest label report; do
  case_ "$cmd --help" $cmd --help
  case_ "$cmd -h" $cmd -h
  case_ "help $cmd" help $cmd
done

# ---- train: model bytes --------------------------------------------------------------------------
case_ "train (labeled/)" train --model @OUT@/m.model
case_ "train one file + reference rows" train --data labeled/000_d9e5b95a3f51618a.csv --model @OUT@/m.model
case_ "train --no-reference two files" train --no-reference --data labeled/000_d9e5b95a3f51618a.csv \
  --data labeled/004_3593f8da517aa249.csv --model @OUT@/m.model
case_ "train dev --base labeled" train --data benches/dev --base labeled --model @OUT@/m.model
case_ "train --tune (two files)" train --tune --no-reference --data labeled/000_d9e5b95a3f51618a.csv \
  --data labeled/004_3593f8da517aa249.csv --model @OUT@/m.model
case_ "train settings" train --data labeled/disputes/airline --ngram-max 1 --stem false -C 3 \
  --class-weight prior --temperature-scaling false --model @OUT@/m.model
case_ "train other data without --model" train --data labeled/000_d9e5b95a3f51618a.csv
case_ "train bad -C" train -C 0 --model @OUT@/m.model
case_ "train missing data" train --data no/such.csv --model @OUT@/m.model

# ---- classify: every layout -------------------------------------------------------------------
for inputs in labeled/articles benches/dev/articles labeled; do
  for format in csv jsonl table; do
    for extra in "" --summary --explain; do
      case_ "classify $format ${extra:-(sentences)} $inputs" classify --format $format $extra $inputs
    done
  done
done
claim="Mexico and the DEA agreed on a joint initiative"
case_ "classify --claim" classify --format csv --claim "$claim" labeled/articles benches/dev/articles
case_ "classify --claim --explain" classify --format jsonl --explain --claim "$claim" labeled/articles
case_ "classify --only --min-prob" classify --format csv --only Denial --min-prob 0.6 labeled
case_ "classify --output" classify --format jsonl --summary --output @OUT@/records.jsonl --verbose labeled
case_ "classify -j 1 --model" classify --jobs 1 --model models/stance.model --format csv benches/dev/articles
case_ "classify stdin" "<labeled/articles/000_d9e5b95a3f51618a.txt" classify --format csv -
case_ "classify --input-format csv" classify --input-format csv --id-column doc --format csv benches/dev/dev_01_wire.csv
case_ "classify --input-format csv, no id" classify --input-format csv --summary --format table benches/dev
case_ "classify a missing file in a batch" classify --format csv labeled/articles no/such.txt
case_ "classify --fail-fast" classify --format csv --fail-fast no/such.txt labeled/articles
case_ "classify --explain --summary" classify --explain --summary labeled/articles
case_ "classify --only unknown" classify --only maybe labeled/articles
case_ "classify no input" classify
case_ "classify --text-column without csv" classify --text-column t labeled/articles
case_ "classify --min-prob 2" classify --min-prob 2 labeled/articles
case_ "classify -j 0" classify -j 0 labeled/articles
case_ "classify empty claim" classify --claim "the of" labeled/articles
case_ "classify bad model" classify --model labeled/000_d9e5b95a3f51618a.csv labeled/articles

# ---- eval and cv ----------------------------------------------------------------------------------
case_ "eval labeled" eval --data labeled
case_ "eval labeled json" eval --data labeled --format json
case_ "eval dev --plot" eval --data benches/dev --plot @OUT@/e.svg
case_ "eval without --data" eval
case_ "eval --plot not svg" eval --data labeled --plot @OUT@/e.png
case_ "cv two files json" cv --data labeled/000_d9e5b95a3f51618a.csv --data labeled/004_3593f8da517aa249.csv --format json
case_ "cv two files text --plot" cv --data labeled/000_d9e5b95a3f51618a.csv --data labeled/004_3593f8da517aa249.csv \
  --plot @OUT@/cv.svg
case_ "cv dispute folder, seed, folds" cv --data labeled/disputes/airline --data labeled/disputes/bank --folds 3 --seed 7 \
  --format json
case_ "cv --folds 1" cv --folds 1 --data labeled/000_d9e5b95a3f51618a.csv

# ---- explain, sentences, suggest ----------------------------------------------------------------
case_ "explain" explain
case_ "explain --data --top" explain --data labeled --top 5
case_ "explain --top 0" explain --top 0
case_ "sentences" sentences labeled/articles benches/dev/articles
case_ "sentences --model --claim" sentences --model models/stance.model --claim "$claim" labeled/articles
case_ "sentences stdin" "<benches/dev/articles/dev_01_wire.txt" sentences -
case_ "sentences missing file" sentences labeled/articles no/such.txt
case_ "suggest --count 5" suggest --count 5 labeled/articles benches/dev/articles
case_ "suggest --data, strategies" suggest --count 7 --data labeled --strategy margin benches/dev/articles labeled/disputes
case_ "suggest random seed" suggest --count 5 --strategy random --seed 3 labeled/disputes
case_ "suggest all labeled" suggest --count 5 --data labeled labeled/articles

# ---- label (no terminal here) --------------------------------------------------------------------
case_ "label without a terminal" label --output @OUT@/mine.csv labeled/articles
case_ "label stdin input" label --output @OUT@/mine.csv -

# ---- report: HTML bytes ---------------------------------------------------------------------------
case_ "report" report --output @OUT@/r.html labeled/articles benches/dev/articles
case_ "report --eval --claim --verbose" report --output @OUT@/r.html --eval labeled --claim "$claim" --verbose labeled
case_ "report a missing file" report --output @OUT@/r.html labeled/articles no/such.txt
case_ "report --fail-fast" report --output @OUT@/r.html --fail-fast no/such.txt labeled/articles
case_ "report no input" report --output @OUT@/r.html

echo "$n cases, $different different"
[ $different -eq 0 ]
