"""Related claims: each scoring idea tried on the tune half, tune-A beside tune-B (figures only).

Run on a database bench_grouping_pairs.py made (or a ``createdb -T`` copy of one)::

    SHARED_DIR=/work/shared .venv/bin/python benchmarks/related_ablation.py --db claims_related

It reads the **tune** half of the judged cross-article relations only (the holdout half is
never loaded), split in tune-A and tune-B as ``related_eval.tune_part`` does. For each claim
of a usable related pair it reads the claim's side and a wide pool of candidates once, through
the lookup's own queries (``claims.selectors.related``), then re-ranks that pool in Python under
each variant below and prints recall@10 each way for tune-A and tune-B: a change that gains on
tune-A (whose misses a builder reads) and not on tune-B (never read) is fitted to the items,
not found in the language. The first line ("as shipped") must equal related_eval.py's figures;
the variants change one thing each:

- pool N: the first N candidates of the look-up (CANDIDATES is 100);
- pairs x F, length E: PAIR_FACTOR and LENGTH_EXPONENT;
- date B/H, topic T: DATE_BONUS (halving every H days), TOPIC_BONUS;
- no copy rule: candidates that are the claim again or an excerpt kept;
- speaker named x(1+B): the score raised when one claim names the other's speaker (its last
  name among the other's capitalised words: Clinton on Trump's claims);
- names x F: the words written capitalised in the claim (names) weighted F times;
- corpus IDF: every word weighted by its share of all claims, counted (``ts_stat``), where the
  lookup counts only the words it looks up and estimates the others from the statistics;
- per speaker <= K: at most K claims of one speaker key before the others;
- words shared ^A: the score times the number of words both hold to the power A (two claims
  on Iran's nuclear deal share "iran" and "nuclear", where a claim sharing only the idiom
  "existential threat" holds one pair).

With ``--embeddings NAME=FILE`` (an ``.npz`` of ``ids`` and ``vectors``: each claim's embedding,
written by ``scripts/distil_static_embeddings.py --claims``), for each file:

- NAME blend A: the score divided by the best score of the claim's candidates, then
  (1 - A) x that + A x the cosine of the two claims' embeddings (A 1: the embedding alone,
  among the word look-up's candidates);
- NAME RRF: reciprocal rank fusion (1 / (60 + rank)) of the word ranking and the cosine's;
- NAME dims D: the blend at A 0.5 with only the first D (PCA) dimensions;
- NAME +K nn blend A: the pool widened by the K claims nearest by embedding among all
  claims (other speakers', the copy rule applied), their word score counted as it is (0 when
  they share no word).

With ``--context`` (fifth round), signals from outside the claim's own words, each added to the
score as BONUS x a cosine (the word score is left as it is):

- article B: the cosine of the two claims' articles (each article its words weighted by
  tf-idf over the articles, the TERMS heaviest kept: "the article's rare words"), the best
  over the articles holding each claim's quotes;
- lead B: the same over the headline and the first 300 characters;
- names B: the same over the article's names (capitalised words, ``related.names``);
- sentence B: the same over the sentence holding the quote (its attribution too) and the
  sentences on either side;
- +K articles: the pool widened by the claims of the K articles nearest the claim's own (by
  the article cosine), ranked with the article bonus (a second query, by article);
- synonyms: each claim's stems read as their group's key (``data/content_synonyms.txt``:
  "mexican" as "mexico", "islamic state" as "isis") before they are compared.

``--top 20`` counts recall@20 instead (near misses: a signal too weak to lift a claim into the
first 10 may still move it).
"""
from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
POOL = 300
TOP = 10
# Words of a speaker's name that are not their last name.
_NAME_NOISE = frozenset("jr sr ii iii".split())


@dataclass
class Lookup:
    own: object  # scoring.Side
    candidates: list  # scoring.Side, in the look-up's order (summed weight of rare words)
    exact: dict  # looked-up words' counted shares of claims
    # Each claim's (articles, context), as the lookup reads them (selectors.related.read_contexts)
    contexts: dict = field(default_factory=dict)

    def read_context(self, ids) -> dict:
        return {i: self.contexts[i] for i in ids if i in self.contexts}


def _load(pool: int) -> tuple[list[dict], dict[int, Lookup], dict[int, set[str]]]:
    import bench_grouping_pairs as pairs_bench
    import related_eval
    from django.db import connection

    from claims.models import Claim

    related_eval.ensure_statistics()
    docs = pairs_bench.load_gold()
    rows = [r for r in related_eval.load_relations()
            if r["split"] == "tune" and r["label"] != "none"]  # the tune half only
    matched = pairs_bench.match_attributions([{"a": r["a"], "b": r["b"]} for r in rows],
                                             {d["id"]: d for d in docs},
                                             pairs_bench.doc_articles(docs))
    pairs = []
    for r in rows:
        a = matched.get((r["a"]["doc"], r["a"]["quote"]))
        b = matched.get((r["b"]["doc"], r["b"]["quote"]))
        if a and b and a.claim_id and b.claim_id and a.claim_id != b.claim_id:
            pairs.append({"part": related_eval.tune_part(r), "a": a.claim_id, "b": b.claim_id})
    lookups = {claim_id: read_lookup(claim_id, pool)
               for claim_id in sorted({c for p in pairs for c in (p["a"], p["b"])})}
    ids = set(lookups) | {c.id for lk in lookups.values() for c in lk.candidates}
    speakers: dict[int, set[str]] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.id, c.speaker_key, s.name FROM claims_claim c LEFT JOIN "
            f"{Claim.speakers.through._meta.db_table} cs ON cs.claim_id = c.id LEFT JOIN "
            "claims_speaker s ON s.id = cs.speaker_id WHERE c.id = ANY(%s)", [list(ids)])
        for claim_id, key, name in cursor.fetchall():
            names = [n for n in (name, key[2:] if key and key.startswith("n:") else None) if n]
            for n in names:
                words = [w for w in re.findall(r"[A-Za-z'’-]+", n) if w.lower() not in
                         _NAME_NOISE]
                if words and words[-1][:1].isupper():
                    speakers.setdefault(claim_id, set()).add(words[-1].lower())
    return pairs, lookups, speakers


def read_lookup(claim_id: int, pool: int) -> Lookup:
    """The claim's side and the first `pool` candidates of its look-up, in the look-up's order."""
    from claims.models import Claim
    from claims.selectors import related as lookup

    claim = Claim.objects.only("id", "text", "speaker_key").get(pk=claim_id)
    exact: dict[str, float] = {}
    frequency, _ = lookup._weigher(exact)
    with mock_candidates(pool):
        own, candidates = lookup._sides_postgresql(claim, frequency, exact)
    ordered = _in_pool_order(own, candidates, exact)
    return Lookup(own, ordered, exact,
                  lookup.read_contexts([own.id] + [c.id for c in ordered]))


class mock_candidates:
    """CANDIDATES raised to the pool size while reading (the shipped order kept: the first
    CANDIDATES of the pool are what the lookup reads)."""

    def __init__(self, pool: int):
        self.pool = pool

    def __enter__(self):
        from claims.selectors import related as lookup

        self.saved, lookup.CANDIDATES = lookup.CANDIDATES, self.pool

    def __exit__(self, *exc):
        from claims.selectors import related as lookup

        lookup.CANDIDATES = self.saved


def _in_pool_order(own, candidates, exact) -> list:
    """The candidates in the look-up's order: summed weight of the looked-up words each holds,
    best first, ties by id (as _HITS_SQL orders them)."""
    from claims.grouping import related as scoring

    looked = {w: scoring.word_weight(f) for w, f in exact.items()}

    def key(side):
        return (-round(sum(looked.get(x, 0.0) for x in side.lexemes), 9), side.id)

    return sorted(candidates, key=key)


def load_embeddings(path: Path) -> tuple[dict[int, int], object]:
    """Each claim's row and the unit vectors of an .npz of ``ids`` and ``vectors``."""
    import numpy as np

    data = np.load(path)
    vectors = data["vectors"].astype(np.float32)
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    return {int(i): n for n, i in enumerate(data["ids"])}, vectors


def cosines(embedding, own_id: int, ids, dims: int | None = None) -> dict[int, float]:
    import numpy as np

    rows, vectors = embedding
    if own_id not in rows:
        return {}
    known = [i for i in ids if i in rows]
    own = vectors[rows[own_id], :dims]
    others = vectors[[rows[i] for i in known], :dims]
    if dims:
        own = own / max(np.linalg.norm(own), 1e-9)
        others = others / np.maximum(np.linalg.norm(others, axis=1, keepdims=True), 1e-9)
    return dict(zip(known, (others @ own).tolist(), strict=True))


def _with_candidates(lookups: dict[int, Lookup], wanted: dict[int, list[int]]
                     ) -> dict[int, Lookup]:
    """Each look-up's first CANDIDATES with the claims `wanted` for it added, read through
    the lookup's own side query (2,000 at a time) with their contexts."""
    from django.db import connection

    from claims.selectors import related as lookup

    need = sorted({i for v in wanted.values() for i in v})
    sides = {}
    with connection.cursor() as cursor:
        for start in range(0, len(need), 2000):
            cursor.execute(lookup._sides_sql(), [need[start:start + 2000]])
            for row in cursor.fetchall():
                side = lookup._side(lookup._positions(row))
                sides[side.id] = side
    contexts = lookup.read_contexts(list(sides))
    return {claim_id: Lookup(lk.own, lk.candidates[:lookup.CANDIDATES]
                             + [sides[i] for i in wanted[claim_id] if i in sides], lk.exact,
                             {**lk.contexts, **contexts})
            for claim_id, lk in lookups.items()}


def widen(lookups: dict[int, Lookup], embedding, k: int) -> dict[int, Lookup]:
    """Each look-up's first CANDIDATES (what the lookup reads) with the k claims nearest by
    embedding added that are not among them (read through the lookup's own side query)."""
    import numpy as np

    from claims.selectors import related as lookup

    rows, vectors = embedding
    ids = np.array(sorted(rows, key=rows.get))
    wanted: dict[int, list[int]] = {}
    for claim_id, lk in lookups.items():
        if claim_id not in rows:
            wanted[claim_id] = []
            continue
        sims = vectors @ vectors[rows[claim_id]]
        order = np.argsort(-sims)[:k + 1]
        have = {c.id for c in lk.candidates[:lookup.CANDIDATES]}
        wanted[claim_id] = [int(i) for i in ids[order] if int(i) != claim_id
                            and int(i) not in have][:k]
    return _with_candidates(lookups, wanted)


def _corpus_shares() -> dict[str, float]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM claims_claim")
        (total,) = cursor.fetchone()
        cursor.execute("SELECT word, ndoc FROM ts_stat($$SELECT to_tsvector('english'::regconfig,"
                       " COALESCE(text, '')) FROM claims_claim$$)")
        return {word: n / max(total, 1) for word, n in cursor.fetchall()}


def ranked(lk: Lookup, speakers: dict[int, set[str]] | None = None, corpus=None, *,
           pool: int | None = None, copy_rule: bool = True, link: float = 0.0,
           names: float = 1.0, corpus_idf: bool = False, per_speaker: int | None = None,
           coordination: float = 0.0, embedding=None, blend: float = 0.0,
           rrf: bool = False, dims: int | None = None, context: Context | None = None,
           kind: str = "article", bonus: float = 0.0, synonyms=None) -> list[int]:
    """The first TOP of a read look-up re-ranked as `claims.grouping.related.rank` does (the
    defaults: the shipped lookup, which a test checks), or with one thing changed."""
    from claims.grouping import related as scoring
    from claims.selectors import related as lookup

    speakers = speakers or {}
    own = canonical_side(lk.own, synonyms) if synonyms else lk.own
    _, shipped = lookup._weigher(dict(lk.exact))
    if corpus_idf:
        def base(x):
            return scoring.word_weight(corpus.get(x, 1e-6))
    else:
        base = shipped
    capitalised = scoring.names(own.text)

    def weight(x):
        if names != 1.0 and any(n == x or n.startswith(x[:max(3, len(x) - 1)])
                                for n in capitalised):
            return base(x) * names
        return base(x)

    own_norm = scoring._norm(own, weight)
    scored = []
    for c in lk.candidates[:lookup.CANDIDATES if pool is None else pool]:
        if not scoring.other_speaker(own, c):
            continue
        if synonyms:
            c = canonical_side(c, synonyms)
        value = scoring.closeness(own, c, weight, own_norm)
        if context is not None and bonus:
            value += bonus * context_cosine(context, kind, own.id, c.id)
        if (value <= 0 and embedding is None) or (copy_rule and scoring.copy_of(own, c, base)):
            continue
        if link and (speakers.get(c.id, set()) & capitalised
                     or speakers.get(own.id, set()) & scoring.names(c.text)):
            value *= 1 + link
        if coordination:
            value *= len(own.lexemes & c.lexemes) ** coordination
        scored.append((value, c))
    _, scored = scoring.with_context(own, scored, weight, lk.read_context)
    scored = [(value, c.id, c.speaker_key) for value, c in scored]
    scored.sort(key=lambda item: (-item[0], item[1]))
    if embedding is not None and scored:
        cos = cosines(embedding, own.id, [item[1] for item in scored], dims)
        if rrf:
            by_cos = sorted(scored, key=lambda item: (-cos.get(item[1], -1.0), item[1]))
            fused = {item[1]: 1 / (61 + n) for n, item in enumerate(scored)}
            for n, item in enumerate(by_cos):
                fused[item[1]] += 1 / (61 + n)
            scored = [(fused[item[1]], item[1], item[2]) for item in scored]
        else:
            best = max(scored[0][0], 1e-9)
            scored = [((1 - blend) * value / best + blend * cos.get(claim_id, 0.0), claim_id,
                       key) for value, claim_id, key in scored]
        scored.sort(key=lambda item: (-item[0], item[1]))
    if per_speaker:
        seen: dict[str, int] = {}
        first, rest = [], []
        for item in scored:
            seen[item[2]] = seen.get(item[2], 0) + 1
            (first if seen[item[2]] <= per_speaker else rest).append(item)
        scored = first + rest
    return [claim_id for _, claim_id, _ in scored[:TOP]]


# --- fifth round: the claim's context (its sentence, its article), synonyms -----------------

TERMS = 40  # an article's heaviest words kept ("its rare words and names")
LEAD = 300  # characters of the body read as the lead, after the headline
_SENTENCE_END = re.compile(r"[.!?][\"'’”)]*\s+|\n+")


@dataclass
class Context:
    articles: dict  # claim id -> the articles holding its quotes
    vectors: dict  # kind ("article", "lead", "names", "sentence") -> id -> unit vector
    neighbours: dict  # article id -> [(cosine, article id)], best first
    by_article: dict  # article id -> its claims


def _unit(counts: dict, idf: dict, keep: int | None = None) -> dict:
    import math

    weights = {t: (1 + math.log(n)) * idf.get(t, 0.0) for t, n in counts.items()}
    weights = {t: w for t, w in weights.items() if w > 0}
    if keep:
        weights = dict(sorted(weights.items(), key=lambda kv: -kv[1])[:keep])
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {t: w / norm for t, w in weights.items()}


def _cos(a: dict, b: dict) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def _sentence_window(body: str, start: int, end: int, around: int = 1) -> str:
    """The sentence holding body[start:end] (its attribution too), and `around` sentences on
    either side."""
    cuts = [0] + [m.end() for m in _SENTENCE_END.finditer(body)] + [len(body)]
    first = max(i for i, c in enumerate(cuts) if c <= start)
    last = min((i for i, c in enumerate(cuts) if c >= end), default=len(cuts) - 1)
    return body[cuts[max(0, first - around)]:cuts[min(len(cuts) - 1, last + around)]]


def load_context(claim_ids) -> Context:
    """Each claim's articles and the context vectors (tf-idf over all articles' words)."""
    import math
    from collections import Counter

    from django.db import connection

    from claims.grouping import related as scoring

    def words(text):
        return Counter(w for w, _ in scoring.crude_lexemes(text))

    with connection.cursor() as cursor:
        cursor.execute("SELECT id, title, body FROM claims_article")
        articles = {pk: (title, body) for pk, title, body in cursor.fetchall()}
        cursor.execute("SELECT claim_id, article_id, start, \"end\" FROM claims_quote "
                       "WHERE claim_id IS NOT NULL")
        quotes = cursor.fetchall()
    bags = {pk: words(title + "\n" + body) for pk, (title, body) in articles.items()}
    df = Counter(t for bag in bags.values() for t in bag)
    n = max(len(bags), 1)
    idf = {t: math.log(n / d) for t, d in df.items()}
    name_bags = {pk: Counter(scoring.names(title + "\n" + body))
                 for pk, (title, body) in articles.items()}
    name_df = Counter(t for bag in name_bags.values() for t in bag)
    name_idf = {t: math.log(n / d) for t, d in name_df.items()}
    vectors = {
        "article": {pk: _unit(bag, idf, TERMS) for pk, bag in bags.items()},
        "lead": {pk: _unit(words(title + "\n" + body[:LEAD]), idf)
                 for pk, (title, body) in articles.items()},
        "names": {pk: _unit(bag, name_idf, TERMS) for pk, bag in name_bags.items()},
        "sentence": {},
    }
    wanted = set(claim_ids)
    claim_articles: dict = {}
    by_article: dict = {}
    windows: dict = {}
    for claim_id, article_id, start, end in quotes:
        claim_articles.setdefault(claim_id, set()).add(article_id)
        by_article.setdefault(article_id, set()).add(claim_id)
        if claim_id in wanted:
            windows.setdefault(claim_id, Counter()).update(
                words(_sentence_window(articles[article_id][1], start, end)))
    vectors["sentence"] = {c: _unit(bag, idf) for c, bag in windows.items()}
    for around in (0, 2):
        bags: dict = {}
        for claim_id, article_id, start, end in quotes:
            if claim_id in wanted:
                bags.setdefault(claim_id, Counter()).update(
                    words(_sentence_window(articles[article_id][1], start, end, around)))
        vectors[f"sentence{around}"] = {c: _unit(bag, idf) for c, bag in bags.items()}
    for width, bare in ((150, False), (300, False), (500, False), (300, True)):
        vectors[f"window {width}{' bare' if bare else ''}"] = _windows(wanted, width, bare)
    art = vectors["article"]
    neighbours = {}
    for a in {x for c in wanted for x in claim_articles.get(c, ())}:
        sims = sorted(((_cos(art[a], art[b]), b) for b in art if b != a), reverse=True)
        neighbours[a] = sims[:50]
    return Context(claim_articles, vectors, neighbours, by_article)


def _windows(claim_ids, width: int, bare: bool) -> dict:
    """Each claim's context as the lookup would read it: `width` characters of its articles
    on either side of each quote (without the quote when `bare`), as PostgreSQL's English
    stems, weighted by (1 + log count) x the stem's weight among claims (the lookup's own
    weigher: the statistics' shares)."""
    import math
    from collections import Counter

    from django.db import connection

    from claims.selectors import related as lookup

    _, weight = lookup._weigher({})
    inner = "' '" if bare else "substr(a.body, q.start + 1, q.\"end\" - q.start)"
    sql = f"""
        SELECT q.claim_id, t.lexeme, coalesce(array_length(t.positions, 1), 1)
        FROM claims_quote q JOIN claims_article a ON a.id = q.article_id,
             unnest(to_tsvector('english'::regconfig,
                substr(a.body, greatest(1, q.start + 1 - %(w)s), least(q.start, %(w)s))
                || ' ' || {inner} || ' ' ||
                substr(a.body, q."end" + 1, %(w)s))) AS t
        WHERE q.claim_id = ANY(%(ids)s)"""
    bags: dict = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, {"w": width, "ids": sorted(claim_ids)})
        for claim_id, lexeme, n in cursor.fetchall():
            bags.setdefault(claim_id, Counter())[lexeme] += n
    out = {}
    for claim_id, bag in bags.items():
        weights = {t: (1 + math.log(n)) * weight(t) for t, n in bag.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        out[claim_id] = {t: w / norm for t, w in weights.items()}
    return out


def context_cosine(context: Context, kind: str, own_id: int, other_id: int) -> float:
    """The best cosine of the two claims' contexts of this kind; 0 when they share an article
    (every claim of one article would rise together)."""
    own_articles = context.articles.get(own_id, set())
    other_articles = context.articles.get(other_id, set())
    if own_articles & other_articles:
        return 0.0
    vectors = context.vectors[kind]
    if kind.startswith(("sentence", "window")):
        a, b = vectors.get(own_id), vectors.get(other_id)
        return _cos(a, b) if a and b else 0.0
    return max((_cos(vectors[x], vectors[y]) for x in own_articles for y in other_articles
                if x in vectors and y in vectors), default=0.0)


def widen_by_articles(lookups: dict, context: Context, k: int) -> dict:
    """Each look-up's first CANDIDATES with the claims of the k articles nearest the claim's
    own added (read through the lookup's own side query)."""
    from claims.selectors import related as lookup

    wanted = {}
    for claim_id, lk in lookups.items():
        have = {c.id for c in lk.candidates[:lookup.CANDIDATES]} | {claim_id}
        near = sorted({(cos, a) for x in context.articles.get(claim_id, ())
                       for cos, a in context.neighbours.get(x, [])[:k]}, reverse=True)[:k]
        wanted[claim_id] = sorted({c for _, a in near for c in context.by_article.get(a, ())}
                                  - have)
    return _with_candidates(lookups, wanted)


def synonym_stems() -> tuple[dict, list]:
    """(stem of a one-word form -> its key's stem, [(stems of a phrase form, key's stem)]),
    the forms stemmed as the lookup stems claims (PostgreSQL's English configuration)."""
    from django.db import connection

    from claims.grouping import synonyms

    words, phrases = {}, []
    with connection.cursor() as cursor:
        def stems(text):
            cursor.execute("SELECT ARRAY(SELECT lexeme FROM unnest(to_tsvector("
                           "'english'::regconfig, %s)) ORDER BY positions[1])", [text])
            return tuple(cursor.fetchone()[0])

        for group in synonyms._groups():
            key = stems(group[0])
            if len(key) != 1:
                continue
            for form in group[1:]:
                form_stems = stems(form)
                if len(form_stems) == 1:
                    words[form_stems[0]] = key[0]
                elif form_stems:
                    phrases.append((form_stems, key[0]))
    return words, phrases


def canonical_side(side, table):
    """The side with each synonym form read as its group's key."""
    from dataclasses import replace

    words, phrases = table
    lexemes = {words.get(x, x) for x in side.lexemes}
    for stems, key in phrases:
        if all(s in side.lexemes for s in stems) and all(
                (a, b) in side.pairs for a, b in zip(stems, stems[1:], strict=False)):
            lexemes.add(key)
    pairs = {(words.get(a, a), words.get(b, b)) for a, b in side.pairs}
    return replace(side, lexemes=frozenset(lexemes), pairs=frozenset(pairs))


def run(pairs, lookups, speakers, corpus, embeddings=None,
        widened=None, context: Context | None = None,
        synonyms=None) -> list[tuple[str, dict]]:
    from claims.grouping import related as scoring

    def ranks(claim_id, wide=None, **options):
        return ranked((wide or lookups)[claim_id], speakers, corpus, **options)

    def figures(**options) -> dict:
        out = {}
        for part in ("tune-A", "tune-B"):
            hits = n = 0
            for p in pairs:
                if p["part"] == part:
                    hits += (p["b"] in ranks(p["a"], **options)) + (
                        p["a"] in ranks(p["b"], **options))
                    n += 2
            out[part] = (hits, n)
        return out

    saved = {k: getattr(scoring, k) for k in ("PAIR_FACTOR", "LENGTH_EXPONENT", "DATE_BONUS",
                                                "DATE_HALF_LIFE", "TOPIC_BONUS")}

    def constants(**values):
        def apply():
            for k, v in saved.items():
                setattr(scoring, k, values.get(k, v))
        return apply

    variants = [("as shipped", constants(), {})]
    variants += [(f"pool {n}", constants(), {"pool": n}) for n in (50, 200, 300)]
    variants += [(f"pairs x{f}, length {e}", constants(PAIR_FACTOR=f, LENGTH_EXPONENT=e), {})
                 for f in (0.0, 0.5, 1.0) for e in (0.25, 0.5, 0.75, 1.0)
                 if (f, e) != (saved["PAIR_FACTOR"], saved["LENGTH_EXPONENT"])]
    variants += [(f"date {b}/{h}", constants(DATE_BONUS=b, DATE_HALF_LIFE=h), {})
                 for b, h in ((0.25, 14), (0.5, 30), (0.5, 90))]
    variants += [(f"topic {t}", constants(TOPIC_BONUS=t), {}) for t in (0.0, 0.2)]
    variants += [("no copy rule", constants(), {"copy_rule": False})]
    variants += [(f"speaker named x{1 + b}", constants(), {"link": b}) for b in (0.1, 0.3, 1.0)]
    variants += [(f"names x{f}", constants(), {"names": f}) for f in (0.5, 0.75, 1.25)]
    variants += [("corpus IDF", constants(), {"corpus_idf": True})]
    variants += [(f"per speaker <= {k}", constants(), {"per_speaker": k}) for k in (2, 3)]
    variants += [(f"words shared ^{a}", constants(), {"coordination": a}) for a in (0.5, 1.0)]
    for name, embedding in (embeddings or {}).items():
        variants += [(f"{name} blend {a}", constants(), {"embedding": embedding, "blend": a})
                     for a in (0.1, 0.25, 0.5, 0.75, 1.0)]
        variants += [(f"{name} RRF", constants(), {"embedding": embedding, "rrf": True})]
        variants += [(f"{name} dims {d}", constants(),
                      {"embedding": embedding, "blend": 0.5, "dims": d}) for d in (64, 128)]
        for k, wide in (widened or {}).get(name, {}).items():
            variants += [(f"{name} +{k} nn blend {a}", constants(),
                          {"embedding": embedding, "blend": a, "wide": wide, "pool": 10 ** 6})
                         for a in (0.25, 0.5, 1.0)]
    if context is not None:
        variants = [variants[0]]
        for kind in ("article", "lead", "names", "sentence"):
            variants += [(f"{kind} {b}", constants(), {"context": context, "kind": kind,
                                                     "bonus": b})
                         for b in (0.02, 0.05, 0.1, 0.2, 0.4)]
        for kind in ("sentence", "sentence0", "sentence2", "window 150", "window 300",
                     "window 500", "window 300 bare"):
            variants += [(f"{kind} {b}", constants(), {"context": context, "kind": kind,
                                                     "bonus": b})
                         for b in (0.3, 0.4, 0.6, 0.8, 1.0)]
        for k in (3, 10):
            wide = widen_by_articles(lookups, context, k)
            variants += [(f"+{k} articles, article {b}", constants(),
                          {"context": context, "kind": "article", "bonus": b, "wide": wide,
                           "pool": 10 ** 6}) for b in (0.05, 0.1, 0.2)]
    if synonyms is not None:
        variants += [("synonyms", constants(), {"synonyms": synonyms})]
    results = []
    try:
        for name, apply, options in variants:
            apply()
            results.append((name, figures(**options)))
    finally:
        constants()()
    return results


def main() -> int:
    global TOP
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="a database bench_grouping_pairs.py kept")
    parser.add_argument("--pool", type=int, default=POOL, help=f"candidates read ({POOL})")
    parser.add_argument("--embeddings", action="append", default=[], metavar="NAME=FILE",
                        help="claims' embeddings (.npz of ids, vectors) for the blend variants")
    parser.add_argument("--widen", type=int, action="append", default=[], metavar="K",
                        help="also widen the pool by the K nearest claims by embedding")
    parser.add_argument("--top", type=int, default=TOP,
                        help=f"recall@N (the panel shows {TOP}; 20 counts near misses too)")
    parser.add_argument("--context", action="store_true",
                        help="the fifth round's variants only: article, lead, names, sentence "
                             "bonuses, the pool widened by near articles, synonyms")
    parser.add_argument("--only-embeddings", action="store_true",
                        help="print the shipped line and the embedding variants only")
    args = parser.parse_args()
    TOP = args.top
    import bench_grouping_pairs as pairs_bench

    if not pairs_bench.configure_for_gold(args.db):
        return 0
    pairs, lookups, speakers = _load(args.pool)
    embeddings = {}
    for item in args.embeddings:
        name, _, path = item.partition("=")
        embeddings[name] = load_embeddings(Path(path))
    widened = {name: {k: widen(lookups, e, k) for k in args.widen}
               for name, e in embeddings.items()}
    context = table = None
    if args.context:
        context = load_context(set(lookups) | {c.id for lk in lookups.values()
                                               for c in lk.candidates})
        table = synonym_stems()
    results = run(pairs, lookups, speakers, _corpus_shares(), embeddings, widened, context,
                  table)
    if args.only_embeddings:
        results = [results[0]] + [r for r in results if r[0].split(" ")[0] in embeddings]
    print(f"recall@{TOP} each way, tune half only ({len(pairs)} usable related pairs)")
    print(f"{'variant':<26} {'tune-A':>14} {'tune-B':>14} {'tune':>7}")
    base = results[0][1]
    for name, fig in results:
        (ha, na), (hb, nb) = fig["tune-A"], fig["tune-B"]
        delta = f"{ha - base['tune-A'][0]:+d} / {hb - base['tune-B'][0]:+d}"
        print(f"{name:<26} {ha:3d}/{na} {ha / na:.3f} {hb:3d}/{nb} {hb / nb:.3f} "
              f"{(ha + hb) / (na + nb):.3f}  {delta}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
