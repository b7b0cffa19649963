"""Whether two statements of one speaker that say opposite things may be a changed position.

Grouping finds the pair (a candidate of opposite polarity, `decide`, or a claim sharing
content words with it, `claims.services.grouping`); the service keeps it only when the two
were said in different articles on different days. What is asked here is whether the two
words can hold a position at all: each side a proposition or a stance (not a fragment, not a
question put to the speaker), and enough in common to be about one thing.
"""
import re
from functools import lru_cache

from claims.grouping.clauses import proposition_opposed
from claims.grouping.content import REVERSAL_SAME_WORDS, content_match, worth_a_reversal
from claims.grouping.lexicon import negators

# A question put to the speaker, reported as the statement ("wavered in answering [a question
# about whether he would back X]", "faced [questions over the deal]"): it asks, it takes no
# side, and "refused to back X" later reverses nothing. The text is normalised (a leading
# "whether" is already gone, and so is a question mark); a negative cue may have put "not"
# before it.
_QUESTION = re.compile(
    r"^(?:not )?(?:(?:a|the|an|his|her|their|some|several|many|repeated) )?(?:\w+ )?questions? "
    r"(?:about|on|of|over|whether|if|from|as to)\b")


def holds_a_position(text: str) -> bool:
    """Whether a normalised statement takes a side: not a question put to the speaker."""
    return not _QUESTION.match(text)


# Words that negate what follows without being negators of the parse ("her refusal to
# release the files" says she did not): for telling whether both sides hold a negation.
_IMPLICIT_NEGATION = frozenset("""refusal refusals refuse refuses refused refusing failure
failures fail fails failed failing declined declines decline declining lack lacks lacked
lacking without""".split())
# Verbs of opposing: "to curb the influence of money in politics" opposes it as a cue folded to
# "not ..." does ("railed against [the influence of big money in politics]"); the two take
# one side (tune half: Sanders, read as a changed position). A negated one supports: "will
# not repeal the levy" is the reverse of "will repeal the levy", not a second opposition.
_OPPOSING = frozenset("""curb curbs curbing curbed stop stops stopping stopped end ends ending
ban bans banning banned fight fights fighting fought combat combats combating oppose opposes
opposing opposed against rein limit limits limiting reduce reduces reducing roll repeal
repeals repealing scrap scraps scrapping abolish abolishes abolishing""".split())


def _explicitly_negated(text: str) -> bool:
    negating = negators()
    return any(w in negating or w in _IMPLICIT_NEGATION for w in text.split())


@lru_cache(maxsize=4096)
def _opposes(text: str) -> bool:
    """Whether the text holds a verb of opposing as a verb ("wants to end the levy"), or
    "against": not a noun of the same spelling ("by the end of the year", "a ban on ..."),
    nor a fight for something. Parsed only when such a word is there."""
    if not any(w in _OPPOSING for w in text.split()):
        return False
    from claims.grouping.clauses import _nlp

    doc = next(_nlp().pipe([text], disable=["ner"]))
    return any(t.lower_ in _OPPOSING and (t.lower_ == "against" or t.pos_ == "VERB") and
               not (t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "for") for t in doc)


def _negated(text: str) -> bool:
    """Whether the text says "not" of its subject: a negation, or a verb of opposing that is
    not itself negated."""
    return _explicitly_negated(text) != _opposes(text)


@lru_cache(maxsize=4096)
def _noun_phrase(text: str) -> bool:
    """Whether a normalised statement is a noun phrase (its root no verb): the object of a
    stance its cue reports ("opposed [the trade deal]", "criticized [Roe on port policy]"),
    a relative clause inside it or not ("the agreement Berlin signed ...")."""
    from claims.grouping.clauses import _nlp

    if text.split()[:1] and text.split()[0] in _DETERMINERS:
        # Lower-cased, "the costly agreement berlin signed ..." parses with "signed" as its
        # root; an opening determiner says a noun phrase as often as not, and here the doubt
        # goes the old way (no stance guard).
        return True
    doc = next(_nlp().pipe([text], disable=["ner"]))
    return not any(t.dep_ == "ROOT" and (t.pos_ in ("VERB", "AUX") or t.tag_[:2] in ("VB", "MD"))
                   for t in doc)


_DETERMINERS = frozenset("the a an his her their its our my your this these those".split())


def _stance_only(text: str) -> bool:
    """A noun phrase whose only negation is the stance its cue folded in ("criticized [Roe on
    port policy]" is "not roe on port policy")."""
    rest = text[4:] if text.startswith("not ") else ""
    return bool(rest) and not _explicitly_negated(rest) and _noun_phrase(rest)


def _stance_against_a_proposition(a: str, b: str) -> bool:
    """One side an attitude to a thing its cue reports, the other a proposition with a verb
    that only names that thing ("criticized [Trump on foreign policy]" / "statements made by
    Trump ... make him ISIS' best recruiter", tune half): no position reversed. Its reverse
    is another attitude ("praised [...]", a noun phrase too)."""
    return (_stance_only(a) and not _noun_phrase(b)) or (_stance_only(b) and not _noun_phrase(a))


def one_denial_twice(a: str, b: str) -> bool:
    """Whether two normalised statements both deny (an explicit negation on each side). Of
    two judged of opposite polarity (the caller's check, not this one's), that means the
    parse's scopes differ ("did not send any classified information and no messages she sent
    were marked classified" / "had not sent emails marked classified", tune-a of the claim
    pairs), not the position. Near-identical words of this kind are asked about as one claim
    ("same claim?"), never joined (claims/grouping/README.md, "Same claim, fifth pass")."""
    return _explicitly_negated(a) and _explicitly_negated(b)


def may_be_a_changed_position(a: str, b: str, score: float) -> bool:
    """Whether normalised statements `a` and `b`, already judged of opposite polarity, may be
    one speaker's changed position: both take a side; one of them says it without a negation
    (a reversal says P, then not P; where both hold one, "no contract he signed was stamped
    secret" / "had not signed or read contracts that were stamped secret", the parse's scope
    is what differs, and on the tune half that was a restatement; so was "her refusal to
    release the files" / "for not releasing the files"); and they state the same
    proposition: near-identical words, or the content words of the shorter mostly in the
    other (`content.content_match`), not only a few words in common (`worth_a_reversal`).
    Two points of one speaker on one subject share a few words and, as often as not, a "not"
    ("neither the mayor nor her rival will have the seats to pass the budget" / "the mayor
    is still in the fight to pass the budget"): five of the six changed positions made on
    the tune half were such pairs."""
    # A negation on each side: their scopes differ, not the position. Each side saying "not"
    # (a negation on one, a verb of opposing on the other): one side taken twice.
    # The clause carrying the proposition the two share said alike ("will close the bridge
    # because the ferry does not run" / "... because the ferry runs late"): another clause's
    # negation is another point, not the position reversed.
    return holds_a_position(a) and holds_a_position(b) and \
        not one_denial_twice(a, b) and \
        not (_negated(a) and _negated(b)) and worth_a_reversal(a, b, score) and \
        (score >= REVERSAL_SAME_WORDS or content_match(a, b) is not None) and \
        proposition_opposed(a, b) is not False and not _stance_against_a_proposition(a, b)
