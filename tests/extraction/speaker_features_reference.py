"""The speaker features as first written, token by token through spaCy's objects: kept as
the oracle that ``speaker_features`` (which reads each unit's columns once, for speed) must
equal row for row and bit for bit (``test_speaker_features``).  Not imported by the package."""

from __future__ import annotations

import re

from claims.extraction.attribution import mention_span
from claims.extraction.speaker_features import (
    _CUE_DEPS,
    _DEPS,
    _ENTS,
    _INDEX,
    _MAX_CANDIDATES,
    _MAX_REACH,
    _NOUN_TAGS,
    _ORG_NOMINALS,
    _PREPS,
    _QUOTE_MARKS,
    _ROLE_NOUNS,
    _RULES,
    _SKIP_DEPS,
    _SPEECH_NOUNS,
    _TAGS,
    FEATURES,
)


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
