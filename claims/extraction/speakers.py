"""Resolving and linking speakers: who each statement's speaker is, decided in text order.

:func:`attribute_speakers` takes one article's statements (from :mod:`statements`,
:mod:`label_lines` and :mod:`nesting`), drops those in site furniture and duplicates, and walks
the rest in text order with one :class:`~claims.extraction.coref.SpeakerResolver`, the running
"who spoke last" state that pronouns, role nominals and descriptions resolve against.  For each
statement:

1. a floating quote (``inherit_from``) takes the speaker its source statement was given, and
   the words that named it there as its mention;
2. every other statement gets its speaker from :func:`choose_speaker`;
3. the resolver is told who spoke where (:meth:`SpeakerResolver.note_statement`), so the
   statements after it resolve against it;
4. with a registry, the speaker is linked to a registry entry (:func:`link_speaker`: the
   mention's words first, then the resolved name, roles valid on the article's date);
5. the statement becomes an :class:`~claims.extraction.types.ExtractedQuote`.

The seam: :func:`choose_speaker` is the one place where a statement's speaker is chosen.
Today it keeps a speaker a rule already named (label lines, headlines, a quote whose previous
sentence names the person) and otherwise resolves the mention the statement rules picked (the
cue's subject) by the rules of :mod:`coref`.  A learned scorer drops in there, or is passed to
:func:`attribute_speakers` as ``choose``: a function ``(statement, resolver, names) ->
speaker`` (a name, a list of names for a joint statement, or ``None``).  What it can read:

- the statement (:class:`~claims.extraction.statements.Statement`): its span, kind, rule,
  cue (the parsed :class:`~claims.extraction.attribution.Cue`, with its spaCy token) and cue
  span, the rule's ``mention`` span and its spaCy tokens (``mention_tokens``);
- ``resolver.text``, ``resolver.sentences``, ``resolver.quote_spans`` (the article) and the
  running state (``recent``: the person speakers so far with their offsets, ``last_org``,
  ``last_speaker``, ...);
- ``names`` (:class:`~claims.extraction.names.ArticleNames`): the candidate names with where
  each is mentioned (``persons``, ``mentions``, ``org_mentions``), full names by surname,
  genders, roles.

A scorer that prefers another mention than the rule's sets ``statement.mention`` and
``statement.mention_tokens`` before it returns: the reported mention and what the resolver
remembers are read from them after the choice.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from .coref import SpeakerResolver, resolve_mention
from .furniture import in_furniture
from .names import ArticleNames
from .planning import Plan
from .registry import SpeakerRegistry
from .statements import Statement
from .types import ExtractedQuote, Mention

__all__ = ["attribute_speakers", "choose_speaker", "link_speaker"]

Speaker = str | list[str] | None


def choose_speaker(st: Statement, resolver: SpeakerResolver, names: ArticleNames) -> Speaker:
    """The speaker of one statement (not a floating quote), in text order: the one a rule
    named, else the rule's mention resolved by :func:`~claims.extraction.coref.resolve_mention`
    (``None`` when the statement has no mention)."""
    if st.speaker is not None or st.mention is None:
        return st.speaker
    return resolve_mention(st.mention_tokens, st.mention[0], resolver, names)


def attribute_speakers(
    plan: Plan,
    statements: list[Statement],
    names: ArticleNames,
    *,
    registry: SpeakerRegistry | None = None,
    debug_rules: list | None = None,
    choose: Callable[[Statement, SpeakerResolver, ArticleNames], Speaker] = choose_speaker,
    person_model="default",
    person_log: list | None = None,
    pseudo_log: list | None = None,
) -> list[ExtractedQuote]:
    """The article's statements as :class:`ExtractedQuote` objects in text order, each with its
    speaker (see the module's docstring).  ``debug_rules``, when a list, gets ``(start, end,
    rule, cue lemma)`` of each statement kept."""
    text = plan.text
    statements = [s for s in statements if not in_furniture(plan.furniture, s.start, s.end)]
    statements.sort(key=lambda s: (s.start, -s.end))
    resolver = SpeakerResolver(
        names,
        text=text,
        sentences=plan.sentences,
        quote_spans=[(q.start, q.end) for q in plan.quotes],
        person_model=person_model,
        person_log=person_log,
    )
    resolver.pseudo_log = pseudo_log
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
            # the words that named the speaker it continues ('"...," she said. "More."')
            mention = (
                Mention(src.mention[0], src.mention[1], text[src.mention[0] : src.mention[1]])
                if src.mention
                else None
            )
            cue = None
        else:
            speaker = choose(st, resolver, names)
            resolved_cache[id(st)] = speaker
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
        if debug_rules is not None:
            lemma = st.cue.lemma if st.cue is not None else ""
            debug_rules.append((st.start, st.end, st.rule, lemma))
        keys: tuple[str, ...] = ()
        if registry is not None:
            speaker, keys = link_speaker(registry, speaker, mention, plan.published)
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


def link_speaker(
    registry: SpeakerRegistry, speaker: Speaker, mention: Mention | None, published: date | None
) -> tuple[Speaker, tuple[str, ...]]:
    """The speaker as the registry names it, and the registry keys it links to: each name of
    a joint statement on its own; else the mention's words first ("the Russian president" on
    the article's date), then the resolved name."""
    keys: list[str] = []
    out = speaker
    if isinstance(speaker, list):
        resolved = []
        for s in speaker:
            e = registry.resolve(s, published)
            resolved.append(e.name if e else s)
            if e:
                keys.append(e.key)
        return resolved, tuple(keys)
    entry = None
    if mention is not None:
        entry = registry.resolve(mention.text, published)
    if entry is None and isinstance(speaker, str):
        entry = registry.resolve(speaker, published)
    if entry is not None:
        out = entry.name
        keys.append(entry.key)
    return out, tuple(keys)
