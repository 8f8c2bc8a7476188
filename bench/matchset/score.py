#!/usr/bin/env python3
"""Scores match-set runs: precision, recall and F1 of the set of releases each engine returns for
each query against the computed truth (qrels.trec), per kind and overall.

usage: bench/matchset/score.py [--universe IDS] [--worst FILE] [--per-query FILE] META QRELS NAME=RUN...

QRELS: qrels.trec or qrels.trec.zst ('qid 0 docid 1'). RUN: TREC run lines 'qid Q0 docid rank score tag' (every release the engine matched for the
query; ranks and scores are ignored). META: meta.tsv of make_set.py (qid, kind, query, ...).
--universe IDS: a file of release ids (one a line); returned releases outside it (an index
holding more than the shared corpus) are dropped before scoring and counted in the notes.

Per query: P = |returned ∩ truth| / |returned| (0 when nothing is returned), R = |returned ∩
truth| / |truth|, F1 = 2PR/(P+R) (0 when P+R = 0). Per kind and overall: the macro-average over
queries of P, R and F1 (each query counts once, whatever its set size). The first engine is the
one the ratio column divides (F1 first/second).
"""
import argparse, collections, subprocess, sys


def read_run(path, universe):
    run = collections.defaultdict(set)
    dropped = 0
    with open(path, encoding='utf-8') as f:
        for line in f:
            p = line.split()
            if len(p) < 3:
                continue
            if universe is not None and p[2] not in universe:
                dropped += 1
                continue
            run[p[0]].add(p[2])
    return run, dropped


def prf(ret, truth):
    hit = len(ret & truth)
    p = hit / len(ret) if ret else 0.0
    r = hit / len(truth) if truth else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, hit


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--universe')
    ap.add_argument('--worst', help='write the worst queries per engine and kind to this file (markdown)')
    ap.add_argument('--per-query', help='write every query\'s figures to this file (TSV)')
    ap.add_argument('--worst-n', type=int, default=10)
    ap.add_argument('meta')
    ap.add_argument('qrels')
    ap.add_argument('runs', nargs='+')
    a = ap.parse_args()

    universe = None
    if a.universe:
        with open(a.universe, encoding='utf-8') as f:
            universe = {line.strip() for line in f if line.strip()}
    meta = {}
    order = []
    with open(a.meta, encoding='utf-8') as f:
        header = f.readline().rstrip('\n').split('\t')
        for line in f:
            row = dict(zip(header, line.rstrip('\n').split('\t')))
            meta[row['qid']] = row
            order.append(row['qid'])
    truth = collections.defaultdict(set)
    if a.qrels.endswith('.zst'):
        lines = subprocess.run(['zstd', '-dc', a.qrels], check=True, capture_output=True).stdout.decode().splitlines()
    else:
        with open(a.qrels, encoding='utf-8') as f:
            lines = f.read().splitlines()
    for line in lines:
        p = line.split()
        if len(p) >= 4 and p[3] != '0':
            truth[p[0]].add(p[2])
    kinds = []
    for q in order:
        if meta[q]['kind'] not in kinds:
            kinds.append(meta[q]['kind'])

    engines, scores, notes = [], {}, []
    for spec in a.runs:
        name, _, path = spec.partition('=')
        if not path:
            name, path = spec.rsplit('/', 1)[-1].split('.')[0], spec
        run, dropped = read_run(path, universe)
        engines.append(name)
        scores[name] = {q: prf(run.get(q, set()), truth[q]) + (len(run.get(q, set())),) for q in order}
        empty = sum(1 for q in order if not run.get(q))
        notes.append(f'{name}: {sum(len(run.get(q, ())) for q in order):,} releases returned in all'
                     + (f', {dropped:,} outside the corpus dropped' if dropped else '')
                     + (f', {empty} queries with nothing returned' if empty else ''))

    def avg(name, qs, i):
        return sum(scores[name][q][i] for q in qs) / len(qs) if qs else 0.0

    groups = [(k, [q for q in order if meta[q]['kind'] == k]) for k in kinds] + [('all', order)]
    head = '| kind | queries | ' + ' | '.join(f'{e} P | {e} R | {e} F1' for e in engines)
    if len(engines) >= 2:
        head += f' | F1 {engines[0]}/{engines[1]}'
    print(head + ' |')
    print('|' + '---|' * (2 + 3 * len(engines) + (1 if len(engines) >= 2 else 0)))
    for k, qs in groups:
        cells = [f'**{k}**' if k == 'all' else k, str(len(qs))]
        for e in engines:
            cells += [f'{avg(e, qs, i):.3f}' for i in (0, 1, 2)]
        if len(engines) >= 2:
            f0, f1 = avg(engines[0], qs, 2), avg(engines[1], qs, 2)
            cells.append(f'{f0 / f1:.2f}' if f1 else '–')
        print('| ' + ' | '.join(cells) + ' |')
    print()
    print('Macro-averages over queries (per query: P, R, F1 of the returned set against the truth). '
          + '; '.join(notes) + '.')

    if a.per_query:
        with open(a.per_query, 'w', encoding='utf-8') as f:
            f.write('qid\tkind\tquery\ttruth\t' + '\t'.join(f'{e}_returned\t{e}_hit\t{e}_P\t{e}_R\t{e}_F1' for e in engines) + '\n')
            for q in order:
                cells = [q, meta[q]['kind'], meta[q]['query'], str(len(truth[q]))]
                for e in engines:
                    p, r, fm, hit, n = scores[e][q]
                    cells += [str(n), str(hit), f'{p:.3f}', f'{r:.3f}', f'{fm:.3f}']
                f.write('\t'.join(cells) + '\n')
    if a.worst:
        with open(a.worst, 'w', encoding='utf-8') as f:
            f.write('# Match set: worst queries per engine and kind (lowest F1, then lowest recall)\n\n')
            f.write('returned = releases the engine matched (in the corpus), truth = releases that should match, '
                    'hit = both.\n')
            for e in engines:
                f.write(f'\n## {e}\n')
                for k, qs in groups[:-1]:
                    f.write(f'\n### {e}: {k}\n\n| qid | query | words | P | R | F1 | returned | truth | hit |\n'
                            '|---|---|---|---|---|---|---|---|---|\n')
                    worst = sorted(qs, key=lambda q: (scores[e][q][2], scores[e][q][1], q))[:a.worst_n]
                    for q in worst:
                        p, r, fm, hit, n = scores[e][q]
                        f.write(f"| {q} | {meta[q]['query']} | {meta[q].get('words', '')} | {p:.3f} | {r:.3f} | "
                                f"{fm:.3f} | {n:,} | {len(truth[q]):,} | {hit:,} |\n")


if __name__ == '__main__':
    main()
