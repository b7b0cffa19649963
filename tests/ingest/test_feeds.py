"""fetch_feed against a local server: RSS, Atom, conditional requests, malformed feeds."""

from datetime import UTC, datetime

import pytest
from werkzeug import Response

from claims.ingest.feeds import fetch_feed, parse_feed
from claims.ingest.types import FetchTimeout, HTTPStatusError

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
  <title>Example World News</title><link>https://news.example.com/</link>
  <description>World</description>
  <item>
    <title>Minister denies alliance</title>
    <link>https://news.example.com/world/minister-denies-alliance?utm_source=rss</link>
    <guid isPermaLink="false">item-1</guid>
    <pubDate>Tue, 07 Mar 2023 10:00:00 GMT</pubDate>
    <description>The minister said no alliance exists.</description>
  </item>
  <item>
    <title>Second story</title>
    <link>/world/second</link>
    <guid>item-2</guid>
  </item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Example Atom</title>
  <id>urn:uuid:feed</id><updated>2023-03-07T10:00:00Z</updated>
  <entry>
    <title>Atom entry</title>
    <link href="https://news.example.com/atom-entry" rel="alternate"/>
    <id>urn:uuid:entry-1</id>
    <published>2023-03-07T12:30:00+02:00</published>
    <updated>2023-03-08T00:00:00Z</updated>
    <summary>Summary text</summary>
  </entry>
</feed>"""

ETAG = '"v1"'
LAST_MODIFIED = "Tue, 07 Mar 2023 10:00:00 GMT"


def test_an_rss_feed(httpserver):
    httpserver.expect_request("/rss").respond_with_data(RSS, content_type="application/rss+xml")
    result = fetch_feed(httpserver.url_for("/rss"))
    assert result.status == 200 and not result.not_modified and result.error is None
    assert result.title == "Example World News"
    first, second = result.entries
    assert first.url == "https://news.example.com/world/minister-denies-alliance?utm_source=rss"
    assert first.title == "Minister denies alliance"
    assert first.guid == "item-1"
    assert first.published_at == datetime(2023, 3, 7, 10, 0, tzinfo=UTC)
    assert first.summary == "The minister said no alliance exists."
    assert second.url == httpserver.url_for("/world/second")  # resolved against the feed
    assert second.published_at is None


def test_an_atom_feed(httpserver):
    httpserver.expect_request("/atom").respond_with_data(ATOM,
                                                         content_type="application/atom+xml")
    result = fetch_feed(httpserver.url_for("/atom"))
    assert result.title == "Example Atom"
    [entry] = result.entries
    assert entry.url == "https://news.example.com/atom-entry"
    assert entry.guid == "urn:uuid:entry-1"
    assert entry.published_at == datetime(2023, 3, 7, 10, 30, tzinfo=UTC)
    assert entry.summary == "Summary text"


def test_etag_and_last_modified_are_sent_back_and_304_is_not_modified(httpserver):
    def conditional(request):
        if (request.headers.get("If-None-Match") == ETAG
                and request.headers.get("If-Modified-Since") == LAST_MODIFIED):
            return Response(status=304, headers={"ETag": ETAG})
        return Response(RSS, content_type="application/rss+xml",
                        headers={"ETag": ETAG, "Last-Modified": LAST_MODIFIED})

    httpserver.expect_request("/rss").respond_with_handler(conditional)
    first = fetch_feed(httpserver.url_for("/rss"))
    assert (first.etag, first.modified) == (ETAG, LAST_MODIFIED)
    assert len(first.entries) == 2

    second = fetch_feed(httpserver.url_for("/rss"), etag=first.etag, modified=first.modified)
    assert second.not_modified and second.status == 304
    assert second.entries == [] and second.error is None
    assert (second.etag, second.modified) == (ETAG, LAST_MODIFIED)
    sent = httpserver.log[-1][0].headers
    assert sent["If-None-Match"] == ETAG
    assert sent["If-Modified-Since"] == LAST_MODIFIED


def test_a_malformed_feed_gives_error_text(httpserver):
    httpserver.expect_request("/bad").respond_with_data(
        b"<?xml version='1.0'?><rss><channel><title>Broken</ti", content_type="application/xml")
    result = fetch_feed(httpserver.url_for("/bad"))
    assert result.entries == []
    assert result.error == "malformed feed: unclosed token (line 1, column 65)"


def test_an_html_page_is_not_a_feed(httpserver):
    httpserver.expect_request("/page").respond_with_data(
        b"<html><body><p>Hello</p></body></html>", content_type="text/html")
    result = fetch_feed(httpserver.url_for("/page"))
    assert result.entries == []
    assert result.error == "not an RSS or Atom feed"


def test_a_feed_with_minor_faults_that_still_has_entries_is_accepted():
    damaged = RSS.replace(b"<description>World</description>", b"<description>A & B</description>")
    title, entries, error = parse_feed(damaged, url="https://news.example.com/rss")
    assert error is None
    assert len(entries) == 2


def test_parse_feed_never_opens_a_path_or_url():
    title, entries, error = parse_feed("/etc/hostname")
    assert entries == [] and error


def test_a_missing_feed_raises_a_readable_error(httpserver):
    httpserver.expect_request("/gone").respond_with_data("", status=404)
    with pytest.raises(HTTPStatusError, match="HTTP 404 Not Found") as info:
        fetch_feed(httpserver.url_for("/gone"))
    assert not info.value.retryable


def test_a_slow_feed_times_out(httpserver):
    import time

    def slow(request):
        time.sleep(0.5)
        return Response(RSS, content_type="application/rss+xml")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    with pytest.raises(FetchTimeout):
        fetch_feed(httpserver.url_for("/slow"), timeout=0.1)
    time.sleep(0.4)  # the one-thread test server is busy until the handler returns
