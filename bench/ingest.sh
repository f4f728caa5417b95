#!/usr/bin/env bash
# Ingest throughput: crossread vs. a Python standard-library + warcio anchor, same
# inputs, same machine, one run. Writes the section bench:ingest of BENCHMARKS.md.
#   bench/ingest.sh [N_JSONL] [N_WARC]      (defaults 100000 and 50000)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
n_jsonl=${1:-100000}
n_warc=${2:-50000}
out=bench/out/ingest
mkdir -p "$out"
venv=bench/.venv-ingest
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q warcio==1.7.5
if [ ! -f "$out/articles.jsonl" ] || [ "$(wc -l < "$out/articles.jsonl")" -ne "$n_jsonl" ]; then
  python3 bench/ingest/gen.py "$out" "$n_jsonl" "$n_warc"
fi
cargo build --release -q -p crossread
bin=${CARGO_TARGET_DIR:-target}/release/crossread

measure() { # name, command... -> "seconds peak_kb"
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$out/$name.time" "$@" > /dev/null 2> "$out/$name.err" || { cat "$out/$name.err" >&2; exit 1; }
  cat "$out/$name.time"
}

row() { # label, input, n, crossread-time, anchor-time
  local label=$1 input=$2 n=$3 c=$4 a=$5
  python3 - "$label" "$input" "$n" "$c" "$a" <<'PY'
import os, sys
label, inp, n, c, a = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4].split(), sys.argv[5].split()
mb = os.path.getsize(inp) / 1e6
cs, ck, as_, ak = float(c[0]), int(c[1]), float(a[0]), int(a[1])
print(f"| {label} | {n:,} | {mb:,.0f} MB | {n/cs:,.0f} art/s, {mb/cs:,.1f} MB/s, {ck/1024:,.0f} MiB | "
      f"{n/as_:,.0f} art/s, {mb/as_:,.1f} MB/s, {ak/1024:,.0f} MiB | {as_/cs:.1f}x |")
PY
}

rm -f "$out"/*.db*
j1=$(measure cr-jsonl-1 taskset -c 0 "$bin" analyze -q -j1 --stop-after ingest --db "$out/cr-jsonl-1.db" "$out/articles.jsonl")
j2=$(measure cr-jsonl-2 "$bin" analyze -q --stop-after ingest --db "$out/cr-jsonl-2.db" "$out/articles.jsonl")
ja=$(measure py-jsonl taskset -c 0 "$venv/bin/python" bench/ingest/anchor.py "$out/py-jsonl.db" "$out/articles.jsonl")
w1=$(measure cr-warc-1 taskset -c 0 "$bin" analyze -q -j1 --stop-after ingest --db "$out/cr-warc-1.db" "$out/pages.warc.gz")
wa=$(measure py-warc taskset -c 0 "$venv/bin/python" bench/ingest/anchor.py "$out/py-warc.db" "$out/pages.warc.gz")
rerun=$(measure cr-jsonl-rerun "$bin" analyze -q --stop-after ingest --db "$out/cr-jsonl-2.db" "$out/articles.jsonl")

{
  echo "## Ingest throughput"
  echo
  echo "Command: \`bench/ingest.sh $n_jsonl $n_warc\` (generates the inputs with \`bench/ingest/gen.py\`, seeded)."
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -m); $(date -u +%Y-%m-%d)."
  echo "Both sides store one row per article in SQLite (WAL, 1000 rows per transaction);"
  echo "the anchor is Python $(python3 -c 'import sys;print(sys.version.split()[0])') with the standard library's json and sqlite3, and warcio 1.7.5 for WARC"
  echo "(\`bench/ingest/anchor.py\`). One core each (\`taskset -c 0\`, crossread \`-j1\`) unless noted. Peak memory is the maximum resident set."
  echo
  echo "| input | articles | size | crossread (1 core) | anchor (1 core) | ratio |"
  echo "|---|---|---|---|---|---|"
  row "JSONL, ~600 words/article" "$out/articles.jsonl" "$n_jsonl" "$j1" "$ja"
  row "WARC.gz, HTML pages" "$out/pages.warc.gz" "$n_warc" "$w1" "$wa"
  echo
  python3 - "$n_jsonl" "$j2" "$rerun" <<'PY'
import sys
n, a, b = int(sys.argv[1]), sys.argv[2].split(), sys.argv[3].split()
print(f"crossread on both cores (default threads), JSONL: {n/float(a[0]):,.0f} articles/s, peak {int(a[1])/1024:,.0f} MiB. "
      f"Re-running on the same input (everything already stored): {float(b[0]):.1f} s.")
PY
} | tee /dev/stderr | scripts/splice bench:ingest
