"""Whether two claims may be offered as "same claim?" at all, from their quotes as stored.

Read pair by pair on the tune half (docs/suggestions-read.md, S3 and S4): a direct question
asserts nothing, so two questions from one list ("Has the candidate ...?", "Is the candidate
...?") are no claim said twice; and a quote nested in another of the same article (a headline
quote holding the campaign's word, "Hillary thinks [feds require too many tests]") is the one
report of another speaker's words, not a second assertion. Neither is offered, whatever the
words share.

S2 of the same reading: a quote with no verb is a noun phrase cut from a sentence ("the
controversial Trans-Pacific Partnership trade agreement", the object of "once praised";
"Hillary Clinton and Marco Rubio", the object of "attacked"); by itself it states nothing.
What it says is its cue's stance toward the phrase: "publicly opposed [Obama's TPP trade pact]"
and "once praised [the controversial TPP trade agreement]" share their nouns and say opposite
things. Two claims of such phrases alone are offered only as an excerpt of one another (the
content words of one all found in the other's) or where both cues state one stance
(`data/stance_verbs.txt`: "praised" / "touted"). A phrase against a sentence is left to the
other rules: measured on the tune half (claims/grouping/README.md, "offers, fourth pass"), the
stance in its cue often is the sentence's ("endorsed [Sen. Ted Cruz for president]" / "please
join me in supporting Ted Cruz"), and holding those to an excerpt or a stance word lost true
pairs on the part of tune not read.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from claims.grouping.clauses import _LIGHT, states_something
from claims.grouping.content import content_match
from claims.grouping.lexicon import _lines
from claims.grouping.normalise import normalise

# What may follow a question's mark at the end of a quote: closing quote marks, brackets.
_TRAILING = " \t\n\"'”’»)]"


class Said(NamedTuple):
    article_id: int
    start: int
    end: int
    text: str
    cue: str = ""


# A sentence ending inside the quote: a question closing a longer quote ("... He gets things
# done. Do you really want a two-pirate ticket?") does not make the rest of it a question.
_INNER_END = re.compile(r"[.!?…][\"'”’»)\]]*\s+\S")
# A full stop that ends a title, not a sentence: "Do you trust Mr. Trump?", "Is the U.S.
# ready?".
_ABBREVIATION = re.compile(r"\b(?:mr|mrs|ms|dr|st|sen|rep|gov|gen|lt|col|sgt|capt|adm|"
                           r"prof|rev|hon|jr|sr|vs|u\.s|u\.n|u\.k|e\.g|i\.e)\.$", re.I)
# "No." before a number ("No. 10"), not "The answer is no. Will you listen?"; a single letter
# as an initial before a name ("J. Smith"), not "a plan B. Why?".
_NUMBER = re.compile(r"\bno\.$", re.I)
_INITIAL = re.compile(r"\b[a-z]\.$", re.I)
_NEXT_WORD = re.compile(r"[\w'’-]+")


def _not_a_sentence_end(body: str, m: re.Match) -> bool:
    """Whether the full stop `m` (an _INNER_END match in `body`) ends a title, "No." before a
    number or an initial before a name, not a sentence."""
    if m.group(0)[0] != ".":
        return False
    before = body[:m.start() + 1]
    if _ABBREVIATION.search(before):
        return True
    following = _NEXT_WORD.match(body, m.end() - 1)
    word = following.group(0) if following else ""
    if _NUMBER.search(before):
        return word[:1].isdigit()
    if _INITIAL.search(before):
        return word[:1].isupper() and word.lower() not in _LIGHT
    return False


def is_question(text: str) -> bool:
    """A quote of one sentence that ends in a question mark (inside its closing quote marks
    or not)."""
    body = text.strip().rstrip(_TRAILING)
    return body.endswith("?") and all(_not_a_sentence_end(body, m)
                                      for m in _INNER_END.finditer(body))


def nested(a: Said, b: Said) -> bool:
    """Two quotes of one article whose spans overlap: one reports the other."""
    return a.article_id == b.article_id and a.start < b.end and b.start < a.end


def offerable(a: list[Said], b: list[Said]) -> bool:
    """Whether claims with these quotes may be asked about as one: neither made of questions
    alone, no quote of one nested in a quote of the other, and two claims of verbless quotes
    alone only as an excerpt of one another or where their cues state one stance."""
    if not a or not b:
        return True  # nothing known against it
    if all(is_question(q.text) for q in a) or all(is_question(q.text) for q in b):
        return False
    if any(nested(x, y) for x in a for y in b):
        return False
    if all(not states_something(q.text) for q in a + b) and not any(
            _excerpt(x.text, y.text) or _same_stance(x.cue, y) for x in a for y in b):
        return False
    return True


@lru_cache(maxsize=1)
def _stances() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(w.strip() for w in line.split("|") if w.strip())
                 for line in _lines("stance_verbs.txt"))


def stances(text: str) -> frozenset[int]:
    """The stances (lines of `data/stance_verbs.txt`) whose verbs a text holds: a word that
    starts with one of a line's starts, or its phrase."""
    padded = f" {normalise(text)}"
    return frozenset(i for i, starts in enumerate(_stances())
                     if any(f" {start}" in padded for start in starts))


def _same_stance(cue: str, other: Said) -> bool:
    """Whether a phrase's cue ("endorsed") reports a stance the other quote states too: in its
    own cue ("touted"), or in its words when they make a sentence ("please join me in
    supporting ..."); in a phrase a stance word is a noun ("against recent attacks from"),
    no stance taken."""
    held = stances(cue)
    if not held:
        return False
    said = stances(other.text) if states_something(other.text) else frozenset()
    return bool(held & (said | stances(other.cue)))


def _excerpt(a: str, b: str) -> bool:
    """One quote's content words (nearly) all in the other's (`content.content_match`)."""
    match = content_match(normalise(a), normalise(b))
    return match is not None and match.kind == "excerpt"
