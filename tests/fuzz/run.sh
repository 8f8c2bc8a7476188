#!/bin/sh
# Builds the libFuzzer targets with clang into build-fuzz/ and runs each for SECONDS (default 20).
#
#   tests/fuzz/run.sh [SECONDS] [TARGET...]      e.g. tests/fuzz/run.sh 600 fuzz_jsonl
#
# Targets: fuzz_jsonl fuzz_markdown fuzz_text_page fuzz_archive fuzz_query. Each starts from
# the seeds in tests/fuzz/corpus/<target>/ (never written to) and keeps what it finds in
# build-fuzz/fuzz-work/<target>/. A crash leaves its input in build-fuzz/fuzz-crashes/ and makes
# the script fail; replay it with build-fuzz/tests/fuzz/<target> FILE.
# Needs clang++ and libFuzzer (Debian: clang libclang-rt-14-dev); exits 77 (skipped) without.
# Environment: BODO_FUZZ_CXX (default clang++), BODO_FUZZ_BUILD_DIR (default build-fuzz),
# BODO_FUZZ_SEED (libFuzzer's -seed; ctest's fuzz_smoke sets 1 so that CI runs repeat).
set -eu
cd "$(dirname "$0")/../.."
seconds=${1:-20}
[ $# -gt 0 ] && shift
cxx=${BODO_FUZZ_CXX:-clang++}
build=${BODO_FUZZ_BUILD_DIR:-build-fuzz}
if ! command -v "$cxx" >/dev/null 2>&1; then
  echo "fuzz: $cxx not found (apt-get install clang libclang-rt-14-dev): skipped" >&2
  exit 77
fi
mkdir -p "$build/fuzz-logs"
# -O1 with line tables only: quick to build, fast enough to fuzz, crash reports with file:line.
cmake -S . -B "$build" -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="-O1 -gline-tables-only" \
  -DBODO_FUZZ=ON -DBUILD_TESTING=OFF >"$build/fuzz-logs/configure.log" 2>&1 || { cat "$build/fuzz-logs/configure.log" >&2; exit 1; }
cmake --build "$build" -j"$(nproc)" --target fuzzers >"$build/fuzz-logs/build.log" 2>&1 ||
  { tail -50 "$build/fuzz-logs/build.log" >&2; exit 1; }

targets=${*:-"fuzz_jsonl fuzz_markdown fuzz_text_page fuzz_archive fuzz_query"}
mkdir -p "$build/fuzz-crashes"
failed=""
for target in $targets; do
  work="$build/fuzz-work/$target"
  mkdir -p "$work"
  log="$build/fuzz-logs/$target.log"
  # ASan's leak check stays on; UBSan stops at the first finding (-fno-sanitize-recover).
  if "$build/tests/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -print_final_stats=1 ${BODO_FUZZ_SEED:+-seed=$BODO_FUZZ_SEED} -artifact_prefix="$build/fuzz-crashes/$target-" \
      "$work" "tests/fuzz/corpus/$target" >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    echo "fuzz: $target: ${runs:-?} inputs in ${seconds} s, no failure"
  else
    echo "fuzz: $target FAILED (log: $log):" >&2
    tail -40 "$log" >&2
    failed="$failed $target"
  fi
done
if [ -n "$failed" ]; then
  echo "fuzz: failures in$failed; inputs in $build/fuzz-crashes/" >&2
  exit 1
fi
