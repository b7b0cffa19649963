"""A cheap rule-based sentence splitter with character offsets.

spaCy's parser also splits sentences, but only the sentences that can hold a statement are
parsed, so the text must be cut before parsing.  Paragraph breaks always end a sentence.
"""

from __future__ import annotations

import re

__all__ = ["paragraphs", "split_sentences"]

# Abbreviations after which a full stop does not end a sentence.
_ABBREV = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "sen",
    "rep",
    "gov",
    "gen",
    "lt",
    "col",
    "sgt",
    "capt",
    "st",
    "jr",
    "sr",
    "inc",
    "corp",
    "co",
    "ltd",
    "no",
    "vs",
    "jan",
    "feb",
    "mar",
    "apr",
    "aug",
    "sept",
    "sep",
    "oct",
    "nov",
    "dec",
    "mt",
    "ft",
    "rev",
    "hon",
    "adm",
    "cmdr",
    "supt",
    "insp",
    "det",
    "u.s",
    "u.k",
    "u.n",
    "e.g",
    "i.e",
    "d.c",
    "a.m",
    "p.m",
    "ph.d",
    "approx",
    "est",
    "dept",
    "fig",
}

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, then space.
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+[\"“‘'«(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each non-blank line, stripped of surrounding whitespace."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` into sentences.

    Returns ``(start, end)`` offsets into ``text`` with surrounding whitespace trimmed.  A full
    stop after a known abbreviation or a single capital initial does not end a sentence.
    """
    end = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    for ps, pe in paragraphs(text[start:end]):
        ps += start
        pe += start
        cur = ps
        for m in _BOUNDARY.finditer(text, ps, pe):
            if text[m.start()] == ".":
                w = _WORD_BEFORE.search(text, cur, m.start())
                word = w.group(1).lower().rstrip(".") if w else ""
                if word in _ABBREV or (len(word) == 1 and word.isalpha()):
                    continue
                if _INITIALS.fullmatch(word) and m.end() - m.start() == 1:
                    continue  # "The C.D. Howe Institute": initials, not a sentence's end
            b = m.end()
            if b > cur:
                out.append((cur, b))
            cur = b
            while cur < pe and text[cur].isspace():
                cur += 1
        if cur < pe:
            out.append((cur, pe))
    return out
