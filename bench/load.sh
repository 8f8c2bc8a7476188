#!/bin/bash
# Load benchmark of bodo-serve: the dev queries as /api/search requests from wrk at 1, 8 and 32
# concurrent connections, without and with facets, then again while a bodo-index run adds
# releases and commits (there must be no failed request). Prints a Markdown table, with
# bodo-search's per-query time over the same queries beside it.
#
#   bench/load.sh [DB]          DB: the index to serve (default $BODO_DB, else /tmp/idx/base)
#
# Environment:
#   BUILD       build folder with server/bodo-serve, searcher/bodo-search, indexer/bodo-index
#               (default <repo>/build-serve)
#   QUERIES     qid<TAB>query file (default <repo>/../shared/eval/dev/queries.tsv)
#   DURATION    seconds per wrk run (default 15)
#   CONNECTIONS connection counts (default "1 8 32")
#   THREADS     bodo-serve --threads (default: its own default)
#   COMMIT_RELEASES  releases the commit run adds (default 1000; committed every 250)
#   COMMIT      0: leave out the run while bodo-index commits (default 1)
#   LOAD_TMP    scratch folder (default /tmp/bench-load); the commit run works on a copy of DB
#               there, never on DB itself
# Needs wrk, python3, zstd (scripts/setup.sh installs them).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
BUILD=${BUILD:-$REPO/build-serve}
DB=${1:-${BODO_DB:-/tmp/idx/base}}
QUERIES=${QUERIES:-$REPO/../shared/eval/dev/queries.tsv}
DURATION=${DURATION:-15}
CONNECTIONS=${CONNECTIONS:-"1 8 32"}
COMMIT_RELEASES=${COMMIT_RELEASES:-1000}
LOAD_TMP=${LOAD_TMP:-/tmp/bench-load}
CORPUS=${CORPUS:-$REPO/../shared/corpus/korea-kr-2020-2026.jsonl.zst}
PY=/usr/bin/python3
SERVE=$BUILD/server/bodo-serve
SEARCH=$BUILD/searcher/bodo-search
INDEX=$BUILD/indexer/bodo-index

die() { echo "load: $*" >&2; exit 1; }
command -v wrk >/dev/null || die "wrk not installed (scripts/setup.sh)"
[ -x "$SERVE" ] || die "no $SERVE (build first: cmake --build $BUILD)"
[ -f "$QUERIES" ] || { echo "load: no query file $QUERIES; skipping" >&2; exit 0; }
[ -e "$DB" ] || die "no index at $DB"
mkdir -p "$LOAD_TMP"
cores=$(nproc)

"$PY" "$HERE/load/paths.py" "$QUERIES" "" > "$LOAD_TMP/plain.paths"
"$PY" "$HERE/load/paths.py" "$QUERIES" "&facets=true" > "$LOAD_TMP/facets.paths"
nq=$(wc -l < "$LOAD_TMP/plain.paths")

server_pid=""
stop_server() { if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=""; fi; }
trap stop_server EXIT

# start_server DB [extra args]: sets PORT
start_server() {
  local db=$1; shift
  : > "$LOAD_TMP/serve.out"
  "$SERVE" --db "$db" --listen 127.0.0.1:0 ${THREADS:+--threads "$THREADS"} "$@" > "$LOAD_TMP/serve.out" 2> "$LOAD_TMP/serve.err" &
  server_pid=$!
  for _ in $(seq 200); do
    PORT=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$LOAD_TMP/serve.out")
    [ -n "$PORT" ] && break
    sleep 0.05
  done
  [ -n "$PORT" ] || die "bodo-serve did not start: $(cat "$LOAD_TMP/serve.err")"
  echo "load: $(cat "$LOAD_TMP/serve.out")" >&2
}

# run_wrk PATHS CONNECTIONS SECONDS: prints the RESULT fields
run_wrk() {
  local paths=$1 c=$2 d=$3 t=$(( $2 < 2 ? 1 : 2 ))
  BODO_LOAD_PATHS=$paths wrk -t"$t" -c"$c" -d"${d}s" --timeout 30s -s "$HERE/load/load.lua" "http://127.0.0.1:$PORT" \
    | sed -n 's/^RESULT\t//p'
}

row() {  # label connections fields...
  local label=$1 c=$2; shift 2
  IFS=$'\t' read -r n secs rps p50 p90 p99 max errs non2xx <<< "$*"
  printf '| %s | %s | %s | %.1f | %.2f | %s | %s | %s | %s | %s |\n' "$label" "$c" "$n" "$rps" \
    "$(awk "BEGIN{print $rps / $cores}")" "$p50" "$p90" "$p99" "$max" "$((errs + non2xx))"
}

echo "load: index $DB, $nq queries from $QUERIES, $cores cores, ${DURATION}s a run" >&2
# bodo-search over the same queries, one process, one query after another (the CLI's own timing).
per_query() {
  "$SEARCH" --db "$DB" --batch "$QUERIES" --format json "$@" 2>&1 >/dev/null | sed -n 's/.*(\([0-9.]*\) ms\/query).*/\1/p'
}
cli_plain=$(per_query)
cli_facets=$(per_query --facets)

start_server "$DB"
# Warm the page cache and every thread's handle once.
run_wrk "$LOAD_TMP/plain.paths" 8 5 > /dev/null

echo
echo "| requests | connections | requests done | req/s | req/s per core | p50 ms | p90 ms | p99 ms | max ms | failed |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for kind in plain facets; do
  for c in $CONNECTIONS; do
    row "$kind" "$c" "$(run_wrk "$LOAD_TMP/$kind.paths" "$c" "$DURATION")"
  done
done
stop_server
if [ "${COMMIT:-1}" = 0 ]; then
  echo
  echo "bodo-search --batch over the same $nq queries: $cli_plain ms/query, $cli_facets ms/query with --facets (one process, one query at a time)"
  exit 0
fi

# While bodo-index adds releases to a copy of the index and commits every 250.
copy=$LOAD_TMP/index-copy
rm -rf "$copy"
cp -a "$DB" "$copy"
# (zstd stops with SIGPIPE when the script has read enough: not a failure)
{ zstd -dc "$CORPUS" 2>/dev/null || true; } | "$PY" "$HERE/load/new_releases.py" "$COMMIT_RELEASES" "$$" > "$LOAD_TMP/new.jsonl"
start_server "$copy" --reopen-check 1
before=$(curl -s --max-time 10 "http://127.0.0.1:$PORT/healthz" || true)
BODO_LOAD_PATHS=$LOAD_TMP/plain.paths wrk -t2 -c8 -d600s --timeout 30s -s "$HERE/load/load.lua" "http://127.0.0.1:$PORT" \
  > "$LOAD_TMP/commit.wrk" &
wrk_pid=$!
sleep 2
t0=$(date +%s.%N)
"$INDEX" --db "$copy" --quiet --commit-every 250 "$LOAD_TMP/new.jsonl" 2> "$LOAD_TMP/index.err" || true
t1=$(date +%s.%N)
sleep 3  # the server moves to the last commit
kill -INT "$wrk_pid"; wait "$wrk_pid" || true
after=$(curl -s --max-time 10 "http://127.0.0.1:$PORT/healthz" || true)
stop_server
row "plain, while bodo-index commits" 8 "$(sed -n 's/^RESULT\t//p' "$LOAD_TMP/commit.wrk")"
echo
echo "$(grep "^bodo-index:" "$LOAD_TMP/index.err" | tail -1) ($(awk "BEGIN{printf \"%.1f\", $t1 - $t0}") s under load)"
echo "server before: $before"
echo "server after:  $after"
echo "bodo-search --batch over the same $nq queries: $cli_plain ms/query, $cli_facets ms/query with --facets (one process, one query at a time)"
rm -rf "$copy"
