#!/usr/bin/env bash
# Builds tidemark and generates the sample site from the example data under Tests/Examples: a
# 60-day history of the tidelib Python package measured with pytest-cov (coverage climbing from
# 55 % to 98.6 %, a stretch with a failing test, a regression right after it, a run blocked by a
# test module that fails to import), with the Rust crate measured by grcov from day 30. The
# distinct reports are real (Tests/Examples/python/sample-history/make-reports.sh); the plan
# (plan.txt there) gives each day's report, recorded at 09:00 UTC with --time. Thresholds come
# from Tests/Examples/tidemark.toml.
# Usage: bash Scripts/sample-site.sh [OUTPUT_DIR [HISTORY_FILE]]   (default: public, a temporary history)
# With TIDEMARK_BINARY set, that binary is used and nothing is built (Scripts/clean-machine-test.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
output="${1:-public}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
history="${2:-$scratch/history.sqlite}"
examples=Tests/Examples
samples=$examples/python/sample-history

if [ -n "${TIDEMARK_BINARY:-}" ]; then
  tidemark="$TIDEMARK_BINARY"
else
  swift build --product tidemark >&2
  tidemark="$(swift build --show-bin-path)/tidemark"
fi

days=$(grep -c '^[0-9]' "$samples/plan.txt")
day=0
grep '^[0-9]' "$samples/plan.txt" | while read -r date variant components; do
  day=$((day + 1))
  args=(--config "$examples/tidemark.toml" --history "$history" --time "${date}T09:00:00Z"
    --commit "sample-$(printf %02d "$day")" --branch main
    --input python="$samples/reports/$variant-coverage.xml.gz" --tests python="$samples/reports/$variant-junit.xml.gz"
    --source-root python="$examples/python")
  if [ "$components" = python,rust ]; then
    args+=(--input rust="$examples/rust/reports/coverage.xml" --source-root rust="$examples/rust")
  fi
  if [ "$day" -lt "$days" ]; then
    # A blocked day exits 2 (the measurement failed): that is the point of the day, not an error.
    "$tidemark" record "${args[@]}" || [ $? -eq 2 ]
  else
    "$tidemark" generate "${args[@]}" --output "$output"
  fi
done
