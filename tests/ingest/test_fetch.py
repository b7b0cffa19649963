"""fetch_url against a local server: redirects, caps, types, errors, encodings."""

import time

import httpx
import pytest
from werkzeug import Response

from claims.ingest.fetch import DEFAULT_USER_AGENT, describe_size, fetch_url
from claims.ingest.types import (
    FetchConnectionError,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    TooLarge,
    UnsupportedContentType,
)

PAGE = b"<html><head><title>t</title></head><body><p>Hello</p></body></html>"


def test_it_returns_the_page_and_sends_an_honest_user_agent(httpserver):
    httpserver.expect_request("/a", headers={"User-Agent": DEFAULT_USER_AGENT}).respond_with_data(
        PAGE, content_type="text/html; charset=utf-8")
    page = fetch_url(httpserver.url_for("/a"))
    assert page.status == 200
    assert page.content == PAGE
    assert page.text == PAGE.decode()
    assert page.content_type == "text/html"
    assert page.final_url == page.requested_url == httpserver.url_for("/a")
    assert "ClaimsTracker" in DEFAULT_USER_AGENT


def test_the_user_agent_is_configurable(httpserver):
    httpserver.expect_request("/a", headers={"User-Agent": "Other/1.0"}).respond_with_data(
        PAGE, content_type="text/html")
    assert fetch_url(httpserver.url_for("/a"), user_agent="Other/1.0").status == 200


def test_it_follows_redirects_and_records_the_final_url(httpserver):
    httpserver.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": httpserver.url_for("/middle")})
    httpserver.expect_request("/middle").respond_with_data(
        "", status=302, headers={"Location": "/new"})
    httpserver.expect_request("/new").respond_with_data(PAGE, content_type="text/html")
    page = fetch_url(httpserver.url_for("/old"))
    assert page.requested_url == httpserver.url_for("/old")
    assert page.final_url == httpserver.url_for("/new")
    assert page.content == PAGE


def test_a_redirect_loop_is_a_readable_error(httpserver):
    httpserver.expect_request("/loop").respond_with_data(
        "", status=302, headers={"Location": "/loop"})
    with pytest.raises(FetchError, match="too many redirects") as info:
        fetch_url(httpserver.url_for("/loop"))
    assert not info.value.retryable


def test_a_declared_length_over_the_cap_is_refused_before_reading(httpserver):
    httpserver.expect_request("/big").respond_with_data(b"x" * 5000, content_type="text/html")
    with pytest.raises(TooLarge, match=r"over the 1 kB size cap") as info:
        fetch_url(httpserver.url_for("/big"), max_bytes=1000)
    assert not info.value.retryable


def test_a_streamed_body_is_abandoned_at_the_cap(httpserver):
    def chunks():
        for _ in range(100):
            yield b"<p>" + b"y" * 1000 + b"</p>"

    httpserver.expect_request("/stream").respond_with_response(
        Response(chunks(), content_type="text/html"))  # no Content-Length: chunked
    with pytest.raises(TooLarge, match="over the 5 kB size cap"):
        fetch_url(httpserver.url_for("/stream"), max_bytes=5000)


def test_the_default_cap_is_five_megabytes():
    assert describe_size(5_000_000) == "5 MB"


def test_a_pdf_is_refused_where_html_was_expected(httpserver):
    httpserver.expect_request("/doc").respond_with_data(b"%PDF-1.7 ...",
                                                         content_type="application/pdf")
    with pytest.raises(UnsupportedContentType, match=r"^not HTML \(application/pdf\)$"):
        fetch_url(httpserver.url_for("/doc"))


def test_a_pdf_mislabelled_as_html_is_refused_too(httpserver):
    httpserver.expect_request("/doc").respond_with_data(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
                                                         content_type="text/html")
    with pytest.raises(UnsupportedContentType, match=r"not HTML \(application/pdf\)"):
        fetch_url(httpserver.url_for("/doc"))


def test_an_image_is_refused(httpserver):
    httpserver.expect_request("/img").respond_with_data(b"\x89PNG\r\n", content_type="image/png")
    with pytest.raises(UnsupportedContentType, match=r"not HTML \(image/png\)"):
        fetch_url(httpserver.url_for("/img"))


@pytest.mark.parametrize(
    ("status", "reason", "retryable"),
    [
        (404, "HTTP 404 Not Found", False),
        (410, "HTTP 410 Gone", False),
        (403, "HTTP 403 Forbidden", False),
        (500, "HTTP 500 Internal Server Error", True),
        (503, "HTTP 503 Service Unavailable", True),
        (429, "HTTP 429 Too Many Requests", True),
    ],
)
def test_error_answers_give_readable_reasons_and_the_right_retry_flag(
        httpserver, status, reason, retryable):
    httpserver.expect_request("/x").respond_with_data("nope", status=status)
    with pytest.raises(HTTPStatusError) as info:
        fetch_url(httpserver.url_for("/x"))
    assert str(info.value) == reason
    assert info.value.status == status
    assert info.value.retryable is retryable
    assert info.value.url == httpserver.url_for("/x")


def test_retry_after_is_passed_on(httpserver):
    httpserver.expect_request("/busy").respond_with_data("", status=503,
                                                          headers={"Retry-After": "120"})
    with pytest.raises(HTTPStatusError) as info:
        fetch_url(httpserver.url_for("/busy"))
    assert info.value.retry_after == 120.0
    assert info.value.retryable


def test_a_slow_server_times_out_and_may_be_retried(httpserver):
    def slow(request):
        time.sleep(0.4)
        return Response(PAGE, content_type="text/html")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    with pytest.raises(FetchTimeout, match=r"^timed out after 0.1 s$") as info:
        fetch_url(httpserver.url_for("/slow"), timeout=0.1)
    time.sleep(0.4)  # the one-thread test server is busy until the handler returns
    assert info.value.retryable


def test_a_server_that_trickles_its_answer_times_out(httpserver):
    def trickle():
        for _ in range(12):
            yield b"<p>drip</p>"
            time.sleep(0.2)  # each read well inside the timeout, the whole far beyond 3x

    httpserver.expect_request("/drip").respond_with_response(
        Response(trickle(), content_type="text/html"))
    with pytest.raises(FetchTimeout, match="kept trickling") as info:
        fetch_url(httpserver.url_for("/drip"), timeout=0.5)
    assert info.value.retryable


def test_a_refused_connection_is_retryable():
    with pytest.raises(FetchConnectionError) as info:
        fetch_url("http://127.0.0.1:9/", timeout=2)
    assert info.value.retryable
    assert "could not connect" in info.value.reason


def test_only_http_urls_are_fetched():
    with pytest.raises(FetchError, match="not an http"):
        fetch_url("file:///etc/passwd")


def test_a_windows_1252_page_is_decoded_by_its_declared_charset(httpserver):
    body = "<html><body><p>Caf\u00e9 \u201cquoted\u201d \u2013 \u20ac5</p></body></html>"
    httpserver.expect_request("/w").respond_with_data(
        body.encode("windows-1252"), content_type="text/html; charset=windows-1252")
    page = fetch_url(httpserver.url_for("/w"))
    assert "Caf\u00e9 \u201cquoted\u201d \u2013 \u20ac5" in page.text


def test_a_charset_declared_in_a_meta_tag_is_used(httpserver):
    body = '<html><head><meta charset="windows-1252"></head><body><p>na\u00efve</p></body></html>'
    httpserver.expect_request("/m").respond_with_data(body.encode("cp1252"),
                                                       content_type="text/html")
    assert "na\u00efve" in fetch_url(httpserver.url_for("/m")).text


def test_a_latin1_label_is_read_as_windows_1252(httpserver):
    body = "<p>\u201csmart\u201d</p>".encode("cp1252")
    httpserver.expect_request("/l").respond_with_data(body,
                                                       content_type="text/html; charset=latin-1")
    assert "\u201csmart\u201d" in fetch_url(httpserver.url_for("/l")).text


def test_a_gb2312_label_is_read_as_its_superset(httpserver):
    text = "<p>\u9555\u57fa\u65b0\u95fb</p>"  # 镕 is in GBK but not in GB2312
    httpserver.expect_request("/zh").respond_with_data(text.encode("gbk"),
                                                        content_type="text/html; charset=gb2312")
    assert "\u9555\u57fa\u65b0\u95fb" in fetch_url(httpserver.url_for("/zh")).text


def test_an_unknown_declared_charset_falls_back_to_utf8(httpserver):
    body = "<p>Z\u00fcrich</p>".encode()
    httpserver.expect_request("/u").respond_with_data(
        body, content_type="text/html; charset=x-no-such-charset")
    page = fetch_url(httpserver.url_for("/u"))
    assert "Z\u00fcrich" in page.text
    assert page.encoding == "utf-8"


def test_undeclared_non_utf8_bytes_fall_back_to_windows_1252(httpserver):
    httpserver.expect_request("/n").respond_with_data("<p>S\u00e3o Paulo</p>".encode("cp1252"),
                                                       content_type="text/html")
    assert "S\u00e3o Paulo" in fetch_url(httpserver.url_for("/n")).text


def test_undecodable_text_with_a_declared_charset_is_a_readable_error(httpserver):
    # 0x81 is undefined in windows-1252 and invalid as UTF-8.
    httpserver.expect_request("/bad").respond_with_data(
        b"<p>\x81\x81\x81</p>", content_type="text/html; charset=windows-1252")
    with pytest.raises(FetchError, match="no declared encoding could decode it"):
        fetch_url(httpserver.url_for("/bad"))


def test_a_shared_client_can_be_passed_in(httpserver):
    httpserver.expect_request("/a").respond_with_data(PAGE, content_type="text/html")
    with httpx.Client() as client:
        assert fetch_url(httpserver.url_for("/a"), client=client).content == PAGE


@pytest.mark.parametrize("host", ["127.0.0.1", "10.1.2.3", "192.168.0.1", "169.254.169.254",
                                  "[::1]", "[::ffff:127.0.0.1]", "localhost", "0.0.0.0"])
def test_public_only_refuses_private_and_local_hosts(host):
    with pytest.raises(FetchError, match=r"^refused: .* is a private or local address") as info:
        fetch_url(f"http://{host}/latest/meta-data/", public_only=True)
    assert not info.value.retryable


def test_public_only_checks_every_redirect(httpserver, monkeypatch):
    import claims.ingest.fetch as fetch

    real = fetch.require_public_host

    def only_localhost_is_private(url, *, requested=None):
        if "//localhost" in url:
            real(url, requested=requested)

    monkeypatch.setattr(fetch, "require_public_host", only_localhost_is_private)
    httpserver.expect_request("/hop").respond_with_data(
        "", status=302, headers={"Location": httpserver.url_for("/inside")})
    httpserver.expect_request("/direct").respond_with_data(PAGE, content_type="text/html")
    start = httpserver.url_for("/hop").replace("localhost", "127.0.0.1")
    with pytest.raises(FetchError, match="refused: localhost"):
        fetch_url(start, public_only=True)
    # Without a redirect into a refused host, the page is read as usual.
    page = fetch_url(httpserver.url_for("/direct").replace("localhost", "127.0.0.1"),
                     public_only=True)
    assert page.content == PAGE


def test_public_only_still_follows_redirects(httpserver, monkeypatch):
    import claims.ingest.fetch as fetch

    monkeypatch.setattr(fetch, "require_public_host", lambda url, *, requested=None: None)
    httpserver.expect_request("/a").respond_with_data("", status=301, headers={"Location": "/b"})
    httpserver.expect_request("/b").respond_with_data(PAGE, content_type="text/html")
    page = fetch_url(httpserver.url_for("/a"), public_only=True)
    assert page.final_url == httpserver.url_for("/b")
    httpserver.expect_request("/loop").respond_with_data(
        "", status=302, headers={"Location": "/loop"})
    with pytest.raises(FetchError, match="too many redirects"):
        fetch_url(httpserver.url_for("/loop"), public_only=True)


def test_a_public_address_passes_the_check():
    from claims.ingest.fetch import require_public_host

    require_public_host("https://8.8.8.8/news")  # an IP literal: no DNS needed
    require_public_host("https://[2606:4700::1111]/")
