import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.ingest.urls import canonicalize_url, is_http_url, resolve_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/a?utm_source=x&utm_medium=y", "https://example.com/a"),
        ("https://example.com/a?id=3&fbclid=abc&gclid=1", "https://example.com/a?id=3"),
        ("https://example.com/a?mc_cid=1&mc_eid=2&ref=tw&ref_src=twsrc", "https://example.com/a"),
        ("https://example.com/a#comments", "https://example.com/a"),
        ("HTTPS://WWW.Example.COM/Path/Case", "https://www.example.com/Path/Case"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("http://example.com:8080/a", "http://example.com:8080/a"),
        ("https://example.com/a/", "https://example.com/a"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com/?b=2&a=1", "https://example.com/?a=1&b=2"),
        ("  https://example.com/a  ", "https://example.com/a"),
    ],
)
def test_it_canonicalises(url, expected):
    assert canonicalize_url(url) == expected


def test_tracking_variants_of_one_article_meet():
    variants = [
        "https://news.example.com/2023/03/story/",
        "https://NEWS.example.com/2023/03/story?utm_campaign=spring#top",
        "https://news.example.com:443/2023/03/story?fbclid=IwAR0",
    ]
    assert len({canonicalize_url(v) for v in variants}) == 1


@pytest.mark.parametrize("bad", ["", "example.com/a", "ftp://example.com/", "mailto:a@b.c",
                                 "https://", "javascript:alert(1)"])
def test_it_refuses_what_is_not_an_http_url(bad):
    assert not is_http_url(bad)
    with pytest.raises(ValueError, match="not an http"):
        canonicalize_url(bad)


def test_resolve_url_handles_relative_and_protocol_relative_links():
    base = "https://example.com/news/a.html"
    assert resolve_url("/b", base) == "https://example.com/b"
    assert resolve_url("//cdn.example.com/c", base) == "https://cdn.example.com/c"
    assert resolve_url("javascript:void(0)", base) is None
    assert resolve_url("", base) is None


_segment = st.text(alphabet="abcXYZ019-._~%/", max_size=12)
_param = st.tuples(st.sampled_from(["a", "B", "utm_source", "fbclid", "id", "ref", "q"]),
                   st.text(alphabet="ab c+&=%é/", max_size=6))


@given(
    scheme=st.sampled_from(["http", "HTTP", "https", "HttpS"]),
    host=st.sampled_from(["example.com", "WWW.Example.org", "127.0.0.1", "[::1]", "a.b.co.uk"]),
    port=st.sampled_from(["", ":80", ":443", ":8080"]),
    path=st.lists(_segment, max_size=4).map(lambda parts: "/" + "/".join(parts)),
    params=st.lists(_param, max_size=5),
    fragment=st.sampled_from(["", "#x", "#"]),
)
def test_canonicalize_url_is_idempotent(scheme, host, port, path, params, fragment):
    query = "&".join(f"{k}={v}" for k, v in params)
    url = f"{scheme}://{host}{port}{path}" + (f"?{query}" if query else "") + fragment
    once = canonicalize_url(url)
    assert canonicalize_url(once) == once
    assert "utm_source" not in once and "fbclid" not in once and "#" not in once
