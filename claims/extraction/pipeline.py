"""The extractor: from article text to attributed statements with character offsets.

:class:`Extractor` plans each text (:mod:`planning`: only the sentences that can hold a
statement are units), annotates the units of many texts in shared batches, each component over
the units that read it (the parse where :func:`planning.needs_parse` says a pass reads it,
entities where :func:`planning.needs_entities` says a unit may name someone; the components
it never reads not at all), then runs the passes over each
article in order: the statement rules (:mod:`statements`), nested statements dropped
(:mod:`nesting`), label lines and headlines (:mod:`label_lines`), and speakers resolved in text
order and linked to the registry when one is given (:mod:`speakers`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from .label_lines import headlines, label_lines, reports_someone_else
from .model import UNUSED_COMPONENTS, load_nlp
from .nesting import drop_nested
from .person_model import load_person_model
from .planning import Plan, inside_quote_test, needs_entities, needs_parse, plan_article
from .registry import SpeakerRegistry
from .speaker_model import UNSCORED_NOTE, choose_mentions, load_speaker_model
from .speakers import attribute_speakers
from .statements import (
    attach_colon_and_next,
    closest_cues,
    cue_statements,
    direct_quotes,
    names_and_cues,
)
from .types import ExtractedQuote, ExtractionResult

__all__ = ["Extractor"]

# The components a unit needs before its tags can say whether it needs the parse.
_TAGGING = ("tok2vec", "tagger")


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
        speaker_model: str | None = "default",
        person_model: str | None = "default",
    ):
        self.nlp = nlp if nlp is not None else load_nlp()
        # The learned mention ranker (speaker_model.py): "default" is the repository's file,
        # an error at start-up if it is missing; None (only for training it) keeps the rules'.
        self.speaker_model = (
            load_speaker_model() if speaker_model == "default"
            else load_speaker_model(speaker_model) if speaker_model else None
        )
        self.speaker_log: list | None = None  # training aid: see speaker_model.choose_mentions
        # The learned choice between people of a pronoun's gender and between namesakes
        # (person_model.py): "default" is the repository's file; None (training) keeps the rules'.
        self.person_model = (
            load_person_model() if person_model == "default"
            else load_person_model(person_model) if person_model else None
        )
        self.person_log: list | None = None  # training aid: see coref.SpeakerResolver
        self.pseudo_log: list | None = None  # training aid: coref.SpeakerResolver._pseudo_choice
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
        plans: list[Plan | ExtractionResult] = [self._plan(*item) for item in items]
        units: list[tuple[int, int, object]] = []  # (article, offset, doc)
        for k, plan in enumerate(plans):
            if isinstance(plan, Plan):
                for s, e in plan.units:
                    units.append((k, s, self.nlp.make_doc(plan.text[s:e])))
        if units:
            self._parse(plans, units)
        parsed: dict[int, list] = {}
        for k, off, doc in units:
            parsed.setdefault(k, []).append((off, doc))
        out = []
        for k, plan in enumerate(plans):
            if isinstance(plan, ExtractionResult):
                out.append(plan)
            else:
                docs = parsed.get(k, [])
                out.append(
                    ExtractionResult(
                        self._analyse(plan, docs), None, plan.language, note=self._note(docs)
                    )
                )
        return out

    def _parse(self, plans: list, units: list[tuple[int, int, object]]) -> None:
        """Annotate the units' docs in place, each component over the units that read it.

        A parse only where :func:`~claims.extraction.planning.needs_parse` says it may be
        read: asked on the words before the tagger, which then runs on those units only, and
        asked again on the tags before the parser.  About a sixth of the parsed words are in
        units that need no parse (a quote's own sentence, the sentence before a paragraph's
        opening quote).  NER runs last, as in the model, so where a unit was parsed it sees
        the parser's sentence starts, and only on the units that may name someone
        (:func:`~claims.extraction.planning.needs_entities`: a capitalised word past the
        openers; outside quotes in a unit not parsed): NER costs more than the parse, and a
        sixth of the units' words are in units that name no one."""
        tests: dict[int, object] = {}

        def inside(k: int):
            if k not in tests:
                tests[k] = inside_quote_test(plans[k])
            return tests[k]

        def needed(unit, tagged: bool) -> bool:
            k, off, doc = unit
            return needs_parse(plans[k], off, doc, inside(k), tagged=tagged)

        words = [u for u in units if needed(u, tagged=False)]
        tagged = "tagger" in self.nlp.pipe_names
        parse: list | None = None
        for name, proc in self.nlp.pipeline:
            if name in self._disable:
                continue
            if name == "ner":
                # last, as in the model: whether a unit was parsed is known by now
                targets = [
                    (k, off, doc)
                    for k, off, doc in units
                    if needs_entities(off, doc, inside(k), parsed=doc.has_annotation("DEP"))
                ]
            elif name in _TAGGING:
                targets = words
            else:  # the parser, and anything after the tagger that is not NER
                if parse is None:
                    parse = [u for u in words if needed(u, tagged=tagged)]
                targets = parse
            if targets:
                # spaCy's components annotate the docs they are given in place
                for _ in proc.pipe([doc for _, _, doc in targets], batch_size=self.batch_size):
                    pass

    def _note(self, docs: list) -> str | None:
        """The extraction note of an article the speaker model could not score."""
        if self.speaker_model is not None and not any(len(doc) for _, doc in docs):
            return UNSCORED_NOTE
        return None

    def _plan(self, text, published, language=None) -> Plan | ExtractionResult:
        return plan_article(text, published, language, self.max_chars)

    # ----------------------------------------------------------------- analysis
    def _analyse(self, plan: Plan, docs: list) -> list[ExtractedQuote]:
        """The passes over one article's parsed units, in order: the names and cues they
        hold; the statements the cues govern (reported speech, and the direct quotes a cue's
        complement covers); which cue attributes each remaining quote; nested statements
        dropped; label lines and headlines; the direct quotes; then speakers, resolved in text
        order (:func:`~claims.extraction.speakers.attribute_speakers`).
        """
        inside_quote = inside_quote_test(plan)
        names, cues = names_and_cues(plan, docs, inside_quote)
        plan.names = names
        choice = None
        if self.speaker_model is not None or self.speaker_log is not None:

            def choice(items):
                return choose_mentions(
                    self.speaker_model, self.speaker_log, items, inside_quote, names, plan.text
                )

        statements, candidates, consumed = cue_statements(
            plan, cues, inside_quote, mention_choice=choice
        )
        attached = closest_cues(plan, candidates)
        attach_colon_and_next(plan, docs, plan.quotes, attached, inside_quote)
        statements = drop_nested(statements, plan.text)
        statements.extend(
            lab
            for lab in label_lines(plan, names)
            if not reports_someone_else(lab, statements, plan.text, names)
        )
        statements.extend(
            h
            for h in headlines(plan, names)
            if not any(o.start < h.end and h.start < o.end for o in statements)
        )
        statements.extend(direct_quotes(plan, attached, consumed, docs))
        return attribute_speakers(
            plan,
            statements,
            names,
            registry=self.registry,
            debug_rules=self.debug_rules,
            person_model=self.person_model,
            person_log=self.person_log,
            pseudo_log=self.pseudo_log,
        )
