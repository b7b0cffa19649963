"""Dependency patterns over a parsed sentence: cue verbs, their speakers and their content.

Every function takes spaCy tokens of one parsed unit (a sentence) and returns token indices or
character offsets relative to that unit's ``Doc``; the statement rules (:mod:`statements`)
add the unit's offset.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .lexicon import cue_lexicon, word_list

__all__ = ["Cue", "find_cues", "may_start_cue", "mention_span", "speaker_tokens"]

_SUBJ = {"nsubj", "nsubjpass", "csubj"}
_CLOSING_QUOTES = {'"', "”", "''", "’"}
_CLIMB = {"advcl", "xcomp", "conj", "acl", "relcl", "pcomp", "dep", "ccomp", "parataxis", "prep"}
# Leading words not part of what was said: "that", "whether", commas.
_LEAD_TRIM = {"that", "whether", ",", ":", "-", "—", "–", ";"}
_TRAIL_TRIM = {".", ",", ";", ":", "-", "—", "–", "!", "?"}
_PRONOUNS = {"he", "she", "they", "we", "i", "it", "you", "who", "which", "that"}


@dataclass
class Cue:
    """A cue in a parsed unit: the verb (or "according to") and what hangs on it.

    ``content`` is a ``(start_char, end_char)`` pair in the unit, or ``None`` when the verb has
    no clause or object that could be the statement (it may still attribute a direct quote).
    """

    token: object
    text: str
    start: int
    end: int
    lemma: str
    subject: object | None = None
    content: tuple[int, int] | None = None
    according: bool = False
    rule: str = ""
    extra: dict = field(default_factory=dict)


def _is_verb(tok) -> bool:
    return tok.tag_.startswith("VB") or tok.tag_ == "MD"


def speaker_tokens(verb):
    """Return the subject token of ``verb``, climbing through participles and conjuncts
    ("..., asserting that", "remarks noting that", "and insisted that") to the clause whose
    subject it shares; ``None`` when there is none."""
    tok = _means_of(verb) or verb
    for _ in range(4):
        subj = next((c for c in tok.children if c.dep_ in _SUBJ and not _heading(c)), None)
        while subj is not None and _split_name_next(subj) is not None:
            subj = _split_name_next(subj)  # "Unifor Local 444" parsed as two subjects
        if subj is not None:
            if subj.dep_ == "nsubjpass" and any(c.dep_ == "agent" for c in tok.children):
                agent = next(c for c in tok.children if c.dep_ == "agent")
                pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
                return pobj
            if subj.dep_ == "nsubjpass":
                return None
            if subj.lower_ in ("who", "that", "which") and tok.dep_ == "relcl":
                ante = tok.head
                prep = ante.head
                holder = ante.doc[prep.i - 1] if prep.i > 0 else prep
                if (
                    subj.lower_ == "who"
                    and ante.dep_ == "pobj"
                    and prep.lower_ == "with"
                    and holder.tag_ in ("NNS", "NNPS", "NNP")
                    and ante.ent_type_ not in ("PERSON", "NORP")
                ):
                    # "Canadians with degenerative diseases who contend": "who" is a person,
                    # the noun right before "with", not what they have
                    return holder
                return ante
            return subj
        if tok.dep_ not in _CLIMB or tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.tag_.startswith("NN") and tok.dep_ in ("dobj", "pobj", "attr"):
            # "The Kremlin released remarks noting that": the noun's verb has the subject
            tok = tok.head
    return None


def _means_of(verb):
    """The verb a "by tweeting that" speaks for, where the parser hung the "by" phrase inside
    a clause about that verb's object: "Lewandowski quashed rumors he was planning to write a
    book by tweeting that X" is Lewandowski's tweet, not the rumoured "he"'s.  A clause that
    describes an object (the rumours) reports what others say or plan; the means of the
    sentence's act belongs to the act.  ``None`` when the cue is no "by" gerund or the phrase
    hangs in no such clause."""
    if verb.dep_ != "pcomp" or verb.head.lower_ != "by" or verb.tag_ != "VBG":
        return None
    tok = verb.head.head
    for _ in range(4):
        if (
            tok.dep_ in ("acl", "relcl")
            and tok.head.dep_ == "dobj"
            and _is_verb(tok.head.head)
            and any(c.dep_ == "nsubj" for c in tok.head.head.children)
        ):
            return tok.head.head
        if tok.dep_ not in ("xcomp", "conj") or tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _heading(tok) -> bool:
    """Whether ``tok`` ends an all-capitals heading with a colon ("CHINA TRADE: On Friday,
    Beijing said"): a section label the parser took for a subject, never a speaker."""
    doc = tok.doc
    if tok.i + 1 >= len(doc) or doc[tok.i + 1].text != ":":
        return False
    words = [w for w in doc[tok.left_edge.i : tok.i + 1] if w.is_alpha]
    return len(words) >= 2 and all(w.is_upper for w in words)


def _split_name_next(subj):
    """The next word of a name the parser split into sibling subjects ("Unifor" "Local"
    both subjects of "said"), or ``None``."""
    doc = subj.doc
    nxt = doc[subj.i + 1] if subj.i + 1 < len(doc) else None
    if (
        nxt is not None
        and subj.tag_ == nxt.tag_ == "NNP"
        and nxt.dep_ == subj.dep_
        and nxt.head.i == subj.head.i
    ):
        return nxt
    return None


def _fallback_subject(verb):
    """A subject the parse lost: the speaker opening the sentence right before the verb,
    which the parser tagged as something else ("Jolly said he would ..." with "Jolly" an
    adverb), or the subject of a verb higher up ("..., she has tacked left, criticizing X")."""
    if verb.tag_ == "VBN" or any(c.dep_ in ("nsubjpass", "expl", "auxpass") for c in verb.children):
        return None  # "it was revealed that", "when asked what": no speaker in the sentence
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and doc[i].dep_ in ("aux", "neg", "advmod") and doc[i].tag_ != "NNP":
        if doc[i].text[:1].isupper() and i == 0:
            break
        i -= 1
    if i == 0 and doc[0].text[:1].isupper() and doc[0].is_alpha and doc[0].head.i == verb.i:
        return doc[0]
    tok = verb
    for _ in range(6):
        if tok.head.i == tok.i:
            break
        tok = tok.head
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.i < verb.i:
            return None if subj.lower_ in ("it", "this", "that", "which", "what") else subj
    return None


def mention_span(subj) -> tuple[int, int]:
    """Token span ``[i, j)`` of the noun phrase headed by ``subj``, coordination included,
    relative clauses and appositions after the head left out."""
    if subj.tag_ in ("PRP", "WP") or subj.lower_ in _PRONOUNS:
        return subj.i, subj.i + 1
    left = subj.left_edge.i
    right = subj.i + 1
    while left > 0 and _split_name_next(subj.doc[left - 1]) is not None:
        left = subj.doc[left - 1].left_edge.i  # "Unifor Local 444": the split name's start
    for c in subj.rights:
        if c.dep_ in ("compound", "flat", "nummod", "cc"):
            right = max(right, c.right_edge.i + 1)
        elif c.dep_ == "appos" and not any(t.is_punct for t in subj.doc[subj.i : c.i]):
            # "the Russian President Vladimir Putin": the name is an apposition, no comma
            right = max(right, c.right_edge.i + 1)
        elif (
            c.dep_ in ("prep", "amod", "acl")
            and c.tag_ != "VBD"  # a finite verb the parser hung on its subject
            and c.right_edge.i - subj.i <= 8
            and not any(t.is_punct for t in c.subtree)
        ):
            # "sources familiar with the talks", "an official with the agency"
            right = max(right, c.right_edge.i + 1)
        elif c.dep_ == "conj":
            right = max(right, c.right_edge.i + 1)
            break
        else:
            break
    doc = subj.doc
    # "Wilson-Raybould", "al-Shabaab": keep hyphenated parts glued to the mention
    while (
        right + 1 < len(doc)
        and doc[right].text == "-"
        and not doc[right - 1].whitespace_
        and not doc[right].whitespace_
        and doc[right + 1].text[:1].isalpha()
    ):
        right += 2
    while (
        left > 1
        and doc[left - 1].text == "-"
        and not doc[left - 1].whitespace_
        and not doc[left - 2].whitespace_
        and doc[left - 2].text[:1].isalpha()
    ):
        left -= 2
    # Do not start on punctuation or a quote mark.
    while left < subj.i and (doc[left].is_punct or doc[left].is_space):
        left += 1
    while right - 1 > subj.i and (doc[right - 1].is_punct or doc[right - 1].is_space):
        right -= 1
    return left, right


def _span_chars(doc, i: int, j: int) -> tuple[int, int] | None:
    """Character offsets of tokens ``[i, j)`` with lead words and trailing punctuation trimmed."""
    while i < j and (doc[i].lower_ in _LEAD_TRIM or doc[i].is_space):
        i += 1
    while j > i and (doc[j - 1].text in _TRAIL_TRIM or doc[j - 1].is_space):
        j -= 1
    if j - i < 2:
        return None
    return doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)


_Found = tuple[tuple[int, int] | None, str]


@dataclass
class _Complements:
    """A cue verb and the dependents the statement passes look at."""

    verb: object
    lemma: str
    lex: object

    def __post_init__(self):
        verb = self.verb
        self.doc = verb.doc
        self.kids = list(verb.children)
        self.xcomp = [c for c in self.kids if c.dep_ == "xcomp" and c.i > verb.i]
        self.dobj = [c for c in self.kids if c.dep_ in ("dobj", "obj") and c.i > verb.i]


def _content(verb, lemma: str, lex) -> _Found:
    """The statement hanging on ``verb``: ``((start, end), rule)`` or ``(None, "")``.

    Passes, tried in order until one decides (:data:`_CONTENT_PASSES`): ``ccomp`` ("said
    that X", also a clause the parser hung under an adverbial), ``obj_xcomp`` ("urged them to
    X"), ``xcomp`` ("vowed to X"), ``prep`` ("called for X", "pointed to X") and ``obj``
    ("acknowledged a collaboration", "described relations as mature"); which verbs allow the
    last four is data (``data/cue_verbs.txt``).  A pass returns ``None`` when it does not
    apply, else what ``_content`` returns (which may be no statement: "the video showed how").
    """
    c = _Complements(verb, lemma, lex)
    for found in (p(c) for p in _CONTENT_PASSES):
        if found is not None:
            return found
    return None, ""


def _clause_pass(c: _Complements) -> _Found | None:
    """``ccomp``: the verb's "that" clause ("said that X and that Y" across conjuncts)."""
    verb, lemma, lex, doc, kids = c.verb, c.lemma, c.lex, c.doc, c.kids
    comp = [k for k in kids if k.dep_ == "ccomp"]
    if not comp or lemma in lex.no_clause_verbs:
        return None
    first_obj = next((k for k in kids if k.dep_ in ("dobj", "obj") and k.i > verb.i), None)
    if first_obj is not None and any(k.i < verb.i for k in comp):
        # '"X," Mr. Obama told the lawmakers and millions watching at home who could guess
        # whom he meant': the verb's statement is the quote before it, and a clause after its
        # object whose subject is "who" or "which" is the object's relative clause, which the
        # parser hung on the verb as a second statement
        comp = [
            k for k in comp
            if k.i < first_obj.i
            or not any(s.dep_ == "nsubj" and s.text in ("who", "which") for s in k.children)
        ]
    i = min(k.left_edge.i for k in comp)
    j = max(k.right_edge.i for k in comp) + 1
    # "said that X and that Y": conjuncts of the verb holding more "that" clauses
    for k in kids:
        if k.dep_ == "conj" and not _is_verb_with_subject(k):
            for cc in k.children:
                if cc.dep_ == "ccomp":
                    j = max(j, cc.right_edge.i + 1)
    if doc[i].lower_ in _QUESTION_WORDS and (
        lemma == "show" or (lemma == "ask" and not any(k.dep_ == "nsubj" for k in kids))
    ):
        # "the video showed how X": a depiction; "(when) asked whether X": the question
        # of someone the sentence does not name ("she asked whether X" is hers)
        return None, ""
    obj = next((k for k in kids if k.dep_ in ("dobj", "obj") and verb.i < k.i < i), None)
    if (
        obj is not None
        and lemma in lex.object_verbs
        and obj.tag_ not in ("PRP", "WP")
        and obj.ent_type_ != "PERSON"
        and obj.right_edge.i + 1 == i
        and doc[i].lower_ != "that"
    ):
        # "mentioned remarks Trump had made about X as examples": the parser took a
        # relative clause without "that" for a clause of the verb; the object leads it
        i = obj.left_edge.i
    if i > verb.i or j <= verb.i:
        return _span_chars(doc, i, j), "ccomp"
    # The clause wraps around the verb ("X, he said, is Y"): keep the part after the verb.
    return _span_chars(doc, verb.i + 1, j), "ccomp"


def _adverbial_clause_pass(c: _Complements) -> _Found | None:
    """``ccomp`` still: a "that" clause the parser hung under an adverbial or an aside."""
    if c.lemma in c.lex.no_clause_verbs:
        return None
    clause = _clause_under_adverbial(c.verb)
    if clause is None:
        return None
    subj = next(
        (m for m in clause.children if m.dep_ in ("nsubj", "nsubjpass") and m.i < clause.i),
        None,
    )
    start = subj.left_edge.i if subj is not None else clause.left_edge.i
    if clause.left_edge.lower_ == "that":
        start = clause.left_edge.i
    return _span_chars(c.doc, start, clause.right_edge.i + 1), "ccomp"


def _object_infinitive_pass(c: _Complements) -> _Found | None:
    """``obj_xcomp``: "urged those who ... to reconsider", the object and its infinitive."""
    if c.lemma not in c.lex.obj_xcomp_verbs or not c.dobj:
        return None
    if c.xcomp:
        return _span_chars(c.doc, c.dobj[0].left_edge.i, c.xcomp[-1].right_edge.i + 1), "obj_xcomp"
    # "urged those who voice such concerns to reconsider": the parser hangs the infinitive
    # inside the object's relative clause; the object's subtree holds the whole request
    obj = c.dobj[0]
    if any(t.tag_ == "TO" and t.head.tag_ == "VB" for t in obj.subtree):
        return _span_chars(c.doc, obj.left_edge.i, obj.right_edge.i + 1), "obj_xcomp"
    return None


def _infinitive_pass(c: _Complements) -> _Found | None:
    """``xcomp``: "vowed to fight"."""
    if c.xcomp and c.lemma in c.lex.xcomp_verbs:
        x = c.xcomp[0]
        return _span_chars(c.doc, x.left_edge.i, x.right_edge.i + 1), "xcomp"
    return None


def _preposition_pass(c: _Complements) -> _Found | None:
    """``prep``: "called for X", "pointed to X", "called on X to Y"."""
    preps = c.lex.prep_verbs.get(c.lemma)
    if not preps:
        return None
    for k in c.kids:
        if k.dep_ in ("prep", "prt") and k.lower_ in preps and k.i > c.verb.i:
            j = k.right_edge.i + 1
            for x in c.kids:
                if x.dep_ in ("xcomp", "pobj") and x.i > k.i:
                    j = max(j, x.right_edge.i + 1)
            span = _span_chars(c.doc, k.i + 1, j)
            if span:
                return span, "prep"
    return None


def _object_pass(c: _Complements) -> _Found | None:
    """``obj``: "acknowledged a collaboration", "described relations as mature"; a person
    object only for evaluation verbs ("endorsed Clinton"), else the content after it; for
    an evidence verb, only when a document or data is the subject ("a poll showed a gap")."""
    if not c.dobj:
        return None
    if c.lemma not in c.lex.object_verbs and not (
        c.lemma in c.lex.evidence_verbs and _names_evidence(speaker_tokens(c.verb))
    ):
        return None
    doc, kids, obj = c.doc, c.kids, c.dobj[0]
    if (obj.tag_ in ("PRP", "WP") or obj.ent_type_ == "PERSON") and (
        c.lemma not in c.lex.person_object_verbs
    ):
        # "told him", "praised Smith": the object is a person, the content follows
        rest = [k for k in kids if k.i > obj.i and k.dep_ in ("oprd", "xcomp", "advcl")]
        rest += [k for k in kids if k.i > obj.i and k.dep_ == "prep" and k.lower_ == "as"]
        if not rest:
            return None, ""
        return _span_chars(doc, obj.i, max(k.right_edge.i for k in rest) + 1), "obj"
    j = obj.right_edge.i + 1
    for k in kids:
        # "described relations as mature", "called it a takeover"
        if (
            k.i > obj.i
            and k.dep_ in ("prep", "oprd", "xcomp", "advcl", "acomp", "relcl")
            and (k.dep_ != "prep" or k.lower_ not in _SETTING_PREPS)
        ):
            j = max(j, k.right_edge.i + 1)
    if j == obj.right_edge.i + 1 and _bare_thing(obj):
        # "The Kremlin dismissed the announcement": another's statement was judged, and
        # nothing the judgement says about it is reported
        return None, ""
    return _span_chars(doc, obj.left_edge.i, j), "obj"


_CONTENT_PASSES = (
    _clause_pass,
    _adverbial_clause_pass,
    _object_infinitive_pass,
    _infinitive_pass,
    _preposition_pass,
    _object_pass,
)


# Dependents that leave a noun phrase a bare name for a thing ("the latest announcement").
_BARE_DEPS = {"det", "amod", "compound", "poss", "nummod", "case", "predet"}


def _bare_thing(obj) -> bool:
    """Whether ``obj`` names someone else's statement ("the announcement", "the claims",
    ``data/speech_nouns.txt``) with only determiners and modifiers: no clause, no
    prepositional phrase, no name."""
    if obj.tag_ not in ("NN", "NNS") or obj.ent_type_:
        return False
    if obj.lower_ not in word_list("speech_nouns"):
        return False
    setting = {
        t.i
        for c in obj.children
        if c.dep_ == "prep" and c.lower_ in _SETTING_PREPS
        and all(x.ent_type_ in ("DATE", "TIME") for x in c.children if x.dep_ == "pobj")
        for t in c.subtree
    }  # "the announcement on Tuesday": when, not what
    return all(
        t.i == obj.i or t.i in setting or (t.dep_ in _BARE_DEPS and not t.ent_type_)
        for t in obj.subtree
    )


def _asked_aside(participle) -> bool:
    """ "when asked", "if pressed": a question put to the speaker, set inside their answer."""
    return any(
        m.lower_ in ("when", "if", "after") and m.i < participle.i for m in participle.children
    )


def _clause_under_adverbial(verb):
    """A clause that is the verb's statement though the parser hung it elsewhere: a "that"
    clause on an adverbial between verb and clause ("said on Friday that X"), a clause taken
    for an adverbial one ("tweeted ... that X" with "that" an adverb; "said after the vote she
    would X"), or one hung on an aside ("said when asked about the plan that X")."""
    for c in verb.children:
        if c.i < verb.i:
            continue
        if c.dep_ == "advcl" and c.left_edge.lower_ == "that" and c.left_edge.i > verb.i:
            return c  # "that" taken for an adverb: "tweeted ... that Machado was X"
        if (
            c.dep_ == "advcl"
            and not any(m.dep_ == "mark" for m in c.children)
            and any(m.dep_ == "aux" and m.tag_ == "MD" for m in c.children)
            and any(m.dep_ in ("nsubj", "nsubjpass") and m.i < c.i for m in c.children)
        ):
            # "said after the convention he would not accept": the parser took the clause
            # for an adverbial one because of the phrase before its subject
            return c
        if c.dep_ == "npadvmod":
            nouns = [c]
        elif c.dep_ == "prep":
            nouns = [x for x in c.children if x.dep_ == "pobj"]
        elif c.dep_ == "advcl" and c.tag_ == "VBN" and _asked_aside(c):
            # "said when asked about the plan that it would fail": the clause is hers
            clause = _clause_under_adverbial(c)
            if clause is not None:
                return clause
            continue
        else:
            continue
        for noun in nouns:
            for clause in noun.children:
                if clause.dep_ in ("acl", "relcl", "ccomp") and any(
                    m.dep_ == "mark" and m.lower_ == "that" and m.i < clause.i
                    for m in clause.children
                ):
                    return clause
    return None


# Prepositions after the object that set the scene (time, place, channel: "on Tuesday", "in a
# letter", "at a rally") rather than carry what was said ("criticized the plan for its cost",
# "described relations as mature", "cited X as proof").
_SETTING_PREPS = {"in", "on", "at", "during", "after", "before", "via", "through"}

_QUESTION_WORDS = {"whether", "if", "what", "why", "how", "who", "when", "where", "which"}


def _is_verb_with_subject(tok) -> bool:
    return any(c.dep_ in _SUBJ for c in tok.children)


def _parataxis_content(verb):
    """`The economy, he said, is weak` and `The economy is weak, he said`: the cue hangs off the
    statement's verb; the statement is the head's subtree without the cue's own subtree."""
    head = verb.head
    if verb.dep_ != "parataxis" or head.i == verb.i or not _is_verb(head):
        return None
    doc = verb.doc
    i, j = head.left_edge.i, head.right_edge.i + 1
    vi, vj = verb.left_edge.i, verb.right_edge.i + 1
    if vi <= i < vj:
        i = vj
    elif vi < j <= vj or vj >= j:
        j = vi
    return _span_chars(doc, i, j) if j > i else None


def may_start_cue(tok, tagged: bool = True) -> bool:
    """Whether :func:`find_cues` would look at ``tok`` as a cue: "according" before "to", a
    noun cue tagged a noun, or a cue-verb form tagged a verb; with ``tagged`` false (no tags
    yet), any of those words.  No token that fails this can start a cue, so a unit with none
    outside quotes needs no dependency parse (``planning.parse_levels``)."""
    low = tok.lower_
    doc = tok.doc
    if low == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
        return True
    if not tagged:
        return low in _NOUN_CUES or cue_lexicon().lemma(low) is not None
    if low in _NOUN_CUES and tok.tag_ in ("NN", "NNS"):
        return True
    return cue_lexicon().lemma(low) is not None and _is_verb(tok)


def find_cues(doc) -> list[Cue]:
    """Find cue verbs and "according to" phrases in a parsed unit.

    Returns :class:`Cue` objects with the subject token (or the "according to" object), the
    statement's character span in the unit when one is found, and the cue's own offsets.  Each
    kind of cue has its own finder: "according to X" (:func:`_according_cue`), a noun with a
    "that" clause (:func:`_noun_cue`) and a cue verb (:func:`_verb_cue`).
    """
    lex = cue_lexicon()
    cues: list[Cue] = []
    for tok in doc:
        low = tok.lower_
        if low == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            cue = _according_cue(tok)
        elif low in _NOUN_CUES and tok.tag_ in ("NN", "NNS"):
            cue = _noun_cue(tok)
        else:
            lemma = lex.lemma(low)
            if lemma is None or not _is_verb(tok):
                continue
            cue = _verb_cue(tok, lemma, lex)
        if cue is not None:
            cues.append(cue)
    _repair_coordinated_cues(cues)
    return cues


def _according_cue(tok) -> Cue | None:
    """ "According to X, <statement>", "<statement>, according to X" and "<part>, according to
    X, <rest>": X is the speaker, the statement the rest of the unit."""
    doc = tok.doc
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    cue = Cue(tok, doc[tok.i : tok.i + 2].text, tok.idx, to.idx + 2, "according to")
    cue.subject = pobj
    cue.according = True
    cue.rule = "according"
    phrase_i, phrase_j = tok.i, max(to.right_edge.i, pobj.right_edge.i) + 1
    n = len(doc)
    if phrase_i <= 1 and phrase_j >= n - 1 and tok.dep_ == "ROOT":
        # the parser found no main verb and hung the statement on X ("According to
        # X, the move reeks of fear" with "reeks" a noun): it follows X's comma
        commas = [t.i for t in doc[pobj.i + 1 :] if t.text == ","]
        if len(commas) > 1 and doc[commas[0] + 1].lower_ in ("a", "an"):
            # "According to X, a spokesman for the firm, ...": past the apposition
            commas = commas[1:]
        comma = commas[0] if commas else None
        if comma is not None:
            phrase_j = comma + 1
            cue.content = _span_chars(doc, phrase_j, n)
    elif phrase_i <= 1:  # "According to X, <statement>."
        cue.content = _span_chars(doc, phrase_j, n)
    elif phrase_j >= n - 1:  # "<statement>, according to X."
        cue.content = _span_chars(doc, 0, phrase_i)
    else:  # "<statement part>, according to X, <rest>."
        start = 0
        cue.content = _span_chars(doc, start, n)
    cue.extra["phrase"] = (
        doc[phrase_i].idx,
        doc[phrase_j - 1].idx + len(doc[phrase_j - 1]),
    )
    return cue


def _hung_on_speaker(tok) -> bool:
    """Whether the parser hung the verb on its speaker as a clause modifying it: "The envoy
    called on both sides to return" (the sentence's subject made its root, the finite verb a
    clause of it), or a frame right after a quote, '"...," the nominee, Jane Roe, wrote on
    Sunday' (with no comma before it, "the report released", the clause is one)."""
    doc = tok.doc
    return (
        tok.dep_ == "acl"
        and tok.head.tag_.startswith("NN")
        and tok.head.i < tok.i
        and not any(c.dep_ in _SUBJ for c in tok.children)
        and (
            (tok.tag_ == "VBD" and tok.head.dep_ == "ROOT")
            or (
                doc[tok.i - 1].text == ","
                and tok.head.left_edge.i > 0
                and doc[tok.head.left_edge.i - 1].text in _CLOSING_QUOTES
            )
        )
    )


def _verb_cue(tok, lemma: str, lex) -> Cue | None:
    """A cue verb (``lemma`` of the lexicon, tagged a verb) with its speaker and statement, or
    ``None`` where it states nothing: a modifier ("the stated goal"), negated ("has not
    said"), not yet done ("declined to say"), advice or a question with no source ("When you
    say"), evidence rather than a speaker ("The data suggests")."""
    doc = tok.doc
    hung_on_speaker = _hung_on_speaker(tok)
    if tok.dep_ == "amod" or (
        tok.tag_ == "VBN" and tok.dep_ in ("acl",) and lemma != "say" and not hung_on_speaker
    ):
        return None  # "the stated goal", "the report released"
    cue = Cue(tok, tok.text, tok.idx, tok.idx + len(tok.text), lemma)
    # phrasal cues: "pointed to", "called for", "pointed out"
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and lemma in ("point", "call") and nxt.lower_ in ("to", "for", "on", "out"):
        cue.text = f"{tok.text} {nxt.text}"
        cue.end = nxt.idx + len(nxt.text)
    if lemma == "point" and (nxt is None or nxt.lower_ not in ("to", "out")):
        return None
    if any(c.dep_ == "neg" for c in tok.children) or (
        tok.i > 0 and doc[tok.i - 1].lower_ in ("never", "not")
    ):
        return None  # "has not said", "did not call for": nothing was stated
    if tok.dep_ == "xcomp" and lex.lemma(tok.head.lower_) is None:
        return None  # "declined to say", "decided to ask": nothing was stated (yet)
    if (
        any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        and tok.dep_ in ("advcl", "xcomp", "acl", "relcl", "ccomp")
        and lex.lemma(tok.head.lower_) is None
    ):
        return None  # "the ability to discuss basic needs"
    cue.subject = tok.head if hung_on_speaker else speaker_tokens(tok)
    if cue.subject is None:
        cue.subject = _fallback_subject(tok)
    if (
        cue.subject is not None
        and cue.subject.lower_ in ("you", "i", "we")
        and not any(t.text in ("“", "”", '"') for t in doc)
    ):
        return None  # "When you say ...", "Should I tell him": advice and questions, no source
    if lemma in _EVIDENCE_VERBS and cue.subject is not None and not _animate(cue.subject):
        return None  # "The data suggests", "a survey indicated": evidence, not a statement
    _verb_content(cue, tok, lemma, lex)
    return cue


def _verb_content(cue: Cue, tok, lemma: str, lex) -> None:
    """Set the verb cue's statement and the rule that found it: its complement
    (:func:`_content`), else the statement it is a parenthetical of, a "that" clause lower in
    its subtree, or an inverted tail ("..., argued Palvetzian"), which also gives the
    subject."""
    cue.content, cue.rule = _content(tok, lemma, lex)
    if cue.content is None:
        cue.content = _parataxis_content(tok)
        cue.rule = "parataxis" if cue.content else ""
    if cue.content is None and lemma not in lex.no_clause_verbs:
        cue.content = _that_clause_below(tok)
        cue.rule = "that_clause" if cue.content else ""
    if cue.content is None:
        cue.content = _as_frame_content(tok, lemma)
        cue.rule = "as_frame" if cue.content else ""
    if cue.content is None:
        inverted = _inverted_tail(tok)
        if inverted is not None:
            cue.subject, cue.content = inverted
            cue.rule = "inverted"


def _repair_coordinated_cues(cues: list[Cue]) -> None:
    """`He noted that A, and corroborated that B`: the parser often hangs the second cue on
    the verb of A.  Give it the first cue's subject and end the first statement before it."""
    by_index = {c.token.i: c for c in cues if not c.according}
    for c in cues:
        verb = c.token
        if c.according or verb.dep_ != "conj":
            continue
        head = verb.head
        if head.i in by_index or head.dep_ != "ccomp" or head.head.i not in by_index:
            continue
        outer = by_index[head.head.i]
        c.subject = outer.subject
        if outer.content and outer.content[0] < verb.idx < outer.content[1]:
            doc = verb.doc
            j = verb.i
            while j > 0 and (doc[j - 1].is_punct or doc[j - 1].lower_ in ("and", "but", "also")):
                j -= 1
            if j > 0 and doc[j - 1].idx + len(doc[j - 1]) > outer.content[0]:
                outer.content = (outer.content[0], doc[j - 1].idx + len(doc[j - 1]))


# Nouns that report a statement when a "that" clause hangs on them: "Trump's claim that X",
# "issued a statement that X".
_NOUN_CUES = word_list("noun_cues")


def _noun_cue(noun) -> Cue | None:
    """A noun cue with its "that" clause: the speaker is the noun's possessor ("Trump's claim
    that") or the subject of the verb it is the object of ("the ministry issued a statement
    that")."""
    doc = noun.doc
    clause = next(
        (
            c
            for c in noun.children
            if c.dep_ in ("acl", "ccomp", "relcl", "appos")
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        ),
        None,
    )
    if clause is None:
        return None
    subject = next((c for c in noun.children if c.dep_ == "poss"), None)
    if subject is None and noun.dep_ in ("dobj", "obj") and _is_verb(noun.head):
        subject = next((c for c in noun.head.children if c.dep_ in _SUBJ), None)
    if subject is None:
        return None
    cue = Cue(noun, noun.text, noun.idx, noun.idx + len(noun.text), noun.lower_)
    cue.subject = subject
    cue.content = _span_chars(doc, clause.left_edge.i, clause.right_edge.i + 1)
    cue.rule = "noun"
    return cue if cue.content else None


def _that_clause_below(verb):
    """`He told NBC's "Today" show on Wednesday that he wasn't disrespectful`: the parser
    hangs the "that" clause on the object; take the first clause marked "that" after the verb
    in its subtree."""
    for t in verb.subtree:
        if t.i <= verb.i or t.dep_ not in ("acl", "relcl", "ccomp", "advcl"):
            continue
        holder = t.head
        if holder.i != verb.i and not (holder.tag_.startswith("NN") and holder.head.i == verb.i):
            continue  # the clause belongs to another verb ("responded, asserting that ...")
        if any(m.dep_ == "mark" and m.lower_ == "that" and m.i < t.i for m in t.children):
            return _span_chars(verb.doc, t.left_edge.i, t.right_edge.i + 1)
    return None


_AS_FRAME_VERBS = word_list("as_frame_verbs")
# Complements that make the "as" clause a statement or an act of its own ("as he said
# goodbye", "as she told reporters that ..."), not a frame of its head's clause.
_OWN_COMPLEMENTS = {"dobj", "obj", "ccomp", "xcomp", "attr", "oprd", "dative"}


def _as_frame_content(verb, lemma: str):
    """`As the Ledger reported on Monday, the council approved X` and `X, as Jane Roe noted`:
    a cue verb of ``data/as_frame_verbs.txt`` in an "as" clause with a subject and no object
    or clause of its own names the source of the clause it hangs on; the statement is that
    clause without the "as" clause.  ``None`` when the verb is no such frame."""
    head = verb.head
    if lemma not in _AS_FRAME_VERBS:
        return None
    if verb.dep_ != "advcl" or head.i == verb.i or not _is_verb(head):
        return None
    if verb.left_edge.lower_ != "as" or not any(
        c.dep_ == "mark" and c.lower_ == "as" for c in verb.children
    ):
        return None  # "such as", "as well as", "as soon as"
    if not any(c.dep_ == "nsubj" for c in verb.children):
        return None  # "as expected", "as reported": no source named
    if any(c.dep_ in _OWN_COMPLEMENTS for c in verb.children):
        return None
    if not any(c.dep_ in _SUBJ for c in head.children):
        return None  # "jabbing a finger as she said", "wins as well strengthen": no clause
    doc = verb.doc
    k = verb.right_edge.i + 1
    while k < len(doc) and doc[k].text in (",", ":"):
        k += 1
    if k < len(doc) and doc[k].is_quote:
        return None  # "as she said, “...”": the verb's statement is its own quote
    i, j = head.left_edge.i, head.right_edge.i + 1
    while j > i and doc[j - 1].is_punct:
        j -= 1
    vi, vj = verb.left_edge.i, verb.right_edge.i + 1
    while vj < j and doc[vj].is_punct and doc[vj].text in (",", "—", "–", "-"):
        vj += 1
    if vi <= i:
        i = vj
    elif vj >= j:
        j = vi
    else:
        return None  # the frame inside its statement: "X, as she noted, is Y" (parataxis-like)
    while i < j and doc[i].lower_ in ("and", "but", "so", "yet", "or"):
        i += 1
    return _span_chars(doc, i, j) if j > i else None


def _inverted_tail(verb):
    """`<statement>, argued Palvetzian.`: a cue after a comma with its speaker right after it
    and nothing else to the end of the sentence; returns ``(subject, content)`` or ``None``."""
    doc = verb.doc
    if verb.i < 2 or doc[verb.i - 1].text != ",":
        return None
    j = verb.i + 1
    while j < len(doc) and (
        doc[j].tag_ in ("NNP", "NNPS", "NN", "NNS", "DT", "JJ", "PRP") or doc[j].tag_ == "HYPH"
    ):
        j += 1
    if j == verb.i + 1 or (j < len(doc) and doc[j].text not in (".", ",", "!", "?", ";")):
        return None
    subject = doc[j - 1]
    content = _span_chars(doc, 0, verb.i - 1)
    return (subject, content) if content else None


_EVIDENCE_NOUNS = word_list("evidence_nouns")


def _names_evidence(subject) -> bool:
    """Whether ``subject`` is a noun naming a document or data that reports findings ("A
    new poll", "the survey, released Monday", "FEC records"): ``data/evidence_nouns.txt``."""
    return (
        subject is not None
        and subject.tag_ in ("NN", "NNS")
        and subject.lower_ in _EVIDENCE_NOUNS
    )


# Verbs that data and documents "do" as often as people: "The data suggests ...".
_EVIDENCE_VERBS = {"suggest", "indicate"}
_PEOPLE_NOUNS = word_list("people_nouns")


def _animate(tok) -> bool:
    """Whether a subject can speak: a pronoun, a person or organisation, a people noun."""
    from .lexicon import role_nouns

    if tok.tag_ in ("PRP", "WP") or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    low = tok.lower_
    return low in _PEOPLE_NOUNS or low in role_nouns() or low.rstrip("s") in role_nouns()
