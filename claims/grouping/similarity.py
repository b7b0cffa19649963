"""Trigram similarity exactly as PostgreSQL's pg_trgm computes it, so the SQLite fallback and
the tests decide as the GIN-indexed query does on PostgreSQL.

pg_trgm lower-cases, splits on non-alphanumerics, pads each word with two spaces before and one
after, and compares the sets of three-character strings: |A ∩ B| / |A ∪ B|.
"""
import re
from collections.abc import KeysView
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+")


# A dict whose keys and values are all strings and None is not tracked by the garbage
# collector; a frozenset always is, and a full collection walks every cached set's hash table.
# Cached as frozensets, 65,536 statements (what a worker holds after a while) made each full
# collection of an extraction worker take about 300 ms (benchmarks/bench_grouping_scale.py (d),
# where such pauses fell in five of nine timed runs with grouping at 100,000 quotes).
@lru_cache(maxsize=65536)
def _trigram_table(text: str) -> dict[str, None]:
    grams: dict[str, None] = {}
    for word in _WORD.findall(text.lower()):
        padded = f"  {word} "
        for i in range(len(padded) - 2):
            grams[padded[i : i + 3]] = None
    return grams


def trigrams(text: str) -> KeysView[str]:
    """The set of `text`'s trigrams (a set-like view: `&`, `|`, `len`, iteration)."""
    return _trigram_table(text).keys()


def trigram_similarity(a: str, b: str) -> float:
    ta, tb = trigrams(a), trigrams(b)
    if not ta or not tb:
        return 0.0
    shared = len(ta & tb)
    return shared / (len(ta) + len(tb) - shared)


@lru_cache(maxsize=65536)
def claim_similarity(a: str, b: str) -> float:
    """How close two normalised statements are, 0 to 1: the score grouping thresholds apply to.

    pg_trgm similarity (see the measurements in claims/grouping/README.md for why).
    """
    return trigram_similarity(a, b)


# An excerpt: the shorter statement's trigrams (nearly) all in the longer one. Measured on the
# tune half of the claim pairs (claims/grouping/README.md): of the same-speaker pairs below the
# join threshold, those at containment >= 0.9 with a shorter side of 10 words or more were all
# the same claim (4, of 11 to 20 words); through bench_grouping_pairs an 8-word "a ban on
# Muslims entering the United States" joined Trump's exception for Khan, another point.
EXCERPT_CONTAINMENT = 0.9
EXCERPT_MIN_WORDS = 10


@lru_cache(maxsize=65536)
def is_excerpt(a: str, b: str) -> bool:
    """Whether one normalised statement is an excerpt of the other (containment, not symmetric
    similarity: eight words cut from a forty-word quote score about 0.2 by `similarity`)."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short.split()) < EXCERPT_MIN_WORDS:
        return False
    ts, tl = trigrams(short), trigrams(long_)
    return bool(ts) and len(ts & tl) / len(ts) >= EXCERPT_CONTAINMENT
