"""Normalising a statement before comparing it with others.

Two reports of one statement differ in case, punctuation, quote marks, a leading "that" and the
reporting frame around the words ("he said", "according to the Kremlin"). What remains is the
proposition's wording; `similarity` compares those.
"""
import re
from functools import lru_cache

# Quote marks of every style, and the dashes and apostrophes that vary between outlets.
_QUOTE_MARKS = str.maketrans({c: " " for c in "\"“”„‟«»‹›‚‘’`´"})
_OPENING, _CLOSING = "\"“„«‘'", "\"”»’'"
_APOSTROPHES = re.compile(r"(?<=\w)['’](?=\w)")
_NON_WORD = re.compile(r"[^\w]+")
_SPACES = re.compile(r"\s+")
# A frame left inside an extracted span: "that", "whether", "to" at the start of reported speech;
# "he said", "she told reporters", "according to officials" at its end or start.
_LEADING = re.compile(r"^(?:and |but |also )?(?:that|whether|if) ", re.I)
_FRAME_END = re.compile(
    r",?\s*(?:he|she|they|it|we|i)\s+(?:said|says|added|told \w+|stated|noted|argued|insisted)"
    r"[.!?]*\s*$", re.I)
_FRAME_START = re.compile(r"^according to [^,]{1,80},\s*", re.I)


# Cached: grouping asks for each quote's display wording, and normalise for it again.
@lru_cache(maxsize=65536)
def display_wording(text: str) -> str:
    """A quote's words as a claim's canonical wording: outer quote marks, a leading "that"
    and a trailing reporting frame taken off, first letter as written."""
    words = _SPACES.sub(" ", text).strip()
    words = _FRAME_START.sub("", words)
    words = _FRAME_END.sub("", words)
    words = _LEADING.sub("", words)
    # Outer quote marks go only in pairs: 'was "stronger than ever"' keeps both of its own.
    while True:
        trimmed = words.strip(" .,;:")
        if len(trimmed) > 1 and trimmed[0] in _OPENING and trimmed[-1] in _CLOSING:
            trimmed = trimmed[1:-1]
        if trimmed == words:
            break
        words = trimmed
    return words or text.strip()


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Lower case words separated by single spaces: no punctuation, quote marks, leading
    "that" or reporting frame. "That Moscow is “not” forming an alliance, he said." gives
    "moscow is not forming an alliance"; "isn't" keeps its negation as "isnt"."""
    # Apostrophes inside a word first: the quote marks below include the curly one, and
    # "can’t" turned to "can t" lost its negation ("t" is no negator) and its match with
    # "can't" (two reports of one Trump statement were kept apart as opposed).
    words = _APOSTROPHES.sub("", display_wording(text))
    words = words.translate(_QUOTE_MARKS).lower()
    words = _NON_WORD.sub(" ", words)
    words = _LEADING.sub("", words.strip() + " ").strip()
    return _SPACES.sub(" ", words).strip()
