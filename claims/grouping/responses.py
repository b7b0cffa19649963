"""Recognising a statement that answers an earlier one: "Putin responded clearly, asserting
that the claim is untrue", "the Kremlin dismissed the report", "she pushed back, saying ...".

The cue and the words of the sentence before the statement are searched for a response phrase
(data/response_cues.txt). A phrase that says the earlier claim is false gives `denies`; one that
only answers gives `responds_to`. The statement's own words count too ("the claim is untrue").
"""
import re
from dataclasses import dataclass
from functools import lru_cache

from claims.grouping.lexicon import response_cues

_ENDINGS = r"(?:s|es|d|ed|ing)?"


@dataclass(frozen=True)
class ResponseCue:
    relation: str  # "denies" or "responds_to"
    words: str  # the phrase as the text has it


def _pattern(phrase: str) -> re.Pattern:
    parts = [re.escape(p) for p in phrase.split()]
    parts[-1] += _ENDINGS
    return re.compile(r"\b" + r"\s+".join(parts) + r"\b", re.I)


@lru_cache(maxsize=1)
def _patterns() -> tuple[list[tuple[str, re.Pattern]], re.Pattern]:
    """Each response phrase's pattern, in order, and one alternation of them all: most texts
    hold no response phrase, and one search rules that out before each phrase is tried."""
    patterns = [(relation, _pattern(phrase)) for relation, phrase in response_cues()]
    return patterns, re.compile("|".join(f"(?:{p.pattern})" for _, p in patterns), re.I)


def response_cue(*, cue: str = "", context: str = "", statement: str = "") -> ResponseCue | None:
    """The response a statement makes, from its cue, the words before it in its sentence
    (`context`) and its own words; None when it answers nothing. A denial anywhere wins over a
    plain response ("responded, asserting that the claim is untrue" denies)."""
    found: ResponseCue | None = None
    patterns, any_phrase = _patterns()
    for text in (cue, context, statement):
        if not text or not any_phrase.search(text):
            continue
        for relation, pattern in patterns:
            match = pattern.search(text)
            if match is None:
                continue
            if relation == "denies":
                return ResponseCue("denies", match.group(0))
            found = found or ResponseCue(relation, match.group(0))
    return found
