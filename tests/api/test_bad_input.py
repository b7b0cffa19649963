"""Bad input, as a careless client or an attacker sends it: every answer is a clear 4xx in the
API's JSON error shape (never a 500, never an HTML page), nothing is changed by a refused
request, and what goes out to a spreadsheet cannot run there."""
import csv
import io
import json

import pytest
from rest_framework.test import APIClient

from claims.api.serializers import TOPIC_NAME
from claims.models import Claim, Quote
from claims.params import MAX_ID
from tests.api.test_endpoints_by_role import world  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(analyst):
    client = APIClient()
    client.force_authenticate(analyst)
    return client


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


# --- CSV out ---------------------------------------------------------------------------------

FORMULAS = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]


@pytest.mark.parametrize("formula", FORMULAS)
def test_an_exported_cell_that_a_spreadsheet_would_run_starts_with_a_quote(
        api, world, formula):  # noqa: F811
    claim = world["quotes"][0].claim
    Claim.objects.filter(pk=claim.pk).update(text=formula)
    Quote.objects.filter(pk=world["quotes"][0].pk).update(cue=formula)
    claims = {row[0]: row for row in _csv(api.get("/api/v1/claims/export/"))}
    assert claims[str(claim.pk)][1] == "'" + formula
    quotes = _csv(api.get("/api/v1/quotes/export/"))
    header, rows = quotes[0], {row[0]: row for row in quotes[1:]}
    assert rows[str(world["quotes"][0].pk)][header.index("cue")] == "'" + formula
    # Plain text and numbers are written as they are.
    assert rows[str(world["quotes"][1].pk)][header.index("cue")] == world["quotes"][1].cue
    assert float(rows[str(world["quotes"][1].pk)][header.index("confidence")]) >= 0


def test_ndjson_exports_keep_the_text_as_it_is(api, world):  # noqa: F811
    claim = world["quotes"][0].claim
    Claim.objects.filter(pk=claim.pk).update(text="=1+1")
    lines = b"".join(api.get("/api/v1/claims/export/", {"as": "ndjson"}).streaming_content)
    texts = {row["id"]: row["text"] for row in map(json.loads, lines.splitlines())}
    assert texts[claim.pk] == "=1+1"


# --- NUL characters --------------------------------------------------------------------------

@pytest.mark.parametrize("path", [
    "/api/v1/quotes/", "/api/v1/claims/", "/api/v1/articles/", "/api/v1/graph/",
    "/api/v1/quotes/export/", "/api/v1/claims/export/",
])
@pytest.mark.parametrize("param", ["q", "speaker", "topic"])
def test_a_nul_in_a_search_or_filter_is_a_400_naming_it(api, world, path, param):  # noqa: F811
    response = api.get(path, {param: "Put\x00in"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {param: ["Null characters are not allowed."]}


def test_the_admin_autocomplete_refuses_a_nul_without_a_server_error(client, analyst):
    client.force_login(analyst)
    response = client.get("/admin/autocomplete/", {
        "term": "\x00", "app_label": "claims", "model_name": "claim", "field_name": "speakers"})
    assert response.status_code == 400
    assert "Null characters" in response.content.decode()
    assert client.get("/admin/claims/claim/", {"q": "a\x00"}).status_code == 400


# --- bodies ----------------------------------------------------------------------------------

def test_json_nested_a_thousand_deep_is_a_400(api, world):  # noqa: F811
    body = "[" * 1000 + "]" * 1000
    for path in ("/api/v1/topics/", f"/api/v1/claims/{world['quotes'][0].claim_id}/"):
        method = api.post if path.endswith("topics/") else api.patch
        response = method(path, body, content_type="application/json")
        assert response.status_code == 400
        assert "nested too deep" in response.json()["detail"]


def test_unknown_speaker_ids_are_a_404_naming_them_and_change_nothing(api, world):  # noqa: F811
    # 404 as for a path naming nothing: the body is well-formed, what it names is missing
    # (400 is for a malformed request, and the contract tests hold schema-valid ones to it).
    claim = world["quotes"][0].claim
    before = sorted(claim.speakers.values_list("pk", flat=True))
    known = world["speaker"].pk
    response = api.patch(f"/api/v1/claims/{claim.pk}/",
                         {"speaker_ids": [known, MAX_ID, MAX_ID - 1]}, format="json")
    assert response.status_code == 404
    assert response.json() == {"speaker_ids": [f"No speaker with id {MAX_ID - 1}, {MAX_ID}."]}
    assert sorted(claim.speakers.values_list("pk", flat=True)) == before
    response = api.patch(f"/api/v1/quotes/{world['quotes'][0].pk}/",
                         {"speaker_ids": [known, MAX_ID]}, format="json")
    assert response.json() == {"speaker_ids": [f"No speaker with id {MAX_ID}."]}
    response = api.patch(f"/api/v1/claims/{claim.pk}/", {"topic_ids": [MAX_ID]}, format="json")
    assert response.json() == {"topic_ids": [f"No topic with id {MAX_ID}."]}


def test_a_new_claim_with_an_unknown_topic_is_refused(api, world):  # noqa: F811
    quote = world["quotes"][2]
    response = api.post("/api/v1/claims/", {"quote": quote.pk, "topic_ids": [MAX_ID]},
                        format="json")
    assert response.status_code == 404
    assert response.json() == {"topic_ids": [f"No topic with id {MAX_ID}."]}
    assert Quote.objects.get(pk=quote.pk).claim_id == quote.claim_id


@pytest.mark.parametrize("body, field", [
    ({"quote": -334662849285542786367488}, "quote"), ({"quote": MAX_ID + 1}, "quote"),
    ({"quote": 0}, "quote"), ({"quote": 1, "topic_ids": [2**64]}, "topic_ids"),
])
def test_ids_outside_bigint_are_a_400(api, world, body, field):  # noqa: F811
    response = api.post("/api/v1/claims/", body, format="json")
    assert response.status_code == 400 and field in response.json()


# --- paths and query parameters --------------------------------------------------------------

@pytest.mark.parametrize("path", [
    "/api/v1/quotes/0.5/confirm/", "/api/v1/quotes/abc/", "/api/v1/claims/0/",
    f"/api/v1/claims/{MAX_ID + 1}/", "/api/v1/claims/-1/merge/", "/api/v1/nothing/here/",
])
def test_a_path_that_names_nothing_is_a_json_404(api, world, path):  # noqa: F811
    response = api.post(path) if path.endswith(("confirm/", "merge/")) else api.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize("query, field", [
    ({"page": "-1"}, "page"), ({"page": "0"}, "page"), ({"page": "x"}, "page"),
    ({"page_size": "null"}, "page_size"), ({"page_size": "0"}, "page_size"),
    ({"page_size": ""}, "page_size"), ({"ordering": "colour"}, "ordering"),
    ({"ordering": "confidence,-nothing"}, "ordering"), ({"claim": "0"}, "claim"),
    ({"claim": "99999999999999999999"}, "claim"), ({"article": "x"}, "article"),
    ({"kind": ""}, "kind"), ({"date_to": ""}, "date_to"),
])
def test_bad_paging_ordering_and_ids_are_a_400_naming_the_parameter(
        api, world, query, field):  # noqa: F811
    response = api.get("/api/v1/quotes/", query)
    assert response.status_code == 400, response.content
    assert list(response.json()) == [field]


def test_good_paging_and_ordering_still_work(api, world):  # noqa: F811
    rows = api.get("/api/v1/quotes/", {"ordering": "-confidence,created_at",
                                       "page_size": 2}).json()
    assert len(rows["results"]) == 2 and rows["next"]
    confidences = [r["confidence"] for r in rows["results"]]
    assert confidences == sorted(confidences, reverse=True)
    assert api.get("/api/v1/quotes/", {"page": 99}).status_code == 404  # past the last
    assert api.get("/api/v1/quotes/", {"q": ""}).status_code == 200  # an empty search


def test_an_unknown_related_id_in_a_filter_matches_nothing(api, world):  # noqa: F811
    outlet = world["outlet"].pk
    assert api.get("/api/v1/articles/", {"outlet": outlet}).json()["count"] == 1
    for path in ("/api/v1/articles/", "/api/v1/feeds/"):
        response = api.get(path, {"outlet": MAX_ID})
        assert response.status_code == 200 and response.json()["count"] == 0
    assert api.get("/api/v1/quotes/", {"claim": MAX_ID}).json()["count"] == 0


def test_the_schema_gives_the_bounds_the_views_check(api):
    schema = APIClient().get("/api/schema/", {"format": "json"}).json()
    quotes = {p["name"]: p["schema"] for p in schema["paths"]["/api/v1/quotes/"]["get"]
              ["parameters"]}
    assert quotes["page"] == {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}
    assert quotes["page_size"] == {"type": "integer", "minimum": 1}  # larger asks get 200
    assert quotes["claim"] == {"type": "integer", "minimum": 1, "maximum": MAX_ID}
    assert "confidence" in quotes["ordering"]["pattern"]
    outlet = {p["name"]: p["schema"] for p in schema["paths"]["/api/v1/feeds/"]["get"]
              ["parameters"]}["outlet"]
    assert outlet["minimum"] == 1  # ?outlet=0 is refused, as the schema says
    path_id = schema["paths"]["/api/v1/quotes/{id}/confirm/"]["post"]["parameters"][0]
    assert path_id["schema"] == {"type": "integer", "minimum": 1, "maximum": MAX_ID}


def test_a_service_refusal_says_whether_the_data_is_missing_or_refuses_it(
        api, world):  # noqa: F811
    claim = world["quotes"][0].claim_id
    response = api.post("/api/v1/claim-relations/", {
        "from_claim": claim, "to_claim": MAX_ID, "type": "denies"}, format="json")
    assert response.status_code == 404
    assert response.json() == {"to_claim": [f"No claim #{MAX_ID}."]}
    response = api.post("/api/v1/claim-relations/", {
        "from_claim": claim, "to_claim": claim, "type": "denies"}, format="json")
    assert response.status_code == 409
    assert response.json() == {"to_claim": ["A claim cannot be related to itself."]}


@pytest.mark.parametrize("body", [
    {"name": "   "}, {"name": "a\x00b"}, {"name": "Example", "colour": "red"}, {"name": 0},
    {"name": "Example", "parent": "1"}, {"name": "¿?"}])
def test_the_schema_and_the_server_refuse_the_same_bodies(api, body):
    # The schema says it (additionalProperties, a non-blank pattern without NUL) and the
    # server does it, so a generated client meets no surprise.
    schema = APIClient().get("/api/schema/", {"format": "json"}).json()
    topic = schema["components"]["schemas"]["TopicInput"]
    assert topic["additionalProperties"] is False
    assert topic["properties"]["name"]["pattern"] == TOPIC_NAME  # a letter or digit, no NUL
    assert api.post("/api/v1/topics/", body, format="json").status_code == 400


def test_a_form_encoded_body_is_refused_as_unsupported(api):
    response = api.post("/api/v1/topics/", {"name": "Example"}, format="multipart")
    assert response.status_code == 415
