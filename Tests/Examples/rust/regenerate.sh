#!/usr/bin/env bash
# Regenerates reports/ for the tidewindow crate with real tools:
#
#   rustc/cargo 1.95.0 (stable, LLVM 22.1.2)  -C instrument-coverage
#   rustc/cargo 1.97.0-nightly (LLVM 22.1.4)  branch coverage + JUnit
#   grcov 0.8.12 (Debian package grcov 0.8.12-2+b1)
#   llvm-profdata / llvm-cov 22.1.8 (Debian package llvm-22)
#
# Why the sysroot shim: grcov 0.8.12 has no --llvm-path option; it looks for
# llvm-profdata only in `$(rustc --print sysroot)/lib/rustlib/<host>/bin/`
# (the rustup llvm-tools component). Here `rustup component add
# llvm-tools-preview` fails (no network), and Debian's default
# /usr/bin/llvm-profdata is LLVM 14, which cannot read LLVM 22 .profraw.
# Without llvm-profdata grcov logs
#   [ERROR] Error while executing llvm tools: We couldn't find llvm-profdata.
#   Try installing the llvm-tools component with `rustup component add llvm-tools-preview`.
# and writes an empty report (lines-valid="0"). So target/llvm22-sysroot/ holds
# symlinks to llvm-22's llvm-profdata and llvm-cov, and a `rustc` wrapper
# that answers `--print sysroot` with that folder; grcov finds that wrapper
# through $RUSTC (only grcov gets it, cargo never does).
#
# Paths: `-p "$PWD/"` (prefix-dir) without `-s` makes grcov write
# <source>.</source> and relative filenames (src/lib.rs, tests/gauge.rs);
# `-s .` would write the absolute folder into <source>. No post-processing.
#
# JUnit: stable libtest has no JUnit output. Nightly libtest has
# `-- -Z unstable-options --format junit`, which prints one XML document per
# test binary to stdout. reports/junit-cargo-stdout.xml is that stdout as-is
# (three concatenated documents: unit tests, tests/gauge.rs, doc-tests);
# junit-lib.xml and junit-gauge.xml are one test binary each.
set -euo pipefail
cd "$(dirname "$0")"

HOST=$(rustc -vV | sed -n 's/^host: //p')
LLVM_BIN=${LLVM_BIN:-/usr/lib/llvm-22/bin}

# --- the llvm-profdata shim for grcov ------------------------------------
SYSROOT="$PWD/target/llvm22-sysroot"
mkdir -p "$SYSROOT/lib/rustlib/$HOST/bin" "$SYSROOT/bin"
ln -sf "$LLVM_BIN/llvm-profdata" "$LLVM_BIN/llvm-cov" "$SYSROOT/lib/rustlib/$HOST/bin/"
cat > "$SYSROOT/bin/rustc" <<SH
#!/bin/sh
if [ "\$*" = "--print sysroot" ]; then echo "$SYSROOT"; exit 0; fi
exec "$(rustup which rustc)" "\$@"
SH
chmod +x "$SYSROOT/bin/rustc"
grcov_() { RUSTC="$SYSROOT/bin/rustc" grcov "$@"; }

rm -rf reports target/profraw target/profraw-nightly
mkdir -p reports

# --- 1. stable: line coverage ---------------------------------------------
CARGO_INCREMENTAL=0 RUSTFLAGS="-C instrument-coverage" \
LLVM_PROFILE_FILE="$PWD/target/profraw/tidewindow-%p-%m.profraw" \
    cargo +stable test --offline
grcov_ target/profraw --binary-path target/debug/deps -p "$PWD/" \
    -t cobertura --branch --ignore-not-existing --ignore '/*' \
    -o reports/coverage.xml

# --- 2. nightly: line + branch coverage (-Z coverage-options=branch) ------
CARGO_TARGET_DIR=target/nightly CARGO_INCREMENTAL=0 \
RUSTFLAGS="-C instrument-coverage -Z coverage-options=branch" \
LLVM_PROFILE_FILE="$PWD/target/profraw-nightly/tidewindow-%p-%m.profraw" \
    cargo +nightly test --offline
grcov_ target/profraw-nightly --binary-path target/nightly/debug/deps -p "$PWD/" \
    -t cobertura --branch --ignore-not-existing --ignore '/*' \
    -o reports/coverage-nightly-branch.xml

# --- 3. nightly: JUnit from libtest -----------------------------------------
J=(-- -Z unstable-options --format junit)
export CARGO_TARGET_DIR=target/nightly-junit
cargo +nightly test --offline "${J[@]}" > reports/junit-cargo-stdout.xml
cargo +nightly test --offline --lib "${J[@]}" > reports/junit-lib.xml
cargo +nightly test --offline --test gauge "${J[@]}" > reports/junit-gauge.xml
unset CARGO_TARGET_DIR

if grep -rnE '/(work|tmp|root|home|Users)/' reports; then
    echo "error: machine path found above" >&2
    exit 1
fi
