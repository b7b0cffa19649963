"""Every article of the shared evaluation sets goes through the extractor without an error,
and every quote and speaker mention it reports slices the text exactly.

Reads the texts (not the annotations) of ../shared/gold/ggt-dev and polnear-dev: 133 real news
articles, far more varied than the hypothesis strategies. Skipped where ../shared is absent.
"""

import json

import pytest

from tests.extraction.conftest import SHARED

SETS = ("ggt-dev", "polnear-dev")


def _texts() -> list[str]:
    return [
        json.loads(path.read_text(encoding="utf-8"))["text"]
        for name in SETS
        for path in sorted((SHARED / "gold" / name).glob("*.json"))
    ]


def test_real_articles_extract_with_exact_offsets(extractor):
    texts = _texts()
    if not texts:
        pytest.skip(f"the evaluation sets are not here ({SHARED}/gold): ../shared absent")
    results = list(extractor.extract_many((text, None) for text in texts))
    assert len(results) == len(texts)
    quotes = 0
    for text, result in zip(texts, results, strict=True):
        for q in result.quotes:
            quotes += 1
            assert 0 <= q.start < q.end <= len(text)
            assert text[q.start : q.end] == q.text
            m = q.speaker_mention
            assert m is None or text[m.start : m.end] == m.text
    assert quotes > 1000  # ggt-dev and polnear-dev hold about 2,300 between them
