"""Language identification for article text.

Uses py3langid (its model ships inside the package, so nothing is downloaded).  Long texts
are sampled, since a few kilobytes decide the language as well as a whole book does.
"""

from __future__ import annotations

import re

__all__ = ["detect_language"]

# Enough text for a confident decision; sampling keeps the cost flat on long articles.
_SAMPLE = 3000
# Below this many letters the classifier guesses; report "unknown" instead.
_MIN_LETTERS = 20


def _classify(sample: str) -> str:
    # Imported on first use: loading the model costs ~0.1 s, paid only by callers that need it.
    import py3langid

    lang, _score = py3langid.classify(sample)
    return lang


def _sample(text: str) -> str:
    if len(text) <= _SAMPLE:
        return text
    # Three slices from the start, middle and end: headers or a trailing boilerplate line in
    # another language cannot outvote the body.
    third = _SAMPLE // 3
    mid = len(text) // 2
    return " ".join((text[:third], text[mid - third // 2 : mid + third // 2], text[-third:]))


def detect_language(text: str) -> str | None:
    """Detect the language of ``text``.

    Takes any string; returns an ISO 639-1 code such as ``"en"`` or ``"fr"``, or ``None``
    when the text holds too few letters to tell (empty, numbers, punctuation).
    """
    if not text:
        return None
    sample = _sample(text)
    if len(re.findall(r"[^\W\d_]", sample)) < _MIN_LETTERS:
        return None
    return _classify(sample) or None
