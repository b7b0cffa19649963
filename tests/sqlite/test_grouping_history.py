"""Grouping's history records on SQLite, where they go through django-simple-history (on
PostgreSQL grouping writes them in its own SQL; claims.services.grouping.history_in_sql says
why there are two paths): a new claim's first record with its speakers, a fuller wording's
record, both grouping's (no user). tests/services/test_grouping.py checks the same records
through both paths on PostgreSQL."""
import pytest

from claims.models import Claim
from claims.services.grouping import (
    GROUPING_REASON,
    history_in_sql,
    quotes_group,
)
from tests.services.conftest import article, assert_reworded_records, quote

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]


def test_grouping_writes_first_and_fuller_wording_records_through_simple_history(putin):
    assert not history_in_sql()
    body = " ".join(f"Putin said point {i} concerns sector {i * 7} deeply." for i in range(16))
    art = article(body)
    quotes = [quote(art, f"point {i} concerns sector {i * 7} deeply", putin, group=False)
              for i in range(16)]
    quotes_group(quote_ids=[quotes[0].pk])
    claim = Claim.objects.get()
    first = claim.history.earliest()
    assert (first.history_type, first.history_user, first.history_change_reason, first.text) == (
        "+", None, GROUPING_REASON, "point 0 concerns sector 0 deeply")
    # The first record holds the claim's speakers, with the links' own ids.
    links = list(Claim.speakers.through.objects.filter(claim=claim).values_list("id", "speaker_id"))
    assert [speaker for _, speaker in links] == [putin.pk]
    assert [(r.id, r.speaker_id) for r in first.speakers.all()] == links
    assert quotes_group(quote_ids=[quotes[10].pk]).joined == 1
    assert quotes_group(quote_ids=[q.pk for q in quotes[11:]]).joined == 5
    claim.refresh_from_db()
    assert claim.text == "point 15 concerns sector 105 deeply"
    assert_reworded_records(claim)
