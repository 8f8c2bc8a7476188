#!/bin/bash
# Runs the natural-question sets (dev questions.tsv, then the held-out heldout_questions.tsv; see README.md) with bodo
# and Lucene nori and scores both (MRR@10, S@1, S@10).
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")
repo=$(readlink -f "$here/../..")
shared=${BODO_SHARED:-$repo/../shared}
db=${BODO_DB:-/tmp/bench/bodo-index}
nori=${NORI_INDEX:-/tmp/bench/idx/lucene_nori}
search=${BODO_SEARCH:-$repo/build-release/searcher/bodo-search}
[ -d "$shared/eval" ] || { echo "questions: shared folder not found at $shared; skipping"; exit 0; }
out=$(mktemp -d)
for set in questions:qrels heldout_questions:heldout_qrels; do
  qrels="$here/${set#*:}.trec"
  set=${set%%:*}
  echo "== $set.tsv"
  "$search" --db "$db" --batch "$here/$set.tsv" --format trec --no-snippets --limit 10 > "$out/bodo.run"
  runs=("$out/bodo.run")
  if [ -d "$nori" ]; then
    "$shared/peers/lucene_nori/search.sh" "$nori" "$here/$set.tsv" 10 > "$out/lucene_nori.run" 2>/dev/null
    runs+=("$out/lucene_nori.run")
  fi
  /usr/bin/python3 "$shared/eval/score.py" "$qrels" "${runs[@]}"
done
rm -rf "$out"
