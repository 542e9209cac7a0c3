#!/usr/bin/env bash
# Fuzz Tidemark's readers with libFuzzer: the Cobertura reader, the JUnit reader, the history's
# per-line archive decoder and the source files' lexer (the Fuzz/ package; docs/fuzzing.md).
#
# Usage (from anywhere):  bash Scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#   SECONDS_PER_TARGET  default 60; TARGETs default to FuzzCobertura FuzzJUnit FuzzArchive FuzzHighlight
#
# Environment:
#   TIDEMARK_FUZZ_CACHE  where corpora grow between runs and crashes are kept
#   TIDEMARK_FUZZ_SCRATCH  the harness's build folder (default Fuzz/.build)
#                        (default: ${XDG_CACHE_HOME:-$HOME/.cache}/tidemark-fuzz, outside the clone)
#
# Exits 1 when a target crashes, naming the input that did it; every such input becomes a fixture
# with a test (docs/fuzzing.md).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(FuzzCobertura FuzzJUnit FuzzArchive FuzzHighlight)
cache="${TIDEMARK_FUZZ_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tidemark-fuzz}"
mkdir -p "$cache"

echo "fuzz: building the harness (release, libFuzzer + AddressSanitizer)"
# `--sanitize=fuzzer` makes SwiftPM link libFuzzer's main; the sanitizers go to the compiler as one
# flag, because with `--sanitize=fuzzer --sanitize=address` SwiftPM passes two -sanitize= options in
# no fixed order and the compiler keeps only the last (so half the builds had no coverage).
scratch="${TIDEMARK_FUZZ_SCRATCH:-Fuzz/.build}"  # .ci/run keeps it outside the clone
build=(swift build -c release --package-path Fuzz --scratch-path "$scratch" --sanitize=fuzzer
    -Xswiftc -sanitize=fuzzer,address)
# The log is shown only on failure: the build also prints errors for the main package's
# TemplateEmbedder, which it compiles as a library there and which nothing here needs (Fuzz/Package.swift).
"${build[@]}" >"$cache/build.log" 2>&1 || { tail -n 60 "$cache/build.log" >&2; exit 1; }
bin="$("${build[@]}" --show-bin-path)"
if command -v readelf >/dev/null; then
    for target in "${targets[@]}"; do
        # (the section list is read whole first: grep -q would close the pipe early under pipefail)
        sections="$(readelf -S "$bin/$target")"
        [[ "$sections" == *__sancov_cntrs* ]] \
            || { echo "fuzz: $bin/$target has no coverage instrumentation; delete $scratch and retry" >&2; exit 1; }
    done
fi

# --- seeds: the fixtures (and the shared corpus's small files), and archives of them ---------
seeds="$(mktemp -d)"
# the harness writes each input to a file of its own; a crash or timeout leaves that file behind, so
# it lives in a folder this script removes
inputs="$(mktemp -d -p "$([ -d /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}")" tidemark-fuzz.XXXXXX)"
trap 'rm -rf "$seeds" "$inputs"' EXIT
export TIDEMARK_FUZZ_INPUTS="$inputs"
# A broken invariant is a Swift trap: without the runtime's backtracer (which AddressSanitizer
# takes for a wild read) the log ends with the trap's message and libFuzzer's own stack.
export SWIFT_BACKTRACE=enable=no
mkdir -p "$seeds/FuzzCobertura" "$seeds/FuzzJUnit" "$seeds/FuzzArchive" "$seeds/FuzzHighlight"
for file in Tests/IngestTests/Fixtures/*.xml Tests/IngestTests/Fixtures/*.xml.gz; do
    case "$(basename "$file")" in
        junit-*) cp "$file" "$seeds/FuzzJUnit/" ;;
        *) cp "$file" "$seeds/FuzzCobertura/" ;;
    esac
done
if [ -d ../shared/corpus ]; then
    while IFS= read -r file; do
        name="$(echo "$file" | tr '/' '_')"
        if grep -q "<testsuite" "$file" 2>/dev/null; then cp "$file" "$seeds/FuzzJUnit/$name"
        else cp "$file" "$seeds/FuzzCobertura/$name"; fi
    done < <(find ../shared/corpus -name '*.xml' -size -64k)
fi
# Archives as the history stores them: record fixtures with the debug build, then take the raw
# (inflated) archive out of each blob; a leading 0 byte tells FuzzArchive to compress it itself.
tidemark="$repo/.build/debug/tidemark"
[ -x "$tidemark" ] || swift build --product tidemark >&2
history="$seeds/h.sqlite"
index=0
for fixture in coverage.py-missing-branches gcovr-conditions altcover-line-twice swift-lines-under-methods; do
    index=$((index + 1))
    "$tidemark" record --history "$history" --commit "$fixture" --time 2026-01-01T00:00:00Z \
        --input "c$index=Tests/IngestTests/Fixtures/$fixture.xml" \
        --tests "c$index=Tests/IngestTests/Fixtures/junit-pytest.xml" >/dev/null 2>&1
done
python3 - "$history" "$seeds/FuzzArchive" <<'PY'
import sqlite3, sys, zlib
rows = sqlite3.connect(sys.argv[1]).execute("SELECT report FROM line_data").fetchall()
for index, (blob,) in enumerate(rows):
    open(f"{sys.argv[2]}/raw-{index}", "wb").write(b"\0" + zlib.decompress(blob[8:]))
    open(f"{sys.argv[2]}/blob-{index}", "wb").write(b"\1" + blob)
PY

# The lexer's seeds: this repository's own sources (Swift, C, Python, Rust) and a few lines per other
# language, each under every language's lexer (the first byte picks it, in Language.allCases order).
python3 - "$seeds/FuzzHighlight" <<'PY'
import pathlib, sys
out = pathlib.Path(sys.argv[1])
samples = [p.read_bytes()[:8192] for pattern in ("Sources/SyntaxHighlight/*.swift", "Sources/CShims/*.c",
           "Sources/CShims/include/*.h", "Tests/Examples/python/tests/*.py", "Tests/Examples/**/*.rs")
           for p in sorted(pathlib.Path(".").glob(pattern))[:4]]
samples += [s.encode() for s in (
    'package main\nimport "fmt"\n// c\nfunc f() { s := `raw\nline` ; r := \'\\n\'; x := 0x1F_2; fmt.Println("é", s) }\n',
    '@Override\npublic class A { /** doc */ String s = """\n  text\n  """; char c = \'\\u0041\'; long n = 1_000L; }\n',
    'const t = `a ${b + `c ${d}`} e`; // é\nlet r = /re[/]x/g; /* block\n end */ const n = 0b1010n, m = .5e3;\n',
    'type T<K extends string> = { [k in K]: number }; @decorator class C { private x?: string = \'é\' }\n',
    'var s = @"verbatim ""q"" \\"; var i = $"{a} {{b}}"; var r = """\n raw "" \n """; #region x\nint n = 0xFFu;\n',
    '<?php\n$a = <<<EOT\nheredoc $x\nEOT;\n$b = <<<\'NOW\'\nnowdoc\nNOW;\n# comment\n// c\n/* b */ echo "é{$a}";\n',
    'let s = #"raw "quoted" \\#(x)"#; let m = """\n  multi \\(x)\n  """; /* /* nested */ */ @objc func f() {}\n',
    'r#"raw "string" "#; b\'x\'; let n = 1_000u32; /* /* nested */ still */ #[derive(Debug)] fn f<\'a>() {}\n',
    'R"delim(raw )" string)delim"; u8"é"; L\'x\'; #define X \\\n  continued\n/* c */ 0x1p-3f;\n',
    'f"{x!r:>{w}}"; rb\'\\x00\'; """doc\nstring"""; @decorator\ndef f(): return .5j  # comment\n',
)]
languages = 10
for index, sample in enumerate(samples):
    for language in range(languages):
        (out / f"seed-{index}-{language}").write_bytes(bytes([language]) + sample)
PY

# --- run ------------------------------------------------------------------------------------------
status=0
for target in "${targets[@]}"; do
    corpus="$cache/$target"
    artifacts="$cache/crashes/$target"
    mkdir -p "$corpus" "$artifacts"
    dict=()
    case "$target" in
        FuzzCobertura) dict=(-dict=Fuzz/cobertura.dict) ;;
        FuzzJUnit) dict=(-dict=Fuzz/junit.dict) ;;
        FuzzHighlight) dict=(-dict=Fuzz/highlight.dict) ;;
    esac
    echo "fuzz: $target for ${seconds}s (corpus $corpus: $(find "$corpus" -type f | wc -l) inputs)"
    log="$cache/$target.log"
    if ! "$bin/$target" "$corpus" "$seeds/$target" "${dict[@]}" -max_total_time="$seconds" -max_len=65536 \
        -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=1024 -print_final_stats=1 \
        -artifact_prefix="$artifacts/" >"$log" 2>&1; then
        status=1
        echo "fuzz: $target FAILED; last lines of $log:" >&2
        tail -n 40 "$log" >&2
        echo "fuzz: the input is in $artifacts; reproduce with: $bin/$target FILE" >&2
    else
        grep -E "DONE|^stat::peak_rss_mb" "$log" | tail -n 2 | sed "s/^/fuzz: $target: /"
    fi
done
exit $status
