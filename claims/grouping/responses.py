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


# Before a response word, these make it no response: a determiner or possessive makes it a
# noun ("a dispute resolution clause", "his answer"), a modal or "to" a response not made
# ("one could dismiss that as noise", "declined to respond"), a negation one refused ("did not
# respond").
_NOT_BEFORE = frozenset("""a an the his her their its our my your this that these those any no
every each could would might may should can will shall must to not never nt didnt doesnt dont
wont cannot""".split())
# "in response to" answers a statement only when what follows names one ("in response to his
# remarks"), not an event ("in response to the launch", "acted in response to a missile test").
_SPEECH_NOUNS = frozenset("""remark remarks comment comments claim claims question questions
criticism criticisms accusation accusations allegation allegations statement statements report
reports suggestion suggestions charge charges tweet tweets letter call calls assertion
assertions argument arguments attack attacks warning warnings speech interview story article
critics critic""".split())
# Phrases that deny by their own words ("the claim is untrue"): the only ones looked for in the
# statement itself, where a response verb is usually about something else ("NATO would respond
# firmly", "we will reply in kind").
_SAYS_FALSE = ("untrue", "not true", "false", "baseless", "nonsense", "fake news", "a lie",
               "no truth")
_WORD = re.compile(r"[\w']+")


def _response_use(text: str, match: re.Match) -> bool:
    """Whether the phrase matched in `text` is a response made, not a noun, a hypothesis or a
    response to an event."""
    before = [w.lower().replace("'", "") for w in _WORD.findall(text[:match.start()])[-2:]]
    if before and before[-1] in _NOT_BEFORE:
        return False
    if len(before) == 2 and before[0] in _NOT_BEFORE - {"a", "an", "the", "this", "that"} and \
            before[0] not in ("his", "her", "their", "its", "our", "my", "your"):
        return False  # "could quickly dismiss", "did not immediately respond"
    phrase = match.group(0).lower()
    if phrase.startswith("in response"):
        after = [w.lower() for w in _WORD.findall(text[match.end():])[:5]]
        return bool(after) and after[0] == "to" and any(w in _SPEECH_NOUNS for w in after[1:])
    return True


def response_cue(*, cue: str = "", context: str = "", statement: str = "") -> ResponseCue | None:
    """The response a statement makes, from its cue, the words before it in its sentence
    (`context`) and its own words (only a phrase saying the earlier claim is false: "the claim
    is untrue"); None when it answers nothing. A denial anywhere wins over a plain response
    ("responded, asserting that the claim is untrue" denies)."""
    found: ResponseCue | None = None
    patterns, any_phrase = _patterns()
    for where, text in (("cue", cue), ("context", context), ("statement", statement)):
        if not text or not any_phrase.search(text):
            continue
        for relation, pattern in patterns:
            for match in pattern.finditer(text):
                if where == "statement" and not any(
                        p in match.group(0).lower() for p in _SAYS_FALSE):
                    continue
                if where != "cue" and not _response_use(text, match):
                    continue
                if relation == "denies":
                    return ResponseCue("denies", match.group(0))
                found = found or ResponseCue(relation, match.group(0))
                break
    return found


@dataclass(frozen=True)
class Earlier:
    """A statement an answer may answer: another speaker's, earlier in the same article."""

    id: int
    speaker_name: str
    text: str
    start: int
    end: int


# Words of the answer that say it is an answer, not what it is about.
_ANSWER_WORDS = frozenset("""claim claims report reports suggestion suggestions allegation
allegations accusation accusations idea notion statement remarks comments untrue true false
baseless nonsense lie truth fake news deny denied denies reject rejected dismiss dismissed
respond responded response said says""".split())


def _content(text: str) -> set[str]:
    from claims.grouping.clauses import _LIGHT, _stem

    return {_stem(w) for w in (x.lower().replace("'", "") for x in _WORD.findall(text))
            if len(w) > 2 and w not in _LIGHT and w not in _ANSWER_WORDS}


def _named(context: str, speaker_name: str) -> bool:
    """The lead-in names the earlier statement's speaker: "rejected Bolton's suggestion",
    "dismissed the claims by Senator Smith"."""
    words = [w for w in _WORD.findall(speaker_name) if w[:1].isupper() and len(w) > 2]
    return bool(words) and re.search(
        r"\b" + re.escape(words[-1]) + r"(?:'s|’s)?\b", context) is not None


_PARAGRAPH_BREAK = re.compile(r"\n\s*")


def answered(*, statement: str, context: str, start: int, earlier: list[Earlier], body: str,
             reach: int, min_shared: int = 2) -> Earlier | None:
    """Which earlier statement an answer answers: one whose speaker the lead-in names ("rejected
    Bolton's suggestion"); else the one sharing the most content words (at least `min_shared`)
    with the answer and its lead-in ("the claim was false and no troops were massing" answers
    the troop build-up claim, not the statement just before); else, with less in common,
    the statement the paragraph answers: the nearest one before it in its paragraph or the one
    before (`body` is the article's text), within `reach` characters. None when none fits."""
    if not earlier:
        return None
    named = [e for e in earlier if _named(context, e.speaker_name)]
    if named:
        return max(named, key=lambda e: e.start)
    words = _content(statement) | _content(context)
    scored = [(len(words & _content(e.text)), e.start, e) for e in earlier]
    best = max(scored, key=lambda row: row[:2])
    if best[0] >= min_shared:
        return best[2]
    near = [e for e in earlier if start - e.end <= reach
            and len(_PARAGRAPH_BREAK.findall(body[e.end:start])) <= 1]
    return max(near, key=lambda e: e.start) if near else None
