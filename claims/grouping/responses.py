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
    after = [w.lower() for w in _WORD.findall(text[match.end():])[:2]]
    if phrase.startswith("answer") and len(after) == 2 and after[0] in _NOT_BEFORE and \
            after[1] not in _SPEECH_NOUNS:
        return False  # "answered her door"
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
    """The lead-in names the earlier statement's speaker as the object of the answer:
    "rejected Bolton's suggestion", "dismissed criticism from Giles", "responded to Smith"."""
    words = [w for w in _WORD.findall(speaker_name) if w[:1].isupper() and len(w) > 2]
    if not words:
        return False
    named = {m.group(1) for m in _POSSESSIVE.finditer(context)}
    if words[-1] in named or any(n.endswith(" " + words[-1]) for n in named):
        return True
    # "criticism from Giles, Millis and Harold Doley": any name of the list.
    return any(re.search(r"\b" + re.escape(words[-1]) + r"\b",
                         context[m.start(1):m.start(1) + 80])
               for m in _FROM_NAME.finditer(context))


_PARAGRAPH_BREAK = re.compile(r"\n\s*")
# A denial with an object of its own words, or a reply to reports or questions nobody here is
# quoted making: "dismissed the idea that ...", "responded Friday to reports that ...".
_DENIES_AN_OBJECT = re.compile(
    r"\b(?:deni|deny|dismiss|reject|refut|rebut|disput)\w*\s+(?!that\b|it\b|this\b|them\b)"
    r"(?:the\s+|a\s+|an\s+)?\w+"
    r"|\b(?:respond|repl|answer)\w*\s+(?:\w+\s+)?to\s+(?:the\s+)?(?:reports?|questions?|"
    r"inquiries|requests?)\b", re.I)
_SAYS_FALSE_RE = re.compile(r"\b(?:untrue|not true|false|baseless|nonsense|a lie)\b", re.I)
_ASKED = re.compile(r"\basked\b", re.I)
# A name in the possessive right after the response word: "rejected Bolton's suggestion",
# "dismissed Clinton's charges".
_RESPONSE_WORD = r"\b(?:deni|deny|dismiss|reject|refut|rebut|disput|respond|repl|answer|counter)\w*"
_POSSESSIVE = re.compile(
    _RESPONSE_WORD + r"\s+(?:to\s+)?(?:(?:the|a|an)\s+)?((?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w-]*)"
    r"(?:'s|’s)?\s")
# "dismissed criticism from Giles", "rejected claims by Senator Smith".
_FROM_NAME = re.compile(
    _RESPONSE_WORD + r"\s+(?:\w+\s+){1,3}(?:from|by)\s+((?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w-]*)")


def answered(*, statement: str, context: str, start: int, earlier: list[Earlier], body: str,
             reach: int, min_shared: int = 2) -> Earlier | None:
    """Which earlier statement an answer answers: one whose speaker the lead-in names ("rejected
    Bolton's suggestion"; none when the name in the possessive has no statement here:
    "dismissed Clinton's charges" with no quote of Clinton's); else the one sharing the most
    content words (at least `min_shared`) with the answer and its lead-in ("the claim was
    false and no troops were massing" answers the troop build-up claim, not the statement
    just before); else, with less in common, the statement the paragraph answers: the nearest
    one before it in its paragraph or the one before (`body` is the article's text), within
    `reach` characters. None when none fits."""
    if not earlier:
        return None
    named = [e for e in earlier if _named(context, e.speaker_name)]
    if named:
        return max(named, key=lambda e: e.start)
    if any(m.group(0).rstrip().endswith(("'s", "’s")) for m in _POSSESSIVE.finditer(context)):
        return None  # "dismissed Clinton's charges": whoever is answered has no quote here
    words = _content(statement) | _content(context)
    scored = [(len(words & _content(e.text)), e.start, e) for e in earlier]
    best = max(scored, key=lambda row: row[:2])
    if best[0] >= min_shared:
        return best[2]
    # The paragraph's statement is what a reply answers ("He replied:", "Putin responded,
    # asserting that the claim is untrue"), not what a denial names as its object ("dismissed
    # the idea that ...", "rejected the notion that ...": that idea is the statement's own
    # words, and nobody's quote unless they share words); an answer to a question put to the
    # speaker ("Asked why, he replied") answers a quoted question or nothing.
    if _DENIES_AN_OBJECT.search(context) and not _SAYS_FALSE_RE.search(statement):
        return None
    near = [e for e in earlier if start - e.end <= reach
            and len(_PARAGRAPH_BREAK.findall(body[e.end:start])) <= 1]
    if _ASKED.search(context):
        near = [e for e in near if e.text.rstrip(" ”\"'’").endswith("?")]
    return max(near, key=lambda e: e.start) if near else None
