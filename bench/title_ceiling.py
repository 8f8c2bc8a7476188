#!/usr/bin/python3
"""How far a known-item query set lets titles decide: the title-tie ceiling (standard library only).

usage:
  title_ceiling.py CORPUS.jsonl.zst QUERIES.tsv QRELS.trec [RUN ...]

For each query, the candidates are the releases whose title holds every query word (letters and
digits only, lower-cased; a word may run across the title's spaces, as nospace queries do). A
ranker that knows the titles and nothing else puts first the candidates where every query word
starts a title word (a particle or the next word may follow: 설계해, 반도체전략), then the other
candidates, in random order inside each group. The ceiling of a query is that ranker's expected
reciprocal rank of the first relevant release within the top 10.

Where no candidate is relevant (a body query, or a query word the title spells differently) the
query's ceiling is 1: no claim is made. A ranker can pass the ceiling only with evidence outside
the title (the body); below it, it loses to chance among releases whose titles match equally.

Prints MRR@10 of the ceiling per query kind (the qid's prefix before '-') and overall, then for
each RUN (TREC format) its MRR@10 per kind beside the ceiling.
"""
import collections
import json
import math
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import zstd_lines  # noqa: E402

NON_WORD = re.compile(r'[\W_]+')


def title_words(title):
    return [w for w in NON_WORD.split(title.lower()) if w]


def holds(word, words):
    return word in ''.join(words)


def starts_a_word(word, words):
    # up to four title words run together: a nospace query joins two
    return any(''.join(words[k:k + 4]).startswith(word) for k in range(len(words)))


def expected_rr(groups, relevant):
    """E[1/rank of the first relevant release] (0 beyond 10), groups best first, random inside."""
    before = 0
    for group in groups:
        n, r = len(group), sum(1 for d in group if d in relevant)
        if r:
            return sum(math.comb(n - k, r - 1) / math.comb(n, r) / (before + k)
                       for k in range(1, n - r + 2) if before + k <= 10)
        before += n
    return None


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    corpus, queries_path, qrels_path, runs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    titles = {}
    for line in zstd_lines(corpus):
        if line.strip():
            r = json.loads(line)
            titles[str(r['id'])] = title_words(r.get('title') or '')
    qrels = collections.defaultdict(set)
    for line in open(qrels_path, encoding='utf-8'):
        q, _, d, rel = line.split()
        if int(rel) > 0:
            qrels[q].add(d)
    queries = [line.rstrip('\n').split('\t', 1) for line in open(queries_path, encoding='utf-8') if '\t' in line]

    ceiling = {}
    for qid, text in queries:
        words = [w for w in (NON_WORD.sub('', x.lower()) for x in text.split()) if w]
        candidates = [d for d, t in titles.items() if all(holds(w, t) for w in words)]
        first = [d for d in candidates if all(starts_a_word(w, titles[d]) for w in words)]
        firsts = set(first)
        rr = expected_rr([first, [d for d in candidates if d not in firsts]], qrels[qid])
        ceiling[qid] = 1.0 if rr is None else rr

    def by_kind(values):
        kinds = collections.defaultdict(list)
        for qid, v in values.items():
            kinds[qid.split('-')[0]].append(v)
        return {k: sum(v) / len(v) for k, v in sorted(kinds.items())}, sum(values.values()) / len(values)

    kinds, overall = by_kind(ceiling)
    header = ' '.join(f'{k:>8}' for k in kinds)
    print(f'{"":24} {header}      all')
    print(f'{"title-tie ceiling":24} ' + ' '.join(f'{v:8.3f}' for v in kinds.values()) + f' {overall:8.3f}')
    for run in runs:
        ranked = collections.defaultdict(list)
        for line in open(run, encoding='utf-8'):
            p = line.split()
            ranked[p[0]].append(p[2])
        rr = {}
        for qid, _ in queries:
            rank = next((i + 1 for i, d in enumerate(ranked[qid][:10]) if d in qrels[qid]), None)
            rr[qid] = 1 / rank if rank else 0.0
        kinds, overall = by_kind(rr)
        print(f'{os.path.basename(run)[:24]:24} ' + ' '.join(f'{v:8.3f}' for v in kinds.values()) + f' {overall:8.3f}')


if __name__ == '__main__':
    main()
