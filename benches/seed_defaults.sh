#!/usr/bin/env bash
# How the default training settings were chosen (issue 9): forward selection from the simplest
# setting with the one-standard-error rule, on three corpora at once (seed leave-one-article-out,
# the hand-written dev articles of benches/dev, Emergent claim-grouped CV); see
# benches/choose_defaults.py for the procedure. Run from the repository root:
#
#   benches/seed_defaults.sh [PATH/TO/datasets/emergent]
#
# Without the Emergent folder, only the seed and dev corpora are used (it says so).
set -euo pipefail
EMERGENT="${1:-../shared/datasets/emergent}"
cargo build --release --quiet
if [[ -f "$EMERGENT/train.csv" ]]; then
    exec python3 benches/choose_defaults.py --emergent "$EMERGENT"
fi
echo "seed_defaults: Emergent data missing ($EMERGENT/train.csv): choosing on the seed and dev corpora only" >&2
exec python3 benches/choose_defaults.py
