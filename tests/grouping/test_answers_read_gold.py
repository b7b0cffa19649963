"""The reading of every answer suggestion on tune-a documents
(tests/data/claim_pairs/answers_read_tune_a.jsonl) is well formed: references only, tune part
a only, a verdict and a short reason each. Reads no system output and no article text."""
from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "claim_pairs"
READING = DATA / "answers_read_tune_a.jsonl"
FIELDS = {"run", "doc", "answer", "answered", "type", "words", "continues", "verdict",
          "speakers_right", "reason", "judge"}


def _doc_split():
    spec = importlib.util.spec_from_file_location("draw_relations", DATA / "draw_relations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.doc_split


def test_each_line_is_a_reference_to_a_tune_a_document_with_a_verdict():
    doc_split = _doc_split()
    rows = [json.loads(line) for line in READING.read_text(encoding="utf-8").splitlines()]
    assert rows
    for row in rows:
        assert set(row) == FIELDS
        assert doc_split(row["doc"]) == "tune"
        assert hashlib.sha256(row["doc"].encode("utf-8")).digest()[1] % 2 == 0  # part a
        assert row["verdict"] in ("right", "wrong")
        assert row["type"] in ("denies", "responds_to")
        for side in ("answer", "answered"):
            assert set(row[side]) == {"start", "end"} and row[side]["start"] < row[side]["end"]
        assert row["answered"]["start"] < row["answer"]["start"]
        assert 0 < len(row["reason"]) <= 160
