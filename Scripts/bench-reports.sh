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

# steal_start, then steal_share: the percentage of CPU time a virtual machine's host took (steal in
# /proc/stat) between the two, so that a run slowed by the host can be told from one slowed by
# anything else (on 7 December every command, xmllint included, ran up to 60 % slower for minutes
# while the steal counter stood still). Prints "?" where /proc/stat cannot tell.
cpu_times() { awk '/^cpu /{print $2+$3+$4+$5+$6+$7+$8+$9, $9}' /proc/stat 2>/dev/null; }
steal_start() { read -r steal_total_before steal_before < <(cpu_times); }
steal_share() {
  local total_after steal_after
  read -r total_after steal_after < <(cpu_times)
  if [ -n "${steal_total_before:-}" ] && [ -n "${total_after:-}" ] && [ "$total_after" -gt "$steal_total_before" ]; then
    awk "BEGIN{printf \"%.1f\", 100 * ($steal_after - $steal_before) / ($total_after - $steal_total_before)}"
  else
    echo "?"
  fi
}

# This machine's disk is ext4 without a journal: there, a new inode skips every inode deleted in the
# last 60 s, or 360 s while its inode table block is unwritten (ext4 recently_deleted()), and creating
# files keeps those blocks unwritten. A 20 000-file `generate` minutes after another bench deleted its
# sites took 4–9 s with 7–16 s of system time, against 1.2–1.5 s (7 December; `perf`: find_inode_bit
# and recently_deleted, and the other thread spinning on the folder's lock). So the disk benches
# delete their old outputs only after measuring (delete_outputs, which stamps the time) and wait out
# the window before measuring (wait_after_deletions). Deletions made by hand are not seen: wait six
# minutes after them.

# delete_outputs PATH…: removes the paths, writes them out and stamps the time in $bench_dir.
delete_outputs() {
  rm -rf "$@"
  sync
  date +%s > "$bench_dir/.deleted-at"
}

# wait_after_deletions: sleeps until six minutes have passed since the last delete_outputs here
# (BENCH_NO_WAIT=1 to measure at once).
wait_after_deletions() {
  local stamp="$bench_dir/.deleted-at" left
  [ -f "$stamp" ] && [ "${BENCH_NO_WAIT:-0}" != 1 ] || return 0
  left=$(($(cat "$stamp") + 370 - $(date +%s)))
  if [ "$left" -gt 0 ]; then
    echo "== waiting ${left} s: a bench deleted its outputs here at $(date -d "@$(cat "$stamp")" +%T) (ext4 recently_deleted(); BENCH_NO_WAIT=1 skips this)"
    sleep "$left"
  fi
}
