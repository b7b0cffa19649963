"""Fixtures for the extraction library's tests: the spaCy model is loaded once per session."""

import os
from pathlib import Path

import pytest

# ../shared beside the checkout, or SHARED_DIR (as settings.SHARED_DIR and tests/grouping read it),
# so a checkout elsewhere (a git worktree) still runs the tests that need it.
SHARED = Path(os.environ.get("SHARED_DIR", Path(__file__).resolve().parents[2].parent / "shared"))


@pytest.fixture(scope="session")
def nlp():
    from claims.extraction import ModelNotInstalled, load_nlp

    try:
        return load_nlp()
    except ModelNotInstalled as exc:  # pragma: no cover - depends on the machine
        pytest.skip(f"no spaCy English model installed: {exc}")


@pytest.fixture(scope="session")
def extractor(nlp):
    from claims.extraction import Extractor

    return Extractor(nlp)


@pytest.fixture(scope="session")
def extract(extractor):
    """extract(text) -> list of quotes."""

    def run(text, published=None):
        return extractor.extract(text, published).quotes

    return run


def speakers(quotes):
    return [q.speaker for q in quotes]


def only(quotes, kind=None):
    """The single quote (of ``kind``) in ``quotes``; fails with the list otherwise."""
    chosen = [q for q in quotes if kind is None or q.kind == kind]
    assert len(chosen) == 1, [(q.kind, q.text, q.speaker) for q in quotes]
    return chosen[0]
