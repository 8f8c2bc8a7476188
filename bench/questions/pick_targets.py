#!/usr/bin/env python3
"""Draws the target releases of the natural questions q11..q50, q51..q71, q72..q99, q100..q155 and
q156..q239 (bench/questions/).

Deterministic: SEED below (20261129), or --seed, fixes one shuffle of the candidate releases
(random.Random with an integer seed does not depend on PYTHONHASHSEED), and the candidates are
taken in that order, so the same corpus, qrels and targets files always give the same targets.

usage: bench/questions/pick_targets.py [--shared DIR] [--first 11] [--n 40] [--per-year N]
       [--seed N] [--also-exclude QRELS]...
       (default shared folder: /work/shared or $BODO_SHARED)
Prints qid<TAB>target_id<TAB>date<TAB>ministry<TAB>title, one line a target, in qid order
(bench/questions/targets.tsv holds this output after the ten hand-picked q01..q10).
Python 3 standard library only; reads the corpus with `zstd -dc` (one pass, about a minute).

Candidates:
- body of >= 300 characters (skips the placeholder bodies "(본문 없음)", "첨부파일 참고");
- a title with Hangul in it (no English-only release: the questions are Korean);
- not a daily/monthly series: the title with everything but letters removed (lower-cased, digits
  dropped too) is shared by < 10 releases, and its first 16 letters by < 50 releases (drops the
  COVID-19 daily counts, 입찰동향, 수출입현황, 인사, 일일브리핑 and the like);
- not a release of the dev set (/work/shared/eval/dev/qrels.trec), the held-out set
  (bench/heldout/qrels.trec) or q01..q10 (bench/questions/targets.tsv), and no title equal to
  one of theirs after normalisation (make_qrels.norm).
The held-out questions q51..q71 (heldout_targets.tsv): --first 51 --n 21 --per-year 3, which
also excludes q01..q50 and their titles.
Every target of targets.tsv and heldout_targets.tsv with a qid below --first is excluded, with its
title. The second draw (session of issue 14) adds --seed and --also-exclude:
  dev q72..q99:       --first 72  --n 28 --per-year 4 --seed 20261206 --also-exclude ../heldout_spread/qrels.trec
  held-out q100..q155: --first 100 --n 56 --per-year 8 --seed 20261207 --also-exclude ../heldout_spread/qrels.trec
run in that order, the first's output appended to targets.tsv, the second's to heldout_targets.tsv.
The third draw (more dev questions), its output appended to targets.tsv:
  dev q156..q239:     --first 156 --n 84 --per-year 12 --seed 20261208 --also-exclude ../heldout_spread/qrels.trec
Quotas: spread over years and ministries: YEAR_QUOTA targets per year (six a year for 2020-2025,
four for the partial year 2026) and at most MAX_PER_MINISTRY per ministry; one target per title.
"""
import argparse, collections, json, os, random, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_qrels import norm  # noqa: E402

SEED = 20261129
MIN_BODY_CHARS = 300
SERIES_SAME = 10     # letters-only title shared by this many releases or more: a series
SERIES_PREFIX = 16   # ... or its first 16 letters shared by SERIES_PREFIX_N releases or more
SERIES_PREFIX_N = 50
YEAR_QUOTA = {'2020': 6, '2021': 6, '2022': 6, '2023': 6, '2024': 6, '2025': 6, '2026': 4}
MAX_PER_MINISTRY = 2


def letters(title):
    return ''.join(c for c in norm(title) if not c.isdigit())


def has_hangul(s):
    return any('\uac00' <= c <= '\ud7a3' for c in s)


def qrels_ids(path):
    ids = set()
    if os.path.exists(path):
        with open(path, encoding='utf-8') as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 3:
                    ids.add(parts[2])
    return ids


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument('--shared', default=os.environ.get('BODO_SHARED', '/work/shared'))
    ap.add_argument('--first', type=int, default=11)
    ap.add_argument('--n', type=int, default=40)
    ap.add_argument('--per-year', type=int, default=0,
                    help='the same quota for every year (the held-out questions: 3, with --first 51 --n 21)')
    ap.add_argument('--seed', type=int, default=SEED, help=f'shuffle seed (default {SEED})')
    ap.add_argument('--also-exclude', action='append', default=[], metavar='QRELS',
                    help='exclude the releases of this qrels file too, and their titles (path relative '
                         'to this script\'s folder or absolute; repeatable)')
    a = ap.parse_args()
    if a.per_year:
        for y in YEAR_QUOTA:
            YEAR_QUOTA[y] = a.per_year
    assert a.n == sum(YEAR_QUOTA.values())

    excluded = qrels_ids(os.path.join(a.shared, 'eval/dev/qrels.trec'))
    excluded |= qrels_ids(os.path.join(here, '../heldout/qrels.trec'))
    for extra in a.also_exclude:
        path = os.path.join(here, extra)
        if not os.path.exists(path):
            sys.exit(f'pick_targets: {path} not found')
        excluded |= qrels_ids(path)
    for tname in ('targets.tsv', 'heldout_targets.tsv'):
        tfile = os.path.join(here, tname)
        if os.path.exists(tfile):
            with open(tfile, encoding='utf-8') as f:
                for line in f:
                    parts = line.rstrip('\n').split('\t')
                    if len(parts) >= 2 and int(parts[0][1:]) < a.first:
                        excluded.add(parts[1])

    corpus = os.path.join(a.shared, 'corpus/korea-kr-2020-2026.jsonl.zst')
    proc = subprocess.Popen(['zstd', '-dc', corpus], stdout=subprocess.PIPE)
    docs = []
    for line in proc.stdout:
        d = json.loads(line)
        docs.append((d['id'], d['title'], d['date'], d['ministry'], len(d.get('body') or '')))
    if proc.wait() != 0:
        sys.exit('pick_targets: zstd failed')

    same = collections.Counter(letters(d[1]) for d in docs)
    prefix = collections.Counter(letters(d[1])[:SERIES_PREFIX] for d in docs)
    excluded_titles = {norm(d[1]) for d in docs if d[0] in excluded}

    cands = []
    for did, title, date, ministry, blen in docs:
        key = letters(title)
        if (blen < MIN_BODY_CHARS or not has_hangul(title) or did in excluded
                or norm(title) in excluded_titles
                or same[key] >= SERIES_SAME or prefix[key[:SERIES_PREFIX]] >= SERIES_PREFIX_N
                or date[:4] not in YEAR_QUOTA):
            continue
        cands.append((did, title, date, ministry))
    cands.sort(key=lambda c: int(c[0]))
    random.Random(a.seed).shuffle(cands)

    per_year, per_min, titles, picked = collections.Counter(), collections.Counter(), set(), []
    for did, title, date, ministry in cands:
        y = date[:4]
        if per_year[y] >= YEAR_QUOTA[y] or per_min[ministry] >= MAX_PER_MINISTRY or norm(title) in titles:
            continue
        per_year[y] += 1
        per_min[ministry] += 1
        titles.add(norm(title))
        picked.append((did, title, date, ministry))
        if len(picked) == a.n:
            break
    picked.sort(key=lambda c: (c[2], int(c[0])))  # qids in date order
    for i, (did, title, date, ministry) in enumerate(picked):
        print(f'q{a.first + i:02d}\t{did}\t{date}\t{ministry}\t{title}')
    print(f'pick_targets: {len(cands)} candidates, {len(picked)} picked', file=sys.stderr)


if __name__ == '__main__':
    main()
