"""Content hashes: the same article text hashes the same however it was typeset.

A syndicated copy, a re-import with different whitespace, or a page that switched from curly
to straight quotes are one article; :func:`content_hash` is what the database keeps unique.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["content_hash", "normalise_body"]

# Typographic variants folded to their plain ASCII form (NFKC leaves these alone).
_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
    "\u0060": "'", "\u2039": "'", "\u203a": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"',
    "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u2043": "-", "\ufe58": "-", "\ufe63": "-", "\uff0d": "-",
    "\u00ad": None,  # soft hyphen: invisible
    "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None,
})
_SPACE = re.compile(r"\s+")


def normalise_body(text: str) -> str:
    """Return ``text`` reduced to what makes it the same article.

    Unicode NFKC, curly quotes and dashes folded to ASCII, invisible characters removed,
    every run of whitespace (line breaks included) collapsed to one space, trimmed, casefolded.
    """
    text = unicodedata.normalize("NFKC", text).translate(_FOLD).casefold()
    # Case folding can undo NFKC ("ǰ" folds to "j" + a combining caron); normalise again.
    text = unicodedata.normalize("NFKC", text).translate(_FOLD)
    return _SPACE.sub(" ", text).strip()


def content_hash(text: str) -> str:
    """SHA-256 hex digest of :func:`normalise_body` of ``text`` (64 lowercase hex digits)."""
    return hashlib.sha256(normalise_body(text).encode("utf-8")).hexdigest()
