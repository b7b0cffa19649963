"""Negation judged on the clause that carries the proposition, from spaCy's parse.

Counting negators over a whole statement reads "the claim is untrue and Russia does not
threaten anyone and no military alliance with China exists" (two negators: even, so
affirmative) as the opposite of "Moscow is not forming a military alliance with China" (one).
Here each statement is cut into clauses (a verb and the words that hang from it, down to the
next clause's verb), a clause is negated when it holds a negation (a `neg` dependent such as
"not", or a negating determiner or pronoun: "no alliance", "nobody"), and two statements are
compared on the clauses they share (paired by shared content words): the propositions they
have in common. "no one is above the law, and we will win" and "we will win" then agree, and so do
"there is no doubt that we will build the wall" and "we will build the wall".

Parsing costs milliseconds a statement, so `polarity.opposite_polarity` asks only when the
count of negators already says the two differ; the parse is cached per statement.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from claims.grouping.lexicon import negators

# Dependency labels that start a clause of their own (a verb's subordinate or coordinate).
_CLAUSE_DEPS = frozenset({"ROOT", "conj", "ccomp", "xcomp", "advcl", "relcl", "acl", "csubj",
                          "parataxis", "pcomp"})
# Words too common to say what a clause is about; negators are counted apart.
# Clauses a negated verb's negation reaches.
_SCOPED = frozenset({"xcomp", "ccomp"})
_LIGHT = frozenset("""a an the and or but of to in on at by for with from as is are was were be
been being am will would shall should can could may might must do does did has have had that
this these those it its he she they we i you him her them us me his their our my your there
here what which who whom whose when where why how so than then also just very said says say
about into over after before up out if not no never wo ca nt""".split())
_ENDINGS = ("ing", "ed", "es", "s", "d")


@dataclass(frozen=True)
class Clause:
    words: frozenset[str]  # content stems
    negated: bool


def _stem(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def _is_clause_head(token) -> bool:
    if token.dep_ == "ROOT":
        return True
    # A verb (or a copula, "was false") heading a dependent or coordinate clause; a noun joined
    # by "and" is part of its head's clause.
    return token.dep_ in _CLAUSE_DEPS and token.tag_[:2] in ("VB", "MD", "JJ")


@lru_cache(maxsize=1)
def _nlp():
    from claims.extraction.model import load_nlp

    return load_nlp()


@lru_cache(maxsize=16384)
def clauses(text: str) -> tuple[Clause, ...]:
    """The clauses of a (normalised) statement, in order of their heads."""
    if not text.strip():
        return ()
    doc = next(_nlp().pipe([text], disable=["ner"]))
    owner: dict[int, int] = {}
    for token in doc:
        head = token
        # Climb to the nearest clause head (a token's own clause when it heads one).
        while not _is_clause_head(head) and head.head.i != head.i:
            head = head.head
        owner[token.i] = head.i
    words: dict[int, set[str]] = {}
    negated: dict[int, bool] = {}
    negating = negators()
    for token in doc:
        clause = owner[token.i]
        words.setdefault(clause, set())
        negated.setdefault(clause, False)
        word = token.lower_
        if token.dep_ == "intj":
            continue  # "No, I meant he's the founder": an answer, not a negation
        if token.dep_ == "neg" or word in negating:
            # "nor" continues a "neither": one negation, not two.
            negated[clause] = True
        elif token.is_alpha and word not in _LIGHT and len(word) > 1:
            words[clause].add(_stem(word))
    # A negated verb's complement clause is negated with it: "was not ready to support him"
    # does not support him, "does not think that X" does not assert X. A coordinate or
    # relative clause keeps its own polarity ("no one is above the law, and we will win").
    def effective(i: int) -> bool:
        token = doc[i]
        if token.dep_ in _SCOPED and owner.get(token.head.i, i) != i:
            return negated[i] != effective(owner[token.head.i])
        return negated[i]

    return tuple(Clause(frozenset(words[i]), effective(i)) for i in sorted(words))


def clause_opposition(a: str, b: str) -> bool | None:
    """Whether the clauses `a` and `b` share say opposite things: True (opposed), False
    (agree), None when no clause of one shares a content word with a clause of the other.

    Clauses are paired one to one, those sharing the most content words first; every pair
    sharing two words or more is compared (or the best pair, when none does), and one pair
    of opposite polarity makes the statements opposed: "we will not keep every promise we
    made" is not an excerpt of "... we will keep every promise we made ...", though the
    relative clause "we made" agrees."""
    pairs = []
    for i, x in enumerate(clauses(a)):
        for j, y in enumerate(clauses(b)):
            shared = len(x.words & y.words)
            if shared:
                pairs.append((shared, shared / len(x.words | y.words), i, j,
                              x.negated != y.negated))
    if not pairs:
        return None
    pairs.sort(reverse=True)
    used_a, used_b, compared = set(), set(), []
    for shared, _, i, j, differ in pairs:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        if shared >= 2 or not compared:
            compared.append(differ)
    return any(compared)


# A verb that only modifies a noun ("the growing threat", "a rigged system") makes no
# statement of the phrase it sits in.
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})


@lru_cache(maxsize=16384)
def states_something(text: str) -> bool:
    """Whether a quote holds a verb or an auxiliary (VERB or AUX, a modal, a copula): a
    proposition, not a noun phrase cut from a sentence ("the controversial Trans-Pacific
    Partnership trade agreement", the object of "once praised"; "that highest, hardest glass
    ceiling"). Parsed as written, not normalised: the case helps the tagger."""
    if not text.strip():
        return False
    doc = next(_nlp().pipe([text], disable=["ner"]))
    return any((t.pos_ in ("VERB", "AUX") or t.tag_[:2] in ("VB", "MD"))
               and t.dep_ not in _MODIFIER_DEPS for t in doc)


# The clause pair that carries the proposition two statements share: this many content words
# in common, and this share of the smaller clause's.
PROPOSITION_SHARED = 2
PROPOSITION_SHARE = 0.6


def proposition_opposed(a: str, b: str) -> bool | None:
    """Whether the clause of `a` and the clause of `b` that carry the proposition the two
    share (the pair with the most content words in common: two or more, and most of the
    smaller clause's) say it with opposite polarity: True (one negates it), False (the two
    agree on it, whatever another clause negates: "will close the bridge because the ferry
    does not run" / "... because the ferry runs late"), None when no clause pair shares that
    much."""
    best = None
    for x in clauses(a):
        for y in clauses(b):
            shared = len(x.words & y.words)
            smaller = min(len(x.words), len(y.words)) or 1
            if shared >= PROPOSITION_SHARED and shared >= PROPOSITION_SHARE * smaller and \
                    (best is None or shared > best[0]):
                best = (shared, x.negated != y.negated)
    return None if best is None else best[1]
