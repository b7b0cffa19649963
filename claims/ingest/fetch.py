"""Fetching a URL politely and defensively with httpx.

Redirects are followed (and the final URL kept), answers are streamed and abandoned at a size
cap, the content type is checked before the body is read, and every failure becomes a
:class:`~claims.ingest.types.FetchError` whose ``reason`` a person can read and whose
``retryable`` flag tells the task layer whether to try again later.
"""

from __future__ import annotations

import functools
import ipaddress
import socket
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from urllib.parse import urlsplit

import httpx

from claims.ingest.decoding import decode_bytes, sniff_binary_type
from claims.ingest.types import (
    DecodeError,
    FetchConnectionError,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    TooLarge,
    UnsupportedContentType,
)
from claims.ingest.urls import is_http_url

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_TIMEOUT",
    "DEFAULT_USER_AGENT",
    "FEED_TYPES",
    "HTML_TYPES",
    "FetchedPage",
    "describe_size",
    "fetch_url",
    "require_public_host",
]

DEFAULT_USER_AGENT = "ClaimsTracker/0.1 (+https://github.com/; quote tracker)"
DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_BYTES = 5_000_000
MAX_REDIRECTS = 10
# The whole body must arrive within this many times the (per-read) timeout.
TOTAL_TIME_FACTOR = 3

# Content types we read as pages.  Anything else (PDF, images, archives) is refused.
HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
# Feeds arrive under many labels; text/html is included because some servers mislabel them.
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
              "application/xml", "text/xml", "application/feed+json", "application/json",
              "text/html", "text/plain", "application/x-rss+xml", "application/octet-stream")


@dataclass
class FetchedPage:
    """A successful answer.  ``text`` is ``content`` decoded (see :mod:`claims.ingest.decoding`)."""

    requested_url: str
    final_url: str
    status: int
    content_type: str  # the media type only, lower case, "" when the server sent none
    content: bytes
    text: str
    encoding: str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def describe_size(n: int) -> str:
    """``5_000_000`` -> ``"5 MB"``, ``250_000`` -> ``"250 kB"``, ``900`` -> ``"900 bytes"``."""
    if n >= 1_000_000:
        return f"{n / 1_000_000:g} MB"
    if n >= 1_000:
        return f"{n / 1_000:g} kB"
    return f"{n} bytes"


def _media_type(header: str | None) -> tuple[str, str | None]:
    """Split a Content-Type header into (media type, charset)."""
    if not header:
        return "", None
    parts = [p.strip() for p in header.split(";")]
    media = parts[0].lower()
    charset = None
    for p in parts[1:]:
        key, _, value = p.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("'\"") or None
    return media, charset


def _type_allowed(media: str, allowed: Iterable[str]) -> bool:
    return not media or any(media == a or (a.endswith("/*") and media.startswith(a[:-1]))
                            for a in allowed)


def _refusal(media: str, expected: str) -> str:
    return f"not {expected} ({media})"


def _retry_after(value: str | None) -> float | None:
    """``Retry-After`` as seconds from now: a number, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - datetime.now(UTC)).total_seconds(), 0.0)


def require_public_host(url: str, *, requested: str | None = None) -> None:
    """Raise :class:`FetchError` unless every address of ``url``'s host is a public one."""
    host = urlsplit(url).hostname or ""
    try:
        addresses = [ipaddress.ip_address(host)]
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
        except (socket.gaierror, UnicodeError) as exc:
            raise FetchConnectionError(f"could not resolve {host} ({exc})",
                                       url=requested or url) from None
        addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    for address in addresses:
        mapped = getattr(address, "ipv4_mapped", None)
        if not (mapped or address).is_global:
            raise FetchError(f"refused: {host} is a private or local address ({address})",
                             url=requested or url)


def _status_reason(response: httpx.Response) -> str:
    # The standard phrase, not the server's spelling of it ("TOO MANY REQUESTS", "").
    try:
        phrase = HTTPStatus(response.status_code).phrase
    except ValueError:
        phrase = response.reason_phrase or ""
    return f"HTTP {response.status_code} {phrase}".strip()


def fetch_url(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    user_agent: str = DEFAULT_USER_AGENT,
    client: httpx.Client | None = None,
    allowed_types: Iterable[str] = HTML_TYPES,
    expected: str = "HTML",
    headers: Mapping[str, str] | None = None,
    public_only: bool = False,
) -> FetchedPage:
    """GET ``url``, following redirects, and return the decoded answer.

    ``timeout`` (seconds) applies to connecting and to each read, and the whole body must
    arrive within three times as long; ``max_bytes`` caps the body,
    which is streamed and abandoned as soon as it grows past the cap.  ``allowed_types`` lists
    the media types accepted (``expected`` names them in the refusal: "not HTML
    (application/pdf)").  ``headers`` are sent as well (``If-None-Match`` for feeds); a 304
    answer is returned with empty content.  ``client`` lets callers share a connection pool or
    inject a transport in tests; it must allow redirects to be followed per request.
    ``public_only`` refuses hosts that resolve to private, loopback, link-local or otherwise
    non-public addresses, at the first request and at every redirect (a guard against
    fetching internal services; it cannot stop DNS rebinding between check and connect).

    Raises :class:`FetchTimeout`, :class:`FetchConnectionError` (both retryable),
    :class:`HTTPStatusError` (retryable for 5xx, 408, 429), :class:`TooLarge`,
    :class:`UnsupportedContentType` or :class:`FetchError` (bad URL, too many redirects,
    undecodable text).
    """
    if not is_http_url(url):
        raise FetchError(f"not an http(s) URL: {url!r}", url=url)
    allowed = tuple(allowed_types)
    request_headers = {"User-Agent": user_agent,
                       "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"}
    if headers:
        request_headers.update(headers)
    own_client = client is None
    if own_client:
        client = httpx.Client(timeout=timeout, follow_redirects=True, max_redirects=MAX_REDIRECTS)
    read = functools.partial(_read_response, url, max_bytes=max_bytes, allowed=allowed,
                             expected=expected, total_time=TOTAL_TIME_FACTOR * timeout)
    try:
        if not public_only:
            with client.stream("GET", url.strip(), headers=request_headers, timeout=timeout,
                               follow_redirects=True) as response:
                return read(response)
        # Redirects followed one by one so that every hop's host is checked.
        current = url.strip()
        for _ in range(MAX_REDIRECTS + 1):
            require_public_host(current, requested=url)
            with client.stream("GET", current, headers=request_headers, timeout=timeout,
                               follow_redirects=False) as response:
                location = response.headers.get("location")
                if not (response.is_redirect and location):
                    return read(response)
                current = str(response.url.join(location))
                if not is_http_url(current):
                    raise FetchError(f"redirected to a URL that is not http(s): {current!r}",
                                     url=url)
        raise httpx.TooManyRedirects("too many redirects")
    except httpx.TimeoutException:
        raise FetchTimeout(f"timed out after {timeout:g} s", url=url) from None
    except httpx.TooManyRedirects:
        raise FetchError(f"too many redirects (more than {MAX_REDIRECTS})", url=url) from None
    except httpx.ConnectError as exc:
        raise FetchConnectionError(f"could not connect ({exc or 'connection failed'})",
                                   url=url) from None
    except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
        raise FetchError(f"cannot fetch this URL ({exc})", url=url) from None
    except httpx.TransportError as exc:
        reason = str(exc) or type(exc).__name__
        raise FetchConnectionError(f"network error ({reason})", url=url) from None
    finally:
        if own_client:
            client.close()


def _read_response(url: str, response: httpx.Response, *, max_bytes: int,
                   allowed: tuple[str, ...], expected: str, total_time: float) -> FetchedPage:
    final_url = str(response.url)
    if response.status_code == 304:
        return FetchedPage(url, final_url, 304, "", b"", "", None, dict(response.headers))
    if response.status_code >= 400:
        raise HTTPStatusError(_status_reason(response), url=url, status=response.status_code,
                              retry_after=_retry_after(response.headers.get("retry-after")))
    media, charset = _media_type(response.headers.get("content-type"))
    if not _type_allowed(media, allowed):
        raise UnsupportedContentType(_refusal(media, expected), url=url,
                                     status=response.status_code)
    cap = f"over the {describe_size(max_bytes)} size cap"
    declared_length = response.headers.get("content-length", "")
    if declared_length.isdigit() and int(declared_length) > max_bytes:
        raise TooLarge(cap, url=url, status=response.status_code)
    chunks: list[bytes] = []
    size = 0
    # httpx's timeout applies to each read; a server dripping bytes could go on forever, so
    # the whole body must also arrive within a few times the timeout.
    started = time.monotonic()
    for chunk in response.iter_bytes():
        if time.monotonic() - started > total_time:
            raise FetchTimeout(f"timed out after {total_time:g} s (the answer kept trickling)",
                               url=url, status=response.status_code)
        size += len(chunk)
        if size > max_bytes:
            raise TooLarge(cap, url=url, status=response.status_code)
        chunks.append(chunk)
    content = b"".join(chunks)
    sniffed = sniff_binary_type(content[:16])
    if sniffed and not _type_allowed(sniffed, allowed):
        raise UnsupportedContentType(_refusal(sniffed, expected), url=url,
                                     status=response.status_code)
    try:
        text, encoding = decode_bytes(content, charset, sniff=True, web_fallback=charset is None)
    except DecodeError as exc:
        raise FetchError(exc.reason, url=url, status=response.status_code) from None
    return FetchedPage(url, final_url, response.status_code, media, content, text, encoding,
                       dict(response.headers))
