"""Four places where a rule read words without their sense (issue 20's review): a verb of
opposing taken from a noun, a cue found inside another word, a plan counted as something said,
and a title's full stop read as a sentence's end. Every sentence here is written for the test."""
import pytest

from claims.grouping.normalise import normalise
from claims.grouping.offers import is_question
from claims.grouping.positions import may_be_a_changed_position
from claims.grouping.responses import cue_at, response_cue


@pytest.mark.parametrize("a, b, kept", [
    # "the end of the year" is a noun: the later side holds no verb of opposing, so the two
    # say "will not sign" and "will sign", a change.
    ("the governor will not sign the harbour levy",
     "the governor will sign the harbour levy by the end of the year", True),
    # "to end the levy" opposes it as "not" does: both sides say no to it.
    ("the governor will not sign the harbour levy",
     "the governor wants to end the harbour levy", False),
])
def test_only_a_verb_of_opposing_counts_as_the_negation_of_a_stance(a, b, kept):
    assert may_be_a_changed_position(normalise(a), normalise(b), 0.7) is kept


@pytest.mark.parametrize("tail, cue, at", [
    # The cue is a word of the tail, not a part of one.
    ("left it unsaid, and Pence said in response.", "said", 26),
    ("Pence said in response.", "said", 6),
    ("the essays say so, she says in reply", "says", 23),
    ("she told reporters", "told reporters", 4),
    ("nothing more", "said", -1),
    ("anything", "", -1),
])
def test_the_cue_is_found_as_words_of_the_attribution_not_inside_one(tail, cue, at):
    assert cue_at(tail, cue) == at


@pytest.mark.parametrize("words, relation", [
    # Someone's words answered: a response.
    ("we reject Donald Trump's latest comments about farmers", "denies"),
    # A plan or a request answered is a policy, not a statement quoted here.
    ("we reject Donald Trump's proposal to close the border", None),
    ("the council rejected Mayor Roe's request for more buses", None),
])
def test_a_response_word_inside_the_statement_answers_only_someones_words(words, relation):
    found = response_cue(cue="said", context="The senator said", statement=words)
    assert (found.relation if found else None) == relation


@pytest.mark.parametrize("text, question", [
    # A title's full stop ends no sentence: one question.
    ("Do you trust Mr. Trump with the codes?", True),
    ("Would Dr. Roe and Gov. Smith ever agree?", True),
    ("Is the U.S. ready for this?", True),
    # A sentence before the question still makes the quote an assertion too.
    ("The ferry runs all winter. Do you really want a bridge?", False),
])
def test_a_titles_full_stop_is_no_sentence_end_inside_a_question(text, question):
    assert is_question(text) is question


@pytest.mark.parametrize("a, b, kept", [
    # The proposition both state (closing the bridge) is said alike; only a reason differs.
    ("the council will close the harbour bridge in spring because the ferry does not run",
     "the council will close the harbour bridge in spring because the ferry runs late", False),
    # The clause carrying it is negated on one side: a change.
    ("the council will not close the harbour bridge in spring",
     "the council will close the harbour bridge in spring", True),
    ("the mayor was not ready to support the harbour levy",
     "the mayor is ready to support the harbour levy", True),
])
def test_a_changed_position_opposes_the_clause_that_carries_the_shared_proposition(a, b, kept):
    assert may_be_a_changed_position(normalise(a), normalise(b), 0.7) is kept


def test_a_stance_on_a_noun_phrase_is_not_reversed_by_a_proposition_naming_it():
    from claims.grouping.polarity import statement

    # "criticized [the harbour mayor Roe on port policy]": an attitude to a person; a later
    # claim about her that names her the same way is no reversal of it.
    stance = statement("the harbour mayor Jane Roe on port policy", "criticized")
    claim = normalise("statements made by the harbour mayor Jane Roe on the port levy make "
                      "her the best friend of the smugglers")
    assert may_be_a_changed_position(claim, stance, 0.3) is False
    # Another attitude to the same thing reverses it: "opposed [...]" / "praised [...]".
    praised = statement("the harbour mayor Jane Roe and her port policy", "praised")
    assert may_be_a_changed_position(praised, stance, 0.5) is True
