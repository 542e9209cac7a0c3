#!/usr/bin/env bash
# Builds tidemark and generates the sample site from the example data under Tests/Examples:
# six runs of a Python package measured with pytest-cov (coverage rising from 55 % to 99 %, one run
# with a failing test), replayed into a fresh history, then the latest run together with a Rust
# crate measured with grcov.
# Usage: bash Scripts/sample-site.sh [OUTPUT_DIR [HISTORY_FILE]]   (default: public, a temporary history)
# With TIDEMARK_BINARY set, that binary is used and nothing is built (Scripts/clean-machine-test.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
output="${1:-public}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
history="${2:-$scratch/history.sqlite}"
examples=Tests/Examples
python=$examples/python

if [ -n "${TIDEMARK_BINARY:-}" ]; then
  tidemark="$TIDEMARK_BINARY"
else
  swift build --product tidemark >&2
  tidemark="$(swift build --show-bin-path)/tidemark"
fi

# Backfill: the older runs, oldest first. Each report carries its own time; commits are named
# so the sample site does not change with this repository's own commits.
for run in 01 02 03 04 05; do
  "$tidemark" record --history "$history" --commit "example-run$run" --branch main \
    --input python="$python/history/coverage-run$run.xml" --tests python="$python/history/junit-run$run.xml" \
    --source-root python="$python"
done

"$tidemark" generate --history "$history" --commit example-run06 --branch main \
  --input python="$python/reports/coverage.xml" \
  --tests python="$python/reports/junit.xml" \
  --input rust="$examples/rust/reports/coverage.xml" \
  --source-root python="$python" \
  --source-root rust="$examples/rust" \
  --output "$output"
