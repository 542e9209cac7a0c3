#!/usr/bin/env bash
# The action's first step: puts a tidemark of the action's own version on the PATH.
# 1. When the action is used at a version tag (`@v0.9.0`, `@v1`; VERSION is the file in the action's
#    folder): the runner's tool cache (RUNNER_TOOL_CACHE/tidemark/VERSION/x64), where an earlier job
#    put it, else the release tidemark-VERSION of the action's repository, checked against its .sha256.
# 2. Otherwise (a branch, a commit, a local `uses: ./`, no such release, or a machine the binary does
#    not run on): built from the action's own source with Swift, as the README's build does.
# Environment, as action.yml sets it: GITHUB_ACTION_PATH, ACTION_REF, ACTION_REPOSITORY (both may be
# empty in composite actions, actions/runner#2473: then taken from the action's path
# …/_actions/OWNER/REPO/REF), GITHUB_SERVER_URL, RUNNER_TOOL_CACHE, RUNNER_TEMP, GITHUB_PATH.
set -euo pipefail
action="$GITHUB_ACTION_PATH"
version="$(tr -d ' \n' <"$action/VERSION")"
ref="${ACTION_REF:-}"
repository="${ACTION_REPOSITORY:-}"
case "$action" in
  */_actions/*/*/*)
    located="${action#*/_actions/}"
    [ -n "$repository" ] || repository="${located%/*}"
    [ -n "$ref" ] || ref="${located##*/}"
    ;;
esac
cache="${RUNNER_TOOL_CACHE:-$RUNNER_TEMP}/tidemark/$version/x64"

works() { [ -x "$1/tidemark" ] && "$1/tidemark" --version 2>/dev/null | grep -q "^tidemark $version "; }

download() {
  local name="tidemark-$version-linux-x86_64" base scratch
  base="${GITHUB_SERVER_URL:-https://github.com}/$repository/releases/download/v$version"
  scratch="$(mktemp -d "$RUNNER_TEMP/tidemark-download.XXXXXX")"
  echo "tidemark: downloading $name from $base"
  if ! curl -fsSL --retry 3 -o "$scratch/$name.tar.gz" "$base/$name.tar.gz" ||
    ! curl -fsSL --retry 3 -o "$scratch/$name.tar.gz.sha256" "$base/$name.tar.gz.sha256"; then
    echo "tidemark: no release v$version of $repository"
    return 1
  fi
  # A checksum that does not match is an error, never a reason to fall back.
  (cd "$scratch" && sha256sum --check --quiet "$name.tar.gz.sha256") ||
    { echo "::error::tidemark: $name.tar.gz does not match its SHA-256 file"; exit 1; }
  tar -xzf "$scratch/$name.tar.gz" -C "$scratch"
  mkdir -p "$cache"
  install -m 755 "$scratch/$name/tidemark" "$cache/tidemark"
  rm -rf "$scratch"
  works "$cache" || { echo "tidemark: the release binary does not run here (it needs glibc 2.35 or newer)"; return 1; }
}

build() {
  echo "tidemark: building $version from the action's source (ref ${ref:-local})"
  local packages=() sudo=""
  for package in libxml2-dev libsqlite3-dev zlib1g-dev libdeflate-dev; do
    dpkg -s "$package" >/dev/null 2>&1 || packages+=("$package")
  done
  if [ ${#packages[@]} -gt 0 ]; then
    [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq && $sudo apt-get install -y -qq "${packages[@]}"
  fi
  # The source folder has no .git: name the commit when the action is used at one.
  if [[ "$ref" =~ ^[0-9a-f]{40}$ ]]; then export TIDEMARK_COMMIT="${ref:0:12}"; fi
  swift build -c release --product tidemark --package-path "$action" --scratch-path "$RUNNER_TEMP/tidemark-build"
  mkdir -p "$RUNNER_TEMP/tidemark-bin"
  install -m 755 "$RUNNER_TEMP/tidemark-build/release/tidemark" "$RUNNER_TEMP/tidemark-bin/tidemark"
}

# Only a release goes into the tool cache: a build from a branch is not that version's binary.
installed=""
if [[ "$ref" =~ ^v[0-9] ]] && [ -n "$repository" ]; then
  if works "$cache"; then
    echo "tidemark: $version from the tool cache"
    installed="$cache"
  elif [ "$(uname -sm)" = "Linux x86_64" ] && download; then
    installed="$cache"
  fi
fi
if [ -z "$installed" ]; then
  build
  installed="$RUNNER_TEMP/tidemark-bin"
fi
echo "$installed" >>"$GITHUB_PATH"
"$installed/tidemark" --version
