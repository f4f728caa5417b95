#!/usr/bin/env bash
# Publication dates, side by side: crossread's metadata reader and htmldate
# 1.10.0 (extensive search, original date: the configuration of htmldate's own
# published table) on the same 1,000 labelled pages, in one run, one thread each.
# Installs htmldate into bench/.venv-dates with pip, unpacks the pages into a
# temporary directory, prints one Markdown section and splices it into
# BENCHMARKS.md as bench:dates.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${CROSSREAD_SHARED:-$root/../shared}
data="$shared/data/dates"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target-extract}
venv="$root/bench/.venv-dates"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install -q "htmldate==1.10.0" >&2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for a in "$data"/*.tar.xz; do tar -xJf "$a" -C "$tmp"; done
cargo build --release -q -p crossread-extract --example eval_dates >&2

/usr/bin/time -v -o "$tmp/ours.time" "$CARGO_TARGET_DIR/release/examples/eval_dates" \
  "$data/labels.tsv" "$tmp" > "$tmp/ours.md"
/usr/bin/time -v -o "$tmp/theirs.time" "$venv/bin/python" "$root/bench/dates/htmldate_eval.py" \
  "$data/labels.tsv" "$tmp" "$tmp/htmldate.tsv" > "$tmp/theirs.txt"

rss() { awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$1"; }
read -r n secs tp fp fn < "$tmp/theirs.txt"
ours_all=$(grep -F '| **all** |' "$tmp/ours.md")
ours_f1=$(echo "$ours_all" | awk -F'|' '{gsub(/ /,"",$10); print $10}')
ours_raw=$(grep -F 'charset decoding + metadata' "$tmp/ours.md" | sed -E 's/.*\*\*([0-9.]+) pages\/s\*\*.*/\1/')
ours_meta=$(grep -F 'metadata only' "$tmp/ours.md" | sed -E 's/.*\*\*([0-9.]+) pages\/s\*\*.*/\1/')
python3 - "$n" "$secs" "$tp" "$fp" "$fn" "$ours_f1" "$ours_raw" "$ours_meta" "$(rss "$tmp/ours.time")" "$(rss "$tmp/theirs.time")" > "$tmp/section.md" <<'PY'
import sys
n, secs, tp, fp, fn = int(sys.argv[1]), float(sys.argv[2]), *map(int, sys.argv[3:6])
ours_f1, ours_raw, ours_meta = float(sys.argv[6]), float(sys.argv[7]), float(sys.argv[8])
rss_ours, rss_theirs = sys.argv[9], sys.argv[10]
p = tp / (tp + fp) if tp + fp else 0
r = tp / (tp + fn) if tp + fn else 0
f1 = 2 * tp / (2 * tp + fp + fn)
theirs = n / secs
print("## Publication dates: speed and quality against htmldate (same run)")
print()
print("1,000 pages of htmldate's benchmark, one thread each, same pages and URLs. crossread: "
      "`examples/eval_dates` (best of 3 passes); htmldate 1.10.0 `find_date(html, url=url, "
      "original_date=True, extensive_search=True)` over the raw bytes (one pass).")
print()
print("| tool | F1 | pages/s | speed vs htmldate | peak RSS (MB) |")
print("|---|---|---|---|---|")
print(f"| crossread meta (decode + metadata) | {ours_f1:.3f} | {ours_raw:.0f} | {ours_raw / theirs:.1f}x | {rss_ours} |")
print(f"| crossread meta (metadata only, pages already decoded) | {ours_f1:.3f} | {ours_meta:.0f} | {ours_meta / theirs:.1f}x | (same process) |")
print(f"| htmldate 1.10.0 extensive | {f1:.3f} (P {p:.3f}, R {r:.3f}) | {theirs:.0f} | 1x | {rss_theirs} |")
print()
print("Peak RSS of the crossread process includes all 1,000 decoded pages held in memory "
      "(the eval keeps them for its timed passes).")
print()
print("Command: `bench/dates.sh`. Machine: 2 cores, 24 GiB, shared with other builds "
      "(ratios are from one run; absolute rates vary with load).")
PY
cat "$tmp/section.md"
"$root/scripts/splice" bench:dates < "$tmp/section.md"
