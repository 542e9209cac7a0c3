#!/usr/bin/env bash
# Benchmark `tidemark inspect` (release build) against `xmllint --noout --sax`
# on the same ~100 MB Cobertura file, in one run.
#
# Usage (from the repo root):  bash Scripts/bench-inspect.sh
#
# Environment overrides:
#   GEN_BIG      path to gen_big.py      (default: ../shared/tools/gen_big.py next to the repo)
#   BENCH_DIR    cache folder for the generated file (default: ${TMPDIR:-/tmp}/tidemark-bench)
#   BENCH_MB     size of the generated file in MB   (default: 100)
#   BENCH_SEED   gen_big.py seed                    (default: 20240601)
#   BENCH_RUNS   timed runs per command, best wall time wins (default: 3)
#   BENCH_REPEATED  0 skips the second file: a .gz of 40 M <line> elements repeating 1 000
#                   distinct lines (memory must follow the distinct lines; default: 1)
#
# This is a measurement, not a test: it exits 0 even when a target is missed.
# Targets: ratio of wall times (tidemark / xmllint) <= 1.5, tidemark peak memory <= 200 MB, on
# both files.
set -euo pipefail

die() { echo "bench-inspect: $*" >&2; exit 1; }

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

gen_big="${GEN_BIG:-$repo_root/../shared/tools/gen_big.py}"
bench_dir="${BENCH_DIR:-${TMPDIR:-/tmp}/tidemark-bench}"
bench_mb="${BENCH_MB:-100}"
bench_seed="${BENCH_SEED:-20240601}"
runs="${BENCH_RUNS:-3}"
target_ratio="1.5"
target_peak_mb="200"

# --- prerequisites -----------------------------------------------------------
[[ -f "$gen_big" ]] || die "generator not found at $gen_big (set GEN_BIG=/path/to/gen_big.py)"
command -v python3 >/dev/null || die "python3 is needed to run $gen_big"
command -v swift >/dev/null || die "swift is not on PATH"

if ! command -v /usr/bin/time >/dev/null; then
    if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
        echo "bench-inspect: /usr/bin/time missing; installing package 'time'" >&2
        apt-get install -y time >/dev/null || die "apt-get install -y time failed"
    else
        die "/usr/bin/time (GNU time) is missing; install it with: sudo apt-get install -y time"
    fi
fi
command -v xmllint >/dev/null \
    || die "xmllint is missing; install it with: sudo apt-get install -y libxml2-utils"

# --- release build (own scratch path, never fights the debug .build) ---------
echo "== building release tidemark (scratch path .build-release)"
swift build -c release --scratch-path .build-release --product tidemark >&2 \
    || die "release build failed"
bin_dir="$(swift build -c release --scratch-path .build-release --show-bin-path)"
tidemark="$bin_dir/tidemark"
[[ -x "$tidemark" ]] || die "release binary not found at $tidemark"

# --- input file, generated once and cached -----------------------------------
mkdir -p "$bench_dir"
xml="$bench_dir/cobertura-${bench_mb}mb-seed${bench_seed}.xml"
info="$xml.info"
if [[ -s "$xml" && -s "$info" ]]; then
    echo "== reusing $xml"
else
    echo "== generating $xml (gen_big.py --target-mb $bench_mb --seed $bench_seed)"
    tmp_xml="$xml.tmp.$$"
    trap 'rm -f "$tmp_xml"' EXIT
    python3 "$gen_big" --target-mb "$bench_mb" --seed "$bench_seed" -o "$tmp_xml" 2>"$info.gen" \
        || { cat "$info.gen" >&2; die "gen_big.py failed"; }
    mv "$tmp_xml" "$xml"
    trap - EXIT
    line_count="$(grep -c '<line ' "$xml" || true)"
    { echo "lines=$line_count"; echo "gen=$(sed "s|$tmp_xml|$xml|" "$info.gen")"; } >"$info"
    rm -f "$info.gen"
fi
line_count="$(sed -n 's/^lines=//p' "$info")"
size_bytes="$(stat -c %s "$xml")"

# --- measurement -------------------------------------------------------------
# measure NAME CMD...: one warm-up run, then $runs timed runs with /usr/bin/time.
# Sets best_wall (seconds, minimum over runs) and peak_kb (maximum RSS over runs).
measure() {
    local name="$1"; shift
    local tfile="$bench_dir/time.$$" efile="$bench_dir/stderr.$$" i wall rss
    "$@" >/dev/null 2>"$efile" || { cat "$efile" >&2; die "$name failed on $xml"; }
    best_wall=""; peak_kb=0
    for ((i = 1; i <= runs; i++)); do
        /usr/bin/time -f '%e %M' -o "$tfile" "$@" >/dev/null 2>"$efile" \
            || { cat "$efile" >&2; die "$name failed on $xml"; }
        read -r wall rss < <(tail -n 1 "$tfile")
        if [[ -z "$best_wall" ]] || awk -v a="$wall" -v b="$best_wall" 'BEGIN { exit !(a < b) }'; then
            best_wall="$wall"
        fi
        if (( rss > peak_kb )); then peak_kb="$rss"; fi
        printf '   %-10s run %d: %6.2f s  %8.1f MB\n' "$name" "$i" "$wall" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')"
    done
    rm -f "$tfile" "$efile"
}

echo "== measuring (1 warm-up + best of $runs)"
measure tidemark "$tidemark" inspect "$xml"
tm_wall="$best_wall"; tm_kb="$peak_kb"
measure xmllint xmllint --noout --sax "$xml"
xl_wall="$best_wall"; xl_kb="$peak_kb"

# --- report ------------------------------------------------------------------
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
ratio="$(awk -v a="$tm_wall" -v b="$xl_wall" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "inf" }')"
tm_mb="$(mb "$tm_kb")"
ratio_verdict="$(awk -v r="$ratio" -v t="$target_ratio" 'BEGIN { print (r != "inf" && r + 0 <= t + 0) ? "PASS" : "FAIL" }')"
peak_verdict="$(awk -v m="$tm_mb" -v t="$target_peak_mb" 'BEGIN { print (m + 0 <= t + 0) ? "PASS" : "FAIL" }')"

echo
echo "machine:  nproc=$(nproc)"
echo "swift:    $(swift --version 2>&1 | head -n 1)"
echo "libxml2:  $(xmllint --version 2>&1 | head -n 1)"
echo "file:     $xml"
echo "          $(awk -v b="$size_bytes" 'BEGIN { printf "%.1f MB (%d bytes)", b / 1048576, b }'), $line_count <line> elements"
echo
printf '%-32s %8s %10s\n' "command" "wall s" "peak MB"
printf '%-32s %8.2f %10s\n' "tidemark inspect (release)" "$tm_wall" "$tm_mb"
printf '%-32s %8.2f %10s\n' "xmllint --noout --sax" "$xl_wall" "$(mb "$xl_kb")"
echo
echo "ratio (tidemark/xmllint) = $ratio (target ≤ $target_ratio)  $ratio_verdict"
echo "peak memory = $(printf '%.0f' "$tm_mb") MB (target ≤ $target_peak_mb MB)  $peak_verdict"

# --- repeated lines: 40 M <line> elements, 1 000 distinct, gzipped -----------
[[ "${BENCH_REPEATED:-1}" == 0 ]] && exit 0
repeated="$bench_dir/repeated-40m-lines.xml.gz"
if [[ ! -s "$repeated" ]]; then
    echo "== generating $repeated"
    python3 - "$repeated.tmp.$$" <<'PY'
import gzip, sys
with gzip.open(sys.argv[1], "wb", compresslevel=9) as out:
    out.write(b'<?xml version="1.0"?>\n<coverage><packages><package name="p"><classes>'
              b'<class name="c" filename="src/a.c"><lines>\n')
    # One cycle of 1 000 lines is ~30 KB, inside deflate's 32 KB window: the file compresses ~500:1.
    chunk = b"".join(b'<line number="%d" hits="%d"/>\n' % (n + 1, n % 3) for n in range(1000))
    for _ in range(40000):
        out.write(chunk)
    out.write(b"</lines></class></classes></package></packages></coverage>\n")
PY
    mv "$repeated.tmp.$$" "$repeated"
fi
xml="$repeated"
runs=1
echo "== measuring $repeated ($(awk -v b="$(stat -c %s "$repeated")" 'BEGIN { printf "%.1f MB", b / 1048576 }'))"
measure tidemark "$tidemark" inspect "$repeated"
rp_mb="$(mb "$peak_kb")"
rp_verdict="$(awk -v m="$rp_mb" -v t="$target_peak_mb" 'BEGIN { print (m + 0 <= t + 0) ? "PASS" : "FAIL" }')"
echo "repeated lines: $best_wall s, peak memory = $(printf '%.0f' "$rp_mb") MB (target ≤ $target_peak_mb MB)  $rp_verdict"
exit 0
