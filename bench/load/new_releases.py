#!/usr/bin/python3
"""N releases for the commit-under-load run of bench/load.sh: the first N records of a JSON
Lines stream (stdin) with new ids ("load-<n>-<id>") and a marker word in the title, so that
bodo-index adds them all (and commits every --commit-every)."""
import json
import sys

n, tag = int(sys.argv[1]), sys.argv[2]
done = 0
for line in sys.stdin:
    try:
        r = json.loads(line)
    except ValueError:
        continue
    if not isinstance(r, dict) or "id" not in r:
        continue
    r["id"] = f"load-{tag}-{r['id']}"
    r["title"] = f"{r.get('title', '')} 부하시험"
    sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
    done += 1
    if done == n:
        break
