"""Fixtures for the ingestion service, the import_articles command, feeds and extraction.

Every test runs on PostgreSQL. Celery runs eagerly (no broker in the test settings), and in a
test wrapped in a transaction on-commit callbacks only run when a test asks for them
(``django_capture_on_commit_callbacks(execute=True)``), so articles stay "pending" unless a
test wants them extracted. Pages and feeds come from pytest-httpserver, never the internet.
"""
from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

HTML_SAMPLES = Path(settings.SHARED_DIR) / "samples" / "html"

# An English article long enough for language detection, with quotes for the extractor.
ENGLISH_BODY = (
    "The foreign minister said on Tuesday that no military alliance exists between the two "
    "countries, rejecting reports published by several newspapers last week.\n\n"
    "\"We cooperate openly, and we keep nothing secret,\" the minister told reporters in the "
    "capital, adding that joint exercises were held with many other states as well.\n\n"
    "Officials in Washington said they were watching the situation closely, according to a "
    "statement released late on Tuesday evening."
)


def english_body(tag: str) -> str:
    """A distinct English body per tag, so articles do not collide on their content hash."""
    return f"{ENGLISH_BODY}\n\nThe delegation from {tag} left the capital on Wednesday morning."


def article_html(*, title: str, body: str, canonical: str | None = None,
                 author: str = "Jane Doe", date: str = "2023-03-07") -> str:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>{link}
<meta name="author" content="{author}">
<meta property="article:published_time" content="{date}T10:00:00Z">
</head><body><nav><a href="/">Home</a></nav>
<article><h1>{title}</h1>
{paragraphs}
</article><footer>All rights reserved.</footer></body></html>"""


class Imported:
    """What one ``import_articles`` call gave: its exit status, output and JSON summary."""

    def __init__(self, code: int, out: str, err: str):
        self.code, self.out, self.err = code, out, err
        self.summary = json.loads(out) if out.strip().startswith("{") else None

    def reasons(self) -> dict[str, str]:
        return {f["source"]: f["reason"] for f in (self.summary or {}).get("failures", [])}


def run_command(*args: str) -> Imported:
    """Call ``manage.py import_articles`` in this process; SystemExit becomes the exit code."""
    out, err = StringIO(), StringIO()
    code = 0
    try:
        call_command("import_articles", *[str(a) for a in args], stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    return Imported(code, out.getvalue(), err.getvalue())


@pytest.fixture
def import_articles():
    return run_command


@pytest.fixture
def html_samples() -> Path:
    if not (HTML_SAMPLES / "expected.json").is_file():
        pytest.skip(f"the sample pages are not at {HTML_SAMPLES} (the shared folder is absent)")
    return HTML_SAMPLES


@pytest.fixture
def speakers(db):
    """The starting speaker registry (Lloyd Austin, Putin, ...), without the sample articles."""
    from claims.services.sample_data import _speaker_specs
    from claims.services.speakers import speaker_upsert

    for spec in _speaker_specs():
        speaker_upsert(spec=spec)
