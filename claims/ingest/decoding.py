"""Bytes to text: binary detection and charset decoding with readable failures.

Order of trust: a byte-order mark, then the charset the transport declared (HTTP header),
then one declared inside the document (``<meta charset>``, an XML declaration), then UTF-8.
Web pages that declare nothing may fall back to windows-1252, as browsers do; files do not,
because guessing would store mojibake where a clear error is better.
"""

from __future__ import annotations

import codecs
import re

from claims.ingest.types import DecodeError

__all__ = [
    "BINARY_REASON",
    "UNDECODABLE_REASON",
    "decode_bytes",
    "looks_binary",
    "sniff_binary_type",
    "sniff_charset",
]

BINARY_REASON = "binary file, not text"
UNDECODABLE_REASON = "not valid UTF-8 and no declared encoding could decode it"

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""")
# Magic numbers of formats that are certainly not text.
_MAGIC = (b"%PDF-", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b",
          b"BZh", b"7z\xbc\xaf", b"Rar!", b"\x7fELF", b"ID3", b"OggS", b"RIFF")


_SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF8", "image/gif"),
    (b"PK\x03\x04", "application/zip"),
    (b"\x1f\x8b", "application/gzip"),
)


def sniff_binary_type(data: bytes) -> str | None:
    """The media type of a few well-known binary formats, told from their first bytes."""
    for magic, media in _SIGNATURES:
        if data.startswith(magic):
            return media
    return None


# As the WHATWG encoding standard does: pages labelled with a legacy charset are read with
# the superset browsers use, so characters the label does not strictly cover still decode.
_WHATWG_SUPERSETS = {
    "latin-1": "cp1252", "iso8859-1": "cp1252", "ascii": "cp1252",
    "iso8859-9": "cp1254", "tis-620": "cp874", "iso8859-11": "cp874",
    "gb2312": "gb18030", "gbk": "gb18030",
    "big5": "big5hkscs",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
}


def _bom_encoding(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def looks_binary(data: bytes) -> bool:
    """True for data that is not text: a binary signature, or NUL bytes (outside UTF-16/32)."""
    if _bom_encoding(data) in ("utf-16", "utf-32"):
        return False
    head = data[:8192]
    return head.startswith(_MAGIC) or b"\x00" in head


def sniff_charset(data: bytes) -> str | None:
    """The charset a document declares about itself (``<meta charset>`` or XML declaration)."""
    head = data[:4096]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii").strip().lower() if m else None


def _lookup(name: str | None) -> str | None:
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip("'\""))
    except LookupError:
        return None
    return _WHATWG_SUPERSETS.get(codec.name, codec.name)


def decode_bytes(data: bytes, declared: str | None = None, *, sniff: bool = True,
                 web_fallback: bool = False) -> tuple[str, str]:
    """Decode ``data`` to text; return ``(text, encoding used)``.

    ``declared`` is a charset from the transport (an HTTP header).  ``sniff`` looks for a
    charset declared in the document itself.  ``web_fallback`` allows windows-1252 when nothing
    else decodes (a page that declares nothing).  Raises :class:`DecodeError` with
    :data:`BINARY_REASON` or :data:`UNDECODABLE_REASON`.
    """
    if looks_binary(data):
        raise DecodeError(BINARY_REASON)
    candidates: list[str] = []
    bom = _bom_encoding(data)
    if bom:
        candidates.append(bom)
    for name in (declared, sniff_charset(data) if sniff else None):
        codec = _lookup(name)
        if codec and codec not in candidates:
            candidates.append(codec)
    if "utf-8" not in candidates:
        candidates.append("utf-8")
    if web_fallback:
        candidates.append("cp1252")
    for codec in candidates:
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        return text, codec
    raise DecodeError(UNDECODABLE_REASON)
