#!/usr/bin/python3
"""A corpus FACTOR times the size of the shared one, streamed as JSON Lines to stdout.

usage: scale_corpus.py CORPUS.jsonl[.zst] FACTOR [LIMIT]

Copy 0 is the corpus as it is (its first LIMIT releases when LIMIT is given). Copy k (1 <= k <
FACTOR) is every release again with the id "<id>-x<k>" and its dates (`date`, `approved_at`)
moved back by k * 7 whole years (the corpus spans the 7 years 2020-2026), so the copies read
like an older archive: month and day facets keep their shape, years do not overlap, and
29 February becomes 28 February in a year that has none. The input is read once per copy
(never held in memory); standard library only.
"""
import json
import subprocess
import sys

SPAN_YEARS = 7


def lines(path, limit):
    if path.endswith('.zst'):
        p = subprocess.Popen(['zstd', '-dc', path], stdout=subprocess.PIPE)
        src = p.stdout
    else:
        p = None
        src = open(path, 'rb')
    try:
        for n, line in enumerate(src):
            if limit is not None and n >= limit:
                break
            if line.strip():
                yield line
    finally:
        src.close()
        if p is not None:
            if limit is not None:
                p.kill()  # stopped reading early
            p.wait()


def is_leap(y):
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def shift(value, years):
    """'2021-02-29...' moved back by `years`; anything not starting with YYYY-MM-DD unchanged."""
    if not isinstance(value, str) or len(value) < 10 or value[4] != '-' or value[7] != '-':
        return value
    try:
        y, m, d = int(value[0:4]), int(value[5:7]), int(value[8:10])
    except ValueError:
        return value
    y -= years
    if m == 2 and d == 29 and not is_leap(y):
        d = 28
    return f'{y:04d}-{m:02d}-{d:02d}' + value[10:]


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    path, factor = sys.argv[1], int(sys.argv[2])
    limit = int(sys.argv[3]) if len(sys.argv) == 4 and sys.argv[3] not in ('', '0') else None
    out = sys.stdout.buffer
    for k in range(factor):
        for line in lines(path, limit):
            if k == 0:
                out.write(line if line.endswith(b'\n') else line + b'\n')
                continue
            r = json.loads(line)
            r['id'] = f"{r['id']}-x{k}"
            for field in ('date', 'approved_at'):
                if field in r:
                    r[field] = shift(r[field], k * SPAN_YEARS)
            out.write(json.dumps(r, ensure_ascii=False).encode('utf-8') + b'\n')


if __name__ == '__main__':
    main()
