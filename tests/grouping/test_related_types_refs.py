"""benchmarks/related_types.py records judged typed suggestions as references into the gold
texts (document id, the quote's span there, the gold quote it overlaps), never claim ids or
text; its parts are related_eval's. The texts below are written for these tests."""
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _module(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_pairs_part_is_related_evals_by_its_two_documents_in_either_order():
    types, evaluation = _module("related_types"), _module("related_eval")
    for a, b in (("doc-1", "doc-2"), ("doc-9", "doc-3"), ("x", "y")):
        row = {"a": {"doc": a, "quote": 0}, "b": {"doc": b, "quote": 0}}
        assert types.pair_part(a, b) == types.pair_part(b, a) == evaluation.tune_part(row)


def test_a_stored_quote_is_referenced_by_its_span_in_the_gold_text_and_its_gold_quote():
    types = _module("related_types")
    text = ("Share this\nThe mayor said the ferry will run all winter. "
            "Critics said the ferry will not run past November.")
    quote = "the ferry will not run past November"
    gs = text.index(quote)
    gold = {"id": "doc-1", "text": text,
            "quotes": [{"start": text.index("the ferry will run"), "end": text.index(" all")},
                       {"start": gs, "end": gs + len(quote)}]}
    body = text.replace("Share this\n", "")  # the import drops furniture lines
    start = body.index(quote)
    ref = types._gold_ref(gold, body, start, start + len(quote))
    assert ref == {"doc": "doc-1", "start": gs, "end": gs + len(quote), "quote": 1}
    # A span the gold holds no quote for: the span alone.
    other = body.index("The mayor")
    ref = types._gold_ref(gold, body, other, other + len("The mayor"))
    assert ref["quote"] is None and text[ref["start"]:ref["end"]] == "The mayor"
