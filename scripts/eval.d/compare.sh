#!/usr/bin/env bash
# Compare-stage evaluation (issue 6): the seed pages as one story (bar checks and
# quote attribution against hand labels), METER (independent sources of claims
# scored with the gold passages) and BASIL (quote speakers). Prints one Markdown
# section; exits non-zero only on errors, never on figures below the bar.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=${CROSSREAD_SHARED:-$root/../shared}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target-compare}
cd "$root"
cargo build --release -q -p crossread-compare --example compare-eval >&2
"$CARGO_TARGET_DIR/release/examples/compare-eval" "$shared"
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//' || echo unknown)
echo
echo "Machine: 2 cores ($cpu), 24 GiB; compare runs on one thread, the copies stage on rayon's pool (thread count in the text). Reproduce with \`scripts/eval compare\`."
