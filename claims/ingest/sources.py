"""One entry point for everything an import can be given: file paths, folders and URLs."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import httpx

from claims.ingest.fetch import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, DEFAULT_USER_AGENT, fetch_url
from claims.ingest.files import read_path
from claims.ingest.html import parse_html
from claims.ingest.records import article_from_text
from claims.ingest.types import IngestError, ItemError, RawArticle
from claims.ingest.urls import canonicalize_url, is_http_url

__all__ = ["fetch_article", "read_sources"]


def fetch_article(url: str, *, client: httpx.Client | None = None,
                  timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES,
                  user_agent: str = DEFAULT_USER_AGENT, outlet: str = "",
                  public_only: bool = False) -> RawArticle:
    """Fetch ``url`` and extract its article.

    HTML goes through :func:`~claims.ingest.html.parse_html` with the final URL after
    redirects; a text/plain answer is read like a .txt file.  ``public_only``: see
    :func:`~claims.ingest.fetch.fetch_url`.  The article's ``canonical_url``
    is the page's canonical link, else the final URL, canonicalised.  Raises
    :class:`~claims.ingest.types.IngestError` subclasses (see :func:`fetch_url`, ``parse_html``).
    """
    page = fetch_url(url, client=client, timeout=timeout, max_bytes=max_bytes,
                     user_agent=user_agent, public_only=public_only)
    if page.content_type == "text/plain":
        article = article_from_text(page.text, source=url, url=url)
        article.final_url = page.final_url
        article.canonical_url = canonicalize_url(page.final_url)
        article.outlet = outlet
        return article
    return parse_html(page.text, url, source=url, final_url=page.final_url, outlet=outlet)


def read_sources(items: Iterable[str | Path], *, client: httpx.Client | None = None,
                 timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES,
                 user_agent: str = DEFAULT_USER_AGENT,
                 public_only: bool = False) -> Iterator[RawArticle | ItemError]:
    """Read each item (an http(s) URL, a file or a folder) into articles and item errors.

    What ``import_articles PATH_OR_URL...`` needs: a failure is an :class:`ItemError` naming
    the item and the reason, and the remaining items are still read.  One HTTP client is shared
    by all URLs unless ``client`` is given.
    """
    own = client is None
    shared = client
    try:
        for item in items:
            if isinstance(item, str) and is_http_url(item):
                if shared is None:
                    shared = httpx.Client(timeout=timeout, follow_redirects=True)
                try:
                    yield fetch_article(item, client=shared, timeout=timeout,
                                        max_bytes=max_bytes, user_agent=user_agent,
                                        public_only=public_only)
                except IngestError as exc:
                    yield ItemError(item, exc.reason)
            else:
                yield from read_path(item)
    finally:
        if own and shared is not None:
            shared.close()
