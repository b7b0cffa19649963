"""Resolving speaker mentions to the names an article gives (:mod:`names`).

Rules, not a learned model: a surname resolves to the full name the article uses for it, a
pronoun to the most recent person speaker of a compatible gender, a role nominal ("the
president", "the Russian leader") to the person that role was attached to or, failing that, to
the most recent person speaker; a description ("the agency", "the report") by the scored
choice of :mod:`antecedents`; other organisations and groups keep their own words.
:class:`SpeakerResolver` holds the running "who spoke last" state, fed one statement at a time
by :meth:`SpeakerResolver.note_statement`.
"""

from __future__ import annotations

import bisect
import re

from .antecedents import (
    choose_in_sentence,
    choose_issuer,
    choose_org,
    choose_person,
    not_the_issuer,
)
from .lexicon import role_nouns, title_words, word_list
from .names import (
    _FEMALE,
    _MALE,
    _PLURAL,
    ArticleNames,
    SpanIndex,
    _after_the,
    clean_name,
    title_gender,
)
from .person_model import REACH, featurise, load_person_model

__all__ = ["ArticleNames", "SpeakerResolver", "clean_name", "resolve_mention"]

# "the two sides", "both leaders": the two people named last
_GROUP_HEADS = word_list("group_heads")


class SpeakerResolver:
    """Resolves mentions in text order; remembers who spoke last.

    Built once per article from what the article holds: its names (:class:`ArticleNames`),
    its ``text``, its ``sentences`` (``(start, end)`` in text order) and the ``quote_spans``
    of its direct quote pieces.  The rest is the running state, fed by :meth:`note_statement`.
    """

    def __init__(
        self,
        names: ArticleNames,
        *,
        text: str,
        sentences: list[tuple[int, int]],
        quote_spans: list[tuple[int, int]],
        person_model="default",
        person_log: list | None = None,
    ):
        self.names = names
        self.text = text
        self.sentences = sentences
        self.quote_spans = quote_spans
        self.recent: list[tuple[int, str]] = []  # person speakers, in order
        self.last_group: list[str] | None = None
        self.last_plural: str | None = None  # the last group or organisation that spoke
        self.last_org: str | None = None  # the last organisation that spoke
        self.last_org_at = -1  # where it spoke
        self.last_it: str | None = None  # the organisation a later "it" refers to
        self.indefinite: dict[str, str] = {}  # head noun -> "a spokesperson"
        self.documents: dict[str, tuple[int, str]] = {}  # "memo" -> (at, issuer)
        self._person_names: set[str] | None = None
        self.last_speaker: str | None = None  # the last named speaker, person or organisation
        # The learned choice between several people of a pronoun's gender or several
        # namesakes (person_model.py): "default" is the repository's file, None keeps the
        # rules' pick (training only); ``person_log`` receives each choice's rows.
        self.person_model = load_person_model() if person_model == "default" else person_model
        self.person_log = person_log
        self.pseudo_log: list | None = None  # training aid: see _pseudo_choice
        names.namesake_chooser = self._choose_namesake
        self._quote_index: tuple[list, SpanIndex] | None = None
        # the people named before a position (see _named_before), advanced as it grows
        self._named_cursor: tuple | None = None
        self._after_the_at: dict[int, bool] = {}

    def in_quote(self, pos: int) -> bool:
        """Whether ``pos`` lies in one of :attr:`quote_spans`."""
        return self._quotes().holds(pos)

    def _quotes(self) -> SpanIndex:
        if self._quote_index is None or self._quote_index[0] is not self.quote_spans:
            self._quote_index = (self.quote_spans, SpanIndex(self.quote_spans))
        return self._quote_index[1]

    def _named_before(self, pos: int) -> tuple[dict[str, int], dict[str, int]]:
        """Where each person of :attr:`names`' mentions before ``pos`` was last named, and how
        often, leaving out a name after a bare "the" ("the Kinder Morgan pipeline").  Asked at
        every "he" and "she" in text order, so the counts are carried forward from the last
        position asked rather than counted again from the article's start (which made
        resolving an article's pronouns quadratic in its length); asked further back, they are
        counted again.  The dicts are the running ones: read them before the next call."""
        mentions = self.names.mentions
        cur = self._named_cursor
        if cur is None or cur[0] is not mentions or pos < cur[1]:
            cur = (mentions, pos, 0, {}, {})
        _, _, k, last_at, named = cur
        while k < len(mentions) and mentions[k][0] < pos:
            p, n = mentions[k]
            k += 1
            after = self._after_the_at.get(p)
            if after is None:
                after = self._after_the_at[p] = _after_the(self.text, p)
            if after:
                continue
            last_at[n] = p
            named[n] = named.get(n, 0) + 1
        self._named_cursor = (mentions, pos, k, last_at, named)
        return last_at, named

    def note_statement(self, pos: int, speaker, mention_tokens=None, mention_at=None) -> None:
        """Record one statement, in text order, for the mentions resolved after it: who spoke
        (``speaker`` as resolved) at ``pos``, and, from the mention's spaCy tokens (``None``
        for a statement that inherited its speaker), which group or organisation a later
        "they", "it" or "the company" may mean."""
        if self.pseudo_log is not None:
            self._pseudo_choice(speaker, mention_tokens, mention_at)
        self.note_speaker(pos, speaker)
        if not isinstance(speaker, str) or not mention_tokens:
            return
        if self._is_person(speaker) or self.names.gender.get(speaker):
            return  # NER's ORG for a surname ("Payne"): a later "it" means no person
        heads = [t for t in mention_tokens if t.head not in mention_tokens]
        if heads and heads[0].tag_ in ("NNS", "NNPS") or (
            heads and heads[0].ent_type_ in ("ORG", "NORP")
        ):
            self.last_plural = speaker  # "Protesters said ... They called ..."
            self.last_group = None
        if heads and heads[0].ent_type_ == "ORG":
            self.last_org = self.last_it = speaker
            self.last_org_at = pos if mention_at is None else mention_at
        elif (
            len(heads) == len(mention_tokens) == 1
            and heads[0].tag_ == "NNP"
            and not heads[0].ent_type_
            and not self.names.person_like(speaker)
        ):
            # "Facebook told employees ... It also told workers": a one-word proper noun the
            # model left untagged, naming nobody, is what a later "it" means (not enough to
            # take it for "the union" or "the company")
            self.last_it = speaker

    def _pseudo_choice(self, speaker, mention_tokens, at) -> None:
        """Training aid (self-supervision): a statement whose mention names a person of known
        gender is logged as if it were "he" or "she" there, with the rules' pick for that
        pronoun and the person named as the answer."""
        if not isinstance(speaker, str) or not mention_tokens or at is None:
            return
        g = self.names.gender.get(speaker)
        if g is None or not any(t.ent_type_ == "PERSON" for t in mention_tokens):
            return
        if any(t.lower_ in _MALE or t.lower_ in _FEMALE for t in mention_tokens):
            return
        rule = self._sentence_before_names(at, g) or self._recent_person(at, g)
        saved, self.person_log = self.person_log, []
        model, self.person_model = self.person_model, None
        try:
            self._choose_person(at, g, rule)
            for pos, cands, rows, rule_k, _namesake in self.person_log:
                self.pseudo_log.append((pos, cands, rows, rule_k, speaker))
        finally:
            self.person_log, self.person_model = saved, model

    def note_speaker(self, pos: int, speaker) -> None:
        if isinstance(speaker, str) and speaker[:1].isupper():
            self.last_speaker = speaker
        if isinstance(speaker, list):
            self.last_group = speaker
            self.last_plural = None
            for s in speaker:
                self.recent.append((pos, s))
        elif speaker and self._is_person(speaker):
            self.recent.append((pos, speaker))

    def _is_person(self, name: str) -> bool:
        # Stricter than ArticleNames.person_like: only NER-confirmed people and people whose
        # gender the article showed count as speakers a later "he"/"she" may refer to.
        if self._person_names is None:
            self._person_names = {n for _, n in self.names.persons}
        return name in self._person_names or name in self.names.gender

    def _recent_person(self, pos: int, gender: str | None = None) -> str | None:
        # The most recent speaker first: news prose keeps "he" for whoever is being quoted.
        # Only when no speaker fits, the most recent person named before this point; last,
        # a full name found in sentences that were not parsed.
        pools = (self.recent, self.names.persons, self.names.mentions)
        for pool in pools:
            for p, name in reversed(pool):
                if p > pos:
                    continue
                if pool is not self.recent and (
                    len(name.split()) < 2 and name not in self.names.gender
                ):
                    continue  # NER's one-word "people" ("Ont", "Fiddler") are too often wrong
                if pool is not self.recent and _after_the(self.text, p):
                    continue  # "the Kinder Morgan pipeline"
                if pool is self.names.mentions:
                    if self.recent or self.names.is_org_name(name) or name.isupper():
                        break  # only before anyone spoke: "'I am Canadian,' she said."
                    name = self.names.full_name(name)
                g = self.names.gender.get(name)
                if gender is None or g is None or g == gender:
                    return name
        return None

    def _latest_people(self, pos: int, k: int) -> list[str]:
        # "the two sides", "both leaders": the people named last, whether or not they spoke
        out: list[str] = []
        events = sorted(self.names.mentions) or sorted(self.recent) or sorted(self.names.persons)
        for p, n in reversed(events):
            if p <= pos and n not in out:
                out.append(n)
            if len(out) == k:
                break
        return out

    def _sentence_before_names(
        self, pos: int, gender: str | None, hops: int = 2, chained: bool = False
    ) -> str | None:
        """The person named in the sentence before the pronoun's, when that sentence holds no
        quote: "Purdy, 73, credits his terrier. 'It helped,' he says." -> Purdy.  For a
        he/she, the first person named there whose gender fits (news names the subject
        first: "Mary Nicholson, director of ..., agreed with Williamson's approach.")."""
        before = self._quote_free_sentence_before(pos)
        if before is None:
            return None
        s, e, cur_s = before
        if any(s <= p < cur_s for p, _ in self.recent):
            return None
        if gender and re.match(r"\s*" + ("He" if gender == "m" else "She") + r"\b", self.text[s:e]):
            # "She cited the Starlight Tours. 'To avoid ...,' she said.": the sentence before
            # is about the same person as the pronoun, not about what it names; that person
            # may be named further back, ``hops`` sentences at most ("Mike McFadden rejoiced.
            # He believes X. 'Y,' he said."); there (``chained``) only one person may fit
            if hops:
                return self._sentence_before_names(s, gender, hops - 1, chained=True)
            return None
        named: list[str] = []
        at: dict[str, int] = {}
        for p, n in self.names.mentions_in(s, e):
            if (
                n not in named
                and not self.names.is_org_name(n)
                and not _after_the(self.text, p, s)
            ):
                named.append(n)
                at[n] = p
        if gender is None or len(named) <= 1:
            if len(named) != 1:
                return None
            name = named[0]
            g = self.names.gender.get(name)
            return name if g is None or gender is None or g == gender else None
        if self._person_names is None:
            self._person_names = {n for _, n in self.names.persons}
        fits = [
            n
            for n in named
            if self.names.gender.get(n) == gender
            or (self.names.gender.get(n) is None and n in self._person_names)
            # the person the sentence opens with, of no known gender, where the parse that
            # would have confirmed them was skipped: "Premier Anne Clark met Mayor Susan
            # Doyle. She said" is not Doyle just because "Susan" is a listed given name
            or (
                not chained
                and self.names.gender.get(n) is None
                and at[n] == min(at.values())
                and self._opens(n, at[n], s)
            )
        ]
        if chained and len(fits) != 1:
            return None  # several people back there: the speaker who spoke last is safer
        if len(fits) > 1:
            last = self.recent[-1][1] if self.recent else None
            return choose_in_sentence([(at[n], n) for n in fits], self.text, (s, e), last)
        return fits[0] if fits else None

    def _choose_person(self, pos: int, gender: str, rule: str | None) -> str | None:
        """The person a "he" or "she" at ``pos`` means: the rules' pick ``rule`` where it has
        no rival, else the learned model's choice among the people of that gender (or of no
        known gender who spoke, or whom NER confirmed under a full name: its one-word
        "people", "Ont", "Fiddler", are left out as in :meth:`_recent_person`) named or
        speaking within ``person_model.REACH`` characters before it.  Where the rules found
        no one (``rule`` None), no one: the choices are still logged for training."""
        names = self.names
        lo = pos - REACH
        last_at, named = self._named_before(pos)
        if self._person_names is None:
            self._person_names = {n for _, n in names.persons}
        spoke = {n for p, n in self.recent if lo <= p <= pos}
        pool = {n for n, p in last_at.items() if p >= lo} | spoke
        cands = sorted(
            n
            for n in pool
            if n == rule
            or (
                not names.is_org_name(n)
                and (
                    names.gender.get(n) == gender
                    or (
                        names.gender.get(n) is None
                        and (n in spoke or (n in self._person_names and len(n.split()) > 1))
                    )
                )
            )
        )
        if rule is not None and rule not in cands:
            cands.append(rule)
        return self._model_choice(pos, gender, rule, cands, last_at, named, set(), False)

    def _choose_namesake(self, pos: int, gender, rule: str, forms, longest, relatives) -> str:
        """Which of several people sharing a surname a bare surname at ``pos`` means: the
        rules' pick where one namesake is left after the gender title, else the model's."""
        last_at: dict[str, int] = {}
        named: dict[str, int] = {}
        for p, n in forms:
            if p <= pos:
                full = longest[n]
                last_at[full] = max(last_at.get(full, -1), p)
                named[full] = named.get(full, 0) + 1
        cands = sorted(last_at)
        if rule not in cands:
            cands.append(rule)
        return self._model_choice(pos, gender, rule, cands, last_at, named, set(relatives), True)

    def _model_choice(self, pos, gender, rule, cands, last_at, named, kin, namesake):
        if len(cands) < 2:
            return rule
        rows = featurise(self, pos, cands, rule, gender, namesake, last_at, named, kin)
        rule_k = cands.index(rule) if rule in cands else None
        if self.person_log is not None:
            self.person_log.append((pos, list(cands), rows, rule_k, namesake))
        if self.person_model is None or rule is None:
            return rule  # where the rules found no one, the model names no one either
        k = self.person_model.choose(rows, rule_k)
        return rule if k is None else cands[k]

    def _opens(self, name: str, p: int, start: int) -> bool:
        """Whether ``name``, whose surname is at ``p``, opens the sentence at ``start``: only
        title words, role nouns or its own given names come before it."""
        given = name.split()[:-1]
        return all(
            w in given or w.lower().rstrip(".") in title_words() or w.lower() in role_nouns()
            for w in self.text[start:p].strip(" \"“'‘").split()
        )

    def resolve_pronoun(self, word: str, pos: int) -> str | list[str] | None:
        w = word.lower()
        if w in _MALE or w in _FEMALE:
            g = "m" if w in _MALE else "f"
            name = self._sentence_before_names(pos, g)
            name = self._choose_person(pos, g, name or self._recent_person(pos, g))
            if name:
                self.names.gender.setdefault(name, g)
            return name
        if w in _PLURAL:
            if self.last_group:
                return list(self.last_group)
            return self.last_plural if w in ("they", "them") else None
        if w == "it":
            # "EDC declined to answer. '...,' it said": the organisation the sentence before
            # opens with; else the one that spoke last ("Export Development Canada ... it said")
            return self._org_opening_sentence_before(pos) or self.last_it
        return None

    def _quote_free_sentence_before(self, pos: int) -> tuple[int, int, int] | None:
        """``(start, end)`` of the sentence before the one holding ``pos``, and where that one
        starts; ``None`` when there is none or it holds a quote (it is about its speaker)."""
        if not self.sentences:
            return None
        k = bisect.bisect_right(self.sentences, (pos, len(self.text) + 1)) - 1
        if k < 1:
            return None
        s, e = self.sentences[k - 1]
        if self._quotes().overlaps(s, e):
            return None
        return s, e, self.sentences[k][0]

    def _org_opening_sentence_before(self, pos: int) -> str | None:
        before = self._quote_free_sentence_before(pos)
        if before is None:
            return None
        s, e, _ = before
        for p, n, kind in self.names.org_mentions:
            if s <= p < e and kind == "org" and re.fullmatch(r"\s*(?:The\s+)?", self.text[s:p]):
                org = self.names.org_full_name(_strip_det(n))
                return None if self._is_person(org) else org
        return None

    def resolve_nominal(
        self, words: list[str], pos: int, head: str | None = None
    ) -> str | list[str] | None:
        """ "the president", "The Russian leader", "the two sides", "the company"; ``None``
        when not a definite nominal that refers back."""
        low = [w.lower() for w in words]
        if not low or low[0] not in ("the", "both"):
            return None
        head = (head or low[-1]).lower()
        if head in _GROUP_HEADS and ("two" in low or "both" in low or head == "leaders"):
            people = self._latest_people(pos, 2)
            return list(reversed(people)) if len(people) == 2 else None
        if head in self.indefinite:
            # "a justice official ... the official said": the same unnamed speaker
            return self.indefinite[head]
        if head in self.names.role_of:
            return self.names.role_of[head]
        aged = "year-old" in "".join(low) or "year - old" in " ".join(low)
        if _names_its_own_employer(words, head):
            # "the lawyer for Animal Protection Services": a description that says whom its
            # person works for introduces that person; it is not whoever spoke last
            return None
        if head in role_nouns() or aged or (low[0] == "the" and "former" in low[1:3]):
            # "The 32-year-old labourer", "the former sergeant-at-arms": the person just
            # introduced, else the last person who spoke
            return self._sentence_before_names(pos, None) or self._recent_person(pos)
        return None


def _names_its_own_employer(words: list[str], head: str) -> bool:
    """Whether a description goes on after its head noun with "for", "at" or "with" and a
    name ("the lawyer for Animal Protection Services", "the analyst at Acme"); "of" is a
    role's own ("the former sergeant-at-arms of the House of Commons" refers back)."""
    low = [w.lower() for w in words]
    if head not in low:
        return False
    k = low.index(head)
    return any(
        low[i] in ("for", "at", "with") and words[i + 1][:1].isupper()
        for i in range(k + 1, len(words) - 1)
    )


# "the company", "the agency": a definite nominal naming an organisation mentioned before.
_ORG_NOMINALS = word_list("org_nominals")
_PRON_WORDS = {"he", "she", "they", "we", "him", "her", "them", "i", "it"}
# "a statement from the EU", "Infrastructure Canada's database": who issued the document
_ISSUED_DOCS = word_list("issued_docs")
_DOC_HEADS = word_list("doc_heads")
# Heads for which "Pentagon leadership" means the organisation itself.
_ORG_VOICE_HEADS = word_list("org_voice_heads")


def _strip_det(text: str) -> str:
    # only a possessive goes: "CTV News" and "Reuters" keep their last letter
    return re.sub(r"\s*['’]s?$", "", re.sub(r"^(?:the|The)\s+", "", text)).strip() if text else text


def _span_text(toks) -> str:
    doc = toks[0].doc
    # a Span's text, not doc.text: Doc.text is rebuilt from every token at each call
    return doc[toks[0].i : toks[-1].i + 1].text


def _run(tokens, pred) -> list:
    """The last contiguous run of tokens satisfying ``pred``; a hyphen glued to both
    neighbours stays inside the run ("Wilson-Raybould", "al-Shabaab")."""
    hits = [t for t in tokens if pred(t)]
    if not hits:
        return []
    doc = hits[-1].doc
    run = [hits[-1]]
    # glued hyphenated parts to the right of the last hit ("Merriam" "-" "Webster")
    j = run[-1].i
    while (
        j + 2 < len(doc)
        and doc[j + 1].text == "-"
        and not doc[j].whitespace_
        and not doc[j + 1].whitespace_
        and doc[j + 2].text[:1].isalpha()
    ):
        run += [doc[j + 1], doc[j + 2]]
        j += 2
    k = run[0].i
    while k > 0:
        prev = doc[k - 1]
        if pred(prev):
            run.insert(0, prev)
            k -= 1
        elif (
            prev.text == "-"
            and k > 1
            and not prev.whitespace_
            and not doc[k - 2].whitespace_
            and doc[k - 2].text[:1].isalpha()
        ):
            run[:0] = [doc[k - 2], prev]
            k -= 2
        else:
            break
    return run


def resolve_mention(toks, pos: int, resolver: SpeakerResolver, names: ArticleNames):
    """Resolve the spaCy tokens of a speaker mention at character ``pos`` to a speaker.

    Returns a full name, a list of names for a joint statement, an organisation's name, the
    mention's own words for an unnamed speaker ("a spokesperson"), or ``None``.
    """
    toks = [t for t in toks if not t.is_space]
    if not toks:
        return None
    roots = [t for t in toks if t.head not in toks]
    root_ids = {t.i for t in roots}
    for root in roots:
        if root.ent_type_ == "PERSON":
            break  # "Jim Eglinski, Yellowhead MP": the name comes first
        for c in root.children:
            if c.dep_ == "appos" and c not in toks and c.ent_type_ == "PERSON" and c.i > root.i:
                # "One red-state Democrat, Montana Sen. Jon Tester, said": the apposition
                # names the speaker the mention describes
                run = _run(list(c.subtree), lambda t: t.ent_type_ == "PERSON")
                if len(run) >= 2:  # a lone given name could be anyone's ("his father, Joseph")
                    name = names.full_name(_span_text(run), pos)
                    if names.person_like(name):
                        return name
    # only conjuncts of the noun phrase's head: "Heart and Stroke senior manager Erin Kim" is
    # one speaker whose organisation has an "and" in its name
    conj = [t for t in toks if t.dep_ == "conj" and t.head.i in root_ids]
    if conj:
        heads = roots + conj
        parts = []
        for h in heads:
            span = sorted(
                (
                    t
                    for t in h.subtree
                    if t in toks
                    and not t.is_punct
                    and (
                        t.i == h.i
                        or (t.head.i == h.i and t.dep_ not in ("cc", "conj", "preconj", "det"))
                    )
                ),
                key=lambda t: t.i,
            )
            if span:
                parts.append(_resolve_simple(span, pos, resolver, names))
        # "Both Putin and Xi Jinping" yes; "oil and gas worker Mike Wipf" no
        parts = [p for p in parts if isinstance(p, str) and p[:1].isupper()]
        if len(parts) >= 2:
            return parts
    return _resolve_simple(toks, pos, resolver, names)


def _described_with_capitals(words, head, low0, pos, resolver, names) -> str | None:
    """ "the Democratic front-runner", "the GOP nominee": a description whose modifiers before
    its lower-case head include capitalised words (a party, an acronym) is the one person the
    article gave the head noun and every capitalised modifier, near the name in one sentence
    ("Hillary Clinton, the Democratic front-runner,"); ``None`` when no one, or more than one
    person, was so described."""
    if (
        low0 != "the"
        or head.tag_ != "NN"
        or not head.is_lower
        or head.lower_ in _ORG_NOMINALS
        or head.lower_ in _DOC_HEADS
        or not 3 <= len(words) <= 4
        or words[-1].i != head.i
    ):
        return None
    mods = words[1:-1]
    caps = tuple(t.text for t in mods if not t.is_lower)
    if not caps or any(t.ent_type_ == "PERSON" or not t.text.isalpha() for t in mods):
        return None
    doc = head.doc
    noun = head.text
    if head.i > 1 and doc[head.i - 1].text == "-" and not doc[head.i - 1].whitespace_:
        # "front-runner": the whole hyphenated noun, not "runner"
        noun = doc[head.i - 2].text + "-" + noun
        caps = tuple(c for c in caps if c != doc[head.i - 2].text)
    return choose_person(noun.lower(), pos, resolver, names, also=caps, sole=True)


def _plural_subject_before(pron) -> str | None:
    """The last named subject before ``pron`` in its sentence, when it is a plural proper
    noun ("The Conservatives") or a plural common noun with only modifiers ("Republican
    senators", kept as written); another plural subject ends the search."""
    for t in reversed(pron.doc[: pron.i]):
        if t.dep_ != "nsubj" or t.tag_ not in ("NNPS", "NNS"):
            continue  # pronouns and singular nouns ("the tax is") are passed over
        if t.text[:1].isupper() and (t.tag_ == "NNPS" or t.ent_type_ in ("NORP", "ORG")):
            left = t.left_edge.i if t.left_edge.lower_ == "the" else t.i
            return t.doc[left : t.i + 1].text
        if t.tag_ == "NNS" and t.i + 1 < pron.i:
            # "Republican senators are eager ..., and they say": the plural subject as written
            mods = ("amod", "compound", "nmod")
            left = min((c.i for c in t.lefts if c.dep_ in mods), default=t.i)
            if all(x.dep_ in mods for x in t.doc[left : t.i]):
                return t.doc[left : t.i + 1].text
        return None
    return None


def _resolve_document(toks, words, head, low0, pos, resolver, names):
    """The issuer of a document given as the speaker ("her statement", "the Civic Action
    study", "a memo from the EU", "the report" after "a report by X"), the document as
    written where the article names only who has it, or ``None``."""
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    if owner is not None and owner.tag_ == "PRP$" and owner.lower_ in ("his", "her", "its"):
        # "her statement said": the pronoun's antecedent issued it
        word = {"his": "he", "her": "she", "its": "it"}[owner.lower_]
        issuer = resolver.resolve_pronoun(word, pos)
        if isinstance(issuer, str):
            return issuer
    if owner is not None and owner.tag_ not in ("PRP$", "WP$"):
        # "a Michigan school's latest list", "the city's report": the owner issued it
        owner_toks = [t for t in owner.subtree if t.dep_ != "case"]
        if any(t.ent_type_ == "PERSON" for t in owner_toks):
            return names.full_name(_span_text(owner_toks), pos)
        return _strip_det(_span_text(owner_toks)) if owner.ent_type_ else _span_text(
            owner_toks
        )
    # "the Civic Action study": a name among the document's own modifiers issued it
    premods = [
        t for t in head.lefts if t.dep_ == "compound" and t.ent_type_ in ("ORG", "PERSON")
    ]
    if premods:
        run = _run(premods, lambda t: t.ent_type_ in ("ORG", "PERSON"))
        if run[-1].ent_type_ == "PERSON":
            return names.full_name(_span_text(run), pos)
        return names.org_full_name(_strip_det(_span_text(run)))
    # "A statement from the EU", "a study released Monday by Civic Action", "Trudeau's
    # office": the issuer may sit in a clause the mention leaves out, so search the subtree
    scope = [t for t in head.subtree if not t.is_punct] if head.dep_ != "ROOT" else words
    doc = head.doc

    def issuer_like(t) -> bool:
        # "the memo obtained by The Globe", "a lawsuit against Acme": no issuer
        if t.ent_type_ not in ("ORG", "PERSON", "GPE") or t.i == head.i:
            return False
        if t.i > head.i:
            first = t
            while first.i > head.i + 1 and doc[first.i - 1].ent_type_ == t.ent_type_:
                first = doc[first.i - 1]
            return not not_the_issuer(doc.text[head.idx + len(head) : first.idx])
        return True

    named = [t for t in scope if issuer_like(t)]
    if named:
        run = _run(scope, issuer_like)
        if run and run[-1].ent_type_ == "PERSON":
            return names.full_name(_span_text(run))
        if run:
            return _strip_det(_span_text(run))
    elif any(t.ent_type_ in ("ORG", "PERSON", "GPE") and t.i > head.i for t in scope):
        # "the memo obtained by The Globe": the article names who has it, not who wrote
        # it; the document stays the speaker as written
        return _span_text(toks)
    if head.lower_ in _ISSUED_DOCS and low0 in ("a", "the") and resolver.last_speaker:
        # "A statement said ...", "A tweet said ...": issued by whoever spoke last
        return resolver.last_speaker
    if low0 == "the" and head.lower_ in word_list("document_nouns"):
        # "the report said": who issued it, where the article said so before
        issuer = choose_issuer(head.lower_, pos, resolver, names)
        if issuer:
            return issuer
    return None


def _resolve_simple(toks, pos, resolver: SpeakerResolver, names: ArticleNames):
    words = [t for t in toks if not t.is_punct]
    if not words:
        return None
    low0 = words[0].lower_
    if len(words) == 1 and low0 in ("they", "we"):
        # "The Conservatives believe they can ...; they say": a plural named subject earlier in
        # the same sentence
        group = _plural_subject_before(words[0])
        if group:
            return group
    if len(words) == 1 and low0 in _PRON_WORDS:
        return resolver.resolve_pronoun(low0, pos)
    head = max(words, key=lambda t: (t.head not in toks, t.i))  # the NP's head: outside link
    persons = [t for t in words if t.ent_type_ == "PERSON"]
    if persons:
        run = _run(words, lambda t: t.ent_type_ == "PERSON")
        if (
            head.tag_ in ("NN", "NNS")
            and run[-1].dep_ == "poss"
            or (
                run[-1].i + 1 < len(run[-1].doc)
                and run[-1].nbor().lower_ in ("'s", "’s")
                and head not in run
            )
        ):
            # "DeLaet's agent", "Trudeau's office": someone else speaks
            return _span_text(toks)
        if (
            head not in run
            and head.i > run[-1].i
            and head.tag_ in ("NN", "NNS")
            and head.is_lower
            and head.ent_type_ != "PERSON"
            and run[-1].dep_ == "compound"
        ):
            # "Surrey staff", "the Clinton campaign": a name modifying the speaker's noun is
            # not the speaker (nor a person: NER takes "Surrey" for one)
            return _span_text(toks)
        # NER leaves the title out of "Mrs. Clinton"'s name; it still tells her gender
        title = run[0].nbor(-1) if run[0].i > 0 else None
        gender = title_gender(title.text) if title is not None else None
        return names.full_name(_span_text(run), pos, gender)
    content = [t for t in words if t.lower_ not in ("the", "'s", "’s")]
    if content and all(t.tag_ in ("NNP", "NNPS") or t.text.istitle() for t in content):
        last = _span_text(content).split()[-1].lower()  # "Wilson-Raybould" is one word here
        full = names.full_name(last, pos)
        if full and full.lower() != last and names.person_like(full):
            # NER often tags a lone surname as ORG or GPE, the tagger even as a plural noun
            # ("Sparkes"); the article gave it as a person's name
            return full
    if head.lower_ in _DOC_HEADS:
        doc_head = head.lower_
        if low0 == "the" and len(words) == 2 and doc_head in resolver.documents:
            # "the memo" again, no other memo mentioned since: the same document as before,
            # so the same speaker
            at, issuer = resolver.documents[doc_head]
            since = resolver.text[at + len(doc_head) : pos]
            if not re.search(r"\b" + re.escape(doc_head) + r"s?\b", since, re.IGNORECASE):
                return issuer
        issuer = _resolve_document(toks, words, head, low0, pos, resolver, names)
        if issuer:
            at = head.idx - toks[0].idx + pos
            resolver.documents[doc_head] = (at, issuer)
            return issuer
    nominal = resolver.resolve_nominal([t.text for t in words], pos, head.text)
    if nominal:
        return nominal
    if (
        low0 == "the"
        and head.lower_ in _ORG_NOMINALS
        and len(words) <= 4
        and all(t.is_lower for t in words[1:] if t.i != head.i)
    ):
        modifiers = [t.lower_ for t in words[1:] if t.i != head.i and not t.is_stop]
        org = choose_org(head.lower_, modifiers, pos, resolver, names)
        if org:
            return org
    if (
        low0 == "the"
        and head.tag_ == "NN"
        and head.is_lower
        and head.lower_ not in _ORG_NOMINALS
        and head.lower_ not in _DOC_HEADS
        and len(words) <= 4
        and all(t.is_lower or t.is_punct for t in words[1:])
    ):
        person = choose_person(head.lower_, pos, resolver, names, sole=True)
        if person:
            return person
    person = _described_with_capitals(words, head, low0, pos, resolver, names)
    if person:
        return person
    if low0 in ("a", "an", "one", "another"):
        resolver.indefinite.setdefault(head.lower_, _span_text(toks))
    orgs = [t for t in words if t.ent_type_ in ("ORG", "GPE", "FAC")]
    if orgs:
        run = _run(words, lambda t: t.ent_type_ in ("ORG", "GPE", "FAC"))
        while len(run) > 1 and run[0].lower_ == "the" and run[0].is_lower:
            # "the Canada Border Services Agency (CBSA) said": NER's entity takes in the
            # article; the name is the one "CBSA" resolves to (a capital "The" may be the
            # name's own: "The Globe and Mail")
            run = run[1:]
        run_words = [t.text for t in run]
        if (
            len(run) >= 3
            and run_words[0].lower() in title_words()
            and all(t.tag_ in ("NNP", "NNPS") for t in run[-2:])
        ):
            # "Secretary of Defense Lloyd Austin" tagged ORG as a whole: a titled person
            return names.full_name(_span_text(run[-2:]))
        if head in run or head.lower_ in _ORG_VOICE_HEADS and head.lower_ != "officials":
            return names.org_full_name(_span_text(run))
    if content and all(t.tag_ in ("NNP", "NNPS") for t in content):
        return names.full_name(_span_text(content), pos)
    text = _span_text(toks)
    return text or None
