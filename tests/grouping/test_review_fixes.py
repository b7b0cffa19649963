"""Places where a rule of grouping read more than its words say (today's review): a word of
responsibility taken for a response, a sentence's full stop taken for a title's or an
initial's, and a responder's name read by one word of it. Every sentence here is written for
the test."""
import pytest

from claims.grouping.offers import is_question
from claims.grouping.responses import Earlier, answered, responders_own_words


def _answered(body: str, rows, statement: str, context: str) -> int | None:
    earlier = [Earlier(i, name, text, body.index(text), body.index(text) + len(text))
               for i, (name, text) in enumerate(rows, start=1)]
    found = answered(statement=statement, context=context, start=body.index(statement),
                     earlier=earlier, body=body, reach=800)
    return found.id if found else None


@pytest.mark.parametrize("named, context", [
    # "responsibility for attacks by Hamas" answers nothing Hamas said.
    ("Hamas", "The group claimed responsibility for attacks by Hamas, and its spokesman said"),
    # "responsible to Parliament" answers nothing Parliament said.
    ("Parliament", "The minister, responsible to Parliament for the port, said"),
])
def test_a_word_of_responsibility_names_nobody_answered(named, context):
    statement = "the border crossing will open next week"
    body = (f"{named} said the ceasefire would hold through the winter. Tom Keane said the "
            f"border crossing will stay closed all week. {context} {statement}.")
    rows = [(named, "the ceasefire would hold through the winter"),
            ("Tom Keane", "the border crossing will stay closed all week")]
    # The statement shares its words with Keane's, and nothing names the other speaker.
    assert _answered(body, rows, statement, context) == 2


@pytest.mark.parametrize("text, question", [
    # "no" ends a sentence unless a number follows it ("No. 10").
    ("The answer is no. Will you listen?", False),
    ("Is No. 10 ready for this?", True),
    # A single letter is an initial only before a name.
    ("We need a plan B. Why?", False),
    ("Did J. Smith sign the harbour levy?", True),
    # Titles and "U.S." as before.
    ("Mr. Smith, will you go?", True),
    ("Is the U.S. ready for this?", True),
])
def test_no_and_a_single_letter_end_a_sentence_unless_a_number_or_a_name_follows(text,
                                                                                   question):
    assert is_question(text) is question


@pytest.mark.parametrize("before, speaker, own", [
    # The responder named by any word of his name: the clause is his.
    ("Xi dismissed Pompeo's charges, saying ", "Xi Jinping", False),
    # Given to the one answered: the responder's words, not Pompeo's.
    ("Xi dismissed Pompeo's charges, saying ", "Mike Pompeo", True),
    # A name of no word to look for says nothing either way.
    ("Xi dismissed Pompeo's charges, saying ", "", False),
])
def test_a_saying_clause_is_the_responders_own_by_any_word_of_his_name(before, speaker, own):
    assert responders_own_words(before, speaker) is own
