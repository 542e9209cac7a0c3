#!/usr/bin/env bash
# Packs the release binary into a Python wheel, the way ruff and uv ship theirs: the binary sits in
# tidemark-VERSION.data/scripts/, which pip installs into the environment's bin folder (on the PATH),
# and a small `tidemark` package makes `python -m tidemark` work too. `wheel pack` writes the wheel
# (RECORD with hashes; zip times from SOURCE_DATE_EPOCH, so the same inputs give the same file) and
# auditwheel checks the binary's glibc symbol versions for the wheel's manylinux tag.
# Usage: bash Scripts/release/wheel.sh BINARY VERSION NOTICES OUTPUT_DIR PYTHON   (PYTHON has wheel and auditwheel);
# prints the wheel's file name.
set -euo pipefail
binary="$1"; version="$2"; notices="$3"; output="$4"; python="$5"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# auditwheel passes over libraries it cannot find (a debug build's libswiftCore.so): check ldd first.
sh "$here/glibc-only.sh" "$binary" >/dev/null
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT

root="$stage/tidemark-$version"
mkdir -p "$root/tidemark-$version.data/scripts" "$root/tidemark-$version.dist-info"
install -m 755 "$binary" "$root/tidemark-$version.data/scripts/tidemark"
cp -r "$here/python/tidemark" "$root/tidemark"
cp "$notices" "$root/tidemark-$version.dist-info/THIRD-PARTY-NOTICES.txt"
cat >"$root/tidemark-$version.dist-info/METADATA" <<METADATA
Metadata-Version: 2.1
Name: tidemark
Version: $version
Summary: Cobertura coverage reports and JUnit results into a static site with history
Requires-Python: >=3.8
Classifier: Environment :: Console
Classifier: Operating System :: POSIX :: Linux
Classifier: Topic :: Software Development :: Testing
Description-Content-Type: text/markdown

Tidemark turns Cobertura \`coverage.xml\` reports (pytest-cov, tarpaulin, grcov, gcovr, istanbul, …) and
JUnit XML into a static website with history. This wheel carries the self-contained Linux x86_64 binary:

    pip install tidemark
    tidemark generate --input python=coverage.xml --tests python=junit.xml --output public
METADATA
cat >"$root/tidemark-$version.dist-info/WHEEL" <<WHEEL
Wheel-Version: 1.0
Generator: tidemark (Scripts/release/wheel.sh)
Root-Is-Purelib: false
Tag: py3-none-linux_x86_64
WHEEL
find "$root" -name __pycache__ -prune -exec rm -rf {} +

mkdir -p "$stage/plain"
"$python" -m wheel pack --dest-dir "$stage/plain" "$root" >&2
# auditwheel names the oldest manylinux policy the binary fits (its glibc symbol versions, no other
# shared library); `wheel tags` gives the wheel that tag. repair is not needed: there is nothing to bundle.
report="$("$python" -m auditwheel show "$stage"/plain/*.whl 2>&1)"
platform="$(grep -o '"manylinux_[0-9]*_[0-9]*_x86_64"' <<<"$report" | head -1 | tr -d '"')"
if [ -z "$platform" ]; then
  echo "wheel: auditwheel finds no manylinux tag for the binary:" >&2
  echo "$report" >&2
  exit 1
fi
"$python" -m wheel tags --remove --platform-tag "$platform" "$stage"/plain/*.whl >/dev/null
mkdir -p "$output"
cp "$stage"/plain/*.whl "$output/"
basename "$stage"/plain/*.whl
