"""Finding direct quotes: pairing quote marks, robust to unbalanced marks.

Handles straight and curly double quotes, guillemets (« » and the German » «), „ “ pairs,
single quotes nested inside double ones, and quotes running over several paragraphs (each
paragraph reopens with a mark and only the last closes).  An unclosed quote never runs past the
end of its paragraph, so an odd number of marks cannot swallow the rest of the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .sentences import paragraphs

__all__ = ["QuoteSpan", "find_quote_spans"]

_OPENERS = {"“": "”", "„": "“", "«": "»", '"': '"'}
_CLOSERS = {"”", "»", '"', "“"}
# Two apostrophes (or two backticks to open) stand for a straight double quote in some wire
# copy: ''It's more tinkering,'' said Mr. Cole.
_MARKS = re.compile(r"''|``|[\"“”„«»]")


@dataclass
class QuoteSpan:
    """One paragraph's piece of a direct quote, marks included: ``text[start:end]``.

    ``group`` numbers the quote the piece belongs to (pieces of a multi-paragraph quote share
    it); ``closed`` is False when the paragraph ended before a closing mark.
    """

    start: int
    end: int
    group: int
    closed: bool = True

    @property
    def inner(self) -> tuple[int, int]:
        """Offsets without the marks."""
        return self.start + 1, self.end - (1 if self.closed else 0)


def _straight_role(text: str, i: int, j: int) -> str:
    """Guess whether a straight double quote at ``text[i:j]`` opens or closes."""
    before = text[i - 1] if i > 0 else " "
    after = text[j] if j < len(text) else " "
    if before.isspace() or before in "([{—–-/:;":
        return "open"
    if after.isspace() or after in ".,;:!?)]}—–-":
        return "close"
    return "either"


def find_quote_spans(text: str, skip: list[tuple[int, int]] | None = None) -> list[QuoteSpan]:
    """Find direct quotes in ``text``.

    Takes the text and optional spans to ignore (site furniture); returns :class:`QuoteSpan`
    pieces in text order.  Never raises; unbalanced marks yield at most a paragraph-long piece.
    """
    skip = skip or []
    spans: list[QuoteSpan] = []
    group = 0
    open_at: int | None = None  # start of the current piece
    closer: str | None = None  # the mark that closes the current quote
    for ps, pe in paragraphs(text):
        if any(s <= ps and pe <= e for s, e in skip):
            if open_at is not None:
                open_at = None
            continue
        marks = [
            (m.start(), m.end(), '"' if m.group() in ("''", "``") else m.group())
            for m in _MARKS.finditer(text, ps, pe)
        ]
        idx = 0
        if open_at is not None:
            # Inside a quote carried over from the previous paragraph: it continues only when
            # this paragraph opens with a mark; otherwise that quote simply was never closed.
            if marks and marks[0][0] == ps and marks[0][2] in _OPENERS:
                open_at = ps
                idx = 1
            else:
                open_at = None
                group += 1
        while idx < len(marks):
            i, j, mark = marks[idx]
            idx += 1
            if open_at is None:
                if mark == '"':
                    if _straight_role(text, i, j) == "close":
                        continue  # a stray closing mark
                elif mark not in _OPENERS or (mark == "“" and _prefers_closing(text, i)):
                    continue
                open_at, closer = i, _OPENERS[mark]
                continue
            # inside a quote
            if (
                mark == closer
                or (mark in _CLOSERS and mark != "“")  # mixed typography: "...” closes
                or (mark == '"' and closer != '"')
            ):
                if (
                    mark == '"'
                    and closer == '"'
                    and _straight_role(text, i, j) == "open"
                    and j < pe
                    and not text[j].isspace()
                    and _looks_reopened(text, i, j, open_at)
                ):
                    # `"a" "b"`: the previous quote lost its closing mark; restart here.
                    open_at = i
                    continue
                spans.append(QuoteSpan(open_at, j, group, True))
                group += 1
                open_at = closer = None
            elif mark in ("“", "„", "«") and mark != closer:
                # An opening mark inside an open quote: the earlier one was never closed.
                open_at, closer = i, _OPENERS[mark]
        if open_at is not None:
            # Unclosed at the end of the paragraph: keep the piece, it may continue below.
            spans.append(QuoteSpan(open_at, pe, group, False))
    # Drop the trailing unclosed piece of a group that no paragraph continued and that never
    # closed anywhere only when it is empty.
    return [s for s in spans if s.end - s.start > 2]


def _prefers_closing(text: str, i: int) -> bool:
    # German „...“ closes with “; an English text never starts a quote with “ glued to a word.
    return i > 0 and not text[i - 1].isspace() and text[i - 1] not in "([{—–-/:;\"'"


def _looks_reopened(text: str, i: int, j: int, open_at: int) -> bool:
    # Only a space before the mark and a capital after: `... "Yes "No` is a lost close.
    return i > open_at + 1 and text[i - 1].isspace() and j < len(text) and text[j].isupper()
