#!/usr/bin/env bash
# Evaluation of the stories stage: pairwise and B-cubed scores on the ECB+,
# BASIL and AllSides dev sets (and the ECB+ training split used for tuning),
# plus the seed-page checks. Prints one Markdown section; fails only on errors.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=${CROSSREAD_SHARED:-$root/../shared}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target-stories}
cd "$root"
cargo build --release -q -p crossread-stories --example stories-eval
out=$("$CARGO_TARGET_DIR/release/examples/stories-eval" "$shared")
printf '%s\n' "$out"
echo
echo "Command: \`scripts/eval stories\` (runs \`cargo run --release -p crossread-stories --example stories-eval -- \$CROSSREAD_SHARED\`)."
echo "Machine: 2 cores, 24 GiB (shared with other builds); $(date -u +%Y-%m-%d)."
