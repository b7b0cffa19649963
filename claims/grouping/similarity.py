"""Trigram similarity exactly as PostgreSQL's pg_trgm computes it, so the SQLite fallback and
the tests decide as the GIN-indexed query does on PostgreSQL.

pg_trgm lower-cases, splits on non-alphanumerics, pads each word with two spaces before and one
after, and compares the sets of three-character strings: |A ∩ B| / |A ∪ B|.
"""
import re
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=65536)
def trigrams(text: str) -> frozenset[str]:
    grams = set()
    for word in _WORD.findall(text.lower()):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return frozenset(grams)


def trigram_similarity(a: str, b: str) -> float:
    ta, tb = trigrams(a), trigrams(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)


@lru_cache(maxsize=65536)
def claim_similarity(a: str, b: str) -> float:
    """How close two normalised statements are, 0 to 1: the score grouping thresholds apply to.

    pg_trgm similarity (see the measurements in claims/grouping/README.md for why).
    """
    return trigram_similarity(a, b)
