"""Polling RSS and Atom feeds: conditional GETs with httpx, parsing with feedparser.

The feed is fetched through :func:`claims.ingest.fetch.fetch_url`, so the same time-out, size
cap and readable, retryable errors apply as to pages.  ``If-None-Match`` and
``If-Modified-Since`` are sent when the caller kept the ETag and Last-Modified of the last poll;
a 304 answer comes back as ``not_modified`` with no entries.
"""

from __future__ import annotations

import calendar
import io
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

import feedparser
import httpx
from feedparser.exceptions import ThingsNobodyCaresAboutButMe

from claims.ingest.fetch import (
    DEFAULT_MAX_BYTES,
    DEFAULT_TIMEOUT,
    DEFAULT_USER_AGENT,
    FEED_TYPES,
    fetch_url,
)
from claims.ingest.urls import resolve_url

__all__ = ["FeedEntry", "FeedResult", "fetch_feed", "parse_feed"]

_ACCEPT = ("application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
           "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5")


@dataclass
class FeedEntry:
    """One item of a feed.  ``url`` is the entry's link resolved against the feed URL."""

    url: str | None
    title: str = ""
    published_at: datetime | None = None
    summary: str = ""
    guid: str | None = None


@dataclass
class FeedResult:
    """The outcome of one poll.

    ``error`` is set (and ``entries`` empty) when the answer is not a readable feed; ``etag``
    and ``modified`` are what to send next time (the old values when the server sent none).
    """

    url: str
    status: int
    not_modified: bool = False
    etag: str | None = None
    modified: str | None = None
    entries: list[FeedEntry] = field(default_factory=list)
    error: str | None = None
    title: str = ""
    final_url: str | None = None


def _entry_date(entry) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
            except (OverflowError, ValueError, OSError):
                continue
    return None


def _describe(exc: Exception) -> str:
    """"<unknown>:1:65: unclosed token" -> "unclosed token (line 1, column 65)"."""
    text = str(exc) or type(exc).__name__
    m = re.match(r"^<[^>]*>:(\d+):(\d+):\s*(.*)$", text)
    return f"{m.group(3)} (line {m.group(1)}, column {m.group(2)})" if m else text


def parse_feed(content: bytes | str, *, url: str = "") -> tuple[str, list[FeedEntry], str | None]:
    """Parse feed content; return ``(feed title, entries, error)``.

    ``error`` is a readable reason when the content is not a feed or is too malformed to give
    any entry ("malformed feed: mismatched tag (line 7)"); a feed with minor faults that still
    yields entries is accepted.
    """
    if isinstance(content, str):
        content = content.encode("utf-8")
    # A stream, never bytes or str: feedparser would treat those as a URL or a file name to open.
    parsed = feedparser.parse(io.BytesIO(content),
                              response_headers={"content-location": url} if url else None)
    title = " ".join((parsed.feed.get("title") or "").split())
    entries = []
    for entry in parsed.entries:
        link = entry.get("link") or next(
            (ln.get("href") for ln in entry.get("links", []) if ln.get("href")), None)
        entries.append(FeedEntry(
            url=resolve_url(link, url) if link else None,
            title=" ".join((entry.get("title") or "").split()),
            published_at=_entry_date(entry),
            summary=(entry.get("summary") or "").strip(),
            guid=entry.get("id") or entry.get("guid") or None,
        ))
    error = None
    if not entries:
        if not parsed.get("version"):
            error = "not an RSS or Atom feed"
        elif parsed.get("bozo"):
            exc = parsed.get("bozo_exception")
            # feedparser also raises the bozo flag for harmless things (no Content-Type given
            # with a stream, an overridden charset): a well-formed feed with no items is empty,
            # not malformed.
            if not isinstance(exc, ThingsNobodyCaresAboutButMe):
                error = f"malformed feed: {_describe(exc)}" if exc else "malformed feed"
    return title, entries, error


def fetch_feed(url: str, *, etag: str | None = None, modified: str | None = None,
               timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES,
               user_agent: str = DEFAULT_USER_AGENT,
               client: httpx.Client | None = None, public_only: bool = False) -> FeedResult:
    """Poll a feed once.

    ``etag`` and ``modified`` are the ``ETag`` and ``Last-Modified`` header values kept from the
    previous poll.  Returns a :class:`FeedResult`; a malformed feed is a result with ``error``
    set.  Raises :class:`~claims.ingest.types.FetchError` when the feed cannot be fetched at
    all (time-out, 404, 500...); its ``retryable`` flag says whether to try again soon.
    """
    headers = {"Accept": _ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    page = fetch_url(url, timeout=timeout, max_bytes=max_bytes, user_agent=user_agent,
                     client=client, allowed_types=FEED_TYPES, expected="a feed", headers=headers,
                     public_only=public_only)
    new_etag = page.headers.get("etag") or etag
    new_modified = page.headers.get("last-modified") or modified
    if page.not_modified:
        return FeedResult(url=url, status=304, not_modified=True, etag=new_etag,
                          modified=new_modified, final_url=page.final_url)
    title, entries, error = parse_feed(page.content, url=page.final_url)
    return FeedResult(url=url, status=page.status, etag=new_etag, modified=new_modified,
                      entries=entries, error=error, title=title, final_url=page.final_url)
