#!/usr/bin/env bash
# What a user gets: the stage subcommands (`crossread stories`, `crossread
# copies`, `crossread extract`) run on the benchmark files exactly as they
# ship, through ingest and extraction, scored by cli_score.py. The stage evaluations (eval:stories,
# eval:copies) call the libraries on the rows' own text instead; this section
# shows where the two differ. A debug build is enough (the figures do not
# depend on the build). Prints one Markdown section; fails only on errors.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=${CROSSREAD_SHARED:-$root/../shared}
cd "$root"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}
cargo build -q -p crossread --bin crossread >&2
bin=$CARGO_TARGET_DIR/debug/crossread
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
score=scripts/eval.d/cli_score.py
echo "## The stage subcommands on the benchmark files (what a user gets)"
echo
echo "Each file is given to the subcommand as it ships (\`crossread stories FILE\`, \`crossread copies FILE\`, \`crossread extract FOLDER\`): rows are read by ingest (outlet from \`outlet\`, else \`source\`), extracted in text mode, and for stories grouped with their copy groups, as \`analyze\` does. Labels are read by the scorer only. An id missing from the output counts as a story of its own / as not derived."
echo
echo "| set | articles | missing from output | pairwise P / R / F1 | bar |"
echo "| --- | --- | --- | --- | --- |"
for spec in "ecbplus_dev:ECB+ dev:>= 0.97" "basil_dev:BASIL dev:>= 0.97" "allsides_dev:AllSides dev:>= 0.75" "ecbplus_train:ECB+ train (tuning split):-"; do
  IFS=: read -r file name bar <<< "$spec"
  "$bin" stories "$shared/data/stories/$file.jsonl" > "$out/$file.jsonl" 2> "$out/$file.err" || true
  python3 "$score" stories "$shared/data/stories/$file.jsonl" "$out/$file.jsonl" "$name" "$bar"
done
# The same set fed as a stream: BASIL's rows split by publication day, one
# `crossread analyze` run per day into one store (the story engine's saved
# state carries the open stories from run to run), the stored stories read
# back through `crossread report --json`.
mkdir -p "$out/basil-days"
python3 - "$shared/data/stories/basil_dev.jsonl" "$out/basil-days" <<'PY'
import collections, json, os, sys
days = collections.defaultdict(list)
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    row = {k: r.get(k) for k in ("id", "title", "text", "date", "lang", "outlet", "url")}
    days[(r.get("date") or "undated")[:10]].append(row)
for day, rows in days.items():
    with open(os.path.join(sys.argv[2], f"{day}.jsonl"), "w", encoding="utf-8") as f:
        f.writelines(json.dumps(r) + "\n" for r in rows)
PY
runs=0
for day in "$out"/basil-days/*.jsonl; do
  "$bin" analyze -q --db "$out/basil-stream.db" "$day" 2>> "$out/basil-stream.err" || true
  runs=$((runs + 1))
done
"$bin" report --json --db "$out/basil-stream.db" 2>> "$out/basil-stream.err" | python3 -c '
import json, sys
for s in json.load(sys.stdin)["stories"]:
    for a in s["articles"]:
        print(json.dumps({"id": a["id"], "story": s["id"]}))' > "$out/basil-stream.jsonl" || true
python3 "$score" stories "$shared/data/stories/basil_dev.jsonl" "$out/basil-stream.jsonl" "BASIL dev, one \`analyze\` run per publication day ($runs runs, one store)" ">= 0.97"
echo
for spec in "ecbplus_dev:ECB+ dev" "ecbplus_train:ECB+ train"; do
  IFS=: read -r file name <<< "$spec"
  "$bin" extract "$shared/data/stories/$file.jsonl" > "$out/$file.extract.jsonl" 2> /dev/null || true
  python3 "$score" dated "$shared/data/stories/$file.jsonl" "$out/$file.extract.jsonl" "$name"
  echo
done
echo "How dates read from the prose came to be handled this way (measured on 2026-11-26 with this section's command and the topic-hash halves of each ECB+ file): when every date kept articles more than 3 days apart, ECB+ dev scored 0.944 here and the tuning split 0.842; with prose dates dropped by extract altogether (input order, no time bonus) 0.962 and 0.893; ordered by them but compared as undated (no time bonus) 0.978 and 0.891, which split the demo's dam story from its follow-up report (demo stories F1 1.00 -> 0.88); ordered by them, given the time bonus and kept apart by nothing (shipped) 0.986 and 0.891 (a wider window for them instead, 30 / 90 / 365 days, gave 0.972 / 0.986 / 0.986 and 0.867 / 0.884 / 0.887), both halves of both files rising or holding (dev 0.899 -> 0.975 and 1.000 -> 1.000, tuning split 0.871 -> 0.927 and 0.830 -> 0.876). BASIL and AllSides are unchanged (their dates are given with the rows); so are the demo, whose prose-dated articles lie within 3 days of the rest of their stories and keep the time bonus, and the seeds, of which only one has a date."
echo
echo "| copies | figure | bar |"
echo "| --- | --- | --- |"
"$bin" copies "$shared/data/copies/meter/articles.jsonl" > "$out/meter.jsonl" 2> "$out/meter.err" || true
python3 "$score" meter "$shared/data/copies/meter/doc_labels.jsonl" "$out/meter.jsonl" \
  "$shared/data/copies/meter/passages.jsonl" "$shared/data/copies/meter/articles.jsonl"
"$bin" copies "$shared/data/copies/counter/articles.jsonl" > "$out/counter.jsonl" 2> "$out/counter.err" || true
python3 "$score" counter "$shared/data/copies/counter/pairs.jsonl" "$out/counter.jsonl"
echo
echo "| extract | P / R / F1 | bar |"
echo "| --- | --- | --- |"
"$bin" extract "$shared/data/extraction/html" > "$out/extraction.jsonl" 2> "$out/extraction.err" || true
python3 "$score" extraction "$shared/data/extraction/ground-truth.json" "$out/extraction.jsonl"
# The dates pages as plain .html files named by their label row (d0000.html
# ...): the archives' own names would not make distinct ids. No URL is given
# (the library evaluation passes the label's URL; here the page stands alone).
mkdir -p "$out/dates/src" "$out/dates/pages"
for tarball in "$shared"/data/dates/html-*.tar.xz; do tar -xJf "$tarball" -C "$out/dates/src"; done
python3 - "$shared/data/dates/labels.tsv" "$out/dates" <<'PY'
import csv, os, shutil, sys
labels, root = sys.argv[1], sys.argv[2]
with open(labels, encoding="utf-8") as f:
    for i, row in enumerate(csv.DictReader(f, delimiter="\t")):
        name = os.path.basename(row["path_in_archive"])
        for sub in (row["path_in_archive"], os.path.join("cache", name), os.path.join("test_set", name)):
            path = os.path.join(root, "src", sub)
            if os.path.exists(path):
                shutil.copyfile(path, os.path.join(root, "pages", f"d{i:04d}.html"))
                break
PY
"$bin" extract "$out/dates/pages" > "$out/dates.jsonl" 2> "$out/dates.err" || true
python3 "$score" dates "$shared/data/dates/labels.tsv" "$out/dates.jsonl"
echo
echo "Passage offsets index the extracted text (the contract); for METER's newspaper articles that is the row's text less trailing spaces, so reading them against the row's text, as above, shifts some by a character or two."
echo
echo "Command: \`scripts/eval cli\`. Machine: 2 cores, 24 GiB (shared); $(date -u +%Y-%m-%d)."
