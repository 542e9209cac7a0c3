#!/usr/bin/env bash
# Builds the self-contained Linux x86_64 release of tidemark into dist/ (or OUTPUT_DIR):
#   tidemark-VERSION-linux-x86_64.tar.gz (+ .sha256)              the binary, README, third-party notices
#   tidemark-VERSION-py3-none-manylinux_2_NN_x86_64.whl (+ .sha256)  the same binary as a Python wheel
# The binary carries the Swift runtime and Foundation (--static-swift-stdlib), libstdc++, libgcc, SQLite,
# zlib, libdeflate and a libxml2 built without ICU (Scripts/release/libxml2.sh): ldd lists only glibc (libc, libm,
# ld-linux) and linux-vdso, and the script fails if it lists anything else. Without Debian's sources it
# links Debian's libxml2.a with ICU and lzma instead, which makes the binary 32 MB larger.
# Needs: Swift 6, gcc, make and dpkg-dev, python3 with venv, Debian's libsqlite3-dev, zlib1g-dev and libdeflate-dev;
# wheel and auditwheel come from PyPI into CACHE/python-tools-…. The version is the file VERSION;
# archives take the commit's time, so the same commit gives the same files.
# Usage: bash Scripts/release.sh [--no-wheel] [OUTPUT_DIR]     CACHE: ${TIDEMARK_CACHE:-~/.cache/tidemark}
set -euo pipefail
wheel_too=true
if [ "${1:-}" = --no-wheel ]; then wheel_too=false; shift; fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
output="$(mkdir -p "${1:-$root/dist}" && cd "${1:-$root/dist}" && pwd)"
cd "$root"
cache="${TIDEMARK_CACHE:-$HOME/.cache/tidemark}"
mkdir -p "$cache"
version="$(tr -d ' \n' <VERSION)"
name="tidemark-$version-linux-x86_64"
# Its own build folder (the link flags differ from a development build); .ci/run keeps it outside the clone.
scratch="${TIDEMARK_RELEASE_SCRATCH:-$root/.build-release}"
links="$scratch/static-libs"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}"
if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
  echo "release: the tree has uncommitted changes; the binary will say \"modified\"" >&2
fi

# --- Static libraries: each -l the build asks for finds a linker script naming archives ---
# SwiftPM takes -L and -l from pkg-config (libxml-2.0, sqlite3) and puts the system's library folder
# first, where the shared libraries are; .pc files of our own put $links first instead.
link_statically() {
  local libxml2_dir gnu=/usr/lib/x86_64-linux-gnu gcc
  gcc="$(dirname "$(gcc -print-file-name=libstdc++.a)")"
  mkdir -p "$links/pkgconfig"
  if libxml2_dir="$(bash Scripts/release/libxml2.sh "$cache")"; then
    echo "GROUP ( $libxml2_dir/lib/libxml2.a $gnu/libz.a )" >"$links/libxml2.so"
    libxml2_cflags="-I$libxml2_dir/include"
    libxml2_notice="$libxml2_dir/COPYING"
  else
    echo "release: linking Debian's libxml2.a with ICU and lzma (a larger binary)" >&2
    echo "GROUP ( $gnu/libxml2.a $gnu/libicui18n.a $gnu/libicuuc.a $gnu/libicudata.a $gnu/liblzma.a $gnu/libz.a )" \
      >"$links/libxml2.so"
    libxml2_cflags="-I/usr/include/libxml2"
    libxml2_notice=/usr/share/doc/libxml2/copyright
  fi
  echo "GROUP ( $gnu/libsqlite3.a )" >"$links/libsqlite3.so"
  echo "GROUP ( $gnu/libz.a )" >"$links/libz.so"
  echo "GROUP ( $gnu/libdeflate.a )" >"$links/libdeflate.so"
  echo "GROUP ( $gcc/libstdc++.a )" >"$links/libstdc++.so"
  printf 'Name: libxml2\nDescription: static\nVersion: 2\nLibs: -L%s -lxml2\nCflags: %s\n' \
    "$links" "$libxml2_cflags" >"$links/pkgconfig/libxml-2.0.pc"
  printf 'Name: sqlite3\nDescription: static\nVersion: 3\nLibs: -L%s -lsqlite3\nCflags:\n' \
    "$links" >"$links/pkgconfig/sqlite3.pc"
}

# lld, not the default gold: gold keeps a dynamic reference to glibc 2.36's arc4random from libstdc++'s
# random.o (pulled in by std::logic_error's strings, its code then dropped as unused), which raised the
# glibc the binary needs from 2.35 (Ubuntu 22.04) to 2.36.
build() {
  PKG_CONFIG_PATH="$links/pkgconfig" swift build -c release --product tidemark --scratch-path "$scratch" \
    --static-swift-stdlib -Xswiftc -use-ld=lld -Xswiftc -Xclang-linker -Xswiftc -static-libgcc >&2
  binary="$scratch/release/tidemark"
  sh Scripts/release/glibc-only.sh "$binary" >/dev/null
}

# The licences of what the binary carries, in one file beside it.
notices() {
  local file="$1" part toolchain
  toolchain="$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")"
  {
    echo "tidemark $version carries these components; their licences follow."
    for part in "Swift runtime and Foundation (with ICU)|$toolchain/share/swift/LICENSE.txt" \
      "swift-argument-parser|$scratch/checkouts/swift-argument-parser/LICENSE.txt" \
      "TOMLKit (with toml++)|$scratch/checkouts/TOMLKit/LICENSE" \
      "libxml2|$libxml2_notice" "SQLite|/usr/share/doc/libsqlite3-0/copyright" \
      "zlib|/usr/share/doc/zlib1g/copyright" "libdeflate|/usr/share/doc/libdeflate-dev/copyright" \
      "libstdc++ and libgcc (GCC Runtime Library Exception)|/usr/share/doc/libstdc++6/copyright"; do
      printf '\n==== %s ====\n\n' "${part%%|*}"
      cat "${part#*|}"
    done
  } >"$file"
}

package_tarball() {
  mkdir "$stage/$name"
  install -m 755 "$binary" "$stage/$name/tidemark"
  strip "$stage/$name/tidemark"
  cp README.md "$stage/$name/"
  notices "$stage/$name/THIRD-PARTY-NOTICES.txt"
  "$stage/$name/tidemark" --version >&2
  tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" -cf - "$name" |
    gzip -9n >"$output/$name.tar.gz"
}

package_wheel() {
  local tools="$cache/python-tools-wheel-0.48.0-auditwheel-6.8.2"
  if [ ! -x "$tools/bin/auditwheel" ]; then
    python3 -m venv "$tools"
    "$tools/bin/pip" install --quiet --disable-pip-version-check 'wheel==0.48.0' 'auditwheel==6.8.2' >&2
  fi
  wheel="$(bash Scripts/release/wheel.sh "$stage/$name/tidemark" "$version" \
    "$stage/$name/THIRD-PARTY-NOTICES.txt" "$output" "$tools/bin/python")"
}

started=$SECONDS
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
link_statically
build
package_tarball
(cd "$output" && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")
echo "$output/$name.tar.gz"
if $wheel_too; then
  package_wheel
  (cd "$output" && sha256sum "$wheel" >"$wheel.sha256")
  echo "$output/$wheel"
fi
sh Scripts/release/glibc-only.sh "$binary" >&2
echo "release: $(( SECONDS - started )) s; $(du -b "$stage/$name/tidemark" | cut -f1) bytes stripped" >&2
