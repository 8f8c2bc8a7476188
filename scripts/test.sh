#!/bin/sh
# Quick start 2: set up, build and run the tests (ctest; about a minute on 2 cores).
# Tests that cannot check what they are about here (no ../shared, no xapian-tcpsrv, run as root, no
# pseudo-terminal) are listed by ctest as skipped.
set -eu
cd "$(dirname "$0")/.."
sh scripts/build.sh
cd build
ctest --output-on-failure -j"$(nproc)" "$@"
