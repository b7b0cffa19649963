"""Turning one record (a CSV row, a JSON object, a text file) into a :class:`RawArticle`.

Shared by every reader so the same columns mean the same thing everywhere, and so a bad record
always fails with the same readable reasons ("missing body", "unreadable date '31/02'").
"""

from __future__ import annotations

from collections.abc import Mapping

from claims.extraction.language import detect_language
from claims.ingest.cleaning import clean_body
from claims.ingest.dates import parse_date
from claims.ingest.types import ParseError, RawArticle
from claims.ingest.urls import canonicalize_url, is_http_url

__all__ = ["FIELDS", "FIELD_ALIASES", "article_from_record", "article_from_text", "field_name"]

# The columns of a CSV file and the keys of a JSON object.
FIELDS = ("url", "title", "body", "published_at", "outlet", "byline")
# Other names people give the same columns.
FIELD_ALIASES = {
    "link": "url", "href": "url",
    "headline": "title", "name": "title",
    "text": "body", "content": "body", "article": "body", "article_text": "body",
    "date": "published_at", "published": "published_at", "pubdate": "published_at",
    "publication_date": "published_at", "datetime": "published_at",
    "author": "byline", "authors": "byline", "by": "byline",
    "site": "outlet", "publisher": "outlet", "source_name": "outlet", "sitename": "outlet",
    "lang": "language", "canonical": "canonical_url",
}


def field_name(key: str) -> str:
    """The field a column or key name stands for: "Headline" -> "title", "body" -> "body"."""
    key = key.strip().lower().replace(" ", "_").replace("-", "_")
    return FIELD_ALIASES.get(key, key)


def _text_field(record: Mapping, name: str) -> str:
    value = record.get(name)
    if value is None:
        return ""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(v.strip() for v in value if v.strip())  # several authors
    if not isinstance(value, str):
        raise ParseError(f"{name} is not text ({type(value).__name__})")
    if "\x00" in value:
        # Binary data, and PostgreSQL cannot store NUL in text anyway.
        raise ParseError(f"{name} contains a NUL byte (binary data, not text)")
    return value


def article_from_record(record: Mapping, *, source: str) -> RawArticle:
    """Build an article from a mapping with the :data:`FIELDS` (aliases allowed).

    ``body`` is required; ``url``, when given, must be an http(s) URL; ``published_at`` is read
    leniently (:func:`claims.ingest.dates.parse_date`).  Raises :class:`ParseError` with a
    readable reason ("missing body", "unreadable date 'soon'", "url is not an http(s) URL").
    """
    fields: dict = {}
    for key, value in record.items():
        if isinstance(key, str):
            fields.setdefault(field_name(key), value)
    title = " ".join(_text_field(fields, "title").split())
    raw_body = _text_field(fields, "body")
    if not raw_body.strip():
        raise ParseError("missing body")
    body = clean_body(raw_body, title=title, reflow=False)
    if not body:
        raise ParseError("the body holds nothing but site furniture")
    url = _text_field(fields, "url").strip() or None
    if url and not is_http_url(url):
        raise ParseError(f"url is not an http(s) URL: {url!r}")
    canonical = _text_field(fields, "canonical_url").strip() or url
    if canonical and not is_http_url(canonical):
        raise ParseError(f"canonical_url is not an http(s) URL: {canonical!r}")
    try:
        published_at = parse_date(fields.get("published_at"))
    except ValueError as exc:
        raise ParseError(str(exc)) from None
    language = _text_field(fields, "language").strip().lower()[:2] or detect_language(body)
    return RawArticle(
        url=url,
        title=title,
        body=body,
        published_at=published_at,
        byline=" ".join(_text_field(fields, "byline").split()),
        outlet=" ".join(_text_field(fields, "outlet").split()),
        canonical_url=canonicalize_url(canonical) if canonical else None,
        language=language or None,
        source=source,
    )


def article_from_text(text: str, *, source: str, url: str | None = None) -> RawArticle:
    """A plain-text article: the first non-empty line is the headline, the rest the body.

    Raises :class:`ParseError` for empty text or a headline with no body after it.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise ParseError("empty file")
    title = " ".join(lines[first].split())
    rest = "\n".join(lines[first + 1:])
    if not rest.strip():
        raise ParseError("no body after the headline (the first line is the headline)")
    return article_from_record({"title": title, "body": rest, "url": url}, source=source)
