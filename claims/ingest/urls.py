"""Canonical URLs: one spelling per article, so a re-import finds what is already stored.

Tracking parameters, fragments, default ports and letter case in scheme and host change
nothing about which page is meant; they are removed.  The path keeps its case (servers may
treat it as significant) and loses a trailing slash, so ``/a/`` and ``/a`` are one article.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

__all__ = ["TRACKING_PARAMS", "canonicalize_url", "is_http_url", "resolve_url"]

# Query parameters that only say how a reader arrived (campaigns, click ids, referrers).
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid",
    "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id",
    "ref", "ref_src", "ref_url", "referrer", "cmpid", "ncid", "ocid", "sr_share", "smid",
    "at_medium", "at_campaign", "wt.mc_id", "s_cid", "xtor", "guccounter", "guce_referrer",
    "guce_referrer_sig", "spm", "share",
})
_TRACKING_PREFIXES = ("utm_", "pk_", "hmb_", "itm_")

_DEFAULT_PORTS = {"http": 80, "https": 443}
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def is_http_url(value: object) -> bool:
    """True when ``value`` is a string holding an absolute http(s) URL with a host."""
    if not isinstance(value, str):
        return False
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def _is_tracking(name: str) -> bool:
    name = name.lower()
    return name in TRACKING_PARAMS or name.startswith(_TRACKING_PREFIXES)


def canonicalize_url(url: str) -> str:
    """Return the canonical spelling of an absolute http(s) ``url``.

    Lower-cases scheme and host, drops default ports, the fragment, the user's tracking
    parameters (``utm_*``, ``fbclid``, ``gclid``, ``mc_cid``, ``ref``...), sorts the remaining
    query parameters and removes a trailing slash from the path (the root stays ``/``).
    Idempotent: ``canonicalize_url(canonicalize_url(u)) == canonicalize_url(u)``.
    Raises ``ValueError`` for anything that is not an absolute http(s) URL.
    """
    if not is_http_url(url):
        raise ValueError(f"not an http(s) URL: {url!r}")
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = parts.hostname or ""
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError as exc:
        raise ValueError(f"not an http(s) URL: {url!r} ({exc})") from None
    netloc = host
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        netloc = f"{host}:{port}"
    if parts.username is not None:
        userinfo = parts.username + (f":{parts.password}" if parts.password is not None else "")
        netloc = f"{userinfo}@{netloc}"
    path = parts.path.rstrip("/") or "/"
    query_pairs = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                   if not _is_tracking(k)]
    query = urlencode(sorted(query_pairs))
    return urlunsplit((scheme, netloc, path, query, ""))


def resolve_url(href: str | None, base: str | None) -> str | None:
    """Resolve ``href`` (possibly relative) against ``base``; None unless the result is http(s)."""
    if not href:
        return None
    href = href.strip()
    try:
        absolute = urljoin(base, href) if base and not _SCHEME.match(href) else href
    except ValueError:
        return None
    if absolute.startswith("//") and base:
        absolute = f"{urlsplit(base).scheme}:{absolute}"
    return absolute if is_http_url(absolute) else None
