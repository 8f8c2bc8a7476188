#!/usr/bin/env python3
"""Regenerates bench/questions/qrels.trec from bench/questions/targets.tsv.

targets.tsv: qid<TAB>target_id[<TAB>date<TAB>ministry<TAB>title], one line a target (a question
may have more than one target line, as q01 has: two releases about the same event); the columns
after the second are for the reader only. The qrels of a question are its targets plus every
release of the corpus whose title is the same as a target's after normalisation (norm below:
lower-case, keep only letters and digits, so "닻 올린다!" equals "닻 올린다"; the rule of the dev
and held-out sets). Written as `qid 0 docid 1`, qids in targets.tsv order, docids ascending.

usage: bench/questions/make_qrels.py [--shared DIR] [--targets FILE] [--out FILE]
       (defaults: /work/shared or $BODO_SHARED; targets.tsv and qrels.trec beside this script)
Python 3 standard library only; reads the corpus with `zstd -dc`.
"""
import argparse, collections, json, os, subprocess, sys


def norm(title):
    return ''.join(c for c in title.lower() if c.isalnum())


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument('--shared', default=os.environ.get('BODO_SHARED', '/work/shared'))
    ap.add_argument('--targets', default=os.path.join(here, 'targets.tsv'))
    ap.add_argument('--out', default=os.path.join(here, 'qrels.trec'))
    a = ap.parse_args()

    targets = collections.OrderedDict()
    with open(a.targets, encoding='utf-8') as f:
        for line in f:
            parts = line.rstrip('\n').split('\t')
            if len(parts) < 2 or line.startswith('#'):
                continue
            targets.setdefault(parts[0], []).append(parts[1])

    corpus = os.path.join(a.shared, 'corpus/korea-kr-2020-2026.jsonl.zst')
    proc = subprocess.Popen(['zstd', '-dc', corpus], stdout=subprocess.PIPE)
    by_title = collections.defaultdict(list)
    title_of = {}
    for line in proc.stdout:
        d = json.loads(line)
        by_title[norm(d['title'])].append(d['id'])
        title_of[d['id']] = d['title']
    if proc.wait() != 0:
        sys.exit('make_qrels: zstd failed')

    lines = []
    for qid, ids in targets.items():
        rel = set()
        for t in ids:
            if t not in title_of:
                sys.exit(f'make_qrels: {qid}: target {t} not in the corpus')
            rel.add(t)
            rel.update(by_title[norm(title_of[t])])
        lines += [f'{qid} 0 {d} 1\n' for d in sorted(rel, key=int)]
    with open(a.out, 'w', encoding='utf-8') as f:
        f.writelines(lines)
    print(f'make_qrels: {len(targets)} questions, {len(lines)} qrels -> {a.out}', file=sys.stderr)


if __name__ == '__main__':
    main()
