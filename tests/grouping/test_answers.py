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


def _answered(body: str, rows, statement: str, context: str, *, at: str | None = None,
              reply: bool = False) -> int | None:
    """Which of the earlier statements `rows` ((speaker, words) in `body`, numbered from 1;
    (speaker, words, False) for a quote of no known speaker) `statement` answers, said at `at`
    (its own words by default) after `context`; None for none."""
    earlier = [Earlier(i, name, text, body.index(text), body.index(text) + len(text), *known)
               for i, (name, text, *known) in enumerate(rows, start=1)]
    found = answered(statement=statement, context=context, start=body.index(at or statement),
                     earlier=earlier, body=body, reach=800, reply=reply)
    return found.id if found else None


def test_a_reply_answers_the_turn_before_it_not_an_earlier_statement_sharing_words():
    body = ("The host asked whether tariffs on steel would hurt farmers and steel buyers. "
            "The senator said tariffs on steel protect jobs.\n"
            "The minister replied in response: farmers will be fine.")
    rows = [("Anna Host", "whether tariffs on steel would hurt farmers and steel buyers"),
            ("Tom Senator", "tariffs on steel protect jobs")]
    assert _answered(body, rows, "farmers will be fine",
                     "The minister replied in response:", reply=True) == 2
    # A denial is about what it denies: the statement sharing its words.
    assert _answered(body, rows, "tariffs on steel would not hurt farmers or steel buyers",
                     "The minister denied the claim:", at="farmers will be fine") == 1


def test_a_denial_of_its_own_object_links_only_to_a_statement_that_says_it():
    body = ("The union said the plant would close next year and move its jobs abroad. "
            "The owner said orders were strong this spring. The owner denied that the plant "
            "would close next year and move its jobs abroad.")
    denial = "that the plant would close next year and move its jobs abroad"
    context = "The owner denied that the plant would close"
    assert _answered(body, [("Jo Union", "the plant would close next year and move its jobs "
                                         "abroad"),
                            ("Al Critic", "orders were strong this spring")],
                     denial, context) == 1
    # The same denial when nobody here said it: two words in common are a subject, not a
    # source.
    elsewhere = body.replace("orders were strong this spring",
                             "the plant had strong orders next year")
    assert _answered(elsewhere, [("Al Critic", "the plant had strong orders next year")],
                     denial, context) is None


@pytest.mark.parametrize("statement, context, answers", [
    ("executive actions on drones", "The senator dismissed Roe's executive actions on drones",
     None),
    ("her complaints", "The senator dismissed Roe's complaints", 1),
    # Complaints about something she is quoted on here: that statement.
    ("her complaints about the rules on drones", "The senator dismissed Roe's complaints "
     "about the rules on drones", 1),
    # About something else: not her words on drones.
    ("her complaints about the harbour tax", "The senator dismissed Roe's complaints about "
     "the harbour tax", None),
])
def test_a_possessive_naming_an_act_answers_no_statement(statement, context, answers):
    body = ("Jane Roe said the new rules on drones go too far. The senator dismissed Roe's "
            "executive actions on drones.")
    assert _answered(body, [("Jane Roe", "the new rules on drones go too far")], statement,
                     context, at="executive actions") == answers


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
    # Against it on both days: a stance cue folded to "not ..." and a verb of opposing.
    ("the influence of big money on the city council", "railed against", "to curb the "
     "corrupting influence of money on the city council while building homes", "vowed", False),
    # A verb of opposing negated supports: to repeal, then not to repeal, is a reversal.
    ("we will repeal the harbour levy on fishing boats", "said",
     "we will not repeal the harbour levy on fishing boats", "said", True),
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
    rows = [("Jane Roe", "the harbour deal was a fine bargain"), ("Jane Roe", "Everyone gains,")]
    assert _answered(body, rows, "the harbour costs too much",
                     "The minister shot back, saying the harbour costs too much", reply=True) == 1
    # With nothing to tell them apart, the turn's last quote.
    assert _answered(body, rows, "no", "The minister shot back, saying no",
                     at="the harbour costs", reply=True) == 2


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


@pytest.mark.parametrize("cue, context, words, trailer, relation", [
    # A response verb in the statement itself counts when its object is a named person's words.
    ("tweeted", "The mayor said she would meet him, although she tweeted that she",
     "rejects Tom Keane's latest remarks about the harbour", "", "denies"),
    # ... not when it is about something else, or only hoped for.
    ("said", "The general", "the navy would respond firmly to any attack", "", None),
    ("said", "The mayor", "we would reject Tom Keane's remarks if he made them", "", None),
    # "untrue" describing a noun of the statement's own calls no earlier claim false.
    ("said", "The pollster", "the attacks reinforced stereotypes that are untrue but hard to "
     "shake", "", None),
    # The attribution after the statement: "..., the mayor said in response."
    ("said", "", "As big as it needs to be", "said in response.", "responds_to"),
    # ... and only its first words: further on, a response word is in another sense.
    ("said", "", "the bridge will open in May", "said at a question-and-answer session",
     None),
])
def test_a_response_is_read_in_the_statement_and_the_attribution_after_it(
        cue, context, words, trailer, relation):
    found = response_cue(cue=cue, context=context, statement=words, trailer=trailer)
    assert (found.relation if found else None) == relation


def test_an_answer_to_questions_answers_a_quoted_question_or_nothing():
    body = ("Senator Roe said the agency failed the families. In response to questions from "
            "lawmakers, the director said the agency had acted in time.")
    context = "In response to questions from lawmakers, the director said"
    assert _answered(body, [("Jane Roe", "the agency failed the families")],
                     "the agency had acted in time", context, reply=True) is None
    asked = body.replace("the agency failed the families.", "\"Did the agency fail the "
                         "families?\"")
    assert _answered(asked, [("Jane Roe", "\"Did the agency fail the families?\"")],
                     "the agency had acted in time", context, reply=True) == 1


def test_a_reply_right_after_a_quote_of_no_known_speaker_answers_nothing_earlier():
    body = ("Jane Roe said the harbour deal was a bargain. The paper's own column called it "
            "\"a giveaway\". Keane replied: \"I have ruined your good name, then?\"")
    rows = [("Jane Roe", "the harbour deal was a bargain"), ("", "\"a giveaway\"", False)]
    reply = "I have ruined your good name, then?"
    assert _answered(body, rows, reply, "Keane replied:", at="\"I have ruined",
                     reply=True) is None
    # With the column's words not quoted, the reply answers Roe's statement before it.
    assert _answered(body, rows[:1], reply, "Keane replied:", at="\"I have ruined",
                     reply=True) == 1


def test_a_reply_with_no_quote_near_it_answers_nothing_that_shares_its_words():
    body = ("Tom Keane said white actors should get more roles.\n\nSection two.\n\nFans "
            "disliked the casting. In response, Ann Bell said critics should look at white "
            "actors playing other roles.")
    assert _answered(body, [("Tom Keane", "white actors should get more roles")],
                     "critics should look at white actors playing other roles",
                     "In response, Ann Bell said", reply=True) is None


def test_a_reply_to_accusations_it_states_links_only_to_a_quote_restating_them():
    body = ("Headline: He Exaggerated His Life Story. Tom Keane responded on Sunday to "
            "accusations that he exaggerated details of his life story at the academy.")
    statement = "he exaggerated details of his life story at the academy"
    context = "Tom Keane responded on Sunday to accusations that "
    assert _answered(body, [("Headline", "He Exaggerated His Life Story")], statement,
                     context, reply=True) is None
    restated = body.replace("He Exaggerated His Life Story", "Keane exaggerated details of "
                            "his life story at the academy")
    assert _answered(restated, [("Ann Bell", "Keane exaggerated details of his life story at "
                                             "the academy")],
                     statement, context, reply=True) == 1


def test_firing_back_at_someone_answers_their_statement_not_the_nearest():
    body = ("Jane Roe said the city would make the county pay for the bridge. The county "
            "clerk said the budget is tight. Tom Keane fired back at Roe over the plan. "
            "\"We will not pay a cent,\" Keane said.")
    rows = [("Jane Roe", "the city would make the county pay for the bridge"),
            ("the county clerk", "the budget is tight")]
    assert _answered(body, rows, "We will not pay a cent,",
                     "Keane fired back at Roe over the plan. ", at="\"We will not",
                     reply=True) == 1


def test_a_rejection_of_remarks_about_one_thing_finds_the_remark_by_that_one_word():
    body = ("Tom Keane said the harbour should be closed to cruise ships. Keane said the "
            "council was wasteful. The mayor said she rejects Tom Keane's latest remarks "
            "about the harbour.")
    rows = [("Tom Keane", "the harbour should be closed to cruise ships"),
            ("Tom Keane", "the council was wasteful")]
    assert _answered(body, rows, "rejects Tom Keane's latest remarks about the harbour",
                     "The mayor said she rejects Tom Keane's latest remarks about the "
                     "harbour") == 1


@pytest.mark.parametrize("between, following, goes_on", [
    ("” he answered. “", "We will work out a system", True),
    (",” Keane said. ", "“We will work out a system”", True),
    # A report in the writer's words, with its own cue, is a statement of its own.
    ("”\n\nIn the past, Keane has said ", "his wall might be 40 feet high", False),
    # A question put between the two.
    ("” he said. Asked why? ", "“Because.”", False),
])
def test_an_answer_goes_on_only_in_the_speakers_own_quoted_words(between, following, goes_on):
    from claims.grouping.responses import continues

    assert continues(between, following=following) is goes_on


def test_a_reply_answers_the_question_of_the_turn_not_the_argument_after_it():
    body = ("Paul also asked how it is conservative to add a trillion dollars to the army.\n\n"
            "\u201cYou cannot be conservative and pay for nothing,\u201d he argued.\n\n"
            "\u201cI know that Rand is an isolationist; I am not,\u201d Rubio said in response.")
    rows = [("Rand Paul", "how it is conservative to add a trillion dollars to the army"),
            ("Rand Paul", "\u201cYou cannot be conservative and pay for nothing,\u201d")]
    assert _answered(body, rows, "I know that Rand is an isolationist; I am not",
                     "Rubio said in response.", at="\u201cI know", reply=True) == 1


def test_a_reply_after_a_sentence_of_the_writers_does_not_reach_the_paragraph_before():
    body = ("\u201cShe is all over the place,\u201d Weaver said.\n\nThe spat began after "
            "Clinton refused to say he was ready. Sanders hit back, saying she was not "
            "qualified.")
    rows = [("Jeff Weaver", "\u201cShe is all over the place,\u201d")]
    assert _answered(body, rows, "she was not qualified", "Sanders hit back, saying",
                     reply=True) is None
    opening = body.replace("The spat began after Clinton refused to say he was ready. ", "")
    assert _answered(opening, rows, "she was not qualified", "Sanders hit back, saying",
                     reply=True) == 1


def test_first_out_at_is_no_hitting_back_at_someone():
    # "fired back at", "hit out at" name whom they answer; "first out at Monday's meeting" is
    # no such phrase, and "Monday's meeting" no act answered instead of a statement
    body = ("Jane Roe said the bridge would close in May. The clerk said the budget is tight. "
            "Tom Keane, first out at Monday's meeting, replied: the budget is fine.")
    rows = [("Jane Roe", "the bridge would close in May"), ("the clerk", "the budget is tight")]
    assert _answered(body, rows, "the budget is fine",
                     "Tom Keane, first out at Monday's meeting, replied: ", reply=True) == 2
    assert _answered(body.replace("first out", "hitting out"), rows, "the budget is fine",
                     "Tom Keane, hitting out at Monday's meeting, replied: ", reply=True) is None


def test_a_response_phrase_ending_in_to_checks_what_follows_it():
    # "reacting to" holds its "to": the gap between two events is no statement.
    assert _cue("said", "Others, reacting to the gap between the flood and the warning,",
                "the city waited too long") is None
    assert _cue("said", "Others, reacting to the mayor's remarks,",
                "the city waited too long") == "responds_to"


def test_in_response_to_a_named_speakers_charge_names_them_with_a_bare_apostrophe_too():
    body = ("Tom Jones said the harbour levy was a fair price for the new quay. Anna Roberts "
            "said the mayor has been weak on the harbour. In response to Jones' charge that "
            "the levy is fair, the mayor said the quay can wait.")
    rows = [("Tom Jones", "the harbour levy was a fair price for the new quay"),
            ("Anna Roberts", "the mayor has been weak on the harbour")]
    context = "In response to Jones' charge that the levy is fair, the mayor said"
    assert _answered(body, rows, "the quay can wait", context, reply=True) == 1


@pytest.mark.parametrize("context, answers", [
    # Her first name alone, or her full name, names her, not the other Vilnius.
    ("The mayor dismissed Marta's complaint, and", 1),
    ("The mayor dismissed Marta Vilnius's complaint, and", 1),
    ("The mayor dismissed Oskar's complaint, and", 2),
    # The surname they share names neither one more than the other: the later one, as before.
    ("The mayor dismissed Vilnius's complaint, and", 2),
])
def test_a_lead_in_names_a_speaker_by_any_distinctive_word_of_their_name(context, answers):
    body = ("Marta Vilnius said the harbour levy is unfair to fishermen. Oskar Vilnius said "
            "the quay needs repairs first. " + context + " the levy stays.")
    rows = [("Marta Vilnius", "the harbour levy is unfair to fishermen"),
            ("Oskar Vilnius", "the quay needs repairs first")]
    assert _answered(body, rows, "the levy stays", context) == answers


def test_a_title_in_a_speakers_name_names_nobody():
    # "Senator" is in her name as extracted and in the lead-in before his: it names neither.
    body = ("Oskar Lind said the quay needs repairs first. Senator Marta Roe said the harbour "
            "levy is unfair to fishermen. The mayor rejected Senator Lind's complaint, and the "
            "levy stays.")
    rows = [("Oskar Lind", "the quay needs repairs first"),
            ("Senator Marta Roe", "the harbour levy is unfair to fishermen")]
    context = "The mayor rejected Senator Lind's complaint, and"
    assert _answered(body, rows, "the levy stays", context) == 1


def test_one_speaker_resolved_two_ways_is_named_by_either_name():
    # "Roe" and "Marta Roe" may be one person: "Roe's" names both, and the later answers.
    body = ("Marta Roe said the harbour levy is unfair. Roe said the quay needs repairs first. "
            "The mayor rejected Roe's complaint, and the levy stays.")
    rows = [("Marta Roe", "the harbour levy is unfair"), ("Roe", "the quay needs repairs first")]
    context = "The mayor rejected Roe's complaint, and"
    assert _answered(body, rows, "the levy stays", context) == 2
    swapped = [("Roe", "the harbour levy is unfair"),
               ("Marta Roe", "the quay needs repairs first")]
    assert _answered(body, swapped, "the levy stays", context) == 2


@pytest.mark.parametrize("between, answers", [
    # The question is told in the writer's words, not quoted: the reply answers it, not the
    # quote before it.
    ("The moderator asked Keane whether he would raise the harbour tax. ", None),
    ("Keane was asked about the harbour tax on Sunday. ", None),
    # Nothing put to him in between: the turn before.
    ("The hall was full. ", 1),
    # The asking is the quote's own attribution, and the quote a question: that question.
    ("", 1),
])
def test_a_reply_after_a_question_told_but_not_quoted_answers_nothing(between, answers):
    said = "Will the harbour tax rise?" if not between else "the harbour tax is fair"
    body = (f"\u201c{said}\u201d Roe asked the panel. {between}Keane replied: the harbour "
            "pays enough already.")
    rows = [("Jane Roe", f"\u201c{said}\u201d")]
    assert _answered(body, rows, "the harbour pays enough already", "Keane replied: ",
                     reply=True) == answers


@pytest.mark.parametrize("words, empty", [
    ("\u201cI would say this,\u201d", True),
    ("\u201cHere is what I will say:\u201d", True),
    # A bare yes or no answers a question; words with content answer something.
    ("\u201cNo.\u201d", False),
    ("\u201cYes.\u201d", False),
    # A short denial is made of the words that say it answers: it says something.
    ("\u201cThat is a lie.\u201d", False),
    ("\u201cFake news!\u201d", False),
    ("\u201cNonsense.\u201d", False),
    ("\u201cIt is untrue.\u201d", False),
    ("\u201cI deny it.\u201d", False),
    ("\u201cWe will see about that.\u201d", False),
])
def test_a_preface_with_no_words_of_its_own_says_nothing(words, empty):
    from claims.grouping.responses import says_nothing

    assert says_nothing(words) is empty


def test_a_reply_to_a_tweet_answers_the_statement_tweeted_not_the_quote_before_it():
    body = ("\u201cThe new bridge is a disaster,\u201d Jane Roe tweeted on Monday.\n\n"
            "The council met on Tuesday. \u201cThe budget is tight,\u201d the clerk said.\n\n"
            "Tom Keane responded to that tweet by calling Roe \u201creckless.\u201d")
    rows = [("Jane Roe", "\u201cThe new bridge is a disaster,\u201d"),
            ("the clerk", "\u201cThe budget is tight,\u201d")]
    context = "Tom Keane responded to that tweet by calling Roe "
    assert _answered(body, rows, "reckless.", context, at="reckless.", reply=True) == 1
    # No statement tweeted here: the tweet is not quoted, so nothing.
    said = body.replace("tweeted", "said")
    assert _answered(said, rows, "reckless.", context, at="reckless.", reply=True) is None


def test_a_reply_to_someone_elses_tweet_is_no_answer_to_the_tweet_quoted_here():
    # "responded to Moe's tweet": Moe has no quote here, so Roe's tweet is not what he answered.
    body = ("\u201cThe new bridge is a disaster,\u201d Jane Roe tweeted on Monday.\n\n"
            "Tom Keane responded to Moe's tweet, saying \u201cthe bridge is fine.\u201d")
    rows = [("Jane Roe", "\u201cThe new bridge is a disaster,\u201d")]
    context = "Tom Keane responded to Moe's tweet, saying "
    statement = "\u201cthe bridge is fine.\u201d"
    for reply in (True, False):
        assert _answered(body, rows, statement, context, reply=reply) is None
    # Roe's own tweet named: hers.
    own = body.replace("Moe's tweet", "Roe's tweet")
    assert _answered(own, rows, statement, context.replace("Moe's", "Roe's"), reply=True) == 1


def test_a_reply_drawn_by_a_sentence_answers_what_that_sentence_reports():
    # "..., drawing a sharp reply from Moe": what drew it is this sentence's own report, not
    # the quote of the paragraph before.
    body = ("\u201cMoe is rude,\u201d Keane said.\n\nKeane had welcomed Moe's plan and said he "
            "would back it, drawing a sharp reply from Moe. \u201cKeane does not understand the "
            "harbour,\u201d Moe said.")
    rows = [("Tom Keane", "\u201cMoe is rude,\u201d")]
    context = "Moe's plan and said he would back it, drawing a sharp reply from Moe. "
    statement = "\u201cKeane does not understand the harbour,\u201d"
    assert _answered(body, rows, statement, context, at="Moe's plan", reply=True) is None
    # That report quoted: it is what the reply answers.
    quoted = body.replace("said he would back it", "said \u201cI will back it\u201d")
    rows.append(("Tom Keane", "\u201cI will back it\u201d"))
    context = context.replace("said he would back it", "said \u201cI will back it\u201d")
    assert _answered(quoted, rows, statement, context, at="Moe's plan", reply=True) == 2


@pytest.mark.parametrize("context, answers", [
    # Whom the reply answers is named and has no statement here: nothing, not the quote
    # before.
    ("Anna Moe responded to Lind, saying ", None),
    ("Anna Moe fired back at Lind, saying ", None),
    # Named and quoted here: that one, though another speaker spoke last.
    ("Anna Moe responded to Roe, saying ", 1),
    # A day is no one answered: the turn before.
    ("Anna Moe responded Friday, saying ", 2),
])
def test_a_reply_to_someone_named_answers_them_or_nothing(context, answers):
    body = ("Jane Roe said the levy is fair. Tom Keane said the quay needs repairs. "
            + context + "the levy stays.")
    rows = [("Jane Roe", "the levy is fair"), ("Tom Keane", "the quay needs repairs")]
    assert _answered(body, rows, "the levy stays", context, reply=True) == answers


def test_the_speaker_of_an_inverted_attribution_is_not_whom_the_reply_names():
    body = ("Jane Roe said the levy is fair. \u201cThe levy stays,\u201d replied Anna Moe.")
    rows = [("Jane Roe", "the levy is fair")]
    assert _answered(body, rows, "\u201cThe levy stays,\u201d", "replied Anna Moe.",
                     reply=True) == 1


def test_a_name_inside_a_speakers_description_is_not_their_name():
    # "Keane campaign manager Marta Roe" is Roe; "Keane's charge" names Keane, who has no
    # quote here, so nothing is answered.
    body = ("Keane campaign manager Marta Roe said the levy is unfair. The mayor rejected "
            "Keane's charge, and the levy stays.")
    rows = [("Keane campaign manager Marta Roe", "the levy is unfair")]
    assert _answered(body, rows, "the levy stays", "The mayor rejected Keane's charge, and") \
        is None
    assert _answered(body.replace("Keane's", "Roe's"), rows, "the levy stays",
                     "The mayor rejected Roe's charge, and") == 1
