"""The quote and claim rows are written out by hand for speed (claims/api/serializers.py). They
must stay exactly what DRF's generic walk over the declared fields gives, since those fields
are the OpenAPI schema: same keys in the same order, same values, same JSON types."""
import json
from datetime import UTC, datetime

import pytest
from django.utils import timezone
from rest_framework import serializers

from claims import selectors
from claims.api.serializers import (
    ClaimSerializer,
    QuoteSerializer,
    narrow_claims,
    narrow_quotes,
)
from claims.models import Article, Claim, Quote
from tests.api.test_endpoints_by_role import world  # noqa: F401  (the fixture)
from tests.services.conftest import reported

pytestmark = pytest.mark.django_db


def _generic(serializer_class, obj) -> str:
    return json.dumps(serializers.Serializer.to_representation(serializer_class(), obj))


@pytest.fixture
def varied(world, analyst, bolton):  # noqa: F811
    """Rows with every optional part both present and missing."""
    q1, q2, _ = world["quotes"]
    Quote.objects.filter(pk=q1.pk).update(
        review_status="confirmed", reviewed_by=analyst, confidence=1,
        reviewed_at=datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=UTC))
    lone = reported(bolton, "the sanctions will stay in place until spring", group=False)
    Article.objects.filter(pk=lone.article_id).update(outlet=None, published_at=None)
    Claim.objects.filter(pk=q2.claim_id).update(created_by=analyst, first_seen=None,
                                                last_seen=None)
    Claim.objects.get(pk=q1.claim_id).topics.add(world["topic"])
    return world


@pytest.mark.parametrize("zone", ["UTC", "Europe/Kyiv"])
def test_quote_rows_are_what_drf_would_give(varied, zone):
    with timezone.override(zone):
        rows = list(selectors.quote_list())
        assert len(rows) == 4 and any(q.claim_id is None for q in rows)
        for q in rows:
            assert json.dumps(QuoteSerializer(q).data) == _generic(QuoteSerializer, q)


@pytest.mark.parametrize("zone", ["UTC", "Europe/Kyiv"])
def test_claim_rows_are_what_drf_would_give(varied, zone):
    with timezone.override(zone):
        rows = list(selectors.claim_list())
        assert len(rows) == 3
        for c in rows:
            assert json.dumps(ClaimSerializer(c).data) == _generic(ClaimSerializer, c)


def test_the_narrowed_lists_read_every_column_their_rows_show(varied,
                                                              django_assert_num_queries):
    # A column missing from QUOTE_COLUMNS or CLAIM_COLUMNS would be fetched row by row.
    full = {q.pk: _generic(QuoteSerializer, q) for q in selectors.quote_list()}
    with django_assert_num_queries(2):  # the quotes with their joins; their speakers
        narrow = {q.pk: json.dumps(QuoteSerializer(q).data)
                  for q in narrow_quotes(selectors.quote_list())}
    assert narrow == full
    full = {c.pk: _generic(ClaimSerializer, c) for c in selectors.claim_list()}
    with django_assert_num_queries(3):  # the claims; their speakers; their topics
        narrow = {c.pk: json.dumps(ClaimSerializer(c).data)
                  for c in narrow_claims(selectors.claim_list())}
    assert narrow == full
