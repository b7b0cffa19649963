"""One speaker's statements found by their content words, not their trigrams: the candidates
for an excerpt, a headline or a paraphrase of a statement (claims.grouping.content decides).

On PostgreSQL one LATERAL query for a batch answers, per statement, which of the speaker's
quotes hold two of the statement's longest content words (an English tsquery, so words are
stemmed), those holding most of its terms first, then the latest: the speaker's claims by
their key's index, their quotes by the claim index, each quote's stored tsvector (migration
0009) matched. Python then ranks them
(claims.grouping.content). Elsewhere (SQLite) the speaker's most recent quotes are scored in
Python: slower and bounded, but the same decision on what it sees.

No time limit: which paraphrases are offered must not depend on how fast the machine is. The
work is the speaker's quotes read once a statement (through b-tree indexes; nothing parsed),
so it grows with how much that speaker is quoted, not with the rest of the database.
"""
from django.db import connection

from claims.grouping import normalise
from claims.grouping.content import term_forms
from claims.grouping.synonyms import canonical
from claims.models import Claim, Quote
from claims.sql_arrays import int_array, text_array

# How many of a statement's longest search terms a quote must hold two of: all that
# `search_terms` gives (12). With 5, a long statement placed after its headline or excerpt
# did not find it when the words the two share were not among its five longest (tune half,
# 2026-12-06: one judged true pair; claims/grouping/README.md, "sixth pass"). The look-up
# alone then cost 1.26 times as much a batch as pairs (0.178 s against 0.141 s for 150
# statements), before the factored form below.
PAIR_TERMS = 12
# How many of a speaker's quotes the SQLite path reads per statement.
SQLITE_SCAN = 2000

# Why this shape (EXPLAIN ANALYZE on the 840 polnear-train articles, 12,700 quotes, a batch
# of 114 statements): matched through the full-text index (`to_tsvector(text) @@ query`, as
# before), each statement's OR of word pairs was evaluated over the posting lists of its words
# in every speaker's quotes, about 20 ms a statement, 2.4 s the batch; checked quote by quote
# against the stored vector, 2 ms. The queries are made once a statement, in the CTE (inlined
# into the inner scan, to_tsquery ran again for each quote read). The speaker's claim ids as
# one array make one index scan of the quotes (joined claim by claim, a nested loop of 350
# index probes a statement cost 15 ms).
_CONTENT_SQL = """
WITH w AS MATERIALIZED (
    SELECT key, to_tsquery('english'::regconfig, q) AS query,
           to_tsquery('english'::regconfig, anyq) AS anyq, own, i
    FROM unnest(%(keys)s::text[], %(queries)s::text[], %(anys)s::text[], %(owns)s::bigint[])
         WITH ORDINALITY AS u(key, q, anyq, own, i)
)
SELECT w.i, top.claim_id, top.text
FROM w CROSS JOIN LATERAL (
    SELECT qt.claim_id, qt.text
    FROM {quote} qt
    WHERE qt.claim_id = ANY(ARRAY(SELECT c.id FROM {claim} c WHERE c.speaker_key = w.key))
      AND qt.claim_id <> w.own AND qt.review_status <> %(rejected)s
      AND qt.search_vector @@ w.query
    ORDER BY ts_rank(qt.search_vector, w.anyq) DESC, qt.id DESC
    LIMIT %(top)s
) AS top
"""


def same_speaker_by_content(wanted, *, top: int = 30) -> dict[int, list[tuple[int, str]]]:
    """For each (speaker key, search terms, own claim id) of `wanted`, by its index: up to
    `top` quotes of that speaker's other claims holding two of the terms, those holding most
    of them first, then the latest, as (claim id, quote text). One query on PostgreSQL (and
    one more while a term is new to the process: whether it is a stop word)."""
    wanted = [(k, terms, own) for k, terms, own in wanted]
    if connection.vendor != "postgresql":
        return _by_content_python(wanted, top)
    rows, params = content_query_params(wanted, top=top)
    if not rows:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(_CONTENT_SQL.format(quote=Quote._meta.db_table,
                                           claim=Claim._meta.db_table), params)
        fetched = cursor.fetchall()
    return hits_by_statement(rows, fetched)


def content_query_params(wanted, *, top: int):
    """The statements worth a look-up (a speaker key and two terms or more), each as (index
    in `wanted`, key, tsquery, own claim id), and the look-up's SQL parameters (one array
    each, row k of the query being statement k + 1 of these)."""
    wanted = [(i, k, terms, own) for i, (k, terms, own) in enumerate(wanted)
              if k and len(terms) >= 2]
    vacuous = _vacuous_terms({t for _, _, terms, _ in wanted for t in list(terms)[:PAIR_TERMS]})
    rows = [(i, k, query, own, _any_query(terms))
            for i, k, terms, own in wanted if (query := _pairs_query(terms, vacuous))]
    params = {"keys": text_array(r[1] for r in rows), "queries": text_array(r[2] for r in rows),
              "anys": text_array(r[4] for r in rows),
              "owns": int_array(r[3] or 0 for r in rows), "top": top,
              "rejected": Quote.Review.REJECTED}
    return rows, params


def hits_by_statement(rows, fetched) -> dict[int, list[tuple[int, str]]]:
    """The look-up's (row number, claim id, text) results by the index of their statement."""
    found: dict[int, list[tuple[int, str]]] = {}
    for i, claim_id, text in fetched:
        found.setdefault(rows[i - 1][0], []).append((claim_id, text))
    return found


def _pairs_query(terms, vacuous=frozenset()) -> str:
    """Quotes holding two of the statement's `PAIR_TERMS` longest content words at least, as a
    tsquery: "a & (b | c | ...) | b & (c | ...) | ...", which matches what the OR of every pair
    "(a & b) | (a & c) | ..." matches, checked in fewer steps (PostgreSQL stops an AND at its
    first operand missing: 11 + k look-ups of a quote's lexemes for 12 terms where the pairs
    took 66 and more; at 100,000 generated quotes the look-up of the bench's batch took 979 ms
    as pairs, 536 ms factored: docs/benchmarks.md, 2026-12-06). An OR of single words matched
    most of a prolific speaker's quotes (thousands at 10,000 quotes in
    benchmarks/bench_grouping_scale.py), and ranking them recomputed each one's tsvector:
    seconds a batch. A term with synonyms is matched in any of its forms, a form of several
    words as a phrase: "(isis | isil | islamic <-> state | daesh)".

    `vacuous`: the terms whose query PostgreSQL's English configuration reduces to nothing (a
    stop word: "under", "because"). They are left out, and two of the others are asked: in
    the pairs' form each pair holding one was reduced to its other term, so one stop word
    among the terms made the match any single other term, that OR of single words (17 % of
    the judged statements at 12 terms). "" when fewer than two terms are left: no look-up
    (a statement of fewer than three content words is never offered anyway)."""
    words = [_term_query(t) for t in list(terms)[:PAIR_TERMS] if t not in vacuous]
    if len(words) < 2:
        return ""
    return " | ".join(f"({a} & ({' | '.join(words[i + 1:])}))"
                      for i, a in enumerate(words[:-1]))


def _vacuous_terms(terms) -> frozenset[str]:
    """Of `terms`, those whose tsquery (all its forms) holds no lexeme in the English
    configuration (stop words): one query, none when every term is known already."""
    unknown = [t for t in terms if t not in _VACUOUS]
    if unknown:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT numnode(to_tsquery('english'::regconfig, q)) = 0"
                " FROM unnest(%s::text[]) WITH ORDINALITY AS u(q, i) ORDER BY i",
                [text_array(_term_query(t) for t in unknown)])
            for term, (empty,) in zip(unknown, cursor.fetchall(), strict=True):
                _VACUOUS[term] = empty
    return frozenset(t for t in terms if _VACUOUS[t])


# term -> whether its tsquery is empty (the English configuration's stop words do not change
# while the process runs).
_VACUOUS: dict[str, bool] = {}


def _any_query(terms) -> str:
    """Any of the statement's search terms (all of them, as many as the match reads), as a
    tsquery: the quotes matched are ranked by how many they hold (`ts_rank`), then the latest
    first."""
    return " | ".join(_term_query(t) for t in terms)


def _term_query(term: str) -> str:
    alternatives = [" <-> ".join(form.split()) for form in term_forms(term)]
    return alternatives[0] if len(alternatives) == 1 else f"({' | '.join(alternatives)})"


def _by_content_python(wanted, top: int) -> dict[int, list[tuple[int, str]]]:
    found: dict[int, list[tuple[int, str]]] = {}
    for i, (key, terms, own) in enumerate(wanted):
        if not key or not terms:
            continue
        terms = set(terms)
        quotes = (Quote.objects.filter(claim__speaker_key=key)
                  .exclude(claim_id=own).exclude(review_status=Quote.Review.REJECTED)
                  .order_by("-pk").values_list("claim_id", "text")[:SQLITE_SCAN])
        scored = []
        for claim_id, text in quotes:
            hits = len(terms & set(canonical(normalise(text)).split()))
            if hits:
                scored.append((-hits, claim_id, text))
        found[i] = [(c, t) for _, c, t in sorted(scored)[:top]]
    return found
