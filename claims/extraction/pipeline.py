"""The extractor: from article text to attributed statements with character offsets.

Only the sentences that can hold a statement are parsed (those with a quote mark boundary or a
cue-verb form, found by a cheap regex), in batches through ``nlp.pipe`` with the lemmatizer
disabled.  Direct quotes come from quote-mark pairing, reported speech from dependency
patterns on cue verbs, and speakers are resolved by :mod:`coref` and, when given, the registry.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from .attribution import Cue, find_cues, mention_span
from .coref import ArticleNames, SpeakerResolver, resolve_mention
from .furniture import furniture_spans, in_furniture
from .language import detect_language, foreign_language
from .lexicon import cue_lexicon, word_list
from .model import UNUSED_COMPONENTS, load_nlp
from .quotes_direct import QuoteSpan, find_quote_spans
from .registry import SpeakerRegistry
from .sentences import paragraphs, split_sentences
from .types import ExtractedQuote, ExtractionResult, Mention

__all__ = ["Extractor"]

# A "sentence" longer than this is cut before parsing: bad input must not stall the parser.
_MAX_UNIT = 1500
_PERSONISH_ENTS = {"PERSON"}
_ORG_ENTS = {"ORG", "GPE", "NORP", "FAC"}
# "Pat Caddell: Democrat voters worried ..." and transcript lines "WALLACE: Let's start ..."
_LABEL_LINE = re.compile(
    r"^[\"“]?(?P<name>(?:[A-Z][\w.'’-]*\s){0,3}[A-Z][\w.'’-]*)\s?:\s+(?P<body>\S.{8,})$"
)
_NOT_SPEAKER_LABELS = word_list("not_speaker_labels")  # "Update:", "Photo:", "Q:"


# A statement whose speaker is one of these speaks in the label's voice ("BAKER: We said ...").
_LABEL_VOICE = {"i", "we", "you"}


def _reports_someone_else(
    label: _Statement, statements: list[_Statement], text: str, names: ArticleNames
) -> bool:
    """Whether a label line that names no one the article names as a person ("BREAKING
    NEWS:", "The Latest:") holds a statement of a third party in its body ("The city said
    ..."): the label then heads a news paragraph and is nobody's voice.  A person's label
    ("Bill Clinton: Hillary thinks ...") stays the speaker."""
    speaker = label.speaker if isinstance(label.speaker, str) else ""
    if speaker.split() and speaker.split()[-1].lower() in names.full_by_surname:
        return False
    return any(
        st.mention is not None
        and label.start <= st.mention[0] < label.end
        and text[st.mention[0] : st.mention[1]].lower() not in _LABEL_VOICE
        for st in statements
    )


# Title-case headline attributions: "<statement>, <Name> Says." and "<Name> Vows <statement>".
_HEADLINE_CUE = (
    r"(?P<cue>Says|Said|Warns|Claims|Insists|Argues|Admits|Tells|Vows|Urges|Pledges|Promises"
    r"|Denies)"
)
_HEADLINE_NAME = r"(?P<name>(?:[A-Z][\w.'’-]*\s){0,4}[A-Z][\w.'’-]*)"
_HEADLINE_TAIL = re.compile(rf"^(?P<body>.{{12,}}?),\s+{_HEADLINE_NAME}\s+{_HEADLINE_CUE}\.?$")
_HEADLINE_HEAD = re.compile(
    rf"^(?:[^,]{{0,60}},\s+)?{_HEADLINE_NAME}\s+{_HEADLINE_CUE}\s+(?P<body>[^.]{{8,}}?)\.?$"
)


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
class _Statement:
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
    inherit_from: _Statement | None = None
    confidence: float = 0.6
    group: int | None = None
    rule: str = ""


@dataclass
class _Plan:
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


def _inside_quote_test(plan: _Plan):
    """A test of whether a character offset lies inside a quote's marks."""
    inner = [q.inner for q in plan.quotes]
    starts = [a for a, _ in inner]

    def inside_quote(pos: int) -> bool:
        i = bisect.bisect_right(starts, pos) - 1
        return i >= 0 and inner[i][0] <= pos < inner[i][1]

    return inside_quote


class Extractor:
    """Finds attributed statements in English article text.

    ``nlp`` is a loaded spaCy pipeline (default: :func:`load_nlp`); ``registry`` links speakers
    to known entries; texts longer than ``max_chars`` are skipped with a reason.
    """

    def __init__(
        self,
        nlp=None,
        registry: SpeakerRegistry | None = None,
        max_chars: int = 2_000_000,
        batch_size: int = 256,
    ):
        self.nlp = nlp if nlp is not None else load_nlp()
        self.registry = registry
        self.max_chars = max_chars
        self.batch_size = batch_size
        # Tuning aid: when a list, (start, end, rule, cue lemma) of each statement is appended.
        self.debug_rules: list | None = None
        # Components the extractor never reads; disabling them is most of the speed.
        # (the attribute ruler only maps tags to coarse POS, which the rules read from tag_).
        self._disable = [n for n in UNUSED_COMPONENTS if n in self.nlp.pipe_names]

    # ----------------------------------------------------------------- public API
    def extract(
        self, text: str, published: date | None = None, language: str | None = None
    ) -> ExtractionResult:
        """Extract statements from one article.

        Takes the article text and its publication date (used for registry roles); returns an
        :class:`ExtractionResult`.  ``language`` (ISO 639-1), when the caller already detected
        it, saves detecting it again.  Never raises on any ``str``.
        """
        return next(self.extract_many([(text, published, language)]))

    def extract_many(self, texts: Iterable[tuple], chunk: int = 32) -> Iterator[ExtractionResult]:
        """Extract from many ``(text, published)`` pairs, or ``(text, published, language)``
        triples, parsing them in shared batches.

        Yields one :class:`ExtractionResult` per input, in input order.
        """
        pending: list[tuple[str, date | None]] = []
        for item in texts:
            pending.append(item)
            if len(pending) >= chunk:
                yield from self._run(pending)
                pending = []
        if pending:
            yield from self._run(pending)

    # ----------------------------------------------------------------- batching
    def _run(self, items: list[tuple]) -> list[ExtractionResult]:
        plans: list[_Plan | ExtractionResult] = [self._plan(*item) for item in items]
        unit_texts: list[str] = []
        owners: list[tuple[int, int]] = []
        for k, plan in enumerate(plans):
            if isinstance(plan, _Plan):
                for s, e in plan.units:
                    unit_texts.append(plan.text[s:e])
                    owners.append((k, s))
        parsed: dict[int, list] = {}
        if unit_texts:
            with self.nlp.select_pipes(disable=self._disable):
                for (k, off), doc in zip(
                    owners, self.nlp.pipe(unit_texts, batch_size=self.batch_size), strict=True
                ):
                    parsed.setdefault(k, []).append((off, doc))
        out = []
        for k, plan in enumerate(plans):
            if isinstance(plan, ExtractionResult):
                out.append(plan)
            else:
                out.append(
                    ExtractionResult(self._analyse(plan, parsed.get(k, [])), None, plan.language)
                )
        return out

    def _plan(self, text, published, language=None) -> _Plan | ExtractionResult:
        if not isinstance(text, str):
            return ExtractionResult([], "not text", None)
        if not text.strip():
            return ExtractionResult([], "empty text", None)
        if len(text) > self.max_chars:
            return ExtractionResult([], f"text over {self.max_chars:,} characters", None)
        if not language:
            language = detect_language(text)
        foreign = foreign_language(text, language)
        if foreign is not None:
            return ExtractionResult([], f"not English (detected {foreign!r})", foreign)
        furniture = furniture_spans(text)
        quotes = find_quote_spans(text, furniture)
        sentences = [s for s in split_sentences(text) if not in_furniture(furniture, *s)]
        units = _candidate_units(text, sentences, quotes)
        return _Plan(text, published, language, furniture, quotes, sentences, units)

    # ----------------------------------------------------------------- analysis
    def _analyse(self, plan: _Plan, docs: list) -> list[ExtractedQuote]:
        """The passes over one article's parsed units, in order: the names and cues they
        hold; the statements the cues govern (reported speech, and the direct quotes a cue's
        complement covers); which cue attributes each remaining quote; label lines and
        headlines; the direct quotes; then speakers, resolved in text order (:meth:`_finish`).
        """
        inside_quote = _inside_quote_test(plan)
        names, cues = self._names_and_cues(plan, docs, inside_quote)
        plan.names = names
        statements, candidates, consumed = self._cue_statements(plan, cues, inside_quote)
        attached = self._closest_cues(plan, candidates)
        self._attach_colon_and_next(plan, docs, plan.quotes, attached, inside_quote)
        statements = _drop_nested(statements, plan.text)
        statements.extend(
            lab
            for lab in self._label_lines(plan, names)
            if not _reports_someone_else(lab, statements, plan.text, names)
        )
        statements.extend(
            h
            for h in self._headlines(plan, names)
            if not any(o.start < h.end and h.start < o.end for o in statements)
        )
        statements.extend(self._direct(plan, attached, consumed))
        return self._finish(plan, statements, names)

    def _names_and_cues(self, plan: _Plan, docs: list, inside_quote):
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
            for cue in find_cues(doc):
                if inside_quote(off + cue.start):
                    continue
                cues.append((cue, off, doc))
        names.scan_text(text)
        names._caches["text"] = text
        names.learn_gender(text)
        names.index_mentions(text)

        return names, cues

    def _cue_statements(self, plan: _Plan, cues, inside_quote):
        """Reported speech, and direct quotes that are a cue's complement: the statements,
        the ``(distance, quote group, statement)`` proposals of cues for quotes, and the
        quote pieces taken into mixed statements."""
        text = plan.text
        quotes = plan.quotes
        quote_starts = plan.quote_starts
        statements: list[_Statement] = []
        # (distance in characters, quote group, statement): the closest cue wins a quote
        candidates: list[tuple[int, int, _Statement]] = []
        consumed: set[int] = set()  # indices of quote pieces inside mixed statements
        for cue, off, doc in cues:
            if cue.subject is None:
                continue
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
                    continue
                m_i, m_j = named[-1].start, named[-1].end
            m_tokens = list(doc[m_i:m_j])
            mention = (off + doc[m_i].idx, off + doc[m_j - 1].idx + len(doc[m_j - 1]))
            st = _Statement(
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
                self._attach_adjacent(st, off, doc, quotes, quote_starts, candidates, text)
                continue
            cs, ce = off + cue.content[0], off + cue.content[1]
            overlapping = [
                i
                for i in _quotes_near(quote_starts, cs, ce)
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
                unit_end = off + _doc_len(doc)
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

    def _closest_cues(self, plan: _Plan, candidates) -> dict[int, _Statement]:
        """Quote group -> the attribution statement: the closest cue proposed for it; the
        second half of a quote split around its attribution takes the first half's."""
        text = plan.text
        quotes = plan.quotes
        attached: dict[int, _Statement] = {}  # quote group -> attribution statement
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

    def _attach_adjacent(
        self, st: _Statement, off: int, doc, quotes, quote_starts, candidates, text
    ) -> None:
        """Propose a cue with no complement of its own for the quote right before or after it
        in the same unit: `"...," he said.`, `"...," said Smith.`, `Smith said: "..."`."""
        cs, ce = st.cue_span
        unit_s, unit_e = off, off + _doc_len(doc)
        near = [quotes[i] for i in _quotes_near(quote_starts, unit_s, unit_e)]
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

    def _attach_colon_and_next(self, plan, docs, quotes, attached, inside_quote) -> None:
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
            if unit is not None and q.closed:
                off, doc = unit
                if len(doc) <= 12:
                    for cue in find_cues(doc):
                        if cue.subject is not None and cue.content is None:
                            m_i, m_j = mention_span(cue.subject)
                            attached[q.group] = _Statement(
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
                if off <= q.start < off + _doc_len(doc):
                    lead = text[off : q.start].rstrip()
                    if lead.endswith(":") and len(lead) > 1:
                        subj = _subject_before(doc, q.start - off)
                        if subj is not None:
                            m_i, m_j = mention_span(subj)
                            attached[q.group] = _Statement(
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

    def _label_lines(self, plan: _Plan, names: ArticleNames) -> list[_Statement]:
        """Headlines and transcript lines: "Pat Caddell: Democrat voters worried ..."."""
        out = []
        text = plan.text
        for ps, pe in paragraphs(text):
            if in_furniture(plan.furniture, ps, pe):
                continue
            m = _LABEL_LINE.match(text, ps, pe)
            if not m:
                continue
            name = m.group("name").strip()
            if name.lower() in _NOT_SPEAKER_LABELS or len(name) < 2:
                continue
            line_is_caps = name.isupper() and len(name) > 2
            if not line_is_caps and pe - ps > 300:
                continue
            if not line_is_caps and text[pe - 1 : pe] == "." and pe - ps > 160:
                continue
            bs, be = m.start("body"), pe
            kind = "mixed" if re.search(r"[\"“”]", text[bs:be]) else "indirect"
            colon = text.index(":", m.end("name"))
            st = _Statement(
                start=bs,
                end=be,
                kind=kind,
                cue_text=":",
                cue_span=(colon, colon + 1),
                mention=(m.start("name"), m.end("name")),
                speaker=names.full_name(name.title() if line_is_caps else name),
                confidence=0.5,
                rule="label",
            )
            out.append(st)
        return out

    def _headlines(self, plan: _Plan, names: ArticleNames) -> list[_Statement]:
        """Title-case headlines: "Tax Plan Will Hurt Farms, Senator Jane Miller Says" and
        "Jane Miller Vows To Cut Fees"."""
        out = []
        text = plan.text
        for ps, pe in paragraphs(text):
            line = text[ps:pe]
            words = line.split()
            if pe - ps > 200 or len(words) < 4 or in_furniture(plan.furniture, ps, pe):
                continue
            caps = sum(w[:1].isupper() or not w[:1].isalpha() for w in words)
            if caps < 0.75 * len(words):
                continue  # not a title-case line
            m = _HEADLINE_TAIL.match(line) or _HEADLINE_HEAD.match(line)
            if not m or m.group("name").split()[0].lower() in _NOT_SPEAKER_LABELS:
                continue
            bs, be = ps + m.start("body"), ps + m.end("body")
            kind = "mixed" if re.search(r"[\"“”‘’']", text[bs:be]) else "indirect"
            st = _Statement(
                start=bs,
                end=be,
                kind=kind,
                cue_text=m.group("cue"),
                cue_span=(ps + m.start("cue"), ps + m.end("cue")),
                mention=(ps + m.start("name"), ps + m.end("name")),
                speaker=names.full_name(m.group("name")),
                confidence=0.5,
                rule="headline",
            )
            out.append(st)
        return out

    def _direct(self, plan: _Plan, attached, consumed) -> list[_Statement]:
        """Direct quote pieces: attributed ones, floating ones (speaker of the quote before),
        and sentence-like unattributed ones (speaker unknown)."""
        text = plan.text
        out = []
        para_starts = [s for s, _ in paragraphs(text)]
        last_attr: tuple[int, _Statement] | None = None  # (paragraph index, statement)
        for i, q in enumerate(plan.quotes):
            if i in consumed:
                continue
            p_idx = bisect.bisect_right(para_starts, q.start) - 1
            att = attached.get(q.group)
            words = len(text[q.start : q.end].split())
            if att is not None:
                st = _Statement(
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
            named = self._named_before(plan, q.start)
            if named is not None and (
                last_attr is None
                or p_idx - last_attr[0] > 0
                or last_attr[1].end < q.start - 1
                and not self._quote_in_sentence_before(plan, q.start)
            ):
                st = _Statement(
                    start=q.start,
                    end=q.end,
                    kind="direct",
                    group=q.group,
                    speaker=named,
                    confidence=0.5,
                    rule="direct_named_before",
                )
                out.append(st)
                last_attr = (p_idx, st)
                continue
            if last_attr is not None and p_idx - last_attr[0] <= 2:
                st = _Statement(
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
                st = _Statement(
                    start=q.start,
                    end=q.end,
                    kind="direct",
                    group=q.group,
                    confidence=0.3,
                    rule="direct_unattributed",
                )
                out.append(st)
        return out

    def _quote_in_sentence_before(self, plan: _Plan, pos: int) -> bool:
        """Whether the sentence before ``pos`` holds (part of) a direct quote."""
        k = bisect.bisect_left(plan.sentences, (pos, pos)) - 1
        if k < 0:
            return False
        s, e = plan.sentences[k]
        # quotes are in text order and never overlap: look at the last one starting before e
        i = bisect.bisect_left(plan.quote_starts, e) - 1
        return i >= 0 and plan.quotes[i].end > s

    def _named_before(self, plan: _Plan, pos: int) -> str | None:
        """The person the sentence before ``pos`` is about (its first known name), for a quote
        that follows without a cue: `Smith attended the rally.  "We are angry."`."""
        k = bisect.bisect_left(plan.sentences, (pos, pos)) - 1
        if k < 0:
            return None
        s, e = plan.sentences[k]
        if e > pos:
            return None
        # names inside a quote are not what the sentence is about ('"... the Trump
        # administration ...," Kazianis said.  "In fact, ..."' is Kazianis)
        for lo, hi in _outside_quotes(plan, s, e):
            name = plan.names.first_person_in(plan.text, lo, hi)
            if name:
                return name
        return None

    def _finish(self, plan: _Plan, statements: list[_Statement], names: ArticleNames):
        text = plan.text
        statements = [s for s in statements if not in_furniture(plan.furniture, s.start, s.end)]
        statements.sort(key=lambda s: (s.start, -s.end))
        resolver = SpeakerResolver(
            names,
            text=text,
            sentences=plan.sentences,
            quote_spans=[(q.start, q.end) for q in plan.quotes],
        )
        results: list[ExtractedQuote] = []
        seen: set[tuple[int, int]] = set()
        resolved_cache: dict[int, object] = {}
        for st in statements:
            if st.end - st.start < 2 or (st.start, st.end) in seen:
                continue
            seen.add((st.start, st.end))
            if st.inherit_from is not None:
                src = st.inherit_from
                speaker = resolved_cache.get(id(src), src.speaker)
                mention = None
                cue = None
            else:
                key = id(st)
                speaker = st.speaker
                if speaker is None and st.mention is not None:
                    speaker = self._resolve(st, resolver, names)
                resolved_cache[key] = speaker
                mention = (
                    Mention(st.mention[0], st.mention[1], text[st.mention[0] : st.mention[1]])
                    if st.mention
                    else None
                )
                cue = st.cue_text
            resolver.note_statement(
                st.start,
                speaker,
                st.mention_tokens if st.inherit_from is None else None,
                st.mention[0] if st.mention is not None else None,
            )
            if self.debug_rules is not None:
                lemma = st.cue.lemma if st.cue is not None else ""
                self.debug_rules.append((st.start, st.end, st.rule, lemma))
            keys: tuple[str, ...] = ()
            if self.registry is not None:
                speaker, keys = self._link(speaker, mention, plan.published)
            results.append(
                ExtractedQuote(
                    start=st.start,
                    end=st.end,
                    text=text[st.start : st.end],
                    kind=st.kind,
                    cue=cue,
                    cue_start=st.cue_span[0] if st.cue_span and cue else None,
                    cue_end=st.cue_span[1] if st.cue_span and cue else None,
                    speaker=speaker,
                    speaker_mention=mention,
                    speaker_keys=keys,
                    confidence=st.confidence,
                )
            )
        return results

    def _resolve(self, st: _Statement, resolver: SpeakerResolver, names: ArticleNames):
        return resolve_mention(st.mention_tokens, st.mention[0], resolver, names)

    def _link(self, speaker, mention: Mention | None, published):
        reg = self.registry
        keys: list[str] = []
        out = speaker
        if isinstance(speaker, list):
            resolved = []
            for s in speaker:
                e = reg.resolve(s, published)
                resolved.append(e.name if e else s)
                if e:
                    keys.append(e.key)
            return resolved, tuple(keys)
        entry = None
        if mention is not None:
            entry = reg.resolve(mention.text, published)
        if entry is None and isinstance(speaker, str):
            entry = reg.resolve(speaker, published)
        if entry is not None:
            out = entry.name
            keys.append(entry.key)
        return out, tuple(keys)


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


def _candidate_units(text: str, sentences, quotes: list[QuoteSpan]) -> list[tuple[int, int]]:
    """Sentences worth parsing: a quote starts or ends in them, or a cue form occurs outside
    quotes.  Sentences wholly inside a quote are skipped: speech reported inside a quote is
    the quoted speaker's, not the article's."""
    cue_re = cue_lexicon().pattern
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
        k = bisect.bisect_left(bounds, s)
        has_bound = k < len(bounds) and bounds[k] < e
        keep = has_bound or k in before_quote
        if not keep:
            for m in cue_re.finditer(text, s, e):
                if not inside(m.start()) and _looks_like_cue(text, m, s):
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


def _looks_like_cue(text: str, m: re.Match, sentence_start: int) -> bool:
    """Cheap test that a cue-form match may be a verb: not capitalised mid-sentence ("United
    States", "Washington Post") and not after a determiner ("the report")."""
    word = m.group()
    if word[0].isupper() and m.start() > sentence_start and word.lower() != "according to":
        return False
    prev = _PREV_WORD.search(text, max(sentence_start, m.start() - 20), m.start())
    return not (prev and prev.group(1).lower() in _DETERMINERS)


def _drop_nested(statements: list[_Statement], text: str) -> list[_Statement]:
    """Drop reported statements lying inside another one's content ("he said he wants to ...":
    one statement, not two), except where the inner one is a statement of its own; then the
    outer one is cut short before it:

    - an "according to", object or prepositional statement holding a clause with its own
      speaker ("According to X, A, even as he insisted B"; "discussed a plan, which Putin
      indicated could form a basis");
    - a second cue of the same speaker hung on the first cue ("says A, but insists B",
      "endorsed Cruz, saying B");
    - a second cue the parser hung inside the first statement, joined to it by a comma or a
      conjunction ("said A, arguing that B", "said A, though she noted B").
    """
    statements = sorted(statements, key=lambda s: (s.start, -s.end))
    keep: list[_Statement] = []
    for st in statements:
        container = next(
            (k for k in keep if k.start <= st.start and st.end <= k.end and k is not st), None
        )
        if container is None:
            keep.append(st)
            continue
        same_doc = (
            st.cue is not None
            and container.cue is not None
            and st.cue.token.doc is container.cue.token.doc
        )
        hung_on_container = same_doc and st.cue.token.head.i == container.cue.token.i
        relative = (
            st.cue is not None
            and st.cue.token.dep_ == "relcl"
            and st.cue_span is not None
            and st.cue_span[0] > container.start
        )
        if container.rule in ("according", "obj", "prep") and (
            (st.mention and st.mention[0] > container.start) or relative
        ):
            # "endorsed Trump, who says he is honored": the relative clause's cue is inside,
            # though its speaker ("Trump", through "who") is not
            own_subject = st.mention and st.mention[0] > container.start
            cut = st.mention[0] if own_subject else st.cue_span[0]
            # the object a relative clause hangs on may be short and whole ("endorsed Trump,
            # who says"); a shorter leftover is otherwise a fragment
            shortest = 2 if container.rule == "obj" and not own_subject else 11
            if _end_before(container, text, cut, _RELATIVE_TAIL, shortest=shortest):
                keep.append(st)
        elif (
            hung_on_container
            and st.cue.token.dep_ in ("conj", "advcl")
            and st.cue_span
            and st.mention
            and st.mention[1] <= container.start
            and container.start < st.cue_span[0] < st.start
        ):
            if _end_before(container, text, st.cue_span[0], _COORD_TAIL):
                keep.append(st)
        elif (
            st.cue is not None
            and container.cue is not None
            and not hung_on_container
            and st.cue_span
            and container.start < st.cue_span[0] < st.start
            and st.cue.token.dep_ in ("advcl", "conj", "parataxis")
            and not (st.mention_tokens and st.mention_tokens[0].lower_ in _RELATIVES)
        ):
            lead = st.cue_span[0]
            if st.mention and container.start < st.mention[0] < lead:
                lead = st.mention[0]  # "..., though she noted": cut before the subject
            if _end_before(container, text, lead, _SECOND_CUE_LEAD, required=True):
                if st.cue.token.tag_ == "VBG" and not any(
                    c.dep_ in ("nsubj", "nsubjpass") for c in st.cue.token.children
                ):
                    # a participle has no subject of its own: it is the first speaker's
                    st.mention, st.mention_tokens = container.mention, container.mention_tokens
                keep.append(st)
    return keep


def _end_before(
    container: _Statement,
    text: str,
    pos: int,
    tail: re.Pattern,
    required: bool = False,
    shortest: int = 11,
) -> bool:
    """End ``container`` before ``pos``, backing over the connecting words ``tail`` matches;
    ``False`` (and nothing changed) when fewer than ``shortest`` characters would be left, or,
    if ``required``, when nothing connects the two."""
    head = text[container.start : pos]
    m = tail.search(head)
    if m is None and required:
        return False
    length = m.start() if m else len(head)
    if length < shortest:
        return False
    container.end = container.start + length
    return True


# Words before a clause with its own speaker inside an object: "..., even as he insisted".
_RELATIVE_TAIL = re.compile(
    r"[\s,;:—–-]*(?:\b(?:even|as|and|but|while|although|though|because|which|who"
    r"|that|whom)\b[\s,]*)*$"
)
_RELATIVES = frozenset({"who", "whom", "which", "that", "whose"})


# What may introduce a second statement inside the first one: a comma or semicolon, or a
# conjunction, then adverbs ("..., and also noted", "... though she noted").
_SECOND_CUE_LEAD = re.compile(
    r"(?:\s*[,;]\s*|\s+(?=(?:and|but|while|though|although|whereas)\b))"
    r"(?:(?:and|but|while|though|although|whereas|even|as|also|then|later|further|again"
    r"|repeatedly|only)\b[\s,]*)*$",
    re.IGNORECASE,
)


# Words between two coordinated statements: "..., and also insisted", "..., while adding".
_COORD_TAIL = re.compile(
    r"[\s,;:—–-]*(?:\b(?:and|but|also|while|even|as|then|later|yet|so|has|have|had|was|is"
    r"|would|will|only|further|again|repeatedly)\b[\s,]*)*$",
    re.IGNORECASE,
)


_FRAGMENT_JOIN = re.compile(r"[\s,]*(?:\b(?:and|or|but|then|even|also)\b[\s,]*)+")


def _outside_quotes(plan: _Plan, start: int, end: int) -> list[tuple[int, int]]:
    """The stretches of ``[start, end)`` outside every quote piece, in text order."""
    out, at = [], start
    for i in _quotes_near(plan.quote_starts, start, end):
        q = plan.quotes[i]
        if q.end <= at or q.start >= end:
            continue
        if q.start > at:
            out.append((at, q.start))
        at = max(at, q.end)
    if at < end:
        out.append((at, end))
    return out


def _in_credit(text: str, i: int) -> bool:
    """Whether position ``i`` lies in a photo credit "(Name/Outlet)" (looked for nearby)."""
    open_at = text.rfind("(", max(0, i - 100), i)
    if open_at < 0 or ")" in text[open_at:i]:
        return False
    close_at = text.find(")", i, i + 100)
    return close_at > 0 and "/" in text[open_at:close_at]


def _doc_len(doc) -> int:
    """Length of a Doc's text without rebuilding it (Doc.text joins every token each call)."""
    if not len(doc):
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)


# No quote piece spans more than a paragraph; this bounds how far back one may start.
_MAX_QUOTE_REACH = 20_000


def _quotes_near(starts: list[int], lo: int, hi: int) -> range:
    """Indices of quotes (sorted by start) that may overlap ``[lo, hi)``."""
    return range(bisect.bisect_left(starts, lo - _MAX_QUOTE_REACH), bisect.bisect_left(starts, hi))
