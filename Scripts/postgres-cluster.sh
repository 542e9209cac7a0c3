#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: initdb + pg_ctl on a folder of its own, listening
# on 127.0.0.1 (a free port) and on a Unix socket in that folder. initdb and the server refuse to
# run as root, so as root they run as the `postgres` user (Debian's package creates it).
#
#   postgres-cluster.sh start DIR [OWNER_PID]   prints the URL (also written to DIR/url); with
#                                               OWNER_PID, the cluster stops and DIR goes once
#                                               that process has ended (a test run that crashed)
#   postgres-cluster.sh stop DIR                stops it and removes DIR
#
# Trust authentication for everyone but the role `tidemark_password`, which must give its
# password (scram-sha-256): the tests of a wrong password create it. fsync is off: the data is
# thrown away.
set -euo pipefail

# Descriptors inherited beyond 0-2 are closed, all but the one bash reads this script through: a
# test process may hold other commands' pipes at the moment it starts this script, and the server
# and the watcher below, which outlive it, would keep them open, so whoever reads such a pipe to its
# end would wait for ever.
script="$(readlink -f "$0")"
for fd in /proc/$$/fd/*; do
  fd="${fd##*/}"
  [ "$fd" -gt 2 ] || continue
  [ "$(readlink "/proc/$$/fd/$fd" 2>/dev/null || true)" = "$script" ] && continue
  eval "exec $fd>&-" 2>/dev/null || true
done

command="${1:-}"
dir="${2:-}"
if [ -z "$command" ] || [ -z "$dir" ]; then
  echo "usage: $0 start|stop DIR [OWNER_PID]" >&2
  exit 64
fi

bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [ -z "$bin" ] || [ ! -x "$bin/pg_ctl" ]; then
  echo "postgres-cluster: no PostgreSQL server here (apt-get install postgresql)" >&2
  exit 69
fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "$command" in
start)
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  [ "$(id -u)" = 0 ] && chown postgres: "$dir"
  as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    exit 1
  }
  hba="$dir/data/pg_hba.conf"
  {
    echo "local all tidemark_password scram-sha-256"
    echo "host all tidemark_password 127.0.0.1/32 scram-sha-256"
    cat "$hba"
  } >"$hba.new"
  cat "$hba.new" >"$hba" && rm -f "$hba.new"
  port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -h 127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || {
    cat "$dir/server.log" >&2
    exit 1
  }
  url="postgresql://postgres@127.0.0.1:$port/postgres"
  echo "$url" >"$dir/url"
  echo "$port" >"$dir/port"
  if [ -n "${3:-}" ]; then
    owner="$3"
    # Detached from the caller's pipes, so a caller reading this script's output is not kept waiting.
    # Its own descriptors above 2 are closed first: it would otherwise keep this script's open.
    nohup bash -c "for fd in /proc/\$\$/fd/*; do fd=\${fd##*/}; [ \$fd -gt 2 ] && eval \"exec \$fd>&-\" 2>/dev/null; done
      while kill -0 $owner 2>/dev/null; do sleep 1; done; '$0' stop '$dir'" >/dev/null 2>&1 </dev/null &
  fi
  echo "$url"
  ;;
stop)
  if [ -d "$dir/data" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  ;;
*)
  echo "usage: $0 start|stop DIR [OWNER_PID]" >&2
  exit 64
  ;;
esac
