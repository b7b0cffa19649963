"""Ingest: bytes, text, files and URLs in; plain :class:`RawArticle` data out.

Pure Python with no Django import, so it can be tested, benchmarked and reused alone; the
ingestion service stores what it returns.

* :func:`read_sources` / :func:`read_path`: files (.txt, .html, .json, .ndjson, .csv), folders
  and URLs to articles and per-item :class:`ItemError` s.
* :func:`fetch_url`, :func:`fetch_article`: polite, capped, typed HTTP fetching.
* :func:`parse_html`: a page to an article (trafilatura plus the project's own cleaning).
* :func:`fetch_feed`: RSS/Atom polling with ETag and Last-Modified.
* :func:`canonicalize_url`, :func:`content_hash`: what makes an import idempotent.
"""

from claims.ingest.dates import parse_date
from claims.ingest.feeds import FeedEntry, FeedResult, fetch_feed, parse_feed
from claims.ingest.fetch import DEFAULT_USER_AGENT, FetchedPage, fetch_url
from claims.ingest.files import count_items, read_bytes, read_path, read_paths
from claims.ingest.hashing import content_hash, normalise_body
from claims.ingest.html import parse_html
from claims.ingest.records import article_from_record, article_from_text
from claims.ingest.sources import fetch_article, read_sources
from claims.ingest.types import (
    DecodeError,
    FetchConnectionError,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    IngestError,
    ItemError,
    ParseError,
    RawArticle,
    TooLarge,
    UnsupportedContentType,
)
from claims.ingest.urls import canonicalize_url, is_http_url

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
