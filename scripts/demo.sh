#!/bin/sh
# Quick start 1: set up, build, index the sample corpus in corpus/ and run example searches.
set -eu
cd "$(dirname "$0")/.."
sh scripts/build.sh
db=build/demo-index
rm -rf "$db"
echo "== bodo-index --db $db corpus"
build/indexer/bodo-index --db "$db" corpus
echo
echo "== bodo-search --db $db 정보통신"
build/searcher/bodo-search --db "$db" 정보통신
echo
echo "== bodo-search --db $db 반도체전략 --facets"
build/searcher/bodo-search --db "$db" 반도체전략 --facets
