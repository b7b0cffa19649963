"""What the lists cost: long lists' counts come from the cache for a few seconds, short ones are
always exact, and the graph takes a fixed number of queries however many claims it shows."""
import pytest
from rest_framework.test import APIClient

from claims import selectors
from claims.models import Claim, ClaimRelation
from tests.services.conftest import reported

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(viewer):
    client = APIClient()
    client.force_authenticate(viewer)
    return client


def _said(speaker, n, start=0):
    return [reported(speaker, f"statement {i} on subject {i * 17} and {i * 31}", group=False)
            for i in range(start, start + n)]


def test_short_lists_count_exactly(api, putin):
    _said(putin, 3)
    assert api.get("/api/v1/quotes/").json()["count"] == 3
    _said(putin, 1, start=3)
    assert api.get("/api/v1/quotes/").json()["count"] == 4
    # A filter nothing can match runs no query at all (and has no SQL to key a cache by).
    assert api.get("/api/v1/claims/", {"topic": "no-such-topic"}).json()["count"] == 0


def test_a_long_lists_count_is_kept_a_few_seconds_per_query(api, putin, settings,
                                                            django_assert_num_queries):
    settings.API_COUNT_CACHE_MIN = 3  # "long" from three rows on, for the test
    _said(putin, 3)
    assert api.get("/api/v1/quotes/").json()["count"] == 3
    _said(putin, 2, start=3)
    with django_assert_num_queries(2):  # the page and its speakers: no COUNT(*)
        body = api.get("/api/v1/quotes/").json()
    assert body["count"] == 3 and len(body["results"]) == 5
    # Another query is counted on its own.
    assert api.get("/api/v1/quotes/", {"kind": "indirect"}).json()["count"] == 5
    settings.API_COUNT_CACHE_SECONDS = 0
    assert api.get("/api/v1/quotes/").json()["count"] == 5


def test_the_graph_takes_three_queries_for_2_claims_or_20(putin, bolton,
                                                          django_assert_num_queries):
    for i in range(22):
        claim = Claim.objects.create(text=f"claim {i}", appearance_count=i)
        claim.speakers.add(putin, *([bolton] if i % 2 else []))
    inside, outside = Claim.objects.get(text="claim 20"), Claim.objects.create(text="not his")
    ClaimRelation.objects.create(from_claim=claim, to_claim=inside, type="denies")
    ClaimRelation.objects.create(from_claim=claim, to_claim=outside, type="denies")
    # The claims; their relations, with the claims at the far end; their speakers' names.
    with django_assert_num_queries(3):
        few = selectors.claim_graph(speaker=putin.pk, limit=2)
    with django_assert_num_queries(3):
        many = selectors.claim_graph(speaker=putin.pk)
    # Most seen, by id; and the claim of no speaker of his that one of them denies.
    assert [(n["label"], n["focus"]) for n in few["nodes"]] == [
        ("claim 20", True), ("claim 21", True), ("not his", False)]
    assert [(e["source"], e["target"]) for e in few["edges"]] == [(claim.pk, inside.pk),
                                                                  (claim.pk, outside.pk)]
    assert len(many["nodes"]) == 23
    assert many["nodes"][1]["speakers"] == ["John Bolton", "Vladimir Putin"]
