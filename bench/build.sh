#!/bin/bash
# Index build speed of bodo against peer engines, a nightly-update simulation and a no-change rerun.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: bench/build.sh [--no-peers] [--no-nightly] [--no-rerun] [--no-build] [--prepare-only]

1. Full build of the shared corpus (korea-kr-2020-2026.jsonl.zst) by bodo and, in the same run, by
   the peers lucene_nori and xapian (omindex): wall seconds, releases/s, MB/s of plain input,
   peak RSS, index size, and the ratios bodo/peer.
   The peers read pre-split text files (/tmp/peers/txt, prepared once, not timed); bodo reads the
   compressed JSON Lines directly.
2. No-change rerun: bodo-index again over the same input into the same index; its time as a
   fraction of the full build.
3. Nightly simulation: a fresh index of everything before the last BENCH_NIGHTS days of the
   corpus (60: dated before 2026-03-23), then one bodo-index run per later day
   (... 2026-05-21); median seconds per night and per release, the index size after each night
   (the curve, MB per night) and which nights bodo-index compacted the index on its own.
The report is written to bench/results/<date>-build.md and printed.

  --no-peers    bodo only
  --no-nightly  skip the nightly simulation
  --no-rerun    skip the no-change rerun
  --no-build    don't run cmake; use the binaries already in $BUILD
  --prepare-only  only prepare the untimed inputs (peers' text files, nightly split, sizes), then exit
  -h, --help    this text

environment:
  PEERS="lucene_nori xapian"   peers to build (directories of /work/shared/peers)
  BENCH_LIMIT=N     only the first N releases (quick smoke test; nights = its last BENCH_NIGHTS days)
  BENCH_NIGHTS=60   number of nights (calendar days at the end of the corpus)
  BODO_INDEX_OPTS   extra bodo-index options (e.g. "--jobs 1")
  BUILD, BODO_SHARED, BENCH_TMP   see bench/lib.sh

Durations on the full corpus (2 cores): omindex ~15 min, Lucene nori ~4 min, plus bodo's full
build, rerun and base build. Don't run it while the machine is busy compiling: times vary.
EOF
}

NO_PEERS=0 NIGHTLY=1 RERUN=1 PREPARE_ONLY=0
for a in "$@"; do
  case $a in
    --no-peers) NO_PEERS=1 ;;
    --no-nightly) NIGHTLY=0 ;;
    --no-rerun) RERUN=0 ;;
    --no-build) export BENCH_NO_BUILD=1 ;;
    --prepare-only) PREPARE_ONLY=1 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

. "$(dirname "$(readlink -f "$0")")/lib.sh"
bench_init

PEERS=${PEERS-lucene_nori xapian}
[ "$NO_PEERS" = 1 ] && PEERS=""
NIGHTS=${BENCH_NIGHTS:-60}

# ---- untimed inputs: the peers' text files, the nightly split
NIN=$WORK/nightly-input-$NIGHTS
prepare_nightly() {
  if [ ! -f "$NIN/manifest.tsv" ] || [ "$CORPUS" -nt "$NIN/manifest.tsv" ]; then
    bench_log "splitting $CORPUS into a base and $NIGHTS nights ($NIN)"
    rm -rf "$NIN" "$NIN.tmp"
    $BENCH_PY "$BENCH_HERE/lib.py" split-nightly "$CORPUS" "$NIN.tmp" "$NIGHTS"
    mv "$NIN.tmp" "$NIN"
  fi
}
if [ -n "$PEERS" ]; then bench_prepare_txt; fi
if [ "$NIGHTLY" = 1 ]; then prepare_nightly; fi
if [ "$PREPARE_ONLY" = 1 ]; then
  bench_log "inputs prepared"
  exit 0
fi

LOGS=$WORK/build-logs
mkdir -p "$LOGS" "$WORK/idx"
MEASURES=$LOGS/measures.tsv
NIGHTS_TSV=$LOGS/nights.tsv
printf 'step\tstatus\treleases\twall_s\trss_kb\tindex_bytes\n' > "$MEASURES"
printf 'date\treleases\tstatus\twall_s\trss_kb\tindex_bytes\tcompacted\n' > "$NIGHTS_TSV"
failed=()

# measure STEP STATUS RELEASES  (wall, RSS from the last bench_time; index size of $4 if given)
measure() {
  local size=""
  [ -n "${4:-}" ] && [ -e "$4" ] && size=$(bench_size "$4")
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "${T_WALL:-}" "${T_RSS_KB:-}" "$size" >> "$MEASURES"
}

# bodo_index STEP DB LOG INPUT...  one timed bodo-index run; records failures
bodo_index() {
  local step=$1 db=$2 log=$3; shift 3
  # shellcheck disable=SC2086
  if bench_time "$log" "$log" "$BODO_INDEX" --db "$db" ${BODO_INDEX_OPTS:-} "$@"; then
    return 0
  fi
  echo "bench: bodo: $step FAILED (see $log):" >&2; tail -n 5 "$log" >&2
  failed+=("bodo $step")
  return 1
}

# ---- bodo: full build, no-change rerun, nightly simulation
BODO_OK=1
if ! bench_build_bodo; then
  BODO_OK=0
  failed+=("bodo (build failed / binary missing, see $BENCH_TMP/bodo-build.log)")
  printf 'bodo-full\tbuild failed / binary missing\t\t\t\t\n' >> "$MEASURES"
fi

if [ "$BODO_OK" = 1 ]; then
  DB=$WORK/bodo-index   # the same index relevance.sh uses (it reuses it with --reuse)
  rm -rf "$DB" "$DB.done"
  bench_log "bodo: full build of $CORPUS into $DB"
  if bodo_index full "$DB" "$LOGS/bodo-full.log" "$CORPUS"; then
    echo "$BODO_INDEX" > "$DB.done"   # for relevance.sh --reuse
    measure bodo-full ok "$RELEASES" "$DB"
    bench_log "bodo: full build $T_WALL s, peak RSS $((T_RSS_KB / 1024)) MB"
    if [ "$RERUN" = 1 ]; then
      bench_log "bodo: no-change rerun over the same input"
      if bodo_index rerun "$DB" "$LOGS/bodo-rerun.log" "$CORPUS"; then
        measure bodo-rerun ok "$RELEASES" "$DB"
        bench_log "bodo: rerun $T_WALL s"
      else
        measure bodo-rerun failed "$RELEASES"
      fi
    fi
  else
    rm -rf "$DB"
    measure bodo-full failed "$RELEASES"
  fi

  if [ "$NIGHTLY" = 1 ]; then
    NDB=$WORK/bodo-nightly
    rm -rf "$NDB"
    base_n=$(wc -l < "$NIN/base.jsonl")
    bench_log "bodo: nightly base build ($base_n releases) into $NDB"
    if bodo_index nightly-base "$NDB" "$LOGS/bodo-nightly-base.log" "$NIN/base.jsonl"; then
      measure bodo-nightly-base ok "$base_n" "$NDB"
      while IFS=$'\t' read -r day n; do
        if [ "$n" -eq 0 ]; then
          printf '%s\t0\tno releases\t\t\t\t\n' "$day" >> "$NIGHTS_TSV"
          continue
        fi
        if bodo_index "night $day" "$NDB" "$LOGS/bodo-night-$day.log" "$NIN/nights/$day.jsonl"; then st=ok; else st=failed; fi
        # bodo-index's line when it compacted the index on its own: "compacted DIR: A MB → B MB in S s (…)"
        comp=$(sed -n 's/^bodo-index: compacted [^:]*: .* in \([0-9.]*\) s .*/\1/p' "$LOGS/bodo-night-$day.log" | tail -n 1)
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$day" "$n" "$st" "$T_WALL" "$T_RSS_KB" "$(bench_size "$NDB")" "$comp" >> "$NIGHTS_TSV"
        bench_log "bodo: night $day: $n releases, $T_WALL s ($st)"
      done < "$NIN/manifest.tsv"
    else
      measure bodo-nightly-base failed "$base_n"
    fi
  fi
fi

# ---- peers: full builds from the pre-split text files
if [ -n "$PEERS" ]; then
  for p in $PEERS; do
    idx=$WORK/idx/$p   # shared with relevance.sh --reuse
    if [ ! -x "$PEERS_DIR/$p/index.sh" ]; then
      failed+=("$p (no such peer)"); printf '%s-full\tno such peer\t\t\t\t\n' "$p" >> "$MEASURES"; continue
    fi
    rm -f "$idx.done"
    bench_log "$p: full build of $TXT into $idx"
    if bench_time /dev/null "$LOGS/$p-full.log" "$PEERS_DIR/$p/index.sh" "$TXT" "$idx"; then
      touch "$idx.done"
      measure "$p-full" ok "$RELEASES" "$idx"
      bench_log "$p: full build $T_WALL s, peak RSS $((T_RSS_KB / 1024)) MB"
    else
      echo "bench: $p: index FAILED (see $LOGS/$p-full.log):" >&2; tail -n 5 "$LOGS/$p-full.log" >&2
      failed+=("$p (index failed)"); measure "$p-full" failed "$RELEASES"
    fi
  done
fi

# ---- report
OUT=$(bench_result_file build)
nights_arg=-
[ "$NIGHTLY" = 1 ] && [ "$BODO_OK" = 1 ] && nights_arg=$NIGHTS_TSV
{
  $BENCH_PY "$BENCH_HERE/lib.py" build-report "$MEASURES" "$nights_arg" "$RELEASES" "$PLAIN_BYTES" \
    "Index build: bodo vs peers${BENCH_LIMIT:+ (first $BENCH_LIMIT releases)}"
  echo "Data: \`$(basename "$CORPUS")\`${BENCH_LIMIT:+ (first $BENCH_LIMIT releases of the corpus)}; bodo-index options: \`${BODO_INDEX_OPTS:-(defaults)}\`; logs in $LOGS."
  echo "Context: $(bench_context)."
} > "$OUT"
cat "$OUT"
bench_log "report written to $OUT"
if [ ${#failed[@]} -gt 0 ]; then
  bench_log "FAILED: ${failed[*]}"
  exit 1
fi
