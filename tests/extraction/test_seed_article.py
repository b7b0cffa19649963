"""The article the project was conceived from, end to end against its hand annotation."""

import json
import re

import pytest

from claims.extraction.furniture import furniture_spans
from tests.extraction.conftest import SHARED

SAMPLE = SHARED / "samples" / "putin-china-interview.txt"
GOLD_DIR = SHARED / "gold" / "seed"


def _norm(name):
    s = re.sub(r"[^\w\s-]", " ", name.casefold().replace("’", "'"))
    return " ".join(re.sub(r"^\s*the\s+", "", s).split())


def _names(value):
    if value is None:
        return frozenset()
    return frozenset(_norm(v) for v in ([value] if isinstance(value, str) else value))


@pytest.fixture(scope="module")
def seed():
    golds = sorted(GOLD_DIR.glob("*.json")) if GOLD_DIR.is_dir() else []
    if not SAMPLE.is_file() or not golds:
        pytest.skip(
            f"the seed article is not here ({SAMPLE} and {GOLD_DIR}/*.json): ../shared absent"
        )
    gold = json.loads(golds[0].read_text("utf-8"))
    return SAMPLE.read_text("utf-8"), gold


def test_it_finds_at_least_23_of_the_25_statements_with_the_right_speaker(extractor, seed):
    text, gold = seed
    assert gold["text"] == text
    quotes = extractor.extract(text).quotes
    found = 0
    for g in gold["quotes"]:
        gold_chars = set(range(g["start"], g["end"]))
        for q in quotes:
            if len(gold_chars & set(range(q.start, q.end))) / len(gold_chars) > 0.3:
                if not g["speaker"] or _names(q.speaker) == _names(g["speaker"]):
                    found += 1
                    break
    assert found >= 23, f"{found} of {len(gold['quotes'])}"


def test_every_statement_found_has_the_right_speaker(extractor, seed):
    # Issue 21 asks for "every speaker right" on the seed article: a statement may be missed
    # (the test above allows two), but none that is found may carry another speaker.
    text, gold = seed
    quotes = extractor.extract(text).quotes
    wrong = []
    for g in gold["quotes"]:
        if not g["speaker"]:
            continue
        gold_chars = set(range(g["start"], g["end"]))
        found = [q for q in quotes
                 if len(gold_chars & set(range(q.start, q.end))) / len(gold_chars) > 0.3]
        if found and not any(_names(q.speaker) == _names(g["speaker"]) for q in found):
            wrong.append((g["speaker"], [q.speaker for q in found]))
    assert wrong == []


def test_no_statement_comes_from_site_furniture(extractor, seed):
    text, _ = seed
    spans = furniture_spans(text)
    assert len(spans) >= 6
    for q in extractor.extract(text).quotes:
        assert not any(s < q.end and q.start < e for s, e in spans), q.text
