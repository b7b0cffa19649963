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
