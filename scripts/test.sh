#!/bin/sh
# Quick start 2: set up, build and run the tests (ctest; about a minute on 2 cores).
# Tests that read ../shared say so and skip those checks when it is absent.
set -eu
cd "$(dirname "$0")/.."
sh scripts/build.sh
cd build
ctest --output-on-failure -j"$(nproc)" "$@"
