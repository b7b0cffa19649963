"""The claim graph page and its JSON view: by speaker, topic or claim and neighbours; session
auth with claims.view_claim; the graph library served from the app's static files."""
import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Claim, ClaimRelation, Speaker, SpeakerAlias, Topic

pytestmark = pytest.mark.django_db

DATA = "admin:claims_claim_graph_data"


@pytest.fixture
def web(putin, bolton):
    """Bolton's axis claim, denied by Putin, who also repeats himself; one rejected link."""
    axis = Claim.objects.create(text="Such an axis could pose a real problem for the West",
                                speaker_key=str(bolton.pk))
    axis.speakers.set([bolton])
    denial = Claim.objects.create(text="No military alliance with China exists",
                                  speaker_key=str(putin.pk))
    denial.speakers.set([putin])
    again = Claim.objects.create(text="There is no alliance and there will be none",
                                 speaker_key=str(putin.pk))
    again.speakers.set([putin])
    loner = Claim.objects.create(text="Unrelated", speaker_key=str(bolton.pk))
    loner.speakers.set([bolton])
    ClaimRelation.objects.create(from_claim=denial, to_claim=axis, type="denies",
                                 status="confirmed")
    ClaimRelation.objects.create(from_claim=again, to_claim=denial, type="repeats")
    ClaimRelation.objects.create(from_claim=loner, to_claim=denial, type="supports",
                                 status="rejected")
    return {"axis": axis, "denial": denial, "again": again, "loner": loner}


def graph(client, **params):
    response = client.get(reverse(DATA), params)
    assert response.status_code == 200
    return response.json()


def test_a_claim_and_its_neighbours(client, viewer, web):
    client.force_login(viewer)
    data = graph(client, claim=web["denial"].pk)
    assert {n["id"] for n in data["nodes"]} == {web[k].pk for k in ("axis", "denial", "again")}
    edges = {(e["source"], e["target"], e["type"], e["status"]) for e in data["edges"]}
    assert edges == {(web["denial"].pk, web["axis"].pk, "denies", "confirmed"),
                     (web["again"].pk, web["denial"].pk, "repeats", "suggested")}
    node = next(n for n in data["nodes"] if n["id"] == web["axis"].pk)
    assert node["speakers"] == ["John Bolton"]
    assert node["label"].startswith("Such an axis")
    assert node["url"] == reverse("admin:claims_claim_change", args=[web["axis"].pk])


def test_a_speakers_claims(client, analyst, web, putin):
    client.force_login(analyst)
    page = client.get(reverse("admin:claims_claim_graph"), {"speaker": putin.pk})
    assert "Claims of Vladimir Putin." in page.content.decode()
    data = graph(client, speaker=putin.pk)
    # His claims, and Bolton's claim he denied (confirmed) drawn with it; the rejected link
    # from Bolton's other claim is not a relation, so that claim stays out.
    nodes = {n["id"]: n["focus"] for n in data["nodes"]}
    assert nodes == {web["denial"].pk: True, web["again"].pk: True, web["axis"].pk: False}
    assert sorted((e["source"], e["target"], e["status"]) for e in data["edges"]) == sorted([
        (web["again"].pk, web["denial"].pk, "suggested"),
        (web["denial"].pk, web["axis"].pk, "confirmed")])


@pytest.mark.parametrize("by", ["pk", "slug"])
def test_a_topics_claims_by_id_or_slug(client, analyst, web, by):
    topic = Topic.objects.create(name="Alliances", slug="alliances")
    for key in ("axis", "denial"):
        web[key].topics.add(topic)
    client.force_login(analyst)
    data = graph(client, topic=getattr(topic, by))
    # The two on the topic, and the claim off it that repeats one of them.
    assert {n["id"]: n["focus"] for n in data["nodes"]} == {
        web["axis"].pk: True, web["denial"].pk: True, web["again"].pk: False}
    assert sorted(e["type"] for e in data["edges"]) == ["denies", "repeats"]


def test_speakers_are_labelled_by_the_name_an_analyst_uses(client, analyst, putin, xi):
    """The graph's short speaker label: the registry's one-word alias that is a word of the
    name (Putin, and Xi for Xi Jinping: family name first, so not the last word), else the
    whole name; a joint claim lists each speaker."""
    SpeakerAlias.objects.create(speaker=putin, alias="Putin")
    SpeakerAlias.objects.create(speaker=putin, alias="Wladimir Putin")
    SpeakerAlias.objects.create(speaker=xi, alias="Xi")
    SpeakerAlias.objects.create(speaker=xi, alias="President Xi")
    holloway = Speaker.objects.create(name="Jane Holloway")
    SpeakerAlias.objects.create(speaker=holloway, alias="Spokeswoman")  # not part of the name
    kremlin = Speaker.objects.create(name="Kremlin", kind="government")
    joint = Claim.objects.create(text="The partnership has no limits", speaker_key="joint")
    joint.speakers.set([putin, xi])
    alone = Claim.objects.create(text="There is no alliance", speaker_key=str(holloway.pk))
    alone.speakers.set([holloway, kremlin])
    ClaimRelation.objects.create(from_claim=alone, to_claim=joint, type="supports")
    client.force_login(analyst)
    nodes = {n["id"]: n for n in graph(client, claim=joint.pk)["nodes"]}
    assert nodes[joint.pk]["speakers"] == ["Vladimir Putin", "Xi Jinping"]
    assert nodes[joint.pk]["short_speakers"] == ["Putin", "Xi"]
    assert nodes[alone.pk]["short_speakers"] == ["Jane Holloway", "Kremlin"]


def test_no_filter_draws_nothing_and_says_why(client, analyst, web):
    client.force_login(analyst)
    data = graph(client)
    assert data["nodes"] == [] and "Choose" in data["note"]


def test_bad_ids_are_400(client, analyst):
    client.force_login(analyst)
    assert client.get(reverse(DATA), {"claim": "x"}).status_code == 400
    assert client.get(reverse("admin:claims_claim_graph"), {"speaker": "x"}).status_code == 400


def test_the_json_needs_a_session_and_the_view_permission(client, outsider, web):
    response = client.get(reverse(DATA), {"claim": web["denial"].pk})
    assert response.status_code == 302 and "/login/" in response.url
    outsider.is_staff = True
    outsider.save()
    client.force_login(outsider)
    assert client.get(reverse(DATA), {"claim": web["denial"].pk}).status_code == 403
    assert client.get(reverse("admin:claims_claim_graph")).status_code == 403


def test_the_json_queries_do_not_grow_with_the_graph(client, analyst, putin):
    client.force_login(analyst)

    def count(n):
        Claim.objects.all().delete()
        hub = Claim.objects.create(text="hub", speaker_key=str(putin.pk))
        hub.speakers.set([putin])
        for i in range(n):
            other = Claim.objects.create(text=f"spoke {i}", speaker_key=str(putin.pk))
            other.speakers.set([putin])
            ClaimRelation.objects.create(from_claim=other, to_claim=hub, type="supports")
        with CaptureQueriesContext(connection) as ctx:
            data = graph(client, speaker=putin.pk)
        assert len(data["nodes"]) == n + 1 and len(data["edges"]) == n
        return len(ctx.captured_queries)

    assert count(3) == count(30)


def test_the_page_loads_cytoscape_from_the_apps_static_files(client, viewer, web):
    client.force_login(viewer)
    response = client.get(reverse("admin:claims_claim_graph"), {"claim": web["denial"].pk})
    assert response.status_code == 200
    page = response.content.decode()
    assert '<script src="/static/vendor/cytoscape/cytoscape.min.js" defer>' in page
    assert '<script src="/static/claims/admin/graph.js" defer>' in page
    assert f'data-url="{reverse(DATA)}?claim={web["denial"].pk}"' in page
    assert "No military alliance with China exists" in page
    assert not [src for src in __import__("re").findall(r'src="([^"]+)"', page)
                if not src.startswith("/")], "a script from another site"
    # `make install` put the pinned file there; staticfiles finds and serves it.
    found = finders.find("vendor/cytoscape/cytoscape.min.js")
    assert found and "node_modules" in found


def test_the_claim_page_links_to_its_neighbourhood(client, viewer, web):
    client.force_login(viewer)
    page = client.get(reverse("admin:claims_claim_change", args=[web["axis"].pk])).content
    link = f'{reverse("admin:claims_claim_graph")}?claim={web["axis"].pk}'
    assert f'href="{link}"'.encode() in page
    assert b"this claim and its neighbours" in page


@pytest.mark.parametrize("n", [3, 200])
def test_the_graph_is_three_queries_at_any_size(putin, bolton, django_assert_num_queries, n):
    """The claims, their relations (with the claims at their far ends) and the speakers with
    their short names: three queries for a speaker's graph and for a claim's neighbourhood,
    whether it holds 4 claims or 400."""
    from claims.selectors.graph import claim_graph

    hub = Claim.objects.create(text="hub", speaker_key=str(putin.pk))
    hub.speakers.set([putin])
    SpeakerAlias.objects.create(speaker=putin, alias="Putin")
    for i in range(n):
        own = Claim.objects.create(text=f"own {i}", speaker_key=str(putin.pk))
        own.speakers.set([putin])
        other = Claim.objects.create(text=f"other {i}", speaker_key=str(bolton.pk))
        other.speakers.set([bolton])
        ClaimRelation.objects.create(from_claim=own, to_claim=hub, type="supports")
        ClaimRelation.objects.create(from_claim=other, to_claim=own, type="denies",
                                     status="confirmed")
    with django_assert_num_queries(3):
        data = claim_graph(speaker=putin.pk)
    assert len(data["nodes"]) == 2 * n + 1 and len(data["edges"]) == 2 * n
    assert {n["short_speakers"][0] for n in data["nodes"]} == {"Putin", "John Bolton"}
    with django_assert_num_queries(3):
        data = claim_graph(claim=hub.pk)
    assert len(data["nodes"]) == n + 1 and len(data["edges"]) == n
