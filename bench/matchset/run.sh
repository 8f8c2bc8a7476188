#!/bin/bash
# Match-set benchmark: runs bodo and Lucene nori (AND operator) on bench/matchset/queries.tsv,
# lists every release each engine matches and scores the sets against the computed truth.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: bench/matchset/run.sh [--bodo-only | --nori-only] [--help]

Runs the match-set queries (bench/matchset/queries.tsv, made by make_set.py) with
  bodo:  bodo-search --db $BODO_DB --batch --no-collapse --no-snippets: first --format json
         --limit 0 for each query's total, then --format trec --limit 10000 pages (--offset 0,
         10000, ...) until every matched release is listed (checked against the total);
  nori:  LUCENE_OP=and ../shared/peers/lucene_nori/search.sh NORI_INDEX queries.tsv 200000
         (the nori index is built first if missing: peers' text files in /tmp/peers/txt, ~1 min,
         then lucene_nori/index.sh, ~4 min);
then scores both with score.py (P, R, F1 per kind, macro over queries) and prints the table.

  --bodo-only   run bodo only; reuse the nori run of an earlier run ($MATCHSET_TMP/runs/nori.run)
                in the table (said so below the table). About 1-2 minutes.
  --nori-only   run nori only (and score it beside the last bodo run, if any)

environment:
  BODO_DB        bodo index (default /tmp/idx/base)
  BODO_SEARCH    bodo-search binary (default <repo>/build/searcher/bodo-search)
  BODO_QUERY     plain (default: the query as written) | and (words joined with AND, for comparison)
  NORI_INDEX     nori index (default $MATCHSET_TMP/nori-index)
  MATCHSET_TMP   runs, logs and the corpus id list (default /tmp/matchset)
  BODO_SHARED    the shared folder (default <repo>/../shared)

Output: the table on stdout and in $MATCHSET_TMP/report.md; the worst queries per engine and kind
in $MATCHSET_TMP/worst.md; every query's figures in $MATCHSET_TMP/per_query.tsv.
Only releases of the shared corpus count: an index holding more (e.g. the MSIT archive or the
English pages) has its other releases dropped before scoring (the note under the table counts them).
EOF
}

MODE=both
for a in "$@"; do
  case $a in
    --bodo-only) MODE=bodo ;;
    --nori-only) MODE=nori ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

HERE=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
PY=/usr/bin/python3
SHARED=${BODO_SHARED:-$REPO/../shared}
CORPUS=$SHARED/corpus/korea-kr-2020-2026.jsonl.zst
if [ ! -f "$CORPUS" ]; then
  echo "matchset: shared corpus not found at $CORPUS; skipping (set BODO_SHARED)" >&2
  exit 0
fi
SHARED=$(cd "$SHARED" && pwd)
TMP=${MATCHSET_TMP:-/tmp/matchset}
RUNS=$TMP/runs
DB=${BODO_DB:-/tmp/idx/base}
SEARCH=${BODO_SEARCH:-$REPO/build/searcher/bodo-search}
NORI_INDEX=${NORI_INDEX:-$TMP/nori-index}
BODO_QUERY=${BODO_QUERY:-plain}
QUERIES=$HERE/queries.tsv
PAGE=${MATCHSET_PAGE:-10000}  # results per bodo-search page (at most 10000)
mkdir -p "$RUNS"
log() { echo "matchset: $*" >&2; }
NQ=$(grep -c . "$QUERIES")

# ids of the corpus' releases, once (the truth's universe)
IDS=$TMP/corpus-ids.txt
if [ ! -s "$IDS" ] || [ "$CORPUS" -nt "$IDS" ]; then
  log "listing the corpus' release ids in $IDS"
  zstd -dc "$CORPUS" | $PY -c '
import json, sys
for line in sys.stdin:
    print(json.loads(line)["id"])' > "$IDS.tmp"
  mv "$IDS.tmp" "$IDS"
fi

# ---- bodo
run_bodo() {
  [ -x "$SEARCH" ] || { log "bodo-search not found at $SEARCH"; return 1; }
  [ -e "$DB" ] || { log "bodo index not found at $DB (set BODO_DB)"; return 1; }
  local q=$RUNS/bodo.queries.tsv
  if [ "$BODO_QUERY" = and ]; then
    awk -F'\t' -v OFS='\t' '{ n = split($2, w, " "); s = w[1]; for (i = 2; i <= n; i++) s = s " AND " w[i]; print $1, s }' "$QUERIES" > "$q"
  else
    cp "$QUERIES" "$q"
  fi
  local t0=$EPOCHREALTIME
  log "bodo: totals of $NQ queries ($SEARCH --db $DB)"
  "$SEARCH" --db "$DB" --batch "$q" --format json --limit 0 --no-collapse --no-snippets \
    > "$RUNS/bodo.totals.json" 2> "$RUNS/bodo.search.log" || [ $? -eq 1 ]
  $PY -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    print(r["qid"], r["total"], "exact" if r.get("total_exact", True) else "about", r.get("match", "-"), sep="\t")' \
    "$RUNS/bodo.totals.json" > "$RUNS/bodo.totals.tsv"
  [ "$(wc -l < "$RUNS/bodo.totals.tsv")" -eq "$NQ" ] || { log "bodo: $(wc -l < "$RUNS/bodo.totals.tsv") totals for $NQ queries"; return 1; }
  : > "$RUNS/bodo.run.tmp"
  local off=0 page=$RUNS/bodo.page.tsv
  cp "$q" "$page"
  while [ -s "$page" ]; do
    log "bodo: listing $(wc -l < "$page") queries from offset $off"
    "$SEARCH" --db "$DB" --batch "$page" --format trec --limit "$PAGE" --offset "$off" --no-collapse --no-snippets \
      > "$RUNS/bodo.page.run" 2>> "$RUNS/bodo.search.log" || [ $? -eq 1 ]
    cat "$RUNS/bodo.page.run" >> "$RUNS/bodo.run.tmp"
    off=$((off + PAGE))
    # next page: the queries whose total is beyond this page, or whose page was full (estimated totals)
    awk -v off="$off" -v page="$PAGE" 'NR == FNR { n[$1]++; next } ($2 > off || n[$1] >= page) { print $1 }' \
      "$RUNS/bodo.page.run" "$RUNS/bodo.totals.tsv" > "$RUNS/bodo.next"
    awk -F'\t' 'NR == FNR { want[$1] = 1; next } ($1 in want)' "$RUNS/bodo.next" "$q" > "$page"
  done
  mv "$RUNS/bodo.run.tmp" "$RUNS/bodo.run"
  BODO_WALL=$(printf '%.1f' "$(echo "$EPOCHREALTIME - $t0" | bc)")
  # every matched release listed: as many lines as the total says (for exact totals)
  local bad
  bad=$(awk 'NR == FNR { n[$1]++; next } $3 == "exact" && n[$1] + 0 != $2 { c++; if (c <= 5) printf "%s listed %d of %d; ", $1, n[$1], $2 } END { if (c) print c " queries" }' \
    "$RUNS/bodo.run" "$RUNS/bodo.totals.tsv")
  [ -z "$bad" ] || log "bodo: WARNING: listing differs from the total: $bad"
  log "bodo: $(wc -l < "$RUNS/bodo.run") releases listed in $BODO_WALL s; $(grep -vc 'exact' "$RUNS/bodo.totals.tsv" || true) estimated totals; match kinds: $(cut -f4 "$RUNS/bodo.totals.tsv" | sort | uniq -c | xargs)"
  return 0
}

# ---- nori
nori_index() {
  [ -f "$NORI_INDEX.done" ] && return 0
  (  # a subshell: lib.sh sets QUERIES, REPO and more of its own
  BENCH_TMP=$TMP
  # shellcheck source=../lib.sh
  . "$REPO/bench/lib.sh"
  BODO_SHARED=$SHARED bench_find_shared
  BENCH_TMP=$TMP bench_setup_data
  bench_prepare_txt
  log "nori: building $NORI_INDEX from $TXT (about 4 minutes)"
  local t0=$EPOCHREALTIME
  "$SHARED/peers/lucene_nori/index.sh" "$TXT" "$NORI_INDEX" > "$TMP/nori-index.log" 2>&1 \
    || { log "nori: index FAILED (see $TMP/nori-index.log)"; tail -n 5 "$TMP/nori-index.log" >&2; return 1; }
  touch "$NORI_INDEX.done"
  log "nori: index built in $(printf '%.0f' "$(echo "$EPOCHREALTIME - $t0" | bc)") s"
  )
}

run_nori() {
  nori_index || return 1
  log "nori: searching $NQ queries (LUCENE_OP=and, K=200000)"
  local t0=$EPOCHREALTIME
  LUCENE_OP=and "$SHARED/peers/lucene_nori/search.sh" "$NORI_INDEX" "$QUERIES" 200000 \
    > "$RUNS/nori.run.tmp" 2> "$RUNS/nori.search.log" \
    || { log "nori: search FAILED (see $RUNS/nori.search.log)"; tail -n 5 "$RUNS/nori.search.log" >&2; return 1; }
  mv "$RUNS/nori.run.tmp" "$RUNS/nori.run"
  NORI_WALL=$(printf '%.1f' "$(echo "$EPOCHREALTIME - $t0" | bc)")
  date '+%F %T %Z' > "$RUNS/nori.run.when"
  log "nori: $(wc -l < "$RUNS/nori.run") releases listed in $NORI_WALL s"
}

status=0 BODO_WALL="" NORI_WALL=""
if [ "$MODE" != nori ]; then run_bodo || { log "bodo FAILED"; rm -f "$RUNS/bodo.run"; status=1; }; fi
if [ "$MODE" != bodo ]; then run_nori || { log "nori FAILED"; rm -f "$RUNS/nori.run"; status=1; }; fi

runs=()
[ -f "$RUNS/bodo.run" ] && runs+=("bodo=$RUNS/bodo.run")
[ -f "$RUNS/nori.run" ] && runs+=("nori-AND=$RUNS/nori.run")
[ ${#runs[@]} -gt 0 ] || { log "no run to score"; exit 1; }

rev=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo "no commit")
[ -z "$(git -C "$REPO" status --porcelain -uno 2>/dev/null || true)" ] || rev="$rev, with uncommitted changes in the tree"
built=$(date -r "$SEARCH" '+%F %T %Z' 2>/dev/null || echo "?")
# the index changes under a benchmark when its lexicon or database is rewritten: say when it last did
idx_when=$(find "$DB" -maxdepth 1 -type f ! -name flintlock -printf '%TY-%Tm-%Td %TH:%TM:%.2TS %f\n' 2>/dev/null | sort | tail -n 1)
{
  echo "## Match set: bodo vs Lucene nori (AND), $NQ queries of bench/matchset"
  echo
  $PY "$HERE/score.py" --universe "$IDS" --worst "$TMP/worst.md" --per-query "$TMP/per_query.tsv" \
    "$HERE/meta.tsv" "$HERE/qrels.trec.zst" "${runs[@]}"
  echo
  echo "bodo: $SEARCH built $built (HEAD $rev), index $DB (last written ${idx_when:-?}; queries: $BODO_QUERY${BODO_WALL:+, listed in $BODO_WALL s}); nori-AND: $NORI_INDEX${NORI_WALL:+, searched in $NORI_WALL s}."
  if [ "$MODE" = bodo ] && [ -f "$RUNS/nori.run" ]; then
    echo "The nori run is reused from an earlier run ($(cat "$RUNS/nori.run.when" 2>/dev/null || echo 'date unknown'))."
  fi
  echo "$(date '+%F %T %Z'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)."
} > "$TMP/report.md"
cat "$TMP/report.md"
log "report: $TMP/report.md; worst queries: $TMP/worst.md; per query: $TMP/per_query.tsv"
exit $status
