"""Measurement: surface similarity of judged CLAIM PAIRS (tests/data/claim_pairs/pairs.jsonl).

    python3 benchmarks/similarity_pairs.py [--pairs FILE] [--gold DIR] [--min-precision 0.95]
    /tmp/wl/bin/python benchmarks/similarity_pairs.py      # also WordLlama, if importable

Reads the pairs (references only: doc id + quote index) and the PolNeAR train texts in
../shared/gold/polnear-train, normalises each quote text (lowercase, quote marks and punctuation
stripped, a leading "that" dropped) and scores every pair with

  (a) trigram: pg_trgm's similarity() reimplemented (lowercase; non-alphanumerics separate words;
      each word padded with two spaces before and one after; trigram sets; |A&B| / |A|B|);
  (b) wordllama: cosine similarity of WordLlama 0.4's bundled 256-dim model (l2_supercat_256),
      loaded offline from the installed package, when the package is importable.

For each method: on the "tune" split, the threshold that maximises F1 subject to precision >=
--min-precision (or, if no threshold reaches it, the one with the best precision); then
precision/recall/F1 at that threshold on the "holdout" split, and how many "negated" pairs
(not the same claim: one side denies the other) score at or above it.  Standard library only,
apart from the optional wordllama.  Not a test: it measures.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PAIRS = ROOT / "tests" / "data" / "claim_pairs" / "pairs.jsonl"
DEFAULT_GOLD = ROOT.parent / "shared" / "gold" / "polnear-train"

QUOTES = "\"'\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a`\u00b4"


def normalise(text: str) -> str:
    t = text.lower()
    t = t.translate({ord(c): " " for c in QUOTES})
    t = re.sub(r"[^\w\s]|_", " ", t)
    t = re.sub(r"\s+", " ", t).strip()
    t = re.sub(r"^that\b\s*", "", t)
    return t


def trigrams(text: str) -> set[str]:
    out: set[str] = set()
    for w in re.findall(r"[^\W_]+", text.lower()):
        p = "  " + w + " "
        out.update(p[i : i + 3] for i in range(len(p) - 2))
    return out


def trgm_similarity(a: str, b: str) -> float:
    ta, tb = trigrams(a), trigrams(b)
    if not ta and not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)


def load_wordllama():
    try:
        import wordllama
        from wordllama import WordLlama
    except ImportError:
        return None, None, "wordllama not importable"
    version = getattr(wordllama, "__version__", "?")
    try:
        # The bundled model: config l2_supercat (the default), dim 256, no truncation
        # (weights/l2_supercat_256.safetensors inside the package); no hub access.
        wl = WordLlama.load(
            config="l2_supercat",
            dim=256,
            trunc_dim=None,
            cache_dir=os.path.dirname(wordllama.__file__),
            disable_download=True,
        )
    except Exception as exc:  # noqa: BLE001 - report why the optional method is skipped
        return None, version, f"load failed: {exc!r}"
    return wl, version, "loaded offline (bundled l2_supercat 256-dim)"


def prf(scored, threshold):
    tp = sum(1 for s, y in scored if s >= threshold and y)
    fp = sum(1 for s, y in scored if s >= threshold and not y)
    fn = sum(1 for s, y in scored if s < threshold and y)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def choose_threshold(scored, min_precision):
    """Best-F1 threshold with precision >= min_precision; else the best-precision one."""
    cands = sorted({s for s, _ in scored}, reverse=True)
    best, best_key, fallback, fb_key = None, None, None, None
    for t in cands:
        p, r, f = prf(scored, t)
        if p >= min_precision and (best_key is None or (f, -t) > best_key):
            best, best_key = t, (f, -t)
        if fb_key is None or (p, r) > fb_key:
            fallback, fb_key = t, (p, r)
    return (best, True) if best is not None else (fallback, False)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", default=str(DEFAULT_PAIRS))
    ap.add_argument("--gold", default=str(DEFAULT_GOLD))
    ap.add_argument("--min-precision", type=float, default=0.95)
    a = ap.parse_args()
    files = sorted(glob.glob(os.path.join(a.gold, "*.json")))
    if not files:
        print(f"skipped: no gold texts in {a.gold} (../shared is not here)")
        return 0
    docs = {}
    for f in files:
        with open(f, encoding="utf-8") as fh:
            d = json.load(fh)
        docs[d["id"]] = d
    with open(a.pairs, encoding="utf-8") as fh:
        pairs = [json.loads(line) for line in fh if line.strip()]

    def text(ref):
        return normalise(docs[ref["doc"]]["quotes"][ref["quote"]]["text"])

    rows = [(text(p["a"]), text(p["b"]), p) for p in pairs]
    methods = {"trigram (pg_trgm)": [trgm_similarity(x, y) for x, y, _ in rows]}
    wl, version, status = load_wordllama()
    print(f"wordllama: {status}" + (f"; version {version}" if version else ""))
    if wl is not None:
        methods["wordllama 0.4 cosine"] = [float(wl.similarity(x, y)) for x, y, _ in rows]

    n_true = sum(p["same_claim"] for p in pairs)
    print(f"pairs: {len(pairs)} ({n_true} same claim), from {a.pairs}")
    for split in ("tune", "holdout"):
        sp = [p for p in pairs if p["split"] == split]
        print(f"  {split}: {len(sp)} pairs, {sum(p['same_claim'] for p in sp)} same claim")
    print(
        f"threshold: best F1 on tune with precision >= {a.min_precision}"
        " (else best precision); negated = 'negated' pairs scoring >= threshold\n"
    )
    header = (
        f"{'method':22} {'thresh':>7} {'tune P':>7} {'tune R':>7} {'tune F1':>7} "
        f"{'hold P':>7} {'hold R':>7} {'hold F1':>7} {'negated>=t':>11}"
    )
    print(header)
    print("-" * len(header))
    for name, scores in methods.items():
        tune = [
            (s, p["same_claim"])
            for s, (_, _, p) in zip(scores, rows, strict=True)
            if p["split"] == "tune"
        ]
        hold = [
            (s, p["same_claim"])
            for s, (_, _, p) in zip(scores, rows, strict=True)
            if p["split"] == "holdout"
        ]
        t, met = choose_threshold(tune, a.min_precision)
        tp, tr, tf = prf(tune, t)
        hp, hr, hf = prf(hold, t)
        neg = [s for s, (_, _, p) in zip(scores, rows, strict=True) if p["category"] == "negated"]
        neg_hold = [
            s
            for s, (_, _, p) in zip(scores, rows, strict=True)
            if p["category"] == "negated" and p["split"] == "holdout"
        ]
        above = sum(1 for s in neg if s >= t)
        above_h = sum(1 for s in neg_hold if s >= t)
        mark = "" if met else " (precision target not reached: best-precision threshold)"
        print(
            f"{name:22} {t:7.3f} {tp:7.3f} {tr:7.3f} {tf:7.3f} {hp:7.3f} {hr:7.3f} {hf:7.3f} "
            f"{above:>4}/{len(neg)} (holdout {above_h}/{len(neg_hold)}){mark}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
