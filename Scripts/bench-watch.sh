#!/usr/bin/env bash
# Benchmark `tidemark watch` and incremental rendering (release build, Swift runtime linked statically as released):
#   * idle CPU: `tidemark watch --every 2s` on a small real input (a copy of
#     Tests/Examples/python/reports/coverage.xml), measured from /proc/PID/stat (utime+stime) over
#     BENCH_IDLE_SECONDS (default 60) after its first record; target < 1 %. Then SIGTERM: it must exit 0.
#   * incremental render: a 20 000-file report (../shared/tools/gen_big.py --files 20000 --lines 25)
#     recorded as runs c0 (dated 2020) and c1 and rendered in full into a fresh folder; then one `<line hits="0">` of one
#     file becomes `hits="1"` (report timestamp +60 s, as a new report would have), recorded as c2 and
#     rendered into the SAME folder (incremental) — against a full render of the same state into a
#     fresh folder. Target: incremental <= 0.2 x full. Also counts the files of the site whose inode
#     changed (pages written again rather than hard-linked from the published site).
# BENCH_RUNS attempts (default 5): best and median of each, and the ratios of bests and of medians.
# Prints `uptime` before and after (the machine is shared), and the share of CPU time the host took
# (steal). A measurement, not a test: always exits 0.
# Usage (from anywhere): bash Scripts/bench-watch.sh
# Environment: GEN_BIG (default ../shared/tools/gen_big.py), BENCH_DIR (default ${TMPDIR:-/tmp}/tidemark-bench;
#   the 20 000-file report and sources are shared with Scripts/bench-render.sh and reused when present),
#   BENCH_IDLE_SECONDS (default 60), BENCH_EARLIER_RUNS (runs recorded before c1, default 1).
set -uo pipefail
export LC_ALL=C   # sort and join must agree on the order
cd "$(dirname "${BASH_SOURCE[0]}")/.."
gen_big="${GEN_BIG:-../shared/tools/gen_big.py}"
bench_dir="${BENCH_DIR:-${TMPDIR:-/tmp}/tidemark-bench}"
idle_seconds="${BENCH_IDLE_SECONDS:-60}"
runs="${BENCH_RUNS:-5}"
earlier_runs="${BENCH_EARLIER_RUNS:-1}"
watch_pid=""
cleanup() {
  if [ -n "$watch_pid" ] && kill -0 "$watch_pid" 2>/dev/null; then kill -KILL "$watch_pid" 2>/dev/null; fi
  exit 0   # a measurement: never fail the caller
}
trap cleanup EXIT

note() { echo "bench-watch: $*" >&2; }
verdict() { awk "BEGIN{print ($1) ? \"PASS\" : \"FAIL\"}"; }
command -v /usr/bin/time >/dev/null || { note "/usr/bin/time missing (apt-get install -y time)"; exit 0; }
mkdir -p "$bench_dir"
bench_dir="$(cd "$bench_dir" && pwd)"
# wait_after_deletions and delete_outputs (ext4 recently_deleted()).
source Scripts/bench-reports.sh
steal_start

# The binary users get: the Swift runtime linked statically, as Scripts/release.sh and
# Scripts/bench-floor.sh build it (loading the shared runtime cost each render about 10 ms).
echo "== building release, Swift runtime linked statically (.build-bench-static)"
built=0
for attempt in 1 2 3; do
  if swift build -c release --static-swift-stdlib --scratch-path .build-bench-static --product tidemark >&2; then
    built=1
    break
  fi
  note "release build failed (attempt $attempt); retrying in 5 s"
  sleep 5
done
[ "$built" -eq 1 ] || { note "release build failed; nothing measured"; exit 0; }
tidemark="$PWD/.build-bench-static/release/tidemark"
echo "== machine: $(nproc) cores; $(swift --version 2>&1 | head -1)"
echo "== load before: $(uptime)"

# ---------------------------------------------------------------------------------------------
# 1. Idle CPU of `tidemark watch`
# ---------------------------------------------------------------------------------------------
idle_result="not measured"
term_result="not measured"
cpu_of() {   # utime+stime of a process, in clock ticks (all threads); fields 14 and 15 of /proc/PID/stat
  local stat rest
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  rest=${stat##*) }            # drop "PID (comm) ": the command name may contain spaces
  # shellcheck disable=SC2086
  set -- $rest                 # $1 is field 3 (state), so field 14 is $12 and field 15 is $13
  echo $(( ${12} + ${13} ))
}
idle_dir="$bench_dir/watch-idle"
rm -rf "$idle_dir"
mkdir -p "$idle_dir"
cp Tests/Examples/python/reports/coverage.xml "$idle_dir/coverage.xml"
echo "== idle: tidemark watch --every 2s on $(wc -c < "$idle_dir/coverage.xml") bytes of coverage.xml, ${idle_seconds} s"
"$tidemark" watch --every 2s --input python="$idle_dir/coverage.xml" --history "$idle_dir/history.sqlite" \
  --output "$idle_dir/site" --source-root "$PWD/Tests/Examples/python" --commit bench-watch-idle \
  > "$idle_dir/watch.log" 2>&1 &
watch_pid=$!
# Wait for the first record (the first tick only notes the file; the next one records), at most 30 s.
# Watched through the site, not the log: watch's stdout is block-buffered when it is not a terminal,
# so its log lines reach a file only in 4 KB blocks or at exit.
recorded=0
for _ in $(seq 1 60); do
  [ -f "$idle_dir/site/index.html" ] && { recorded=1; break; }
  kill -0 "$watch_pid" 2>/dev/null || break
  sleep 0.5
done
if [ "$recorded" -ne 1 ]; then
  note "watch did not record within 30 s; its log:"; cat "$idle_dir/watch.log" >&2
else
  sleep 2   # let the render that followed the record finish and the process settle
  ticks=$(getconf CLK_TCK)
  before=$(cpu_of "$watch_pid") || before=""
  start=$(date +%s.%N)
  sleep "$idle_seconds"
  after=$(cpu_of "$watch_pid") || after=""
  end=$(date +%s.%N)
  if [ -n "$before" ] && [ -n "$after" ]; then
    elapsed=$(awk "BEGIN{printf \"%.1f\", $end - $start}")
    cpu_s=$(awk "BEGIN{printf \"%.3f\", ($after - $before) / $ticks}")
    cpu_pct=$(awk "BEGIN{printf \"%.3f\", $cpu_s / $elapsed * 100}")
    rss_kb=$(awk '/^VmRSS/{print $2}' "/proc/$watch_pid/status" 2>/dev/null)
    idle_result="${cpu_pct} % (${cpu_s} s CPU over ${elapsed} s, $((after - before)) ticks at ${ticks}/s; RSS ${rss_kb:-?} KB)  (target < 1 %: $(verdict "$cpu_pct < 1"))"
  else
    note "watch exited during the measurement; its log:"; cat "$idle_dir/watch.log" >&2
  fi
fi
if kill -0 "$watch_pid" 2>/dev/null; then
  kill -TERM "$watch_pid"
  t0=$(date +%s.%N)
  # Give it 15 s to finish its tick and exit, then SIGKILL.
  for _ in $(seq 1 150); do
    [ "$(awk '{print $3}' "/proc/$watch_pid/stat" 2>/dev/null)" = Z ] && break
    kill -0 "$watch_pid" 2>/dev/null || break
    sleep 0.1
  done
  t1=$(date +%s.%N)
  kill -0 "$watch_pid" 2>/dev/null && [ "$(awk '{print $3}' "/proc/$watch_pid/stat" 2>/dev/null)" != Z ] \
    && { note "watch still running 15 s after SIGTERM; killing it"; kill -KILL "$watch_pid"; }
  wait "$watch_pid"; status=$?
  took=$(awk "BEGIN{printf \"%.1f\", $t1 - $t0}")
  if [ "$status" -eq 0 ]; then term_result="exit 0 within ${took} s: PASS"
  else term_result="exit $status after ${took} s: FAIL"; fi
  echo "   log: $(grep -c 'tick: unchanged' "$idle_dir/watch.log") 'unchanged' ticks, $(grep -c 'recorded and rendered' "$idle_dir/watch.log") recorded; last line: $(tail -1 "$idle_dir/watch.log")"
else
  wait "$watch_pid"; term_result="watch had already exited (status $?): FAIL"
fi
watch_pid=""

# ---------------------------------------------------------------------------------------------
# 2. Incremental render after a one-file change vs a full render (20 000 files)
# ---------------------------------------------------------------------------------------------
full1="" full2="" incr="" changed_inodes="" total_files=""
run_timed() {   # run_timed COMMAND... → sets $wall $user $sys; returns the command's status
  /usr/bin/time -f '%e %U %S' -o "$bench_dir/t" "$@" > "$bench_dir/watch-bench.log" 2>&1
  local status=$?
  read -r wall user sys < <(tail -1 "$bench_dir/t")
  return $status
}
ok() { [ "$1" -eq 0 ] || [ "$1" -eq 2 ]; }
min() { if [ -z "$1" ] || awk "BEGIN{exit !($2 < $1)}"; then echo "$2"; else echo "$1"; fi; }
median() { printf '%s\n' "$@" | sort -n | awk '{w[NR] = $1} END {print (NR % 2) ? w[(NR + 1) / 2] : (w[NR / 2] + w[NR / 2 + 1]) / 2}'; }
full2_all=() incr_all=()

report="$bench_dir/files20000.xml"
src="$bench_dir/files20000-src"
report2="$bench_dir/files20000-onechange.xml"
incremental_ok=1
if [ ! -f "$gen_big" ]; then
  note "gen_big.py not found at $gen_big (set GEN_BIG)"; incremental_ok=0
elif [ ! -f "$report" ] || [ ! -d "$src" ]; then
  echo "== generating the 20 000-file report and its sources"
  rm -rf "$src"
  # Same arguments as Scripts/bench-render.sh, so both share the files.
  python3 "$gen_big" --files 20000 --lines 25 --seed 7 --source "$src" --emit-sources "$src" -o "$report" >&2 \
    || { note "gen_big.py failed"; incremental_ok=0; }
fi
if [ "$incremental_ok" -eq 1 ]; then
  changed_file=$(python3 - "$report" "$report2" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
# Skip the first half of the report, so the change is not in the first package.
start = len(text) // 2
m = re.compile(r'<line [^>]*?hits="0"').search(text, start)
cls = text.rfind("<class ", 0, m.start())
name = re.match(r'<class [^>]*filename="([^"]+)"', text[cls:]).group(1)
head, tail = text[:start], text[start:]
tail = re.sub(r'(<line [^>]*?hits=")0"', r'\g<1>1"', tail, count=1)
text = head + tail
# A new report has a new timestamp (milliseconds): one minute later.
text = re.sub(r'timestamp="(\d+)"', lambda t: f'timestamp="{int(t.group(1)) + 60000}"', text, count=1)
open(sys.argv[2], "w", encoding="utf-8").write(text)
print(name)
PY
) || { note "could not write the changed report"; incremental_ok=0; }
fi
if [ "$incremental_ok" -eq 1 ]; then
  echo "== report: $(du -m "$report" | cut -f1) MB, 20 000 files, $(grep -c '<line ' "$report") lines; changed: $changed_file (one line 0 -> 1 hit)"
  h1="$bench_dir/watch-c1.sqlite"   # runs c0 and c1
  h2="$bench_dir/watch-c2.sqlite"   # runs c0, c1 and c2
  rm -f "$h1" "$h1"-* "$h2" "$h2"-*
  # A run c0 before c1 (the same report, dated 2020), so that the tick is not the history's second
  # run, the one that adds the "recent runs" lines. Every tick still redraws each folder page,
  # because its line gains a point. BENCH_EARLIER_RUNS=20 records 20 such runs (c0-1 … c0-20, an
  # hour apart): a project's usual state, where a render reads the files of the last 20 runs.
  for h in "$h1" "$h2"; do
    for e in $(seq 1 "$earlier_runs"); do
      commit=c0; [ "$earlier_runs" -gt 1 ] && commit="c0-$e"
      run_timed "$tidemark" record --history "$h" --input python="$report" --source-root "$src" --commit "$commit" \
        --branch main --time "$(date -u -d "2020-01-01 00:00:00 UTC + $((e - 1)) hours" +%Y-%m-%dT%H:%M:%SZ)"
      s=$?; ok $s || { note "record $commit failed (exit $s):"; cat "$bench_dir/watch-bench.log" >&2; incremental_ok=0; break 2; }
    done
    run_timed "$tidemark" record --history "$h" --input python="$report" --source-root "$src" --commit c1 --branch main
    s=$?; ok $s || { note "record c1 failed (exit $s):"; cat "$bench_dir/watch-bench.log" >&2; incremental_ok=0; break; }
  done
  echo "   record c1: ${wall:-?} s"
fi
if [ "$incremental_ok" -eq 1 ]; then
  run_timed "$tidemark" record --history "$h2" --input python="$report2" --source-root "$src" --commit c2 --branch main
  s=$?; ok $s || { note "record c2 failed (exit $s):"; cat "$bench_dir/watch-bench.log" >&2; incremental_ok=0; }
  echo "   record c2: ${wall:-?} s ($(tail -1 "$bench_dir/watch-bench.log"))"
fi
if [ "$incremental_ok" -eq 1 ]; then
  # Sites of an earlier run are moved aside and deleted only after every measurement, and the
  # measurements wait out six minutes after a bench's deletions: on ext4 without a journal (this
  # machine's disk), creating files within minutes of deleting others makes the kernel skip each
  # recently deleted inode (ext4 recently_deleted()), which slowed full renders (the ratio's
  # denominator) up to threefold (Scripts/bench-reports.sh).
  trash="$bench_dir/watch-trash-$$"
  mkdir -p "$trash"
  wait_after_deletions
  for old in "$bench_dir"/watch-site "$bench_dir"/watch-site-*; do [ -e "$old" ] && mv "$old" "$trash/"; done
  for ((attempt = 1; attempt <= runs; attempt++)); do
    # Each attempt writes new folders.
    out="$bench_dir/watch-site-$attempt"
    fresh="$bench_dir/watch-site-fresh-$attempt"
    sync; sleep 3
    # Full render of state c1 into a fresh folder: nothing to reuse.
    run_timed "$tidemark" render --history "$h1" --output "$out" --source-root "$src"
    s=$?; ok $s || { note "full render (c1) failed (exit $s):"; cat "$bench_dir/watch-bench.log" >&2; incremental_ok=0; break; }
    echo "   attempt $attempt: full render c1 (fresh folder): wall $wall s (user $user, sys $sys)"
    full1=$(min "$full1" "$wall")
    find "$out" -type f -printf '%i %P\n' | sort -k2 > "$bench_dir/inodes-before"
    # Incremental: state c2 into the SAME folder.
    run_timed "$tidemark" render --history "$h2" --output "$out" --source-root "$src"
    s=$?; ok $s || { note "incremental render (c2) failed (exit $s):"; cat "$bench_dir/watch-bench.log" >&2; incremental_ok=0; break; }
    echo "   attempt $attempt: incremental render c2 (same folder): wall $wall s (user $user, sys $sys)"
    incr=$(min "$incr" "$wall")
    incr_all+=("$wall")
    find "$out" -type f -printf '%i %P\n' | sort -k2 > "$bench_dir/inodes-after"
    # Full render of state c2 into a fresh folder, for comparison.
    sync; sleep 3
    run_timed "$tidemark" render --history "$h2" --output "$fresh" --source-root "$src"
    s=$?; ok $s || { note "full render (c2) failed (exit $s):"; cat "$bench_dir/watch-bench.log" >&2; incremental_ok=0; break; }
    echo "   attempt $attempt: full render c2 (fresh folder): wall $wall s (user $user, sys $sys)"
    full2=$(min "$full2" "$wall")
    full2_all+=("$wall")
  done
fi
if [ "$incremental_ok" -eq 1 ]; then
  # Files whose inode changed (written again), plus files that appeared or vanished.
  total_files=$(wc -l < "$bench_dir/inodes-after")
  join -1 2 -2 2 -a 1 -a 2 -e NONE -o 0,1.1,2.1 "$bench_dir/inodes-before" "$bench_dir/inodes-after" \
    | awk '$2 != $3 {print $1 ($2 == "NONE" ? " (new)" : $3 == "NONE" ? " (gone)" : "")}' > "$bench_dir/inodes-changed"
  changed_inodes=$(wc -l < "$bench_dir/inodes-changed")
  if cmp -s <(cd "$out" && find . -type f ! -name .tidemark-manifest -exec md5sum {} + | sort -k2) \
            <(cd "$fresh" && find . -type f ! -name .tidemark-manifest -exec md5sum {} + | sort -k2); then
    same="identical"
  else
    same="DIFFERENT"
  fi
  # Keep the last attempt's folders for a look; the others go now that timing is over.
  for ((attempt = 1; attempt < runs; attempt++)); do
    mv "$bench_dir/watch-site-$attempt" "$bench_dir/watch-site-fresh-$attempt" "$trash/" 2>/dev/null
  done
fi
[ -n "$(ls -d "$bench_dir"/watch-trash-* 2>/dev/null)" ] && delete_outputs "$bench_dir"/watch-trash-*

echo
echo "tidemark watch, idle (--every 2s, small input, after its first record):"
echo "  CPU: $idle_result"
echo "  SIGTERM: $term_result"
if [ "$incremental_ok" -eq 1 ]; then
  ratio=$(awk "BEGIN{printf \"%.3f\", $incr / $full2}")
  incr_median=$(median "${incr_all[@]}")
  full2_median=$(median "${full2_all[@]}")
  ratio_median=$(awk "BEGIN{printf \"%.3f\", $incr_median / $full2_median}")
  echo "== load after: $(uptime); $(steal_share) % of CPU time taken by the host"
  echo "incremental render, 20 000 files, one file changed, $((earlier_runs + 2)) runs in the history (release, best and median of $runs):"
  echo "  full render c1 (fresh folder):     best ${full1} s"
  echo "  full render c2 (fresh folder):     best ${full2} s, median ${full2_median} s"
  echo "  incremental render c2 (same folder): best ${incr} s, median ${incr_median} s"
  echo "  ratio incremental / full (c2): best ${ratio}, median ${ratio_median}  (target <= 0.2: $(verdict "$ratio_median <= 0.2"))"
  echo "  files written again (inode changed, new or gone): ${changed_inodes} of ${total_files}:"
  head -40 "$bench_dir/inodes-changed" | sed 's/^/    /'
  [ "$changed_inodes" -gt 40 ] && echo "    … ($((changed_inodes - 40)) more; list in $bench_dir/inodes-changed)"
  echo "  incremental site vs full render of the same state: $same (excluding the manifest)"
else
  echo "incremental render: not measured (see above)"
fi
exit 0
