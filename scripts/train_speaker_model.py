"""Train the speaker-mention ranker from the annotated sources in ../shared (issue 21).

    .venv/bin/python scripts/train_speaker_model.py [--shared ../shared] [--out PATH]

The held-back split is fixed here, by a hash of the document id, before any data was read:
20% of polnear-train and a third of ggt-dev are never trained on, never read and never used
to choose features.  Everything else is the tuning half.  ``held_back`` is the only place
that decides it; the scoring helpers (``--write-splits``) use the same function.
"""

from __future__ import annotations

import hashlib

# The split: sha1 of the document id (the gold JSON's "id"), as an integer, modulo a divisor.
# polnear-train: residue 0 of 5 (20%).  ggt-dev: residue 0 of 3 (a third).
HELD_BACK_DIVISOR = {"polnear-train": 5, "ggt-dev": 3}
# A gold file is <stem>.json and its "id" is this prefix + stem (checked on tuning files only),
# so the split is made from file names without opening a held-back file.
ID_PREFIX = {"polnear-train": "polnear-train-", "ggt-dev": "ggt-"}


def held_back(corpus: str, doc_id: str) -> bool:
    """True when ``doc_id`` of ``corpus`` belongs to the held-back half (never trained on)."""
    divisor = HELD_BACK_DIVISOR[corpus]
    return int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest(), 16) % divisor == 0


def split_files(shared, corpus: str) -> tuple[list, list]:
    """(tuning, held-back) gold files of ``corpus``, sorted, chosen by file name alone
    (``ID_PREFIX``): the held-back files are never opened here."""
    from pathlib import Path

    files = sorted(Path(shared, "gold", corpus).glob("*.json"))
    tune = [f for f in files if not held_back(corpus, ID_PREFIX[corpus] + f.stem)]
    held = [f for f in files if held_back(corpus, ID_PREFIX[corpus] + f.stem)]
    return tune, held


def write_splits(shared, out) -> None:
    """Folders of symlinks ``<out>/<corpus>-tune`` and ``<out>/<corpus>-held`` for score.py."""
    import os
    from pathlib import Path

    for corpus in HELD_BACK_DIVISOR:
        for half, files in zip(("tune", "held"), split_files(shared, corpus), strict=True):
            folder = Path(out, f"{corpus}-{half}")
            folder.mkdir(parents=True, exist_ok=True)
            for f in files:
                link = folder / f.name
                if not link.exists():
                    os.symlink(f.resolve(), link)
            print(f"{folder}: {len(files)} documents")


# ---------------------------------------------------------------------------------- training
# Everything below reads tuning documents only (split_files(...)[0]).

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import pickle  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEED = 0
# Folds for choosing the model on tuning documents: a hash of the id again, so the same
# documents fall together however the files are listed.
N_FOLDS = 5


def _fold(doc_id: str) -> int:
    return int(hashlib.sha1(("fold:" + doc_id).encode("utf-8")).hexdigest(), 16) % N_FOLDS


def _chars(q) -> set[int]:
    out: set[int] = set()
    for a, b in q.get("spans") or [[q["start"], q["end"]]]:
        out.update(range(a, b))
    return out


def _match(gold_quotes, preds, threshold=0.3):
    """score.py's greedy matching (GenderGapTracker's): |gold & pred| / |gold| > threshold."""
    remaining = list(range(len(preds)))
    pred_chars = [set(range(p.start, p.end)) for p in preds]
    pairs = []
    for gi, g in enumerate(gold_quotes):
        gc = _chars(g)
        if not gc:
            continue
        best, best_score = None, threshold
        for pi in remaining:
            score = len(gc & pred_chars[pi]) / len(gc)
            if score > best_score:
                best, best_score = pi, score
        if best is not None:
            remaining.remove(best)
            pairs.append((gi, best))
    return pairs


_worker = None


def _init_worker() -> None:
    global _worker
    from claims.extraction import load_nlp
    from claims.extraction.pipeline import Extractor

    _worker = Extractor(load_nlp(), speaker_model=None)


def _groups_of(path: str) -> list[dict]:
    """The ranking groups of one tuning document: one per cue whose statement matched a gold
    quote with a gold speaker mention; each candidate labelled by overlap with that mention."""
    with open(path, encoding="utf-8") as fh:
        gold = json.load(fh)
    _worker.speaker_log = []
    result = _worker.extract(gold["text"])
    log = {(s, e): (spans, rows, rule_k) for s, e, spans, rows, rule_k in _worker.speaker_log}
    _worker.speaker_log = None
    groups, seen = [], set()
    for gi, pi in _match(gold["quotes"], result.quotes):
        gm = gold["quotes"][gi].get("speaker_mention")
        q = result.quotes[pi]
        if not gm or q.cue_start is None:
            continue
        key = (q.cue_start, q.cue_end)
        if key not in log or key in seen:
            continue
        seen.add(key)
        spans, rows, rule_k = log[key]
        # GenderGapTracker's mention offsets were re-anchored by string search and often
        # point at another occurrence of the same words ("he" three paragraphs away): there a
        # candidate with the gold mention's words counts too.
        same_words = gold["id"].startswith("ggt-")
        want = gm["text"].casefold().strip()
        labels = [
            int(
                (a < gm["end"] and gm["start"] < b)
                or (same_words and gold["text"][a:b].casefold().strip() == want)
            )
            for a, b in spans
        ]
        groups.append({"doc": gold["id"], "rows": rows, "labels": labels, "rule": rule_k})
    # the rules' own output, for score.py --predictions (the "before" of the tuning halves)
    preds = [{**q.to_json(path), "id": gold["id"]} for q in result.quotes]
    return groups, preds


def collect(shared: Path, jobs: int, dump: Path | None = None, corpora=None):
    from multiprocessing import get_context

    out = {}
    for corpus in corpora or HELD_BACK_DIVISOR:
        tune, _held = split_files(shared, corpus)
        with get_context("forkserver").Pool(jobs, initializer=_init_worker) as pool:
            per_doc = pool.map(_groups_of, [str(f) for f in tune], chunksize=4)
        out[corpus] = [g for groups, _ in per_doc for g in groups]
        if dump:
            with open(Path(dump, f"rules-{corpus}-tune.jsonl"), "w", encoding="utf-8") as fh:
                for _, preds in per_doc:
                    for rec in preds:
                        fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        print(f"{corpus}: {len(tune)} tuning documents, {len(out[corpus])} groups", flush=True)
    return out


def _arrays(groups):
    import numpy as np

    X = np.array([r for g in groups for r in g["rows"]], dtype=np.float64)
    y = np.array([lab for g in groups for lab in g["labels"]], dtype=np.int64)
    return X, y


def _fit(kind: str, groups):
    X, y = _arrays(groups)
    if kind == "logistic":
        from sklearn.linear_model import LogisticRegression

        clf = LogisticRegression(C=1.0, max_iter=2000, fit_intercept=False)
        clf.fit(X, y)
        return {"kind": "logistic", "coef": [round(float(w), 6) for w in clf.coef_[0]]}
    from sklearn.ensemble import GradientBoostingClassifier

    clf = GradientBoostingClassifier(
        n_estimators=150, max_depth=3, learning_rate=0.1, random_state=SEED, subsample=1.0
    )
    clf.fit(X, y)
    trees = []
    for est in clf.estimators_[:, 0]:
        t = est.tree_
        trees.append(
            [
                [int(f) for f in t.feature],
                [round(float(x), 6) for x in t.threshold],
                [int(c) for c in t.children_left],
                [int(c) for c in t.children_right],
                [round(float(v), 6) for v in t.value[:, 0, 0]],
            ]
        )
    init = float(clf._raw_predict_init(X[:1])[0, 0])
    return {"kind": "trees", "trees": trees, "init": round(init, 6), "learning_rate": 0.1}


def _accuracy(spec, groups, margin=0.0):
    """Share of groups whose chosen candidate overlaps the gold mention: the model's, and the
    rules' (the rule's own candidate) on the same groups."""
    from claims.extraction.speaker_model import SpeakerModel

    model = SpeakerModel({**spec, "margin": margin}, Path("-"))
    ok = rule_ok = 0
    for g in groups:
        k = model.choose(g["rows"], g["rows"], g["rule"])
        ok += k is not None and g["labels"][k]
        rule_ok += g["rule"] is not None and g["labels"][g["rule"]]
    n = len(groups)
    return round(ok / n, 4), round(rule_ok / n, 4), n


def cross_validate(kind, groups, margins=(0.0,)):
    """Model and rule accuracy on held-out folds of the tuning groups, by margin and corpus."""
    folds = [[g for g in groups if _fold(g["doc"]) == f] for f in range(N_FOLDS)]
    res: dict = {}
    for f in range(N_FOLDS):
        train = [g for k, fold in enumerate(folds) if k != f for g in fold]
        spec = _fit(kind, train)
        for m in margins:
            for corpus in ("ggt", "polnear"):
                part = [g for g in folds[f] if g["doc"].startswith(corpus)]
                a, r, n = _accuracy(spec, part, m) if part else (0, 0, 0)
                acc = res.setdefault((m, corpus), [0.0, 0.0, 0])
                acc[0] += a * n
                acc[1] += r * n
                acc[2] += n
    return {k: (round(a / n, 4), round(r / n, 4), n) for k, (a, r, n) in res.items() if n}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_shared = next(
        (p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()),
        ROOT.parent / "shared",
    )
    ap.add_argument("--shared", type=Path, default=default_shared)
    ap.add_argument("--out", type=Path, default=ROOT / "claims/extraction/data/speaker_model.json")
    ap.add_argument("--kind", choices=("logistic", "trees"), default="trees")
    ap.add_argument("--margin", type=float, default=0.0)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--cache", type=Path, help="keep the collected groups here (development)")
    ap.add_argument("--dump", type=Path, help="write the rules' predictions here (development)")
    ap.add_argument("--cv", action="store_true", help="cross-validate on the tuning documents")
    ap.add_argument("--write-splits", type=Path, help="write score.py folders here and stop")
    a = ap.parse_args()
    if not (a.shared / "gold").is_dir():
        print(f"no gold data in {a.shared}/gold: nothing to train on", file=sys.stderr)
        return 2
    if a.write_splits:
        write_splits(a.shared, a.write_splits)
        return 0
    if a.cache and a.cache.exists():
        with open(a.cache, "rb") as fh:
            data = pickle.load(fh)
    else:
        data = collect(a.shared, a.jobs, a.dump)
        if a.cache:
            with open(a.cache, "wb") as fh:
                pickle.dump(data, fh)
    groups = sorted(
        (g for corpus in sorted(data) for g in data[corpus]), key=lambda g: g["doc"]
    )
    if a.cv:
        cv = cross_validate(a.kind, groups, (0.0, 0.5, 1.0, 2.0))
        for (m, corpus), (acc, rule, n) in sorted(cv.items()):
            print(f"{a.kind} margin {m} {corpus}: model {acc} rules {rule} (n={n} groups)")
        return 0
    from claims.extraction.speaker_features import FEATURES, features_hash
    from claims.extraction.speaker_model import FORMAT

    spec = _fit(a.kind, groups)
    counts = {c: len(data[c]) for c in sorted(data)}
    out = {
        "format": FORMAT,
        "features_hash": features_hash(),
        "features": list(FEATURES),
        "margin": a.margin,
        "trained_on": {
            "groups": counts,
            "split": "sha1(gold id) mod 5 != 0 of polnear-train, mod 3 != 0 of ggt-dev",
        },
        **spec,
    }
    a.out.write_text(json.dumps(out, sort_keys=True, separators=(",", ":")) + "\n")
    print(f"wrote {a.out} ({os.path.getsize(a.out):,} bytes): {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
