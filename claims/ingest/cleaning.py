"""The project's own body cleaning, applied after trafilatura and the shared furniture rules.

General rules only (no site is named here): each removes a kind of line that news pages put
around an article and that is never article text.  Lines are judged whole, and only short
ones, so an article sentence that mentions copyright or an app is kept.
"""

from __future__ import annotations

import re
import unicodedata

from claims.extraction.furniture import strip_furniture

__all__ = ["clean_body", "is_boilerplate_line", "paragraphs"]

_MAX_NOTICE = 400

# Copyright and reprint notices.
_NOTICE = re.compile(
    r"""^(?:©|\(c\)\s|copyright\b)
      | all\ rights\ reserved
      | copyrighted\ (?:property|material)
      | (?:written\ )?permission\ must\ be\ obtained
      | may\ not\ be\ (?:published|reproduced|republished|redistributed|rewritten|broadcast)
      | (?:reprint(?:ing)?|reproduc\w+|republish\w*)\b.{0,40}
        \bwithout\ (?:prior\ )?(?:written\ )?permission
    """,
    re.IGNORECASE | re.VERBOSE,
)
# "Download our app for iOS and Android", "Get the app on Google Play".
_APP_PROMO = re.compile(
    r"""\b(?:download|get|install)\b.{0,80}\bapps?\b.{0,40}
        \b(?:ios|android|app\ store|google\ play)\b""",
    re.IGNORECASE | re.VERBOSE,
)
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
# A line that is only a time stamp: "Posted on", "Posted: Thursday, April 21, 2022. 10:11 pm CST."
_STAMP = re.compile(
    rf"""^(?:(?:posted|published|updated|last\ updated|first\ published)(?:\ on|\ at)?\s*:?\s*)?
      (?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?
      (?:{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s*\d{{4}}
        |\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\.?,?\s*\d{{4}}
        |\d{{4}}-\d{{2}}-\d{{2}}
        |\d{{1,2}}/\d{{1,2}}/\d{{2,4}})?
      [\s.,•|-]*
      (?:(?:at\s+)?\d{{1,2}}[:.]\d{{2}}\s*(?:[ap]\.?m\.?)?\s*(?:[a-z]{{2,5}})?)?
      [\s.]*$""",
    re.IGNORECASE | re.VERBOSE,
)
_STAMP_LEAD = re.compile(
    r"^(?:posted|published|updated|last updated|first published)\b", re.IGNORECASE
)


# Every block holding Cyrillic letters (tests/ingest checks it against unicodedata).
_CYRILLIC = re.compile(
    "[\u0400-\u052f\u1c80-\u1c8f\u1d2b\u2de0-\u2dff\ua640-\ua69f\U0001e030-\U0001e08f]"
)


def _mixed_script_words(line: str) -> int:
    """How many words mix Latin and Cyrillic letters.

    Spam swaps Latin letters for look-alike Cyrillic ones to slip past filters; real text in
    either script does not mix them inside a word.
    """
    # Most lines hold no Cyrillic letter at all, and then no word can mix the two scripts;
    # naming every character costs more than the rest of the cleaning together.
    if line.isascii() or not _CYRILLIC.search(line):
        return 0
    count = 0
    for word in re.findall(r"[^\W\d_]{2,}", line):
        scripts = set()
        for ch in word:
            name = unicodedata.name(ch, "")
            if name.startswith("LATIN"):
                scripts.add("L")
            elif name.startswith("CYRILLIC"):
                scripts.add("C")
        if len(scripts) == 2:
            count += 1
    return count


def _is_stamp(line: str) -> bool:
    if len(line) > 80 or not any(ch.isalnum() for ch in line):
        return False
    if not _STAMP.match(line):
        return False
    # A bare word like "May" must not count: a stamp has a digit or starts with "Posted" etc.
    return bool(re.search(r"\d", line)) or bool(_STAMP_LEAD.match(line))


def is_boilerplate_line(line: str) -> bool:
    """True for a line that is a notice, an app promotion, a bare time stamp or homoglyph spam."""
    line = line.strip()
    if not line:
        return False
    if len(line) <= _MAX_NOTICE and (_NOTICE.search(line) or _APP_PROMO.search(line)):
        return True
    if _is_stamp(line):
        return True
    return _mixed_script_words(line) >= 2


def paragraphs(text: str) -> list[str]:
    """Split ``text`` into its non-empty lines, each stripped, inner whitespace collapsed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out = []
    for line in text.split("\n"):
        line = " ".join(line.split())
        if line:
            out.append(line)
    return out


def clean_body(text: str, *, title: str | None = None, reflow: bool = True) -> str:
    """Return the article body cleaned, paragraphs separated by one blank line.

    Removes the shared furniture lines (:func:`strip_furniture`), then notices, app promotions,
    bare time stamps and homoglyph spam lines, and a first line that only repeats ``title``.
    With ``reflow`` (extracted HTML) every line becomes a paragraph; without it (text a person
    typed or pasted) the lines are kept as given and only runs of blank lines are collapsed.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if reflow:
        lines = paragraphs(text)
    else:
        lines = [line.rstrip() for line in text.split("\n")]
    lines = [line for line in lines if not is_boilerplate_line(line)]
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if title and first is not None and _same_text(lines[first], title):
        del lines[first]
    joined = "\n\n".join(lines) if reflow else "\n".join(lines)
    cleaned = strip_furniture(joined)
    return re.sub(r"\n[ \t]*\n(?:[ \t]*\n)+", "\n\n", cleaned).strip()


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()
