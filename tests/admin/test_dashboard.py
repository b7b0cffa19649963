"""The dashboard on the admin index: what waits for each role, in a fixed number of queries."""
import pytest
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Claim, ClaimRelation, Feed, Quote
from claims.services.quotes import quote_confirm
from claims.services.relations import RelationSpec, relations_suggest
from tests.admin.conftest import article_text

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")


def make_claims(n: int, offset: int = 0) -> list[Claim]:
    return [Claim.objects.create(text=f"Claim number {offset + k}: there is no alliance.")
            for k in range(n)]


def make_relations(claims: list[Claim]) -> None:
    relations_suggest(specs=[RelationSpec(a.pk, b.pk, "supports", {"rule": "test"})
                             for a, b in zip(claims, claims[1:], strict=False)])


def make_failing_feeds(n: int, offset: int = 0) -> None:
    for k in range(n):
        Feed.objects.create(url=f"https://news.example.com/{offset + k}.rss",
                            consecutive_failures=k + 1, last_status="error",
                            last_error=f"HTTP 503 Service Unavailable ({offset + k})")


def index(client):
    response = client.get(INDEX)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def pasted(editor_client, django_capture_on_commit_callbacks):
    title, body = article_text(1)
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(reverse("admin:claims_importrun_paste"),
                           {"title": title, "body": body})


def test_it_shows_each_section_with_counts_and_links(client, analyst, pasted):
    quotes = list(Quote.objects.all())
    assert len(quotes) >= 3
    quote_confirm(quote_id=quotes[0].pk, user=analyst)
    claims = make_claims(3)
    make_relations(claims)
    ClaimRelation.objects.filter(pk=ClaimRelation.objects.first().pk).update(status="confirmed")
    make_failing_feeds(2)
    Feed.objects.create(url="https://news.example.com/fine.rss")

    client.force_login(analyst)
    response = client.get(INDEX)
    content = response.content.decode()

    queue = reverse("admin:claims_quote_changelist") + "?review_status__exact=extracted"
    assert f'<a href="{queue}">{len(quotes) - 1}</a>' in content
    relations = reverse("admin:claims_claimrelation_changelist") + "?status__exact=suggested"
    assert f'<a href="{relations}">1</a>' in content
    feeds = reverse("admin:claims_feed_changelist") + "?health=failing"
    assert f'<a href="{feeds}">2</a>' in content
    assert "HTTP 503 Service Unavailable (1)" in content
    for claim in claims:
        assert reverse("admin:claims_claim_change", args=[claim.pk]) in content
    # The usual list of models follows.
    assert 'id="content-main"' in content
    # The link really is the queue of quotes waiting.
    listed = client.get(queue)
    assert listed.context["cl"].result_count == len(quotes) - 1


def test_every_role_lands_on_it_and_changes_nothing_from_it(client, editor, analyst, viewer):
    make_failing_feeds(1)
    for user in (editor, analyst, viewer):
        client.force_login(user)
        content = index(client)
        assert 'id="claims-dashboard"' in content
        assert 'id="dashboard-feeds"' in content
        dashboard = content.split('id="claims-dashboard"')[1].split('id="content-main"')[0]
        assert "<form" not in dashboard and "<button" not in dashboard


def test_a_section_shows_only_for_a_user_who_may_view_its_model(client):
    user = User.objects.create_user("fiona", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_feed"))
    make_failing_feeds(1)
    make_claims(2)
    client.force_login(user)
    content = index(client)

    assert 'id="dashboard-feeds"' in content
    for section in ("dashboard-claims", "dashboard-review", "dashboard-relations"):
        assert f'id="{section}"' not in content


def test_a_user_outside_every_role_gets_no_dashboard(client, outsider):
    outsider.is_staff = True
    outsider.save()
    client.force_login(outsider)
    assert 'id="claims-dashboard"' not in index(client)


def test_the_dashboard_takes_as_many_queries_for_30_rows_as_for_3(client, analyst):
    make_relations(make_claims(3))
    make_failing_feeds(3)
    client.force_login(analyst)
    index(client)
    with CaptureQueriesContext(connection) as few:
        index(client)
    make_relations(make_claims(30, offset=100))
    make_failing_feeds(30, offset=100)
    with CaptureQueriesContext(connection) as many:
        content = index(client)

    assert len(many) == len(few)
    relations = reverse("admin:claims_claimrelation_changelist") + "?status__exact=suggested"
    assert f'<a href="{relations}">31</a>' in content
    feeds = reverse("admin:claims_feed_changelist") + "?health=failing"
    assert f'<a href="{feeds}">33</a>' in content


def test_the_dashboard_stays_within_a_fixed_query_budget(client, analyst,
                                                         django_assert_max_num_queries):
    make_relations(make_claims(10))
    make_failing_feeds(10)
    client.force_login(analyst)
    with django_assert_max_num_queries(14):
        index(client)


def test_a_suggested_relation_is_named_by_its_claims_words(client, analyst):
    said, answered = (Claim.objects.create(text="Moscow is not forming an alliance with Beijing"),
                      Claim.objects.create(text="An axis of Russia and China is a real problem"))
    relations_suggest(specs=[RelationSpec(said.pk, answered.pk, "denies", {"rule": "test"})])
    client.force_login(analyst)
    content = index(client)
    card = content.split('id="dashboard-relations"')[1].split("</section>")[0]
    assert ("“Moscow is not forming an alliance with Beijing” <strong>denies</strong> "
            "“An axis of Russia and China is a real problem”") in card
    assert f"#{said.pk} denies #{answered.pk}" not in card
