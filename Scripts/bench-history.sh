#!/usr/bin/env bash
# Benchmark the history (release build): recording a 50 000-file run, and loading a 10 000-run
# history's series (`history list --json`, and a full `render` from that history).
# Targets: record <= 2 s; series load <= 0.5 s. A measurement, not a test: always exits 0.
# Usage (from the repo root): bash Scripts/bench-history.sh
# Environment: GEN_BIG (default ../shared/tools/gen_big.py), BENCH_DIR (default ${TMPDIR:-/tmp}/tidemark-bench)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
gen_big="${GEN_BIG:-../shared/tools/gen_big.py}"
bench_dir="${BENCH_DIR:-${TMPDIR:-/tmp}/tidemark-bench}"
[ -f "$gen_big" ] || { echo "bench-history: gen_big.py not found at $gen_big (set GEN_BIG)" >&2; exit 1; }
command -v /usr/bin/time >/dev/null || { echo "bench-history: /usr/bin/time missing (apt-get install -y time)" >&2; exit 1; }
mkdir -p "$bench_dir"

echo "== building release (.build-release)"
swift build -c release --scratch-path .build-release --product tidemark >&2
tidemark=.build-release/release/tidemark

report="$bench_dir/files50000.xml"
if [ ! -f "$report" ]; then
  python3 "$gen_big" --files 50000 --lines 20 --seed 7 -o "$report" >&2
fi
series="$bench_dir/runs10000.jsonl"
if [ ! -f "$series" ]; then
  python3 Scripts/history-series.py "$series" 10000
fi

echo "== machine: $(nproc) cores; $(swift --version 2>&1 | head -1); SQLite $(sqlite3 --version 2>/dev/null | cut -d' ' -f1 || echo '?')"
echo "== record: $(du -m "$report" | cut -f1) MB report, 50 000 files, $(grep -c '<line ' "$report") lines"
record_times=()
for attempt in 1 2 3; do
  rm -f "$bench_dir/record.sqlite"*
  /usr/bin/time -f '%e %M' -o "$bench_dir/t" "$tidemark" record --history "$bench_dir/record.sqlite" \
    --commit "bench-$attempt" --input python="$report" >/dev/null
  read -r wall kb < "$bench_dir/t"
  record_times+=("$wall")
  echo "   attempt $attempt: ${wall} s, peak $((kb / 1024)) MB"
done
best_record=$(printf '%s\n' "${record_times[@]}" | sort -n | head -1)

echo "== series: 10 000 runs x 2 components x 20 files"
rm -f "$bench_dir/series.sqlite"*
"$tidemark" history import --history "$bench_dir/series.sqlite" "$series" >/dev/null
list_times=()
render_times=()
for attempt in 1 2 3; do
  /usr/bin/time -f '%e' -o "$bench_dir/t" "$tidemark" history list --json --history "$bench_dir/series.sqlite" >/dev/null
  list_times+=("$(cat "$bench_dir/t")")
  /usr/bin/time -f '%e' -o "$bench_dir/t" "$tidemark" render --history "$bench_dir/series.sqlite" --output "$bench_dir/site" >/dev/null
  render_times+=("$(cat "$bench_dir/t")")
done
best_list=$(printf '%s\n' "${list_times[@]}" | sort -n | head -1)
best_render=$(printf '%s\n' "${render_times[@]}" | sort -n | head -1)

verdict() { awk "BEGIN{print ($1 <= $2) ? \"PASS\" : \"FAIL\"}"; }
echo
echo "record a 50 000-file run:                          ${best_record} s  (target <= 2 s: $(verdict "$best_record" 2))"
echo "load the 10 000-run series (history list --json: open, load, print): ${best_list} s  (target <= 0.5 s: $(verdict "$best_list" 0.5))"
echo "whole render of the site from that history (tidemark render, for reference): ${best_render} s"
echo "(each figure is the best of 3 whole-process wall times, release build)"
