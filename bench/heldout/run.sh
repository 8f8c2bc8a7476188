#!/bin/bash
# Runs the held-out known-item set with bodo and with every peer whose index exists, scores all in one table.
# env: BODO_DB (default /tmp/bench/bodo-index), BODO_SEARCH (default build-release/searcher/bodo-search),
#      BENCH_IDX (peers' indexes, default /tmp/bench/idx, as bench/relevance.sh leaves them),
#      NORI_INDEX (default $BENCH_IDX/lucene_nori), PEERS (default "lucene_nori lucene_cjk xapian sqlite_fts5_trigram")
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")
repo=$(readlink -f "$here/../..")
shared=${BODO_SHARED:-$repo/../shared}
db=${BODO_DB:-/tmp/bench/bodo-index}
idx=${BENCH_IDX:-/tmp/bench/idx}
nori=${NORI_INDEX:-$idx/lucene_nori}
search=${BODO_SEARCH:-$repo/build-release/searcher/bodo-search}
peers=${PEERS:-lucene_nori lucene_cjk xapian sqlite_fts5_trigram}
[ -d "$shared/eval" ] || { echo "heldout: shared folder not found at $shared; skipping"; exit 0; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
runs=() status=0
if "$search" --db "$db" --batch "$here/queries.tsv" --format trec --no-snippets --limit 10 \
    > "$out/bodo.run" 2> "$out/bodo.log"; then
  runs+=("$out/bodo.run")
else
  echo "heldout: bodo-search failed ($search --db $db):" >&2; tail -3 "$out/bodo.log" >&2; status=1
fi
for p in $peers; do
  [ "$p" = lucene_nori ] && dir=$nori || dir=$idx/$p
  [ -d "$dir" ] || continue
  if "$shared/peers/$p/search.sh" "$dir" "$here/queries.tsv" 10 > "$out/$p.run" 2>"$out/$p.log"; then
    runs+=("$out/$p.run")
  else
    echo "heldout: $p search failed:" >&2; tail -3 "$out/$p.log" >&2; status=1
  fi
done
[ ${#runs[@]} -gt 0 ] || { echo "heldout: no run to score" >&2; exit 1; }
/usr/bin/python3 "$shared/eval/score.py" "$here/qrels.trec" "${runs[@]}"
[ -s "$out/bodo.log" ] && [ -s "$out/bodo.run" ] && tail -1 "$out/bodo.log"
exit $status
