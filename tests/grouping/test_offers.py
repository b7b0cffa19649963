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
