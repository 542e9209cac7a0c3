#!/bin/sh
# Prints what ldd lists for BINARY and fails, naming them, when that is more than glibc (libc, libm,
# ld-linux) and the kernel's linux-vdso: the release binary must run on a machine without Swift,
# libxml2, SQLite, zlib, ICU or libstdc++. Plain sh: it also runs inside the clean Debian root.
# Usage: sh Scripts/release/glibc-only.sh BINARY
set -eu
libraries="$(ldd "$1")"
echo "$libraries"
others="$(echo "$libraries" | grep -vE '^[[:space:]]*(linux-vdso\.so|libc\.so|libm\.so|/lib64/ld-linux-x86-64\.so)' || true)"
if [ -n "$others" ]; then
  echo "glibc-only: $1 needs more than glibc:" >&2
  echo "$others" >&2
  exit 1
fi
