#!/bin/bash
# How bodo scales: build time, index size and query latency for 1x ... 10x the shared corpus,
# as one database and as shards (local stub, and remote behind xapian-tcpsrv).
set -euo pipefail

usage() {
  cat <<'EOF'
usage: bench/scale.sh [--no-build] [--keep]

For each scale factor F (SCALE_FACTORS, default "1 2 5 10"), a corpus F times the shared one
(bench/scale_corpus.py: every release copied F-1 times with a new id and its date moved back by
whole years) is indexed twice:
  - as one database      (bodo-index --db DIR)
  - as SCALE_SHARDS shards by id hash (bodo-index --db DIR --shards 4)
and the dev queries (eval/dev/queries.tsv, 500) are run with snippets and facets
(bodo-search --batch --facets --format json --limit 10 --timings FILE) against
  - the one database,
  - the shards through their local stub (DIR/bodo.stub),
  - the shards served by one xapian-tcpsrv each on loopback ports (a stub of `remote` lines).
Reported per factor and layout: releases, build seconds, index MB (du), and per-query latency
(median and p95 ms, measured by bodo-search around each query of the batch: process start and
index opening are not counted; with remote shards every query crosses TCP).
The report is written to bench/results/<date>-scale[-limitN].md and printed.

  --no-build   use the binaries in $BUILD as they are
  --keep       keep the corpora and indexes under $BENCH_TMP/.../scale (default: indexes are
               removed after each factor, corpora kept)
  -h, --help   this text

environment:
  SCALE_FACTORS="1 2 5 10"   scale factors to run
  SCALE_SHARDS=4             shards of the sharded layout
  BENCH_LIMIT=N              start from the first N releases of the corpus (quick runs)
  SCALE_QUERIES=N            only the first N dev queries (default: all 500)
  BODO_INDEX_OPTS, BODO_SEARCH_OPTS   extra options for bodo-index / bodo-search
  BUILD, BODO_SHARED, BENCH_TMP       see bench/lib.sh

Duration: the builds dominate. A 1x build of the whole corpus is ~4-5 min on the 2-core
machine, so the full run (1+2+5+10 = 18x, twice) takes about 2.5 hours and ~40 GB of disk at 10x (one layout at a time, ~20 GB each, plus the parts of a first build);
BENCH_LIMIT=42000 (a quarter) runs the whole ladder in about 50 minutes; try
BENCH_LIMIT=2000 SCALE_FACTORS="1 2" first (about 2 minutes).
EOF
}

KEEP=0
for a in "$@"; do
  case $a in
    --no-build) export BENCH_NO_BUILD=1 ;;
    --keep) KEEP=1 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

. "$(dirname "$(readlink -f "$0")")/lib.sh"
bench_init

FACTORS=${SCALE_FACTORS:-1 2 5 10}
SHARDS=${SCALE_SHARDS:-4}
for f in $FACTORS; do [[ $f =~ ^[1-9][0-9]*$ ]] || bench_die "SCALE_FACTORS: '$f' is not a positive whole number"; done
[[ $SHARDS =~ ^[1-9][0-9]*$ ]] || bench_die "SCALE_SHARDS must be a positive whole number"
TCPSRV=$(command -v xapian-tcpsrv || true)
[ -n "$TCPSRV" ] || bench_log "xapian-tcpsrv not found (Debian package xapian-tools): the remote layout is skipped"

bench_build_bodo || bench_die "bodo did not build (see $BENCH_TMP/bodo-build.log)"
"$BODO_SEARCH" --help | grep -q -- '--timings' || bench_die "$BODO_SEARCH has no --timings option (rebuild)"

SW=$WORK/scale
LOGS=$SW/logs
mkdir -p "$SW" "$LOGS"
QUERIES_USED=$SW/queries.tsv
if [ -n "${SCALE_QUERIES:-}" ]; then head -n "$SCALE_QUERIES" "$QUERIES" > "$QUERIES_USED"; else cp "$QUERIES" "$QUERIES_USED"; fi
NQ=$(grep -c $'\t' "$QUERIES_USED" || true)
MEASURES=$SW/measures.tsv
printf 'factor\treleases\tlayout\tbuild_s\tindex_bytes\tqueries\tmedian_ms\tp95_ms\tfailed\n' > "$MEASURES"

# ---- xapian-tcpsrv servers, each in a process group of its own; all stopped on exit
SERVER_PIDS=()
stop_servers() {
  local pid
  for pid in "${SERVER_PIDS[@]}"; do
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${SERVER_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  SERVER_PIDS=()
}
trap stop_servers EXIT INT TERM

free_port() {
  $BENCH_PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# start_server DB LOG  starts xapian-tcpsrv for DB on a free loopback port; sets PORT
# (not a $(...) subshell: SERVER_PIDS must reach the EXIT trap)
start_server() {
  local db=$1 log=$2 port pid
  for _ in 1 2 3 4 5; do
    port=$(free_port)
    setsid "$TCPSRV" --port "$port" --interface 127.0.0.1 "$db" >"$log" 2>&1 </dev/null &
    pid=$!
    for _ in $(seq 1 200); do
      if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        SERVER_PIDS+=("$pid")
        PORT=$port
        return 0
      fi
      kill -0 "$pid" 2>/dev/null || break   # exited: the port was taken after all
      sleep 0.05
    done
    kill -TERM -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  bench_die "xapian-tcpsrv did not start for $db (see $log)"
}

# run_queries FACTOR RELEASES LAYOUT DB BUILD_S BYTES  runs the queries, appends a row to MEASURES
run_queries() {
  local factor=$1 releases=$2 layout=$3 db=$4 build_s=$5 bytes=$6
  local timings=$LOGS/x$factor-$layout.timings log=$LOGS/x$factor-$layout.search.log rc=0
  # shellcheck disable=SC2086
  "$BODO_SEARCH" --db "$db" --batch "$QUERIES_USED" --facets --format json --limit 10 --timings "$timings" \
    ${BODO_SEARCH_OPTS:-} > "$LOGS/x$factor-$layout.json" 2> "$log" || rc=$?
  local stats failed
  stats=$($BENCH_PY - "$timings" <<'PY'
import statistics, sys
ms = sorted(float(l.split('\t')[1]) for l in open(sys.argv[1]) if '\t' in l)
if not ms:
    print('0\t\t'); sys.exit()
p95 = ms[min(len(ms) - 1, max(0, int(round(0.95 * len(ms))) - 1))]
print(f'{len(ms)}\t{statistics.median(ms):.1f}\t{p95:.1f}')
PY
)
  failed=$(grep -c '^bodo-search:' "$log" || true)   # one line per query that failed
  [ "$rc" -le 1 ] || bench_log "bodo-search on $layout (x$factor) exited $rc (see $log)"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$factor" "$releases" "$layout" "$build_s" "$bytes" "$stats" "$failed" >> "$MEASURES"
  bench_log "x$factor $layout: $(echo "$stats" | awk -F'\t' '{printf "%s queries, median %s ms, p95 %s ms", $1, $2, $3}')"
}

for F in $FACTORS; do
  corpus=$SW/x$F.jsonl.zst
  # shellcheck disable=SC2153  # CORPUS comes from bench_setup_data
  if [ ! -f "$corpus" ] || [ "$CORPUS" -nt "$corpus" ]; then
    bench_log "x$F: writing the corpus $corpus"
    $BENCH_PY "$BENCH_HERE/scale_corpus.py" "$CORPUS" "$F" | zstd -q -f -o "$corpus.tmp"
    mv "$corpus.tmp" "$corpus"
  fi
  n=$(zstd -dc "$corpus" | wc -l)
  one=$SW/x$F/one
  sharded=$SW/x$F/shards
  rm -rf "$one" "$sharded"
  mkdir -p "$SW/x$F"

  bench_log "x$F: one database of $n releases"
  # shellcheck disable=SC2086
  bench_time /dev/null "$LOGS/x$F-one.index.log" "$BODO_INDEX" --db "$one" --quiet ${BODO_INDEX_OPTS:-} "$corpus" \
    || bench_die "bodo-index failed (see $LOGS/x$F-one.index.log)"
  one_s=$T_WALL one_bytes=$(bench_size "$one")
  bench_log "x$F: one database built in $one_s s, $((one_bytes / 1048576)) MB"
  run_queries "$F" "$n" one "$one" "$one_s" "$one_bytes"
  [ "$KEEP" = 1 ] || rm -rf "$one"   # before the shards are built: at 10x each layout takes ~20 GB

  bench_log "x$F: $SHARDS shards"
  # shellcheck disable=SC2086
  bench_time /dev/null "$LOGS/x$F-shards.index.log" "$BODO_INDEX" --db "$sharded" --shards "$SHARDS" --quiet \
    ${BODO_INDEX_OPTS:-} "$corpus" || bench_die "bodo-index --shards failed (see $LOGS/x$F-shards.index.log)"
  sh_s=$T_WALL sh_bytes=$(bench_size "$sharded")
  bench_log "x$F: shards built in $sh_s s, $((sh_bytes / 1048576)) MB"

  run_queries "$F" "$n" "shards-local" "$sharded/bodo.stub" "$sh_s" "$sh_bytes"
  if [ -n "$TCPSRV" ]; then
    stub=$SW/x$F/remote.stub
    echo "# $SHARDS shards of $sharded, one xapian-tcpsrv each" > "$stub"
    for s in $(seq 0 $((SHARDS - 1))); do
      shard=$(printf '%s/shard-%02d' "$sharded" "$s")
      start_server "$shard" "$LOGS/x$F-tcpsrv-$s.log"
      echo "remote 127.0.0.1:$PORT" >> "$stub"
    done
    run_queries "$F" "$n" "shards-remote" "$stub" "$sh_s" "$sh_bytes"
    stop_servers
  fi
  [ "$KEEP" = 1 ] || rm -rf "$sharded"
done

OUT=$(bench_result_file scale)
{
  echo "# Scale: one database and $SHARDS shards${BENCH_LIMIT:+ (from the first $BENCH_LIMIT releases)}"
  echo
  echo "| scale | releases | layout | build s | index MB | query median ms | query p95 ms | queries | failed |"
  echo "|---|---|---|---|---|---|---|---|---|"
  tail -n +2 "$MEASURES" | while IFS=$'\t' read -r f rel layout bs bytes nq med p95 failed; do
    case $layout in
      one) name="1 database" ;;
      shards-local) name="$SHARDS shards, local stub" ;;
      shards-remote) name="$SHARDS shards, remote (xapian-tcpsrv)" ;;
      *) name=$layout ;;
    esac
    mb=$(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1048576}')
    echo "| ${f}x | $rel | $name | $bs | $mb | $med | $p95 | $nq | $failed |"
  done
  echo
  echo "Queries: $NQ of \`eval/dev/queries.tsv\`, \`bodo-search --batch --facets --format json --limit 10\` (snippets on)${BODO_SEARCH_OPTS:+, options \`$BODO_SEARCH_OPTS\`};"
  echo "latency per query as measured by bodo-search (\`--timings\`), without process start and index opening."
  echo "Build: \`bodo-index --quiet${BODO_INDEX_OPTS:+ $BODO_INDEX_OPTS}\` (one database) and \`--shards $SHARDS\`; the remote layout serves the same shards, so its build and size are theirs. Logs in $LOGS."
  echo "Context: $(bench_context)."
} > "$OUT"
cat "$OUT"
bench_log "report written to $OUT"
