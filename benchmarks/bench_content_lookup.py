"""The "same claim in other words" content look-up (claims.selectors.content) replayed batch by
batch on an imported database: how long each batch's look-up takes, and whether it finds what
the look-up before migration 0009 found (the quotes' full-text index, cut off after 2 s).

Run (PostgreSQL on 127.0.0.1:5432; a copy of a finished import, e.g. bench_grouping_pairs.py's
``--keep`` database, migrated)::

    .venv/bin/python benchmarks/bench_content_lookup.py --db claims_perf
    .venv/bin/python benchmarks/bench_content_lookup.py --db claims_perf --no-before

The articles are taken in id order (the import's order) in batches of ``--batch`` (8, the
setting EXTRACTION_BATCH_SIZE); each batch's quotes go through the relations task's own
selection (``grouping._same_speaker_by_content``: statements of 5 words or more alone in their
claim, their search terms), with the claims as the database holds them now, and the look-up is
run on what that selection asks. "Before" is the former query, run with its 2 s time limit
(``--before-timeout-ms``; 0: none); "after" is the look-up of the code checked out. Each batch's
hits are compared (the same quotes, in the same order). Nothing is written. Not a test:
timings depend on the machine (the load average is printed).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG = "postgres://postgres@127.0.0.1:5432"
sys.path.insert(0, str(ROOT))

# The look-up as it was: the quotes' text parsed into a tsvector in the query (matching the
# expression index of migration 0004), under a statement time limit.
BEFORE_SQL = """
SELECT w.i, top.claim_id, top.text
FROM unnest(%(keys)s::text[], %(queries)s::text[], %(owns)s::bigint[])
     WITH ORDINALITY AS w(key, q, own, i)
CROSS JOIN LATERAL (
    SELECT qt.claim_id, qt.text
    FROM claims_quote qt JOIN claims_claim c ON c.id = qt.claim_id
    WHERE c.speaker_key = w.key AND qt.claim_id <> w.own AND qt.review_status <> %(rejected)s
      AND to_tsvector('english'::regconfig, COALESCE(qt.text, ''))
          @@ to_tsquery('english'::regconfig, w.q)
    ORDER BY qt.id DESC
    LIMIT %(top)s
) AS top
"""


def before(wanted, *, timeout_ms: int, top: int = 30):
    """The former look-up: its hits by statement index, or None when cut off."""
    from django.db import OperationalError, connection, transaction

    from claims.selectors.content import content_query_params, hits_by_statement

    rows, params = content_query_params(wanted, top=top)
    if not rows:
        return {}
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL statement_timeout = {int(timeout_ms)}")
            cursor.execute(BEFORE_SQL, params)
            fetched = cursor.fetchall()
    except OperationalError:
        return None
    return hits_by_statement(rows, fetched)


def batches(size: int):
    from claims.models import Article, Quote

    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    for k in range(0, len(ids), size):
        quote_ids = list(Quote.objects.filter(article_id__in=ids[k:k + size])
                         .values_list("pk", flat=True))
        if quote_ids:
            yield quote_ids


def asked(quote_ids) -> list:
    """What the relations task would ask the look-up for these quotes (its own code, the
    look-up itself replaced by a recorder)."""
    from claims.grouping import statement
    from claims.models import Quote
    from claims.selectors.speaker_keys import speaker_key_for_quotes
    from claims.services import grouping

    quotes = list(Quote.objects.filter(pk__in=quote_ids).exclude(claim=None)
                  .exclude(review_status=Quote.Review.REJECTED)
                  .only("id", "text", "cue", "speaker_name", "claim_id"))
    if not quotes:
        return []
    keys = speaker_key_for_quotes(quotes)
    norms = {q.pk: statement(q.text, q.cue) for q in quotes}
    placed = {q.pk: q.claim_id for q in quotes}
    recorded: list = []
    real = grouping.same_speaker_by_content
    grouping.same_speaker_by_content = lambda wanted: recorded.extend(wanted) or {}
    try:
        grouping._same_speaker_by_content(quotes, placed, keys, norms)
    finally:
        grouping.same_speaker_by_content = real
    return recorded


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--batch", type=int, default=8, help="articles a batch (8)")
    parser.add_argument("--before-timeout-ms", type=int, default=2000,
                        help="the former look-up's time limit (2000; 0: none)")
    parser.add_argument("--no-before", action="store_true", help="time the look-up only")
    parser.add_argument("--no-after", action="store_true",
                        help="time the former look-up only (on a database not migrated to 0009)")
    args = parser.parse_args()
    os.environ.update(DATABASE_URL=f"{PG}/{args.db}", DJANGO_SETTINGS_MODULE="tracker.settings",
                      LOG_LEVEL="WARNING")
    import django

    django.setup()
    from claims.selectors.content import same_speaker_by_content

    load = os.getloadavg()
    after_ms, before_ms, statements = [], [], 0
    cut, same, differ, hits = 0, 0, 0, 0
    for n, quote_ids in enumerate(batches(args.batch), start=1):
        wanted = asked(quote_ids)
        if not wanted:
            continue
        statements += len(wanted)
        if not args.no_after:
            started = time.perf_counter()
            found = same_speaker_by_content(wanted)
            after_ms.append((time.perf_counter() - started) * 1000)
            hits += sum(len(v) for v in found.values())
        if args.no_before:
            continue
        started = time.perf_counter()
        old = before(wanted, timeout_ms=args.before_timeout_ms)
        before_ms.append((time.perf_counter() - started) * 1000)
        if old is None:
            cut += 1
        elif args.no_after:
            continue
        elif old == found:
            same += 1
        else:
            differ += 1
            print(f"  batch {n}: {len(wanted)} statements, hits differ "
                  f"({sum(len(v) for v in old.values())} before, "
                  f"{sum(len(v) for v in found.values())} after)")
    print(f"{max(len(after_ms), len(before_ms))} batches of {args.batch} articles, "
          f"{statements} statements looked up, "
          f"{hits} hits; load average at the start {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}, "
          f"at the end {os.getloadavg()[0]:.1f}")
    if after_ms:
        print(f"after:  median {statistics.median(after_ms):.1f} ms a batch, max "
              f"{max(after_ms):.1f} ms, total {sum(after_ms) / 1000:.1f} s")
    if before_ms:
        print(f"before: median {statistics.median(before_ms):.1f} ms a batch, max "
              f"{max(before_ms):.1f} ms, total {sum(before_ms) / 1000:.1f} s; cut off by its "
              f"time limit in {cut} batches")
    if before_ms and after_ms:
        print(f"hits the same in {same} of the {same + differ} batches the former look-up "
              f"finished; different in {differ}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.stdout.reconfigure(line_buffering=True)
    sys.exit(main())
