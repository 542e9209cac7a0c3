#!/usr/bin/env bash
# Tidemark against libxml2's floor: `xmllint --noout --sax` on the same file, release build, as
# ratios measured in one run (issue 17). The build links the Swift runtime statically
# (--static-swift-stdlib, in .build-bench-static), as the binary users get does (Scripts/release.sh:
# the tarball, the wheel, the action): a dynamically linked build starts ~8 ms later (relocating the
# runtime's libraries), which is 0.07x of these floors. Every command runs BENCH_RUNS times (default 5), taking
# turns with xmllint so that a load change on the shared machine hits both; the script prints the
# best and the median wall time of each and the ratios of bests and of medians.
#   inspect: 2 000 files x 300 lines, 20 000 files x 25 lines (gen_big.py --seed 7, with sources, the
#            files Scripts/bench-render.sh and bench-watch.sh use) and the ~100 MB file of
#            Scripts/bench-inspect.sh. Targets: <= 1.3x; peak memory <= 100 MB on the 100 MB file.
#   record:  both shapes with --source-root (every file resolves), into a fresh history and into a
#            history of 1 000 earlier runs (999 imported summary runs, then this report recorded
#            once, so the run before has every file). Histories live in BENCH_HISTORY_DIR (default
#            /dev/shm when writable: the floor does not write, so the disk is kept out of it);
#            each timed record starts from a copy made before the clock starts. Target: <= 2x.
# Also prints `uptime`, before and after (the machine is shared), and the share of CPU time a
# virtual machine's host took meanwhile (steal in /proc/stat).
# A measurement, not a test: always exits 0.
# Usage (from anywhere): bash Scripts/bench-floor.sh
# Environment: GEN_BIG (default ../shared/tools/gen_big.py), BENCH_DIR (default ${TMPDIR:-/tmp}/tidemark-bench),
#   BENCH_RUNS (default 5), BENCH_HISTORY_DIR, BENCH_BIG=0 to skip the 100 MB file, TIDEMARK (a
#   binary to measure instead of building one).
set -uo pipefail
export LC_ALL=C
cd "$(dirname "${BASH_SOURCE[0]}")/.."
gen_big="${GEN_BIG:-../shared/tools/gen_big.py}"
bench_dir="${BENCH_DIR:-${TMPDIR:-/tmp}/tidemark-bench}"
runs="${BENCH_RUNS:-5}"
trap 'exit 0' EXIT   # a measurement: never fail the caller

note() { echo "bench-floor: $*" >&2; }
command -v xmllint >/dev/null || { note "xmllint missing (apt-get install -y libxml2-utils)"; exit 0; }
command -v /usr/bin/time >/dev/null || { note "/usr/bin/time missing (apt-get install -y time)"; exit 0; }
[ -f "$gen_big" ] || { note "gen_big.py not found at $gen_big (set GEN_BIG)"; exit 0; }
mkdir -p "$bench_dir"
bench_dir="$(cd "$bench_dir" && pwd)"
if [ -n "${BENCH_HISTORY_DIR:-}" ]; then history_dir="$BENCH_HISTORY_DIR"
elif [ -w /dev/shm ]; then history_dir="/dev/shm/tidemark-bench-$$"
else history_dir="$bench_dir/histories-$$"; fi
mkdir -p "$history_dir"
trap 'rm -rf "$history_dir"; exit 0' EXIT

if [ -n "${TIDEMARK:-}" ]; then
  tidemark="$TIDEMARK"
else
  echo "== building release, Swift runtime linked statically (.build-bench-static)"
  swift build -c release --static-swift-stdlib --scratch-path .build-bench-static --product tidemark >&2 ||
    { note "release build failed"; exit 0; }
  tidemark="$PWD/.build-bench-static/release/tidemark"
fi
echo "== $("$tidemark" --version); $(nproc) cores; $(xmllint --version 2>&1 | head -1)"
echo "== load before: $(uptime)"

# make_report NAME GEN_BIG_ARGS…: the reports shared with the other bench scripts.
source Scripts/bench-reports.sh
steal_start

# timed FILE CMD...: runs CMD (output discarded); appends "wall_seconds peak_kb" to FILE.
timed() {
  local file="$1"; shift
  local start end status
  start=$(date +%s%N)
  /usr/bin/time -f '%M' -o "$bench_dir/t.$$" "$@" >/dev/null 2>"$bench_dir/err.$$"
  status=$?
  end=$(date +%s%N)
  if [ "$status" -ne 0 ] && [ "$status" -ne 2 ]; then   # 2: alerts raised, still recorded
    note "failed (exit $status): $*"; cat "$bench_dir/err.$$" >&2; return 1
  fi
  echo "$(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.4f", (b - a) / 1e9}') $(tail -1 "$bench_dir/t.$$")" >> "$file"
}
best() { sort -n "$1" | head -1 | cut -d' ' -f1; }
median() { sort -n "$1" | awk '{w[NR] = $1} END {print (NR % 2) ? w[(NR + 1) / 2] : (w[NR / 2] + w[NR / 2 + 1]) / 2}'; }
peak_mb() { sort -k2 -n "$1" | tail -1 | awk '{printf "%.0f", $2 / 1024}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a / b}'; }
verdict() { awk -v r="$1" -v t="$2" 'BEGIN{print (r + 0 <= t + 0) ? "met" : "NOT met"}'; }

results=()
# compare LABEL TARGET XML SETUP CMD...: xmllint and CMD take turns, one warm-up each, then $runs
# timed runs; SETUP (a shell function or `true`) runs before each CMD, outside the clock.
compare() {
  local label="$1" target="$2" xml="$3" setup="$4"; shift 4
  local floor="$bench_dir/floor.$$" ours="$bench_dir/ours.$$" i
  rm -f "$floor" "$ours"
  xmllint --noout --sax "$xml" >/dev/null 2>&1
  "$setup"; "$@" >/dev/null 2>&1
  for ((i = 1; i <= runs; i++)); do
    timed "$floor" xmllint --noout --sax "$xml" || return 0
    "$setup"
    timed "$ours" "$@" || return 0
  done
  local rb rm
  rb=$(ratio "$(best "$ours")" "$(best "$floor")")
  rm=$(ratio "$(median "$ours")" "$(median "$floor")")
  results+=("$(printf '%-46s %6.3f %6.3f  %6.3f %6.3f  %5s %5s  %4s MB  target <= %sx: %s' "$label" \
    "$(best "$floor")" "$(median "$floor")" "$(best "$ours")" "$(median "$ours")" "$rb" "$rm" \
    "$(peak_mb "$ours")" "$target" "$(verdict "$rm" "$target")")")
  echo "   ${results[-1]}"
}

make_report files2000 --files 2000 --lines 300 || exit 0
make_report files20000 --files 20000 --lines 25 || exit 0

echo "== inspect (best and median of $runs)"
for name in files2000 files20000; do
  compare "inspect $name" 1.3 "$bench_dir/$name.xml" true \
    "$tidemark" inspect "$bench_dir/$name.xml" --source-root "$bench_dir/$name-src"
done
big="$bench_dir/cobertura-100mb-seed20240601.xml"
if [ "${BENCH_BIG:-1}" != 0 ]; then
  [ -f "$big" ] || python3 "$gen_big" --target-mb 100 --seed 20240601 -o "$big" >&2
  [ -f "$big" ] && compare "inspect 100 MB (peak target <= 100 MB)" 1.3 "$big" true "$tidemark" inspect "$big"
fi

# A history of 1 000 earlier runs of component python: 999 summary runs, then the report itself.
seed_history() {
  local name="$1" seeded="$history_dir/$name-1000.sqlite" series="$bench_dir/runs999-summary.jsonl"
  if [ ! -f "$series" ]; then
    python3 - "$series" <<'PY'
import datetime, hashlib, json, sys
with open(sys.argv[1], "w") as out:
    for i in range(999):
        valid, covered = 470000, 300000 + 50 * i
        comp = {"name": "python", "producer": "coverage.py", "status": "measured", "reason": None,
                "linesValid": valid, "linesCovered": covered, "branchesValid": 0, "branchesCovered": 0,
                "tests": None, "contentHash": hashlib.sha256(f"python{i}".encode()).hexdigest(), "files": []}
        t = datetime.datetime.fromtimestamp(1700000000 + i * 600, datetime.timezone.utc)
        out.write(json.dumps({"id": hashlib.sha256(f"floor-{i}".encode()).hexdigest()[:32],
                              "time": t.strftime("%Y-%m-%dT%H:%M:%SZ"), "commit": f"{i:040x}", "branch": "main",
                              "buildURL": None, "components": [comp]}, sort_keys=True, separators=(",", ":")) + "\n")
PY
  fi
  rm -f "$seeded" "$seeded"-*
  "$tidemark" history import --history "$seeded" "$series" >/dev/null || { note "history import failed"; return 1; }
  "$tidemark" record --history "$seeded" --commit earlier --branch main --input python="$bench_dir/$name.xml" \
    --source-root "$bench_dir/$name-src" >/dev/null 2>&1
  [ $? -le 2 ] || { note "seeding record failed"; return 1; }
}
target_history="$history_dir/target.sqlite"
fresh_history() { rm -f "$target_history" "$target_history"-*; }
seeded_name=""
copy_seeded() { fresh_history; cp "$history_dir/$seeded_name-1000.sqlite" "$target_history"; }

echo "== record (best and median of $runs; histories in $history_dir)"
for name in files2000 files20000; do
  record=("$tidemark" record --history "$target_history" --commit new --branch main
          --input python="$bench_dir/$name.xml" --source-root "$bench_dir/$name-src")
  compare "record $name, fresh history" 2 "$bench_dir/$name.xml" fresh_history "${record[@]}"
  if seed_history "$name"; then
    seeded_name="$name"
    compare "record $name, 1 000 earlier runs" 2 "$bench_dir/$name.xml" copy_seeded "${record[@]}"
  fi
done
rm -f "$bench_dir/floor.$$" "$bench_dir/ours.$$" "$bench_dir/t.$$" "$bench_dir/err.$$"

echo
echo "== load after: $(uptime)"
echo "== stolen by the host while measuring: $(steal_share) % of CPU time"
printf '%-46s %13s  %13s  %11s  %7s\n' "" "xmllint s" "tidemark s" "ratio" "peak"
printf '%-46s %6s %6s  %6s %6s  %5s %5s\n' "work" "best" "median" "best" "median" "best" "median"
printf '%s\n' "${results[@]}"
echo "(wall times of whole processes, $runs runs each taking turns with xmllint; ratio of bests and of medians; verdicts on the median)"
