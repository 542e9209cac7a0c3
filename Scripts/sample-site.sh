#!/usr/bin/env bash
# Builds tidemark and generates the sample site from the example data under Tests/Examples:
# a Python package measured with pytest-cov (with its JUnit results) and a Rust crate measured
# with grcov. Usage: bash Scripts/sample-site.sh [OUTPUT_DIR]   (default: public)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
output="${1:-public}"
examples=Tests/Examples

swift build --product tidemark >&2
tidemark="$(swift build --show-bin-path)/tidemark"

"$tidemark" generate \
  --input python="$examples/python/reports/coverage.xml" \
  --tests python="$examples/python/reports/junit.xml" \
  --input rust="$examples/rust/reports/coverage.xml" \
  --source-root python="$examples/python" \
  --source-root rust="$examples/rust" \
  --output "$output"
