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


def held_back(corpus: str, doc_id: str) -> bool:
    """True when ``doc_id`` of ``corpus`` belongs to the held-back half (never trained on)."""
    divisor = HELD_BACK_DIVISOR[corpus]
    return int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest(), 16) % divisor == 0
