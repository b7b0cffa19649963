"""The candidate mentions of a cue's speaker in its parsed unit, and what the ranker reads of
each (issue 21).

The extractor's rules pick one subject per cue (``attribution.find_cues``); here every noun
phrase head and pronoun of the unit near the cue is a candidate, described by the rules' own
signals: its relation to the cue in the parse, distance, position, entity type, whether it sits
inside a quote, whether the article names that person elsewhere (the name chain), and whether
it is the rules' choice.  The features read only the parse, the article's names and the rule's
choice, never an earlier statement's resolved speaker, so scoring one cue cannot change what
another one sees.  ``FEATURES`` is the order of the vector; the model file stores a hash of it.
"""

from __future__ import annotations

import hashlib
import re
from itertools import accumulate

from .attribution import mention_span
from .lexicon import word_list

_MAX_REACH = 40  # tokens either side of the cue
_MAX_CANDIDATES = 16
_NOUN_TAGS = {"NN", "NNS", "NNP", "NNPS", "PRP", "WP"}
_SKIP_DEPS = {"compound", "flat", "nummod", "amod", "det", "case", "punct"}
_QUOTE_MARKS = {'"', "“", "”", "''", "``", "‘", "’"}
_ROLE_NOUNS = word_list("role_nouns")
_ORG_NOMINALS = word_list("org_nominals")
_SPEECH_NOUNS = word_list("speech_nouns")

_DEPS = ("nsubj", "nsubjpass", "pobj", "dobj", "appos", "conj", "poss", "attr", "npadvmod",
         "ROOT", "dative", "ccomp")
_PREPS = ("by", "to", "from", "with", "of", "for", "in", "on")
_TAGS = ("NNP", "NNPS", "NN", "NNS", "PRP", "WP")
_ENTS = ("PERSON", "ORG", "GPE", "NORP")
_CUE_DEPS = ("ROOT", "relcl", "conj", "advcl", "ccomp", "xcomp", "acl", "parataxis", "pcomp")
_RULES = ("ccomp", "parataxis", "according", "xcomp", "obj", "obj_xcomp", "prep", "inverted",
          "that_clause", "")

FEATURES: tuple[str, ...] = (
    ("bias", "rule_choice", "rule_choice_pronoun", "rule_choice_inside_quote",
     "rule_choice_person", "head_is_cue", "cue_is_ancestor", "is_ancestor_of_cue",
     "tree_distance", "token_distance", "before_cue", "comma_between", "quote_between",
     "sentence_break_between", "first_candidate", "last_candidate_before_cue",
     "position_in_unit", "capitalised", "he_she", "they", "i_we", "it", "you", "relative",
     "inside_quote", "known_person", "person_chain", "known_org", "role_noun", "org_nominal",
     "speech_noun", "words", "has_name_and_role", "cue_according", "cue_say",
     "cue_has_content", "unit_has_quote", "n_candidates")
    + tuple(f"dep={d}" for d in _DEPS)
    + ("dep=other",)
    + tuple(f"prep={p}" for p in _PREPS)
    + tuple(f"tag={t}" for t in _TAGS)
    + tuple(f"ent={e}" for e in _ENTS)
    + ("ent=other",)
    + tuple(f"rule={r or 'none'}" for r in _RULES)
    + tuple(f"cue_dep={d}" for d in _CUE_DEPS)
    + ("cue_dep=other", "subject_of_other_verb", "subject_of_cue_head")
)
_INDEX = {name: i for i, name in enumerate(FEATURES)}


def features_hash() -> str:
    """A short hash of the feature list: a model trained on another list is refused."""
    return hashlib.sha1("\n".join(FEATURES).encode()).hexdigest()[:16]


class UnitColumns:
    """The attributes of one parsed unit's tokens that :func:`candidates` and
    :func:`featurise` read, taken from spaCy once per unit.

    Reading them through spaCy's ``Token`` objects (one made at every ``doc[i]``, every
    ``.head``, every step of ``.ancestors``) cost more than the features themselves: 0.23 s
    of the 0.70 s of analysis over the PolNeAR dev texts, for the same values.  A unit with
    several cues is read once for all of them."""

    __slots__ = ("doc", "n", "text", "lower", "tag", "dep", "head", "idx", "ent",
                 "_commas", "_quotes", "_breaks", "_ancestors", "_spans")

    def __init__(self, doc):
        toks = list(doc)
        self.doc = doc
        self.n = n = len(toks)
        self.text = text = [t.text for t in toks]
        self.lower = [t.lower_ for t in toks]
        self.tag = [t.tag_ for t in toks]
        self.dep = [t.dep_ for t in toks]
        self.idx = [t.idx for t in toks]
        self.ent = [t.ent_type_ for t in toks]
        # spaCy keeps each head as an offset from its token (``t.head`` makes a Token)
        from spacy.attrs import HEAD  # spaCy is loaded by now; the package imports it lazily

        offsets = doc.to_array(HEAD).astype("int64").tolist() if n else []
        self.head = [i + o for i, o in enumerate(offsets)]
        # how many commas, quote marks and sentence breaks come before each token
        self._commas = list(accumulate((w == "," for w in text), initial=0))
        self._quotes = list(accumulate((w in _QUOTE_MARKS for w in text), initial=0))
        self._breaks = list(accumulate((w in (".", "!", "?", ";") for w in text), initial=0))
        self._ancestors: dict[int, list[int]] = {}
        self._spans: dict[int, tuple[int, int]] = {}

    def ancestors(self, i: int) -> list[int]:
        """Token ``i``'s heads up to its root, nearest first (spaCy's ``Token.ancestors``,
        bounded the same way: no more steps than tokens)."""
        up = self._ancestors.get(i)
        if up is None:
            up, at, head = [], i, self.head
            while head[at] != at and len(up) < self.n:
                at = head[at]
                up.append(at)
            self._ancestors[i] = up
        return up

    def mention_span(self, i: int) -> tuple[int, int]:
        """:func:`~claims.extraction.attribution.mention_span` of token ``i``, once per token."""
        span = self._spans.get(i)
        if span is None:
            span = self._spans[i] = mention_span(self.doc[i])
        return span

    def width(self, i: int, j: int) -> int:
        """Characters from the start of token ``i`` to the end of token ``j - 1``."""
        return self.idx[j - 1] + len(self.text[j - 1]) - self.idx[i]

    def between(self, lo: int, hi: int) -> tuple[bool, bool, bool]:
        """Whether a comma, a quote mark, a sentence break lies strictly between tokens
        ``lo`` and ``hi`` (``lo <= hi``)."""
        a, b = lo + 1, hi
        if b <= a:
            return False, False, False
        return (
            self._commas[b] > self._commas[a],
            self._quotes[b] > self._quotes[a],
            self._breaks[b] > self._breaks[a],
        )


def columns(doc, cache: dict | None = None) -> UnitColumns:
    """The :class:`UnitColumns` of ``doc``, from ``cache`` (keyed by the doc's id, kept while
    the doc is) when it is given."""
    if cache is None:
        return UnitColumns(doc)
    cols = cache.get(id(doc))
    if cols is None or cols.doc is not doc:
        cols = cache[id(doc)] = UnitColumns(doc)
    return cols


def _tree_distance(up_a: list[int], up_b: list[int]) -> int:
    """Edges between two tokens through their nearest common head, each given as itself
    followed by its ancestors; 20 when they share none (two sentences of a unit)."""
    idx = {t: k for k, t in enumerate(up_a)}
    for k, t in enumerate(up_b):
        if t in idx:
            return idx[t] + k
    return 20


def candidates(cue, doc, rule_span: tuple[int, int] | None, cols: UnitColumns | None = None):
    """``(i, j, head)`` spans of the candidate mentions of ``cue``'s speaker in ``doc``, in
    text order (``head`` the index of the mention's head token); the rule's own span
    ``rule_span`` is always one of them.  ``cols``: the doc's :class:`UnitColumns`."""
    d = cols if cols is not None else UnitColumns(doc)
    c = cue.token.i
    lo, hi = max(0, c - _MAX_REACH), min(d.n, c + _MAX_REACH + 1)
    out: dict[tuple[int, int], int] = {}
    if rule_span is not None:
        i, j = rule_span
        out[(i, j)] = doc[i:j].root.i
    cue_lo, cue_hi = cue.start, cue.end
    tag, dep, text, idx, lower = d.tag, d.dep, d.text, d.idx, d.lower
    for t in range(lo, hi):
        if tag[t] not in _NOUN_TAGS or dep[t] in _SKIP_DEPS or not text[t].strip():
            continue
        if cue_lo <= idx[t] < cue_hi:
            continue  # the cue itself ("according", a noun cue)
        if tag[t] == "WP" or lower[t] in ("who", "which", "that"):
            continue  # a relative pronoun names no one: the rules give its antecedent
        i, j = d.mention_span(t)
        if any(a <= t < b for a, b in out):
            continue  # inside a span already taken (the rule's, or a coordination)
        out[(i, j)] = t
    spans = sorted(out.items(), key=lambda kv: (abs(kv[1] - c), kv[0]))[:_MAX_CANDIDATES]
    return sorted(((i, j, head) for (i, j), head in spans), key=lambda x: x[0])


# Where each valued feature sits in the vector.
_AT = _INDEX
_DEP_AT = {d: _INDEX[f"dep={d}"] for d in _DEPS}
_PREP_AT = {p: _INDEX[f"prep={p}"] for p in _PREPS}
_TAG_AT = {t: _INDEX[f"tag={t}"] for t in _TAGS}
_ENT_AT = {e: _INDEX[f"ent={e}"] for e in _ENTS}
_RULE_AT = {r: _INDEX[f"rule={r or 'none'}"] for r in _RULES}
_CUE_DEP_AT = {d: _INDEX[f"cue_dep={d}"] for d in _CUE_DEPS}
_PRONOUN_AT = {
    "he": _INDEX["he_she"], "she": _INDEX["he_she"], "they": _INDEX["they"],
    "i": _INDEX["i_we"], "we": _INDEX["i_we"], "it": _INDEX["it"], "you": _INDEX["you"],
    "who": _INDEX["relative"], "which": _INDEX["relative"], "that": _INDEX["relative"],
}
_THE = re.compile(r"^(?:the|The)\s+")


def featurise(cue, doc, off: int, cands, rule_span, inside_quote, names, text: str,
              cols: UnitColumns | None = None):
    """One feature vector (a list of floats, ``FEATURES`` order) per candidate of
    :func:`candidates`.  ``cols``: the doc's :class:`UnitColumns`, when already taken."""
    d = cols if cols is not None else UnitColumns(doc)
    c = cue.token.i
    rule = rule_span
    n = len(cands)
    width = len(FEATURES)
    T, low_of, tag, dep, head, idx = d.text, d.lower, d.tag, d.dep, d.head, d.idx
    up_c = [c] + d.ancestors(c)
    chain = names._caches.get("speaker_chain")
    if chain is None:
        chain = {}
        for _, full in names.mentions:
            chain[full] = chain.get(full, 0) + 1
        names._caches["speaker_chain"] = chain
    persons: dict[tuple[int, int], str | None] = {}

    def person_in(a: int, b: int):
        if (a, b) not in persons:
            persons[(a, b)] = names.first_person_in(text, a, b)
        return persons[(a, b)]

    rule_person = 0.0
    if rule is not None:
        a = off + idx[rule[0]]
        rule_person = 1.0 if person_in(a, a + d.width(rule[0], rule[1])) else 0.0
    # what is the same for every candidate of this cue
    shared = [0.0] * width
    shared[_AT["bias"]] = 1.0
    if cue.according:
        shared[_AT["cue_according"]] = 1.0
    if cue.lemma == "say":
        shared[_AT["cue_say"]] = 1.0
    if cue.content is not None:
        shared[_AT["cue_has_content"]] = 1.0
    if any(w in _QUOTE_MARKS for w in T):
        shared[_AT["unit_has_quote"]] = 1.0
    shared[_AT["n_candidates"]] = min(n, _MAX_CANDIDATES) / _MAX_CANDIDATES
    shared[_RULE_AT[cue.rule if cue.rule in _RULES else ""]] = 1.0
    shared[_CUE_DEP_AT.get(dep[c], _AT["cue_dep=other"])] = 1.0
    last_before = -1
    for k, (_, _, h) in enumerate(cands):
        if h < c:
            last_before = k
    c_up_set = set(up_c[1:])
    rows = []
    for k, (i, j, h) in enumerate(cands):
        v = shared.copy()
        a = off + idx[i]
        b = a + d.width(i, j)
        low = low_of[h]
        inq = inside_quote(off + idx[h])
        if rule is not None and (i, j) == tuple(rule):
            v[_AT["rule_choice"]] = 1.0
            if tag[h] == "PRP" or low in ("he", "she", "they", "we", "i"):
                v[_AT["rule_choice_pronoun"]] = 1.0
            if inq:
                v[_AT["rule_choice_inside_quote"]] = 1.0
            if rule_person:
                v[_AT["rule_choice_person"]] = 1.0
        up_h = d.ancestors(h)
        if head[h] == c and h != c:
            v[_AT["head_is_cue"]] = 1.0
        if c in up_h:
            v[_AT["cue_is_ancestor"]] = 1.0
        if h in c_up_set:
            v[_AT["is_ancestor_of_cue"]] = 1.0
        v[_AT["tree_distance"]] = min(_tree_distance([h] + up_h, up_c), 12) / 12
        v[_AT["token_distance"]] = min(abs(h - c), _MAX_REACH) / _MAX_REACH
        if h < c:
            v[_AT["before_cue"]] = 1.0
        comma, quote, stop = d.between(min(h, c), max(h, c))
        if comma:
            v[_AT["comma_between"]] = 1.0
        if quote:
            v[_AT["quote_between"]] = 1.0
        if stop:
            v[_AT["sentence_break_between"]] = 1.0
        if k == 0:
            v[_AT["first_candidate"]] = 1.0
        if k == last_before:
            v[_AT["last_candidate_before_cue"]] = 1.0
        v[_AT["position_in_unit"]] = h / max(1, d.n)
        if T[h][:1].isupper() and h > 0:
            v[_AT["capitalised"]] = 1.0
        if low in _PRONOUN_AT:
            v[_PRONOUN_AT[low]] = 1.0
        if inq:
            v[_AT["inside_quote"]] = 1.0
        person = person_in(a, b)
        if person:
            v[_AT["known_person"]] = 1.0
            v[_AT["person_chain"]] = min(chain.get(person, 0), 10) / 10
        span_text = text[a:b]
        if span_text in names.orgs or _THE.sub("", span_text) in names.orgs:
            v[_AT["known_org"]] = 1.0
        if any(w in _ROLE_NOUNS for w in low_of[i:j]):
            v[_AT["role_noun"]] = 1.0
            if person:
                v[_AT["has_name_and_role"]] = 1.0
        if low in _ORG_NOMINALS:
            v[_AT["org_nominal"]] = 1.0
        if low in _SPEECH_NOUNS:
            v[_AT["speech_noun"]] = 1.0
        v[_AT["words"]] = min(j - i, 10) / 10
        v[_DEP_AT.get(dep[h], _AT["dep=other"])] = 1.0
        if dep[h] == "pobj" and low_of[head[h]] in _PREPS:
            v[_PREP_AT[low_of[head[h]]]] = 1.0
        if tag[h] in _TAGS:
            v[_TAG_AT[tag[h]]] = 1.0
        if d.ent[h]:
            v[_ENT_AT.get(d.ent[h], _AT["ent=other"])] = 1.0
        if dep[h] in ("nsubj", "nsubjpass"):
            if head[h] != c:
                v[_AT["subject_of_other_verb"]] = 1.0
            if head[h] == head[c] and head[c] != c:
                v[_AT["subject_of_cue_head"]] = 1.0
        rows.append(v)
    return rows
