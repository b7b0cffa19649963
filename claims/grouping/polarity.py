"""Telling a statement from its negation, which surface similarity cannot do.

"Russia is forming an alliance" and "Russia is not forming an alliance" share almost every
trigram (pg_trgm about 0.9). Where either holds a negating word (not, never, no, n't ...),
negation is judged on the clause the two share (`clauses.py`, from the parse: "does not
threaten X and is not forming Y" and "no Y exists" agree), else by the parity of negators; two
statements are also opposed when one holds a word where the other holds its antonym ("will
increase" / "will decrease"). What this misses is said in the README: negation by a verb of the
frame that the span leaves out ("denied that ..."), scope ("not only ... but"),
and antonyms outside the list.
"""
import re
from functools import lru_cache

from claims.grouping.clauses import clause_opposition
from claims.grouping.lexicon import antonyms, negative_cues, negators
from claims.grouping.normalise import normalise

_ENDINGS = ("", "s", "es", "d", "ed", "ing")


def _words(text: str) -> list[str]:
    return normalise(text).split()


@lru_cache(maxsize=1)
def _cue_patterns() -> tuple[re.Pattern, ...]:
    patterns = []
    for phrase in negative_cues():
        parts = [re.escape(p) for p in phrase.split()]
        if len(parts) == 1 and phrase not in negators():
            parts[-1] += r"(?:s|es|d|ed|ing)?"  # a verb: "denies", "opposed"
        # A frame may hold a word or two inside it: "declined at first to".
        patterns.append(re.compile(r"\b" + r"\s+(?:\w+\s+){0,2}".join(parts) + r"\b", re.I))
    return tuple(patterns)


@lru_cache(maxsize=4096)  # a few cues ("said", "denied") stand before most quotes
def cue_polarity(cue: str) -> int:
    """-1 when the reporting verb reverses the reported words ("denied", "opposed",
    "declined to criticize" is +1 again), else +1. Overlapping entries ("did not" and "not")
    count once: the longest match at each place wins."""
    taken: list[tuple[int, int]] = []
    for pattern in sorted(_cue_patterns(), key=lambda p: -len(p.pattern)):
        for match in pattern.finditer(cue or ""):
            if not any(match.start() < end and start < match.end() for start, end in taken):
                taken.append((match.start(), match.end()))
    return -1 if len(taken) % 2 else 1


def statement(text: str, cue: str = "") -> str:
    """The normalised words a speaker asserted, with the cue's polarity folded in: "denied that
    Russia is forming an alliance" gives "not russia is forming an alliance", which the
    parity rule then tells from "russia is forming an alliance" (and matches with "Russia is
    not forming an alliance")."""
    words = normalise(text)
    return f"not {words}" if cue_polarity(cue) < 0 and words else words


def polarity(text: str) -> int:
    """+1 for an affirmative statement, -1 for a negated one (an odd number of negators)."""
    count = sum(1 for w in _words(text) if w in negators())
    return -1 if count % 2 else 1


def _stems(words) -> set[str]:
    """Each word, and each word with an ending from _ENDINGS taken off: "supports" gives
    "supports" and "support", so an antonym pair is looked up by set membership."""
    stems = set()
    for word in words:
        stems.add(word)
        for ending in _ENDINGS[1:]:
            if word.endswith(ending) and len(word) > len(ending):
                stems.add(word[: -len(ending)])
    return stems


@lru_cache(maxsize=1)
def _antonym_places() -> dict[str, tuple[int, ...]]:
    """Each word of the antonym list, with the places of the pairs it belongs to."""
    places: dict[str, list[int]] = {}
    for place, pair in enumerate(antonyms()):
        for word in dict.fromkeys(pair):
            places.setdefault(word, []).append(place)
    return {word: tuple(found) for word, found in places.items()}


# Cached as tuples and dicts of strings and numbers, which the garbage collector stops
# tracking, rather than sets, which it walks at every full collection (see similarity.py).
@lru_cache(maxsize=65536)
def _read(text: str) -> tuple[tuple[str, ...], dict[str, None], tuple[int, ...]]:
    """A statement's negators, stems, and the places of the antonym pairs one of its stems
    belongs to: grouping compares each statement with up to twenty candidates, and each
    candidate wording with many statements, so they are read once."""
    words = _words(text)
    stems = dict.fromkeys(_stems(words))
    places = _antonym_places()
    pairs = sorted({place for stem in stems for place in places.get(stem, ())})
    return tuple(w for w in words if w in negators()), stems, tuple(pairs)


def opposite_polarity(a: str, b: str) -> str | None:
    """Why `a` and `b` say opposite things ("negation: not", "antonyms: increase/decrease"),
    or None when they agree in polarity as far as these rules can tell."""
    (na, sa, pa), (nb, sb, pb) = _read(a), _read(b)
    reason = None
    # A negator on either side: the parse says whether the clause the two share differs
    # (the parity of negators over the whole statement, where no clause is shared). The same
    # negators on both sides (two reports of one statement, most pairs grouping compares) are
    # taken to agree without a parse: parsing costs milliseconds a statement.
    if (na or nb) and sorted(na) != sorted(nb):
        opposed = clause_opposition(a, b)
        if opposed is None:
            opposed = len(na) % 2 != len(nb) % 2
    else:
        opposed = False
    if opposed:
        reason = "negation: " + ", ".join(sorted(set(na) ^ set(nb)) or sorted(set(na + nb)))
    # Only a pair both statements hold a word of can be swapped between them; the first such
    # pair in the list's order decides, as when every pair was tried.
    shared = sorted(set(pa).intersection(pb)) if pa and pb else ()
    pairs = antonyms()
    for place in shared:
        x, y = pairs[place]
        # One has x and not y, the other y and not x: a swap, not a list of both.
        if (x in sa and y not in sa and y in sb and x not in sb) or (
            y in sa and x not in sa and x in sb and y not in sb
        ):
            swap = f"antonyms: {x}/{y}"
            # A negation and an antonym cancel out: "not increase" ~ "decrease".
            reason = None if reason else swap
            break
    return reason
