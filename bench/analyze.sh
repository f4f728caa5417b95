#!/usr/bin/env bash
# A day's `crossread analyze` on a grown store: the generated dated stream of
# the stories bench (2,000 articles a day), N articles stored first, then the
# next day's 2,000 added by one `analyze`, run twice on copies of the same
# store: as shipped (copies of the new articles decided, stored records kept)
# and with `--recompute-copies` (every copy record worked out again, what a
# day's run cost before; the anchor, same run, same machine). Also checks that
# the two runs gave the new articles the same copy records and counts the
# stored records the recomputation changed. Splices `bench:analyze`.
#   bench/analyze.sh [N ...]     (default: 10000 100000)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}
out=bench/out/analyze
mkdir -p "$out"
cargo build --release -q -p crossread --bin crossread
cargo build --release -q -p crossread-stories --example stories-bench
bin=$CARGO_TARGET_DIR/release/crossread
gen=$CARGO_TARGET_DIR/release/examples/stories-bench
sizes=${*:-10000 100000}
# One analyze, one thread: "cpu_seconds wall_seconds peak_kb".
measure() {
  local name=$1; shift
  /usr/bin/time -f "%U %S %e %M" -o "$out/$name.time" "$bin" analyze -q -j 1 "$@" \
    > /dev/null 2> "$out/$name.err" || { cat "$out/$name.err" >&2; exit 1; }
  awk '{printf "%.2f %.2f %d\n", $1 + $2, $3, $4}' "$out/$name.time"
}
rows=()
for n in $sizes; do
  "$gen" $((n + 2000)) --dump "$out/stream-$n.jsonl" > /dev/null
  head -n "$n" "$out/stream-$n.jsonl" > "$out/base-$n.jsonl"
  tail -n 2000 "$out/stream-$n.jsonl" > "$out/day-$n.jsonl"
  rm -f "$out"/s-"$n"*.db*
  base=$(measure "base-$n" --db "$out/s-$n.db" "$out/base-$n.jsonl")
  # The store is SQLite in WAL mode: copy its log too when one is left.
  for x in "" -wal -shm; do [ ! -f "$out/s-$n.db$x" ] || cp "$out/s-$n.db$x" "$out/s-$n-full.db$x"; done
  day=$(measure "day-$n" --db "$out/s-$n.db" "$out/day-$n.jsonl")
  full=$(measure "full-$n" --recompute-copies --db "$out/s-$n-full.db" "$out/day-$n.jsonl")
  check=$(python3 bench/analyze/compare.py "$out/s-$n.db" "$out/s-$n-full.db" "$out/day-$n.jsonl")
  compared=$(grep -o '([0-9]* compared' "$out/day-$n.err" | tr -dc 0-9)
  compared_full=$(grep -o '([0-9]* compared' "$out/full-$n.err" | tr -dc 0-9)
  rows+=("$n|$base|$day|$full|$check|$compared|$compared_full")
done
{
  echo "## A day's analyze on a grown store"
  echo
  echo "Command: \`bench/analyze.sh $sizes\`. The stories bench's generated dated stream (\`stories-bench N --dump\`, seed 42: 2,000 articles a day, ~40 open events, no copies planted), N articles analyzed into a store, then the next 2,000 (one day) added by one \`crossread analyze -q -j 1\`, on two copies of that store: as shipped (the new articles' copies decided over the whole collection, each stored record kept unless a new article came before it and is one of its candidates) and with \`--recompute-copies\` (every copy record worked out again, as every run did before; the anchor, same run). CPU = user + system seconds of the process (the machine is shared; wall seconds beside), peak = maximum resident set. Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(date -u +%Y-%m-%d)."
  echo
  echo "| stored | first N (CPU s) | the day, as shipped: CPU s / wall s / peak MB | the day, --recompute-copies: CPU s / wall s / peak MB | CPU ratio | new articles' records alike | stored records the recomputation changed (of which verdict, source or group) | stories compared |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
  for r in "${rows[@]}"; do
    IFS='|' read -r n base day full check compared compared_full <<< "$r"
    read -r bc bw bm <<< "$base"
    read -r dc dw dm <<< "$day"
    read -r fc fw fm <<< "$full"
    read -r same total changed verdict <<< "$check"
    ratio=$(python3 -c "print(f'{$fc / max($dc, 0.01):.1f}x')")
    printf '| %s | %s | %s / %s / %s | %s / %s / %s | %s | %s of %s | %s (%s) | %s vs %s |\n' \
      "$(python3 -c "print(f'{$n:,}')")" "$bc" "$dc" "$dw" "$((dm / 1024))" "$fc" "$fw" "$((fm / 1024))" "$ratio" "$same" "$total" "$changed" "$verdict" "$compared" "$compared_full"
  done
  echo
  echo "What a day's run still does over the whole store: reading every stored article, tokenising and sketching it, measuring the candidate pairs and their two-hop neighbours, and the word counts (\`update_copies\` keeps those global so that a new article's record is the one a run over everything gives it; the column of records alike checks that). What it no longer does: aligning and deciding the stored articles again (about 70% of the copies stage's time at 100k), or comparing again the stories whose stored copy records the recomputation changed."
} | scripts/splice bench:analyze
