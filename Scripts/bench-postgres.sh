#!/usr/bin/env bash
# Benchmark the PostgreSQL history against SQLite, the same work in the same run (release build,
# a throwaway PostgreSQL cluster on loopback from Scripts/postgres-cluster.sh):
#   1. record a 50 000-file run into a new history          target: PostgreSQL <= 2x SQLite
#   2. render the site (fresh folder) of a 10 000-run history target: PostgreSQL <= 1.5x SQLite
#   3. render --all-projects over 200 projects x 1 000 runs  target: the index <= 2 s
#      (a render with every project unchanged: the index drawn, each project's pages kept and its
#      line of the index taken from the last render's projects.json; the same with projects.json
#      removed, so every project's runs are read again; and the first render, which draws all 200
#      sites, for reference)
# Each figure is a whole-process wall time; best and median of ATTEMPTS (default 5), the two
# databases taking turns. A measurement, not a test: always exits 0. The machine is shared: run it
# when `uptime` shows a low load (printed before and after).
# Usage (from the repo root): bash Scripts/bench-postgres.sh
# Environment: GEN_BIG (default ../shared/tools/gen_big.py), BENCH_DIR (default ${TMPDIR:-/tmp}/tidemark-bench-pg),
#   ATTEMPTS (default 5)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
gen_big="${GEN_BIG:-../shared/tools/gen_big.py}"
bench_dir="${BENCH_DIR:-${TMPDIR:-/tmp}/tidemark-bench-pg}"
attempts="${ATTEMPTS:-5}"
[ -f "$gen_big" ] || { echo "bench-postgres: gen_big.py not found at $gen_big (set GEN_BIG)" >&2; exit 1; }
command -v /usr/bin/time >/dev/null || { echo "bench-postgres: /usr/bin/time missing (apt-get install -y time)" >&2; exit 1; }
mkdir -p "$bench_dir"
bench_dir="$(cd "$bench_dir" && pwd)"

echo "== load before: $(uptime)"
echo "== building release (.build-release)"
swift build -c release --scratch-path .build-release --product tidemark >&2
tidemark="$PWD/.build-release/release/tidemark"

cluster="$bench_dir/cluster"
bash Scripts/postgres-cluster.sh stop "$cluster"
server="$(bash Scripts/postgres-cluster.sh start "$cluster")"
trap 'bash Scripts/postgres-cluster.sh stop "$cluster"' EXIT
base="${server%/postgres}"
psql_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/psql"
newdb() { "$psql_bin" -X -q "$server" -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1"; echo "$base/$1"; }
echo "== PostgreSQL: $("$psql_bin" -X -A -t "$server" -c 'SHOW server_version') on loopback (fsync off, as in the tests)"

# time_of COMMAND…: runs it, prints its wall time in seconds.
time_of() {
  /usr/bin/time -f '%e' -o "$bench_dir/t" "$@" >/dev/null 2>"$bench_dir/err" || { cat "$bench_dir/err" >&2; exit 1; }
  cat "$bench_dir/t"
}
# summary NAME TIMES…: best and median.
summary() {
  local name="$1"
  shift
  local sorted
  sorted="$(printf '%s\n' "$@" | sort -n)"
  echo "$name: best $(echo "$sorted" | head -1) s, median $(echo "$sorted" | sed -n "$(( ($# + 1) / 2 ))p") s  ($*)"
}
best() { printf '%s\n' "$@" | sort -n | head -1; }
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
ratio() { awk "BEGIN{printf \"%.2f\", $1 / $2}"; }
verdict() { awk "BEGIN{print ($1 <= $2) ? \"PASS\" : \"FAIL\"}"; }

# --- 1. Recording a 50 000-file run ---
report="$bench_dir/files50000.xml"
[ -f "$report" ] || python3 "$gen_big" --files 50000 --lines 20 --seed 7 -o "$report" >&2
echo "== 1. record: $(du -m "$report" | cut -f1) MB report, 50 000 files"
sqlite_record=()
pg_record=()
for attempt in $(seq "$attempts"); do
  rm -f "$bench_dir/record.sqlite"*
  sqlite_record+=("$(time_of "$tidemark" record --history "$bench_dir/record.sqlite" --project bench --commit "c$attempt" --input python="$report")")
  url="$(newdb record)"
  pg_record+=("$(time_of "$tidemark" record --history "$url" --project bench --commit "c$attempt" --input python="$report")")
done
summary "   SQLite    " "${sqlite_record[@]}"
summary "   PostgreSQL" "${pg_record[@]}"

# --- 2. Rendering from a 10 000-run history ---
series="$bench_dir/runs10000.jsonl"
[ -f "$series" ] || python3 Scripts/history-series.py "$series" 10000 0
echo "== 2. render: 10 000 runs x 2 components x 20 files, then one recorded run on top"
rm -f "$bench_dir/series.sqlite"*
series_url="$(newdb series)"
for history in "$bench_dir/series.sqlite" "$series_url"; do
  "$tidemark" history import --history "$history" --project bench "$series" >/dev/null
  "$tidemark" record --history "$history" --project bench --commit top --time 2030-01-01T00:00:00Z \
    --input python=Tests/Examples/python/reports/coverage.xml >/dev/null
done
sqlite_render=()
pg_render=()
for attempt in $(seq "$attempts"); do
  rm -rf "$bench_dir/site-sqlite" "$bench_dir/site-pg"
  sqlite_render+=("$(time_of "$tidemark" render --history "$bench_dir/series.sqlite" --project bench --output "$bench_dir/site-sqlite")")
  pg_render+=("$(time_of "$tidemark" render --history "$series_url" --project bench --output "$bench_dir/site-pg")")
done
summary "   SQLite    " "${sqlite_render[@]}"
summary "   PostgreSQL" "${pg_render[@]}"
diff -r -q -x .tidemark-manifest "$bench_dir/site-sqlite" "$bench_dir/site-pg" >/dev/null \
  && echo "   (the two sites are byte-identical)" || echo "   WARNING: the two sites differ"

# --- 3. The all-projects index over 200 projects x 1 000 runs ---
echo "== 3. all projects: 200 projects x 1 000 runs (2 components x 20 files each)"
# Built once and kept, like the reports above (delete it to build it again).
if [ ! -f "$bench_dir/projects.sqlite" ]; then
  rm -f "$bench_dir/projects.new.sqlite"*
  for project in $(seq 1 200); do
    file="$bench_dir/project.jsonl"
    python3 Scripts/history-series.py "$file" 1000 "$project"
    "$tidemark" history import --history "$bench_dir/projects.new.sqlite" --project "$(printf 'project-%03d' "$project")" "$file" >/dev/null
  done
  for file in "$bench_dir/projects.new.sqlite"*; do mv "$file" "${file/projects.new/projects}"; done
fi
projects_url="$(newdb projects)"
"$tidemark" history copy --from "$bench_dir/projects.sqlite" --to "$projects_url" >/dev/null
rm -rf "$bench_dir/all-sqlite" "$bench_dir/all-pg"
first_sqlite="$(time_of "$tidemark" render --history "$bench_dir/projects.sqlite" --all-projects --output "$bench_dir/all-sqlite")"
first_pg="$(time_of "$tidemark" render --history "$projects_url" --all-projects --output "$bench_dir/all-pg")"
sqlite_index=()
pg_index=()
sqlite_reread=()
pg_reread=()
for attempt in $(seq "$attempts"); do
  sqlite_index+=("$(time_of "$tidemark" render --history "$bench_dir/projects.sqlite" --all-projects --output "$bench_dir/all-sqlite")")
  pg_index+=("$(time_of "$tidemark" render --history "$projects_url" --all-projects --output "$bench_dir/all-pg")")
  rm "$bench_dir/all-sqlite/projects.json" "$bench_dir/all-pg/projects.json"
  sqlite_reread+=("$(time_of "$tidemark" render --history "$bench_dir/projects.sqlite" --all-projects --output "$bench_dir/all-sqlite")")
  pg_reread+=("$(time_of "$tidemark" render --history "$projects_url" --all-projects --output "$bench_dir/all-pg")")
done
echo "   first render (200 sites drawn): SQLite $first_sqlite s, PostgreSQL $first_pg s"
summary "   unchanged, SQLite    " "${sqlite_index[@]}"
summary "   unchanged, PostgreSQL" "${pg_index[@]}"
summary "   unchanged, every project read again, SQLite    " "${sqlite_reread[@]}"
summary "   unchanged, every project read again, PostgreSQL" "${pg_reread[@]}"

echo "== load after: $(uptime)"
echo
echo "record a 50 000-file run:      PostgreSQL/SQLite = $(ratio "$(best "${pg_record[@]}")" "$(best "${sqlite_record[@]}")") best, $(ratio "$(median "${pg_record[@]}")" "$(median "${sqlite_record[@]}")") median (target <= 2: $(verdict "$(ratio "$(median "${pg_record[@]}")" "$(median "${sqlite_record[@]}")")" 2))"
echo "render a 10 000-run history:   PostgreSQL/SQLite = $(ratio "$(best "${pg_render[@]}")" "$(best "${sqlite_render[@]}")") best, $(ratio "$(median "${pg_render[@]}")" "$(median "${sqlite_render[@]}")") median (target <= 1.5: $(verdict "$(ratio "$(median "${pg_render[@]}")" "$(median "${sqlite_render[@]}")")" 1.5))"
echo "all-projects index, 200 x 1 000 on PostgreSQL: best $(best "${pg_index[@]}") s, median $(median "${pg_index[@]}") s (target <= 2 s: $(verdict "$(median "${pg_index[@]}")" 2));"
echo "   every project read again: best $(best "${pg_reread[@]}") s, median $(median "${pg_reread[@]}") s ($(verdict "$(median "${pg_reread[@]}")" 2))"
