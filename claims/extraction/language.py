"""Language identification for article text.

Uses py3langid (its model ships inside the package, so nothing is downloaded).  Long texts
are sampled, since a few kilobytes decide the language as well as a whole book does.
"""

from __future__ import annotations

import re

__all__ = ["detect_language", "foreign_language"]

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


# Below this many letters a guess other than English is trusted only for widely used
# languages and only when near-certain: on single English sentences the classifier now and
# then answers Nigerian Pidgin, Latin or Frisian.
_SHORT = 300
_MAJOR = {
    "fr",
    "de",
    "es",
    "it",
    "pt",
    "nl",
    "ru",
    "uk",
    "pl",
    "cs",
    "sv",
    "da",
    "no",
    "fi",
    "tr",
    "el",
    "hu",
    "ro",
    "zh",
    "ja",
    "ko",
    "ar",
    "he",
    "fa",
    "hi",
    "id",
    "vi",
    "th",
}


def foreign_language(text: str, detected: str | None = "") -> str | None:
    """The ISO 639-1 code of ``text``'s language when it is confidently not English, else
    ``None`` (English, too short to tell, or an uncertain guess on a short text).  Pass
    ``detected`` when :func:`detect_language` was already run on the same text."""
    lang = detect_language(text) if detected == "" else detected
    if lang is None or lang == "en":
        return None
    sample = _sample(text)
    if len(re.findall(r"[^\W\d_]", sample)) >= _SHORT:
        return lang
    if lang not in _MAJOR:
        return None
    import math

    import py3langid

    ranked = py3langid.rank(sample)
    top = ranked[0][1]
    probability = 1.0 / sum(math.exp(score - top) for _, score in ranked)
    return lang if probability >= 0.99 else None
