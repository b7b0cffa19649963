"""The real news pages of ../shared/samples/html/ (trafilatura's evaluation set).

Each page is checked against expected.json: title, author (case-insensitive), date, the
snippets the body must contain and those it must not.  A null expectation is not checked.
"""

from __future__ import annotations

import pytest

from claims.ingest.fetch import fetch_url
from claims.ingest.html import parse_html

from .samples import HTML_SAMPLES, differences, load_expected

EXPECTED = load_expected()
NAMES = sorted(EXPECTED) or ["(samples absent)"]


@pytest.fixture
def html_samples():
    if not EXPECTED:
        pytest.skip(f"sample pages not found at {HTML_SAMPLES} (the shared folder is absent)")
    return HTML_SAMPLES


@pytest.mark.parametrize("name", NAMES)
def test_sample_page_matches_expected(html_samples, name):
    expected = EXPECTED[name]
    article = parse_html((html_samples / name).read_bytes(), expected["url"], source=name)
    assert differences(article, expected) == []
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
    assert differences(article, expected) == []


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
