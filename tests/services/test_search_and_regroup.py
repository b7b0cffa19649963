"""Search over quotes, claims and titles with filters and snippets; similar claims; the
regroup command keeps analysts' decisions."""
from io import StringIO

import pytest
from django.core.management import call_command

from claims import selectors
from claims.models import Claim, Quote, SpeakerAlias
from claims.services import claims as claim_svc
from tests.services.conftest import reported

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored(putin, bolton):
    SpeakerAlias.objects.create(speaker=putin, alias="Putin")
    return {
        "putin": reported(putin, "Moscow is not forming a military alliance with China",
                          outlet="TASS", day=3),
        "bolton": reported(bolton, "such a military axis could pose a real problem",
                           outlet="AP", day=5),
    }


def test_search_ranks_stems_and_filters_by_speaker_alias_outlet_and_date(stored):
    results = selectors.search("military alliances")
    assert results.mode == "full-text" and results.note == ""
    assert list(results.quotes) == [stored["putin"]]
    assert list(results.claims) == [stored["putin"].claim]
    both = selectors.search("military")
    assert set(both.quotes) == {stored["putin"], stored["bolton"]}
    assert list(selectors.search("military", speaker="Putin").quotes) == [stored["putin"]]
    assert list(selectors.search("military", outlet="AP").quotes) == [stored["bolton"]]
    assert list(selectors.search("military", date_from="2023-03-04").quotes) == [
        stored["bolton"]]


def test_snippets_are_computed_for_the_rows_shown(stored, django_assert_num_queries):
    page = list(selectors.search("alliance").quotes[:20])
    with django_assert_num_queries(1):
        snippets = selectors.headlines(page, "alliance")
    assert "<b>alliance</b>" in snippets[stored["putin"].pk]


def test_similar_claims_come_from_any_speaker(stored, bolton):
    echo = reported(bolton, "Moscow is forming a military alliance with China", day=9)
    similar = selectors.claim_similar(stored["putin"].claim_id)
    assert [c.pk for c, _ in similar][:1] == [echo.claim_id]
    assert similar[0][1] > 0.6
    # Unrelated words are not offered.
    assert stored["bolton"].claim_id not in [c.pk for c, _ in similar]


def test_regroup_after_a_threshold_change_keeps_analyst_decisions(stored, putin, analyst,
                                                                 settings):
    near = reported(putin, "Moscow is not forming any military bloc with China", day=8)
    mine = claim_svc.claim_create_from_quote(quote_id=stored["putin"].pk, user=analyst,
                                             text="No alliance with China")
    settings.CLAIM_JOIN_THRESHOLD = 0.2
    out = StringIO()
    call_command("regroup_claims", "--no-progress", stdout=out)
    assert "Regrouped" in out.getvalue()
    assert Quote.objects.get(pk=stored["putin"].pk).claim_id == mine.pk
    assert Claim.objects.get(pk=mine.pk).text == "No alliance with China"
    # With the lower threshold the near statement now joins the analyst's claim.
    assert Quote.objects.get(pk=near.pk).claim_id == mine.pk
    assert Quote.objects.filter(claim=None).exclude(review_status="rejected").count() == 0
