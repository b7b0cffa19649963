"""Every endpoint and method of /api/v1/, tried as each role and anonymously: readers read,
analysts change quotes, claims, topics, relations and assessments, editors import and keep the
outlets and feeds; a client without an account gets 401, one without the permission 403, and a
refused write changes nothing."""
import pytest
from rest_framework.test import APIClient

from claims.models import (
    ClaimAssessment,
    ClaimMergeSuggestion,
    ClaimRelation,
    Feed,
    ImportRun,
    Outlet,
    Quote,
    Speaker,
    Topic,
)
from claims.services.ingestion import import_run_start
from tests.services.conftest import article, quote

pytestmark = pytest.mark.django_db

BODY = ("Putin said Moscow is not forming a military alliance with China. Bolton said such an "
        "axis could pose a real problem for the West. Putin added that Moscow conducts joint "
        "military exercises with Beijing.")


@pytest.fixture
def world(db):
    putin = Speaker.objects.create(name="Vladimir Putin", verified=True)
    bolton = Speaker.objects.create(name="John Bolton", verified=True)
    art = article(BODY)
    art.url = art.canonical_url = "https://example.org/2023/putin-interview"
    art.save(update_fields=["url", "canonical_url"])
    q1 = quote(art, "Moscow is not forming a military alliance with China", putin)
    q2 = quote(art, "such an axis could pose a real problem for the West", bolton)
    q3 = quote(art, "Moscow conducts joint military exercises with Beijing", putin)
    relation = ClaimRelation.objects.create(from_claim=q1.claim, to_claim=q2.claim,
                                            type="denies")
    a, b = sorted([q1.claim_id, q3.claim_id])
    merge = ClaimMergeSuggestion.objects.create(claim_id=a, other_id=b, score=0.5)
    assessment = ClaimAssessment.objects.create(claim=q1.claim, rating=5, rationale="Said so.")
    topic = Topic.objects.create(name="Security", slug="security")
    run = import_run_start(source=ImportRun.Source.API, description="t")
    feed = Feed.objects.create(url="https://example.org/feed.xml")
    duplicate = Speaker.objects.create(name="Vladimir V. Putin", verified=False)
    return {"article": art, "quotes": [q1, q2, q3], "relation": relation, "merge": merge,
            "assessment": assessment, "topic": topic, "run": run, "feed": feed,
            "outlet": Outlet.objects.get(), "speaker": putin, "duplicate": duplicate}


R, A, E, S = "read", "analyst", "editor", "signed in"  # who may
P = "anyone"  # public: it describes the API, it holds no data

ENDPOINTS = [
    # (method, path built from the world, body, who may, status when allowed)
    ("get", lambda w: "/api/v1/", None, S, 200),  # the index of links, nothing else
    # The terms a ClaimReview's claimsTracker prefix names (like /api/schema/).
    ("get", lambda w: "/api/v1/schema-ext", None, P, 200),
    ("get", lambda w: "/api/v1/outlets/", None, R, 200),
    ("get", lambda w: f"/api/v1/outlets/{w['outlet'].pk}/", None, R, 200),
    ("get", lambda w: "/api/v1/feeds/", None, R, 200),
    ("get", lambda w: f"/api/v1/feeds/{w['feed'].pk}/", None, R, 200),
    ("get", lambda w: "/api/v1/import-runs/", None, R, 200),
    ("get", lambda w: f"/api/v1/import-runs/{w['run'].pk}/", None, R, 200),
    ("get", lambda w: "/api/v1/articles/", None, R, 200),
    ("get", lambda w: f"/api/v1/articles/{w['article'].pk}/", None, R, 200),
    ("get", lambda w: "/api/v1/speakers/", None, R, 200),
    ("get", lambda w: f"/api/v1/speakers/{w['speaker'].pk}/", None, R, 200),
    ("get", lambda w: f"/api/v1/speakers/{w['speaker'].pk}/claims/", None, R, 200),
    ("get", lambda w: "/api/v1/quotes/?q=alliance", None, R, 200),
    ("get", lambda w: f"/api/v1/quotes/{w['quotes'][0].pk}/", None, R, 200),
    ("get", lambda w: "/api/v1/quotes/export/?as=ndjson", None, R, 200),
    ("get", lambda w: "/api/v1/claims/?speaker=Putin", None, R, 200),
    ("get", lambda w: f"/api/v1/claims/{w['quotes'][0].claim_id}/", None, R, 200),
    ("get", lambda w: f"/api/v1/claims/{w['quotes'][0].claim_id}/relations/", None, R, 200),
    ("get", lambda w: f"/api/v1/claims/{w['quotes'][0].claim_id}/similar/", None, R, 200),
    ("get", lambda w: f"/api/v1/claims/{w['quotes'][1].claim_id}/related/", None, R, 200),
    ("get", lambda w: f"/api/v1/claims/{w['quotes'][0].claim_id}/claimreview/", None, R, 200),
    ("get", lambda w: "/api/v1/claims/export/", None, R, 200),
    ("get", lambda w: "/api/v1/topics/", None, R, 200),
    ("get", lambda w: f"/api/v1/topics/{w['topic'].pk}/", None, R, 200),
    ("get", lambda w: "/api/v1/claim-relations/", None, R, 200),
    ("get", lambda w: f"/api/v1/claim-relations/{w['relation'].pk}/", None, R, 200),
    ("get", lambda w: "/api/v1/merge-suggestions/", None, R, 200),
    ("get", lambda w: "/api/v1/assessments/", None, R, 200),
    ("get", lambda w: f"/api/v1/assessments/{w['assessment'].pk}/", None, R, 200),
    ("get", lambda w: f"/api/v1/graph/?claim={w['quotes'][0].claim_id}", None, R, 200),
    ("post", lambda w: "/api/v1/articles/", {"title": "Pasted", "body": BODY + " New."}, E, 202),
    ("post", lambda w: f"/api/v1/articles/{w['article'].pk}/extract/", {}, E, 202),
    ("patch", lambda w: f"/api/v1/quotes/{w['quotes'][0].pk}/", {"kind": "direct"}, A, 200),
    ("post", lambda w: f"/api/v1/quotes/{w['quotes'][0].pk}/confirm/", {}, A, 200),
    ("post", lambda w: f"/api/v1/quotes/{w['quotes'][0].pk}/reject/", {}, A, 200),
    ("post", lambda w: f"/api/v1/quotes/{w['quotes'][0].pk}/move/",
     lambda w: {"claim": w["quotes"][2].claim_id}, A, 200),
    ("post", lambda w: "/api/v1/claims/", lambda w: {"quote": w["quotes"][0].pk}, A, 201),
    ("patch", lambda w: f"/api/v1/claims/{w['quotes'][0].claim_id}/", {"text": "No alliance"},
     A, 200),
    ("post", lambda w: f"/api/v1/claims/{w['quotes'][0].claim_id}/merge/",
     lambda w: {"source": w["quotes"][2].claim_id}, A, 200),
    ("post", lambda w: "/api/v1/topics/", {"name": "Russia–China relations"}, A, 201),
    ("patch", lambda w: f"/api/v1/topics/{w['topic'].pk}/", {"description": "x"}, A, 200),
    ("post", lambda w: "/api/v1/claim-relations/", lambda w: {
        "from_claim": w["quotes"][2].claim_id, "to_claim": w["quotes"][1].claim_id,
        "type": "responds_to"}, A, 201),
    ("post", lambda w: f"/api/v1/claim-relations/{w['relation'].pk}/confirm/", {}, A, 200),
    ("post", lambda w: f"/api/v1/claim-relations/{w['relation'].pk}/reject/", {}, A, 200),
    ("post", lambda w: f"/api/v1/merge-suggestions/{w['merge'].pk}/confirm/", {}, A, 200),
    ("post", lambda w: f"/api/v1/merge-suggestions/{w['merge'].pk}/reject/", {}, A, 200),
    ("post", lambda w: "/api/v1/assessments/", lambda w: {
        "claim": w["quotes"][1].claim_id, "rating": 2, "rationale": "Not so."}, A, 201),
    ("patch", lambda w: f"/api/v1/assessments/{w['assessment'].pk}/", {"rating": 4}, A, 200),
    ("post", lambda w: f"/api/v1/speakers/{w['speaker'].pk}/merge/",
     lambda w: {"source": w["duplicate"].pk}, A, 200),
    ("post", lambda w: f"/api/v1/speakers/{w['duplicate'].pk}/verify/", {}, A, 200),
    ("post", lambda w: "/api/v1/outlets/", {"name": "Example Wire", "domain": "wire.example.com"},
     E, 201),
    ("patch", lambda w: f"/api/v1/outlets/{w['outlet'].pk}/", {"country": "GB"}, E, 200),
    ("post", lambda w: "/api/v1/feeds/", {"url": "https://example.org/world.xml",
                                          "poll_every_minutes": 15}, E, 201),
    ("patch", lambda w: f"/api/v1/feeds/{w['feed'].pk}/", {"enabled": False}, E, 200),
    ("delete", lambda w: f"/api/v1/feeds/{w['feed'].pk}/", None, E, 204),
]


def _snapshot():
    return (list(Quote.objects.order_by("pk").values_list("review_status", "kind", "claim_id")),
            ClaimRelation.objects.filter(status="suggested").count(),
            ClaimMergeSuggestion.objects.filter(status="suggested").count(),
            Topic.objects.count(), ClaimAssessment.objects.count(), ImportRun.objects.count(),
            list(Speaker.objects.order_by("pk").values_list("pk", "verified")),
            list(Outlet.objects.order_by("pk").values_list("name", "domain", "country")),
            list(Feed.objects.order_by("pk").values_list("url", "enabled", "schedule_id")))


@pytest.mark.parametrize("role", ["editor", "analyst", "viewer", "outsider", None])
@pytest.mark.parametrize("method, path, body, who, ok", ENDPOINTS,
                         ids=[f"{i:02d}-{m}" for i, (m, *_) in enumerate(ENDPOINTS)])
def test_every_endpoint_as_each_role(request, world, role, method, path, body, who, ok,
                                     django_capture_on_commit_callbacks):
    api = APIClient()
    if role:
        api.force_authenticate(request.getfixturevalue(role))
    allowed = who == P or role is not None and (who == S or who == R and role != "outsider"
                                                 or who == A and role == "analyst"
                                                 or who == E and role == "editor")
    data = body(world) if callable(body) else body
    before = _snapshot()
    response = getattr(api, method)(path(world), data, format="json")
    if allowed:
        assert response.status_code == ok, response.content[:500]
    else:
        assert response.status_code == (401 if role is None else 403), response.content[:300]
        if role is None:
            assert "WWW-Authenticate" in response
        assert _snapshot() == before
