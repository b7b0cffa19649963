"""The claim page's related-claims panel: other speakers' claims ranked with why, linked in one
click by an analyst (viewers see no button and are refused); a bad link (a claim related to
itself, a claim merged away since the page was drawn, an unknown type, a link already made) is
a message, and nothing is saved."""
import pytest
from django.urls import reverse

from claims.models import ClaimRelation, Speaker
from claims.services import claims as claim_services
from claims.services import relations as relation_services
from tests.services.test_related_claims import said

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(putin, bolton):
    lavrov = Speaker.objects.create(name="Sergey Lavrov", verified=True)
    return {
        "axis": said(bolton, "An axis of Russia and China could pose a real problem for the "
                             "West", day=1),
        "lavrov": said(lavrov, "Russia and China form no axis and no alliance", day=3),
        "late": said(lavrov, "Russia and China form no axis and no alliance at all", month=9),
    }


def test_the_panel_lists_related_claims_and_links_in_one_click(client, world, analyst):
    client.force_login(analyst)
    page = client.get(reverse("admin:claims_claim_change", args=[world["axis"].pk]))
    html = page.content.decode()
    assert 'id="related-claims"' in html
    assert f'id="related-claim-{world["lavrov"].pk}"' in html
    assert "Sergey Lavrov" in html and "2 days apart" in html
    link = reverse("admin:claims_claim_related_link",
                   args=[world["axis"].pk, world["lavrov"].pk])
    assert f'action="{link}"' in html
    response = client.post(link, {"type": "denies"})
    assert response.status_code == 302
    relation = ClaimRelation.objects.get(type="denies")
    # Lavrov spoke two days after Bolton: his claim denies Bolton's.
    assert (relation.from_claim_id, relation.to_claim_id) == (world["lavrov"].pk,
                                                             world["axis"].pk)
    assert relation.status == "confirmed" and relation.created_by == analyst
    again = client.get(reverse("admin:claims_claim_change", args=[world["axis"].pk]))
    assert "Already linked" in again.content.decode()


def test_viewers_see_the_panel_without_buttons(client, world, viewer):
    client.force_login(viewer)
    html = client.get(reverse("admin:claims_claim_change",
                              args=[world["axis"].pk])).content.decode()
    assert f'id="related-claim-{world["lavrov"].pk}"' in html
    assert "claims_claim_related_link" not in html and "/related/" not in html
    link = reverse("admin:claims_claim_related_link",
                   args=[world["axis"].pk, world["lavrov"].pk])
    assert client.post(link, {"type": "denies"}).status_code == 403
    assert not ClaimRelation.objects.exists()


@pytest.mark.parametrize("case", ["itself", "merged away", "unknown type", "twice"])
def test_a_bad_link_is_a_message_and_saves_nothing(client, world, analyst, case):
    client.force_login(analyst)
    axis, other, kind = world["axis"].pk, world["lavrov"].pk, "supports"
    expected = {"itself": "cannot be related to itself", "merged away": "merged into another",
                "unknown type": "Unknown relation type", "twice": "already supports"}[case]
    if case == "itself":
        other = axis
    elif case == "merged away":
        claim_services.claim_merge(source_id=other, target_id=world["late"].pk, user=analyst)
    elif case == "unknown type":
        kind = "loves"
    else:
        relation_services.relation_create(from_claim_id=other, to_claim_id=axis,
                                          type="supports", user=analyst)
    before = list(ClaimRelation.objects.values_list("pk", flat=True))
    response = client.post(reverse("admin:claims_claim_related_link", args=[axis, other]),
                           {"type": kind}, follow=True)
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert list(ClaimRelation.objects.values_list("pk", flat=True)) == before


