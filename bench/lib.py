#!/usr/bin/python3
"""Helpers for the bench/ scripts (run with /usr/bin/python3; standard library only).

usage:
  lib.py subset-qrels QRELS SUBSET.jsonl.zst OUT_QRELS
      keep the qrels of the queries with at least one relevant release in the subset
  lib.py split-nightly CORPUS.jsonl.zst OUT_DIR NIGHTS
      OUT_DIR/base.jsonl    releases dated before the last NIGHTS calendar days
      OUT_DIR/nights/D.jsonl one file per day D of those last NIGHTS days that has releases
      OUT_DIR/manifest.tsv  'date<TAB>releases' per night (0 for a day without releases)
  lib.py relevance-report SCORE_TXT MEASURES_TSV TITLE
      markdown report from score.py's output and the measurements (see relevance.sh)
  lib.py build-report MEASURES_TSV NIGHTS_TSV RELEASES BYTES TITLE
      markdown report of build.sh's measurements
"""
import collections
import datetime
import json
import os
import statistics
import subprocess
import sys


def zstd_lines(path):
    """Lines of a .jsonl.zst (or plain .jsonl) file, decoded."""
    if path.endswith('.zst'):
        p = subprocess.Popen(['zstd', '-dc', path], stdout=subprocess.PIPE)
        try:
            for line in p.stdout:
                yield line.decode('utf-8')
        finally:
            p.stdout.close()
            if p.wait() != 0:
                sys.exit(f'lib.py: zstd -dc {path} failed')
    else:
        with open(path, encoding='utf-8') as f:
            yield from f


def subset_qrels(qrels, subset, out):
    ids = {json.loads(line)['id'] for line in zstd_lines(subset)}
    rel = collections.defaultdict(list)
    for line in open(qrels):
        q, _, d, r = line.split()
        rel[q].append((d, r))
    keep = [q for q, docs in rel.items() if any(d in ids and int(r) > 0 for d, r in docs)]
    with open(out, 'w') as f:
        for q in keep:
            for d, r in rel[q]:
                f.write(f'{q} 0 {d} {r}\n')
    print(f'lib.py: {len(keep)} of {len(rel)} queries have a target among the {len(ids)} releases',
          file=sys.stderr)


def split_nightly(corpus, outdir, nights):
    nights = int(nights)
    # first pass: the last date (the corpus is ordered by date, but don't rely on it)
    last = max(json.loads(line)['date'] for line in zstd_lines(corpus))
    end = datetime.date.fromisoformat(last)
    days = [(end - datetime.timedelta(days=i)).isoformat() for i in range(nights - 1, -1, -1)]
    first_night = days[0]
    os.makedirs(os.path.join(outdir, 'nights'), exist_ok=True)
    files, counts = {}, collections.Counter()
    with open(os.path.join(outdir, 'base.jsonl'), 'w', encoding='utf-8') as base:
        for line in zstd_lines(corpus):
            date = json.loads(line)['date']
            if date < first_night:
                base.write(line)
                counts['base'] += 1
                continue
            if date not in files:
                files[date] = open(os.path.join(outdir, 'nights', date + '.jsonl'), 'w', encoding='utf-8')
            files[date].write(line)
            counts[date] += 1
    for f in files.values():
        f.close()
    with open(os.path.join(outdir, 'manifest.tsv'), 'w') as f:
        for d in days:
            f.write(f'{d}\t{counts[d]}\n')
    print(f'lib.py: base = {counts["base"]} releases dated before {first_night}; '
          f'{len(files)} nights with releases from {first_night} to {last} '
          f'({sum(counts[d] for d in days)} releases)', file=sys.stderr)


def read_tsv(path):
    """Rows of a TSV file with a header line, as dicts."""
    with open(path, encoding='utf-8') as f:
        head = f.readline().rstrip('\n').split('\t')
        return [dict(zip(head, line.rstrip('\n').split('\t'))) for line in f if line.strip()]


def num(s):
    try:
        return float(s)
    except (TypeError, ValueError):
        return None


def fmt(x, spec, none='–'):
    return none if x is None else format(x, spec)


def secs(x):
    """Seconds with two decimals below 10 s, one above."""
    return '–' if x is None else format(x, '.2f' if x < 10 else '.1f')


def ratio(a, b, spec='.2f'):
    return '–' if a is None or b is None or b == 0 else format(a / b, spec) + '×'


def parse_score(path):
    """score.py's table -> (kinds, {run: {kind: (mrr, s1, s10)}})."""
    lines = open(path, encoding='utf-8').read().splitlines()
    kinds = lines[0][28:].split()
    table = {}
    for line in lines[2:]:
        if not line.strip():
            continue
        name, cells = line[:28].strip(), line[28:]
        row = {}
        for i, k in enumerate(kinds):
            cell = cells[18 * i:18 * (i + 1)].split()
            if len(cell) == 3:
                row[k] = tuple(float(c) for c in cell)
        table[name] = row
    return kinds, table


def relevance_report(score_txt, measures_tsv, title):
    kinds, table = parse_score(score_txt)
    order = ['all', 'title', 'stem', 'body', 'nospace', 'latin']   # as in eval/README.md
    kinds = sorted(kinds, key=lambda k: (order.index(k) if k in order else len(order), k))
    meas = read_tsv(measures_tsv)
    bodo = next((m for m in meas if m['engine'] == 'bodo' and m['engine'] in table), None)
    bodo_mrr = table[bodo['engine']].get('all', (None,))[0] if bodo else None
    bodo_ms = num(bodo['ms_query']) if bodo else None
    out = [f'# {title}', '']
    out.append('Each cell: MRR@10 / Success@1 / Success@10 (`/work/shared/eval/score.py`). '
               'ms/query as reported by each engine over its query loop (Lucene after '
               '`LUCENE_WARMUP` passes; `(wall)` = whole command timed, process start included).')
    out.append('')
    out.append('| engine | ' + ' | '.join(kinds) + ' | ms/query | MRR all bodo/engine | ms/query bodo/engine | index s | index MB |')
    out.append('|---|' + '---|' * len(kinds) + '---:|---:|---:|---:|---:|')
    for m in meas:
        name = m['engine']
        row = table.get(name)
        if row is None:
            out.append(f'| {name} | ' + ' | '.join('–' for _ in kinds) + ' | – | – | – | – | – |')
            continue
        cells = ['{:.3f} / {:.2f} / {:.2f}'.format(*row[k]) if k in row else '–' for k in kinds]
        ms = num(m['ms_query'])
        ms_s = fmt(ms, '.2f') + (' (wall)' if m.get('ms_source') == 'wall' else '')
        size = num(m.get('index_bytes'))
        out.append(f'| {name} | ' + ' | '.join(cells) + f' | {ms_s} | '
                   f'{ratio(bodo_mrr, row.get("all", (None,))[0])} | {ratio(bodo_ms, ms)} | '
                   f'{fmt(num(m.get("index_s")), ".1f")} | {fmt(size / 1e6 if size else None, ".1f")} |')
    notes = [f'- {m["engine"]}: {m["note"]}' for m in meas if m.get('note')]
    if notes:
        out += ['', *notes]
    out += ['', '```', *open(score_txt, encoding='utf-8').read().rstrip('\n').splitlines(), '```', '']
    print('\n'.join(out))


def build_report(measures_tsv, nights_tsv, releases, nbytes, title):
    releases, nbytes = int(releases), int(nbytes)
    meas = read_tsv(measures_tsv)
    by = {m['step']: m for m in meas}
    out = [f'# {title}', '']
    out.append(f'Input: {releases:,} releases, {nbytes / 1e6:.1f} MB of plain JSON Lines (MB = 10^6 bytes). '
               'Peak RSS = largest single process (GNU time `-v`). Index size = `du -sb`. '
               'Ratios are bodo/peer (time, RSS, size: below 1 is better for bodo).')
    out.append('')
    out.append('## Full build')
    out.append('')
    out.append('| engine | wall s | releases/s | MB/s | peak RSS MB | index MB | time bodo/peer | RSS bodo/peer | size bodo/peer |')
    out.append('|---|---:|---:|---:|---:|---:|---:|---:|---:|')
    bodo = by.get('bodo-full')
    bs, br, bz = (num(bodo['wall_s']), num(bodo['rss_kb']), num(bodo['index_bytes'])) if bodo and bodo['status'] == 'ok' else (None,) * 3
    for m in meas:
        if not m['step'].endswith('-full'):
            continue
        name = m['step'][:-5]
        if m['status'] != 'ok':
            out.append(f'| {name} | {m["status"]} | – | – | – | – | – | – | – |')
            continue
        s, r, z = num(m['wall_s']), num(m['rss_kb']), num(m['index_bytes'])
        is_peer = name != 'bodo'
        out.append(f'| {name} | {secs(s)} | {releases / s:,.0f} | {nbytes / 1e6 / s:.2f} | {r / 1024:.0f} | {z / 1e6:.1f} | '
                   + (f'{ratio(bs, s)} | {ratio(br, r)} | {ratio(bz, z)} |' if is_peer else '1 | 1 | 1 |'))
    out += ['', 'Fairness: the peers read one pre-split text file per release (`jsonl_to_txt.py`, prepared once, '
            'not timed; title + body only), while bodo reads the compressed JSON Lines directly '
            '(decompression, JSON parsing and all fields included in its time).', '']

    rerun = by.get('bodo-rerun')
    why = f'bodo: {bodo["status"]}' if bodo and bodo['status'] != 'ok' else 'skipped'
    out.append('## No-change rerun')
    out.append('')
    if rerun and rerun['status'] == 'ok' and bs:
        s = num(rerun['wall_s'])
        out.append(f'bodo-index again over the same input into the same index: {s:.2f} s = '
                   f'{s / bs:.1%} of the full build (peak RSS {num(rerun["rss_kb"]) / 1024:.0f} MB).')
    else:
        out.append(f'not measured ({rerun["status"] if rerun else why}).')
    out.append('')

    out.append('## Nightly simulation')
    out.append('')
    base = by.get('bodo-nightly-base')
    nights = read_tsv(nights_tsv) if nights_tsv != '-' and os.path.exists(nights_tsv) else []
    if not base:
        out.append(f'not measured ({why}).')
    elif base['status'] != 'ok':
        out.append(f'base build: {base["status"]}.')
    else:
        out.append(f'Base build (releases before the first night, {base["releases"]} releases): '
                   f'{secs(num(base["wall_s"]))} s, peak RSS {num(base["rss_kb"]) / 1024:.0f} MB, '
                   f'index {num(base["index_bytes"]) / 1e6:.1f} MB. Then one `bodo-index` run per day:')
        out.append('')
        ok = [n for n in nights if n['status'] == 'ok' and int(n['releases']) > 0]
        if ok:
            night_s = [num(n['wall_s']) for n in ok]
            per = [num(n['wall_s']) / int(n['releases']) * 1000 for n in ok]
            out.append(f'- **median {statistics.median(night_s):.2f} s per night**, '
                       f'**median {statistics.median(per):.1f} ms per release** '
                       f'({len(ok)} nights, {sum(int(n["releases"]) for n in ok)} releases, '
                       f'total {sum(night_s):.1f} s; max {max(night_s):.2f} s; '
                       f'peak RSS max {max(num(n["rss_kb"]) for n in ok) / 1024:.0f} MB)')
            final = num(nights[-1].get('index_bytes')) if nights else None
            if final and bz:
                out.append(f'- index after the last night: {final / 1e6:.1f} MB '
                           f'({final / bz:.2f}× the full build\'s index)')
            sizes = [num(n.get('index_bytes')) for n in ok if num(n.get('index_bytes'))]
            if sizes and bz:
                out.append(f'- largest after any night: {max(sizes) / 1e6:.1f} MB ({max(sizes) / bz:.2f}× the full build\'s index)')
            compacted = [n for n in ok if num(n.get('compacted')) is not None]
            if compacted:
                out.append(f'- compacted by bodo-index on its own after {len(compacted)} of {len(ok)} nights '
                           f'(median {statistics.median(num(n["compacted"]) for n in compacted):.1f} s of the night\'s time)')
        skipped = [n['date'] for n in nights if int(n['releases']) == 0]
        if skipped:
            out.append(f'- days without releases (no run): {", ".join(skipped)}')
        out.append('')
        out.append('| night | releases | wall s | ms/release | peak RSS MB | index MB | compacted (s) | status |')
        out.append('|---|---:|---:|---:|---:|---:|---:|---|')
        for n in nights:
            if int(n['releases']) == 0:
                continue
            s = num(n['wall_s'])
            out.append(f'| {n["date"]} | {n["releases"]} | {fmt(s, ".2f")} | '
                       f'{fmt(s / int(n["releases"]) * 1000 if s else None, ".1f")} | '
                       f'{fmt(num(n["rss_kb"]) / 1024 if num(n["rss_kb"]) else None, ".0f")} | '
                       f'{fmt(num(n["index_bytes"]) / 1e6 if num(n.get("index_bytes")) else None, ".0f")} | '
                       f'{fmt(num(n.get("compacted")), ".1f", "")} | {n["status"]} |')
    out.append('')
    print('\n'.join(out))


def main():
    cmds = {'subset-qrels': (subset_qrels, 3), 'split-nightly': (split_nightly, 3),
            'relevance-report': (relevance_report, 3), 'build-report': (build_report, 5)}
    if len(sys.argv) < 2 or sys.argv[1] not in cmds or len(sys.argv) - 2 != cmds[sys.argv[1]][1]:
        sys.exit(__doc__)
    fn, _ = cmds[sys.argv[1]]
    fn(*sys.argv[2:])


if __name__ == '__main__':
    main()
