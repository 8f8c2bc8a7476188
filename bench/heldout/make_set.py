#!/usr/bin/env python3
"""Generates the held-out known-item query set (bench/heldout/): 100 queries of each of the five
kinds of the shared dev set (title, stem, body, nospace, latin; see /work/shared/eval/README.md),
over targets that are not dev targets and share no title with one.

Deterministic: SEED below (20260521) fixes the shuffle of the candidate releases, and each query is
drawn with its own random.Random(f"{SEED}-{kind}-{docid}") (string seeds do not depend on
PYTHONHASHSEED), so the same corpus and dev set always give byte-identical files.

usage: bench/heldout/make_set.py [--shared DIR] [--out DIR] [--spread --seed N --avoid DIR]
       (defaults: /work/shared or $BODO_SHARED, and the directory of this script)

--spread makes the title, stem and nospace queries the way the dev set's are, as far as its
queries show: the words of a title or stem query are any 2-3 title words in title order (83 of
dev's 100 title queries skip words), and the two words of a nospace query may have a word or two
between them in the title (69 of dev's nospace queries join adjacent words, 19 skip one, 6 more).
--avoid DIR leaves out the targets and titles of another set (meta.tsv and qrels.trec in DIR), so
that a second held-out set shares no target with the first.
Writes queries.tsv (qid<TAB>query), qrels.trec (qid 0 docid 1) and meta.tsv
(qid kind target date ministry). Python 3 standard library only; reads the corpus with `zstd -dc`.
Takes about a minute (one pass over the corpus: 485 MB of JSON, document frequencies of all words).

Rules (mirroring the dev set):
- targets: title of >= 3 words (words as below), body of >= 300 characters (skips the ~50,000
  placeholder bodies such as "(본문 없음)"; no dev target has a shorter body), not a dev target
  and not the same title as a dev target. Titles are "the same" when they agree after lower-casing
  and dropping everything but letters and digits (this reproduces the dev qrels exactly).
  One target per title: no two held-out queries aim at the same title.
- qrels: the target and every release with the same title.
- title words (WORD_RE): runs of letters and digits; brackets, quotes, ·, / and the like separate
  words ("「개인위치정보」등록심사" -> 개인위치정보 등록심사) except inside numbers (5.5, 1,416억)
  and Latin names (R&D, No.1, KF-21). A query word has >= 2 characters and is not only digits
  (the dev queries have no 1-character word).
- body words (and the document frequencies): whitespace-separated tokens with surrounding
  punctuation stripped, lower-cased.
- title, stem, nospace, latin: at least one query word must be in at most MAX_COMMON_DF (1000)
  releases (document frequency as for body words): no query of only common words such as
  "지원을 위해" or "회의개최" (the dev title queries have none either, its nospace queries few).
- title: 2-3 adjacent title words as written (particles attached), 3 words two times in three.
- stem: 2-3 adjacent title words with the particle removed; a particle (PARTICLES) is removed only
  if >= 2 Hangul syllables remain (or a Latin name: AI의 -> AI) and the remainder is at least as common a word in the corpus
  (document frequency) as the word with the particle (keeps 지원제도, 고속도로, 어린이, 전문가
  whole, also 화합과 though), and not for the province and island names of NO_STRIP;
  at least one word of the query must have lost a particle.
- body: 3 words of the body that do not occur in the title (not even as part of a title word),
  each either >= 2 Hangul syllables (Hangul only) or a Latin word of >= 3 letters, with document
  frequency 2..50 over the corpus (title + body words, lower-cased), drawn with weights
  tf * log(N / df) (tf: occurrences in the body), so that words the release repeats are preferred
  to one-off inflected forms; written in body order.
- nospace: two title words separated by a space only (no punctuation between them), each Hangul
  only and >= 2 syllables, written without the space (as written: particles attached).
- latin: 1-2 adjacent ones (one four times in five) of the title's distinct Latin-script words
  (>= 2 characters, at least one Latin letter, not starting with a digit, not a unit such as km:
  AI, R&D, G20, K-ICS) followed by one Korean title word (>= 2 Hangul syllables, no Latin letter).
- no query equals a dev query or another held-out query.
Kinds are filled in the order title, stem, body, nospace, latin, each taking the next unused
release of the one shuffled candidate list for which it can make a query.
"""
import argparse, collections, json, math, os, random, re, subprocess, sys, time

SEED = 20260521
PER_KIND = 100
KINDS = ('title', 'stem', 'body', 'nospace', 'latin')
MIN_BODY_CHARS = 300
BODY_DF = (2, 50)
MAX_COMMON_DF = 1000  # title, stem, nospace, latin: at least one query word in at most this many releases

# Particles (조사), longest first; removed from the end of a word only (see strip_particle).
PARTICLES = sorted('''
    은 는 이 가 을 를 의 에 와 과 도 로 으로 에서 에게 께 께서 한테 부터 까지 처럼 보다 마다 만
    에서는 에서도 에서의 에게는 에게도 에는 에도 에의 으로는 으로도 으로의 으로서 으로써 로는 로도
    로의 로서 로써 와의 과의 와는 과는 이나 나 이며 이란 란 보다는 까지는 부터는 만큼 조차
'''.split(), key=len, reverse=True)

# Words that end in a particle-like syllable but are names: kept whole (경기도 is not 경기 + 도)
NO_STRIP = {'경기도', '강원도', '제주도', '전라도', '경상도', '충청도', '독도', '울릉도', '거제도',
            '강화도', '백령도', '연평도', '흑산도', '진도', '완도'}
NO_STRIP_ENDINGS = ('북도', '남도', '자치도')

# Title words: runs of letters and digits. Punctuation splits words (「」()‘’·/… and '-' after Hangul:
# 코로나바이러스감염증-19 -> 코로나바이러스감염증 19), except inside numbers (5.5, 1,416억) and
# Latin names (R&D, No.1, K-ICS, KF-21).
WORD_RE = re.compile(r"[^\W_]+(?:(?:(?<=[0-9])[.,](?=[0-9])|(?<=[A-Za-z0-9])[&.\-](?=[A-Za-z0-9]))[^\W_]+)*")
# Latin "words" that are units after a number, not names
UNITS = {'ha', 'km', 'kg', 'mm', 'cm', 'kw', 'kwh', 'mw', 'gw', 'gb', 'tb', 'mb', 'ppm', 'ml'}


def strip_word(tok):
    """Surrounding punctuation/brackets off: '(IDEF)' -> 'IDEF', '산업,' -> '산업'."""
    i, j = 0, len(tok)
    while i < j and not tok[i].isalnum():
        i += 1
    while j > i and not tok[j - 1].isalnum():
        j -= 1
    return tok[i:j]


def is_word(w):
    """A query word: >= 2 characters, not only digits (the dev queries have no 1-character words)."""
    return len(w) >= 2 and any(c.isalpha() for c in w)


def hangul(c):
    return '\uac00' <= c <= '\ud7a3'


def n_hangul(w):
    return sum(hangul(c) for c in w)


def all_hangul(w):
    return bool(w) and all(hangul(c) for c in w)


def has_latin(w):
    return any('a' <= c.lower() <= 'z' for c in w)


def title_key(t):
    return ''.join(c for c in t.lower() if c.isalnum())


def particle_split(w):
    """(stem, particle) for the longest particle ending w with >= 2 Hangul syllables left, else None."""
    if not w or not hangul(w[-1]) or w in NO_STRIP or w.endswith(NO_STRIP_ENDINGS):
        return None
    for p in PARTICLES:
        if w.endswith(p) and len(w) > len(p):
            stem = w[:-len(p)]
            if n_hangul(stem) >= 2 or (stem.isascii() and len(stem) >= 2 and has_latin(stem)):
                return stem, p
    return None


def read_corpus(path):
    proc = subprocess.Popen(['zstd', '-dc', path], stdout=subprocess.PIPE)
    for line in proc.stdout:
        yield json.loads(line)
    if proc.wait() != 0:
        sys.exit(f'zstd -dc {path} failed')


class Maker:
    def __init__(self, df, n_docs, spread=False):
        self.df = df
        self.n_docs = n_docs
        self.spread = spread

    def strip_particle(self, w):
        sp = particle_split(w)
        if sp is None:
            return w
        stem = sp[0]
        if self.df.get(stem.lower(), 0) >= max(2, self.df.get(w.lower(), 0)):
            return stem
        return w

    def distinctive(self, words):
        """At least one word that is not common (df <= MAX_COMMON_DF): no query of only common words."""
        return min(self.df.get(w.lower(), 0) for w in words) <= MAX_COMMON_DF

    def windows(self, words, n):
        """Start positions of n adjacent query words (is_word) with at least one distinctive word."""
        return [i for i in range(len(words) - n + 1)
                if all(is_word(w) for w in words[i:i + n]) and self.distinctive(words[i:i + n])]

    def spread_picks(self, words, n, rng):
        """n query words (is_word) anywhere in the title, in title order, at least one distinctive."""
        eligible = [i for i, w in enumerate(words) if is_word(w)]
        for _ in range(20):
            if len(eligible) < n:
                return None
            pick = sorted(rng.sample(eligible, n))
            if self.distinctive([words[i] for i in pick]):
                return pick
        return None

    def title(self, d, rng):
        words = d['words']
        if self.spread:
            n = rng.choice((2, 3, 3))
            pick = self.spread_picks(words, n, rng) or self.spread_picks(words, 5 - n, rng)
            return ' '.join(words[i] for i in pick) if pick else None
        n = rng.choice((2, 3, 3))
        starts = self.windows(words, n)
        if not starts:
            n = 5 - n
            starts = self.windows(words, n)
        if not starts:
            return None
        i = rng.choice(starts)
        return ' '.join(words[i:i + n])

    def stem(self, d, rng):
        words = d['words']
        stems = [self.strip_particle(w) if is_word(w) else w for w in words]
        if self.spread:
            for _ in range(20):
                pick = self.spread_picks(stems, rng.choice((2, 3, 3)), rng)
                if pick and any(stems[k] != words[k] for k in pick):
                    return ' '.join(stems[k] for k in pick)
            return None
        cands = []
        for n in (2, 3):
            for i in self.windows(stems, n):
                if any(stems[k] != words[k] for k in range(i, i + n)):
                    cands.append((i, n))
        if not cands:
            return None
        i, n = rng.choice(cands)
        return ' '.join(stems[i:i + n])

    def body(self, d, rng):
        tw = {w.lower() for w in d['words'] if w}
        tjoined = ''.join(d['words']).lower()
        tf, form = collections.Counter(), {}
        for tok in d['body'].split():
            w = strip_word(tok)
            lw = w.lower()
            if lw in tf:
                tf[lw] += 1
                continue
            if not ((all_hangul(w) and len(w) >= 2) or (w.isascii() and w.isalpha() and len(w) >= 3)):
                continue
            if lw in tw or lw in tjoined:
                continue
            sp = particle_split(w)
            if sp and sp[0].lower() in tjoined:
                continue
            if not BODY_DF[0] <= self.df.get(lw, 0) <= BODY_DF[1]:
                continue
            tf[lw] = 1
            form[lw] = w
        cands = list(form)  # in body order
        if len(cands) < 3:
            return None
        # weighted by tf * idf: words the release repeats and the corpus hardly has
        weight = {w: tf[w] * math.log(self.n_docs / self.df[w]) for w in cands}
        for _ in range(20):
            pool, pick = list(cands), []
            while len(pick) < 3:
                w = rng.choices(pool, [weight[x] for x in pool])[0]
                pool.remove(w)
                pick.append(w)
            if not any(a != b and a in b for a in pick for b in pick):
                return ' '.join(form[w] for w in cands if w in pick)
        return None

    def nospace(self, d, rng):
        toks = d['toks']  # raw whitespace tokens: no punctuation may sit between the two words
        # --spread: a word or two between them at dev's rates (69 : 19 : 6 of its 100 queries)
        step = rng.choices((1, 2, 3), (69, 19, 6))[0] if self.spread else 1
        starts = []
        for i in range(len(toks) - step):
            a, b = toks[i], toks[i + step]
            wa, wb = strip_word(a), strip_word(b)
            if (all_hangul(wa) and all_hangul(wb) and len(wa) >= 2 and len(wb) >= 2
                    and (step > 1 or (a.endswith(wa) and b.startswith(wb))) and self.distinctive([wa, wb])):
                starts.append(i)
        if not starts:
            return None
        i = rng.choice(starts)
        return strip_word(toks[i]) + strip_word(toks[i + step])

    def latin(self, d, rng):
        lat = []
        for w in d['words']:
            if (w.isascii() and len(w) >= 2 and has_latin(w) and not w[0].isdigit()
                    and w.lower() not in UNITS and w not in lat):
                lat.append(w)
        kor = [w for w in d['words'] if n_hangul(w) >= 2 and not has_latin(w)]
        if not lat or not kor:
            return None
        n = min(len(lat), rng.choice((1, 1, 1, 1, 2)))
        i = rng.randrange(len(lat) - n + 1)
        if not self.distinctive(lat[i:i + n]):
            kor = [w for w in kor if self.distinctive([w])]
            if not kor:
                return None
        return ' '.join(lat[i:i + n] + [rng.choice(kor)])


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--shared', default=os.environ.get('BODO_SHARED', '/work/shared'))
    ap.add_argument('--out', default=here)
    ap.add_argument('--spread', action='store_true', help='title, stem and nospace words spread as in dev')
    ap.add_argument('--seed', type=int, default=SEED)
    ap.add_argument('--avoid', action='append', default=[], help="another set's folder: none of its targets")
    args = ap.parse_args()
    seed = args.seed
    corpus = os.path.join(args.shared, 'corpus', 'korea-kr-2020-2026.jsonl.zst')
    devdir = os.path.join(args.shared, 'eval', 'dev')
    t0 = time.time()

    dev_docs, dev_targets, dev_queries = set(), set(), set()
    for setdir in [devdir] + args.avoid:  # the dev set, and any set to avoid, count alike
        dev_docs |= {l.split()[2] for l in open(os.path.join(setdir, 'qrels.trec')) if l.strip()}
        dev_targets |= {l.split('\t')[2] for l in open(os.path.join(setdir, 'meta.tsv')) if l.strip()}
        dev_queries |= {l.rstrip('\n').split('\t', 1)[1] for l in open(os.path.join(setdir, 'queries.tsv'))
                        if l.strip()}

    # One pass: metadata, title groups, document frequencies; bodies kept only for candidates.
    docs, groups, df = [], collections.defaultdict(list), collections.Counter()
    for r in read_corpus(corpus):
        title, body = r.get('title') or '', r.get('body') or ''
        groups[title_key(title)].append(r['id'])
        df.update({strip_word(t).lower() for t in (title + ' ' + body).split()})
        toks = title.split()
        words = WORD_RE.findall(title)
        if len(body.strip()) < MIN_BODY_CHARS or sum(map(is_word, words)) < 3:
            continue
        docs.append({'id': r['id'], 'title': title, 'date': r.get('date', ''),
                     'ministry': r.get('ministry', ''), 'body': body, 'toks': toks, 'words': words})
    df.pop('', None)
    t1 = time.time()

    dev_keys = {k for k, ids in groups.items() if dev_targets.intersection(ids)}
    cands = [d for d in docs if d['id'] not in dev_docs and title_key(d['title']) not in dev_keys]
    random.Random(seed).shuffle(cands)

    maker = Maker(df, sum(map(len, groups.values())), args.spread)
    used_keys, used_queries = set(), set(dev_queries)
    chosen = {}
    skipped = collections.Counter()
    for kind in KINDS:
        make = getattr(maker, kind)
        chosen[kind] = []
        for d in cands:
            if len(chosen[kind]) == PER_KIND:
                break
            key = title_key(d['title'])
            if key in used_keys:
                continue
            q = make(d, random.Random(f'{seed}-{kind}-{d["id"]}'))
            if q is None:
                continue
            if q in used_queries:
                skipped[kind] += 1
                continue
            used_keys.add(key)
            used_queries.add(q)
            chosen[kind].append((d, q))
        if len(chosen[kind]) < PER_KIND:
            sys.exit(f'only {len(chosen[kind])} {kind} queries')

    with open(os.path.join(args.out, 'queries.tsv'), 'w') as fq, \
            open(os.path.join(args.out, 'qrels.trec'), 'w') as fr, \
            open(os.path.join(args.out, 'meta.tsv'), 'w') as fm:
        for kind in KINDS:
            for n, (d, q) in enumerate(chosen[kind]):
                qid = f'{kind}-{n:04d}'
                fq.write(f'{qid}\t{q}\n')
                for docid in sorted(groups[title_key(d['title'])], key=int):
                    fr.write(f'{qid} 0 {docid} 1\n')
                fm.write(f'{qid}\t{kind}\t{d["id"]}\t{d["date"]}\t{d["ministry"]}\n')

    years = collections.Counter(d['date'][:4] for k in KINDS for d, _ in chosen[k])
    nrel = sum(len(groups[title_key(d['title'])]) for k in KINDS for d, _ in chosen[k])
    print(f'corpus: {sum(map(len, groups.values()))} releases, {len(cands)} candidate '
          f'targets (body >= {MIN_BODY_CHARS} chars, title >= 3 words, not dev), '
          f'{len(df)} distinct words; read in {t1 - t0:.0f} s')
    print('queries: ' + ', '.join(f'{k} {len(chosen[k])}' for k in KINDS)
          + f' = {sum(len(v) for v in chosen.values())}; {nrel} qrels lines')
    if skipped:
        print('skipped (same as a dev or earlier query): '
              + ', '.join(f'{k} {v}' for k, v in sorted(skipped.items())))
    print('targets by year: ' + ', '.join(f'{y} {n}' for y, n in sorted(years.items())))
    print(f'wrote queries.tsv, qrels.trec, meta.tsv to {args.out} in {time.time() - t0:.0f} s')


if __name__ == '__main__':
    main()
