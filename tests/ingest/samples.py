"""Shared data of the ingest tests: the sample pages' location and a made-up article page.

Kept out of a conftest so the ingest tests also run alone, without Django:
``pytest tests/ingest -p no:django --noconftest``.
"""

from __future__ import annotations

import json
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"
HTML_SAMPLES = SAMPLES / "html"


def load_expected() -> dict:
    """The expected.json of the sample pages, or {} when the shared folder is absent."""
    path = HTML_SAMPLES / "expected.json"
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def differences(article, expected: dict) -> list[str]:
    """Every way ``article`` (parsed, or an Article row) differs from its entry in
    expected.json; [] when it matches.  A null expectation is not checked."""
    problems = []
    if expected["title"] is not None and article.title != expected["title"]:
        problems.append(f"title {article.title!r} != {expected['title']!r}")
    author = expected["author"]
    if author is not None and article.byline.casefold() != author.casefold():
        problems.append(f"author {article.byline!r} != {author!r}")
    if expected["date"] is not None:
        got = article.published_at.date().isoformat() if article.published_at else None
        if got != expected["date"]:
            problems.append(f"date {got} != {expected['date']}")
    problems += [f"missing {s!r}" for s in expected["must_contain"] if s not in article.body]
    problems += [f"should not contain {s!r}" for s in expected["must_not_contain"]
                 if s in article.body]
    return problems


ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Minister denies alliance - Example News</title>
<meta property="og:site_name" content="Example News">
<link rel="canonical" href="https://news.example.com/world/minister-denies-alliance/?utm_source=rss">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Minister denies alliance</h1>
<p class="byline">By Jane Doe, 3 March 2023</p>
<p>The foreign minister said on Tuesday that no military alliance exists between the two
countries, rejecting reports published by several newspapers last week.</p>
<p>"We cooperate openly, and we keep nothing secret," the minister told reporters in the
capital, adding that joint exercises were held with many other states as well.</p>
<p>Officials in Washington said they were watching the situation closely and with grave
attention, according to a statement released late on Tuesday evening.</p>
</article>
<footer>© 2023 Example News. All rights reserved.</footer>
</body></html>
"""
