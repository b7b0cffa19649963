"""Lenient date parsing for imported articles: ISO 8601, RFC 2822 and plain written dates."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from email.utils import parsedate_to_datetime

__all__ = ["as_aware", "parse_date"]

_PLAIN_FORMATS = (
    "%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d",
    "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y",
    "%d %B, %Y", "%d %b, %Y", "%A, %B %d, %Y", "%A, %d %B %Y", "%a, %d %b %Y",
    "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y/%m/%d %H:%M:%S",
    "%B %d, %Y %I:%M %p", "%b %d, %Y %I:%M %p", "%d %B %Y %H:%M",
)


def as_aware(value: datetime) -> datetime:
    """Return ``value`` with a time zone: its own offset when it has one, else UTC.

    The source's offset is kept so that ``.date()`` is the day the source printed; the
    database stores the instant either way.
    """
    if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        return value.replace(tzinfo=UTC)
    return value


def parse_date(value: object) -> datetime | None:
    """Parse a publication date leniently into an aware datetime (UTC when no zone is given).

    Takes a ``datetime``, a ``date``, or a string in ISO 8601 (``2020-04-10T08:30:00Z``),
    RFC 2822 (``Fri, 10 Apr 2020 08:30:00 GMT``) or a plain written form (``10 April 2020``,
    ``April 10, 2020``, ``2020/04/10``).  Empty values give ``None``; anything else that cannot
    be read raises ``ValueError`` with a readable message.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return as_aware(value)
    if isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=UTC)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value, tz=UTC)
        except (OverflowError, OSError, ValueError):
            raise ValueError(f"unreadable date {value!r}") from None
    if not isinstance(value, str):
        raise ValueError(f"unreadable date {value!r}")  # noqa: TRY004 (one error type for callers)
    text = " ".join(value.split())
    if not text:
        return None
    iso = text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text
    try:
        return as_aware(datetime.fromisoformat(iso))
    except ValueError:
        pass
    try:
        return as_aware(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        pass
    # "April 10th, 2020" -> "April 10, 2020"
    plain = re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", text, flags=re.IGNORECASE)
    for fmt in _PLAIN_FORMATS:
        try:
            return as_aware(datetime.strptime(plain, fmt))
        except ValueError:
            continue
    raise ValueError(f"unreadable date {value!r}")
