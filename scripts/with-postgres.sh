#!/usr/bin/env bash
# with-postgres.sh COMMAND…: runs COMMAND with a throwaway PostgreSQL cluster on 127.0.0.1 and
# FEEDWATCH_TEST_POSTGRES set to its connection string. The cluster belongs to a non-root user
# (PostgreSQL refuses to run as root), lives in a temporary folder, and is stopped and removed when
# COMMAND ends, whether it passed or not. PG_SERVER_OPTIONS adds server options (for profiling, say
# "-c shared_preload_libraries=pg_stat_statements").
set -euo pipefail
bindir=${PG_BINDIR:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -x "$bindir/initdb" ] || { echo "with-postgres: no initdb (install postgresql; make deps does)" >&2; exit 1; }
folder=$(mktemp -d /tmp/feedwatch-pg.XXXXXX)
chmod 755 "$folder"
port=${PG_PORT:-$((20000 + RANDOM % 12000))}   # below Linux's ephemeral ports (32768 and up)
as_owner=()
if [ "$(id -u)" = 0 ]; then
  owner=${PG_OWNER:-nobody}
  chown "$owner" "$folder"
  as_owner=(runuser -u "$owner" --)
fi
stop() {
  "${as_owner[@]}" "$bindir/pg_ctl" -D "$folder/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$folder"
}
trap stop EXIT
"${as_owner[@]}" "$bindir/initdb" -D "$folder/data" -U feedwatch -A trust -E UTF8 --no-locale >"$folder/initdb.log" 2>&1 \
  || { cat "$folder/initdb.log" >&2; exit 1; }
"${as_owner[@]}" "$bindir/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w \
  -o "-h 127.0.0.1 -p $port -k $folder -c fsync=off -c max_connections=200 ${PG_SERVER_OPTIONS:-}" start >/dev/null \
  || { cat "$folder/server.log" >&2; exit 1; }
export FEEDWATCH_TEST_POSTGRES="host=127.0.0.1 port=$port user=feedwatch dbname=postgres"
export FEEDWATCH_TEST_POSTGRES_PORT=$port FEEDWATCH_TEST_POSTGRES_DATA="$folder/data" FEEDWATCH_TEST_POSTGRES_BIN="$bindir"
"$@"
