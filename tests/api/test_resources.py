"""What the API's reads and actions return, and how they refuse bad input."""
import csv
import io
import json

import pytest
from rest_framework.test import APIClient

from claims.models import ClaimAssessment, ImportRun, Quote
from tests.api.test_endpoints_by_role import BODY, world  # noqa: F401  (the fixture)
from tests.services.conftest import reported

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(analyst):
    client = APIClient()
    client.force_authenticate(analyst)
    return client


def test_a_quote_carries_its_speakers_article_and_claim(api, world):  # noqa: F811
    q = world["quotes"][0]
    body = api.get(f"/api/v1/quotes/{q.pk}/").json()
    assert body["speakers"] == [{"id": world["speaker"].pk, "name": "Vladimir Putin",
                                 "kind": "person"}]
    assert body["article"]["title"] == world["article"].title
    assert body["article"]["outlet"]["name"] == world["outlet"].name
    assert body["article"]["published_at"].startswith("2023-03-01T12:00:00")
    assert body["claim"]["id"] == q.claim_id


def test_offsets_outside_the_article_answer_409_with_a_message_and_change_nothing(
        api, world):  # noqa: F811
    # Well-formed offsets the stored body refuses: a conflict with the data, not bad input.
    q = world["quotes"][0]
    response = api.patch(f"/api/v1/quotes/{q.pk}/", {"start": 0, "end": 99999}, format="json")
    assert response.status_code == 409
    assert "outside the article body" in response.json()["start"][0]
    assert Quote.objects.get(pk=q.pk).review_status == "extracted"


@pytest.mark.parametrize("payload, field", [
    ({"kind": "poem"}, "kind"), ({"start": "abc"}, "start"), ({"colour": "red"}, "colour"),
])
def test_wrong_types_and_unknown_fields_are_refused(api, world, payload, field):  # noqa: F811
    response = api.patch(f"/api/v1/quotes/{world['quotes'][0].pk}/", payload, format="json")
    assert response.status_code == 400 and field in response.json()


def test_malformed_json_is_a_400(api, world):  # noqa: F811
    response = api.post("/api/v1/topics/", "{not json", content_type="application/json")
    assert response.status_code == 400


def test_merging_a_claim_into_itself_is_a_409(api, world):  # noqa: F811
    claim = world["quotes"][0].claim_id
    response = api.post(f"/api/v1/claims/{claim}/merge/", {"source": claim}, format="json")
    assert response.status_code == 409
    assert "into itself" in json.dumps(response.json())


def test_page_size_is_honoured_and_bounded(api, putin):
    for i in range(7):
        reported(putin, f"statement {i} about subject number {i * 13}")
    assert len(api.get("/api/v1/quotes/", {"page_size": 3}).json()["results"]) == 3
    assert api.get("/api/v1/quotes/", {"page_size": 100000}).status_code == 200
    assert api.get("/api/v1/quotes/", {"page": 99}).status_code == 404


def test_list_pages_cost_the_same_queries_for_5_or_50_rows(api, putin,
                                                          django_assert_max_num_queries):
    for i in range(50):
        reported(putin, f"statement {i} on subject {i * 17} and {i * 31}")
    for path in ("/api/v1/quotes/", "/api/v1/claims/", "/api/v1/claim-relations/",
                 "/api/v1/speakers/", "/api/v1/articles/"):
        api.get(path, {"page_size": 1})  # the user's permissions are cached after this
        with django_assert_max_num_queries(15) as five:
            assert api.get(path, {"page_size": 5}).status_code == 200
        with django_assert_max_num_queries(15) as fifty:
            assert api.get(path, {"page_size": 50}).status_code == 200
        assert len(fifty.captured_queries) == len(five.captured_queries), path


def test_importing_a_text_answers_202_with_the_run(editor, django_capture_on_commit_callbacks):
    client = APIClient()
    client.force_authenticate(editor)
    response = client.post("/api/v1/articles/", {"title": "Pasted", "body": BODY},
                           format="json")
    assert response.status_code == 202
    run = response.json()
    assert run["source"] == "api" and run["items"][0]["outcome"] == "created"
    assert ImportRun.objects.get(pk=run["id"]).requested_by == editor


def test_a_claimreview_has_every_field_google_asks_for(api, world):  # noqa: F811
    claim = world["quotes"][0].claim_id
    body = api.get(f"/api/v1/claims/{claim}/claimreview/").json()
    assert body["@type"] == "ClaimReview"
    for field in ("claimReviewed", "reviewRating", "url", "author", "datePublished",
                  "itemReviewed"):
        assert body[field], field
    assert {k: body["reviewRating"][k] for k in ("ratingValue", "bestRating", "worstRating",
                                                 "alternateName")} == {
        "ratingValue": 5, "bestRating": 5, "worstRating": 1, "alternateName": "True"}
    item = body["itemReviewed"]
    assert item["@type"] == "Claim" and item["author"]["name"] == "Vladimir Putin"
    assert item["firstAppearance"] == item["appearance"][0]
    assert body["claimsTracker:relations"][0]["type"] == "denies"
    # The prefix its @context binds names a document that answers (public, like the schema),
    # defining every term used under it.
    prefix = body["@context"]["claimsTracker"]
    assert prefix == "http://testserver/api/v1/schema-ext#"
    ext = APIClient().get(prefix.split("#")[0].removeprefix("http://testserver"))
    assert ext.status_code == 200 and ext["Content-Type"].startswith("application/ld+json")
    terms = {t["@id"] for t in ext.json()["@graph"]}
    assert ext.json()["@context"]["claimsTracker"] == prefix
    assert {"claimsTracker:relations", "claimsTracker:type", "claimsTracker:status",
            "claimsTracker:from", "claimsTracker:to"} <= terms


def test_a_claim_without_assessment_has_no_claimreview(api, world):  # noqa: F811
    ClaimAssessment.objects.all().delete()
    assert api.get(f"/api/v1/claims/{world['quotes'][0].claim_id}/claimreview/"
                   ).status_code == 404


def test_exports_stream_the_filtered_rows(api, world):  # noqa: F811
    response = api.get("/api/v1/quotes/export/", {"speaker": "Putin"})
    assert response.streaming
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:2] == ["id", "text"] and len(rows) == 3
    lines = b"".join(api.get("/api/v1/claims/export/", {"as": "ndjson"}).streaming_content)
    assert len([json.loads(line) for line in lines.splitlines()]) == 3


def test_the_claims_export_names_speakers_and_topics(api, world):  # noqa: F811
    claim = world["quotes"][0].claim
    claim.topics.add(world["topic"])
    response = api.get("/api/v1/claims/export/", {"speaker": "Putin"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    by_id = {int(r["id"]): r for r in rows}
    assert by_id[claim.pk]["speakers"] == "Vladimir Putin"
    assert by_id[claim.pk]["topics"] == "Security"
    assert by_id[world["quotes"][2].claim_id]["topics"] == ""
    lines = b"".join(api.get("/api/v1/claims/export/", {"as": "ndjson"}).streaming_content)
    records = {r["id"]: r for r in map(json.loads, lines.splitlines())}
    assert records[claim.pk]["speakers"] == ["Vladimir Putin"]
    assert records[claim.pk]["topics"] == ["Security"]
    assert records[world["quotes"][1].claim_id]["speakers"] == ["John Bolton"]
    assert api.get("/api/v1/claims/export/", {"as": "xml"}).status_code == 400


def test_the_root_lists_every_resource_and_the_graph(api):
    root = api.get("/api/v1/").json()
    assert root["graph"] == "http://testserver/api/v1/graph/"
    for name in ("outlets", "feeds", "import-runs", "articles", "speakers", "quotes", "claims",
                 "topics", "claim-relations", "merge-suggestions", "assessments"):
        assert root[name] == f"http://testserver/api/v1/{name}/"


def test_an_import_run_says_how_many_quotes_each_article_gave(
        editor, django_capture_on_commit_callbacks):
    client = APIClient()
    client.force_authenticate(editor)
    with django_capture_on_commit_callbacks(execute=True):
        made = client.post("/api/v1/articles/", {"title": "Pasted", "body": BODY},
                           format="json").json()
    run = client.get(f"/api/v1/import-runs/{made['id']}/").json()
    (item,) = run["items"]
    quotes = Quote.objects.filter(article_id=item["article"]).count()
    assert quotes >= 2 and item["quotes"] == quotes
    assert run["extraction"] == {"articles": 1, "extracted": 1, "quotes": quotes,
                                 "not_extracted": 0, "failed": 0, "waiting": 0}


def test_the_graph_gives_nodes_and_edges(api, world):  # noqa: F811
    claim = world["quotes"][0].claim_id
    graph = api.get("/api/v1/graph/", {"claim": claim}).json()
    assert {n["id"] for n in graph["nodes"]} == {claim, world["quotes"][1].claim_id}
    assert graph["edges"][0]["type"] == "denies" and graph["edges"][0]["source"] == claim
    assert api.get("/api/v1/graph/", {"claim": "x"}).status_code == 400
    by_speaker = api.get("/api/v1/graph/", {"speaker": "Putin"}).json()
    # His two claims, and Bolton's that one of them denies, drawn with it.
    assert sorted((n["id"], n["focus"]) for n in by_speaker["nodes"]) == sorted(
        [(world["quotes"][0].claim_id, True), (world["quotes"][2].claim_id, True),
         (world["quotes"][1].claim_id, False)])
    assert [(e["source"], e["type"]) for e in by_speaker["edges"]] == [(claim, "denies")]


def test_a_speakers_claims_come_in_cursor_pages(api, putin):
    for i in range(5):
        reported(putin, ["grain exports", "naval drills", "gas prices", "border talks",
                         "space launches"][i], day=i + 1)
    first = api.get(f"/api/v1/speakers/{putin.pk}/claims/", {"page_size": 2}).json()
    assert len(first["results"]) == 2 and first["next"]
    assert first["results"][0]["last_seen"] > first["results"][1]["last_seen"]


def test_a_url_on_a_private_address_is_refused_in_production(editor, settings):
    settings.INGEST_PUBLIC_ONLY = True
    client = APIClient()
    client.force_authenticate(editor)
    before = ImportRun.objects.count()
    response = client.post("/api/v1/articles/", {"url": "http://127.0.0.1:9/secret"},
                           format="json")
    assert response.status_code == 403  # never fetched, whoever asks
    assert "private or local address" in response.json()["url"][0]
    assert ImportRun.objects.count() == before


def test_a_huge_body_is_refused_with_a_message(editor):
    client = APIClient()
    client.force_authenticate(editor)
    response = client.post("/api/v1/articles/", {"title": "Big", "body": "word " * 600_000},
                           format="json")
    assert response.status_code in (400, 413)
    assert ImportRun.objects.count() == 0


def test_an_unknown_id_in_a_filter_matches_nothing_and_a_malformed_one_is_a_400(
        api, world):  # noqa: F811
    response = api.get("/api/v1/quotes/", {"claim": 999999})
    assert response.status_code == 200 and response.json()["count"] == 0
    response = api.get("/api/v1/quotes/", {"claim": "x"})
    assert response.status_code == 400 and "claim" in response.json()
