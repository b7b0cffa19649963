"""One speaker's statements found by their content words, not their trigrams: the candidates
for an excerpt, a headline or a paraphrase of a statement (claims.grouping.content decides).

On PostgreSQL the quotes' full-text index (migration 0004: an English tsvector, so words are
stemmed) answers which of the speaker's quotes hold two of the statement's longest content
words, the latest first, per statement in one LATERAL query for a batch; Python then ranks
them (claims.grouping.content). Elsewhere (SQLite) the speaker's most recent quotes are scored
in Python: slower and bounded, but the same decision on what it sees.
"""
import logging

from django.db import OperationalError, connection, transaction

from claims.grouping import normalise
from claims.models import Claim, Quote
from claims.sql_arrays import int_array, text_array

# How many of a speaker's quotes the SQLite path reads per statement.
SQLITE_SCAN = 2000
# The look-up's limit on PostgreSQL. On bench_grouping_scale's generated statements (a
# vocabulary of a few hundred words, so every pair of words is common) it took 165 s for the
# 280 statements of 40 articles at 100,000 quotes; on news its words are rarer.
LOOKUP_TIMEOUT_MS = 2000
log = logging.getLogger(__name__)

_CONTENT_SQL = """
SELECT w.i, top.claim_id, top.text
FROM unnest(%(keys)s::text[], %(queries)s::text[], %(owns)s::bigint[])
     WITH ORDINALITY AS w(key, q, own, i)
CROSS JOIN LATERAL (
    SELECT qt.claim_id, qt.text
    FROM {quote} qt JOIN {claim} c ON c.id = qt.claim_id
    WHERE c.speaker_key = w.key AND qt.claim_id <> w.own AND qt.review_status <> %(rejected)s
      AND to_tsvector('english'::regconfig, COALESCE(qt.text, ''))
          @@ to_tsquery('english'::regconfig, w.q)
    ORDER BY qt.id DESC
    LIMIT %(top)s
) AS top
"""


def same_speaker_by_content(wanted, *, top: int = 30) -> dict[int, list[tuple[int, str]]]:
    """For each (speaker key, search terms, own claim id) of `wanted`, by its index: up to
    `top` quotes of that speaker's other claims holding two of the terms, latest first, as
    (claim id, quote text). One query on PostgreSQL."""
    wanted = [(k, terms, own) for k, terms, own in wanted]
    if connection.vendor != "postgresql":
        return _by_content_python(wanted, top)
    rows = [(i, k, _pairs_query(terms), own) for i, (k, terms, own) in enumerate(wanted)
            if k and len(terms) >= 2]
    if not rows:
        return {}
    params = {"keys": text_array(r[1] for r in rows), "queries": text_array(r[2] for r in rows),
              "owns": int_array(r[3] or 0 for r in rows), "top": top,
              "rejected": Quote.Review.REJECTED}
    found: dict[int, list[tuple[int, str]]] = {}
    try:
        # A savepoint, so a look-up cut short leaves the task's transaction usable.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL statement_timeout = {int(LOOKUP_TIMEOUT_MS)}")
            cursor.execute(_CONTENT_SQL.format(quote=Quote._meta.db_table,
                                               claim=Claim._meta.db_table), params)
            fetched = cursor.fetchall()
    except OperationalError:
        # Offers are optional: better none for this batch than a worker held for minutes.
        log.warning("content look-up of %d statements cut off after %d ms", len(rows),
                    LOOKUP_TIMEOUT_MS)
        return {}
    for i, claim_id, text in fetched:
        found.setdefault(rows[i - 1][0], []).append((claim_id, text))
    return found


def _pairs_query(terms) -> str:
    """Quotes holding two of the statement's five longest content words at least, as a
    tsquery: "(a & b) | (a & c) | ...". An OR of single words matched most of a prolific
    speaker's quotes (thousands at 10,000 quotes in benchmarks/bench_grouping_scale.py), and
    ranking them recomputed each one's tsvector: seconds a batch."""
    words = list(terms)[:5]
    return " | ".join(f"({a} & {b})" for i, a in enumerate(words) for b in words[i + 1:])


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
            hits = len(terms & set(normalise(text).split()))
            if hits:
                scored.append((-hits, claim_id, text))
        found[i] = [(c, t) for _, c, t in sorted(scored)[:top]]
    return found
