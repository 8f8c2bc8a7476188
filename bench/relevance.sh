#!/bin/bash
# Relevance and query speed of bodo and of peer engines on the shared dev query set, in one run.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: bench/relevance.sh [--reuse] [--no-peers] [--no-build]

Builds bodo (Release) if needed, indexes the shared corpus (korea-kr-2020-2026.jsonl.zst) into
/tmp/bench/bodo-index, runs the dev queries (eval/dev/queries.tsv, top 10), does the same with the
peer engines on the same data, scores every run with /work/shared/eval/score.py and prints one
table: MRR@10 / S@1 / S@10 per query kind, ms/query, and ratios to bodo; then the same engines
on the held-out sets (bench/heldout, bench/heldout_spread) and the natural questions (bench/questions), full corpus
only, scored the same way; last, the title-tie ceiling of the dev and held-out sets beside every
run (bench/title_ceiling.py: what ranking by titles alone, ties in random order, would score).
The report is written to bench/results/<date>-relevance.md.

  --reuse      keep existing indexes (bodo's and the peers') instead of rebuilding them
  --no-peers   bodo only
  --no-build   don't run cmake; use the binaries already in $BUILD
  -h, --help   this text

environment:
  PEERS="lucene_nori lucene_cjk xapian sqlite_fts5_trigram"   peers to run (directories of /work/shared/peers)
  BENCH_LIMIT=N       only the first N releases (quick smoke test); all queries run, scored on those
                      whose target is in the subset
  LUCENE_WARMUP=1     untimed warm-up passes before timing the queries (default 1; bodo gets the same)
  BODO_INDEX_OPTS     extra bodo-index options (e.g. "--jobs 1")
  BODO_SEARCH_OPTS    extra bodo-search options (default: --no-snippets if bodo-search has it)
  BUILD, BODO_SHARED, BENCH_TMP   see bench/lib.sh

Durations on the full corpus (2 cores): bodo ?, Lucene nori ~4 min, Lucene CJK ~1 min,
omindex ~15 min, FTS5 trigram ~2.5 min to index; searching takes seconds each.
Indexes: /tmp/bench/bodo-index, /tmp/bench/idx/<peer>; runs and logs: /tmp/bench/runs/.
EOF
}

REUSE=0 NO_PEERS=0 SEARCH_OPTS=
for a in "$@"; do
  case $a in
    --reuse) REUSE=1 ;;
    --no-peers) NO_PEERS=1 ;;
    --no-build) export BENCH_NO_BUILD=1 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

. "$(dirname "$(readlink -f "$0")")/lib.sh"
bench_init

PEERS=${PEERS-lucene_nori lucene_cjk xapian sqlite_fts5_trigram}
[ "$NO_PEERS" = 1 ] && PEERS=""
export LUCENE_WARMUP=${LUCENE_WARMUP:-1}
K=10
RUNS=$WORK/runs
mkdir -p "$RUNS" "$WORK/idx"
NQ=$(grep -c . "$QUERIES")
MEASURES=$RUNS/relevance-measures.tsv
printf 'engine\tms_query\tms_source\tindex_s\tindex_bytes\tnote\n' > "$MEASURES"
failed=()

# measure ENGINE MS MS_SOURCE INDEX_S INDEX_BYTES NOTE
measure() { printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >> "$MEASURES"; }

# search_timing LOG WALL  prints "ms source": the engine's own ms/query, else wall/queries
search_timing() {
  local ms
  ms=$(bench_ms_per_query "$1")
  if [ -n "$ms" ]; then echo "$ms engine"; else echo "$(echo "scale=3; $2 * 1000 / $NQ" | bc) wall"; fi
}

# ---- bodo
run_bodo() {
  local db=$WORK/bodo-index idx_s="" idx_b=""
  if ! bench_build_bodo; then
    failed+=("bodo (build failed / binary missing, see $BENCH_TMP/bodo-build.log)")
    measure bodo "" "" "" "" "build failed / binary missing"
    return 0
  fi
  # $db.done names the bodo-index that built $db: reuse only an index of this binary
  if [ "$REUSE" = 1 ] && [ -f "$db.done" ] && [ "$(cat "$db.done")" = "$BODO_INDEX" ]; then
    bench_log "bodo: reusing $db"
    if [ "$BODO_INDEX" -nt "$db.done" ]; then bench_log "warning: $BODO_INDEX is newer than the reused index"; fi
  else
    rm -rf "$db" "$db.done"
    bench_log "bodo: indexing $CORPUS into $db"
    # shellcheck disable=SC2086
    if ! bench_time "$RUNS/bodo.index.log" "$RUNS/bodo.index.log" "$BODO_INDEX" --db "$db" ${BODO_INDEX_OPTS:-} "$CORPUS"; then
      echo "bench: bodo: bodo-index FAILED (see $RUNS/bodo.index.log):" >&2; tail -n 5 "$RUNS/bodo.index.log" >&2
      failed+=("bodo (bodo-index failed)"); measure bodo "" "" "" "" "bodo-index failed"
      return 0
    fi
    echo "$BODO_INDEX" > "$db.done"
    idx_s=$T_WALL
    bench_log "bodo: indexed in $T_WALL s, peak RSS $((T_RSS_KB / 1024)) MB"
  fi
  idx_b=$(bench_size "$db")
  # the peers print no snippets: leave them out if this bodo-search knows the option
  SEARCH_OPTS=${BODO_SEARCH_OPTS-}
  if [ -z "${BODO_SEARCH_OPTS+set}" ] && grep -q -- --no-snippets <<<"$("$BODO_SEARCH" --help 2>&1 || true)"; then
    SEARCH_OPTS=--no-snippets
  fi
  # untimed warm-up passes, as Lucene gets (LUCENE_WARMUP): the index pages in the page cache
  for _ in $(seq 1 "$LUCENE_WARMUP"); do
    # shellcheck disable=SC2086
    "$BODO_SEARCH" --db "$db" --batch "$QUERIES" --format trec --limit "$K" $SEARCH_OPTS > /dev/null 2>&1 || true
  done
  bench_log "bodo: searching $NQ queries${SEARCH_OPTS:+ ($SEARCH_OPTS)}"
  # shellcheck disable=SC2086
  if ! bench_time "$RUNS/bodo.run" "$RUNS/bodo.search.log" "$BODO_SEARCH" --db "$db" --batch "$QUERIES" --format trec --limit "$K" $SEARCH_OPTS; then
    echo "bench: bodo: bodo-search FAILED (see $RUNS/bodo.search.log):" >&2; tail -n 5 "$RUNS/bodo.search.log" >&2
    failed+=("bodo (bodo-search failed)"); rm -f "$RUNS/bodo.run"; measure bodo "" "" "$idx_s" "$idx_b" "bodo-search failed"
    return 0
  fi
  read -r ms src < <(search_timing "$RUNS/bodo.search.log" "$T_WALL")
  measure bodo "$ms" "$src" "$idx_s" "$idx_b" ""
}

# ---- one peer
run_peer() {
  local p=$1 idx=$WORK/idx/$1 idx_s="" idx_b=""
  if [ ! -x "$PEERS_DIR/$p/index.sh" ]; then
    failed+=("$p (no such peer)"); measure "$p" "" "" "" "" "no such peer in $PEERS_DIR"; return 0
  fi
  if [ "$REUSE" = 1 ] && [ -f "$idx.done" ]; then
    bench_log "$p: reusing $idx"
  else
    rm -f "$idx.done"
    bench_log "$p: indexing $TXT into $idx"
    if ! bench_time /dev/null "$RUNS/$p.index.log" "$PEERS_DIR/$p/index.sh" "$TXT" "$idx"; then
      echo "bench: $p: index FAILED (see $RUNS/$p.index.log):" >&2; tail -n 5 "$RUNS/$p.index.log" >&2
      failed+=("$p (index failed)"); measure "$p" "" "" "" "" "index failed"; return 0
    fi
    touch "$idx.done"
    idx_s=$T_WALL
    bench_log "$p: indexed in $T_WALL s, peak RSS $((T_RSS_KB / 1024)) MB"
  fi
  idx_b=$(bench_size "$idx")
  bench_log "$p: searching $NQ queries"
  if ! bench_time "$RUNS/$p.run" "$RUNS/$p.search.log" "$PEERS_DIR/$p/search.sh" "$idx" "$QUERIES" "$K"; then
    echo "bench: $p: search FAILED (see $RUNS/$p.search.log):" >&2; tail -n 5 "$RUNS/$p.search.log" >&2
    failed+=("$p (search failed)"); rm -f "$RUNS/$p.run"; measure "$p" "" "" "$idx_s" "$idx_b" "search failed"; return 0
  fi
  read -r ms src < <(search_timing "$RUNS/$p.search.log" "$T_WALL")
  measure "$p" "$ms" "$src" "$idx_s" "$idx_b" ""
}

rm -f "$RUNS"/*.run
run_bodo
if [ -n "$PEERS" ]; then
  bench_prepare_txt
  for p in $PEERS; do run_peer "$p"; done
fi

# ---- score and report
runs=()
for f in "$RUNS"/bodo.run $(for p in $PEERS; do echo "$RUNS/$p.run"; done); do
  [ -f "$f" ] && runs+=("$f")
done
[ ${#runs[@]} -gt 0 ] || bench_die "no run to score: ${failed[*]}"
python3 "$EVAL_DIR/score.py" "$QRELS" "${runs[@]}" > "$RUNS/score.txt"

OUT=$(bench_result_file relevance)
NSCORED=$(cut -d' ' -f1 "$QRELS" | sort -u | wc -l)
{
  $BENCH_PY "$BENCH_HERE/lib.py" relevance-report "$RUNS/score.txt" "$MEASURES" \
    "Relevance and query speed: bodo vs peers${BENCH_LIMIT:+ (first $BENCH_LIMIT releases)}"
  echo "Data: $RELEASES releases from \`$(basename "$CORPUS")\`${BENCH_LIMIT:+ (first $BENCH_LIMIT of the corpus)}; $NQ queries run, $NSCORED scored (\`$(basename "$QRELS")\`), top $K; LUCENE_WARMUP=$LUCENE_WARMUP; bodo-index options: \`${BODO_INDEX_OPTS:-(defaults)}\`, bodo-search options: \`${SEARCH_OPTS:-(none)}\`."
  echo "Index times are wall seconds of the whole indexing command (\`–\` = index reused); sizes are \`du -sb\`."
  echo "Context: $(bench_context)."
} > "$OUT"

# ---- more query sets on the same indexes: bench/heldout (queries nobody tuned on) and
# bench/questions (natural-language questions, and 21 held-out ones); full corpus only
extra_set() {  # NAME QUERIES QRELS HEADING
  local name=$1 queries=$2 qrels=$3 heading=$4
  [ -z "${BENCH_LIMIT:-}" ] && [ -f "$queries" ] || return 0
  local sruns=$RUNS/$name
  mkdir -p "$sruns"
  rm -f "$sruns"/*.run
  local runs=()
  if [ -f "$RUNS/bodo.run" ]; then
    bench_log "bodo: searching the $name set"
    # shellcheck disable=SC2086
    "$BODO_SEARCH" --db "$WORK/bodo-index" --batch "$queries" --format trec --limit "$K" $SEARCH_OPTS \
      > "$sruns/bodo.run" 2> "$sruns/bodo.search.log" && runs+=("$sruns/bodo.run")
  fi
  for p in $PEERS; do
    [ -f "$RUNS/$p.run" ] || continue
    bench_log "$p: searching the $name set"
    "$PEERS_DIR/$p/search.sh" "$WORK/idx/$p" "$queries" "$K" > "$sruns/$p.run" 2> "$sruns/$p.search.log" \
      && runs+=("$sruns/$p.run")
  done
  [ ${#runs[@]} -gt 0 ] || return 0
  {
    echo
    echo "## $heading (\`bench/${queries#"$BENCH_HERE"/}\`, $(grep -c . "$queries") queries, same indexes)"
    echo
    echo '```'
    python3 "$EVAL_DIR/score.py" "$qrels" "${runs[@]}"
    echo '```'
  } >> "$OUT"
}
extra_set heldout "$BENCH_HERE/heldout/queries.tsv" "$BENCH_HERE/heldout/qrels.trec" "Held-out set"
extra_set heldout_spread "$BENCH_HERE/heldout_spread/queries.tsv" "$BENCH_HERE/heldout_spread/qrels.trec" \
  "Second held-out set, words spread as in dev"
extra_set questions "$BENCH_HERE/questions/questions.tsv" "$BENCH_HERE/questions/qrels.trec" "Natural questions"
extra_set questions-heldout "$BENCH_HERE/questions/heldout_questions.tsv" "$BENCH_HERE/questions/heldout_qrels.trec" \
  "Held-out natural questions (written after every ranking choice)"

# ---- how far titles alone decide on the two known-item sets (bench/title_ceiling.py), full corpus only
if [ -z "${BENCH_LIMIT:-}" ]; then
  bench_log "title-tie ceilings of the dev and held-out sets"
  {
    echo
    echo "## Title-tie ceiling (\`bench/title_ceiling.py\`: titles alone, ties in random order; MRR@10)"
    echo
    echo '```'
    echo "dev set"
    python3 "$BENCH_HERE/title_ceiling.py" "$CORPUS" "$QUERIES" "$QRELS" "${runs[@]}"
    for set in heldout heldout_spread; do
      [ -d "$RUNS/$set" ] || continue
      printf '\n%s\n' "bench/$set"
      python3 "$BENCH_HERE/title_ceiling.py" "$CORPUS" "$BENCH_HERE/$set/queries.tsv" "$BENCH_HERE/$set/qrels.trec" \
        "$RUNS/$set"/*.run
    done
    echo '```'
  } >> "$OUT"
fi
cat "$OUT"
bench_log "report written to $OUT"
if [ ${#failed[@]} -gt 0 ]; then
  bench_log "FAILED: ${failed[*]}"
  exit 1
fi
