"""Draw a blind sample of judged relations lines for a second reader, and score the agreement.

    python3 tests/data/claim_pairs/sample_second_reading.py sample \
        [--judge helper-answers] [--n 40] [--seed 21] [--gold GOLD_DIR]
    python3 tests/data/claim_pairs/sample_second_reading.py compare SECOND.jsonl \
        [--judge ...] [--n ...] [--seed ...] [--relations OLDER_COPY]

Standard library only, deterministic.  ``sample`` prints, for each drawn line, only its
references: the line number in relations.jsonl, the answering statement's document id and quote
index, and the quote's character offsets in the gold JSON.  It never prints the recorded label,
answered quote, speakers or note, so the second reader judges blind.

Lines are drawn by position among the judge's lines, so a corrected line stays in the sample.
``compare`` reads the second reader's judgements (one JSON object per line:
``{"line": N, "a": {"doc": ..., "quote": ...}, "label": "denies"|"contradicts"|"responds_to"|"none",
"b": quote index or null}``; ``second_reading_judge2.jsonl`` is one)
and prints the agreement with the recorded lines: exact (label and answered quote), answers
something vs nothing, the answered quote where both say something is answered, and Cohen's kappa
on the three-way label (denies / responds to / nothing; ``contradicts`` counts with
``responds_to``, as both are answers that do not call the other side false).  An answered quote
listed in the recorded ``b_also`` counts as the same answered statement, and so does one the
second reader lists in an optional ``alt_b`` (other quotes of the statement they judge answered).
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
RELATIONS = HERE / "relations.jsonl"
DEFAULT_GOLD = HERE.parents[2].parent / "shared" / "gold" / "polnear-train"


def drawn(judge: str, n: int, seed: int, relations: Path = RELATIONS) -> list[tuple[int, dict]]:
    """The sampled (line number, line) pairs.

    random.Random(seed).sample over the positions of the judge's in_article lines, in file order.
    """
    rows = []
    with open(relations, encoding="utf-8") as fh:
        for number, raw in enumerate(fh, 1):
            d = json.loads(raw)
            if d.get("set") == "in_article" and judge in (d.get("judge") or ""):
                rows.append((number, d))
    picked = random.Random(seed).sample(range(len(rows)), n)
    return [rows[i] for i in sorted(picked)]


def three_way(label: str) -> str:
    answers = {"denies": "denies", "contradicts": "responds_to", "responds_to": "responds_to"}
    return answers.get(label, "none")


def kappa(pairs: list[tuple[str, str]]) -> float:
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    ca, cb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def sample(args: argparse.Namespace) -> None:
    for number, d in drawn(args.judge, args.n, args.seed, Path(args.relations)):
        doc, q = d["a"]["doc"], d["a"]["quote"]
        path = Path(args.gold) / (doc.removeprefix("polnear-train-") + ".json")
        quote = json.loads(path.read_text(encoding="utf-8"))["quotes"][q]
        ref = {"line": number, "doc": doc, "quote": q, "start": quote["start"], "end": quote["end"]}
        print(json.dumps(ref))


def compare(args: argparse.Namespace) -> None:
    recorded = dict(drawn(args.judge, args.n, args.seed, Path(args.relations)))
    second = {}
    with open(args.second, encoding="utf-8") as fh:
        for raw in fh:
            if raw.strip():
                s = json.loads(raw)
                second[s["line"]] = s
    exact = binary = 0
    both_answer = same_target = 0
    pairs = []
    for number, rec in recorded.items():
        s = second[number]
        # The line numbers are only a key: make sure they still name the statement judged.
        assert s.get("a", rec["a"]) == rec["a"], (number, s.get("a"), rec["a"])
        rec_b = rec["b"]["quote"] if rec.get("b") else None
        targets = {rec_b} | set(rec.get("b_also") or [])
        mine = {s["b"]} | set(s.get("alt_b") or [])
        rec_none, s_none = rec["label"] == "none", s["label"] == "none"
        binary += rec_none == s_none
        target_ok = rec_none and s_none or (not rec_none and not s_none and bool(mine & targets))
        if not rec_none and not s_none:
            both_answer += 1
            same_target += bool(mine & targets)
        exact += rec["label"] == s["label"] and target_ok
        pairs.append((three_way(rec["label"]), three_way(s["label"])))
        if not (rec["label"] == s["label"] and target_ok):
            print(
                f"differs: line {number} {rec['a']['doc']} q{rec['a']['quote']}: "
                f"recorded {rec['label']} b={rec_b}, second {s['label']} b={s['b']}"
            )
    n = len(recorded)
    print(f"exact (label and answered quote): {exact}/{n}")
    print(f"answers something vs nothing: {binary}/{n}")
    print(f"same answered quote, where both say answered: {same_target}/{both_answer}")
    print(f"three-way labels (recorded, second): {sorted(Counter(pairs).items())}")
    print(f"Cohen's kappa, three-way: {kappa(pairs):.3f}")
    binary_kappa = kappa([(a == "none", b == "none") for a, b in pairs])
    print(f"Cohen's kappa, answers something vs nothing: {binary_kappa:.3f}")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    for name in ("sample", "compare"):
        s = sub.add_parser(name)
        s.add_argument("--judge", default="helper-answers")
        s.add_argument("--n", type=int, default=40)
        s.add_argument("--seed", type=int, default=21)
        s.add_argument("--gold", default=str(DEFAULT_GOLD))
        # An older copy (git show REV:tests/data/claim_pairs/relations.jsonl) scores a second
        # reading against the lines as they were before it corrected any.
        s.add_argument("--relations", default=str(RELATIONS))
        if name == "compare":
            s.add_argument("second")
    args = p.parse_args()
    sample(args) if args.cmd == "sample" else compare(args)


if __name__ == "__main__":
    main()
