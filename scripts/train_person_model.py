"""Train the choice between people (pronouns of one gender, namesakes) from ../shared (issue 21).

    .venv/bin/python scripts/train_person_model.py [--shared ../shared] [--out PATH] [--cv]
        [--no-pseudo] [--margin 0.5]

Training data: ggt-dev's resolved speakers, tuning part only.  The held-back third is chosen by
``train_speaker_model.held_back`` (a hash of the document id) and its files are never opened
here: ``split_files`` picks the tuning files by name.  An example is one choice the rules made
between several people (``coref.SpeakerResolver._model_choice``) for a statement that matches
a gold quote (score.py's overlap > 0.3) whose gold speaker is one of the candidates; the
candidate with the gold speaker's name is the positive one.

Reproducible: the examples come out in document order, the model is a logistic regression
(liblinear, no randomness) with coefficients rounded to 6 places; same data, same file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from train_speaker_model import _match, split_files  # noqa: E402

from claims.extraction.person_model import FEATURES  # noqa: E402

N_FOLDS = 5
C = 1.0


def _fold(doc_id: str) -> int:
    return int(hashlib.sha1(("fold:" + doc_id).encode("utf-8")).hexdigest(), 16) % N_FOLDS


def norm_name(name: str) -> str:
    """score.py's name normalisation (strict speaker-name match)."""
    s = name.casefold().replace("\u2019", "'")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^\w\s-]", " ", s)
    s = re.sub(r"^\s*the\s+", "", s)
    return " ".join(s.split())


_worker = None


def _init_worker() -> None:
    global _worker
    from claims.extraction import load_nlp
    from claims.extraction.pipeline import Extractor

    _worker = Extractor(load_nlp(), person_model=None)


def _groups_of(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        gold = json.load(fh)
    _worker.person_log = []
    _worker.pseudo_log = []
    result = _worker.extract(gold["text"])
    pseudo = [
        {"doc": gold["id"], "rows": rows, "labels": [int(c == speaker) for c in cands],
         "rule": rule_k, "namesake": False, "pseudo": True}
        for _pos, cands, rows, rule_k, speaker in _worker.pseudo_log
    ]
    _worker.pseudo_log = None
    log: dict[int, tuple] = {}
    for pos, cands, rows, rule_k, namesake in _worker.person_log:
        log.setdefault(pos, (cands, rows, rule_k, namesake))
    _worker.person_log = None
    groups = []
    for gi, pi in _match(gold["quotes"], result.quotes):
        speaker = gold["quotes"][gi].get("speaker")
        q = result.quotes[pi]
        if not isinstance(speaker, str) or q.speaker_mention is None:
            continue
        entry = log.pop(q.speaker_mention.start, None)
        if entry is None:
            continue
        cands, rows, rule_k, namesake = entry
        want = norm_name(speaker)
        labels = [int(norm_name(c) == want) for c in cands]
        groups.append({
            "doc": gold["id"], "rows": rows, "labels": labels, "rule": rule_k,
            "namesake": namesake, "pseudo": False,
        })
    return groups + pseudo


def collect(shared: Path, jobs: int) -> list[dict]:
    from multiprocessing import get_context

    groups = []
    for corpus in ("ggt-dev", "polnear-train"):
        tune, _held = split_files(shared, corpus)
        with get_context("forkserver").Pool(jobs, initializer=_init_worker) as pool:
            per_doc = pool.map(_groups_of, [str(f) for f in tune], chunksize=2)
        found = [g for doc in per_doc for g in doc]
        real = sum(not g["pseudo"] for g in found)
        print(f"{corpus}: {len(tune)} tuning documents, {real} choices, "
              f"{len(found) - real} self-supervised", flush=True)
        groups += found
    return groups


def known_gender_only(group: dict) -> dict | None:
    """A self-supervised choice keeps only the candidates whose gender is known: its answer's
    always is (that is how it was chosen), so with the others in "gender known to agree" would
    tell the answer, and the model learned to give "she" to any woman whose given name is
    listed over the subject the rules chose ("Premier Anne Clark met Mayor Susan Doyle. She
    said")."""
    if not group["pseudo"]:
        return group
    gk = FEATURES.index("gender known to agree")
    keep = [i for i, row in enumerate(group["rows"]) if row[gk] == 1.0]
    if len(keep) < 2:
        return None
    return {
        **group,
        "rows": [group["rows"][i] for i in keep],
        "labels": [group["labels"][i] for i in keep],
        "rule": keep.index(group["rule"]) if group["rule"] in keep else None,
    }


def fit(groups, features=None) -> list[float]:
    """Logistic coefficients over the candidates of the groups with a right answer; a
    feature left out of ``features`` (indexes) gets 0."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    use = [g for g in groups if any(g["labels"])]
    n = len(use[0]["rows"][0])
    keep = list(range(n)) if features is None else sorted(features)
    X = np.array([[r[i] for i in keep] for g in use for r in g["rows"]], dtype=np.float64)
    y = np.array([lab for g in use for lab in g["labels"]], dtype=np.int64)
    clf = LogisticRegression(C=C, solver="liblinear", fit_intercept=True, max_iter=1000)
    clf.fit(X, y)
    coef = [0.0] * n
    for i, w in zip(keep, clf.coef_[0], strict=True):
        coef[i] = round(float(w), 6)
    return coef


def accuracy(coef, groups, margin=0.0):
    from claims.extraction.person_model import PersonModel

    model = PersonModel({"coef": coef, "margin": margin}, Path("-"))
    ok = rule_ok = 0
    for g in groups:
        k = model.choose(g["rows"], g["rule"])
        ok += k is not None and bool(g["labels"][k])
        rule_ok += g["rule"] is not None and bool(g["labels"][g["rule"]])
    return ok, rule_ok, len(groups)


def cross_validate(groups, margin=0.0, features=None, pseudo=False):
    """Model and rule accuracy on the real choices of held-out folds of ggt-dev tune; the
    self-supervised examples (``pseudo``) of the other folds' documents and of PolNeAR join
    the training side only."""
    ok = rule_ok = n = 0
    for f in range(N_FOLDS):
        train = [
            g for g in groups
            if _fold(g["doc"]) != f and (pseudo or not g["pseudo"])
        ]
        test = [g for g in groups if _fold(g["doc"]) == f and not g["pseudo"]]
        if not test:
            continue
        coef = fit(train, features)
        a, r, m = accuracy(coef, test, margin)
        ok, rule_ok, n = ok + a, rule_ok + r, n + m
    return ok, rule_ok, n


def build_parser() -> argparse.ArgumentParser:
    """The defaults are the shipped file's settings, so ``person_model.REBUILD`` (no flags)
    rebuilds it."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_shared = next(
        (p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()),
        ROOT.parent / "shared",
    )
    ap.add_argument("--shared", type=Path, default=default_shared)
    ap.add_argument("--out", type=Path, default=ROOT / "claims/extraction/data/person_model.json")
    ap.add_argument("--margin", type=float, default=0.5,
                    help="keep the rules' pick unless the model prefers another by more (0.5)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--cache", type=Path, help="keep the collected choices here (development)")
    ap.add_argument("--cv", action="store_true", help="cross-validate on the tuning documents")
    ap.add_argument("--pseudo", action=argparse.BooleanOptionalAction, default=True,
                    help="train on the self-supervised examples too (default; --no-pseudo: not)")
    return ap


def main() -> int:
    a = build_parser().parse_args()
    if not (a.shared / "gold").is_dir():
        print(f"no gold data in {a.shared}/gold: nothing to train on", file=sys.stderr)
        return 2
    if a.cache and a.cache.exists():
        with open(a.cache, "rb") as fh:
            groups = pickle.load(fh)
    else:
        groups = collect(a.shared, a.jobs)
        if a.cache:
            with open(a.cache, "wb") as fh:
                pickle.dump(groups, fh)
    groups.sort(key=lambda g: g["doc"])  # stable: document order, then text order
    from claims.extraction.person_model import FORMAT, features_hash

    groups = [g for g in map(known_gender_only, groups) if g is not None]

    real = [g for g in groups if not g["pseudo"]]
    answerable = sum(any(g["labels"]) for g in real)
    if a.cv:
        print(f"{len(real)} choices, {answerable} with the gold speaker among the candidates; "
              f"{len(groups) - len(real)} self-supervised")
        for pseudo in (False, True):
            for m in (0.0, 0.5, 1.0, 1.5):
                ok, rule_ok, n = cross_validate(groups, m, pseudo=pseudo)
                print(f"self-supervised {pseudo} margin {m}: model {ok}/{n} rules {rule_ok}/{n}")
        return 0
    coef = fit(groups if a.pseudo else real)
    out = {
        "format": FORMAT,
        "features_hash": features_hash(),
        "features": list(FEATURES),
        "coef": coef,
        "margin": a.margin,
        "trained_on": {
            "choices": len(real),
            "self_supervised": len(groups) - len(real) if a.pseudo else 0,
            "answerable": answerable,
            "split": "sha1(gold id) mod 3 != 0 of ggt-dev, mod 5 != 0 of polnear-train",
        },
    }
    a.out.write_text(json.dumps(out, sort_keys=True, indent=1) + "\n")
    print(f"wrote {a.out}: {len(real)} choices, {answerable} answerable")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
