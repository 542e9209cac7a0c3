#!/usr/bin/env bash
# The release binary with a postgresql:// history: it loads libpq at run time (dlopen), so only a
# run against a server shows that the static binary finds it and works. Unpacks the release
# tarball, records the example reports into a new database on the server of
# TIDEMARK_TEST_POSTGRES_URL and into an SQLite history, renders both, and requires the two sites
# to be byte-identical (the manifest aside). Run by .ci/run after Scripts/release.sh.
# Usage: TIDEMARK_TEST_POSTGRES_URL=postgresql://USER@HOST:PORT/DB bash Scripts/release-postgres-check.sh TARBALL
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
tarball="$(realpath "$1")"
server="${TIDEMARK_TEST_POSTGRES_URL:?set TIDEMARK_TEST_POSTGRES_URL (Scripts/postgres-cluster.sh start prints one)}"
psql_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/psql"
work="$(mktemp -d)"
database="tidemark_release_$$"
cleanup() {
  "$psql_bin" -X -q "$server" -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
tar -xzf "$tarball" -C "$work"
tidemark="$(ls "$work"/*/tidemark)"
"$psql_bin" -X -q "$server" -c "CREATE DATABASE $database"
url="${server%/*}/$database"
reports=Tests/Examples/python/reports
for history in "$url" "$work/history.sqlite"; do
  "$tidemark" record --history "$history" --project example --time 2026-11-01T09:00:00Z --commit c1 --branch main \
    --input python=$reports/coverage.xml --tests python=$reports/junit.xml >/dev/null
done
"$tidemark" render --history "$url" --project example --output "$work/site-postgres" >/dev/null
"$tidemark" render --history "$work/history.sqlite" --project example --output "$work/site-sqlite" >/dev/null
if ! diff -r -q -x .tidemark-manifest "$work/site-postgres" "$work/site-sqlite"; then
  echo "release-postgres-check: the release binary's sites from PostgreSQL and SQLite differ" >&2
  exit 1
fi
echo "release-postgres-check: $("$tidemark" --version) recorded and rendered from PostgreSQL" \
  "($(find "$work/site-postgres" -type f | wc -l) files, identical to SQLite's)"
