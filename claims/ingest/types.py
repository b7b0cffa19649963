"""Plain data that ingest hands to the layers above: articles, per-item errors, exceptions.

Nothing here knows about Django; the ingestion service turns a :class:`RawArticle` into an
``Article`` row and an :class:`ItemError` into an entry of an ``ImportRun``'s error list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

__all__ = [
    "DecodeError",
    "FetchConnectionError",
    "FetchError",
    "FetchTimeout",
    "HTTPStatusError",
    "IngestError",
    "ItemError",
    "ParseError",
    "RawArticle",
    "TooLarge",
    "UnsupportedContentType",
]


@dataclass
class RawArticle:
    """One article as read from a file, a page or a feed, before it is stored.

    ``body`` is the clean text (furniture removed, paragraphs separated by a blank line) that
    extraction offsets will point into.  ``published_at`` is timezone-aware (UTC when the source
    gave no zone).  ``canonical_url`` is already passed through
    :func:`claims.ingest.urls.canonicalize_url`; ``source`` says where the item came from
    (``"articles.csv row 12"``, a URL) so errors and import runs can name it.
    """

    url: str | None = None
    title: str = ""
    body: str = ""
    published_at: datetime | None = None
    byline: str = ""
    outlet: str = ""
    canonical_url: str | None = None
    language: str | None = None
    source: str = ""
    final_url: str | None = None

    @property
    def content_hash(self) -> str:
        """SHA-256 of the normalised body (see :mod:`claims.ingest.hashing`)."""
        from claims.ingest.hashing import content_hash

        return content_hash(self.body)


@dataclass(frozen=True)
class ItemError:
    """One item of an import that could not be read; the other items still go on.

    ``reason`` is meant for people: ``"row 12: missing body"``, ``"HTTP 404 Not Found"``.
    """

    source: str
    reason: str

    def __str__(self) -> str:
        if not self.source:
            return self.reason
        # "a.csv row 12" + "row 12: missing body" reads "a.csv row 12: missing body".
        locator, sep, rest = self.reason.partition(": ")
        if sep and self.source.endswith(" " + locator):
            return f"{self.source}: {rest}"
        return f"{self.source}: {self.reason}"


class IngestError(Exception):
    """Base of every ingest failure; ``reason`` is a readable sentence fragment.

    ``retryable`` is True when trying again later may succeed (time-outs, connection errors,
    5xx and 429 answers), so the task layer knows whether to back off and retry.
    """

    retryable: bool = False

    def __init__(self, reason: str, *, retryable: bool | None = None):
        super().__init__(reason)
        self.reason = reason
        if retryable is not None:
            self.retryable = retryable

    def __str__(self) -> str:
        return self.reason


class DecodeError(IngestError):
    """Bytes that are not text: binary data, or an encoding nothing could decode."""


class ParseError(IngestError):
    """Text that holds no article: an empty, truncated or non-article page, a bad record."""


class FetchError(IngestError):
    """A URL could not be fetched.  ``url`` is the URL asked for; ``status`` the HTTP status."""

    def __init__(self, reason: str, *, url: str | None = None, status: int | None = None,
                 retryable: bool | None = None):
        super().__init__(reason, retryable=retryable)
        self.url = url
        self.status = status


class FetchTimeout(FetchError):
    """The server did not answer (or finish answering) in time."""

    retryable = True


class FetchConnectionError(FetchError):
    """DNS, connection refused or reset, TLS failure: the network, not the page."""

    retryable = True


class HTTPStatusError(FetchError):
    """An HTTP error answer (4xx, 5xx).  Retryable for 5xx, 408 and 429.

    ``retry_after`` is the server's ``Retry-After`` in seconds, when it sent one.
    """

    def __init__(self, reason: str, *, url: str | None = None, status: int | None = None,
                 retry_after: float | None = None):
        retry = status is not None and (status >= 500 or status in (408, 429))
        super().__init__(reason, url=url, status=status, retryable=retry)
        self.retry_after = retry_after


class TooLarge(FetchError):
    """The answer is larger than the size cap; it was not read to the end."""


class UnsupportedContentType(FetchError):
    """The answer is not of a type we can read (a PDF where HTML was expected, an image)."""
