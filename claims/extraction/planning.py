"""The parse plan of one article: which of its sentences are worth parsing, and where its
quotes are.

Checks the text first (not text, empty, too long, not English: an :class:`ExtractionResult`
that says why nothing was extracted), then finds site furniture, quote-mark pairs and
sentences, and keeps as parse units only the sentences that can hold a statement: those with a
quote boundary and those with a cue-verb form outside quotes (each word looked up in the
lexicon's inflected forms), and the one before a quote that opens a paragraph (a floating quote's
speaker is often named there).  The :class:`Plan` also answers the position questions every later
pass asks: is an offset inside a quote, which quote pieces are near a span, which stretches of
a span lie outside quotes.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from .attribution import may_start_cue
from .furniture import furniture_spans, in_furniture
from .language import detect_language, foreign_language
from .lexicon import cue_lexicon, word_list
from .names import ArticleNames
from .quotes_direct import QuoteSpan, find_quote_spans
from .sentences import split_sentences
from .types import ExtractionResult

__all__ = [
    "Plan",
    "candidate_units",
    "inside_quote_test",
    "needs_entities",
    "needs_parse",
    "outside_quotes",
    "plan_article",
    "quotes_near",
]

# A "sentence" longer than this is cut before parsing: bad input must not stall the parser.
_MAX_UNIT = 1500


@dataclass
class Plan:
    """One article ready for its parse: its text, date and language, the furniture spans to
    ignore, its quote pieces (in text order), its sentences and the units to parse."""

    text: str
    published: date | None
    language: str | None
    furniture: list[tuple[int, int]]
    quotes: list[QuoteSpan]
    sentences: list[tuple[int, int]]
    units: list[tuple[int, int]]
    names: ArticleNames | None = None  # filled in by the analysis

    @cached_property
    def quote_starts(self) -> list[int]:
        """Where each quote piece starts (the pieces are in text order): for bisecting."""
        return [q.start for q in self.quotes]


def plan_article(
    text, published: date | None, language: str | None, max_chars: int
) -> Plan | ExtractionResult:
    """The :class:`Plan` of one article, or the :class:`ExtractionResult` saying why it is not
    analysed.  ``language`` (ISO 639-1), when given, is not detected again."""
    if not isinstance(text, str):
        return ExtractionResult([], "not text", None)
    if not text.strip():
        return ExtractionResult([], "empty text", None)
    if len(text) > max_chars:
        return ExtractionResult([], f"text over {max_chars:,} characters", None)
    if not language:
        language = detect_language(text)
    foreign = foreign_language(text, language)
    if foreign is not None:
        return ExtractionResult([], f"not English (detected {foreign!r})", foreign)
    furniture = furniture_spans(text)
    quotes = find_quote_spans(text, furniture)
    sentences = [s for s in split_sentences(text) if not in_furniture(furniture, *s)]
    units = candidate_units(text, sentences, quotes)
    return Plan(text, published, language, furniture, quotes, sentences, units)


def inside_quote_test(plan: Plan):
    """A test of whether a character offset lies inside a quote's marks."""
    inner = [q.inner for q in plan.quotes]
    starts = [a for a, _ in inner]

    def inside_quote(pos: int) -> bool:
        i = bisect.bisect_right(starts, pos) - 1
        return i >= 0 and inner[i][0] <= pos < inner[i][1]

    return inside_quote


def candidate_units(text: str, sentences, quotes: list[QuoteSpan]) -> list[tuple[int, int]]:
    """Sentences worth parsing: a quote starts or ends in them, or a cue form occurs outside
    quotes.  Sentences wholly inside a quote are skipped: speech reported inside a quote is
    the quoted speaker's, not the article's."""
    forms = cue_lexicon().lemma_of
    bounds = sorted({q.start for q in quotes} | {q.end - 1 for q in quotes})
    inner = [q.inner for q in quotes]
    inner_starts = [a for a, _ in inner]

    def inside(pos: int) -> bool:
        i = bisect.bisect_right(inner_starts, pos) - 1
        return i >= 0 and inner[i][0] <= pos < inner[i][1]

    # The sentence before a quote that opens a paragraph may name its speaker (a floating
    # quote: `Economist Priya Nair has studied the market. "Prices will rise."`); parse it.
    para_openers = {q.start for q in quotes if q.start == 0 or text[q.start - 1] == "\n"}
    before_quote = set()
    for k, (s, _e) in enumerate(sentences):
        if s in para_openers and k > 0:
            before_quote.add(k - 1)
    units = []
    for k, (s, e) in enumerate(sentences):
        # ``b`` indexes ``bounds``, ``k`` the sentences (before_quote holds sentence indices).
        b = bisect.bisect_left(bounds, s)
        has_bound = b < len(bounds) and bounds[b] < e
        keep = has_bound or k in before_quote
        if not keep:
            for start, word in _cue_forms(text, s, e, forms):
                if not inside(start) and _looks_like_cue(text, word, start, s):
                    keep = True
                    break
        if keep:
            while e - s > _MAX_UNIT:
                cut = text.rfind(" ", s, s + _MAX_UNIT)
                cut = cut if cut > s else s + _MAX_UNIT
                units.append((s, cut))
                s = cut
                while s < e and text[s].isspace():
                    s += 1
            if e > s:
                units.append((s, e))
    return units


# Words after which a cue form is a noun ("the report", "his comments"), not a verb.
_DETERMINERS = word_list("determiners")
_PREV_WORD = re.compile(r"([A-Za-z]+)\W*$")


# Words as the lexicon's pattern bounds them (``\b``); "according to" with one space.
_WORD = re.compile(r"\b\w+\b")
_TO = re.compile(r" to\b", re.IGNORECASE)


def _cue_forms(text: str, s: int, e: int, forms):
    """``(start, word)`` of each cue form in ``text[s:e]``: the matches of the lexicon's
    ``pattern`` (``\b(?:form|...)\b|\baccording to\b``, case ignored), found by looking each
    word up instead of trying 581 alternatives at every character (a tenth of the time)."""
    for m in _WORD.finditer(text, s, e):
        word = m.group()
        low = word.lower()
        if low in forms:
            yield m.start(), word
        elif low == "according":
            to = _TO.match(text, m.end(), e)
            if to:
                yield m.start(), text[m.start() : to.end()]


def _looks_like_cue(text: str, word: str, start: int, sentence_start: int) -> bool:
    """Cheap test that a cue-form match may be a verb: not capitalised mid-sentence ("United
    States", "Washington Post") and not after a determiner ("the report")."""
    if word[0].isupper() and start > sentence_start and word.lower() != "according to":
        return False
    prev = _PREV_WORD.search(text, max(sentence_start, start - 20), start)
    return not (prev and prev.group(1).lower() in _DETERMINERS)


def needs_parse(plan: Plan, off: int, doc, inside_quote, tagged: bool) -> bool:
    """Whether the unit at ``off`` (``doc``: its tokens, tagged or not yet) needs the
    dependency parse, or named entities alone will do.

    A unit that may name someone (:func:`needs_entities`) is read for the people and
    organisations NER finds in it, whether parsed or not, but only three passes read a
    parse, and each needs a unit of its own kind: cues outside quotes (a token
    :func:`~claims.extraction.attribution.may_start_cue` outside quotes), the short sentence
    right after a closed quote that may attribute it (``statements.attach_colon_and_next``,
    which reads its cues inside quotes too), and a colon introducing a quote.  A unit that is
    none of these (a quote's own sentence, the sentence before a paragraph's opening quote,
    a sentence whose cue word is tagged a noun) gives the same statements unparsed.  With
    ``tagged`` false the test is on the words alone (before the tagger), so it can only say
    yes more often."""
    text = plan.text
    if any(may_start_cue(t, tagged) and not inside_quote(off + t.idx) for t in doc):
        return True
    end = off + (doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0)
    if len(doc) <= 12 and any(may_start_cue(t, tagged) for t in doc):
        at = off
        while at > 0 and text[at - 1] in " \t":
            at -= 1
        if any(q.closed and at <= q.end <= off for q in _quotes_ending_near(plan, at, off)):
            return True
    for i in quotes_near(plan.quote_starts, off, end):
        q = plan.quotes[i]
        if off <= q.start < end:
            lead = text[off : q.start].rstrip()
            if lead.endswith(":") and len(lead) > 1:
                return True
    return False


# What may come right before a sentence's or a quote's first word.
_OPENERS = frozenset("\"“”'‘’`([—–-.!?:;")
# Words opening a sentence or a quote that are never a name ("He", "The", "We"): a closed
# list, not spaCy's stop words, which are looked up lower-cased ("May said" is a surname).
_NEVER_NAMES = word_list("sentence_openers")


def needs_entities(off: int, doc, inside_quote, parsed: bool) -> bool:
    """Whether the unit at ``off`` (``doc``: its tokens) needs named entities.

    The passes read NER for names of people, organisations and places (the article's names,
    the parse's subjects and the speaker model's candidates), and this model finds those only
    on capitalised words.  A unit with no capitalised word but "I" and the word that opens
    it, or opens a sentence or a quote in it, when that word is one of the closed list of
    words never a name (``data/sentence_openers.txt``: "He", "The", "We", but not "May" or
    "Will", which may be surnames) names no one: NER,
    the costliest component, is not run there.  In a unit that is not parsed, NER's names
    are read only for the article's names, and only a name outside quotes decides the unit
    (names of people spoken about inside a quote are not taken from an unparsed unit); in a
    parsed unit a name inside a quote counts too (its tokens are candidates and subjects)."""
    for t in doc:
        w = t.text
        if not w[:1].isupper() or w == "I":
            continue
        if (w.lower() in _NEVER_NAMES and w[1:].islower()
                and (t.i == 0 or doc[t.i - 1].text[-1:] in _OPENERS)):
            continue  # "He said", '"We will'
        if not parsed and inside_quote(off + t.idx):
            continue
        return True
    return False


def _quotes_ending_near(plan: Plan, lo: int, hi: int):
    """Quote pieces that may end in ``[lo, hi]``."""
    return [plan.quotes[i] for i in quotes_near(plan.quote_starts, lo, hi + 1)]


def outside_quotes(plan: Plan, start: int, end: int) -> list[tuple[int, int]]:
    """The stretches of ``[start, end)`` outside every quote piece, in text order."""
    out, at = [], start
    for i in quotes_near(plan.quote_starts, start, end):
        q = plan.quotes[i]
        if q.end <= at or q.start >= end:
            continue
        if q.start > at:
            out.append((at, q.start))
        at = max(at, q.end)
    if at < end:
        out.append((at, end))
    return out


# No quote piece spans more than a paragraph; this bounds how far back one may start.
_MAX_QUOTE_REACH = 20_000


def quotes_near(starts: list[int], lo: int, hi: int) -> range:
    """Indices of quotes (sorted by start) that may overlap ``[lo, hi)``."""
    return range(bisect.bisect_left(starts, lo - _MAX_QUOTE_REACH), bisect.bisect_left(starts, hi))
