"""Which claims may be asked about as one (claims/grouping/offers.py): not questions, not a
quote nested in the other's."""
import pytest

from claims.grouping.offers import Said, is_question, offerable


@pytest.mark.parametrize("text, question", [
    ("Has the mayor ever visited the harbour?", True),
    ("“Is the council ready?”", True),
    ("Is the council ready?' he asked.", False),  # the frame, not the quote, ends it
    ("the council is ready", False),
    ("who asked whether the council was ready", False),
    # A longer quote closing on a question still asserts the rest.
    ("The ferry runs all winter. It is cheap. Do you really want a bridge?", False),
])
def test_a_question_ends_in_a_question_mark_inside_its_quote_marks(text, question):
    assert is_question(text) is question


def _said(article, start, end, text="the harbour bridge will close"):
    return Said(article, start, end, text)


@pytest.mark.parametrize("a, b, ok", [
    # Two reports in two articles: may be one claim.
    ([_said(1, 0, 40)], [_said(2, 0, 40)], True),
    # One quote inside the other in one article: the same words reported, not said twice.
    ([_said(1, 0, 80)], [_said(1, 20, 45)], False),
    ([_said(1, 0, 40), _said(2, 0, 40)], [_said(1, 30, 60)], False),
    # Two sentences of one article, apart: may be one claim.
    ([_said(1, 0, 40)], [_said(1, 40, 90)], True),
    # A claim of questions alone is asked about nothing.
    ([_said(1, 0, 40, "Has the mayor ever visited the harbour?")], [_said(2, 0, 40)], False),
    ([_said(1, 0, 40, "Has the mayor ever visited the harbour?"), _said(3, 0, 40)],
     [_said(2, 0, 40)], True),
    ([], [_said(2, 0, 40)], True),
])
def test_offerable(a, b, ok):
    assert offerable(a, b) is ok


@pytest.mark.parametrize("text, states", [
    ("the harbour bridge will close next spring", True),
    ("I'm not a quitter", True),  # a copula is a verb
    ("the controversial coastal trade agreement", False),  # the object of "once praised"
    ("Anna Marsh and Tom Marsh", False),
    ("that highest, hardest glass ceiling", False),
    ("the growing threat of a rigged system", False),  # participles modifying nouns
])
def test_a_quote_states_something_when_it_holds_a_verb(text, states):
    from claims.grouping.clauses import states_something

    assert states_something(text) is states


@pytest.mark.parametrize("a, b, ok", [
    # Two noun phrases sharing their nouns, reported by no stance: nothing stated, nothing to
    # ask.
    ("the controversial coastal trade agreement with the harbour towns",
     "the coastal trade agreement of the fishing fleet", False),
    # One noun phrase cut from the other, every content word found in it: an excerpt.
    ("the coastal trade agreement with the harbour towns",
     "the new coastal trade agreement with the harbour towns of the north", True),
    # A noun phrase against a sentence: left to the other rules (its cue may state the
    # sentence's stance).
    ("the coastal trade agreement with the harbour towns",
     "the coastal trade agreement will ruin the fishing fleet", True),
    # Two sentences: the verb test says nothing against them.
    ("the coastal trade agreement will ruin the harbour towns",
     "the harbour towns will be ruined by the coastal trade agreement", True),
])
def test_two_claims_of_verbless_quotes_are_offered_only_as_an_excerpt(a, b, ok):
    assert offerable([_said(1, 0, 40, a)], [_said(2, 0, 40, b)]) is ok
    assert offerable([_said(2, 0, 40, b)], [_said(1, 0, 40, a)]) is ok


def test_one_quote_with_a_verb_makes_the_claim_a_statement():
    phrase = _said(1, 0, 40, "the coastal trade agreement with the harbour towns")
    sentence = _said(3, 0, 40, "the coastal trade agreement is a disaster for the towns")
    other = _said(2, 0, 40, "the coastal trade agreement of the fishing fleet")
    assert offerable([phrase], [other]) is False
    assert offerable([phrase, sentence], [other]) is True


@pytest.mark.parametrize("phrase_cue, other_cue, ok", [
    # Both cues state one stance toward phrases sharing their nouns: offered.
    ("praised", "touted", True),
    ("endorsed", "backed", True),
    # Opposite stances, another stance, or none: not one claim.
    ("opposed", "praised", False),
    ("defending", "attacking", False),
    ("praised", "said", False),
])
def test_two_phrases_are_offered_where_their_cues_state_one_stance(phrase_cue, other_cue, ok):
    phrase = Said(1, 0, 40, "the harbour plan of Anna Marsh", phrase_cue)
    # A stance word inside a phrase is a noun ("attacks"): no stance taken.
    other = Said(2, 0, 40, "the harbour plan against recent attacks from the council",
                 other_cue)
    assert offerable([phrase], [other]) is ok
    assert offerable([other], [phrase]) is ok
