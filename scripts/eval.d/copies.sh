#!/usr/bin/env bash
# Evaluation of the copies stage (crates/copies/examples/eval.rs) on the METER
# and COUNTER dev halves and the seed pages; prints one Markdown section.
# Pass --fit through EVAL_COPIES_ARGS to also print the threshold fit and its
# cross-validated figures.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=${CROSSREAD_SHARED:-$root/../shared}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target-copies}
cd "$root"
cargo build --release -q -p crossread-copies --example copies-eval >&2
"$CARGO_TARGET_DIR/release/examples/copies-eval" "$shared" --fit ${EVAL_COPIES_ARGS:-}
