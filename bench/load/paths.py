#!/usr/bin/python3
"""Request targets for bench/load.sh: one /api/search URL per query of a `qid<TAB>query` file,
with `extra` parameters appended (e.g. "&facets=true")."""
import sys
import urllib.parse

queries, extra = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else ""
with open(queries, encoding="utf-8") as f:
    for line in f:
        line = line.rstrip("\n")
        if not line or line.startswith("#") or "\t" not in line:
            continue
        q = line.split("\t", 1)[1]
        print("/api/search?q=" + urllib.parse.quote(q, safe="") + extra)
