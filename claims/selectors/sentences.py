"""Where a sentence ends, for the reads that show or search the sentence around a quote (the
review queue's context, grouping's search for an answer's lead-in). One pattern for both sides,
so the sentence shown before a quote is the one searched before it.

A sentence ends at ".", "!" or "?" (and the closing quotes or bracket right after it) followed
by white space, or at a line break. Cheaper and rougher than the extractor's splitter
(claims.extraction.sentences), which also knows abbreviations: these reads only trim context.
"""
import re

SENTENCE_END = re.compile(r"[.!?]['\"”’)]*(?=\s)|\n")


def sentence_before(body: str, start: int) -> str:
    """The words of the sentence holding offset `start`, before it (without the white space
    that follows the previous sentence's end)."""
    head = body[max(0, start - 600):start]
    ends = list(SENTENCE_END.finditer(head))
    return head[ends[-1].end():].lstrip() if ends else head


def sentence_after(tail: str) -> str:
    """The words of the sentence a quote ends in, after it (up to its full stop)."""
    match = SENTENCE_END.search(tail)
    return tail[:match.end()] if match else tail
