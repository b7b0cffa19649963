"""Locality-sensitive hashing of statements, so candidate claims come from an exact-match index
instead of a similarity scan.

pg_trgm's `%` over whole statements did not scale: at 100,000 quotes a lookup read tens of
thousands of index entries and took seconds (benchmarks/bench_grouping_scale.py). Here each
normalised statement's trigram set (the same trigrams `similarity` compares) is summarised by
MinHash signatures, cut into bands; two statements share a band with a probability that rises
steeply with their trigram similarity. A band is a plain 63-bit integer, found through a b-tree
index on PostgreSQL and SQLite alike; the few statements that share a band are then scored
exactly with `claim_similarity`.

Two families:
- speaker bands (24 bands of 3 rows, keyed by speaker): a statement's own speaker's claims,
  for joining (similarity 0.6: found 99.5% of the time), merge suggestions and reversals
  (0.35: 65%, 0.5: 96%);
- any-speaker bands (24 bands of 4 rows): other speakers' claims and "similar claims" (0.5:
  79%, 0.6: 97%), with few unrelated ones (similarity 0.12: 0.5%).
"""
import hashlib
import zlib
from functools import lru_cache

import numpy as np

from claims.grouping.similarity import trigrams

SPEAKER_BANDS, SPEAKER_ROWS = 24, 3
ANY_BANDS, ANY_ROWS = 24, 4
_PRIME = 4294967311  # > 2**32, so (a * x + b) for 32-bit a, x, b stays under 2**64
_HASHES = SPEAKER_BANDS * SPEAKER_ROWS + ANY_BANDS * ANY_ROWS
_rng = np.random.default_rng(20261201)  # fixed: bands must be the same in every process
_A = _rng.integers(1, 2**32 - 1, size=_HASHES, dtype=np.uint64)
_B = _rng.integers(0, 2**32 - 1, size=_HASHES, dtype=np.uint64)


def _signature(text: str) -> np.ndarray | None:
    grams = trigrams(text)
    if not grams:
        return None
    x = np.fromiter((zlib.crc32(g.encode()) for g in grams), dtype=np.uint64, count=len(grams))
    return ((_A[:, None] * x[None, :] + _B[:, None]) % _PRIME).min(axis=1)


def _band(*parts) -> int:
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1  # fits a signed 64-bit column


# Grouping asks twice for a new wording's bands (to find its candidates, then to store them):
# cached, as tuples so that no caller can change what the next one gets.
@lru_cache(maxsize=8192)
def bands(text: str, speaker_key: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(speaker bands, any-speaker bands) of a normalised statement; empty for no words."""
    signature = _signature(text)
    if signature is None:
        return (), ()
    own = tuple(_band("s", speaker_key, i, *signature[i * SPEAKER_ROWS:(i + 1) * SPEAKER_ROWS]
                 .tolist()) for i in range(SPEAKER_BANDS)) if speaker_key else ()
    rest = signature[SPEAKER_BANDS * SPEAKER_ROWS:]
    anyone = tuple(_band("a", i, *rest[i * ANY_ROWS:(i + 1) * ANY_ROWS].tolist())
                   for i in range(ANY_BANDS))
    return own, anyone
