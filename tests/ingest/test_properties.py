"""Properties over arbitrary input: reading never raises, and cleaning is stable."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.ingest.cleaning import clean_body
from claims.ingest.files import read_bytes
from claims.ingest.hashing import content_hash, normalise_body
from claims.ingest.types import ItemError, RawArticle

_text_bytes = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.lists(st.sampled_from(["url,title,body\n", '"', ",", "\n", "a", "{", "}", '"body":',
                              "<html>", "<p>", "</p>", "</html>", "é", "\x00", "\r\n", "[", "]"]),
             max_size=40).map(lambda parts: "".join(parts).encode("utf-8")),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=_text_bytes,
       name=st.sampled_from(["a.txt", "a.csv", "a.json", "a.ndjson", "a.html", "a.bin"]))
def test_reading_any_bytes_gives_items_and_never_raises(data, name):
    for item in read_bytes(data, name):
        assert isinstance(item, RawArticle | ItemError)
        if isinstance(item, ItemError):
            assert item.reason
        else:
            assert item.body.strip()


@given(st.text(max_size=400))
def test_clean_body_is_idempotent(text):
    once = clean_body(text)
    assert clean_body(once) == once


@given(st.text(max_size=200))
def test_normalising_does_not_change_the_hash(text):
    assert content_hash(normalise_body(text)) == content_hash(text)
