# Sourced by the bench scripts: the synthetic reports they share, made once and kept in BENCH_DIR.
# Needs $gen_big (../shared/tools/gen_big.py), $bench_dir and a `note` function from the caller.

# make_report NAME GEN_BIG_ARGS…: $bench_dir/NAME.xml and its sources in $bench_dir/NAME-src (once).
# --source is the source tree, so report paths resolve to files that exist (src/bigproj/…).
make_report() {
  local name="$1"; shift
  if [ ! -f "$bench_dir/$name.xml" ] || [ ! -d "$bench_dir/$name-src" ]; then
    echo "== generating $name ($*)"
    rm -rf "$bench_dir/$name-src"
    python3 "$gen_big" "$@" --seed 7 --source "$bench_dir/$name-src" --emit-sources "$bench_dir/$name-src" \
      -o "$bench_dir/$name.xml" >&2 || { note "gen_big.py failed"; return 1; }
  fi
}
