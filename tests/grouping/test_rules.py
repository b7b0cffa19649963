"""The grouping rules on text alone (claims.grouping knows nothing of Django), and the one
place they must agree with PostgreSQL: trigram similarity."""
import pytest

from claims.grouping import (
    claim_similarity,
    cue_polarity,
    decide,
    display_wording,
    normalise,
    opposite_polarity,
    response_cue,
    statement,
    trigram_similarity,
)


def test_normalising_drops_case_punctuation_quote_marks_that_and_the_frame():
    assert normalise('That Moscow is “not” forming an alliance, he said.') == \
        "moscow is not forming an alliance"
    assert normalise("According to the Kremlin, talks will resume.") == "talks will resume"
    assert normalise("Russia isn't forming an alliance") == "russia isnt forming an alliance"


def test_a_curly_apostrophe_inside_a_word_is_dropped_like_a_straight_one():
    # Some outlets print "can’t", others "can't": one statement, and its negation kept.
    curly = normalise("“We can’t wait, and the council isn’t ‘ready’,” she said.")
    assert curly == normalise("\"We can't wait, and the council isn't 'ready',\" she said.")
    assert curly == "we cant wait and the council isnt ready"
    assert not opposite_polarity(curly, normalise("We can't wait and the council isn't ready"))
    assert opposite_polarity(curly, normalise("We can wait and the council is ready"))


def test_a_claims_wording_keeps_the_words_as_written():
    assert display_wording('"We keep nothing secret," he said.') == "We keep nothing secret"


@pytest.mark.django_db
@pytest.mark.parametrize("a, b", [
    ("moscow is not forming a military alliance with china",
     "denied building a military bloc with china"),
    ("russia is forming an alliance", "russia is not forming an alliance"),
    ("wake-up call", "a wake up call for the west"),
    ("Zelenskyy", "Volodymyr Zelensky"),
    ("", "anything"),
])
def test_trigram_similarity_is_exactly_pg_trgm(a, b):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT similarity(%s, %s)", [a, b])
        expected = cursor.fetchone()[0]
    assert trigram_similarity(a, b) == pytest.approx(expected, abs=1e-6)


def test_cached_trigram_sets_are_nothing_the_garbage_collector_walks():
    # A worker caches the trigrams of 65,536 statements; held as sets, every full collection
    # walked them all (about 300 ms each, in the middle of an extraction batch).
    import gc

    from claims.grouping.similarity import _trigram_table, trigrams

    text = "a statement no other test has grouped, 4f1c"
    assert set(trigrams(text)) >= {"  a", " 4f", "4f1", "f1c", "1c "}
    assert not gc.is_tracked(_trigram_table(text))


@pytest.mark.parametrize("a, b, why", [
    ("Russia is forming an alliance", "Russia is not forming an alliance", "negation"),
    ("The US will send troops", "The US won't send troops", "negation"),
    ("taxes will increase", "taxes will decrease", "antonyms"),
    ("Russia is not forming an alliance", "Russia is not forming a bloc", None),
    ("we will never give up and never surrender", "we will fight on", None),
    ("the plan will not decrease spending", "the plan will increase spending", None),
])
def test_polarity_tells_a_statement_from_its_negation(a, b, why):
    found = opposite_polarity(a, b)
    assert (found.split(":")[0] if found else None) == why


@pytest.mark.parametrize("cue, polarity", [
    ("said", 1), ("noted", 1), ("denied", -1), ("publicly opposed", -1),
    ("has yet to endorse", -1), ("declined at first to criticize", 1), ("did not deny", 1),
])
def test_a_reporting_verb_can_reverse_what_it_reports(cue, polarity):
    assert cue_polarity(cue) == polarity


def test_a_denial_and_a_negated_statement_are_the_same_claim():
    denied = statement("Russia is forming an alliance", "denied")
    said_not = statement("Russia is not forming an alliance", "said")
    assert opposite_polarity(denied, said_not) is None
    assert opposite_polarity(denied, statement("Russia is forming an alliance", "said"))


@pytest.mark.parametrize("cue, context, words, relation", [
    ("asserting", "Putin responded clearly, asserting that", "the claim is untrue", "denies"),
    ("said", "The Kremlin dismissed the report and", "talks continue", "denies"),
    ("replied", "", "we will see", "responds_to"),
    ("said", "She pushed back, saying", "the figures are right", "denies"),
    ("said", "He added that", "exports rose", None),
    # A response word used as a noun, about an event, as a hypothesis, or in the statement's
    # own words about something else, answers nothing.
    ("said", "The deal includes a dispute resolution clause, and", "it will hold", None),
    ("said", "The navy acted in response to the missile launch, and", "more may come", None),
    ("said", "In response to the launch,", "ships were moved", None),
    ("said", "One could dismiss that as noise, but", "the signal is clear", None),
    ("said", "She declined to respond and", "the talks go on", None),
    ("said", "", "NATO would respond firmly", None),
    ("said", "In response to his remarks,", "the ministry will study them", "responds_to"),
    ("said", "He rejected Bolton's suggestion and", "the axis is a myth", "denies"),
])
def test_an_answer_is_recognised_from_its_cue_lead_in_or_words(cue, context, words, relation):
    found = response_cue(cue=cue, context=context, statement=words)
    assert (found.relation if found else None) == relation


def test_decide_joins_the_closest_asks_about_near_ones_and_never_joins_a_negation():
    text = normalise("Moscow is not forming a military alliance with China")
    candidates = [
        (1, normalise("Moscow is not forming a military alliance with China now")),
        (2, normalise("Moscow is not forming any alliance")),
        (3, normalise("Moscow is forming a military alliance with China")),
    ]
    decision = decide(text, candidates, join=0.6, suggest=0.3)
    assert decision.join.claim_id == 1
    assert [m.claim_id for m in decision.opposed] == [3]
    alone = decide(text, candidates[1:], join=0.6, suggest=0.3)
    assert alone.join is None and [m.claim_id for m in alone.merge_candidates] == [2]
    assert claim_similarity(text, candidates[2][1]) > 0.6  # close words, opposite meaning


def test_a_wording_keeps_the_quote_marks_of_a_quoted_fragment():
    assert display_wording('the alliance was "stronger, bigger and more united than ever"') == \
        'the alliance was "stronger, bigger and more united than ever"'


@pytest.mark.parametrize("a, b", [
    # Two negators against one, but the clause the two share is negated in both.
    ("the claim is untrue and Russia does not threaten anyone and no military alliance with "
     "China exists", "Moscow is not forming a military alliance with China"),
    ("Russia does not threaten anyone and is not forming a military alliance with China",
     "no military alliance with China exists"),
    # A negation in another clause, or an interjection, says nothing of the shared one.
    ("no one is above the law, and we will win the election", "we will win the election"),
    ("there is no doubt that we will build the wall", "we will build the wall"),
    ("No, I meant he is the founder of ISIS", "he is the founder of ISIS"),
])
def test_negation_is_judged_on_the_clause_the_two_statements_share(a, b):
    assert opposite_polarity(normalise(a), normalise(b)) is None


@pytest.mark.parametrize("a, b", [
    ("he will support the party's nominee", "he was not ready to support the party's nominee"),
    ("Russia is forming an alliance", "Russia is not forming an alliance"),
    ("we will win the election", "no one is above the law and we will not win the election"),
])
def test_a_negation_on_the_shared_clause_or_over_it_still_opposes(a, b):
    assert opposite_polarity(normalise(a), normalise(b)).startswith("negation")


def _earlier(*rows):
    from claims.grouping.responses import Earlier

    return [Earlier(i, name, text, start, start + len(text))
            for i, (name, text, start) in enumerate(rows, start=1)]


def test_an_answer_answers_the_statement_its_words_are_about_not_the_nearest():
    from claims.grouping.responses import answered

    body = ("Ukrainian officials said Russian troops were massing near the border. NATO's "
            "chief said NATO would respond firmly. Lavrov said the claim was false and no "
            "troops were massing.")
    earlier = _earlier(("Ukrainian officials", "Russian troops were massing near the border",
                        body.index("Russian troops")),
                       ("Jens Stoltenberg", "NATO would respond firmly",
                        body.index("NATO would")))
    start = body.index("the claim was false")
    found = answered(statement="the claim was false and no troops were massing",
                     context="said Lavrov said", start=start, earlier=earlier, body=body,
                     reach=800)
    assert found.id == 1


def test_an_answer_answers_the_speaker_its_lead_in_names():
    from claims.grouping.responses import answered

    body = ("Bolton said an axis could pose a problem. Smith said the West must act. Putin "
            "rejected Bolton's suggestion, saying Russia is forming no bloc.")
    earlier = _earlier(("John Bolton", "an axis could pose a problem", 12),
                       ("Jane Smith", "the West must act", 52))
    found = answered(statement="Russia is forming no bloc",
                     context="saying Putin rejected Bolton's suggestion, saying",
                     start=body.index("Russia is forming"), earlier=earlier, body=body,
                     reach=800)
    assert found.id == 1


def test_an_answer_about_nothing_said_answers_its_paragraphs_statement_or_nothing():
    from claims.grouping.responses import answered

    body = ("Bolton said an axis could pose a problem.\n\nOther news.\n\nMore news.\n\n"
            "Putin responded, asserting that the claim is untrue.")
    earlier = _earlier(("John Bolton", "an axis could pose a problem", 12))
    start = body.index("the claim is untrue")
    assert answered(statement="the claim is untrue", context="responded, asserting that",
                    start=start, earlier=earlier, body=body, reach=800) is None
    close = body.replace("\n\nOther news.\n\nMore news.", "")
    assert answered(statement="the claim is untrue", context="responded, asserting that",
                    start=close.index("the claim"), earlier=earlier, body=close,
                    reach=800).id == 1


def test_an_excerpt_of_a_longer_quote_joins_it_and_a_short_fragment_does_not():
    whole = normalise("We have never been more committed to the alliance, and we will keep "
                      "every promise we made to our partners in Europe and in Asia, whatever "
                      "the cost to our own economy and whatever others say about it")
    excerpt = normalise("we will keep every promise we made to our partners in Europe")
    assert claim_similarity(excerpt, whole) < 0.5  # symmetric similarity misses it
    decision = decide(excerpt, [(7, whole)], join=0.5, suggest=0.3)
    assert decision.join.claim_id == 7 and decision.join.reason == "excerpt"
    # Too short to tell an excerpt from another point on the same subject: not joined.
    assert decide(normalise("keep every promise"), [(7, whole)], join=0.5, suggest=0.3).join \
        is None
    # Nor an excerpt of the opposite: "we will not keep every promise ...".
    negated = normalise("we will not keep every promise we made to our partners in Europe")
    assert decide(negated, [(7, whole)], join=0.5, suggest=0.3).join is None


def test_an_answer_to_someone_with_no_statement_in_the_article_answers_nothing():
    from claims.grouping.responses import answered

    body = ("Jane Smith said the debate was lively. Sanders dismissed Clinton's charges about "
            "his record.")
    earlier = _earlier(("Jane Smith", "the debate was lively", 16))
    assert answered(statement="Clinton's charges about his record",
                    context="dismissed Sanders dismissed Clinton's charges about his record",
                    start=body.index("Clinton's"), earlier=earlier, body=body,
                    reach=800) is None


@pytest.mark.parametrize("a, b, asked", [
    ("the wall", "the re", False),
    ("Hillary Clinton is a joke", "Clinton a bigot", False),
    ("Trump, 'Alt Right' Pose A Threat To Democracy", "Trump was a threat to America's democracy",
     True),
])
def test_a_same_claim_question_needs_content_words_on_both_sides(a, b, asked):
    from claims.grouping.content import worth_asking

    assert worth_asking(normalise(a), normalise(b)) is asked


@pytest.mark.parametrize("a, b, score, kept", [
    ("not Christian", "to protect Christianity", 0.31, False),
    ("he is not a Christian", "he is a Christian", 0.82, True),
    ("Clinton was not qualified to be president", "Clinton is qualified to be president", 0.55,
     True),
])
def test_a_changed_position_needs_a_proposition_on_both_sides(a, b, score, kept):
    from claims.grouping.content import worth_a_reversal

    assert worth_a_reversal(normalise(a), normalise(b), score) is kept


@pytest.mark.parametrize("a, b, kind", [
    # Three content words of the shorter side's four: a short paraphrase.
    ("she thinks the embargo was a costly mistake",
     "we made a costly mistake when we imposed the embargo", "paraphrase"),
    # Three of five: another point on the same subject as often as the same one.
    ("the embargo was a costly mistake for farmers in the north",
     "we made a costly mistake when we imposed the embargo", None),
    ("the embargo will end next spring",
     "we made a costly mistake when we imposed the embargo", None),
    # Four or more shared at 0.6 of the shorter side, as before.
    ("the council will close the old harbour bridge for repairs next year",
     "the harbour bridge closes next year for repairs", "paraphrase"),
])
def test_a_short_paraphrase_needs_most_of_its_content_words_shared(a, b, kind):
    from claims.grouping.content import content_match

    match = content_match(normalise(a), normalise(b))
    assert (match.kind if match else None) == kind


@pytest.mark.parametrize("a, b, kind", [
    # Three words of a speech of forty content words: any three short words are in it by
    # chance.
    ("now, later, always",
     "friends, from this old harbour town, this proud heart of the northern coast, we sound "
     "the call for the fishing fleets now as our grandparents did before us, time and again "
     "through hard winters; let us answer the call of the sea that runs in our blood, send "
     "word to the ministers who tax our boats, and say to them: harbour dues now, harbour dues "
     "later, harbour dues always, until the quays are ours again and the markets open",
     None),
    # Three words of a sentence of ten: a headline of it.
    ("ferry tolls will rise",
     "after the councillors' extraordinary decision, independent transportation economists "
     "expect that ferry tolls will rise considerably throughout the summer", "paraphrase"),
    # Four words or more nearly all found are an excerpt, whatever the length of the other.
    ("harbour dues always until the quays are ours",
     "friends, from this old harbour town, this proud heart of the northern coast, we sound "
     "the call for the fishing fleets now as our grandparents did before us, time and again "
     "through hard winters; let us answer the call of the sea that runs in our blood, send "
     "word to the ministers who tax our boats, and say to them: harbour dues now, harbour dues "
     "later, harbour dues always, until the quays are ours again and the markets open",
     "excerpt"),
])
def test_a_few_words_found_in_a_long_speech_are_no_match(a, b, kind):
    from claims.grouping.content import content_match

    match = content_match(normalise(a), normalise(b))
    assert (match.kind if match else None) == kind


@pytest.mark.parametrize("a, b, kind", [
    # Contractions and light verbs are no content: "ill", "think", "get" matched two points.
    ("I think I'll get there", "I think I'll get the votes we need", None),
    ("we're going to want to know", "they're going to want to know more", None),
    # What the statement is about still counts.
    ("I think the harbour bridge will close in June",
     "the harbour bridge will close in June, I think", "excerpt"),
])
def test_contractions_and_light_verbs_are_not_content_words(a, b, kind):
    from claims.grouping.content import content_match

    match = content_match(normalise(a), normalise(b))
    assert (match.kind if match else None) == kind


@pytest.mark.parametrize("a, b, kind", [
    # The day and occasion of the report at the end of the span are not what was said.
    ("Anna was the founder of the gang on Wednesday at a Riverside rally",
     "the real founder of the harbour gang is the mayor Anna Marsh", "paraphrase"),
    ("Anna was the founder of the gang in an interview with the Herald Tribune",
     "the real founder of the harbour gang is the mayor Anna Marsh", "paraphrase"),
    # A day inside the statement, or one ahead, is what was said.
    ("the harbour bridge will close next Monday", "the harbour bridge will close next Monday",
     "excerpt"),
])
def test_the_reports_day_and_occasion_are_not_content_words(a, b, kind):
    from claims.grouping.content import content_match

    match = content_match(normalise(a), normalise(b))
    assert (match.kind if match else None) == kind


@pytest.mark.parametrize("text, kept", [
    ("obama was the founder of isis on wednesday at a florida rally",
     "obama was the founder of isis"),
    ("the ferry will run in an interview with cnn", "the ferry will run"),
    ("the ferry will run next monday", "the ferry will run next monday"),
    ("we will vote on tuesday in the senate", "we will vote on tuesday in the senate"),
    ("the rally was peaceful", "the rally was peaceful"),
])
def test_only_a_trailing_report_frame_is_cut(text, kept):
    from claims.grouping.content import without_frame

    assert without_frame(text) == kept


@pytest.mark.parametrize(("a", "b", "one_denial"), [
    # Each side denies: the parse's scopes differ (one negation more), the denial is one.
    ("moscow did not send any troops and no units it sent were deployed across the border",
     "moscow had not sent any units that were deployed across the border", True),
    # A denial against the statement it denies: a reversal's material, not one denial.
    ("russia is not forming an alliance with china", "russia is forming an alliance with china",
     False),
])
def test_two_denials_of_one_thing_are_told_apart_from_a_statement_and_its_denial(
        a, b, one_denial):
    from claims.grouping.positions import one_denial_twice

    assert opposite_polarity(a, b)
    assert one_denial_twice(a, b) is one_denial
