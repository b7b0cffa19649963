"""Site furniture: the lines a web page wraps around an article that are not its text.

Navigation ("Previous Article", "Next Article" and the headline that follows each), reading
aids ("No time to read?", "Get a summary"), share, subscribe, follow and sign-up prompts,
"Advertisement" and "Read more:" / "Related:" lines.  Extraction ignores these spans without
changing the text, so offsets still point into what was given; ingest may remove them with
:func:`strip_furniture` before an article body is stored.

Rules work on whole lines and only on short ones, so a sentence of article text that happens
to contain "share" or "subscribe" is never taken for furniture.
"""

from __future__ import annotations

import re

__all__ = ["furniture_spans", "in_furniture", "strip_furniture"]

# A furniture line is short; article sentences mentioning the same words are longer.
_MAX_LINE = 90

# Lines that are furniture in their entirety (matched against the stripped line).
_WHOLE_LINE = re.compile(
    r"""^(?:
        no\ time\ to\ read\??
      | get\ (?:a|the)\ summary
      | summari[sz]e(?:\ this\ article)?
      | advertisement
      | advertising
      | sponsored(?:\ content)?
      | story\ continues\ below(?:\ advertisement)?
      | article\ continued\ below
      | article\ continues\ below(?:\ advertisement)?
      | continue\ reading(?:\ below)?
      | skip\ to\ (?:main\ )?content
      | back\ to\ top
      | print(?:\ this\ (?:article|page))?
      | e-?mail(?:\ this\ (?:article|page))?
      | comments?
      | \d+\ comments?
      | share
      | share\ this(?:\ (?:article|story|post|page))?(?:\ on\ .+)?
      | share\ (?:on|via|to)\ .+
      | tweet(?:\ this)?
      | (?:{net})(?:\s*[|·•,/]\s*(?:{net}))*
      | (?:please\ )?subscribe\b.*
      | (?:please\ )?sign\ up\b.*
      | follow\ (?:us|me)\b.*
      | like\ us\ on\ .+
      | join\ (?:us|our\ (?:newsletter|mailing\ list|channel))\b.*
      | (?:get|receive)\ (?:our|the)\ (?:newsletter|daily\ briefing)\b.*
      | newsletter(?:\ sign-?up)?
      | (?:read|see)\ (?:more|also)\b.*
      | related(?:\ (?:articles?|stories|content|coverage|posts?|reading))?(?:\s*:.*)?
      | more\ (?:on\ this\ story|from\ .+|stories)
      | (?:image|photo|video)\ (?:caption|credit|source)\b.*
      | click\ here\b.*
      | trending(?:\ now)?
      | most\ (?:read|popular)
      | (?:previous|next|prev)\ (?:article|post|story)
      | (?:«|‹|<)?\s*(?:previous|next|prev)\s*(?:»|›|>)?
      | (?:leave|post)\ a\ (?:comment|reply)
      | (?:tags?|topics?|filed\ under)\s*:.*
      | listen\ to\ (?:this\ )?(?:article|story)\b.*
      | \d+\ min(?:ute)?s?\ read
    )[\s.!:]*$""".replace(
        "{net}", "facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|email"
    ),
    re.IGNORECASE | re.VERBOSE,
)

# A link to another story, however long its headline: "READ MORE: ...", "WATCH: ...".
_LINK_LINE = re.compile(
    r"^(?:read more|see also|more|related|watch|listen|video|photos?|also read)\s*:\s*\S",
    re.IGNORECASE,
)

# Navigation lines after which the next non-empty line is another article's headline.
_NAV = re.compile(
    r"^(?:«|‹|<)?\s*(?:previous|next|prev)(?:\s+(?:article|post|story))?\s*(?:»|›|>)?$",
    re.IGNORECASE,
)

_LINE = re.compile(r"[^\n]*(?:\n|$)")


def _lines(text: str):
    """Yield (start, end, stripped) for each line; end excludes the newline."""
    for m in _LINE.finditer(text):
        if m.start() == m.end():
            break
        s, e = m.start(), m.end()
        if text[e - 1 : e] == "\n":
            e -= 1
        yield s, e, text[s:e].strip()


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """Find site furniture in ``text``.

    Takes the article text as given and returns sorted ``(start, end)`` character spans, one per
    furniture line, each covering the line without its newline.  Returns ``[]`` when there is
    none.  Never raises on any ``str``.
    """
    if not text:
        return []
    spans: list[tuple[int, int]] = []
    expect_headline = False
    for s, e, line in _lines(text):
        if not line:
            continue
        if expect_headline:
            # The line after "Next Article" is the linked article's headline: a short line with
            # no sentence-final full stop.  Anything else means the navigation block has ended.
            expect_headline = False
            quoted_headline = line[:1] in "\"“‘'" and line[-1:] in "\"”’'"
            if (
                len(line) <= 200
                and not _WHOLE_LINE.match(line)
                and (quoted_headline or not line.endswith((".", '"', "”", "!", "?")))
            ):
                spans.append((s, e))
                continue
        if (len(line) <= _MAX_LINE and _WHOLE_LINE.match(line)) or (
            len(line) <= 250 and _LINK_LINE.match(line)
        ):
            spans.append((s, e))
            if _NAV.match(line):
                expect_headline = True
    return spans


def in_furniture(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Return True when ``[start, end)`` overlaps any of the furniture ``spans``."""
    return any(s < end and start < e for s, e in spans)


def strip_furniture(text: str) -> str:
    """Return ``text`` without its furniture lines (each removed with its newline).

    Blank lines left behind are collapsed to at most one blank line so paragraphs stay apart.
    """
    spans = furniture_spans(text)
    if not spans:
        return text
    out = []
    pos = 0
    for s, e in spans:
        out.append(text[pos:s])
        pos = e + 1 if text[e : e + 1] == "\n" else e
    out.append(text[pos:])
    cleaned = "".join(out)
    cleaned = re.sub(r"\n{3,}", "\n\n", cleaned)
    return cleaned.strip("\n") + ("\n" if text.endswith("\n") and cleaned.strip() else "")
