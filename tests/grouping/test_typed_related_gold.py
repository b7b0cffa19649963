"""The judged typed suggestions (tests/data/claim_pairs/typed_related.jsonl) are well formed:
references only, every document in the tune half, each pair in the part of tune its documents
hash to, tune-B judged blind to the rules, and (with ../shared) every span is a span of the
gold text and no note copies it. Reads no system output."""
from __future__ import annotations

import importlib.util
import json
import re
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "claim_pairs"
TYPED = DATA / "typed_related.jsonl"
LABELS = {"supports", "contradicts", "denies", "responds_to", "none"}


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    with TYPED.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def test_lines_are_references_with_a_known_label_in_the_tune_half(rows):
    doc_split = _load("draw_relations", DATA / "draw_relations.py").doc_split
    pair_part = _load("related_types", ROOT / "benchmarks" / "related_types.py").pair_part
    for row in rows:
        assert set(row) <= {"a", "b", "part", "label", "note", "drawn_by", "judge"}, row
        assert row["label"] in LABELS, row
        for ref in (row["a"], row["b"]):
            assert set(ref) == {"doc", "start", "end", "quote"}, row
            assert 0 <= ref["start"] < ref["end"], row
            assert doc_split(ref["doc"]) == "tune", row  # never a holdout document
        assert row["part"] == pair_part(row["a"]["doc"], row["b"]["doc"]), row
        # tune-B was judged without the rules that drew it shown: that part measures them.
        assert row["judge"].endswith("blind to the rules") == (row["part"] == "tune-B"), row


def test_no_pair_is_listed_twice_and_both_parts_are_judged(rows):
    keys = Counter(tuple(sorted((r["doc"], r["start"]) for r in (row["a"], row["b"])))
                   for row in rows)
    assert [k for k, n in keys.items() if n > 1] == []
    parts = Counter(row["part"] for row in rows)
    assert parts["tune-A"] >= 50 and parts["tune-B"] >= 50


def test_spans_are_in_the_gold_and_notes_copy_none_of_them(rows, gold):
    def grams(text: str, n: int = 6) -> set[tuple[str, ...]]:
        words = re.findall(r"[a-z0-9']+", text.lower())
        return {tuple(words[i: i + n]) for i in range(len(words) - n + 1)}

    for row in rows:
        for ref in (row["a"], row["b"]):
            text = gold[ref["doc"]]["text"]
            assert ref["end"] <= len(text), row
            if ref["quote"] is not None:  # the gold quote the span overlaps
                quote = gold[ref["doc"]]["quotes"][ref["quote"]]
                assert min(ref["end"], quote["end"]) > max(ref["start"], quote["start"]), row
            assert not grams(row.get("note", "")) & grams(text[ref["start"]:ref["end"]]), row
