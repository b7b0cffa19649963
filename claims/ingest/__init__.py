"""Ingest: bytes, text, files and URLs in; plain :class:`RawArticle` data out.

Pure Python with no Django import, so it can be tested, benchmarked and reused alone; the
ingestion service stores what it returns.

* :func:`read_sources` / :func:`read_path`: files (.txt, .html, .json, .ndjson, .csv), folders
  and URLs to articles and per-item :class:`ItemError` s.
* :func:`fetch_url`, :func:`fetch_article`: polite, capped, typed HTTP fetching.
* :func:`parse_html`: a page to an article (trafilatura plus the project's own cleaning).
* :func:`fetch_feed`: RSS/Atom polling with ETag and Last-Modified.
* :func:`canonicalize_url`, :func:`content_hash`: what makes an import idempotent.

Names are imported on first use (as in ``claims.extraction``), so a caller that needs only
``canonicalize_url`` does not pay for loading trafilatura and feedparser.
"""

from __future__ import annotations

import importlib

_LAZY = {
    "DEFAULT_USER_AGENT": "claims.ingest.fetch",
    "DecodeError": "claims.ingest.types",
    "FeedEntry": "claims.ingest.feeds",
    "FeedResult": "claims.ingest.feeds",
    "FetchConnectionError": "claims.ingest.types",
    "FetchError": "claims.ingest.types",
    "FetchTimeout": "claims.ingest.types",
    "FetchedPage": "claims.ingest.fetch",
    "HTTPStatusError": "claims.ingest.types",
    "IngestError": "claims.ingest.types",
    "ItemError": "claims.ingest.types",
    "ParseError": "claims.ingest.types",
    "RawArticle": "claims.ingest.types",
    "TooLarge": "claims.ingest.types",
    "UnsupportedContentType": "claims.ingest.types",
    "article_from_record": "claims.ingest.records",
    "article_from_text": "claims.ingest.records",
    "canonicalize_url": "claims.ingest.urls",
    "content_hash": "claims.ingest.hashing",
    "count_items": "claims.ingest.files",
    "fetch_article": "claims.ingest.sources",
    "fetch_feed": "claims.ingest.feeds",
    "fetch_url": "claims.ingest.fetch",
    "is_http_url": "claims.ingest.urls",
    "normalise_body": "claims.ingest.hashing",
    "parse_date": "claims.ingest.dates",
    "parse_feed": "claims.ingest.feeds",
    "parse_html": "claims.ingest.html",
    "read_bytes": "claims.ingest.files",
    "read_path": "claims.ingest.files",
    "read_paths": "claims.ingest.files",
    "read_sources": "claims.ingest.sources",
}

__all__ = [
    "DEFAULT_USER_AGENT",
    "DecodeError",
    "FeedEntry",
    "FeedResult",
    "FetchConnectionError",
    "FetchError",
    "FetchTimeout",
    "FetchedPage",
    "HTTPStatusError",
    "IngestError",
    "ItemError",
    "ParseError",
    "RawArticle",
    "TooLarge",
    "UnsupportedContentType",
    "article_from_record",
    "article_from_text",
    "canonicalize_url",
    "content_hash",
    "count_items",
    "fetch_article",
    "fetch_feed",
    "fetch_url",
    "is_http_url",
    "normalise_body",
    "parse_date",
    "parse_feed",
    "parse_html",
    "read_bytes",
    "read_path",
    "read_paths",
    "read_sources",
]


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'claims.ingest' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
