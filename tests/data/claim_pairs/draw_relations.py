"""Draw candidate RELATIONS from the PolNeAR train gold (../shared/gold/polnear-train).

    python3 tests/data/claim_pairs/draw_relations.py [GOLD_DIR] [--set NAME] [--per-set N] \
        > /tmp/relation_candidates.jsonl

Standard library only, deterministic.  Candidates come from the GOLD annotations (the quotes,
cues and speaker mentions of ../shared), never from the product's output.  Prints one JSON object
per line with references only ({"doc": article id, "quote": index in its ``quotes`` list}), the
heuristic speaker keys (draw_candidates.named_key), the article dates, the document split and the
reason the pair was drawn; no quote or article text.  Three sets:

- ``cross_article``  two quotes of two different articles (not copies of one story) by different
                     heuristic speakers, sharing content words; ranked up when one side names the
                     other side's speaker, carries a response/denial word, or both share a name.
- ``in_article``     a quote whose cue, text or sentence holds a response word (respond, reject,
                     deny, dismiss, refute, dispute, counter, rebut, "in response" ...), with the
                     earlier quotes of other speakers in its article ranked by shared words (the
                     reader picks the one it answers, or none).
- ``position``       two quotes of one heuristic speaker in two articles of different dates,
                     sharing content words; flagged when one side is negated and the other not
                     (a possible reversal) or when the wordings are near-identical (the same
                     quote reported twice).

Only pairs whose two documents fall in the same half (``doc_split``) are drawn: every document
is in exactly one of tune / holdout, in this file and in relations.jsonl.
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import json
import os
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from draw_candidates import (  # noqa: E402
    DEFAULT_GOLD,
    NEG_RE,
    PRONOUNS,
    STOP,
    WORD_RE,
    copies,
    jaccard,
    named_key,
    normalise,
    trigrams,
)

RESPONSE_RE = re.compile(
    r"\b(respond\w*|response|reject\w*|den(?:y|ies|ied|ying|ial|ials)|dismiss\w*|refut\w*|"
    r"rebut\w*|disput\w*|counter(?:ed|ing|s)?|retort\w*|repl(?:y|ied|ies)|answer\w*|"
    r"push(?:ed|ing)? back|fir(?:ed|ing|es) back|hit(?:ting|s)? back|shot back|contradict\w*)\b",
    re.I,
)


def doc_split(doc_id: str) -> str:
    """The half a document belongs to: first byte of sha256(doc id) even -> tune, else holdout."""
    return "tune" if hashlib.sha256(doc_id.encode("utf-8")).digest()[0] % 2 == 0 else "holdout"


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence(s) holding [start, end): from the previous '. ' to the next one."""
    s = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    e_dot, e_nl = text.find(". ", end), text.find("\n", end)
    ends = [x for x in (e_dot, e_nl) if x != -1]
    return text[s : (min(ends) + 1 if ends else len(text))]


def load(gold: Path) -> tuple[list[dict], set[tuple[str, str]], dict[str, str]]:
    quotes, texts, dates = [], {}, {}
    for f in sorted(glob.glob(os.path.join(gold, "*.json"))):
        with open(f, encoding="utf-8") as fh:
            d = json.load(fh)
        texts[d["id"]], dates[d["id"]] = d["text"], d.get("date") or ""
        named = sorted(
            (q["speaker_mention"]["start"], named_key(q["speaker_mention"]["text"]))
            for q in d["quotes"]
            if q.get("speaker_mention") and named_key(q["speaker_mention"]["text"])
        )
        for i, q in enumerate(d["quotes"]):
            sm = q.get("speaker_mention")
            if not sm:
                continue
            key = named_key(sm["text"])
            if key is None and sm["text"].strip().lower() in PRONOUNS:
                before = [k for s, k in named if s < sm["start"]]
                key = before[-1] if before else None
            if key is None:
                continue
            norm = normalise(q["text"])
            words = WORD_RE.findall(norm)
            content = {w for w in words if w not in STOP and len(w) > 2}
            if len(words) < 5 or len(words) > 90 or len(content) < 3:
                continue
            around = sentence_around(d["text"], q["start"], q["end"])
            quotes.append(
                {
                    "doc": d["id"],
                    "quote": i,
                    "start": q["start"],
                    "speaker": key,
                    "words": content,
                    "trgm": trigrams(norm),
                    "neg": bool(NEG_RE.search(norm)),
                    "response": bool(
                        RESPONSE_RE.search(q.get("cue") or "")
                        or RESPONSE_RE.search(q["text"])
                        or RESPONSE_RE.search(around)
                    ),
                    "names": {w for w in re.findall(r"\b[A-Z][a-z]{2,}\b", q["text"])},
                }
            )
    return quotes, copies(texts), dates


def shared_pairs(qs: list[dict], max_df: int) -> dict[tuple[int, int], int]:
    index: dict[str, list[int]] = defaultdict(list)
    for n, q in enumerate(qs):
        for w in sorted(q["words"]):
            index[w].append(n)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for w in sorted(index):
        post = index[w]
        if len(post) > max_df:
            continue
        for x in range(len(post)):
            for y in range(x + 1, len(post)):
                shared[(post[x], post[y])] += 1
    return shared


def ref(q: dict) -> dict:
    return {"doc": q["doc"], "quote": q["quote"]}


def cross_and_position(qs, same_story, dates, max_df):
    out = {"cross_article": [], "position": []}
    for (i, j), k in shared_pairs(qs, max_df).items():
        qa, qb = qs[i], qs[j]
        if k < 3 or qa["doc"] == qb["doc"]:
            continue
        if tuple(sorted((qa["doc"], qb["doc"]))) in same_story:
            continue
        split = doc_split(qa["doc"])
        if split != doc_split(qb["doc"]):
            continue  # one document, one half: pairs across the halves are not drawn
        if (dates[qa["doc"]], qa["doc"]) > (dates[qb["doc"]], qb["doc"]):
            qa, qb = qb, qa  # earlier article first
        wj, tj = jaccard(qa["words"], qb["words"]), jaccard(qa["trgm"], qb["trgm"])
        row = {
            "a": ref(qa),
            "b": ref(qb),
            "speaker_a": qa["speaker"],
            "speaker_b": qb["speaker"],
            "date_a": dates[qa["doc"]],
            "date_b": dates[qb["doc"]],
            "split": split,
            "shared_words": k,
            "word_jaccard": round(wj, 4),
            "trgm": round(tj, 4),
        }
        if qa["speaker"] != qb["speaker"]:
            if wj < 0.15:
                continue
            names_other = qa["speaker"].split()[-1].capitalize() in qb["names"] or qb[
                "speaker"
            ].split()[-1].capitalize() in qa["names"]
            row["why"] = [
                w
                for w, on in (
                    ("names_other_speaker", names_other),
                    ("response_word", qa["response"] or qb["response"]),
                    ("polarity_differs", qa["neg"] != qb["neg"]),
                )
                if on
            ]
            row["score"] = round(wj + 0.3 * len(row["why"]), 4)
            out["cross_article"].append(row)
        elif dates[qa["doc"]] != dates[qb["doc"]] and wj >= 0.2:
            row["why"] = [
                w
                for w, on in (
                    ("near_identical", tj >= 0.6),
                    ("polarity_differs", qa["neg"] != qb["neg"]),
                )
                if on
            ]
            row["score"] = round(wj + 0.5 * len(row["why"]), 4)
            out["position"].append(row)
    return out


def in_article(qs):
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for q in qs:
        by_doc[q["doc"]].append(q)
    rows = []
    for doc in sorted(by_doc):
        doc_qs = sorted(by_doc[doc], key=lambda q: q["start"])
        for n, q in enumerate(doc_qs):
            if not q["response"]:
                continue
            earlier = sorted(
                (
                    (len(q["words"] & p["words"]), p["quote"])
                    for p in doc_qs[:n]
                    if p["speaker"] != q["speaker"]
                ),
                reverse=True,
            )
            rows.append(
                {
                    "a": ref(q),
                    "speaker_a": q["speaker"],
                    "split": doc_split(doc),
                    "earlier_by_shared_words": [[j, k] for k, j in earlier[:5]],
                }
            )
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="?", default=str(DEFAULT_GOLD))
    ap.add_argument("--set", choices=("cross_article", "in_article", "position"), action="append")
    ap.add_argument("--per-set", type=int, default=600, help="at most this many per set")
    ap.add_argument("--max-df", type=int, default=250, help="ignore words in more quotes")
    a = ap.parse_args()
    qs, same_story, dates = load(Path(a.gold))
    if not qs:
        print(f"no gold texts in {a.gold}", file=sys.stderr)
        return 1
    wanted = a.set or ["cross_article", "in_article", "position"]
    sets = cross_and_position(qs, same_story, dates, a.max_df)
    sets["in_article"] = in_article(qs)
    for name in wanted:
        rows = sets[name]
        if name != "in_article":
            rows = sorted(rows, key=lambda r: (-r["score"], r["a"]["doc"], r["a"]["quote"],
                                               r["b"]["doc"], r["b"]["quote"]))
        for r in rows[: a.per_set]:
            print(json.dumps({"set": name, **r}, sort_keys=True))
    print(json.dumps({"drawn": {k: len(v) for k, v in sorted(sets.items())}}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
