"""The claim, relation and assessment pages go through the services: the analyst is recorded
as creator, decider and reviewer, never chosen from a dropdown."""
import pytest

from claims.models import Claim, ClaimAssessment, ClaimRelation

pytestmark = pytest.mark.django_db


def test_a_claim_added_in_the_admin_is_the_analysts(client, analyst, putin):
    client.force_login(analyst)
    response = client.post("/admin/claims/claim/add/", {
        "text": "No military alliance with China", "speakers": [putin.pk],
        "relations_out-TOTAL_FORMS": "0", "relations_out-INITIAL_FORMS": "0"})
    assert response.status_code == 302, response.content[:3000]
    claim = Claim.objects.get()
    assert claim.created_by == analyst and claim.wording_by_analyst
    assert list(claim.speakers.all()) == [putin] and claim.speaker_key == str(putin.pk)
    assert claim.history.earliest().history_user == analyst


def test_an_assessment_and_a_relation_note_name_the_analyst(client, analyst, putin):
    client.force_login(analyst)
    a = Claim.objects.create(text="a", speaker_key="1")
    b = Claim.objects.create(text="b", speaker_key="2")
    response = client.post("/admin/claims/claimassessment/add/", {
        "claim": a.pk, "rating": 2, "rationale": "Contradicted by the record.", "url": ""})
    assert response.status_code == 302, response.content[:3000]
    assert ClaimAssessment.objects.get().reviewer == analyst
    relation = ClaimRelation.objects.create(from_claim=a, to_claim=b, type="denies")
    response = client.post(f"/admin/claims/claimrelation/{relation.pk}/change/", {
        "from_claim": a.pk, "to_claim": b.pk, "type": "denies", "note": "Checked."})
    assert response.status_code == 302, response.content[:3000]
    relation.refresh_from_db()
    assert relation.note == "Checked." and relation.history.latest().history_user == analyst


def test_a_viewer_cannot_add_a_claim(client, viewer):
    client.force_login(viewer)
    assert client.post("/admin/claims/claim/add/", {"text": "x"}).status_code == 403
    assert not Claim.objects.exists()
