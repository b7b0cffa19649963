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


def _tree_distance(a, b) -> int:
    up_a = [a] + list(a.ancestors)
    idx = {t.i: k for k, t in enumerate(up_a)}
    for k, t in enumerate([b] + list(b.ancestors)):
        if t.i in idx:
            return idx[t.i] + k
    return 20


def candidates(cue, doc, rule_span: tuple[int, int] | None) -> list[tuple[int, int, object]]:
    """``(i, j, head)`` token spans of the candidate mentions of ``cue``'s speaker in ``doc``,
    in text order; the rule's own span ``rule_span`` is always one of them."""
    c = cue.token.i
    lo, hi = max(0, c - _MAX_REACH), min(len(doc), c + _MAX_REACH + 1)
    out: dict[tuple[int, int], object] = {}
    if rule_span is not None:
        i, j = rule_span
        head = doc[i:j].root
        out[(i, j)] = head
    cue_lo, cue_hi = cue.start, cue.end
    for t in doc[lo:hi]:
        if t.tag_ not in _NOUN_TAGS or t.dep_ in _SKIP_DEPS or not t.text.strip():
            continue
        if cue_lo <= t.idx < cue_hi:
            continue  # the cue itself ("according", a noun cue)
        if t.tag_ == "WP" or t.lower_ in ("who", "which", "that"):
            continue  # a relative pronoun names no one: the rules give its antecedent
        i, j = mention_span(t)
        if any(a <= t.i < b for a, b in out):
            continue  # inside a span already taken (the rule's, or a coordination)
        out[(i, j)] = t
    spans = sorted(out.items(), key=lambda kv: (abs(kv[1].i - c), kv[0]))[:_MAX_CANDIDATES]
    return sorted(((i, j, head) for (i, j), head in spans), key=lambda x: x[0])


def featurise(cue, doc, off: int, cands, rule_span, inside_quote, names, text: str):
    """One feature vector (a list of floats, ``FEATURES`` order) per candidate."""
    c = cue.token
    rule = rule_span
    n = len(cands)
    unit_has_quote = any(t.text in _QUOTE_MARKS for t in doc)
    has_content = cue.content is not None
    before = [k for k, (_, _, h) in enumerate(cands) if h.i < c.i]
    last_before = before[-1] if before else -1
    chain = names._caches.get("speaker_chain")
    if chain is None:
        chain = {}
        for _, full in names.mentions:
            chain[full] = chain.get(full, 0) + 1
        names._caches["speaker_chain"] = chain
    rule_person = 0.0
    if rule is not None:
        a = off + doc[rule[0]].idx
        b = off + doc[rule[1] - 1].idx + len(doc[rule[1] - 1])
        rule_person = 1.0 if names.first_person_in(text, a, b) else 0.0
    rows = []
    for k, (i, j, h) in enumerate(cands):
        v = [0.0] * len(FEATURES)

        def put(name, value=1.0, v=v):
            v[_INDEX[name]] = value

        put("bias")
        is_rule = rule is not None and (i, j) == tuple(rule)
        a = off + doc[i].idx
        b = off + doc[j - 1].idx + len(doc[j - 1])
        low = h.lower_
        inq = inside_quote(off + h.idx)
        if is_rule:
            put("rule_choice")
            if h.tag_ == "PRP" or low in ("he", "she", "they", "we", "i"):
                put("rule_choice_pronoun")
            if inq:
                put("rule_choice_inside_quote")
            if rule_person:
                put("rule_choice_person")
        if h.head.i == c.i and h.i != c.i:
            put("head_is_cue")
        if any(t.i == c.i for t in h.ancestors):
            put("cue_is_ancestor")
        if any(t.i == h.i for t in c.ancestors):
            put("is_ancestor_of_cue")
        put("tree_distance", min(_tree_distance(h, c), 12) / 12)
        put("token_distance", min(abs(h.i - c.i), _MAX_REACH) / _MAX_REACH)
        if h.i < c.i:
            put("before_cue")
        lo_i, hi_i = sorted((h.i, c.i))
        between = doc[lo_i + 1 : hi_i]
        if any(t.text == "," for t in between):
            put("comma_between")
        if any(t.text in _QUOTE_MARKS for t in between):
            put("quote_between")
        if any(t.text in (".", "!", "?", ";") for t in between):
            put("sentence_break_between")
        if k == 0:
            put("first_candidate")
        if k == last_before:
            put("last_candidate_before_cue")
        put("position_in_unit", h.i / max(1, len(doc)))
        if h.text[:1].isupper() and h.i > 0:
            put("capitalised")
        if low in ("he", "she"):
            put("he_she")
        elif low in ("they",):
            put("they")
        elif low in ("i", "we"):
            put("i_we")
        elif low == "it":
            put("it")
        elif low == "you":
            put("you")
        elif low in ("who", "which", "that"):
            put("relative")
        if inq:
            put("inside_quote")
        person = names.first_person_in(text, a, b)
        if person:
            put("known_person")
            put("person_chain", min(chain.get(person, 0), 10) / 10)
        span_text = text[a:b]
        if span_text in names.orgs or re.sub(r"^(?:the|The)\s+", "", span_text) in names.orgs:
            put("known_org")
        words = [t.lower_ for t in doc[i:j]]
        if any(w in _ROLE_NOUNS for w in words):
            put("role_noun")
            if person:
                put("has_name_and_role")
        if low in _ORG_NOMINALS:
            put("org_nominal")
        if low in _SPEECH_NOUNS:
            put("speech_noun")
        put("words", min(j - i, 10) / 10)
        if cue.according:
            put("cue_according")
        if cue.lemma == "say":
            put("cue_say")
        if has_content:
            put("cue_has_content")
        if unit_has_quote:
            put("unit_has_quote")
        put("n_candidates", min(n, _MAX_CANDIDATES) / _MAX_CANDIDATES)
        dep = h.dep_ if h.dep_ in _DEPS else "other"
        put(f"dep={dep}")
        if h.dep_ == "pobj" and h.head.lower_ in _PREPS:
            put(f"prep={h.head.lower_}")
        if h.tag_ in _TAGS:
            put(f"tag={h.tag_}")
        if h.ent_type_:
            put(f"ent={h.ent_type_ if h.ent_type_ in _ENTS else 'other'}")
        r = cue.rule if cue.rule in _RULES else ""
        put(f"rule={r or 'none'}")
        put(f"cue_dep={c.dep_ if c.dep_ in _CUE_DEPS else 'other'}")
        if h.dep_ in ("nsubj", "nsubjpass"):
            if h.head.i != c.i:
                put("subject_of_other_verb")
            if h.head.i == c.head.i and c.head.i != c.i:
                put("subject_of_cue_head")
        rows.append(v)
    return rows
