"""The judged relations gold (tests/data/claim_pairs/relations.jsonl) is well formed.

Checks the file itself (schema, labels, one split per document, the minimum counts the issue
asks for) and, when ../shared is present, that every reference names an existing quote and that
no note carries article text.  Reads no system output.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "claim_pairs"
RELATIONS = DATA / "relations.jsonl"

LABELS = {
    "cross_article": {"supports", "contradicts", "denies", "responds_to", "none"},
    "in_article": {"denies", "responds_to", "contradicts", "none"},
    "position": {"reverses", "consistent", "same_quote"},
}
FIELDS = {"set", "a", "b", "label", "split", "speaker", "speaker_b", "category", "note",
          "drawn_by", "judge"}


def _doc_split():
    spec = importlib.util.spec_from_file_location("draw_relations", DATA / "draw_relations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.doc_split


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    with RELATIONS.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _refs(row):
    return [r for r in (row["a"], row["b"]) if r is not None]


def test_every_line_has_the_documented_fields_and_a_known_label(rows):
    for row in rows:
        assert set(row) == FIELDS | ({"b_also"} if row["set"] == "in_article" else set()), row
        assert row["label"] in LABELS[row["set"]], row
        assert row["split"] in ("tune", "holdout")
        assert row["judge"].startswith(("helper-gold, read ", "helper-answers, read ")), row
        assert row["speaker"] and row["category"].startswith(row["set"] + ":")
        for ref in _refs(row):
            assert set(ref) == {"doc", "quote"} and isinstance(ref["quote"], int), row


def test_pair_shapes_per_set(rows):
    for row in rows:
        a, b = row["a"], row["b"]
        if row["set"] == "in_article":
            # A statement and the earlier quote it answers, or nothing answered (label none).
            assert (b is None) == (row["label"] == "none"), row
            if b is not None:
                assert b["doc"] == a["doc"] and b["quote"] != a["quote"], row
            # Other quotes of the same answered statement (a headline and its sentence, two
            # reports of one attack): a link to any of them is right.
            also = row["b_also"]
            assert b is not None or also == [], row
            assert all(isinstance(j, int) and j not in (a["quote"], b["quote"]) for j in also)
        else:
            assert b is not None and a["doc"] != b["doc"], row
            assert row["speaker_b"], row
            # cross_article: two speakers; position: one speaker on two days.
            assert (row["speaker"] == row["speaker_b"]) == (row["set"] == "position"), row


def test_each_document_sits_in_one_split_chosen_by_the_hash_of_its_id(rows):
    doc_split = _doc_split()
    seen: dict[str, str] = {}
    for row in rows:
        for ref in _refs(row):
            assert seen.setdefault(ref["doc"], row["split"]) == row["split"], ref["doc"]
            assert doc_split(ref["doc"]) == row["split"], ref["doc"]


def test_no_pair_is_listed_twice(rows):
    keys = Counter(
        (row["set"],) + tuple(sorted((r["doc"], r["quote"]) for r in _refs(row))) for row in rows
    )
    assert [k for k, n in keys.items() if n > 1] == []


def test_counts_meet_the_minimums_of_the_issue(rows):
    labels = Counter((row["set"], row["label"]) for row in rows)
    related = sum(n for (s, label), n in labels.items() if s == "cross_article" and label != "none")
    assert related >= 150
    assert labels[("cross_article", "none")] >= 50  # near misses: same topic, another point
    for label in ("supports", "contradicts", "denies", "responds_to"):
        assert labels[("cross_article", label)] >= 5, label
    answered = sum(n for (s, label), n in labels.items() if s == "in_article" and label != "none")
    assert answered + labels[("in_article", "none")] >= 150
    assert answered >= 60 and labels[("in_article", "none")] >= 60
    positions = sum(n for (s, label), n in labels.items() if s == "position")
    assert positions >= 100
    assert labels[("position", "reverses")] >= 10
    assert labels[("position", "same_quote")] >= 20 and labels[("position", "consistent")] >= 20
    for name in ("cross_article", "in_article", "position"):
        halves = Counter(row["split"] for row in rows if row["set"] == name)
        assert min(halves.values()) >= 0.35 * sum(halves.values()), name


def test_references_resolve_to_quotes_of_the_gold(rows, gold):
    for row in rows:
        for ref in _refs(row):
            assert ref["doc"] in gold, ref
            assert 0 <= ref["quote"] < len(gold[ref["doc"]]["quotes"]), ref
        if row["set"] == "position":  # one speaker on two different days
            assert gold[row["a"]["doc"]]["date"] != gold[row["b"]["doc"]]["date"], row
        if row["set"] == "in_article" and row["b"] is not None:  # the answered quotes come first
            quotes = gold[row["a"]["doc"]]["quotes"]
            for j in [row["b"]["quote"], *row["b_also"]]:
                assert 0 <= j < len(quotes), row
                assert quotes[j]["start"] < quotes[row["a"]["quote"]]["start"], row


def test_notes_quote_no_article_text(rows, gold):
    def grams(text: str, n: int = 6) -> set[tuple[str, ...]]:
        words = re.findall(r"[a-z0-9']+", text.lower())
        return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}

    for row in rows:
        note = grams(row["note"])
        for ref in _refs(row):
            quote = gold[ref["doc"]]["quotes"][ref["quote"]]["text"]
            assert not note & grams(quote), row["note"]
