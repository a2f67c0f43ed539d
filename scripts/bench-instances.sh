#!/usr/bin/env bash
# bench-instances.sh [FEEDS]: one poll cycle over FEEDS feeds (default 10000) served on 127.0.0.1 by
# scripts/bench-server.py (half change with a new matching item per poll, half answer 304), by 1, 2
# and 3 `feedwatch poll --once` instances at once on one PostgreSQL database, and by one instance on
# SQLite. Prints wall time, feeds per minute, the instances' CPU-s per 1,000 feeds and PostgreSQL's own.
# Needs `swift build -c release --product feedwatch`; runs inside scripts/with-postgres.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${FEEDWATCH_TEST_POSTGRES_PORT:-}" ]; then exec ./scripts/with-postgres.sh "$0" "$@"; fi
feeds=${1:-10000}
binary=$PWD/.build/release/feedwatch
port=18593
folder=$(mktemp -d /tmp/feedwatch-bench-instances.XXXXXX)
python3 scripts/bench-server.py $port > /dev/null 2>&1 &
server=$!
trap 'kill -9 $server 2>/dev/null; rm -rf "$folder"' EXIT
sleep 1
config() {  # config FILE [DATABASE-URL]
  {
    echo "settings: {concurrency: 16, per_host: 16, timeout: 20s, metrics: off${2:+, database: '$2'}}"
    echo "sinks: [{name: hook, type: webhook, url: 'http://127.0.0.1:$port/hook'}]"
    echo "watchlists: [{name: russia-cyber, rule: all, topics: [{name: cyber, terms: [cyber operations]}, {name: Russia, entity: Russia}]}]"
    echo "feeds:"
    for n in $(seq 0 $((feeds - 1))); do echo "  - http://127.0.0.1:$port/feed/$n.xml"; done
  } > "$1"
}
postgres_cpu() {  # clock ticks used so far by every postgres process of the test cluster
  local total=0
  for pid in $(pgrep -f "postgres -D $FEEDWATCH_TEST_POSTGRES_DATA"; pgrep -P "$(pgrep -f "postgres -D $FEEDWATCH_TEST_POSTGRES_DATA" | head -1)"); do
    total=$((total + $(awk '{print $14 + $15 + $16 + $17}' /proc/$pid/stat 2>/dev/null || echo 0)))
  done
  echo $total
}
cycle() {  # cycle CONFIG INSTANCES LABEL
  local started ended pg_before pg_after cpu=0
  pg_before=$(postgres_cpu)
  started=$(date +%s.%N)
  local pids=()
  for i in $(seq "$2"); do
    /usr/bin/time -f "%U %S" -o "$folder/time-$i" "$binary" poll --once --config "$1" --delivery-timeout 0 > /dev/null 2>&1 &
    pids+=($!)
  done
  wait "${pids[@]}" || true
  ended=$(date +%s.%N)
  pg_after=$(postgres_cpu)
  for i in $(seq "$2"); do cpu=$(awk -v c="$cpu" '{print c + $1 + $2}' "$folder/time-$i"); done
  awk -v l="$3" -v w="$(echo "$ended - $started" | bc)" -v c="$cpu" -v f="$feeds" -v p="$(( pg_after - pg_before ))" -v hz="$(getconf CLK_TCK)" \
    'BEGIN { printf "%-22s %7.1f s wall  %7.0f feeds/min  %5.2f CPU-s per 1,000 feeds (instances)  %5.2f (PostgreSQL)\n", l, w, f / w * 60, c * 1000 / f, p / hz * 1000 / f }'
}
url="postgres://feedwatch@127.0.0.1:$FEEDWATCH_TEST_POSTGRES_PORT/postgres"
config "$folder/pg.yaml" "$url"
config "$folder/sqlite.yaml"
"$binary" poll --once --config "$folder/pg.yaml" --delivery-timeout 0 > /dev/null 2>&1 || true      # registers, marks the backlog seen
"$binary" poll --once --config "$folder/sqlite.yaml" --delivery-timeout 0 > /dev/null 2>&1 || true
echo "one poll cycle over $feeds feeds on 127.0.0.1"
cycle "$folder/sqlite.yaml" 1 "SQLite, 1 instance"
for n in 1 2 3; do cycle "$folder/pg.yaml" $n "PostgreSQL, $n instance(s)"; done
