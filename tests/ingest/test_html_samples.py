"""The real news pages of ../shared/samples/html/ (trafilatura's evaluation set).

Each page is checked against expected.json: title, author (case-insensitive), date, the
snippets the body must contain and those it must not.  A null expectation is not checked.
"""

from __future__ import annotations

import pytest

from claims.ingest.fetch import fetch_url
from claims.ingest.html import parse_html

from .samples import HTML_SAMPLES, load_expected

EXPECTED = load_expected()
NAMES = sorted(EXPECTED) or ["(samples absent)"]


@pytest.fixture
def html_samples():
    if not EXPECTED:
        pytest.skip(f"sample pages not found at {HTML_SAMPLES} (the shared folder is absent)")
    return HTML_SAMPLES


def check(article, expected: dict) -> list[str]:
    """Every way ``article`` differs from ``expected``; [] when it matches."""
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


@pytest.mark.parametrize("name", NAMES)
def test_sample_page_matches_expected(html_samples, name):
    expected = EXPECTED[name]
    article = parse_html((html_samples / name).read_bytes(), expected["url"], source=name)
    assert check(article, expected) == []
    assert article.published_at is None or article.published_at.tzinfo is not None
    assert "\n\n" in article.body  # paragraphs stay apart
    assert article.language


@pytest.mark.parametrize("name", NAMES)
def test_sample_page_served_over_http_matches_expected(html_samples, httpserver, name):
    expected = EXPECTED[name]
    httpserver.expect_request(f"/{name}").respond_with_data(
        (html_samples / name).read_bytes(), content_type="text/html")
    page = fetch_url(httpserver.url_for(f"/{name}"))
    article = parse_html(page.text, page.requested_url, final_url=page.final_url)
    assert check(article, expected) == []


def test_sample_languages(html_samples):
    langs = {name: parse_html((html_samples / name).read_bytes(), e["url"]).language
             for name, e in EXPECTED.items()}
    assert langs.pop("xinhuanet.com.c_1125597921.html") == "zh"
    assert set(langs.values()) == {"en"}


def test_sample_times_keep_the_page_offset(html_samples):
    name = "breakingbelizenews.com-paho.html"
    article = parse_html((html_samples / name).read_bytes())
    assert article.published_at.isoformat() == "2022-04-21T22:11:44-06:00"


def test_sample_canonical_urls_come_from_the_page(html_samples):
    name = "bbc.com.52241221.html"
    article = parse_html((html_samples / name).read_bytes(), "https://bbc.in/short?utm_source=x")
    assert article.canonical_url == "https://www.bbc.com/news/world-us-canada-52241221"
