"""The PolNeAR gold both judged-gold test modules check their references against."""
import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOLD = Path(os.environ.get("SHARED_DIR", ROOT.parent / "shared")) / "gold" / "polnear-train"


@pytest.fixture(scope="session")
def gold() -> dict[str, dict]:
    """Every gold article by its id (read once a session); skipped where ../shared is absent."""
    if not GOLD.is_dir():
        pytest.skip(f"the PolNeAR gold is not at {GOLD} (../shared is kept out of the repository)")
    docs = {}
    for path in GOLD.glob("*.json"):
        with path.open(encoding="utf-8") as fh:
            doc = json.load(fh)
        docs[doc["id"]] = doc
    return docs
