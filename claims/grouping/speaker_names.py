"""Whether two speakers' names may name one entity, so that the same words from both are one
claim split by a speaker error rather than one speaker repeating another.

Measured on PolNeAR (issue 20): all 20 "same words, other speaker" suggestions were one claim
whose speaker was resolved differently on one side: a description kept as the name ("her
office" / "Ms. Roe's office"), a fragment ("the spot", "public", "who"), or another person
quoting the speaker. Names are compared as `normalise` leaves them (lower case, no
punctuation: "ms roe s office").
"""
from functools import lru_cache

from claims.grouping.lexicon import _lines


@lru_cache(maxsize=1)
def _fragments() -> frozenset[str]:
    return frozenset(_lines("speaker_fragments.txt"))


def one_entity_possible(a: str, b: str) -> bool:
    """True when the names `a` and `b` may be one speaker: either is empty or holds a pronoun
    or fragment word, one's words are all in the other's ("office" / "roe s office", "clinton"
    / "hillary clinton"), or they end in the same word (a surname, or a head noun such as
    "office" or "campaign")."""
    wa, wb = a.split(), b.split()
    if not wa or not wb:
        return True
    fragments = _fragments()
    if any(w in fragments for w in wa) or any(w in fragments for w in wb):
        return True
    if set(wa) <= set(wb) or set(wb) <= set(wa):
        return True
    return wa[-1] == wb[-1]
