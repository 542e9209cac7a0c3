#!/usr/bin/env bash
# Benchmark a full site render (release build) against pycobertura's HTML report on the same data:
#   * a 20 000-file coverage.py-style report (../shared/tools/gen_big.py --files 20000 --lines 25,
#     with a matching fake source tree), recorded as the newest run of a 10 000-run history
#     (imported from generated JSON Lines: component "python", files named as in the big report);
#   * `tidemark render --history H --output OUT --source-root SRC` — wall and CPU time, pages written,
#     size of index.html (target <= 200 KB), the largest page;
#   * `pycobertura show --format html --source SRC REPORT -o OUT.html` — wall time, and the ratio
#     pycobertura / tidemark (target: tidemark >= 20x faster).
# Both tools write into the same folder, once in memory (tmpfs) and once on the disk of BENCH_DIR,
# each with its own ratio (why both: see "Measurements" below).
# Best of 5 tidemark renders and 3 pycobertura runs (one when the first takes over 60 s); a pycobertura run over
# 10 minutes is stopped and reported as a lower bound.
# A measurement, not a test: always exits 0.
# Usage (from anywhere): bash Scripts/bench-render.sh
# Environment: GEN_BIG (default ../shared/tools/gen_big.py), BENCH_DIR (default ${TMPDIR:-/tmp}/tidemark-bench),
#   BENCH_OUT_TMPFS (default /dev/shm/tidemark-bench-out when /dev/shm is writable; empty: disk only)
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
gen_big="${GEN_BIG:-../shared/tools/gen_big.py}"
bench_dir="${BENCH_DIR:-${TMPDIR:-/tmp}/tidemark-bench}"
pyco_limit=600
trap 'exit 0' EXIT   # a measurement: never fail the caller

note() { echo "bench-render: $*" >&2; }
[ -f "$gen_big" ] || { note "gen_big.py not found at $gen_big (set GEN_BIG)"; exit 0; }
command -v /usr/bin/time >/dev/null || { note "/usr/bin/time missing (apt-get install -y time)"; exit 0; }
mkdir -p "$bench_dir"
bench_dir="$(cd "$bench_dir" && pwd)"

echo "== building release (.build-release)"
built=0
for attempt in 1 2 3; do
  if swift build -c release --scratch-path .build-release --product tidemark >&2; then built=1; break; fi
  note "release build failed (attempt $attempt); retrying in 5 s"
  sleep 5
done
[ "$built" -eq 1 ] || { note "release build failed; nothing measured"; exit 0; }
tidemark="$PWD/.build-release/release/tidemark"

# --- Inputs ---
report="$bench_dir/files20000.xml"
src="$bench_dir/src20000"
if [ ! -f "$report" ] || [ ! -d "$src" ]; then
  echo "== generating the 20 000-file report and its sources"
  rm -rf "$src"
  # --source = the source tree, so report paths resolve to files that exist (src/bigproj/…).
  python3 "$gen_big" --files 20000 --lines 25 --seed 7 --source "$src" --emit-sources "$src" -o "$report" >&2 \
    || { note "gen_big.py failed"; exit 0; }
fi
series="$bench_dir/runs10000-python-v2.jsonl"
if [ ! -f "$series" ]; then
  echo "== generating the 10 000-run history (JSON Lines)"
  # As in Scripts/bench-history.sh, but one component "python" whose 20 files are the first 20
  # files of the big report, so the history's series and the newest run name the same files.
  python3 - "$report" "$series" <<'PY'
import datetime, hashlib, json, re, sys
paths = []
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        m = re.search(r'<class [^>]*filename="([^"]+)"', line)
        if m and m.group(1) not in paths:
            paths.append(m.group(1))
            if len(paths) == 20:
                break
with open(sys.argv[2], "w") as out:
    for i in range(10000):
        valid = 4000
        # Rising from 50 % to 75 %, below the big report's 79.5 %, so the newest run's change is
        # positive: a drop of a fractional number of points crashed `render` in JSONText.rate
        # (String(repeating:count:) with a negative count) when this script was written.
        covered = int(valid * (0.5 + 0.25 * i / 10000))
        comp = {"name": "python", "producer": "coverage.py", "status": "measured", "reason": None,
                "linesValid": valid, "linesCovered": covered, "branchesValid": 800, "branchesCovered": 480,
                "tests": {"tests": 300, "passed": 299, "failures": 1, "errors": 0, "skipped": 0,
                          "collectionErrors": 0},
                "contentHash": hashlib.sha256(f"python{i}".encode()).hexdigest(),
                "files": [{"path": p, "linesValid": valid // 20, "linesCovered": covered // 20,
                           "branchesValid": 0, "branchesCovered": 0} for p in paths]}
        t = 1700000000 + i * 600
        run = {"id": hashlib.sha256(f"python-{i}".encode()).hexdigest()[:32],
               "time": datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
               "commit": f"{i:040x}", "branch": "main", "buildURL": None, "components": [comp]}
        out.write(json.dumps(run, sort_keys=True, separators=(",", ":")) + "\n")
PY
fi

history="$bench_dir/render.sqlite"
rm -f "$history" "$history"-*
echo "== history: importing 10 000 runs, then recording the big report as the newest run"
/usr/bin/time -f '%e' -o "$bench_dir/t" "$tidemark" history import --history "$history" "$series" >/dev/null \
  || { note "history import failed"; exit 0; }
echo "   import: $(cat "$bench_dir/t") s"
/usr/bin/time -f '%e' -o "$bench_dir/t" "$tidemark" record --history "$history" --commit bench-render-big \
  --branch main --input python="$report" --source-root "$src" > "$bench_dir/record.log" 2>&1
status=$?
echo "   record: $(cat "$bench_dir/t") s (exit $status): $(tail -1 "$bench_dir/record.log")"
[ "$status" -eq 0 ] || [ "$status" -eq 2 ] || { note "record failed:"; cat "$bench_dir/record.log" >&2; exit 0; }

# --- Measurements ---
echo "== machine: $(nproc) cores; $(swift --version 2>&1 | head -1)"
echo "== report: $(du -m "$report" | cut -f1) MB, 20 000 files, $(grep -c '<line ' "$report") lines"
if ! command -v pycobertura >/dev/null 2>&1; then
  echo "== installing pycobertura (pip)"
  python3 -m pip install --quiet pycobertura >&2 || note "pip install pycobertura failed"
fi
command -v pycobertura >/dev/null 2>&1 && echo "== pycobertura $(python3 -m pip show pycobertura 2>/dev/null | awk '/^Version/{print $2}')"

# Both tools write into the same folder, measured twice: in memory (tmpfs, when /dev/shm is there)
# and on the disk that holds BENCH_DIR. This machine's disk is ext4 without a journal: creating files
# within minutes of deleting others (a test run, an earlier benchmark) makes the kernel skip each
# recently deleted inode (ext4 recently_deleted()), which made the same render take 1.0 to 2.5 s.
# tmpfs has no such memory, so its figures compare the tools; the disk's show this machine's disk.
#
# measure DIR LABEL SETTLE: 5 full renders and 3 pycobertura runs writing into DIR; sets best_render,
# best_cpu, pyco_best, pyco_bound and keeps the last site in DIR/site. SETTLE=1 lets the disk write
# back the previous attempt first (sync, 3 s); tmpfs has nothing to write back.
measure() {
  local dir="$1" label="$2" settle="$3" attempt out status wall user sys cpu
  best_render="" best_cpu="" pyco_best="" pyco_bound=0
  mkdir -p "$dir"
  # Sites of an earlier run are moved aside and deleted only after every measurement (see above).
  local trash="$dir/trash-$$"
  mkdir -p "$trash"
  for old in "$dir/site" "$dir"/site-attempt-*; do [ -e "$old" ] && mv "$old" "$trash/"; done
  echo "== $label: tidemark render into $dir"
  for attempt in 1 2 3 4 5; do
    # A full render each time, into a folder that does not exist yet (an existing site would let
    # the incremental render reuse every page).
    out="$dir/site-attempt-$attempt"
    [ "$settle" -eq 1 ] && { sync; sleep 3; }
    /usr/bin/time -f '%e %U %S' -o "$bench_dir/t" "$tidemark" render --history "$history" --output "$out" \
      --source-root "$src" > "$bench_dir/render.log" 2>&1
    status=$?
    read -r wall user sys < "$bench_dir/t"
    [ "$status" -eq 0 ] || [ "$status" -eq 2 ] || { note "render failed (exit $status):"; cat "$bench_dir/render.log" >&2; return 1; }
    cpu=$(awk "BEGIN{printf \"%.2f\", $user + $sys}")
    echo "   render attempt $attempt: wall ${wall} s, CPU ${cpu} s (user $user, sys $sys)"
    if [ -z "$best_render" ] || awk "BEGIN{exit !($wall < $best_render)}"; then best_render=$wall; best_cpu=$cpu; fi
    # A render over a minute is slow enough that another sample adds nothing but waiting.
    if awk "BEGIN{exit !($wall > 60)}"; then echo "   (over 60 s: one attempt only)"; break; fi
  done
  mv "$out" "$dir/site"
  for old in "$dir"/site-attempt-*; do [ -e "$old" ] && mv "$old" "$trash/"; done
  command -v pycobertura >/dev/null 2>&1 || return 0
  echo "== $label: pycobertura show --format html into $dir"
  for attempt in 1 2 3; do
    rm -f "$dir/pycobertura.html"
    /usr/bin/time -f '%e %U %S' -o "$bench_dir/t" timeout "$pyco_limit" \
      pycobertura show --format html --source "$src" "$report" -o "$dir/pycobertura.html" \
      > "$bench_dir/pycobertura.log" 2>&1
    status=$?
    wall=$(tail -1 "$bench_dir/t" | cut -d' ' -f1)
    if [ "$status" -eq 124 ]; then
      echo "   pycobertura attempt $attempt: stopped after ${pyco_limit} s (lower bound)"
      pyco_best=$pyco_limit; pyco_bound=1
      break
    elif [ "$status" -ne 0 ]; then
      note "pycobertura failed (exit $status):"; tail -5 "$bench_dir/pycobertura.log" >&2
      pyco_best=""
      break
    fi
    echo "   pycobertura attempt $attempt: wall ${wall} s, output $(du -m "$dir/pycobertura.html" | cut -f1) MB"
    if [ -z "$pyco_best" ] || awk "BEGIN{exit !($wall < $pyco_best)}"; then pyco_best=$wall; fi
    awk "BEGIN{exit !($wall > 60)}" && { echo "   (over 60 s: one attempt only)"; break; }
  done
  rm -rf "$trash"
  return 0
}

verdict() { awk "BEGIN{print ($1) ? \"PASS\" : \"FAIL\"}"; }
# ratio LABEL: the comparison line for the last `measure`.
ratio_line() {
  [ -n "$pyco_best" ] || { echo "  $1: pycobertura not measured (see above)"; return; }
  local ratio relation bound=""
  ratio=$(awk "BEGIN{printf \"%.3f\", $pyco_best / $best_render}")
  # Below 1 the ratio reads better turned round.
  relation=$(awk "BEGIN{r = $pyco_best / $best_render; if (r >= 1) printf \"tidemark %.1fx faster\", r; else printf \"tidemark %.1fx SLOWER\", 1 / r}")
  [ "$pyco_bound" -eq 1 ] && bound=" (pycobertura stopped: lower bound)"
  echo "  $1: tidemark ${best_render} s (CPU ${best_cpu} s), pycobertura ${pyco_best} s$bound"
  echo "    ratio pycobertura / tidemark: ${ratio}x, $relation  (target: tidemark >= 20x faster: $(verdict "$ratio >= 20"))"
}

memory_dir=""
if [ -z "${BENCH_OUT_TMPFS+x}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then memory_dir="/dev/shm/tidemark-bench-out"; fi
[ -n "${BENCH_OUT_TMPFS:-}" ] && memory_dir="$BENCH_OUT_TMPFS"
memory_summary="" disk_summary=""
if [ -n "$memory_dir" ]; then
  measure "$memory_dir" "in memory (tmpfs)" 0 && memory_summary=$(ratio_line "in memory (tmpfs $memory_dir)")
fi
measure "$bench_dir" "on disk" 1 || exit 0
disk_fs=$(df -T "$bench_dir" | awk 'NR==2{print $2}')
disk_summary=$(ratio_line "on disk ($disk_fs at $bench_dir)")
site="$bench_dir/site"
pages=$(find "$site" -type f -name '*.html' | wc -l)
files_total=$(find "$site" -type f | wc -l)
site_mb=$(du -sm "$site" | cut -f1)
index_bytes=$(wc -c < "$site/index.html")
index_kb=$(awk "BEGIN{printf \"%.1f\", $index_bytes / 1024}")
read -r largest_bytes largest < <(find "$site" -type f -name '*.html' -printf '%s %p\n' | sort -n | tail -1)
largest_kb=$(awk "BEGIN{printf \"%.1f\", $largest_bytes / 1024}")
[ -n "$memory_dir" ] && rm -rf "$memory_dir"

echo
echo "tidemark render (10 000-run history, newest run 20 000 files, release, $(nproc) cores, best of 5 full renders):"
echo "  pages: $pages HTML ($files_total files, $site_mb MB)"
echo "  index.html: ${index_kb} KB  (target <= 200 KB: $(verdict "$index_bytes <= 200 * 1024"))"
echo "  largest page: ${largest#"$site"/} (${largest_kb} KB)"
echo "against pycobertura show --format html --source on the same input (best of 3), both writing into the same folder:"
[ -n "$memory_summary" ] && echo "$memory_summary"
echo "$disk_summary"
if [ "$disk_fs" = "ext4" ]; then
  echo "  (ext4: if the disk figure is far above the memory one, files were deleted on this disk in the"
  echo "   minutes before — a test run, an earlier run of this script — and creating new ones is slow"
  echo "   for a while on ext4 without a journal; run again a few minutes later)"
fi
exit 0
