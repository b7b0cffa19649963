"""The speaker actions of /api/v1/: merge a duplicate into a speaker, verify one; the same
services as the admin, their refusals as 400 with a message, and the OpenAPI schema says so."""
import pytest
from rest_framework.test import APIClient

from claims.models import Claim, Quote, Speaker, SpeakerAlias
from tests.services.conftest import reported

pytestmark = pytest.mark.django_db

ALLIANCE = "Moscow is not forming a military alliance with China"


@pytest.fixture
def api(analyst):
    client = APIClient()
    client.force_authenticate(analyst)
    return client


@pytest.fixture
def duplicate(db):
    return Speaker.objects.create(name="Vladimir V. Putin", verified=False)


def test_merge_moves_quotes_and_claims_and_answers_with_the_speaker(api, putin, duplicate):
    q = reported(duplicate, ALLIANCE)
    response = api.post(f"/api/v1/speakers/{putin.pk}/merge/", {"source": duplicate.pk},
                        format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == putin.pk and body["aliases"] == ["Vladimir V. Putin"]
    assert list(Quote.objects.get(pk=q.pk).speakers.all()) == [putin]
    claim = Claim.objects.get(quotes=q)
    assert claim.speaker_key == str(putin.pk)
    assert not Speaker.objects.filter(pk=duplicate.pk).exists()
    assert api.get(f"/api/v1/speakers/{putin.pk}/claims/").json()["results"][0]["id"] == \
        claim.pk


def test_merging_into_itself_is_a_409_with_the_message(api, putin):
    response = api.post(f"/api/v1/speakers/{putin.pk}/merge/", {"source": putin.pk},
                        format="json")
    assert response.status_code == 409
    assert response.json() == {"target": ["A speaker cannot be merged into itself."]}


def test_merging_a_missing_speaker_is_a_404_naming_it_and_changes_nothing(api, putin):
    SpeakerAlias.objects.create(speaker=putin, alias="Putin")
    response = api.post(f"/api/v1/speakers/{putin.pk}/merge/", {"source": 999_999},
                        format="json")
    assert response.status_code == 404 and "source" in response.json()
    assert list(putin.aliases.values_list("alias", flat=True)) == ["Putin"]


def test_a_merge_needs_its_source_and_nothing_else(api, putin, duplicate):
    assert api.post(f"/api/v1/speakers/{putin.pk}/merge/", {}, format="json").json() == {
        "source": ["This field is required."]}
    response = api.post(f"/api/v1/speakers/{putin.pk}/merge/",
                        {"source": duplicate.pk, "into": 1}, format="json")
    assert response.status_code == 400 and response.json() == {"into": "Unknown field."}
    assert Speaker.objects.filter(pk=duplicate.pk).exists()


def test_verify_marks_the_speaker_checked(api, duplicate, analyst):
    response = api.post(f"/api/v1/speakers/{duplicate.pk}/verify/", format="json")
    assert response.status_code == 200 and response.json()["verified"] is True
    duplicate.refresh_from_db()
    assert duplicate.verified and duplicate.history.latest().history_user == analyst


def test_verify_of_a_missing_speaker_is_a_404(api):
    assert api.post("/api/v1/speakers/999999/verify/", format="json").status_code == 404


@pytest.mark.parametrize("role", ["viewer", "editor"])
def test_readers_are_refused_both(request, role, putin, duplicate):
    client = APIClient()
    client.force_authenticate(request.getfixturevalue(role))
    assert client.post(f"/api/v1/speakers/{putin.pk}/merge/", {"source": duplicate.pk},
                       format="json").status_code == 403
    assert client.post(f"/api/v1/speakers/{duplicate.pk}/verify/").status_code == 403
    duplicate.refresh_from_db()
    assert not duplicate.verified


def test_the_schema_documents_both_actions():
    schema = APIClient().get("/api/schema/", {"format": "json"}).json()
    merge = schema["paths"]["/api/v1/speakers/{id}/merge/"]["post"]
    assert merge["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/SpeakerMergeInput")
    assert merge["responses"]["200"]["content"]["application/json"]["schema"]["$ref"] \
        .endswith("/Speaker")
    assert {"400", "403", "404"} <= set(merge["responses"])
    verify = schema["paths"]["/api/v1/speakers/{id}/verify/"]["post"]
    assert "requestBody" not in verify
