#!/usr/bin/env bash
# Builds a static libxml2 without ICU and lzma from Debian's source package of this release (the version
# the system's libxml2 comes from, with Debian's security patches), and prints the folder that holds
# lib/libxml2.a and include/libxml/. Debian's own libxml2.a needs ICU, which added 32 MB to the binary.
# The build is kept in CACHE/libxml2/VERSION, so only a new Debian revision builds again; when Debian's
# sources cannot be reached, the newest earlier build is used.
# Sources are fetched with apt-get through a private configuration in CACHE: the system's sources
# lists are read, never changed.
# Usage: bash Scripts/release/libxml2.sh CACHE   (prints the folder; exits 1 when there is none)
set -euo pipefail
cache="$1/libxml2"
mkdir -p "$cache/apt/sources.list.d" "$cache/apt/lists/partial" "$cache/apt/cache/archives/partial"

# The system's sources as deb-src entries (deb822 .sources files and one-line .list files).
for file in /etc/apt/sources.list.d/*.sources; do
  if [ -f "$file" ]; then sed 's/^Types:.*$/Types: deb-src/' "$file" >"$cache/apt/sources.list.d/${file##*/}"; fi
done
for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
  if [ -f "$file" ]; then sed -n 's/^deb /deb-src /p' "$file"; fi
done >"$cache/apt/sources.list.d/system.list"
apt_options=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$cache/apt/sources.list.d"
  -o "Dir::State::Lists=$cache/apt/lists" -o "Dir::Cache=$cache/apt/cache" -o APT::Sandbox::User=root)

newest_build() { find "$cache" -mindepth 3 -maxdepth 3 -path '*/lib/libxml2.a' | sort -V | tail -1 | xargs -r dirname | xargs -r dirname; }

version=""
if apt-get "${apt_options[@]}" update -qq >"$cache/apt-update.log" 2>&1; then
  version="$(apt-cache "${apt_options[@]}" showsrc libxml2 | awk '/^Version:/ {print $2}' | sort -V | tail -1)"
fi
if [ -z "$version" ]; then
  found="$(newest_build)"
  [ -n "$found" ] || { echo "libxml2: Debian's sources are unreachable and nothing is cached" >&2; exit 1; }
  echo "libxml2: Debian's sources are unreachable; using the cached build in $found" >&2
  echo "$found"
  exit 0
fi
target="$cache/$version"
if [ -f "$target/lib/libxml2.a" ]; then echo "$target"; exit 0; fi

echo "libxml2: building $version without ICU and lzma (about 2 minutes)" >&2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get "${apt_options[@]}" source --download-only -qq "libxml2=$version" >&2)
# apt checked the files against the signed index; dpkg-source unpacks and applies Debian's patches.
dpkg-source --no-check -x "$work"/libxml2_*.dsc "$work/src" >/dev/null
cd "$work/src"
# Debian's patches touch Makefile.am only for tests and docs: keep the shipped configure and Makefile.in
# newer than their sources, so make does not ask for automake.
touch aclocal.m4 && sleep 1 && touch configure config.h.in && find . -name Makefile.in -exec touch {} +
./configure -q --disable-shared --enable-static --with-pic --without-icu --without-lzma --without-python \
  --without-http --without-ftp --with-zlib CFLAGS="-O2 -g0" >"$work/configure.log" 2>&1 ||
  { tail -20 "$work/configure.log" >&2; exit 1; }
make -j"$(nproc)" -s libxml2.la >"$work/make.log" 2>&1 || { tail -20 "$work/make.log" >&2; exit 1; }
mkdir -p "$target.partial/lib" "$target.partial/include/libxml"
cp .libs/libxml2.a "$target.partial/lib/"
cp include/libxml/*.h "$target.partial/include/libxml/"
cp Copyright "$target.partial/COPYING"
mv "$target.partial" "$target"
echo "$target"
