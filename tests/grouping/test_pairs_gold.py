"""The judged same-claim gold (tests/data/claim_pairs/pairs.jsonl) is well formed.

Checks the file itself (fields, categories, both split fields recomputed from their hashes, no
pair listed twice) and, when ../shared is present, that every reference names an existing quote
of two different articles that are not copies of one story, and that no note carries article
text.  Reads no system output.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "claim_pairs"
PAIRS = DATA / "pairs.jsonl"

CATEGORIES = {"same", "negated", "same_topic_other_point", "other_speaker"}
FIELDS = {"a", "b", "same_claim", "category", "speaker", "speaker_b", "split", "doc_split"}
# Lines judged after the document split (2026-12-06) also say who judged them and why.
LATER_FIELDS = {"note", "judge", "drawn_by"}


def _module(name: str):
    sys.path.insert(0, str(DATA))
    try:
        spec = importlib.util.spec_from_file_location(name, DATA / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(DATA))
    return module


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    with PAIRS.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def test_every_line_has_the_documented_fields_and_a_known_category(rows):
    for row in rows:
        assert set(row) in (FIELDS, FIELDS | LATER_FIELDS), row
        assert row["category"] in CATEGORIES, row
        assert row["same_claim"] is (row["category"] == "same"), row
        assert row["speaker"] and row["speaker_b"], row
        for ref in (row["a"], row["b"]):
            assert set(ref) == {"doc", "quote"} and isinstance(ref["quote"], int), row
        if row["category"] == "same":  # one speaker (or one joint set) asserting one proposition
            assert row["speaker"] == row["speaker_b"], row
        if row["category"] == "other_speaker":
            assert row["speaker"] != row["speaker_b"], row


def test_both_splits_are_the_hashes_written_in_the_readme(rows):
    doc_split = _module("draw_relations").doc_split
    for row in rows:
        a, b = row["a"]["doc"], row["b"]["doc"]
        pair = "|".join(sorted([a, b])).encode("utf-8")
        assert row["split"] == ("tune" if hashlib.sha256(pair).digest()[0] % 2 == 0
                                else "holdout"), row
        halves = {doc_split(a), doc_split(b)}
        assert row["doc_split"] == (halves.pop() if len(halves) == 1 else "mixed"), row


def test_lines_judged_after_the_document_split_sit_in_one_half(rows):
    later = [row for row in rows if "judge" in row]
    assert later, "the lines judged on 2026-12-06 are missing"
    for row in later:
        assert row["judge"] == "helper-gold2, read 2026-12-06", row
        assert row["note"] and row["drawn_by"], row
        assert row["doc_split"] != "mixed", row  # drawn with both documents in one half


def test_counts_per_half_of_the_document_split(rows):
    counts = Counter((row["same_claim"], row["doc_split"]) for row in rows)
    for half in ("tune", "holdout"):
        assert counts[(True, half)] >= 60, half  # same-claim pairs to tune on / to report
        assert counts[(False, half)] >= 60, half  # negated, other point, other speaker
    later = Counter(row["same_claim"] for row in rows if "judge" in row)
    assert later[True] >= 80 and later[False] >= 80


def test_no_pair_is_listed_twice(rows):
    keys = Counter(tuple(sorted((r["doc"], r["quote"]) for r in (row["a"], row["b"])))
                   for row in rows)
    assert [k for k, n in keys.items() if n > 1] == []


def test_references_resolve_to_quotes_of_two_articles_not_copies_of_one_story(rows, gold):
    copies = _module("draw_candidates").copies
    for row in rows:
        assert row["a"]["doc"] in gold and row["b"]["doc"] in gold, row
    # Over all the articles, as draw_candidates.py computes it when drawing.
    same_story = copies({doc: gold[doc]["text"] for doc in gold})
    for row in rows:
        a, b = row["a"], row["b"]
        assert a["doc"] != b["doc"], row
        for ref in (a, b):
            assert 0 <= ref["quote"] < len(gold[ref["doc"]]["quotes"]), ref
        assert tuple(sorted((a["doc"], b["doc"]))) not in same_story, row


def test_notes_quote_no_article_text(rows, gold):
    def grams(text: str, n: int = 6) -> set[tuple[str, ...]]:
        words = re.findall(r"[a-z0-9']+", text.lower())
        return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}

    for row in rows:
        if "note" not in row:
            continue
        note = grams(row["note"])
        for ref in (row["a"], row["b"]):
            assert not note & grams(gold[ref["doc"]]["quotes"][ref["quote"]]["text"]), row["note"]
