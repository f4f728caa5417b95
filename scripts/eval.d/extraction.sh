#!/usr/bin/env bash
# Evaluation of the extract stage's article-body extraction (issue 3): the
# Scrapinghub benchmark's 4-gram F1 on ../shared/data/extraction, plus the seed
# checks for the text-mode cleanup and attributions. Prints one Markdown section.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=${CROSSREAD_SHARED:-$root/../shared}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target-extract}
cd "$root"
cargo build --release -q -p crossread-extract --example extract-eval --example seeds >&2
table=$("$CARGO_TARGET_DIR/release/examples/extract-eval" "$shared/data/extraction")
seeds=$("$CARGO_TARGET_DIR/release/examples/seeds" "$shared/seeds")
fuzz_note="crates/extract/fuzz/RESULTS.md"
if [ -f "$fuzz_note" ]; then fuzz=$(cat "$fuzz_note"); else fuzz="No fuzz run recorded."; fi
cat <<MD
## Extraction (article body)

Command: \`scripts/eval extraction\` (runs \`crossread-extract\`'s \`examples/eval.rs\` on
\`../shared/data/extraction\`, the 90-page dev half of the Scrapinghub article-extraction benchmark,
scored with the benchmark's metric: \`\\w+\` tokens, 4-gram shingles, precision averaged over pages
with a non-empty prediction, recall over all pages, F1 of the two means; accuracy = exact token match).
Machine: 2 cores, 24 GiB.

$table

Bar: **F1 >= 0.975**. Anchors on this dev half (from the data README, same scorer): trafilatura 2.3.1
0.970 (P 0.951, R 0.989), rs_trafilatura 0.974, AutoExtract 0.973, newspaper4k 0.958,
readability-lxml 0.947, dom_smoothie 0.866.

The second table feeds hostile inputs to the same code (time is wall clock on the loaded machine).

### Fuzzing

$fuzz

### Seed pages (text mode)

Every line the text-mode cleanup removed is listed with its reason; kept paragraphs are listed by
their first words (checked by reading them against the seed files).

$seeds
MD
