"""Answers within an article (claims.grouping.responses), on text alone: which response words
make an answer, and which earlier statement an answer answers. Every sentence here is written
for the test."""
import pytest

from claims.grouping.responses import Earlier, answered, response_cue


def _cue(cue: str, context: str = "", words: str = "") -> str | None:
    found = response_cue(cue=cue, context=context, statement=words)
    return found.relation if found else None


@pytest.mark.parametrize("cue, context, words", [
    # Refused, or not made: the negation, "to" or the modal sits in the cue itself.
    ("did not respond to emailed questions about", "The mayor's office did not respond to "
     "emailed questions about", "the contract"),
    ("has also not answered", "He has also not answered", "the question of what comes next"),
    ("to reject", "She joined forty colleagues to reject", "the budget request"),
    # Passive: the subject was answered, fired or refused.
    ("said", "The coach was dismissed after a post, and the club", "a new coach starts soon"),
    ("was dismissed", "", "the coach"),
    ("spoke", "The mayor spoke about", "rights that had been denied the tenants"),
    # An event, a policy or an act is answered, not a statement.
    ("responded", "In the election, farm voters responded", "to the new tariffs on grain"),
    ("said", "The city responded to the flood quickly, and the mayor", "more pumps are needed"),
    ("said", "The debate is about how the country responds to violence, and the senator",
     "funding must rise"),
    # A label put on a person.
    ("said", "Dismissing the governor as a lightweight, the senator", "the state needs a leader"),
])
def test_a_response_word_that_answers_no_statement_is_no_answer(cue, context, words):
    assert _cue(cue, context, words) is None


@pytest.mark.parametrize("cue, context, words, relation", [
    ("responded", "The minister responded", "to the critics who called the plan reckless",
     "responds_to"),
    ("said", "The minister responded to Smith, and", "the plan is sound", "responds_to"),
    ("said", "The minister responded to the senator's remarks, and", "the plan is sound",
     "responds_to"),
    ("tweeted in response:", "The governor tweeted in response:", "we keep our promises",
     "responds_to"),
    ("said", "In response, the governor", "we keep our promises", "responds_to"),
    ("shot back in a statement, saying", "The candidate shot back in a statement, saying",
     "the rival never built anything", "responds_to"),
    ("said", "The minister dismissed the report as false, and", "the plan is sound", "denies"),
])
def test_a_response_made_is_recognised(cue, context, words, relation):
    assert _cue(cue, context, words) == relation


def _earlier(body: str, *rows) -> list[Earlier]:
    return [Earlier(i, name, text, body.index(text), body.index(text) + len(text))
            for i, (name, text) in enumerate(rows, start=1)]


def test_a_reply_answers_the_turn_before_it_not_an_earlier_statement_sharing_words():
    body = ("The host asked whether tariffs on steel would hurt farmers and steel buyers. "
            "The senator said tariffs on steel protect jobs.\n"
            "The minister replied in response: farmers will be fine.")
    earlier = _earlier(body, ("Anna Host", "whether tariffs on steel would hurt farmers and "
                                            "steel buyers"),
                       ("Tom Senator", "tariffs on steel protect jobs"))
    start = body.index("farmers will be fine")
    found = answered(statement="farmers will be fine", context="The minister replied in "
                     "response:", start=start, earlier=earlier, body=body, reach=800,
                     reply=True)
    assert found.id == 2
    # A denial is about what it denies: the statement sharing its words.
    denial = answered(statement="tariffs on steel would not hurt farmers or steel buyers",
                      context="The minister denied the claim:", start=start, earlier=earlier,
                      body=body, reach=800)
    assert denial.id == 1


def test_a_denial_of_its_own_object_links_only_to_a_statement_that_says_it():
    body = ("The union said the plant would close next year and move its jobs abroad. "
            "The owner said orders were strong this spring. The owner denied that the plant "
            "would close next year and move its jobs abroad.")
    earlier = _earlier(body, ("Jo Union", "the plant would close next year and move its jobs "
                                          "abroad"),
                       ("Al Critic", "orders were strong this spring"))
    start = body.index("that the plant would close next year and move")
    assert answered(statement="that the plant would close next year and move its jobs abroad",
                    context="The owner denied that the plant would close", start=start,
                    earlier=earlier, body=body, reach=800).id == 1
    # The same denial when nobody here said it: two words in common are a subject, not a
    # source.
    elsewhere = body.replace("orders were strong this spring",
                             "the plant had strong orders next year")
    other = _earlier(elsewhere, ("Al Critic", "the plant had strong orders next year"))
    assert answered(statement="that the plant would close next year and move its jobs abroad",
                    context="The owner denied that the plant would close",
                    start=elsewhere.index("that the plant would"),
                    earlier=other, body=elsewhere, reach=800) is None


def test_a_possessive_naming_an_act_answers_no_statement():
    body = ("Jane Roe said the new rules on drones go too far. The senator dismissed Roe's "
            "executive actions on drones.")
    earlier = _earlier(body, ("Jane Roe", "the new rules on drones go too far"))
    start = body.index("executive actions")
    assert answered(statement="executive actions on drones", context="The senator dismissed "
                    "Roe's executive actions on drones", start=start, earlier=earlier,
                    body=body, reach=800) is None
    assert answered(statement="her complaints", context="The senator dismissed Roe's "
                    "complaints", start=start, earlier=earlier, body=body, reach=800).id == 1
    # Complaints about something she is quoted on here: that statement.
    assert answered(statement="her complaints about the rules on drones", context="The senator "
                    "dismissed Roe's complaints about the rules on drones", start=start,
                    earlier=earlier, body=body, reach=800).id == 1
    # About something else: not her words on drones.
    assert answered(statement="her complaints about the harbour tax", context="The senator "
                    "dismissed Roe's complaints about the harbour tax", start=start,
                    earlier=earlier, body=body, reach=800) is None


@pytest.mark.parametrize("a, cue_a, b, cue_b, changed", [
    # The side taken is in the cue: "praised" the treaty, later "came out against" it.
    ("the Pacific fishing treaty with Chile", "once praised", "the Pacific fishing treaty with "
     "Chile the government signed", "has come out against", True),
    # Against it twice, in two words for it: no change.
    ("the Pacific fishing treaty with Chile", "opposed", "the Pacific fishing treaty with Chile "
     "the government signed", "has come out against", False),
    # A question put to the speaker takes no side: a later refusal reverses nothing.
    ("a question about the Pacific fishing treaty with Chile", "wavered in answering",
     "the Pacific fishing treaty with Chile", "refused to back", False),
    ("questions over the Pacific fishing treaty with Chile", "faced",
     "the Pacific fishing treaty with Chile is not good", "said", False),
    ("the Pacific fishing treaty with Chile is good for the coast", "said",
     "the Pacific fishing treaty with Chile is not good for the coast", "said", True),
    # Both negated: the scope of the negations differs, not the position.
    ("he did not sign any secret contract and no contract he signed was stamped secret at "
     "the time", "said", "he had not signed or read contracts that were stamped secret at the "
     "time", "said", False),
    ("her refusal to publish the audit of the harbour accounts", "said", "the mayor for not "
     "publishing the audit of the harbour accounts last year", "said", False),
    # Another point on the same subject, sharing a few words and a negation.
    ("neither the mayor nor her rival will reach the vote with the seats needed to pass the "
     "budget", "said", "the mayor is still in the fight against her rival to pass the budget",
     "said", False),
])
def test_a_changed_position_takes_a_side_on_both_days(a, cue_a, b, cue_b, changed):
    from claims.grouping import claim_similarity, opposite_polarity, statement
    from claims.grouping.positions import may_be_a_changed_position

    x, y = statement(a, cue_a), statement(b, cue_b)
    opposed = opposite_polarity(x, y) is not None
    assert (opposed and may_be_a_changed_position(x, y, claim_similarity(x, y))) is changed


def test_a_reply_answers_the_quote_of_the_turn_before_it_that_it_is_about():
    body = ("Jane Roe said the harbour deal was a fine bargain, \"Everyone gains,\" she added.\n"
            "The minister shot back, saying the harbour costs too much.")
    earlier = _earlier(body, ("Jane Roe", "the harbour deal was a fine bargain"),
                       ("Jane Roe", "Everyone gains,"))
    start = body.index("the harbour costs")
    found = answered(statement="the harbour costs too much", context="The minister shot back, "
                     "saying the harbour costs too much", start=start, earlier=earlier,
                     body=body, reach=800, reply=True)
    assert found.id == 1
    # With nothing to tell them apart, the turn's last quote.
    assert answered(statement="no", context="The minister shot back, saying no", start=start,
                    earlier=earlier, body=body, reach=800, reply=True).id == 2


@pytest.mark.parametrize("between, continued", [
    (" he answered. ", True),
    (" Clinton told union workers in Los Angeles.\n\n", True),
    ("\n\n", True),
    (" the reporter asked, \"Why?\" ", False),
    (" he said, before the debate moved on to taxes, trade and the long list of", False),
])
def test_the_same_speakers_next_quote_continues_across_a_cue_only(between, continued):
    from claims.grouping.responses import continues

    assert continues(between) is continued
