#!/bin/sh
# Writes BuildInfo.swift for the tidemark target (run by Sources/BuildInfoPlugin on every build):
# the version from VERSION, its one home, and the commit from TIDEMARK_COMMIT or git, else "unknown".
# A checkout with uncommitted changes to tracked files says so: "abc123def456, modified".
# Usage: sh Scripts/build-info.sh PACKAGE_ROOT OUTPUT_FILE
set -eu
root="$1"
output="$2"
version="$(tr -d ' \n' <"$root/VERSION")"
case "$version" in
  "" | *[!0-9A-Za-z.+-]*) echo "build-info: VERSION must be a version like 1.2.3, not '$version'" >&2; exit 1 ;;
esac
commit="${TIDEMARK_COMMIT:-}"
if [ -z "$commit" ]; then
  if commit="$(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null)"; then
    # --no-optional-locks: never write the index from a build; tracked files only (build folders are ignored anyway).
    if [ -n "$(git -C "$root" --no-optional-locks status --porcelain --untracked-files=no 2>/dev/null)" ]; then
      commit="$commit, modified"
    fi
  else
    commit=unknown
  fi
fi
case "$commit" in
  *[!0-9A-Za-z.,\ +-]*) echo "build-info: unexpected commit '$commit'" >&2; exit 1 ;;
esac
mkdir -p "$(dirname "$output")"
# Rewritten only when the text changes, so an unchanged commit recompiles nothing.
cat >"$output.new" <<SWIFT
// Generated at build time by Scripts/build-info.sh; not part of the repository.
enum BuildInfo {
    /// The version, from the file VERSION.
    static let version = "$version"
    /// The commit the binary was built from (12 hex digits, ", modified" for uncommitted changes), or "unknown".
    static let commit = "$commit"
}
SWIFT
if cmp -s "$output.new" "$output"; then rm -f "$output.new"; else mv "$output.new" "$output"; fi
