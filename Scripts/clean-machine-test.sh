#!/usr/bin/env bash
# The wheel on a machine that has never seen Swift: a minimal Debian 12 root (debootstrap
# --variant=minbase) with only python3 and pip added; `pip install` of the wheel puts `tidemark` on
# the PATH, and the sample site it generates (Scripts/sample-site.sh) is checked: no Swift and no
# libxml2 in the root, ldd lists glibc only, index.html shows both components, summary.json agrees
# with Tests/Examples/totals.py, and the whole site is byte-identical to the committed public/.
# The root with python3 and pip is made once and kept as a tarball in CACHE (Debian's mirror is
# needed then); each run unpacks a fresh copy, so nothing of an earlier run remains. Runs as root
# (chroot, mount).
# Usage: bash Scripts/clean-machine-test.sh WHEEL      CACHE: ${TIDEMARK_CACHE:-~/.cache/tidemark}
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
wheel="$(realpath "$1")"
cache="${TIDEMARK_CACHE:-$HOME/.cache/tidemark}"
# Bump the suffix when the root's recipe changes, so an old tarball is not reused.
base="$cache/debian-bookworm-minbase-python3-pip-1.tar"
mkdir -p "$cache"
work="$(mktemp -d)"
root="$work/root"
cleanup() {
  if mountpoint -q "$root/proc" 2>/dev/null; then umount "$root/proc"; fi
  rm -rf "$work"
}
trap cleanup EXIT
in_root() { chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 "$@"; }

make_base() {
  local mirror
  mirror="$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)"
  echo "clean-machine: making the Debian 12 root (debootstrap --variant=minbase, python3, pip)" >&2
  mkdir -p "$root"
  debootstrap --variant=minbase bookworm "$root" "${mirror:-http://deb.debian.org/debian}" >"$work/debootstrap.log" 2>&1 ||
    { tail -20 "$work/debootstrap.log" >&2; exit 1; }
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  mount -t proc proc "$root/proc"
  in_root apt-get update -qq
  in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3 python3-pip >"$work/apt.log" 2>&1 ||
    { tail -20 "$work/apt.log" >&2; exit 1; }
  in_root apt-get clean
  umount "$root/proc"
  rm -rf "$root"/var/lib/apt/lists/*
  tar -C "$root" -cf "$base.partial" . && mv "$base.partial" "$base"
  rm -rf "$root"
}

started=$SECONDS
[ -f "$base" ] || make_base
mkdir -p "$root"
tar -C "$root" -xf "$base"
mount -t proc proc "$root/proc"
echo "clean-machine: root ready after $(( SECONDS - started )) s" >&2

# What the test runs with: the wheel, the example data and the sample-site script; nothing else.
mkdir -p "$root/srv/tidemark/Scripts" "$root/srv/tidemark/Tests"
cp "$wheel" "$root/tmp/"
cp Scripts/sample-site.sh "$root/srv/tidemark/Scripts/"
cp Scripts/clean-machine/check_totals.py Scripts/release/glibc-only.sh "$root/srv/"
cp -r Tests/Examples "$root/srv/tidemark/Tests/"

in_root bash -euo pipefail -c '
  if command -v swift || dpkg -s libxml2-dev 2>/dev/null || ls /usr/lib/x86_64-linux-gnu | grep -E "^lib(xml2|icu)"; then
    echo "clean-machine: the root has Swift or libxml2" >&2; exit 1
  fi
  python3 -m pip install --quiet --no-index --break-system-packages --root-user-action=ignore /tmp/'"${wheel##*/}"'
  command -v tidemark
  tidemark --version
  python3 -m tidemark --version
  sh /srv/glibc-only.sh "$(command -v tidemark)"
  cd /srv/tidemark
  TIDEMARK_BINARY="$(command -v tidemark)" bash Scripts/sample-site.sh /srv/site
  python3 /srv/check_totals.py Tests/Examples /srv/site
'
site="$root/srv/site"
for component in python rust; do
  grep -q "c/$component/index.html" "$site/index.html" ||
    { echo "clean-machine: index.html does not show the component $component" >&2; exit 1; }
done
if ! diff -r -x .tidemark-manifest "$site" public >/dev/null; then
  echo "clean-machine: the site differs from the committed public/:" >&2
  diff -r -x .tidemark-manifest "$site" public | head -20 >&2
  exit 1
fi
echo "clean-machine: passed in $(( SECONDS - started )) s" >&2
