#!/usr/bin/env python3
"""Generates the match-set benchmark (bench/matchset/): keyword queries drawn from the titles of
randomly chosen releases of the shared corpus, and for each the set of releases it should match,
computed over every release (never hand-picked).

usage: bench/matchset/make_set.py [--corpus FILE] [--out DIR] [--limit N]
       (defaults: $BODO_SHARED/corpus/korea-kr-2020-2026.jsonl.zst, else <repo>/../shared/...,
        and the directory of this script; --limit N reads only the first N releases, for testing)

Python 3 standard library only; reads the corpus with `zstd -dc` (two passes). Deterministic:
SEED fixes the shuffle of the releases and each release draws with its own
random.Random(f"{SEED}-{kind}-{id}"), so the same corpus always gives byte-identical files.
The first five kinds (KINDS) share one draw; latin_particle (LATE_KINDS, added later) is drawn in
a second pass with its own seed (LATE_SEED) over the releases the first draw did not use, so that
adding it left the first five kinds' queries and truth byte-identical.

Six kinds (PER_KIND queries each, qid = kind-NN):
- compound: one Hangul word of 2-5 syllables taken from inside a longer title word
  (정보통신 from 과학기술정보통신부는), that is a word of its own (a noun-like bare title word, see
  below, not itself a word with a particle such as 보건의 = 보건 + 의) and over the whole corpus stands mostly inside longer words: at least
  COMPOUND_INSIDE of its occurrences are inside a longer word, i.e. preceded by a Hangul syllable
  or followed by Hangul syllables that are not a particle (PARTICLES_ALL); it also stands alone
  (bare or with a particle) in at least COMPOUND_ALONE_DOCS releases.
- two: two noun-like bare words of one title, in title order ("반도체 전략").
- particle: one title word as written, ending in a particle of PARTICLES_QUERY (뉴질랜드와,
  청년들에게); its bare form (the word without the particle, >= 2 syllables) is a bare title word
  of at least max(KNOWN_DF, titles with the inflected form) titles, so a real word, not 경기도 -> 경기.
- together: two adjacent noun-like title words (bare forms, 2-4 syllables each, a single space
  between them in the title) written without the space: 반도체전략 (parts 반도체, 전략).
- latin: a Latin-script token of the title (>= 2 characters, every letter a capital: AI, ODA, 5G,
  R&D, COVID-19, G20, KF-21; not a unit such as km) and one noun-like Korean word of the same title.
- latin_particle: one title word as written that is such a Latin token directly followed by a
  particle of PARTICLES_QUERY (AI를, R&D에, ODA로, G20에서; the longest particle decides); its truth
  is the Latin token alone (AI, R&D, ODA, G20), with the Latin token rule below.
Noun-like: Hangul only, 2-6 syllables, a bare title word of at least KNOWN_DF titles, not a
function word (STOP) and not ending in a verb/adnominal ending syllable (VERBISH).

Truth, over every release (text = NFKC(title + "\\n" + body), unicodedata):
- a Hangul word (its bare form) matches when it is a substring of the text;
- a Latin token matches case-insensitively (ASCII) when the characters before and after it are not
  ASCII letters or digits: AI matches "AI반도체", "AI·빅데이터", "(AI)", not "FAIR" or "AIoT";
  5G matches "5G망", not "15G"; G20 not "G200" (digits are part of a Latin token);
- a run-together word matches its parts with optional white space between them (part1\\s*part2);
- a query matches a release when every word matches.
A query is kept when its set has SET_MIN..SET_MAX releases; candidates are drawn in the order of
the shuffled releases and the first PER_KIND kept candidates of each kind make the set.

The draw. First pass (KINDS, SEED): the releases in shuffled order; each gives at most one
candidate, to the kind furthest from its CANDIDATES quota that it can make one for, until every
quota is full. Second pass (LATE_KINDS, LATE_SEED): the releases in another shuffled order,
skipping every release that gave a candidate in the first pass; each gives at most one candidate,
until the quota is full. No query is drawn twice (over both passes).

Writes queries.tsv (qid<TAB>query), meta.tsv (qid kind query words set_size from_release note;
words are the bare forms / parts (a+b) / Latin token, comma-separated) and qrels.trec.zst
(zstd-compressed `qid 0 docid 1` lines, every matching release).
"""
import argparse, collections, json, os, random, re, subprocess, sys, time, unicodedata

SEED = 20261206
LATE_SEED = 20261207       # the second pass (LATE_KINDS)
PER_KIND = 34
KINDS = ('compound', 'two', 'particle', 'together', 'latin')
LATE_KINDS = ('latin_particle',)
ALL_KINDS = KINDS + LATE_KINDS
CANDIDATES = {'compound': 240, 'two': 90, 'particle': 90, 'together': 90, 'latin': 90,
              'latin_particle': 90}
SET_MIN, SET_MAX = 3, 20000
KNOWN_DF = 3               # a "word": a bare title word (whole title token) of at least this many titles
COMPOUND_INSIDE = 0.6      # compound: share of occurrences inside a longer word
COMPOUND_ALONE_DOCS = 3    # compound: releases where it also stands alone

# Particles that may end a particle query (longest first). Not 도/만/로서 etc.: too often part of
# a word (경기도, 제주도); the bare-form frequency check guards the rest (전문가 is not 전문 + 가).
PARTICLES_QUERY = sorted('''
    은 는 이 가 을 를 의 에 와 과 로 으로 에서 에게 까지 부터
    에서는 에서도 에서의 에게는 에는 에도 으로는 으로도 으로의 로는 로도 로의 과의 와의 과는 와는
'''.split(), key=len, reverse=True)
# Everything that may follow a word that still "stands alone" (compound rule)
PARTICLES_ALL = set(PARTICLES_QUERY) | set('''
    도 만 께 께서 한테 처럼 보다 마다 로서 로써 으로서 으로써 이나 나 이며 며 이란 란 만큼 조차
    에게도 보다는 까지는 부터는 이다 입니다 으로부터 로부터 들 들은 들이 들을 들의
    들에게 들과 들도 들이다 과도 와도 에의 에서부터
'''.split())
NO_STRIP = {'경기도', '강원도', '제주도', '전라도', '경상도', '충청도', '독도', '울릉도', '거제도',
            '강화도', '백령도', '연평도', '흑산도', '진도', '완도', '전문가', '어린이'}
# function words and adverbs that are not what people type as a keyword
STOP = set('''
    위해 위한 대한 대해 통해 통한 관련 따른 따라 함께 이번 올해 내년 지난 오는 모든 새로운 관한
    있는 없는 위하여 등의 그리고 또한 및 등 더욱 다시 가장 최대 최초 본격 적극 이상 이하 이후
    이전 당시 현재 오늘 내일 어제 우리 여러 각종 보다 처음 직접 계속 전국 국민 정부
    이래 속에 넘어 동안 가운데 만에 이어 앞서 맞아 맞춰 향해 대비해 위하 아래 함께해 하나 모두 가지
'''.split())
VERBISH = set('다고며서한된는은을할될해돼게지요니면던였겠했됐하되운린인난진킨쳐춘른')
UNITS = {'ha', 'km', 'kg', 'mm', 'cm', 'kw', 'kwh', 'mw', 'gw', 'gb', 'tb', 'mb', 'ppm', 'ml',
         'm2', 'm3', 'km2', 'co2', 'pm', 'am', 'no', 'vs', 'st', 'nd', 'rd', 'th'}

WORD_RE = re.compile(r"[^\W_]+(?:(?:(?<=[0-9])[.,](?=[0-9])|(?<=[A-Za-z0-9])[&.\-](?=[A-Za-z0-9]))[^\W_]+)*")
HANGUL_RUN = re.compile(r'[\uac00-\ud7a3]+')
LATIN_RE = re.compile(r'(?<![A-Za-z0-9])[A-Za-z0-9]+(?:[&\-][A-Za-z0-9]+)*(?![A-Za-z0-9])')


def hangul(c):
    return '\uac00' <= c <= '\ud7a3'


def all_hangul(w):
    return bool(w) and all(hangul(c) for c in w)


def nfkc(s):
    return unicodedata.normalize('NFKC', s)


def read_corpus(path, limit):
    proc = subprocess.Popen(['zstd', '-dc', path], stdout=subprocess.PIPE, bufsize=1 << 20)
    n = 0
    for line in proc.stdout:
        if limit and n >= limit:
            break
        n += 1
        yield json.loads(line)
    proc.stdout.close()
    rc = proc.wait()
    if rc != 0 and not (limit and n >= limit):
        sys.exit(f'zstd -dc {path} failed')


class Words:
    """Title-word statistics (pass 1) and the word rules built on them."""

    def __init__(self, title_df):
        self.df = title_df

    def known(self, w):
        return self.df.get(w, 0) >= KNOWN_DF

    def bare(self, tok):
        """tok without a particle of PARTICLES_QUERY when the bare form is a word at least as frequent."""
        if tok in NO_STRIP or not all_hangul(tok):
            return tok
        for p in PARTICLES_QUERY:
            if tok.endswith(p) and len(tok) - len(p) >= 2:
                b = tok[:-len(p)]
                if self.df.get(b, 0) >= max(KNOWN_DF, self.df.get(tok, 0)):
                    return b
        return tok

    def noun(self, w, max_len=6):
        return (all_hangul(w) and 2 <= len(w) <= max_len and w not in STOP and w[-1] not in VERBISH
                and self.known(w))


def title_tokens(title):
    return WORD_RE.findall(title)


def latin_tokens(title):
    out = []
    for t in LATIN_RE.findall(title):
        if len(t) < 2 or not any(c.isalpha() for c in t) or t.upper() != t:
            continue  # acronym-like only: every letter a capital (AI, R&D, 5G, COVID-19; not "We")
        low = t.lower()
        if low in UNITS or re.fullmatch(r'[0-9]+(?:[a-z]{1,3}|[a-z]+[0-9])', low) and not re.fullmatch(r'[0-9][a-z]', low):
            continue  # 10km, 3cm, 2030s: units and numbers; but 5G, 3D
        out.append(t)
    return out


# ---- the kinds: each returns (query, words) or None
def make_compound(w, title, rng):
    subs = set()
    for run in HANGUL_RUN.findall(title):
        if len(run) < 3:
            continue
        for n in range(2, min(5, len(run) - 1) + 1):
            for i in range(0, len(run) - n + 1):
                s = run[i:i + n]
                rest = run[i + n:]
                if i == 0 and (rest in PARTICLES_ALL):
                    continue  # the word with a particle: not inside a compound
                if w.noun(s, 5) and w.bare(s) == s:  # not 보건의 (보건 + 의, inside 보건의료)
                    subs.add(s)
    if not subs:
        return None
    longer = sorted(s for s in subs if len(s) >= 3)
    pool = longer if longer and rng.random() < 0.7 else sorted(subs)
    s = rng.choice(pool)
    return s, [('k', s)]


def make_two(w, title, rng):
    toks = title_tokens(title)
    nouns = []
    for t in toks:
        b = w.bare(t)
        if w.noun(b) and b not in nouns:
            nouns.append(b)
    nouns = [b for b in nouns if not any(b != o and b in o for o in nouns)]
    if len(nouns) < 2:
        return None
    i, j = sorted(rng.sample(range(len(nouns)), 2))
    a, b = nouns[i], nouns[j]
    return f'{a} {b}', [('k', a), ('k', b)]


def latin_token_re(token):
    """The truth of a Latin token: case-insensitive, not inside a longer run of ASCII letters and
    digits."""
    return re.compile(r'(?<![A-Za-z0-9])' + re.escape(token) + r'(?![A-Za-z0-9])', re.I | re.A)


def without_particle(t, min_left):
    """t without the longest particle of PARTICLES_QUERY that leaves min_left characters, or None."""
    for p in PARTICLES_QUERY:
        if t.endswith(p) and len(t) - len(p) >= min_left:
            return t[:-len(p)]
    return None


def make_particle(w, title, rng):
    cands = []
    for t in title_tokens(title):
        if not all_hangul(t) or t in NO_STRIP:
            continue
        b = without_particle(t, 2)  # the longest particle decides
        if (b and 2 <= len(b) <= 6 and b not in STOP and b[-1] not in VERBISH
                and w.df.get(b, 0) >= max(KNOWN_DF, w.df.get(t, 0))):
            cands.append((t, b))
    if not cands:
        return None
    t, b = rng.choice(cands)
    return t, [('k', b)]


def make_together(w, title, rng):
    # adjacent tokens separated by exactly one space in the title
    pairs = []
    ms = list(WORD_RE.finditer(title))
    for m1, m2 in zip(ms, ms[1:]):
        if title[m1.end():m2.start()] != ' ':
            continue
        a, b = w.bare(m1.group()), w.bare(m2.group())
        if a != m1.group():
            continue  # the first word must be written bare (반도체의 전략 is not 반도체전략)
        if w.noun(a, 4) and w.noun(b, 4) and a != b:
            pairs.append((a, b))
    if not pairs:
        return None
    a, b = rng.choice(pairs)
    return a + b, [('t', a, b)]


def make_latin(w, title, rng):
    lat = latin_tokens(title)
    if not lat:
        return None
    nouns = []
    for t in title_tokens(title):
        b = w.bare(t)
        if w.noun(b) and b not in nouns:
            nouns.append(b)
    if not nouns:
        return None
    l, k = rng.choice(sorted(set(lat))), rng.choice(nouns)
    return f'{l} {k}', [('l', l), ('k', k)]


def make_latin_particle(w, title, rng):
    # a title word that is an acronym-like Latin token (the latin kind's rule) + a particle: AI를
    cands = []
    for t in title_tokens(title):
        l = without_particle(t, 1)  # the longest particle decides
        if l and latin_tokens(l) == [l]:
            cands.append((t, l))
    if not cands:
        return None
    t, l = rng.choice(cands)
    return t, [('l', l)]


MAKERS = {'compound': make_compound, 'two': make_two, 'particle': make_particle,
          'together': make_together, 'latin': make_latin, 'latin_particle': make_latin_particle}


def words_str(words):
    out = []
    for wd in words:
        out.append('+'.join(wd[1:]) if wd[0] == 't' else wd[1])
    return ','.join(out)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    shared = os.environ.get('BODO_SHARED') or os.path.join(here, '..', '..', '..', 'shared')
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--corpus', default=os.path.join(shared, 'corpus', 'korea-kr-2020-2026.jsonl.zst'))
    ap.add_argument('--out', default=here)
    ap.add_argument('--limit', type=int, default=0)
    args = ap.parse_args()
    t0 = time.time()

    # ---- pass 1: titles
    ids, titles = [], []
    title_df = collections.Counter()
    for r in read_corpus(args.corpus, args.limit):
        t = nfkc(r.get('title') or '')
        ids.append(str(r['id']))
        titles.append(t)
        title_df.update(set(title_tokens(t)))
    n_docs = len(ids)
    if len(set(ids)) != n_docs:
        print(f'matchset: warning: {n_docs - len(set(ids))} duplicate ids', file=sys.stderr)
    print(f'matchset: pass 1: {n_docs} titles, {len(title_df)} title words, {time.time() - t0:.0f} s',
          file=sys.stderr)
    w = Words(title_df)

    # ---- draw candidates: releases in shuffled order; each release gives at most one query, to
    # the kind furthest from its quota that it can make one for
    cands = {k: [] for k in ALL_KINDS}
    seen = set()
    used = set()  # releases that gave a candidate

    def draw(kinds, seed):
        order = list(range(n_docs))
        random.Random(seed).shuffle(order)
        for di in order:
            if all(len(cands[k]) >= CANDIDATES[k] for k in kinds):
                break
            if di in used:
                continue
            for k in sorted(kinds, key=lambda k: (len(cands[k]) / CANDIDATES[k], kinds.index(k))):
                if len(cands[k]) >= CANDIDATES[k]:
                    continue
                got = MAKERS[k](w, titles[di], random.Random(f'{seed}-{k}-{ids[di]}'))
                if got and got[0] not in seen:
                    seen.add(got[0])
                    used.add(di)
                    cands[k].append({'kind': k, 'query': got[0], 'words': got[1], 'from': ids[di]})
                    break

    draw(KINDS, SEED)
    # second pass: the kinds added later, their own shuffle, the releases the first pass left
    draw(LATE_KINDS, LATE_SEED)
    allc = [c for k in ALL_KINDS for c in cands[k]]
    print(f'matchset: {len(allc)} candidates ' + ' '.join(f'{k} {len(cands[k])}' for k in ALL_KINDS),
          file=sys.stderr)

    # ---- pass 2: truth. Every query has a "first" Hangul substring (its longest plain word, or
    # the longer part of a run-together word); the releases holding it are found with one `in` per
    # distinct first word and release, the other conditions are checked only there. A query of a
    # Latin token alone (latin_particle) has no Hangul word: its token is checked in every release.
    by_first = collections.defaultdict(list)
    lat_only = {}  # Latin token -> (its regex, the candidates of that token alone)
    for c in allc:
        c['hits'] = []
        if all(wd[0] == 'l' for wd in c['words']):
            assert len(c['words']) == 1
            l = c['words'][0][1]
            if l not in lat_only:
                lat_only[l] = (l.lower(), latin_token_re(l), [])
            lat_only[l][2].append(c)
            continue
        subs = [x for wd in c['words'] for x in (wd[1:] if wd[0] == 't' else ([wd[1]] if wd[0] == 'k' else []))]
        first = max(subs, key=len)
        conds = []
        for wd in c['words']:
            if wd[0] == 'k':
                if wd[1] != first:
                    conds.append(('in', wd[1]))
            elif wd[0] == 'l':
                conds.append(('lat', wd[1].lower(), latin_token_re(wd[1])))
            else:
                conds.append(('in', wd[1] if wd[1] != first else wd[2]))
                conds.append(('re', re.compile(re.escape(wd[1]) + r'\s*' + re.escape(wd[2]))))
        conds.sort(key=lambda x: {'in': 0, 're': 1, 'lat': 2}[x[0]])
        c['conds'] = conds
        c['inside'] = c['alone'] = c['alone_docs'] = 0
        by_first[first].append(c)
    firsts = list(by_first)
    t1 = time.time()
    n = 0
    for r in read_corpus(args.corpus, args.limit):
        n += 1
        text = nfkc((r.get('title') or '') + '\n' + (r.get('body') or ''))
        docid = str(r['id'])
        low = None
        if lat_only:
            low = text.lower()
            for lw, rx, cs in lat_only.values():
                if lw in low and rx.search(text) is not None:
                    for c in cs:
                        c['hits'].append(docid)
        present = [f for f in firsts if f in text]
        if not present:
            continue
        for f in present:
            for c in by_first[f]:
                ok = True
                for cond in c['conds']:
                    if cond[0] == 'in':
                        ok = cond[1] in text
                    elif cond[0] == 're':
                        ok = cond[1].search(text) is not None
                    else:
                        if low is None:
                            low = text.lower()
                        ok = cond[1] in low and cond[2].search(text) is not None
                    if not ok:
                        break
                if not ok:
                    continue
                c['hits'].append(docid)
                if c['kind'] == 'compound':
                    alone = 0
                    i = text.find(f)
                    while i >= 0:
                        j = i + len(f)
                        e = j
                        while e < len(text) and hangul(text[e]):
                            e += 1
                        if (i > 0 and hangul(text[i - 1])) or (e > j and text[j:e] not in PARTICLES_ALL):
                            c['inside'] += 1
                        else:
                            c['alone'] += 1
                            alone = 1
                        i = text.find(f, j)
                    c['alone_docs'] += alone
        if n % 20000 == 0:
            print(f'matchset: pass 2: {n} releases, {time.time() - t1:.0f} s', file=sys.stderr)
    print(f'matchset: pass 2: {n} releases, {len(firsts)} distinct first words, {time.time() - t1:.0f} s',
          file=sys.stderr)

    # ---- keep the first PER_KIND candidates of each kind within the bounds
    kept, rejected = [], collections.Counter()
    for k in ALL_KINDS:
        got = 0
        for c in cands[k]:
            if got >= PER_KIND:
                break
            size = len(c['hits'])
            note = ''
            if not SET_MIN <= size <= SET_MAX:
                rejected[f'{k}: set size'] += 1
                continue
            if k == 'compound':
                occ = c['inside'] + c['alone']
                share = c['inside'] / occ if occ else 0
                if share < COMPOUND_INSIDE or c['alone_docs'] < COMPOUND_ALONE_DOCS:
                    rejected[f'{k}: not mostly inside / never alone'] += 1
                    continue
                note = f'inside {share:.2f} of {occ} occurrences; alone in {c["alone_docs"]} releases'
            elif k == 'latin_particle':
                note = f'particle {c["query"][len(c["words"][0][1]):]}'
            got += 1
            c['qid'] = f'{k}-{got:02d}'
            c['note'] = note
            kept.append(c)
        if got < PER_KIND:
            print(f'matchset: warning: only {got} {k} queries (raise CANDIDATES)', file=sys.stderr)
    print('matchset: rejected ' + ', '.join(f'{k} {v}' for k, v in sorted(rejected.items())), file=sys.stderr)

    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, 'queries.tsv'), 'w', encoding='utf-8') as fq, \
            open(os.path.join(args.out, 'meta.tsv'), 'w', encoding='utf-8') as fm, \
            open(os.path.join(args.out, 'qrels.trec.tmp'), 'w', encoding='utf-8') as fr:
        fm.write('qid\tkind\tquery\twords\tset_size\tfrom_release\tnote\n')
        for c in kept:
            fq.write(f"{c['qid']}\t{c['query']}\n")
            fm.write(f"{c['qid']}\t{c['kind']}\t{c['query']}\t{words_str(c['words'])}\t{len(c['hits'])}"
                     f"\t{c['from']}\t{c['note']}\n")
            for d in sorted(set(c['hits']), key=lambda x: (len(x), x)):
                fr.write(f"{c['qid']} 0 {d} 1\n")
    # the truth is large (~520,000 lines, 14 MB): kept compressed (~0.7 MB)
    qrels = os.path.join(args.out, 'qrels.trec')
    subprocess.run(['zstd', '-19', '-q', '-f', qrels + '.tmp', '-o', qrels + '.zst'], check=True)
    os.remove(qrels + '.tmp')
    sizes = sorted(len(c['hits']) for c in kept)
    print(f'matchset: {len(kept)} queries written to {args.out}; set sizes min {sizes[0] if sizes else 0}, '
          f'median {sizes[len(sizes) // 2] if sizes else 0}, max {sizes[-1] if sizes else 0}; '
          f'{time.time() - t0:.0f} s', file=sys.stderr)


if __name__ == '__main__':
    main()
