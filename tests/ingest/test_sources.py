"""read_sources and fetch_article: URLs and paths mixed; one failure never stops the rest."""

from claims.ingest.sources import fetch_article, read_sources
from claims.ingest.types import ItemError, RawArticle

from .samples import ARTICLE_HTML


def test_urls_and_files_are_read_together_and_failures_are_items(httpserver, tmp_path):
    httpserver.expect_request("/ok").respond_with_data(ARTICLE_HTML, content_type="text/html")
    httpserver.expect_request("/missing").respond_with_data("", status=404)
    httpserver.expect_request("/doc.pdf").respond_with_data(b"%PDF-1.4",
                                                             content_type="application/pdf")
    text = tmp_path / "a.txt"
    text.write_text("Headline\n\nA body long enough to be an article about alliances.",
                    encoding="utf-8")
    items = list(read_sources([httpserver.url_for("/missing"), httpserver.url_for("/ok"),
                               str(text), httpserver.url_for("/doc.pdf"),
                               str(tmp_path / "absent.csv")]))
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["ItemError", "RawArticle", "RawArticle", "ItemError", "ItemError"]
    assert items[0] == ItemError(httpserver.url_for("/missing"), "HTTP 404 Not Found")
    assert items[1].title == "Minister denies alliance"
    assert items[1].source == httpserver.url_for("/ok")
    assert items[3].reason == "not HTML (application/pdf)"
    assert items[4].reason == "no such file or folder"


def test_fetch_article_records_the_final_url_and_prefers_the_canonical_link(httpserver):
    httpserver.expect_request("/short").respond_with_data(
        "", status=302, headers={"Location": "/long?utm_source=x"})
    httpserver.expect_request("/long").respond_with_data(ARTICLE_HTML, content_type="text/html")
    article = fetch_article(httpserver.url_for("/short"))
    assert article.url == httpserver.url_for("/short")
    assert article.final_url == httpserver.url_for("/long?utm_source=x")
    assert article.canonical_url == "https://news.example.com/world/minister-denies-alliance"


def test_without_a_canonical_link_the_final_url_is_canonicalised(httpserver):
    html = ARTICLE_HTML.replace('<link rel="canonical"', '<link rel="alternate"')
    httpserver.expect_request("/story/").respond_with_data(html, content_type="text/html")
    article = fetch_article(httpserver.url_for("/story/") + "?fbclid=1#top")
    assert article.canonical_url == httpserver.url_for("/story")


def test_a_plain_text_answer_is_read_like_a_text_file(httpserver):
    httpserver.expect_request("/t").respond_with_data(
        "Headline\n\nA plain text article body that is long enough to count.",
        content_type="text/plain; charset=utf-8")
    article = fetch_article(httpserver.url_for("/t"))
    assert article.title == "Headline"
    assert article.body == "A plain text article body that is long enough to count."
    assert article.canonical_url == httpserver.url_for("/t")


def test_a_syndicated_copy_has_the_same_hash_and_another_url(httpserver):
    other = ARTICLE_HTML.replace("Example News", "Other Outlet").replace(
        "https://news.example.com/world/minister-denies-alliance/?utm_source=rss",
        "https://other.example.org/syndicated/123").replace(
        "<nav>", "<nav><a href='/sport'>Sport</a>")
    httpserver.expect_request("/a").respond_with_data(ARTICLE_HTML, content_type="text/html")
    httpserver.expect_request("/b").respond_with_data(other, content_type="text/html")
    a, b = (i for i in read_sources([httpserver.url_for("/a"), httpserver.url_for("/b")]))
    assert isinstance(a, RawArticle) and isinstance(b, RawArticle)
    assert a.content_hash == b.content_hash
    assert a.canonical_url != b.canonical_url
    assert b.outlet == "Other Outlet"
