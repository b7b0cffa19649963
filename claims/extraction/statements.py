"""The statement rules over one article's parsed units: what was said, by whose mention.

In the order :class:`~claims.extraction.pipeline.Extractor` runs them: the names and cues the
units hold (:func:`names_and_cues`); the statements the cues govern, reported speech and the
direct quotes a cue's complement covers (:func:`cue_statements`, with the closest cue
proposed for each quote); which cue attributes each remaining quote (:func:`closest_cues`,
:func:`attach_colon_and_next`); then the direct quote pieces, attributed, floating (the
speaker of the quote before) or unattributed (:func:`direct_quotes`).  A rule gives each
statement a speaker *mention* (the words and spaCy tokens that name its speaker); who that is
is decided later, in text order, by :mod:`speakers`.  Label lines and headlines, which need no
parse, are in :mod:`label_lines`; nested statements are dropped by :mod:`nesting`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from .attribution import Cue, find_cues, mention_span
from .lexicon import cue_lexicon, inflect, word_list
from .names import ArticleNames
from .planning import Plan, outside_quotes, quotes_near
from .sentences import paragraphs

__all__ = [
    "Statement",
    "attach_colon_and_next",
    "closest_cues",
    "cue_statements",
    "direct_quotes",
    "doc_len",
    "names_and_cues",
]

_PERSONISH_ENTS = {"PERSON"}
_ORG_ENTS = {"ORG", "GPE", "NORP", "FAC"}

# How often each rule's statements were right when tuned (rounded): the confidence reported.
_RULE_CONFIDENCE = {
    "ccomp": 0.8,
    "according": 0.7,
    "parataxis": 0.7,
    "xcomp": 0.55,
    "obj_xcomp": 0.6,
    "prep": 0.5,
    "obj": 0.5,
}


@dataclass(kw_only=True)
class Statement:
    """A statement while the passes work on it, built by keyword (the fields are many and
    mostly optional): its span in the article, its cue (the parsed cue, its words and their
    span), the words naming its speaker (``mention``, with their spaCy tokens), the speaker
    when a rule already knows it, the statement it takes its speaker from (``inherit_from``,
    a floating quote), the quote group it covers and the rule that made it."""

    start: int
    end: int
    kind: str
    cue: Cue | None = None
    cue_text: str | None = None
    cue_span: tuple[int, int] | None = None
    mention: tuple[int, int] | None = None
    mention_tokens: list = field(default_factory=list)  # spaCy tokens of the mention
    speaker: str | list[str] | None = None
    inherit_from: Statement | None = None
    confidence: float = 0.6
    group: int | None = None
    rule: str = ""


def names_and_cues(plan: Plan, docs: list, inside_quote):
    """The people and organisations NER found in the parsed units, completed from the
    whole text (:class:`ArticleNames`), and the cues outside quotes: ``(cue, unit offset,
    doc)``."""
    text = plan.text
    names = ArticleNames()
    cues: list[tuple[Cue, int, object]] = []  # (cue, unit offset, doc)
    for off, doc in docs:
        for ent in doc.ents:
            if ent.label_ in _PERSONISH_ENTS and not _in_credit(text, off + ent.start_char):
                titles = [t.text for t in doc[max(0, ent.start - 3) : ent.start]]
                names.add_person(ent.text, off + ent.start_char, titles)
            elif ent.label_ in _ORG_ENTS:
                names.orgs.add(ent.text)
                kind = "gpe" if ent.label_ == "GPE" else "org"
                if ent.label_ in ("ORG", "GPE"):
                    names.org_mentions.append((off + ent.start_char, ent.text, kind))
        if not doc.has_annotation("DEP"):
            continue  # entities only: no cue outside quotes here (planning.needs_parse)
        for cue in find_cues(doc):
            if inside_quote(off + cue.start):
                continue
            cues.append((cue, off, doc))
    names.scan_text(text)
    names._caches["text"] = text
    names.learn_gender(text)
    names.index_mentions(text)

    return names, cues


def cue_statements(plan: Plan, cues, inside_quote, mention_choice=None):
    """Reported speech, and direct quotes that are a cue's complement: the statements,
    the ``(distance, quote group, statement)`` proposals of cues for quotes, and the
    quote pieces taken into mixed statements.  ``mention_choice``, when given, takes the
    ``(cue, doc, offset, (i, j))`` of every cue with a mention, in order, and returns the
    token span of each speaker's mention, which may replace the rules' (the learned ranker,
    :mod:`speaker_model`, scores an article's candidates at once)."""
    text = plan.text
    quotes = plan.quotes
    quote_starts = plan.quote_starts
    statements: list[Statement] = []
    # (distance in characters, quote group, statement): the closest cue wins a quote
    candidates: list[tuple[int, int, Statement]] = []
    consumed: set[int] = set()  # indices of quote pieces inside mixed statements
    spoken = []  # (cue, off, doc, rule's mention span)
    for cue, off, doc in cues:
        span = _rule_mention(cue, off, doc, inside_quote)
        if span is not None:
            spoken.append((cue, off, doc, span))
    if mention_choice is not None:
        chosen = mention_choice([(cue, doc, off, span) for cue, off, doc, span in spoken])
    else:
        chosen = [span for *_, span in spoken]
    for (cue, off, doc, _), (m_i, m_j) in zip(spoken, chosen, strict=True):
        m_tokens = list(doc[m_i:m_j])
        mention = (off + doc[m_i].idx, off + doc[m_j - 1].idx + len(doc[m_j - 1]))
        st = Statement(
            start=0,
            end=0,
            kind="indirect",
            cue=cue,
            cue_text=cue.text,
            cue_span=(off + cue.start, off + cue.end),
            mention=mention,
            mention_tokens=m_tokens,
        )
        if cue.content is None:
            _attach_adjacent(st, off, doc, quotes, quote_starts, candidates, text)
            continue
        cs, ce = off + cue.content[0], off + cue.content[1]
        overlapping = [
            i
            for i in quotes_near(quote_starts, cs, ce)
            if quotes[i].start < ce and cs < quotes[i].end
        ]
        if overlapping:
            # Words of the content outside the quote marks decide: none (or just "that")
            # means the cue attributes a direct quote; a clause of its own makes it mixed.
            outside = text[cs:ce]
            for i in sorted(overlapping, reverse=True):
                a, b = max(cs, quotes[i].start) - cs, min(ce, quotes[i].end) - cs
                outside = outside[:a] + " " + outside[b:]
            own_words = [w for w in re.findall(r"\w+", outside) if w.lower() != "that"]
            if len(own_words) < 2:
                for i in overlapping:
                    candidates.append((0, quotes[i].group, st))
                continue
            st.kind = "mixed"
            for i in overlapping:
                consumed.add(i)
                if quotes[i].start < ce < quotes[i].end and quotes[i].closed:
                    ce = quotes[i].end
                cs = min(cs, quotes[i].start)
            # '... to "go vote" and then "go sit there"': quoted fragments joined to the
            # statement's last one belong to it, though the parser hung them elsewhere
            unit_end = off + doc_len(doc)
            i = overlapping[-1] + 1
            while (
                i < len(quotes)
                and quotes[i].end <= unit_end
                and quotes[i - 1].end == ce
                and _FRAGMENT_JOIN.fullmatch(text, ce, quotes[i].start)
            ):
                consumed.add(i)
                ce = quotes[i].end
                i += 1
        st.start, st.end = cs, ce
        st.rule = cue.rule
        st.confidence = _RULE_CONFIDENCE.get(cue.rule, 0.6)
        statements.append(st)

    return statements, candidates, consumed


def _rule_mention(cue, off: int, doc, inside_quote) -> tuple[int, int] | None:
    """The rules' token span of ``cue``'s speaker mention, or ``None`` when it has none."""
    if cue.subject is None:
        return None
    m_i, m_j = mention_span(cue.subject)
    if inside_quote(off + doc[m_i].idx):
        # The parser took a word of a quote for the subject (it often does when a
        # quoted fragment sits between the speaker and the verb): fall back on the last
        # person named before the cue outside quotes, if any.
        named = [
            e
            for e in doc.ents
            if e.label_ == "PERSON"
            and e.end_char <= cue.start
            and not inside_quote(off + e.start_char)
        ]
        if not named:
            return None
        m_i, m_j = named[-1].start, named[-1].end
    return m_i, m_j


def closest_cues(plan: Plan, candidates) -> dict[int, Statement]:
    """Quote group -> the attribution statement: the closest cue proposed for it; the
    second half of a quote split around its attribution takes the first half's."""
    text = plan.text
    quotes = plan.quotes
    attached: dict[int, Statement] = {}  # quote group -> attribution statement
    for _dist, group, st in sorted(candidates, key=lambda c: c[0]):
        attached.setdefault(group, st)
    # `"A," said X, "B."`: the second half of a quote split around its attribution
    for prev, q in zip(quotes, quotes[1:], strict=False):
        st = attached.get(prev.group)
        if q.group in attached or st is None or st.cue_span is None or st.mention is None:
            continue
        frame_s = min(st.cue_span[0], st.mention[0])
        frame_e = max(st.cue_span[1], st.mention[1])
        if (
            prev.end <= frame_s
            and frame_e <= q.start
            and re.fullmatch(r"[\s,;:—–-]*", text[frame_e : q.start])
        ):
            attached[q.group] = st
    return attached


def _attach_adjacent(st: Statement, off: int, doc, quotes, quote_starts, candidates, text) -> None:
    """Propose a cue with no complement of its own for the quote right before or after it
    in the same unit: `"...," he said.`, `"...," said Smith.`, `Smith said: "..."`."""
    cs, ce = st.cue_span
    unit_s, unit_e = off, off + doc_len(doc)
    near = [quotes[i] for i in quotes_near(quote_starts, unit_s, unit_e)]
    before = [q for q in near if unit_s <= q.end <= cs]
    after = [q for q in near if ce <= q.start < unit_e]
    proposed_before = False
    if before:
        q = before[-1]
        gap = text[q.end : min(st.mention[0], cs)]
        if len(gap) < 120 and not re.search(r"[.!?]\s", gap):
            candidates.append((len(gap) + 1, q.group, st))
            proposed_before = True
    if after:
        q = after[0]
        frame_end = max(ce, st.mention[1])
        gap = text[frame_end : q.start] if frame_end <= q.start else text[ce : q.start]
        # `"A," said X, "B."`: the second half continues the first, same speaker
        if (not proposed_before and len(text[ce : q.start]) < 120) or (
            proposed_before and re.fullmatch(r"[\s,;:—–-]*", gap)
        ):
            candidates.append((len(gap) + 1, q.group, st))


def attach_colon_and_next(plan, docs, quotes, attached, inside_quote) -> None:
    """`"...." Smith said.` (attribution in the next short sentence) and
    `On the economy, Smith: "..."` style colon introductions."""
    by_start = {off: (off, doc) for off, doc in docs}
    doc_starts = [off for off, _ in docs]
    text = plan.text
    for q in quotes:
        if q.group in attached:
            continue
        # next short sentence holding only "<mention> <cue>."
        k = q.end
        while k < len(text) and text[k] in " \t":
            k += 1
        unit = by_start.get(k)
        if unit is not None and q.closed and unit[1].has_annotation("DEP"):
            off, doc = unit
            if len(doc) <= 12:
                for cue in find_cues(doc):
                    if cue.subject is not None and cue.content is None:
                        m_i, m_j = mention_span(cue.subject)
                        attached[q.group] = Statement(
                            start=0,
                            end=0,
                            kind="direct",
                            cue=cue,
                            cue_text=cue.text,
                            cue_span=(off + cue.start, off + cue.end),
                            mention=(
                                off + doc[m_i].idx,
                                off + doc[m_j - 1].idx + len(doc[m_j - 1]),
                            ),
                            mention_tokens=list(doc[m_i:m_j]),
                        )
                        break
        if q.group in attached:
            continue
        # colon introduction inside the same unit
        k = bisect.bisect_right(doc_starts, q.start) - 1
        for off, doc in docs[max(0, k) : k + 1]:
            if off <= q.start < off + doc_len(doc) and doc.has_annotation("DEP"):
                lead = text[off : q.start].rstrip()
                if lead.endswith(":") and len(lead) > 1:
                    subj = _subject_before(doc, q.start - off)
                    if subj is not None:
                        m_i, m_j = mention_span(subj)
                        attached[q.group] = Statement(
                            start=0,
                            end=0,
                            kind="direct",
                            mention=(
                                off + doc[m_i].idx,
                                off + doc[m_j - 1].idx + len(doc[m_j - 1]),
                            ),
                            mention_tokens=list(doc[m_i:m_j]),
                        )
                break


def direct_quotes(plan: Plan, attached, consumed, docs=()) -> list[Statement]:
    """Direct quote pieces: attributed ones, ones whose sentence goes on with who said them
    (:func:`quote_frame`, the mention's tokens taken from ``docs``, the article's units,
    parsed or not; the frame's verb is the cue), floating
    ones (speaker of the quote before), and sentence-like unattributed ones (speaker
    unknown)."""
    text = plan.text
    out = []
    para_starts = [s for s, _ in paragraphs(text)]
    last_attr: tuple[int, Statement] | None = None  # (paragraph index, statement)
    for i, q in enumerate(plan.quotes):
        if i in consumed:
            continue
        p_idx = bisect.bisect_right(para_starts, q.start) - 1
        att = attached.get(q.group)
        words = len(text[q.start : q.end].split())
        if att is not None:
            st = Statement(
                start=q.start,
                end=q.end,
                kind="direct",
                cue=att.cue,
                cue_text=att.cue_text,
                cue_span=att.cue_span,
                mention=att.mention,
                mention_tokens=att.mention_tokens,
                speaker=att.speaker,
                group=q.group,
                confidence=0.85,
                rule="direct",
            )
            out.append(st)
            last_attr = (p_idx, st)
            continue
        para_start = para_starts[p_idx] if p_idx >= 0 else 0
        sentence_initial = not text[para_start : q.start].strip() or re.search(
            r"[.!?][\"”’]?\s*$", text[para_start : q.start]
        )
        frame = quote_frame(text, q)
        if frame is not None and sentence_initial:
            # '"...," she continued.': the quote's own sentence says who spoke
            tokens = _tokens_in(docs, frame.start, frame.end)
            if tokens:
                verb = _FRAME_VERB_WORD.match(text, frame.verb)
                st = Statement(
                    start=q.start,
                    end=q.end,
                    kind="direct",
                    cue_text=verb.group() if verb else None,
                    cue_span=verb.span() if verb else None,
                    group=q.group,
                    mention=(frame.start, frame.end),
                    mention_tokens=tokens,
                    confidence=0.8,
                    rule="direct_frame",
                )
                out.append(st)
                last_attr = (p_idx, st)
                continue
        follows_speaker = (
            last_attr is not None
            # same paragraph, or the next piece of a quote just taken (pieces of one
            # quote over several paragraphs come one after another)
            and (last_attr[0] == p_idx or (out and out[-1].group == q.group))
            and not re.match(r"\W*[(\[]", text[q.start : q.end])  # not "(CROSSTALK.)"
        )
        if not sentence_initial or (words < 3 and not follows_speaker):
            # a scare quote or a title inside a sentence; a short sentence that follows
            # an attributed quote in its paragraph ('"...," she said. "Not now."') is hers
            continue
        named_at = _named_before(plan, q.start)
        named = named_at[0] if named_at else None
        if named is not None and (
            last_attr is None
            or p_idx - last_attr[0] > 0
            or last_attr[1].end < q.start - 1
            and not _quote_in_sentence_before(plan, q.start)
        ):
            st = Statement(
                start=q.start,
                end=q.end,
                kind="direct",
                group=q.group,
                speaker=named,
                # the words that name them in the sentence before, as the mention
                mention=named_at[1],
                confidence=0.5,
                rule="direct_named_before",
            )
            out.append(st)
            last_attr = (p_idx, st)
            continue
        if last_attr is not None and p_idx - last_attr[0] <= 2:
            st = Statement(
                start=q.start,
                end=q.end,
                kind="direct",
                group=q.group,
                inherit_from=last_attr[1],
                confidence=0.6,
                rule="direct_floating",
            )
            out.append(st)
            last_attr = (p_idx, last_attr[1])
            continue
        if words >= 6:
            st = Statement(
                start=q.start,
                end=q.end,
                kind="direct",
                group=q.group,
                confidence=0.3,
                rule="direct_unattributed",
            )
            out.append(st)
    return out


# A quote whose own sentence goes on after it ends in one of these inside its marks.
_CONTINUES = frozenset(",?!—–-…")
_MARKS = "\"'”’“‘`»« \t"
_FRAME_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it"})
_FRAME_DETERMINERS = frozenset({"the", "a", "an", "another", "one", "his", "her", "their", "its"})
# An inverted subject ends before these ("scoffed Maria Lopez, who runs a bakery").
_NP_STOPS = frozenset({"who", "whom", "which", "that", "as", "when", "after", "before", "in",
                       "on", "at", "to", "of", "while", "during", "about"})
_WORD = re.compile(r"[^\s]+")
_FRAME_VERB_WORD = re.compile(r"\w[\w'’-]*")  # the frame's verb, its punctuation left out


def _frame_verbs() -> tuple[dict[str, str], dict[str, str]]:
    """Forms of the verbs that can say who spoke right after a quote: the cue verbs and
    ``data/frame_verbs.txt``; with the particle each of the latter needs ("went on")."""
    if _FRAME_CACHE:
        return _FRAME_CACHE
    forms = dict(cue_lexicon().lemma_of)
    particles: dict[str, str] = {}
    for line in sorted(word_list("frame_verbs")):
        line, _, particle = line.partition("/")
        lemma, _, rest = line.partition(":")
        lemma = lemma.strip()
        for f in set(rest.split()) | {lemma} if rest else inflect(lemma):
            forms.setdefault(f, lemma)
            if particle.strip():
                particles[f] = particle.strip()
    _FRAME_CACHE.extend((forms, particles))
    return _FRAME_CACHE


_FRAME_CACHE: list = []


def _is_frame_verb(words: list[str], k: int) -> int:
    """How many words from ``words[k]`` make a frame verb ("said", "went on"): 0 if none."""
    forms, particles = _frame_verbs()
    w = words[k].rstrip(",.;:!?")
    if not w.isalpha() or not w.islower() or w not in forms:
        return 0
    need = particles.get(w)
    if need is None:
        return 1
    return 2 if k + 1 < len(words) and words[k + 1].rstrip(",.;:!?") == need else 0


class Frame(NamedTuple):
    """The words after a quote that say who said it: the speaker's mention ``[start, end)``
    and where the frame's verb starts (``verb``)."""

    start: int
    end: int
    verb: int


def quote_frame(text: str, q) -> Frame | None:
    """Where the words right after quote piece ``q`` name who said it, when the quote's own
    sentence goes on with its attribution: `"...," she continued.`, `"...?" Whitfield told a
    radio station`, `"...," the statement read.`, `"...," scoffed Maria Lopez, who ...`,
    `"...," Sarah Cole, a pollster, said.`.
    The quote must end in a comma, a question or exclamation mark or a dash inside its marks
    (the sentence goes on), and the frame must follow it directly; ``None`` otherwise."""
    if not q.closed:
        return None
    inner = text[q.start : q.end].rstrip(_MARKS)
    if not inner or inner[-1] not in _CONTINUES:
        return None
    stop = min(len(text), q.end + 200)
    nl = text.find("\n", q.end, stop)
    tail = text[q.end : nl if nl >= 0 else stop]
    if not tail[:1].isspace() and tail[:1] not in (",",):
        return None
    raw = list(_WORD.finditer(tail))[:24]
    words = [m.group() for m in raw]
    if not words or words[0][:1] in "\"“‘'":
        return None  # another quote follows
    if words[0] == ",":
        return None

    def span(a: int, b: int, verb: int) -> Frame:
        s = q.end + raw[a].start()
        e = q.end + raw[b].start() + len(words[b].rstrip(",.;:!?"))
        return Frame(s, e, q.end + raw[verb].start())

    # `<subject> <verb>`: a pronoun, a capitalised name, or a determiner's noun phrase
    for k in range(1, min(7, len(words))):
        subj = words[:k]
        if words[k - 1].endswith(",") and k < 6 and all(w[:1].isupper() for w in subj):
            # `"...," Sarah Cole, a pollster, said`: a name, its apposition, the verb
            name = [*subj[:-1], subj[-1][:-1]]
            if _frame_subject(name) and not any(w.endswith(".") and not _abbreviation(w)
                                                for w in name):
                for j in range(k, min(k + 14, len(words) - 1)):
                    if any(c in words[j] for c in "\"“”;:.!?") and not _abbreviation(words[j]):
                        break
                    if words[j].endswith(",") and _is_frame_verb(words, j + 1):
                        return span(0, k - 1, j + 1)
        if any(w[-1:] in ",;:!?\"”" or w.endswith(".") and not _abbreviation(w) for w in subj):
            break
        if _is_frame_verb(words, k):
            if _frame_subject(subj):
                return span(0, k - 1, k)
            break  # "noted a report ...": a verb first, read below
    # `<verb> <subject>`: "added Gowdy.", "scoffed Maria Lopez, who ..."
    n = _is_frame_verb(words, 0)
    if not n or n >= len(words):
        return None
    first = words[n]
    if first.lower() in _FRAME_PRONOUNS or not (
        first[:1].isupper() or first in _FRAME_DETERMINERS
    ):
        return None
    end = n
    while end < len(words) - 1 and end - n < 7:
        w = words[end]
        if w[-1:] in ",.;:!?\"”" and not (_abbreviation(w) and words[end + 1][:1].isupper()):
            break
        if words[end + 1] in _NP_STOPS:
            break
        end += 1
    return span(n, end, 0)


def _abbreviation(word: str) -> bool:
    """"Mr.", "Sen.", "W.": a capitalised short word with a full stop, inside a name."""
    return word.endswith(".") and word[:1].isupper() and len(word) <= 4


def _frame_subject(words: list[str]) -> bool:
    """Whether the words before a frame verb can be who spoke: a lower-case pronoun ("I"
    too), capitalised words that are no pronoun ("Whitfield", "Mr. Manafort"), or a
    determiner and its noun ("the statement", "a voice-over in the ad")."""
    first = words[0]
    if len(words) == 1 and first.lower() in _FRAME_PRONOUNS:
        return first.islower() or first == "I"
    if first in _FRAME_DETERMINERS:
        return len(words) >= 2
    return first.lower() not in _FRAME_PRONOUNS and all(w[:1].isupper() for w in words)


def _tokens_in(docs, a: int, b: int) -> list:
    """The spaCy tokens in ``[a, b)`` of the unit of ``docs`` (``(offset, doc)`` pairs, the
    article's units, parsed or not) that holds it; none where no unit holds all of it."""
    for off, doc in docs:
        if off <= a and b <= off + doc_len(doc):
            return [t for t in doc if a <= off + t.idx < b]
    return []


def _quote_in_sentence_before(plan: Plan, pos: int) -> bool:
    """Whether the sentence before ``pos`` holds (part of) a direct quote."""
    k = bisect.bisect_left(plan.sentences, (pos, pos)) - 1
    if k < 0:
        return False
    s, e = plan.sentences[k]
    # quotes are in text order and never overlap: look at the last one starting before e
    i = bisect.bisect_left(plan.quote_starts, e) - 1
    return i >= 0 and plan.quotes[i].end > s


def _named_before(plan: Plan, pos: int) -> tuple[str, tuple[int, int]] | None:
    """The person the sentence before ``pos`` is about (its first known name), for a quote
    that follows without a cue: `Smith attended the rally.  "We are angry."`; with where
    the sentence names them (the capitalised words that end in the name found)."""
    k = bisect.bisect_left(plan.sentences, (pos, pos)) - 1
    if k < 0:
        return None
    s, e = plan.sentences[k]
    if e > pos:
        return None
    # names inside a quote are not what the sentence is about ('"... the Trump
    # administration ...," Kazianis said.  "In fact, ..."' is Kazianis)
    for lo, hi in outside_quotes(plan, s, e):
        found = plan.names.first_person_at(plan.text, lo, hi)
        if found:
            name, a, b = found
            lead = _NAME_LEAD.search(plan.text, max(lo, a - 60), a)
            return name, (lead.start() if lead else a, b)
    return None


# Capitalised words right before a name's last word: "Jane" of "Jane Smith", "Mayor Jane"
_NAME_LEAD = re.compile(r"(?:\b[A-Z][\w.'’-]*\s+){1,3}$")


def _subject_before(doc, char_pos: int):
    """The subject (or last named entity) of the clause before a colon at ``char_pos``."""
    for tok in doc:
        if tok.idx >= char_pos:
            break
        if tok.dep_ in ("nsubj", "nsubjpass") and (tok.tag_.startswith("NN") or tok.tag_ == "PRP"):
            return tok
    ents = [
        e for e in doc.ents if e.end_char <= char_pos and e.label_ in _PERSONISH_ENTS | _ORG_ENTS
    ]
    return ents[-1].root if ents else None


_FRAGMENT_JOIN = re.compile(r"[\s,]*(?:\b(?:and|or|but|then|even|also)\b[\s,]*)+")


def _in_credit(text: str, i: int) -> bool:
    """Whether position ``i`` lies in a photo credit "(Name/Outlet)" (looked for nearby)."""
    open_at = text.rfind("(", max(0, i - 100), i)
    if open_at < 0 or ")" in text[open_at:i]:
        return False
    close_at = text.find(")", i, i + 100)
    return close_at > 0 and "/" in text[open_at:close_at]


def doc_len(doc) -> int:
    """Length of a Doc's text without rebuilding it (Doc.text joins every token each call)."""
    if not len(doc):
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)
