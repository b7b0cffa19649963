"""Draw candidate SAME-CLAIM pairs within one half of the document split.

    python3 tests/data/claim_pairs/draw_same_claim.py [GOLD_DIR] [--per-kind N] \
        > /tmp/same_claim_candidates.jsonl

Standard library only, deterministic.  Candidates come from the GOLD annotations of
../shared/gold/polnear-train (quotes, cues, speaker mentions), never from the product's output.
Like draw_candidates.py (whose loader, speaker heuristic and copy test it uses) but:

- both documents of a pair fall in one half of ``draw_relations.doc_split`` (by document);
- pairs already in pairs.jsonl are skipped;
- a ``same_speaker_contained`` kind: one heuristic speaker, most content words of the shorter
  quote inside the longer one (an excerpt of a longer quote, a shorter report), whatever the
  symmetric similarity;
- no quote appears in more than ``--per-quote`` candidates, so one story cannot dominate.

Kinds: ``same_speaker_contained``, ``same_speaker_close``, ``same_speaker_topic``,
``negation`` and ``other_speaker`` as in draw_candidates.py.  Prints references, heuristic
speakers, scores and the half; no quote text.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from draw_candidates import DEFAULT_GOLD, jaccard, load  # noqa: E402
from draw_relations import doc_split, shared_pairs  # noqa: E402

PAIRS = Path(__file__).resolve().parent / "pairs.jsonl"


def known_pairs() -> set[tuple]:
    with PAIRS.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return {tuple(sorted((r["doc"], r["quote"]) for r in (row["a"], row["b"]))) for row in rows}


def kind_of(qa: dict, qb: dict, wj: float, tj: float, contained: float) -> str | None:
    same_spk = qa["speaker"] == qb["speaker"]
    if qa["neg"] != qb["neg"] and wj >= 0.25:
        return "negation"
    if same_spk and tj >= 0.45:
        return "same_speaker_close"
    if same_spk and contained >= 0.6 and min(len(qa["words"]), len(qb["words"])) >= 4:
        return "same_speaker_contained"
    if same_spk and 0.12 <= tj < 0.45:  # lower than draw_candidates.py: paraphrases
        return "same_speaker_topic"
    if not same_spk and tj >= 0.35:
        return "other_speaker"
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="?", default=str(DEFAULT_GOLD))
    ap.add_argument("--per-kind", type=int, default=150, help="at most this many per kind and half")
    ap.add_argument("--per-quote", type=int, default=2, help="at most this many rows per quote")
    ap.add_argument("--max-df", type=int, default=250, help="ignore words in more quotes")
    a = ap.parse_args()
    qs, same_story = load(Path(a.gold))
    if not qs:
        print(f"no gold texts in {a.gold}", file=sys.stderr)
        return 1
    known = known_pairs()
    kinds: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for (i, j), k in shared_pairs(qs, a.max_df).items():
        qa, qb = qs[i], qs[j]
        if k < 3 or qa["doc"] == qb["doc"]:
            continue
        if tuple(sorted((qa["doc"], qb["doc"]))) in same_story:
            continue  # two copies or versions of one story
        half = doc_split(qa["doc"])
        if half != doc_split(qb["doc"]):
            continue  # both documents in one half of the document split
        if tuple(sorted(((qa["doc"], qa["quote"]), (qb["doc"], qb["quote"])))) in known:
            continue
        wj, tj = jaccard(qa["words"], qb["words"]), jaccard(qa["trgm"], qb["trgm"])
        contained = k / min(len(qa["words"]), len(qb["words"]))
        if wj < 0.2 and contained < 0.6:
            continue
        kind = kind_of(qa, qb, wj, tj, contained)
        if kind is None:
            continue
        kinds[(half, kind)].append(
            {
                "a": {"doc": qa["doc"], "quote": qa["quote"]},
                "b": {"doc": qb["doc"], "quote": qb["quote"]},
                "speaker_a": qa["speaker"],
                "speaker_b": qb["speaker"],
                "trgm": round(tj, 4),
                "word_jaccard": round(wj, 4),
                "contained": round(contained, 4),
                "shared_words": k,
                "neg_a": qa["neg"],
                "neg_b": qb["neg"],
                "kind": kind,
                "doc_split": half,
            }
        )
    used: Counter = Counter()
    summary = {}
    for half, kind in sorted(kinds):
        rows = sorted(
            kinds[(half, kind)],
            key=lambda r: (-r["trgm"], r["a"]["doc"], r["a"]["quote"], r["b"]["doc"],
                           r["b"]["quote"]),
        )
        if kind in ("same_speaker_topic", "same_speaker_contained", "negation"):
            step = max(1, len(rows) // a.per_kind)  # spread over the range, not only the top
            rows = rows[::step]
        n = 0
        for r in rows:
            refs = [(r["a"]["doc"], r["a"]["quote"]), (r["b"]["doc"], r["b"]["quote"])]
            if n >= a.per_kind or any(used[x] >= a.per_quote for x in refs):
                continue
            used.update(refs)
            n += 1
            print(json.dumps(r, sort_keys=True))
        summary[f"{half}/{kind}"] = [n, len(kinds[(half, kind)])]
    print(json.dumps({"printed/drawn": summary, "quotes_indexed": len(qs),
                      "article_copy_pairs_excluded": len(same_story)}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
