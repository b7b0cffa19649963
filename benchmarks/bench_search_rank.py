"""The quote search page as it is (ranked on the stored tsvector of migration 0009, the page's
ids chosen first in a subquery of ids and ranks) against the search as it was before, which
ranked every match on ``to_tsvector(text)`` recomputed and sorted every match with all the
page's columns and joins: the same queries, alternated, on one database; and whether both give
the same page.

Run (PostgreSQL on 127.0.0.1:5432; a database of ``bench_grouping_scale.py --keep``, 100,000
generated quotes)::

    .venv/bin/python benchmarks/bench_grouping_scale.py --repeat 5 --extraction-repeat 0 --keep
    .venv/bin/python benchmarks/bench_search_rank.py --db bench_grouping_<pid>

Each query is timed as bench_grouping_scale.py's (c) times it (the first page of 20 quotes
evaluated, then ``selectors.headlines`` for them), "before" then "after", the order swapped on
every other query so that a slow stretch of the machine falls on both. The queries: every word
of the generator's vocabulary alone (``--words``, the common ones match a third of the quotes),
then ``--random`` random queries of 1 to 3 words, as (c) draws them. Medians and the 90th
percentile in milliseconds, the load average before and after. Nothing is written. Not a test:
timings depend on the machine.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG = "postgres://postgres@127.0.0.1:5432"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def before(query: str):
    """The quote search as it was (claims.selectors.text_search before 2026-12-06, branch
    perf): a plain QuerySet, so a page is cut from the whole sorted ranking."""
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    from claims.selectors.filters import quotes_filter
    from claims.selectors.lists import quote_list

    vector = SearchVector("text", config="english")
    search = SearchQuery(query, config="english", search_type="websearch")
    return (quotes_filter(quote_list()).annotate(document=vector, rank=SearchRank(vector, search))
            .filter(document=search).order_by("-rank", "pk"))


def after(query: str):
    from claims import selectors

    return selectors.search(query).quotes


def page(search, query: str) -> tuple[float, list[int]]:
    from claims import selectors

    started = time.perf_counter()
    rows = list(search(query)[:20])
    selectors.headlines(rows, query)
    return (time.perf_counter() - started) * 1000, [r.pk for r in rows]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="a bench_grouping_scale.py --keep database")
    parser.add_argument("--words", type=int, default=0,
                        help="how many vocabulary words alone (0, the default: all)")
    parser.add_argument("--random", type=int, default=50, help="random 1-3 word queries (50)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    os.environ.update(DATABASE_URL=f"{PG}/{args.db}", DJANGO_SETTINGS_MODULE="tracker.settings",
                      LOG_LEVEL="WARNING")
    import django

    django.setup()
    from bench_grouping_scale import vocabulary

    from claims.models import Quote

    rng = random.Random(args.seed)
    words = vocabulary()
    singles = words[:args.words] if args.words else words
    drawn = [" ".join(rng.sample(words, rng.randint(1, 3))) for _ in range(args.random)]
    print(f"{Quote.objects.count():,} quotes; load average {os.getloadavg()[0]:.2f} "
          f"{os.getloadavg()[1]:.2f} at the start")
    page(after, words[0]), page(before, words[0])  # warm-up
    differ = 0
    for label, queries in (("one vocabulary word", singles), ("random 1-3 words, as (c)", drawn)):
        times = {"before": [], "after": []}
        for n, query in enumerate(queries):
            order = (("before", before), ("after", after))
            ids = {}
            for name, search in (order if n % 2 == 0 else order[::-1]):
                ms, ids[name] = page(search, query)
                times[name].append(ms)
            if ids["before"] != ids["after"]:
                differ += 1
                print(f"  different pages for {query!r}: {ids['before']} / {ids['after']}")
        for name, ms in times.items():
            p90 = statistics.quantiles(ms, n=10)[-1] if len(ms) > 1 else ms[0]
            print(f"  {label} ({len(queries)} queries), {name:<6}: median "
                  f"{statistics.median(ms):6.1f} ms, 90th percentile {p90:6.1f}, max "
                  f"{max(ms):6.1f}")
    print(f"pages that differ: {differ}; load average {os.getloadavg()[0]:.2f} "
          f"{os.getloadavg()[1]:.2f} at the end")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.stdout.reconfigure(line_buffering=True)
    sys.exit(main())
