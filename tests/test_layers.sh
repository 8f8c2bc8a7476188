#!/bin/sh
# The layers of common/ (common/layers.cmake): the real tree keeps them, and an include against
# them — here schema/ including search/, which sits above it — is refused, naming the file.
set -eu
src=$1
cmake -DBODO_COMMON_DIR="$src/common" -P "$src/cmake/check_layers.cmake"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$src/common" "$tmp/common"
printf '#include "search/searcher.h"\n' >> "$tmp/common/schema/schema.cpp"
if cmake -DBODO_COMMON_DIR="$tmp/common" -P "$src/cmake/check_layers.cmake" > "$tmp/out" 2>&1; then
  echo "an include of search/ from schema/ was accepted"; exit 1
fi
grep -q 'common/schema/schema.cpp: #include "search/searcher.h" — schema may include only' "$tmp/out" || {
  cat "$tmp/out"; echo "the refusal does not name the file and the rule"; exit 1; }

# A folder that is in no row of the table is refused too.
rm -rf "$tmp/common"; cp -r "$src/common" "$tmp/common"; mkdir "$tmp/common/extra"
if cmake -DBODO_COMMON_DIR="$tmp/common" -P "$src/cmake/check_layers.cmake" > "$tmp/out" 2>&1; then
  echo "a folder outside the table was accepted"; exit 1
fi
grep -q 'common/extra/ is in no row' "$tmp/out"
echo "layers kept; an include against them and an unlisted folder refused"
