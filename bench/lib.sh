# shellcheck shell=bash disable=SC2034  # (variables are used by the scripts that source this file)
# Shared shell functions for the bench/ scripts. Source it: `. "$(dirname "$0")/lib.sh"`.
#
# Debian packages the benchmarks use (the lead keeps scripts/setup.sh in step):
#   time (GNU time, /usr/bin/time -v), zstd, python3 (/usr/bin/python3), coreutils (du, wc),
#   util-linux (flock); the peers need what /work/shared/peers/install.sh installs.
#
# Environment:
#   BODO_SHARED   the shared folder (default: <repo>/../shared)
#   BUILD         bodo's build folder (default: <repo>/build-release, configured as Release)
#   BENCH_TMP     scratch folder for indexes, runs and logs (default: /tmp/bench)
#   BENCH_LIMIT   N: use only the first N releases of the corpus (quick runs)
#   BENCH_BUILD_JOBS  parallel jobs for `cmake --build` (default 2)

BENCH_PY=/usr/bin/python3
BENCH_HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_HERE/.." && pwd)
BUILD=${BUILD:-$REPO/build-release}
BENCH_TMP=${BENCH_TMP:-/tmp/bench}
PEERS_TXT=/tmp/peers/txt

bench_log() { echo "bench: $*" >&2; }
bench_die() { echo "bench: error: $*" >&2; exit 1; }

# What every benchmark does first: find the shared data (or skip), check for GNU time, set up the
# corpus (or its BENCH_LIMIT subset) and the query set.
bench_init() {
  bench_find_shared
  bench_need_time
  bench_setup_data
}

# Locates the shared folder and sets SHARED, FULL_CORPUS, EVAL_DIR, PEERS_DIR.
# Exits 0 with a message when it is absent, so that CI without the data skips the benchmarks.
bench_find_shared() {
  SHARED=${BODO_SHARED:-$REPO/../shared}
  FULL_CORPUS=$SHARED/corpus/korea-kr-2020-2026.jsonl.zst
  if [ ! -f "$FULL_CORPUS" ]; then
    echo "bench: shared corpus not found at $FULL_CORPUS; skipping (set BODO_SHARED)" >&2
    exit 0
  fi
  SHARED=$(cd "$SHARED" && pwd)
  FULL_CORPUS=$SHARED/corpus/korea-kr-2020-2026.jsonl.zst
  EVAL_DIR=$SHARED/eval
  PEERS_DIR=$SHARED/peers
}

# Installs GNU time if /usr/bin/time is missing (package `time`).
bench_need_time() {
  [ -x /usr/bin/time ] && return 0
  bench_log "installing the Debian package 'time' (GNU time, for wall time and peak RSS)"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends time >&2 \
    || { $sudo apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends time >&2; } \
    || bench_die "could not install 'time'"
}

# bench_time OUT ERR CMD...  runs CMD (stdin /dev/null) with stdout to OUT and stderr to ERR (either may be /dev/null),
# under /usr/bin/time -v. Sets T_WALL (seconds, from $EPOCHREALTIME) and T_RSS_KB (peak RSS of the
# largest process of the command's tree). Returns the command's exit status.
bench_time() {
  local out=$1 err=$2; shift 2
  local tv rc=0 t0 t1
  tv=$(mktemp "$BENCH_TMP/time.XXXXXX")
  t0=$EPOCHREALTIME
  /usr/bin/time -v -o "$tv" "$@" </dev/null >"$out" 2>"$err" || rc=$?
  t1=$EPOCHREALTIME
  T_WALL=$(echo "$t1 - $t0" | bc)
  T_WALL=$(printf '%.3f' "$T_WALL")
  T_RSS_KB=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$tv")
  T_RSS_KB=${T_RSS_KB:-0}
  rm -f "$tv"
  return $rc
}

# bench_size DIR  prints the size of DIR in bytes (du -sb).
bench_size() { du -sb "$1" | cut -f1; }

# Sets up the data of this run according to BENCH_LIMIT:
#   WORK     scratch folder of this data set ($BENCH_TMP, or $BENCH_TMP/limit-N)
#   CORPUS   the .jsonl.zst to index; RELEASES its number of releases; PLAIN_BYTES its plain size
#   QUERIES, QRELS  the query set (always all dev queries) and the qrels to score against
#                   (with BENCH_LIMIT: only the queries with a target in the subset)
#   TXT      the peers' input folder (one .txt a release); made by bench_prepare_txt
#   SUFFIX   "" or "-limitN", for result file names
bench_setup_data() {
  mkdir -p "$BENCH_TMP"
  QUERIES=$EVAL_DIR/dev/queries.tsv
  if [ -n "${BENCH_LIMIT:-}" ] && [ "${BENCH_LIMIT}" != 0 ]; then
    [[ $BENCH_LIMIT =~ ^[0-9]+$ ]] || bench_die "BENCH_LIMIT must be a number of releases"
    WORK=$BENCH_TMP/limit-$BENCH_LIMIT
    SUFFIX=-limit$BENCH_LIMIT
    CORPUS=$WORK/corpus.jsonl.zst
    TXT=$WORK/txt
    QRELS=$WORK/qrels.trec
    mkdir -p "$WORK"
    if [ ! -f "$CORPUS" ] || [ "$FULL_CORPUS" -nt "$CORPUS" ]; then
      bench_log "BENCH_LIMIT=$BENCH_LIMIT: writing the first $BENCH_LIMIT releases to $CORPUS"
      # `|| true`: zstd gets SIGPIPE when head has read enough
      (zstd -dc "$FULL_CORPUS" 2>/dev/null || true) | head -n "$BENCH_LIMIT" | zstd -q -f -o "$CORPUS.tmp"
      mv "$CORPUS.tmp" "$CORPUS"
      rm -f "$QRELS"
    fi
    if [ ! -f "$QRELS" ]; then
      $BENCH_PY "$BENCH_HERE/lib.py" subset-qrels "$EVAL_DIR/dev/qrels.trec" "$CORPUS" "$QRELS.tmp"
      mv "$QRELS.tmp" "$QRELS"
    fi
  else
    WORK=$BENCH_TMP
    SUFFIX=
    CORPUS=$FULL_CORPUS
    TXT=$PEERS_TXT
    QRELS=$EVAL_DIR/dev/qrels.trec
  fi
  # releases and plain bytes of the input, computed once (zstd -dc | wc)
  local stats=$WORK/corpus.stats
  if [ ! -f "$stats" ] || [ "$CORPUS" -nt "$stats" ]; then
    bench_log "counting releases and plain bytes of $CORPUS"
    zstd -dc "$CORPUS" | wc -l -c | awk '{print $1, $2}' > "$stats.tmp"
    mv "$stats.tmp" "$stats"
  fi
  read -r RELEASES PLAIN_BYTES < "$stats"
  bench_log "data: $RELEASES releases ($(awk -v b="$PLAIN_BYTES" 'BEGIN {printf "%.1f", b / 1e6}') MB plain) from $CORPUS; work folder $WORK"
}

# Makes the peers' input folder $TXT (one TITLE\n\nBODY .txt a release, by the shared
# jsonl_to_txt.py) unless it already holds $RELEASES files. Not timed by the benchmarks.
bench_prepare_txt() {
  mkdir -p "$(dirname "$TXT")"
  (
    flock 9   # one preparation at a time (a background preparation may be running)
    local n=0
    [ -d "$TXT" ] && n=$(find "$TXT" -maxdepth 1 -name '*.txt' | wc -l)
    if [ "$n" -eq "$RELEASES" ]; then
      bench_log "peers' input $TXT ready ($n files)"
      exit 0
    fi
    bench_log "preparing the peers' input $TXT ($RELEASES text files; found $n) ..."
    rm -rf "$TXT.tmp"
    $BENCH_PY "$PEERS_DIR/jsonl_to_txt.py" <(zstd -dc "$CORPUS") "$TXT.tmp"
    n=$(find "$TXT.tmp" -maxdepth 1 -name '*.txt' | wc -l)
    [ "$n" -eq "$RELEASES" ] || { echo "bench: error: $TXT.tmp has $n files, expected $RELEASES" >&2; exit 1; }
    rm -rf "$TXT"
    mv "$TXT.tmp" "$TXT"
    bench_log "peers' input $TXT ready ($n files)"
  ) 9>"$TXT.lock"
}

# Builds bodo (Release) in $BUILD unless BENCH_NO_BUILD=1, and sets BODO_INDEX and BODO_SEARCH.
# Returns 1 with a clear message when the build fails or a binary is missing.
bench_build_bodo() {
  BODO_INDEX=$BUILD/indexer/bodo-index
  BODO_SEARCH=$BUILD/searcher/bodo-search
  local log=$BENCH_TMP/bodo-build.log
  mkdir -p "$BENCH_TMP"
  if [ "${BENCH_NO_BUILD:-0}" != 1 ]; then
    bench_log "building bodo (Release) in $BUILD (log: $log)"
    : > "$log"
    # configure when there is no cache or an earlier configure did not generate the build files
    if [ ! -f "$BUILD/CMakeCache.txt" ] || { [ ! -f "$BUILD/Makefile" ] && [ ! -f "$BUILD/build.ninja" ]; }; then
      if ! cmake -S "$REPO" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >>"$log" 2>&1; then
        echo "bench: bodo: build FAILED (cmake configure; see $log):" >&2; tail -n 15 "$log" >&2
        return 1
      fi
    fi
    if ! cmake --build "$BUILD" -j"${BENCH_BUILD_JOBS:-2}" >>"$log" 2>&1; then
      echo "bench: bodo: build FAILED (see $log):" >&2; grep -m 12 -E 'error:|undefined reference|Error [0-9]' "$log" >&2 || tail -n 15 "$log" >&2
      return 1
    fi
  fi
  local type
  type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD/CMakeCache.txt" 2>/dev/null || true)
  [ "$type" = Release ] || bench_log "warning: $BUILD is configured as '${type:-unknown}', not Release"
  local b
  for b in "$BODO_INDEX" "$BODO_SEARCH"; do
    if [ ! -x "$b" ]; then
      echo "bench: bodo: binary missing: $b" >&2
      return 1
    fi
  done
  return 0
}

# bench_ms_per_query LOG  prints the 'Y' of '(Y ms/query)' in a search log, or nothing.
bench_ms_per_query() {
  sed -n 's/.*(\([0-9.]*\) ms\/query).*/\1/p' "$1" | tail -n 1
}

# bench_result_file KIND  prints bench/results/<date>-KIND<suffix>.md (creating the folder).
bench_result_file() {
  mkdir -p "$BENCH_HERE/results"
  echo "$BENCH_HERE/results/$(date +%F)-$1$SUFFIX.md"
}

# One line about the machine and the code, for the reports.
bench_context() {
  local rev
  rev=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo "no commit")
  [ -z "$(git -C "$REPO" status --porcelain 2>/dev/null)" ] || rev="$rev + uncommitted changes"
  echo "$(date '+%F %T %Z'), $(hostname), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), bodo $rev, load average $(cut -d' ' -f1-3 /proc/loadavg)"
}
