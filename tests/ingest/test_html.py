"""parse_html on small made-up pages: the project's own rules, and bad pages."""

from datetime import UTC, datetime

import pytest

from claims.ingest.html import NO_TEXT_REASON, TRUNCATED_REASON, clean_author, parse_html
from claims.ingest.types import DecodeError, ParseError

from .samples import ARTICLE_HTML


def test_it_reads_title_byline_body_and_canonical_url():
    article = parse_html(ARTICLE_HTML, "https://news.example.com/world/minister-denies-alliance")
    assert article.title == "Minister denies alliance"
    assert article.byline == "Jane Doe"
    assert article.canonical_url == "https://news.example.com/world/minister-denies-alliance"
    assert article.language == "en"
    assert article.outlet == "Example News"
    assert "no military alliance exists" in article.body
    assert "All rights reserved" not in article.body
    paragraphs = article.body.split("\n\n")
    assert len(paragraphs) >= 3
    assert all(p.strip() == p and "\n" not in p for p in paragraphs)


def test_bytes_are_decoded_by_the_meta_charset():
    html = ARTICLE_HTML.replace('charset="utf-8"', 'charset="windows-1252"').replace(
        "grave\nattention", "grave \u201cattention\u201d")
    article = parse_html(html.encode("cp1252"))
    assert "grave \u201cattention\u201d" in article.body


def test_the_source_defaults_to_the_url():
    article = parse_html(ARTICLE_HTML, "https://news.example.com/x")
    assert article.source == "https://news.example.com/x"
    assert parse_html(ARTICLE_HTML, source="page.html").source == "page.html"


def test_a_canonical_link_to_the_home_page_is_ignored():
    html = ARTICLE_HTML.replace(
        "https://news.example.com/world/minister-denies-alliance/?utm_source=rss",
        "https://news.example.com/")
    article = parse_html(html, "https://news.example.com/world/story?utm_medium=x")
    assert article.canonical_url == "https://news.example.com/world/story"


def test_og_url_is_used_when_there_is_no_canonical_link():
    html = ARTICLE_HTML.replace(
        '<link rel="canonical" href="https://news.example.com/world/minister-denies-alliance/'
        '?utm_source=rss">', '<meta property="og:url" content="/world/og-story/">')
    article = parse_html(html, "https://news.example.com/amp/x")
    assert article.canonical_url == "https://news.example.com/world/og-story"


def test_the_publication_time_comes_from_the_metadata_with_its_offset():
    html = ARTICLE_HTML.replace(
        "</head>", '<meta property="article:published_time" content="2023-03-07T22:00:00-05:00">'
                   "</head>")
    article = parse_html(html)
    assert article.published_at == datetime(2023, 3, 8, 3, 0, tzinfo=UTC)
    assert article.published_at.date().isoformat() == "2023-03-07"  # the day the page printed


def test_a_date_without_a_time_is_midnight_utc():
    html = ARTICLE_HTML.replace(
        "</head>", '<meta name="date" content="2023-03-07"></head>')
    assert parse_html(html).published_at == datetime(2023, 3, 7, tzinfo=UTC)


@pytest.mark.parametrize("page", ["", "   \n", b""])
def test_an_empty_page_is_refused(page):
    with pytest.raises(ParseError, match="empty page"):
        parse_html(page)


def test_a_page_with_no_article_text_is_refused():
    with pytest.raises(ParseError) as info:
        parse_html("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    assert info.value.reason == NO_TEXT_REASON


def test_truncated_html_is_refused():
    cut = ARTICLE_HTML[: ARTICLE_HTML.index("Officials in Washington")]
    with pytest.raises(ParseError) as info:
        parse_html(cut)
    assert info.value.reason == TRUNCATED_REASON


def test_a_pdf_is_not_html():
    with pytest.raises(DecodeError, match=r"not HTML \(application/pdf\)"):
        parse_html(b"%PDF-1.5\n1 0 obj\n")


def test_binary_bytes_are_not_html():
    with pytest.raises(DecodeError, match="binary file, not text"):
        parse_html(b"\x00\x01\x02<html>")


def test_a_site_name_suffix_is_removed_only_when_confirmed():
    html = ARTICLE_HTML.replace("<h1>Minister denies alliance</h1>", "")
    assert parse_html(html, "https://news.example.com/a").title == "Minister denies alliance"
    plain = html.replace('<meta property="og:site_name" content="Example News">', "").replace(
        "Minister denies alliance - Example News", "Russia - China ties: a new chapter")
    assert parse_html(plain, "https://other.example.org/a").title == (
        "Russia - China ties: a new chapter")


def test_a_non_english_page_is_marked_with_its_language():
    html = """<html lang="fr"><head><title>Le ministre dément</title></head><body><article>
    <h1>Le ministre dément</h1>
    <p>Le ministre des affaires étrangères a déclaré mardi qu'aucune alliance militaire
    n'existait entre les deux pays, rejetant les informations publiées la semaine dernière.</p>
    <p>« Nous coopérons ouvertement et nous ne cachons rien », a-t-il ajouté devant la presse,
    en précisant que des exercices communs avaient lieu avec de nombreux autres États.</p>
    </article></body></html>"""
    assert parse_html(html).language == "fr"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("ByAlex Bozarjian Thursday, November 9, 2023 4:41AM", "ByAlex Bozarjian"),
        ("By Alex Bozarjian Thursday, November 9, 2023 4:41AM", "Alex Bozarjian"),
        ("CBS News February", "CBS News"),
        ("Theresa May", "Theresa May"),
        ("Article by", ""),
        ("Name", ""),
        ("JAKE SHERMAN and ANNA PALMER 12/30/2019", "JAKE SHERMAN and ANNA PALMER"),
        (None, ""),
    ],
)
def test_clean_author(raw, clean):
    assert clean_author(raw) == clean


def test_a_nul_byte_in_a_page_becomes_a_replacement_character():
    # Past the first 8 kB, where a NUL no longer marks the whole file as binary.
    html = ARTICLE_HTML.replace("</head>", "<!--" + "pad " * 3000 + "--></head>").replace(
        "grave\nattention", "grave\x00attention")
    article = parse_html(html.encode())
    assert "\x00" not in article.body
