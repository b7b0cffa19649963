"""A news page's HTML to a :class:`RawArticle`: trafilatura first, then the project's own rules.

trafilatura finds the main text and the metadata.  On top of it, general rules fix what it gets
wrong on real pages:

* **Title**: the visible ``<h1>`` wins when it agrees with the ``<title>`` tag (social-media
  ``og:title`` variants are often reworded), and a site-name suffix ("... - BBC News",
  "...-新华网") is removed only when something else on the page confirms the rest is the headline.
* **Byline**: trafilatura's author, cleaned of "By" and trailing dates; failing that an element
  marked as a byline, or a labelled line ("Author:", "作者：", "责任编辑：").
* **Canonical URL**: ``<link rel=canonical>`` or ``og:url``, ignored when it points at a home page.
* **Body**: one paragraph per line, blank lines between, cleaned by :mod:`claims.ingest.cleaning`.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from urllib.parse import urlsplit

import lxml.html
import trafilatura
from lxml import etree

from claims.extraction.language import detect_language
from claims.ingest.cleaning import clean_body
from claims.ingest.dates import parse_date
from claims.ingest.decoding import decode_bytes, sniff_binary_type
from claims.ingest.types import DecodeError, ParseError, RawArticle
from claims.ingest.urls import canonicalize_url, is_http_url, resolve_url

__all__ = ["NO_TEXT_REASON", "TRUNCATED_REASON", "clean_author", "parse_html"]

NO_TEXT_REASON = "no article text found (the page is empty, truncated or not an article)"
TRUNCATED_REASON = "truncated HTML (the page ends before </body> and </html>)"

# Fewer letters than this is a menu or an error page, not an article.
_MIN_LETTERS = 20
_SEPARATOR = re.compile(r"\s+[-|–—·•»:]\s+|\s*[|–—_]\s*|-")
_WEEKDAY = (r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
            r"mon|tue|wed|thu|fri|sat|sun)\b")
_MONTH = (r"(?:january|february|march|april|may|june|july|august|september|october|november|"
          r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?")
# Months that are also given names end a byline only when followed by a day number.
_NAME_MONTHS = {"may", "june", "april", "august"}
_BY_PREFIX = re.compile(
    r"^(?:(?:article|story|text|words|written|posted|published|reported|report)\s+)?by\b\s*:?\s*",
    re.IGNORECASE)
_AUTHOR_LABEL = re.compile(
    r"^(?:author|authors|written\ by|reporter|editor|作者|记者|责任编辑|编辑|撰文|文)"
    r"\s*[:：]\s*(.*)$",
    re.IGNORECASE)
_BYLINE_ATTR = re.compile(r"byline|(?<![a-z])author(?!ity)", re.IGNORECASE)
_BYLINE_ATTRS = ("class", "rel", "itemprop", "data-testid", "id")
_NAME_PARTICLES = {"and", "de", "van", "von", "da", "di", "la", "le", "bin", "al", "der", "du"}
_NOT_NAMES = {"name", "author", "by", "admin", "staff", "editor", "anonymous", "unknown"}


def _text(node) -> str:
    return " ".join(" ".join(node.itertext()).split())


def _parse_tree(text: str):
    # lxml refuses str input that carries an XML encoding declaration; the text is decoded
    # already, so the declaration is dropped rather than letting lxml re-decode bytes by it.
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    try:
        return lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return None


def _meta(tree, *keys: str) -> list[str]:
    out = []
    for key in keys:
        for value in tree.xpath(f'//meta[@property="{key}" or @name="{key}"]/@content'):
            value = " ".join(value.split())
            if value:
                out.append(value)
    return out


def _host_label(url: str | None) -> str:
    """The distinctive label of a host: "www.bbc.co.uk" -> "bbc", "abc13.com" -> "abc13"."""
    if not url:
        return ""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    labels = [x for x in host.split(".") if x]
    generic = {"com", "co", "org", "net", "gov", "ac", "edu", "news"}
    while len(labels) > 1 and (labels[-1] in generic or len(labels[-1]) <= 2):
        labels.pop()
    return labels[-1] if labels else ""


def _squash(s: str) -> str:
    return re.sub(r"[\W_]+", "", s.casefold())


def _looks_like_site_name(suffix: str, site_names: list[str], url: str | None) -> bool:
    s = _squash(suffix)
    if not s or len(suffix) > 60:
        return False
    if any(_squash(n) == s for n in site_names):
        return True
    label = _squash(_host_label(url))
    return (len(label) >= 3 and label in s) or (len(s) >= 4 and s in label)


def _begins_with(text: str, head: str) -> bool:
    """``text`` starts with the whole of ``head`` (long enough to mean something)."""
    return (len(head) >= 8 and text.startswith(head)
            and (len(text) == len(head) or not text[len(head)].isalnum()))


def _strip_site_name(title: str, *, confirm: list[str], descriptions: list[str],
                     site_names: list[str], url: str | None) -> str:
    """Remove a trailing site name from ``title`` when the page confirms what is left.

    The rest counts as the headline when it equals a confirming title (``<h1>``, ``og:title``),
    a description begins with it, or the removed part names the site.  Applied repeatedly so
    "Headline – Site Name — site.com" loses both suffixes.
    """
    confirmed = {" ".join(c.split()).casefold() for c in confirm}
    for _ in range(3):
        cut = None
        for m in reversed(list(_SEPARATOR.finditer(title))):
            head, tail = title[: m.start()].strip(), title[m.end():].strip()
            if not head or not tail:
                continue
            if (head.casefold() in confirmed
                    or any(_begins_with(d, head) for d in descriptions)
                    or _looks_like_site_name(tail, site_names, url)):
                cut = head
                break
        if cut is None:
            break
        title = cut
    return title


def _choose_title(tree, extracted: str | None, url: str | None) -> str:
    if tree is None:
        return " ".join((extracted or "").split())
    title_tags = [_text(t) for t in tree.xpath("//head/title | /html/title")]
    h1s = [t for t in (_text(h) for h in tree.xpath("//h1")) if t]
    og = _meta(tree, "og:title", "twitter:title")
    descriptions = _meta(tree, "description", "og:description")
    site_names = _meta(tree, "og:site_name", "application-name")
    title_tag = next((t for t in title_tags if t), "")
    stripped_tag = _strip_site_name(title_tag, confirm=h1s + og, descriptions=descriptions,
                                    site_names=site_names, url=url) if title_tag else ""
    # The visible headline, when the <title> tag agrees with it.
    for h1 in h1s:
        if h1.casefold() in (title_tag.casefold(), stripped_tag.casefold()):
            return h1
    if extracted:
        extracted = " ".join(extracted.split())
        # trafilatura cuts titles at the first " - "; keep the tail unless the page shows
        # that it is the site's name ("Russia - China ties" is one headline).
        if stripped_tag.casefold().startswith(extracted.casefold()):
            return stripped_tag
        # trafilatura sometimes returns a CMS name or a fragment; trust it only when the page
        # shows it somewhere a headline lives.
        known = [title_tag, *h1s, *og]
        if any(extracted.casefold() in k.casefold() for k in known if k) or not title_tag:
            return _strip_site_name(extracted, confirm=h1s + og, descriptions=descriptions,
                                    site_names=site_names, url=url)
    return stripped_tag or (extracted or "")


def clean_author(value: str | None) -> str:
    """Tidy a byline: drop "By", trailing dates and times, separators; "" when nothing is left."""
    if not value:
        return ""
    text = " ".join(value.split())
    text = _BY_PREFIX.sub("", text)
    # Cut at a weekday, a month followed by a day, or a digit: what follows is a date or time.
    cut = re.search(rf"\b{_WEEKDAY}|\b{_MONTH}\s+\d|\d", text, re.IGNORECASE)
    if cut:
        text = text[: cut.start()]
    tail = re.search(rf"\b({_MONTH})\s*$", text, re.IGNORECASE)
    if tail and tail.group(1).rstrip(".").casefold() not in _NAME_MONTHS:
        text = text[: tail.start()]
    text = re.sub(r"^[\s,;:|•·/–—-]+|[\s,;:|•·/–—-]+$", "", text)
    text = _BY_PREFIX.sub("", text).strip()
    if re.fullmatch(r"(?i)(?:article|story|written|posted|published)?\s*by", text):
        return ""
    if not text or text.casefold() in _NOT_NAMES or len(text) > 100:
        return ""
    return text


def _looks_like_name(text: str) -> bool:
    words = text.split()
    if not 1 <= len(words) <= 8:
        return False
    if len(words) == 1:
        return not text.isascii()  # a single CJK name; a single Latin word is too weak a signal
    return all(w[:1].isupper() or w.casefold() in _NAME_PARTICLES or not w[:1].isascii()
               for w in words)


def _byline_from_markup(tree) -> str:
    """An author from elements marked as bylines, outside forms and comments."""
    xpath = ("//*[@rel='author' or @itemprop='author' or contains(@class,'byline') or "
             "contains(@class,'author') or contains(@data-testid,'byline') or "
             "contains(@id,'byline')]")
    for node in tree.xpath(xpath):
        if node.xpath("ancestor-or-self::form | ancestor-or-self::*[contains(@class,'comment')]"):
            continue
        marker = " ".join(str(node.get(a, "")) for a in _BYLINE_ATTRS)
        if not _BYLINE_ATTR.search(marker):
            continue
        name = clean_author(_text(node))
        if name and _looks_like_name(name):
            return name
    return ""


def _byline_from_label(tree) -> str:
    """An author from a labelled line of the page ("Author: ...", "责任编辑：...")."""
    body = tree.find("body") if tree is not None else None
    if body is None:
        return ""
    lines = [" ".join(x.split()) for x in "\n".join(body.itertext()).split("\n")]
    lines = [x for x in lines if x]
    for i, line in enumerate(lines):
        m = _AUTHOR_LABEL.match(line)
        if not m:
            continue
        value = m.group(1).strip() or (lines[i + 1] if i + 1 < len(lines) else "")
        name = clean_author(value)
        if name and len(name) <= 40 and _looks_like_name(name):
            return name
    return ""


def _canonical(tree, url: str | None) -> str | None:
    hrefs = []
    if tree is not None:
        for link in tree.xpath("//link[@href]"):
            rel = (link.get("rel") or "").lower().split()
            if "canonical" in rel:
                hrefs.append(link.get("href"))
        hrefs += _meta(tree, "og:url")
    for href in hrefs:
        absolute = resolve_url(href, url)
        if not absolute:
            continue
        # A canonical link to the home page from an article page is a template mistake.
        if urlsplit(absolute).path.strip("/") == "" and url and urlsplit(url).path.strip("/"):
            continue
        try:
            return canonicalize_url(absolute)
        except ValueError:
            continue
    if url and is_http_url(url):
        return canonicalize_url(url)
    return None


def _page_language(tree) -> str | None:
    if tree is None:
        return None
    for value in tree.xpath("/html/@lang | /html/@xml:lang", namespaces={"xml": "http://www.w3.org/XML/1998/namespace"}):
        code = value.strip().split("-")[0].split("_")[0].lower()
        if re.fullmatch(r"[a-z]{2}", code):
            return code
    return None


def _json_ld_dates(tree) -> list[str]:
    found: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            value = node.get("datePublished")
            if isinstance(value, str):
                found.append(value)
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            walk(json.loads(script))
        except ValueError:
            continue
    return found


def _published_time(tree, day) -> datetime | None:
    """The publication time of day, from the page's metadata, when it agrees with ``day``.

    trafilatura gives only a date; pages state the time in ``article:published_time``,
    ``itemprop=datePublished`` or JSON-LD.  A value counts only when its own local date is
    ``day``, so a modified time or a related article's date is never taken.
    """
    candidates = _meta(tree, "article:published_time", "og:published_time", "datePublished")
    candidates += [v.strip() for v in tree.xpath('//*[@itemprop="datePublished"]/@content | '
                                                 '//*[@itemprop="datePublished"]/@datetime')]
    candidates += _json_ld_dates(tree)
    for value in candidates:
        if not re.search(r"\d[T ]\d{1,2}:\d{2}", value):
            continue
        try:
            when = parse_date(value)
        except ValueError:
            continue
        if when is not None and when.date() == day:
            return when
    return None


def _looks_truncated(text: str) -> bool:
    """A document that opens <html> but never closes <body> or <html> was cut off."""
    lower = text.lower()
    return "<html" in lower[:4096] and "</body>" not in lower and "</html>" not in lower


def parse_html(html: str | bytes, url: str | None = None, *, source: str = "",
               final_url: str | None = None, outlet: str = "") -> RawArticle:
    """Extract the article from a page.

    Takes the page as text or bytes (bytes are decoded by BOM, ``<meta charset>``, UTF-8, then
    windows-1252) and the page's URL when known (it helps trafilatura and resolves relative
    canonical links).  Returns a :class:`RawArticle` whose body has one paragraph per line with
    blank lines between, ``published_at`` from the page's date (with its time and offset when
    the page's metadata states them for that day, else midnight UTC), and ``language``
    detected from the body (or the page's ``lang`` when the body is too short to tell).
    Raises :class:`ParseError` (no text, truncated page) or :class:`DecodeError` (binary data,
    a PDF, undecodable bytes).
    """
    if isinstance(html, bytes):
        kind = sniff_binary_type(html[:16])
        if kind:
            raise DecodeError(f"not HTML ({kind})")
        html, _encoding = decode_bytes(html, sniff=True, web_fallback=True)
    # As browsers do: a NUL is a replacement character (PostgreSQL cannot store NUL in text).
    html = html.replace("\x00", "\ufffd")
    if not html.strip():
        raise ParseError("empty page")
    if _looks_truncated(html):
        raise ParseError(TRUNCATED_REASON)
    base = final_url or url
    tree = _parse_tree(html)
    doc = trafilatura.bare_extraction(html, url=base, with_metadata=True, include_comments=False)
    if doc is None or not (doc.text or "").strip():
        raise ParseError(NO_TEXT_REASON)
    title = _choose_title(tree, doc.title, base)
    body = clean_body(doc.text, title=title)
    if len(re.findall(r"[^\W\d_]", body)) < _MIN_LETTERS:
        raise ParseError(NO_TEXT_REASON)
    byline = clean_author(doc.author)
    if tree is not None and not byline:
        byline = _byline_from_markup(tree) or _byline_from_label(tree)
    site = outlet or (doc.sitename or "").strip()
    if byline and _squash(byline) in {_squash(site), _squash(_host_label(base))}:
        byline = ""  # the outlet's name is not an author
    try:
        published_at = parse_date(doc.date) if doc.date else None
    except ValueError:
        published_at = None
    if published_at is not None and tree is not None:
        published_at = _published_time(tree, published_at.date()) or published_at
    return RawArticle(
        url=url,
        title=title,
        body=body,
        published_at=published_at,
        byline=byline,
        outlet=site,
        canonical_url=_canonical(tree, base),
        language=detect_language(body) or _page_language(tree),
        source=source or (url or ""),
        final_url=final_url,
    )
