"""Admin pages whose queries must not grow with the data: the history pages (one query per
record and tracked M2M field before, for the diffs) and the changelists' sidebar filters (one
query per topic before, as a topic's name reads its parents)."""
import html

import pytest
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from claims.models import Article, Outlet, Quote, Topic
from claims.services.claims import claim_create, claim_edit
from claims.services.quotes import quote_edit
from claims.services.relations import relation_confirm, relation_create, relation_reject
from claims.services.speakers import speaker_edit
from tests.admin.conftest import article_text
from tests.admin.test_history import history_rows

pytestmark = pytest.mark.django_db

PAGE_LIMIT = 20  # far above what any of these pages needs, far below 3 queries x 30 records


@pytest.fixture
def analyst_client(client, analyst):
    client.force_login(analyst)
    return client


@pytest.fixture
def tree(db):
    """Three levels, so a topic's name reads its parent and its grandparent."""
    security = Topic.objects.create(name="Security", slug="security")
    alliances = Topic.objects.create(name="Alliances", slug="alliances", parent=security)
    nato = Topic.objects.create(name="NATO", slug="nato", parent=alliances)
    trade = Topic.objects.create(name="Trade", slug="trade")
    return [nato, alliances, trade]


def page_queries(client, url, assert_max):
    # The admin caches content types per process: each measured page pays for them alike.
    ContentType.objects.clear_cache()
    with assert_max(PAGE_LIMIT) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


def history_queries(client, obj, assert_max):
    url = reverse(f"admin:claims_{obj._meta.model_name}_history", args=[obj.pk])
    count, response = page_queries(client, url, assert_max)
    return count, len(response.context["page_obj"].object_list), response.content.decode()


def edit_claim_until(claim, user, records, speakers, topics):
    """Claim edits that change the wording, speakers and topics in turn, up to `records`."""
    i = claim.history.count()
    while claim.history.count() < records:
        claim_edit(claim_id=claim.pk, user=user, text=f"There is no alliance, take {i}.",
                   speaker_ids=[speakers[i % len(speakers)].pk],
                   topic_ids=[t.pk for t in topics[:1 + i % len(topics)]])
        i += 1


def test_a_claims_history_runs_the_same_queries_for_3_and_30_records(
        analyst_client, analyst, putin, bolton, tree, django_assert_max_num_queries):
    claim = claim_create(text="There is no alliance.", user=analyst, speaker_ids=[putin.pk])
    edit_claim_until(claim, analyst, 3, [putin, bolton], tree)
    small, shown, _ = history_queries(analyst_client, claim, django_assert_max_num_queries)
    assert shown >= 3
    edit_claim_until(claim, analyst, 30, [putin, bolton], tree)
    large, shown, content = history_queries(analyst_client, claim, django_assert_max_num_queries)
    assert shown >= 30
    assert small == large
    # The diffs are still there, topics named with all their parents.
    changes = [html.unescape(row[5]) for row in history_rows(analyst_client, "claim", claim.pk)]
    assert "Speakers: [] → [John Bolton]" in changes
    assert ("Topics: [Security > Alliances > NATO] → "
            "[Security > Alliances, Security > Alliances > NATO]") in changes
    assert ("Topics: [Security > Alliances, Security > Alliances > NATO, Trade] → "
            "[Security > Alliances > NATO]") in changes
    assert changes[-1] == "created"


def make_quote(speaker):
    title, body = article_text(1)
    article = Article.objects.create(title=title, body=body, url="https://example.org/a")
    text = "We cooperate openly, and we keep nothing secret,"
    start = body.index(text)
    quote = Quote.objects.create(article=article, start=start, end=start + len(text), text=text,
                                 speaker_name=speaker.name, cue="said")
    quote.speakers.set([speaker])
    return quote


def edit_quote_until(quote, user, records, speakers):
    i = quote.history.count()
    while quote.history.count() < records:
        quote_edit(quote_id=quote.pk, user=user, cue=f"told {i}",
                   speaker_ids=[speakers[i % len(speakers)].pk])
        i += 1


def test_a_quotes_history_runs_the_same_queries_for_3_and_30_records(
        analyst_client, analyst, putin, bolton, django_assert_max_num_queries):
    quote = make_quote(putin)
    edit_quote_until(quote, analyst, 3, [bolton, putin])
    small, shown, _ = history_queries(analyst_client, quote, django_assert_max_num_queries)
    assert shown >= 3
    edit_quote_until(quote, analyst, 30, [bolton, putin])
    large, shown, content = history_queries(analyst_client, quote, django_assert_max_num_queries)
    assert shown >= 30
    assert small == large
    changes = [row[5] for row in history_rows(analyst_client, "quote", quote.pk)]
    assert "Speakers: [John Bolton] → []" in changes
    assert "Speakers: [] → [Vladimir Putin]" in changes
    assert changes[-1] == "created"


def decide_until(relation, users, records):
    i = relation.history.count()
    while relation.history.count() < records:
        decide = relation_reject if i % 2 else relation_confirm
        decide(relation_id=relation.pk, user=users[i % len(users)])
        i += 1


@pytest.fixture
def second_analyst(analyst):
    user = User.objects.create_user(username="alan", password="alan-pw-for-tests")
    user.groups.set(analyst.groups.all())
    return user


def test_a_relations_history_runs_the_same_queries_for_3_and_30_records(
        analyst_client, analyst, second_analyst, putin, bolton, django_assert_max_num_queries):
    said = claim_create(text="There is no alliance.", user=analyst, speaker_ids=[putin.pk])
    denied = claim_create(text="There is an alliance.", user=analyst, speaker_ids=[bolton.pk])
    relation = relation_create(from_claim_id=said.pk, to_claim_id=denied.pk,
                               type="contradicts", user=analyst)
    decide_until(relation, [second_analyst, analyst], 3)
    small, shown, _ = history_queries(analyst_client, relation, django_assert_max_num_queries)
    assert shown == 3
    decide_until(relation, [second_analyst, analyst], 30)
    large, shown, _ = history_queries(analyst_client, relation, django_assert_max_num_queries)
    assert shown == 30
    assert small == large
    changes = [row[5] for row in history_rows(analyst_client, "claimrelation", relation.pk)]
    # Each record names who decided, from the same queries.
    assert any("Decided by: anna → alan Status: rejected → confirmed" in c for c in changes)
    assert any("Decided by: alan → anna Status: confirmed → rejected" in c for c in changes)


def test_a_speakers_history_runs_the_same_queries_for_3_and_30_records(
        analyst_client, analyst, putin, django_assert_max_num_queries):
    def edit_until(records):
        while putin.history.count() < records:
            speaker_edit(speaker_id=putin.pk, user=analyst,
                         description=f"President, take {putin.history.count()}")

    edit_until(3)
    small, shown, _ = history_queries(analyst_client, putin, django_assert_max_num_queries)
    assert shown == 3
    edit_until(30)
    large, shown, _ = history_queries(analyst_client, putin, django_assert_max_num_queries)
    assert shown == 30
    assert small == large
    changes = [row[5] for row in history_rows(analyst_client, "speaker", putin.pk)]
    assert changes[0] == "Description: President, take 28 → President, take 29"


def add_topics(count):
    """Topics in chains four deep (a > b > c > d): a name may read three parents."""
    made = Topic.objects.count()
    parent = None
    for i in range(made, made + count):
        parent = Topic.objects.create(name=f"Topic {i:02}", slug=f"topic-{i:02}",
                                      parent=parent if i % 4 else None)


def add_outlets(count):
    made = Outlet.objects.count()
    for i in range(made, made + count):
        outlet = Outlet.objects.create(name=f"Outlet {i:02}", domain=f"outlet{i:02}.example")
        Article.objects.create(title=f"Article {i}", body=f"Body {i}.", outlet=outlet,
                               content_hash=f"{i:064}", language="en")


CHANGELISTS = ["claims_claim", "claims_quote", "claims_claimrelation", "claims_speaker",
               "claims_article"]


@pytest.mark.parametrize("changelist", CHANGELISTS)
def test_the_changelist_sidebars_run_the_same_queries_for_3_and_40_topics_and_outlets(
        analyst_client, changelist, django_assert_max_num_queries):
    url = reverse(f"admin:{changelist}_changelist")
    add_topics(3)
    add_outlets(3)
    small, _ = page_queries(analyst_client, url, django_assert_max_num_queries)
    add_topics(37)
    add_outlets(37)
    large, response = page_queries(analyst_client, url, django_assert_max_num_queries)
    assert small == large


def test_the_claim_topic_filter_names_each_topic_with_its_parents(analyst_client, tree):
    response = analyst_client.get(reverse("admin:claims_claim_changelist"))
    (spec,) = [s for s in response.context["cl"].filter_specs if s.title == "topics"]
    shown = [choice["display"] for choice in spec.choices(response.context["cl"])]
    # In tree order: each parent before its children.
    assert shown == ["All", "Security", "Security > Alliances", "Security > Alliances > NATO",
                     "Trade", "-"]
