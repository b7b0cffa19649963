""""Same claim?" offers made after commit by the relations task: every close claim of the
speaker said in other words, not only the closest, and the same words under two registry
speakers who may be one (a surname resolved to the wrong person on one side)."""
import pytest

from claims.models import ClaimMergeSuggestion, ClaimRelation, Speaker
from claims.services.grouping import quotes_relate_across_speakers
from tests.services.conftest import reported

pytestmark = pytest.mark.django_db


def test_a_statement_is_offered_each_earlier_claim_that_says_it_in_other_words(
        putin, cooperation, django_capture_on_commit_callbacks):
    whole = cooperation
    other = reported(putin, "Moscow keeps the whole of its military cooperation with China "
                            "open to every foreign observer and journalist who asks", month=4)
    assert other.claim_id != whole.claim_id
    with django_capture_on_commit_callbacks(execute=True):
        short = reported(putin, "military cooperation with China is open", month=5)
    offered = {frozenset((s.claim_id, s.other_id)): s.reason["rule"]
               for s in ClaimMergeSuggestion.objects.all()}
    # Three of the whole quote's content words of the short one's four, and all four of the
    # other's: both offered (the closest alone was, before).
    assert offered[frozenset((short.claim_id, whole.claim_id))] == \
        "same content words (paraphrase)"
    assert offered[frozenset((short.claim_id, other.claim_id))] == \
        "same content words (excerpt)"


def test_the_same_words_under_two_registry_speakers_of_one_surname_are_a_same_claim_question():
    anna = Speaker.objects.create(name="Anna Marsh", verified=True)
    tom = Speaker.objects.create(name="Tom Marsh", verified=True)
    words = "the harbour bridge will stay closed until the repairs are finished next spring"
    first = reported(anna, words, month=3)
    echo = reported(tom, words, month=4)
    quotes_relate_across_speakers(quote_ids=[echo.pk])
    assert not ClaimRelation.objects.filter(type="repeats").exists()
    suggestion = ClaimMergeSuggestion.objects.get()
    assert {suggestion.claim_id, suggestion.other_id} == {first.claim_id, echo.claim_id}
    assert suggestion.reason["rule"] == "same words, speaker may be the same"


@pytest.mark.parametrize("unknown_first", [True, False])
def test_the_same_words_with_no_speaker_found_on_one_side_are_a_same_claim_question(
        unknown_first):
    from tests.services.conftest import article, quote

    anna = Speaker.objects.create(name="Anna Marsh", verified=True)
    words = "anyone claiming that the harbour economy is in decline is peddling fiction"
    unknown_art = article(f"Someone said that {words}. Officials declined to comment.",
                          month=3 if unknown_first else 5)

    def nobody():
        return quote(unknown_art, words)  # no speaker: grouped with nobody's claims

    first = nobody() if unknown_first else reported(anna, words, month=4)
    second = reported(anna, words, month=4) if unknown_first else nobody()
    assert first.claim_id != second.claim_id
    quotes_relate_across_speakers(quote_ids=[second.pk])
    suggestion = ClaimMergeSuggestion.objects.get()
    assert {suggestion.claim_id, suggestion.other_id} == {first.claim_id, second.claim_id}
    assert suggestion.reason["rule"] == "same words, a speaker unknown"
    # Nothing else is said between a speaker and nobody.
    assert not ClaimRelation.objects.exists()


def test_the_opposite_words_with_no_speaker_found_make_no_contradiction():
    from tests.services.conftest import article, quote

    anna = Speaker.objects.create(name="Anna Marsh", verified=True)
    said = reported(anna, "the harbour bridge will stay closed until the repairs end", month=3)
    art = article("Someone said that the harbour bridge will not stay closed until the "
                  "repairs end. Officials declined to comment.", month=4)
    other = quote(art, "the harbour bridge will not stay closed until the repairs end")
    quotes_relate_across_speakers(quote_ids=[other.pk, said.pk])
    # Between two speakers this is a contradiction; with nobody's words, nothing.
    assert not ClaimRelation.objects.exists()
    assert not ClaimMergeSuggestion.objects.exists()


def test_no_same_claim_question_between_nested_quotes_or_about_questions(
        django_assert_num_queries):
    from claims.models import Claim
    from claims.services.grouping import _offerable
    from tests.services.conftest import article, quote

    anna = Speaker.objects.create(name="Anna Marsh", verified=True)
    outer_text = "the harbour bridge will close, and the ferry will run all winter"
    art = article(f"Anna Marsh said that {outer_text}. Officials declined to comment.")
    asked = article("Anna Marsh asked: Will the ferry run all winter? Nobody answered.")
    made = []
    for art_, text in ((art, outer_text), (art, "the ferry will run all winter"),
                       (asked, "Will the ferry run all winter?")):
        claim = Claim.objects.create(text=text, speaker_key=str(anna.pk))
        made.append(quote(art_, text, anna, group=False, claim=claim).claim_id)
    elsewhere = reported(anna, "the ferry will run all winter", month=5).claim_id
    outer, inner, question = made
    pairs = [(outer, inner, 0.4, {}), (inner, elsewhere, 0.4, {}), (question, elsewhere, 0.4, {}),
             (outer, elsewhere, 0.4, {})]
    with django_assert_num_queries(1):
        kept = _offerable(pairs)
    # Nested in one article: one report. A question asserts nothing. Two articles: asked.
    assert [(a, b) for a, b, *_ in kept] == [(inner, elsewhere), (outer, elsewhere)]


def test_no_same_claim_question_between_two_noun_phrases_unless_one_stance_or_an_excerpt(
        django_assert_num_queries):
    """docs/suggestions-read.md S2: a quote with no verb states only its cue's stance toward
    the phrase; two such claims are asked about as one only as an excerpt of one another or
    where their cues state one stance. The cues are read in the same one query."""
    from claims.models import Claim
    from claims.services.grouping import _offerable
    from tests.services.conftest import article, quote

    anna = Speaker.objects.create(name="Anna Marsh", verified=True)
    made = []
    for month, text, cue in ((3, "the coastal trade agreement with the harbour towns", "praised"),
                             (4, "the coastal trade agreement of the fishing fleet", "opposed"),
                             (5, "the coastal trade agreement of the fishing fleet", "touted")):
        art = article(f"Anna Marsh spoke of {text}. Officials declined to comment.",
                      month=month)
        claim = Claim.objects.create(text=text, speaker_key=str(anna.pk))
        made.append(quote(art, text, anna, cue=cue, group=False, claim=claim).claim_id)
    praised, opposed, touted = made
    with django_assert_num_queries(1):
        kept = _offerable([(praised, opposed, 0.4, {}), (praised, touted, 0.4, {})])
    assert [(a, b) for a, b, *_ in kept] == [(praised, touted)]
