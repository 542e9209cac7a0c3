#!/usr/bin/env bash
# The action's second step: `tidemark generate` with the action's inputs, then the outputs (line-rate,
# branch-rate, exit-code, site) and summary.md appended to the step summary, whatever the exit code;
# the step fails with tidemark's code after that, so later steps with `if: always()` can still
# publish the site. Needs python3 (on every GitHub-hosted runner) to read summary.json.
# Composite actions get no INPUT_* variables: action.yml maps each input into this step's env as
# TM_<NAME> (${{ inputs.coverage }} → TM_COVERAGE, …).
set -euo pipefail
args=(generate --output "${TM_OUTPUT:-public}" --history "${TM_HISTORY:-.tidemark/history.sqlite}")

# One NAME=PATH (or PATH) per line; blank lines and surrounding spaces are dropped.
add_lines() {
  local flag="$1" line
  while IFS= read -r line; do
    line="${line#"${line%%[![:space:]]*}"}"
    line="${line%"${line##*[![:space:]]}"}"
    if [ -n "$line" ]; then args+=("$flag" "$line"); fi
  done <<<"$2"
}
flag_if_true() {
  case "${2:-false}" in
    true) args+=("$1") ;;
    false | "") ;;
    *) echo "::error::tidemark: ${1#--} must be true or false, not '$2'"; exit 64 ;;
  esac
}

add_lines --input "${TM_COVERAGE:-}"
add_lines --tests "${TM_JUNIT:-}"
add_lines --source-root "${TM_SOURCE_ROOT:-}"
if [ -n "${TM_HISTORY_FROM:-}" ]; then
  # Not a pipe into grep -q: with pipefail, tidemark killed by SIGPIPE would read as "no such flag".
  if ! grep -q -- '--history-from' <<<"$(tidemark generate --help)"; then
    echo "::error::tidemark: history-from needs a tidemark with --history-from; $(tidemark --version) has none"
    exit 64
  fi
  args+=(--history-from "$TM_HISTORY_FROM")
fi
if [ -n "${TM_FAIL_UNDER_LINE:-}" ]; then args+=(--fail-under-line "$TM_FAIL_UNDER_LINE"); fi
if [ -n "${TM_FAIL_UNDER_BRANCH:-}" ]; then args+=(--fail-under-branch "$TM_FAIL_UNDER_BRANCH"); fi
flag_if_true --fail-on-drop "${TM_FAIL_ON_DROP:-}"
flag_if_true --fail-on-test-errors "${TM_FAIL_ON_TEST_ERRORS:-}"
# Further arguments, split at white space (no quoting): `--line-target 95 --on-alert ./notify.sh`.
read -ra extra <<<"$(tr '\n' ' ' <<<"${TM_ARGS:-}")"
args+=("${extra[@]}")

echo "tidemark ${args[*]}"
set +e
tidemark "${args[@]}"
code=$?
set -e

# 1, 7 and 64 wrote nothing: a summary in the output folder is an earlier run's, and is not reported.
output="${TM_OUTPUT:-public}"
written=true
case "$code" in 1 | 7 | 64) written=false ;; esac
rate() { python3 -c 'import json, sys; v = json.load(open(sys.argv[1]))["overall"][sys.argv[2]]; print("" if v is None else v)' \
  "$output/summary.json" "$1"; }
{
  echo "exit-code=$code"
  echo "site=$output"
  if $written && [ -f "$output/summary.json" ]; then
    echo "line-rate=$(rate lineRate)"
    echo "branch-rate=$(rate branchRate)"
  else
    echo "line-rate="
    echo "branch-rate="
  fi
} >>"$GITHUB_OUTPUT"
if $written && [ -f "$output/summary.md" ]; then cat "$output/summary.md" >>"$GITHUB_STEP_SUMMARY"; fi
exit "$code"
