#!/usr/bin/env bash
# Load a generated Tidemark site in headless Chromium from file:// and check what a browser sees:
#   * index.html: the DOM has an <svg class="… trend …"> with at least one <circle> in it;
#   * the first file page (DIR/c/*/f/*.html, in path order, preferring one with a missed line):
#     the DOM has a <table class="source">;
#   * the first component's listing (DIR/c/*/index.html): the DOM has a <table class="files">;
#   * screenshots: the overview at 1280x1600; the file page and the listing at 1280x1600 and at
#     390x844 (a phone), each at least 10 KB (a blank page is smaller).
#   * the overview as a new reader sees it: at 1280 px and at 390 px wide, in light and in dark mode
#     (overview-WIDTH-MODE.png), for DIR and, when given, for LONG_DIR (a site of a long history,
#     Scripts/long-history.sh: long-overview-WIDTH-MODE.png). Look at them after changing pages.
# Installs Debian's chromium when missing and running as root; otherwise says how.
# Screenshots go to ${SCREENSHOT_DIR:-$(mktemp -d)}; their paths are printed.
# Usage: bash Scripts/browser-check.sh DIR [LONG_DIR]
set -uo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ] || [ ! -d "$1" ] || { [ $# -eq 2 ] && [ ! -d "$2" ]; }; then
  echo "usage: bash Scripts/browser-check.sh DIR [LONG_DIR]   (sites written by tidemark render/generate)" >&2
  exit 64
fi
site="$(cd "$1" && pwd)"
long_site="${2:+$(cd "$2" && pwd)}"
[ -f "$site/index.html" ] || { echo "browser-check: $site/index.html not found: not a Tidemark site" >&2; exit 1; }
file_pages="$(find "$site/c" -path '*/f/*.html' -type f 2>/dev/null | LC_ALL=C sort)"
file_page="$(printf '%s\n' "$file_pages" | xargs -r grep -l 'class="missed"><th>' 2>/dev/null | head -1)"
[ -n "$file_page" ] || file_page="$(printf '%s\n' "$file_pages" | head -1)"
[ -n "$file_page" ] || { echo "browser-check: no file page (c/*/f/*.html) in $site" >&2; exit 1; }
listing="$(find "$site/c" -mindepth 2 -maxdepth 2 -name index.html -type f 2>/dev/null | LC_ALL=C sort | head -1)"
[ -n "$listing" ] || { echo "browser-check: no listing (c/*/index.html) in $site" >&2; exit 1; }

# --- Chromium ---
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "== installing chromium (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium; } || {
      echo "browser-check: could not install chromium with apt-get" >&2; exit 1; }
  else
    echo "browser-check: chromium is not installed; install it with: sudo apt-get install -y chromium" >&2
    exit 1
  fi
fi
command -v timeout >/dev/null 2>&1 || { echo "browser-check: timeout (coreutils) missing" >&2; exit 1; }
command -v python3 >/dev/null 2>&1 || { echo "browser-check: python3 missing (apt-get install -y python3)" >&2; exit 1; }

shots="${SCREENSHOT_DIR:-$(mktemp -d)}"
mkdir -p "$shots"
shots="$(cd "$shots" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
log="$shots/chromium.log"
: > "$log"
echo "== $(chromium --version 2>/dev/null | head -1)"

failures=()
fail() { failures+=("$1"); echo "   FAIL: $1" >&2; }

# chromium_run LABEL ARGS… — one headless call, 90 s at most; stderr (dbus and GPU noise) to the log.
chromium_run() {
  local label="$1"; shift
  echo "--- $label: chromium $*" >> "$log"
  timeout 90 chromium --headless --no-sandbox --disable-gpu --no-first-run --hide-scrollbars \
    --user-data-dir="$work/profile" "$@" 2>> "$log"
  local status=$?
  [ "$status" -eq 124 ] && echo "--- $label: timed out after 90 s" >> "$log"
  echo "--- $label: exit $status" >> "$log"
  return "$status"
}

file_url() { python3 -c 'import pathlib, sys; print(pathlib.Path(sys.argv[1]).resolve().as_uri())' "$1"; }

# check_page NAME PATH CHECK [WIDTHxHEIGHT] — dump the DOM and take a screenshot of one page.
check_page() {
  local name="$1" path="$2" check="$3" size_arg="${4:-1280x1600}" url dom shot size
  url="$(file_url "$path")"
  dom="$work/$name.dom.html"
  shot="$shots/$name.png"
  echo "== $name: $url"
  if ! chromium_run "$name dump-dom" --dump-dom "$url" > "$dom"; then
    fail "$name: chromium --dump-dom failed or timed out"
  elif ! python3 - "$dom" "$check" <<'PY'
import re, sys
dom = open(sys.argv[1], encoding="utf-8", errors="replace").read()
check = sys.argv[2]
if check == "trend":
    trends = [m.group(0) for m in re.finditer(r"<svg\b[^>]*\bclass=\"[^\"]*trend[^\"]*\"[^>]*>.*?</svg>", dom, re.S)]
    with_circles = [t for t in trends if "<circle" in t]
    print(f"   DOM: {len(dom)} bytes, {len(trends)} trend SVG(s), {sum(t.count('<circle') for t in trends)} <circle> in them")
    if not trends:
        sys.exit("   no <svg> with class containing 'trend' in the DOM")
    if not with_circles:
        sys.exit("   no trend <svg> contains a <circle>")
elif check in ("source", "files"):
    rows = len(re.findall(r"<tr\b", dom))
    tables = re.findall(r"<table\b[^>]*\bclass=\"(?:[^\"]*\s)?" + check + r"(?:\s[^\"]*)?\"", dom)
    print(f"   DOM: {len(dom)} bytes, {len(tables)} <table class=\"{check}\">, {rows} rows")
    if not tables:
        sys.exit(f"   no <table class=\"{check}\"> in the DOM")
PY
  then
    fail "$name: DOM check failed (dump kept in $shots/$name.dom.html)"
    cp "$dom" "$shots/$name.dom.html"
  fi
  rm -f "$shot"
  chromium_run "$name screenshot" --screenshot="$shot" --window-size="${size_arg/x/,}" "$url" >> "$log" \
    || fail "$name: chromium --screenshot failed or timed out"
  if [ ! -f "$shot" ]; then
    fail "$name: screenshot $shot was not written"
  else
    size=$(wc -c < "$shot")
    echo "   screenshot: $shot ($((size / 1024)) KB)"
    [ "$size" -ge 10240 ] || fail "$name: screenshot $shot is only $size bytes (< 10 KB): blank page?"
  fi
}

# overview NAME PATH — the overview at 1280 and 390 px, light and dark: four screenshots, each
# at least 10 KB. Dark mode is the reader's preference, as prefers-color-scheme sees it.
overview() {
  local name="$1" path="$2" url width mode shot size
  url="$(file_url "$path")"
  for width in 1280 390; do
    for mode in light dark; do
      shot="$shots/$name-$width-$mode.png"
      rm -f "$shot"
      local scheme=()
      [ "$mode" = dark ] && scheme=(--force-prefers-color-scheme=dark --blink-settings=preferredColorScheme=0)
      echo "== $name at $width px, $mode"
      chromium_run "$name $width $mode" "${scheme[@]}" --screenshot="$shot" --window-size="$width,2400" "$url" >> "$log" \
        || fail "$name $width $mode: chromium --screenshot failed or timed out"
      if [ ! -f "$shot" ]; then
        fail "$name $width $mode: screenshot $shot was not written"
      else
        size=$(wc -c < "$shot")
        echo "   screenshot: $shot ($((size / 1024)) KB)"
        [ "$size" -ge 10240 ] || fail "$name $width $mode: screenshot is only $size bytes (< 10 KB): blank page?"
      fi
    done
  done
}

check_page index "$site/index.html" trend
check_page file "$file_page" source
check_page file-390 "$file_page" source 390x844
check_page listing "$listing" files
check_page listing-390 "$listing" files 390x844
overview overview "$site/index.html"
[ -n "$long_site" ] && overview long-overview "$long_site/index.html"

echo
if [ ${#failures[@]} -gt 0 ]; then
  echo "browser-check: FAILED" >&2
  printf '  - %s\n' "${failures[@]}" >&2
  echo "--- chromium log ($log):" >&2
  cat "$log" >&2
  exit 1
fi
echo "browser-check: passed; screenshots:"
for name in index file file-390 listing listing-390; do echo "  $shots/$name.png"; done
echo "  $shots/overview-{1280,390}-{light,dark}.png"
[ -n "$long_site" ] && echo "  $shots/long-overview-{1280,390}-{light,dark}.png"
echo "  (chromium's stderr: $log)"
