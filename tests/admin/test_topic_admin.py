"""The topic pages: the hierarchy in tree order with paths and claim counts (one query for any
number of topics), and topics made and edited through the topic services, so the slug keeps
every word ("Russia–China relations" gives russia-china-relations)."""
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Claim, Topic

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:claims_topic_changelist")
ADD = reverse("admin:claims_topic_add")


@pytest.fixture
def tree(db):
    security = Topic.objects.create(name="Security", slug="security")
    alliances = Topic.objects.create(name="Military alliances", slug="alliances", parent=security)
    nato = Topic.objects.create(name="NATO", slug="nato", parent=alliances)
    arms = Topic.objects.create(name="Arms control", slug="arms", parent=security)
    economy = Topic.objects.create(name="Economy", slug="economy")
    # "Security (old)" would sort between Security and its children by name alone.
    old = Topic.objects.create(name="Security (old)", slug="security-old")
    for i, topics in enumerate([[alliances], [alliances, nato], [nato], [economy]]):
        Claim.objects.create(text=f"Claim {i}").topics.set(topics)
    return {"security": security, "alliances": alliances, "nato": nato, "arms": arms,
            "economy": economy, "old": old}


def rows(html: str) -> list[tuple[str, str]]:
    """(topic as shown, claim count) per row of the list."""
    table = re.search(r'<table id="result_list">.*?</table>', html, re.S).group(0)
    found = []
    for row in re.findall(r"<tr>.*?</tr>", table.split("</thead>")[1], re.S):
        name = re.search(r'<span class="topic-path"[^>]*>(.*?)</span></', row, re.S).group(1)
        count = re.search(r'class="topic-claims"[^>]*>(\d+)</a>', row).group(1)
        found.append((re.sub(r"<[^>]+>", "", name).replace("&gt;", ">"), count))
    return found


def test_the_list_shows_the_tree_with_paths_and_claim_counts(client, viewer, tree):
    client.force_login(viewer)
    html = client.get(CHANGELIST).content.decode()
    assert rows(html) == [
        ("Economy", "1"),
        ("Security", "0"),
        ("Security > Arms control", "0"),
        ("Security > Military alliances", "2"),
        ("Security > Military alliances > NATO", "2"),
        ("Security (old)", "0"),
    ]
    link = f'{reverse("admin:claims_claim_changelist")}?topics__id__exact={tree["nato"].pk}'
    assert f'href="{link}"' in html
    assert client.get(link).context["cl"].result_count == 2


def test_a_column_sort_still_works(client, viewer, tree):
    client.force_login(viewer)
    response = client.get(CHANGELIST, {"o": "-2"})  # the claims column, most first
    counts = [int(c) for _, c in rows(response.content.decode())]
    assert counts == sorted(counts, reverse=True)


def test_the_list_costs_the_same_queries_for_3_or_30_topics(client, analyst):
    client.force_login(analyst)

    def count(n):
        root = Topic.objects.create(name=f"Root {n}", slug=f"root-{n}")
        for i in range(n - 1):
            topic = Topic.objects.create(name=f"Child {n}-{i}", slug=f"child-{n}-{i}",
                                         parent=root)
            Claim.objects.create(text=f"Claim {n}-{i}").topics.add(topic)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(CHANGELIST)
        assert response.status_code == 200
        return len(ctx)

    assert count(3) == count(30)


def test_a_topic_added_in_the_admin_keeps_every_word_of_its_slug(client, analyst, tree):
    client.force_login(analyst)
    response = client.post(ADD, {"name": "Russia–China relations", "slug": "",
                                 "parent": tree["security"].pk, "description": ""})
    assert response.status_code == 302, response.context["adminform"].form.errors
    topic = Topic.objects.get(name="Russia–China relations")
    assert topic.slug == "russia-china-relations" and topic.parent == tree["security"]


def test_the_add_page_has_no_prepopulated_slug_script(client, analyst):
    client.force_login(analyst)
    html = client.get(ADD).content.decode()
    # Django's script is on every admin form; here it is given no field to fill.
    assert 'data-prepopulated-fields="[]"' in html
    assert 'name="slug"' in html


def test_a_given_slug_is_kept_and_a_bad_one_is_shown_next_to_the_field(client, analyst):
    client.force_login(analyst)
    assert client.post(ADD, {"name": "Energy", "slug": "energy-security"}).status_code == 302
    assert Topic.objects.get(name="Energy").slug == "energy-security"
    response = client.post(ADD, {"name": "Gas", "slug": "gas_pipelines"})
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["slug"] and "Lower-case letters" in errors["slug"][0]
    assert not Topic.objects.filter(name="Gas").exists()


def test_a_taken_name_is_an_error_on_the_name(client, analyst, tree):
    client.force_login(analyst)
    response = client.post(ADD, {"name": "Economy", "slug": ""})
    assert response.status_code == 200
    assert "exists already" in response.context["adminform"].form.errors["name"][0]
    assert Topic.objects.filter(name="Economy").count() == 1


def test_renaming_makes_the_slug_again_and_a_cycle_is_refused(client, analyst, tree):
    client.force_login(analyst)
    url = reverse("admin:claims_topic_change", args=[tree["economy"].pk])
    response = client.post(url, {"name": "Economy–energy links", "slug": "economy",
                                 "description": ""})
    assert response.status_code == 302
    assert Topic.objects.get(pk=tree["economy"].pk).slug == "economy-energy-links"
    url = reverse("admin:claims_topic_change", args=[tree["security"].pk])
    response = client.post(url, {"name": "Security", "slug": "security",
                                 "parent": tree["nato"].pk, "description": ""})
    assert "cannot sit under itself" in response.context["adminform"].form.errors["parent"][0]
    assert Topic.objects.get(pk=tree["security"].pk).parent is None


@pytest.mark.parametrize("role", ["editor", "viewer"])
def test_readers_cannot_add_or_change_topics(request, client, role, tree):
    client.force_login(request.getfixturevalue(role))
    html = client.get(CHANGELIST).content.decode()
    assert ADD not in html
    assert client.post(ADD, {"name": "Sanctions"}).status_code == 403
    url = reverse("admin:claims_topic_change", args=[tree["economy"].pk])
    page = client.get(url)
    assert page.status_code == 200 and b'name="_save"' not in page.content
    assert client.post(url, {"name": "Trade", "slug": ""}).status_code == 403
    assert not Topic.objects.filter(name__in=["Sanctions", "Trade"]).exists()


def test_the_claim_lists_topic_filter_still_lists_topics(client, viewer, tree):
    # The topic admin's tree order must not leak into other admins' topic filters.
    client.force_login(viewer)
    assert client.get(reverse("admin:claims_claim_changelist")).status_code == 200
