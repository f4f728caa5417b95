#!/usr/bin/env bash
# The demo corpus against its design (examples/corpus/expected.json): runs the
# stage subcommands on the folder and prints one Markdown section, scored by
# demo_score.py. Needs no benchmark data; a debug build is enough (19 articles).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}
cargo build -q -p crossread --bin crossread >&2
bin=$CARGO_TARGET_DIR/debug/crossread
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for stage in copies stories compare; do
  "$bin" "$stage" examples/corpus > "$out/$stage.jsonl" 2> "$out/$stage.err" || {
    cat "$out/$stage.err" >&2
    exit 1
  }
done
python3 scripts/eval.d/demo_score.py examples/corpus/expected.json \
  "$out/copies.jsonl" "$out/stories.jsonl" "$out/compare.jsonl"
