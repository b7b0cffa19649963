"""Whether two claims may be offered as "same claim?" at all, from their quotes as stored.

Read pair by pair on the tune half (docs/suggestions-read.md, S3 and S4): a direct question
asserts nothing, so two questions from one list ("Has the candidate ...?", "Is the candidate
...?") are no claim said twice; and a quote nested in another of the same article (a headline
quote holding the campaign's word, "Hillary thinks [feds require too many tests]") is the one
report of another speaker's words, not a second assertion. Neither is offered, whatever the
words share.
"""
from __future__ import annotations

import re
from typing import NamedTuple

# What may follow a question's mark at the end of a quote: closing quote marks, brackets.
_TRAILING = " \t\n\"'”’»)]"


class Said(NamedTuple):
    article_id: int
    start: int
    end: int
    text: str


# A sentence ending inside the quote: a question closing a longer quote ("... He gets things
# done. Do you really want a two-pirate ticket?") does not make the rest of it a question.
_INNER_END = re.compile(r"[.!?…][\"'”’»)\]]*\s+\S")


def is_question(text: str) -> bool:
    """A quote of one sentence that ends in a question mark (inside its closing quote marks
    or not)."""
    body = text.strip().rstrip(_TRAILING)
    return body.endswith("?") and not _INNER_END.search(body)


def nested(a: Said, b: Said) -> bool:
    """Two quotes of one article whose spans overlap: one reports the other."""
    return a.article_id == b.article_id and a.start < b.end and b.start < a.end


def offerable(a: list[Said], b: list[Said]) -> bool:
    """Whether claims with these quotes may be asked about as one: neither made of questions
    alone, and no quote of one nested in a quote of the other."""
    if not a or not b:
        return True  # nothing known against it
    if all(is_question(q.text) for q in a) or all(is_question(q.text) for q in b):
        return False
    return not any(nested(x, y) for x in a for y in b)
