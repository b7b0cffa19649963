"""The quote review queue (the Quote changelist): its filters, search by speaker name and alias
(never by the article's title), the sentence around each quote, the review buttons and the
confirm / reject / attach URLs by role, the speaker autocomplete, and a fixed number of
queries."""
import json
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from claims.models import Article, Claim, Outlet, Quote, Speaker, SpeakerAlias, Topic
from claims.services import claims as claim_services
from tests.admin.test_article_page import article_with_quotes

pytestmark = pytest.mark.django_db

QUEUE = "/admin/claims/quote/"


def make_quote(article, text, speaker, *, kind="direct", confidence=0.9, cue="said"):
    start = article.body.index(text)
    quote = Quote.objects.create(article=article, start=start, end=start + len(text), text=text,
                                 kind=kind, cue=cue, speaker_name=speaker.name,
                                 confidence=confidence)
    quote.speakers.set([speaker])
    return quote


@pytest.fixture
def world(putin, bolton):
    """Bolton speaking in an article about Putin, and Putin speaking in another."""
    SpeakerAlias.objects.create(speaker=putin, alias="Vladimir Vladimirovich")
    tass = Outlet.objects.create(name="TASS", domain="tass.com")
    post = Outlet.objects.create(name="Washington Post", domain="washingtonpost.com")
    about_putin = Article.objects.create(
        title="Putin's plans worry Washington", outlet=post, language="en",
        published_at=datetime(2023, 3, 1, tzinfo=UTC), content_hash="1" * 64,
        body=("The visit was brief. \"Moscow is testing us again,\" Bolton said on Monday, "
              "standing outside the embassy. He left soon after."))
    by_putin = Article.objects.create(
        title="Kremlin statement", outlet=tass, language="en",
        published_at=datetime(2023, 6, 1, tzinfo=UTC), content_hash="2" * 64,
        body="Earlier remarks were noted. \"We are open to talks,\" Putin told reporters. End.")
    bolton_q = make_quote(about_putin, "\"Moscow is testing us again,\"", bolton,
                          confidence=0.95)
    putin_q = make_quote(by_putin, "\"We are open to talks,\"", putin, kind="indirect",
                         confidence=0.4, cue="told")
    security = Topic.objects.create(name="Security", slug="security")
    talks = Topic.objects.create(name="Talks", slug="talks", parent=security)
    claim = Claim.objects.create(text="We are open to talks")
    claim.topics.set([talks])
    putin_q.claim = claim
    putin_q.save()
    return {"bolton": bolton_q, "putin": putin_q, "tass": tass, "security": security,
            "putin_speaker": putin, "bolton_speaker": bolton}


def listed(client, query="") -> set[int]:
    response = client.get(QUEUE + query)
    assert response.status_code == 200
    return {q.pk for q in response.context["cl"].result_list}


@pytest.fixture
def analyst_client(client, analyst):
    client.force_login(analyst)
    return client


def test_search_finds_the_speaker_by_name_and_alias_not_by_the_article_title(analyst_client,
                                                                              world):
    putin, bolton = world["putin"].pk, world["bolton"].pk
    assert listed(analyst_client, "?q=Putin") == {putin}
    assert listed(analyst_client, "?q=Vladimirovich") == {putin}
    assert listed(analyst_client, "?q=Bolton") == {bolton}
    assert listed(analyst_client, "?q=testing") == {bolton}
    assert listed(analyst_client, "?q=Washington") == set()


def test_filters(analyst_client, world):
    putin, bolton = world["putin"].pk, world["bolton"].pk
    assert listed(analyst_client, f"?speaker={world['putin_speaker'].pk}") == {putin}
    assert listed(analyst_client, "?speaker=Vladimirovich") == {putin}
    assert listed(analyst_client, f"?article__outlet__id__exact={world['tass'].pk}") == {putin}
    # The parent topic finds the quote whose claim has a topic under it.
    assert listed(analyst_client, f"?topic={world['security'].pk}") == {putin}
    assert listed(analyst_client, "?kind__exact=indirect") == {putin}
    assert listed(analyst_client, "?confidence=low") == {putin}
    assert listed(analyst_client, "?confidence=high") == {bolton}
    assert listed(analyst_client, "?review_status__exact=extracted") == {putin, bolton}
    since = "?article__published_at__gte=2023-05-01T00:00:00%2B00:00"
    assert listed(analyst_client, since) == {putin}


def test_the_speaker_filter_shows_the_chosen_speaker_not_every_speaker(analyst_client, world):
    for i in range(20):
        Speaker.objects.create(name=f"Someone Else {i}")
    content = analyst_client.get(QUEUE).content.decode()
    assert 'id="filter-speaker"' in content and "Someone Else" not in content
    content = analyst_client.get(QUEUE + f"?speaker={world['putin_speaker'].pk}").content.decode()
    assert "Vladimir Putin" in content and "Someone Else" not in content


def test_each_row_shows_the_sentence_around_its_quote(analyst_client, world):
    content = analyst_client.get(QUEUE).content.decode()
    assert ('<span class="quote-context"><mark class="quote-text">&quot;Moscow is testing us '
            'again,&quot;</mark> Bolton said on Monday, standing outside the embassy.</span>'
            in content)
    assert ('<span class="quote-context"><mark class="quote-text">&quot;We are open to talks,'
            '&quot;</mark> Putin told reporters.</span>') in content


def test_the_context_is_the_sentence_before_and_after(analyst_client, putin):
    article = Article.objects.create(
        title="t", language="en", content_hash="3" * 64,
        body="One sentence here. Then Putin said that \"we never lied\" to anyone. Another.")
    make_quote(article, "\"we never lied\"", putin)
    content = analyst_client.get(QUEUE).content.decode()
    assert ('<span class="quote-context">Then Putin said that <mark class="quote-text">'
            '&quot;we never lied&quot;</mark> to anyone.</span>') in content


@pytest.mark.parametrize("role, buttons", [("analyst", True), ("editor", False),
                                           ("viewer", False)])
def test_review_buttons_and_key_hint_by_role(client, request, world, role, buttons):
    client.force_login(request.getfixturevalue(role))
    content = client.get(QUEUE).content.decode()
    confirm = reverse("admin:claims_quote_confirm", args=[world["putin"].pk])
    assert (f'data-url="{confirm}"' in content) is buttons
    assert ('id="review-keys"' in content) is buttons
    assert ('value="confirm"' in content) is buttons  # the bulk action


def test_an_analyst_confirms_and_rejects_one_quote_as_json(analyst_client, analyst, world):
    quote = world["putin"]
    response = analyst_client.post(reverse("admin:claims_quote_confirm", args=[quote.pk]),
                                   HTTP_ACCEPT="application/json")
    data = json.loads(response.content)
    assert response.status_code == 200 and data["review_status"] == "confirmed"
    assert "Confirmed" in data["status_html"]
    quote.refresh_from_db()
    assert quote.review_status == Quote.Review.CONFIRMED and quote.reviewed_by == analyst
    assert quote.history.latest().history_user == analyst
    response = analyst_client.post(reverse("admin:claims_quote_reject", args=[quote.pk]),
                                   HTTP_ACCEPT="application/json")
    assert json.loads(response.content)["review_status"] == "rejected"
    quote.refresh_from_db()
    assert quote.review_status == Quote.Review.REJECTED and quote.claim_id is None


def test_a_missing_quote_is_a_json_error_not_a_crash(analyst_client, world):
    response = analyst_client.post(reverse("admin:claims_quote_confirm", args=[999999]),
                                   HTTP_ACCEPT="application/json")
    assert response.status_code == 400 and "No quote #999999" in json.loads(
        response.content)["error"]


def test_confirm_and_reject_take_only_post(analyst_client, world):
    url = reverse("admin:claims_quote_confirm", args=[world["putin"].pk])
    assert analyst_client.get(url).status_code == 405
    world["putin"].refresh_from_db()
    assert world["putin"].review_status == Quote.Review.EXTRACTED


@pytest.mark.parametrize("role", ["editor", "viewer"])
@pytest.mark.parametrize("name", ["admin:claims_quote_confirm", "admin:claims_quote_reject",
                                  "admin:claims_quote_attach"])
def test_posts_are_refused_by_role(client, request, world, role, name):
    client.force_login(request.getfixturevalue(role))
    quote = world["bolton"]
    other = Claim.objects.create(text="x")
    response = client.post(reverse(name, args=[quote.pk]), {"claim": other.pk},
                           HTTP_ACCEPT="application/json")
    assert response.status_code == 403
    quote.refresh_from_db()
    assert quote.review_status == Quote.Review.EXTRACTED and quote.claim_id is None


def test_an_outsider_is_sent_to_the_login(client, outsider, world):
    client.force_login(outsider)
    response = client.post(reverse("admin:claims_quote_confirm", args=[world["bolton"].pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]
    world["bolton"].refresh_from_db()
    assert world["bolton"].review_status == Quote.Review.EXTRACTED


def test_the_speaker_autocomplete_finds_aliases(analyst_client, world):
    response = analyst_client.get("/admin/autocomplete/", {
        "app_label": "claims", "model_name": "quote", "field_name": "speakers",
        "term": "Vladimirovich"})
    assert response.status_code == 200
    names = [r["text"] for r in json.loads(response.content)["results"]]
    assert names == ["Vladimir Putin"]


def test_the_quote_page_offers_similar_claims_of_the_same_speaker_first(analyst_client, analyst,
                                                                         world, putin, bolton):
    quote = world["bolton"]
    own = claim_services.claim_create(text="Moscow is testing us", user=analyst,
                                      speaker_ids=[bolton.pk])
    claim_services.claim_create(text="Moscow is testing the alliance again", user=analyst,
                                speaker_ids=[putin.pk])
    unrelated = claim_services.claim_create(text="Sanctions will follow soon", user=analyst,
                                            speaker_ids=[bolton.pk])
    response = analyst_client.get(reverse("admin:claims_quote_change", args=[quote.pk]))
    similar = response.context["similar_claims"]
    assert similar[0][0] == own and similar[0][2] is True
    assert unrelated not in [c for c, _, _ in similar]
    content = response.content.decode()
    assert 'class="button attach-button"' in content
    assert f'href="{reverse("admin:claims_claim_add")}?from_quote={quote.pk}"' in content
    assert (f'href="{reverse("admin:claims_article_change", args=[quote.article_id])}'
            f'#quote-{quote.pk}"') in content

    response = analyst_client.post(reverse("admin:claims_quote_attach", args=[quote.pk]),
                                   {"claim": own.pk})
    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.claim == own and quote.claim_pinned
    assert quote.history.latest().history_user == analyst


def test_a_viewer_sees_the_quote_page_without_buttons(client, viewer, world):
    client.force_login(viewer)
    quote = world["bolton"]
    content = client.get(reverse("admin:claims_quote_change", args=[quote.pk])).content.decode()
    assert "attach-button" not in content and "New claim from this quote" not in content
    assert reverse("admin:claims_quote_confirm", args=[quote.pk]) not in content


def test_the_changelist_runs_the_same_queries_for_3_and_30_quotes(
        analyst_client, django_assert_max_num_queries):
    article_with_quotes(3)

    def count(query=""):
        # 10 today: session, user, counts, the page of quotes, their speakers, the filters.
        with django_assert_max_num_queries(14) as captured:
            response = analyst_client.get(QUEUE + query)
        assert response.status_code == 200
        return len(captured), len(response.context["cl"].result_list)

    small, rows = count()
    small_search, found = count("?q=Speaker")
    assert rows == found == 3
    article_with_quotes(30)
    large, rows = count()
    large_search, found = count("?q=Speaker")
    assert rows == found == 33
    assert small == large and small_search == large_search


def test_confirming_every_search_result_confirms_those_quotes_only(analyst_client, world):
    """The search's id list is bound as one array; an action over all results (select across)
    and a subquery built on it still see exactly the matching quotes."""
    from claims.selectors.quotes import queue_search

    matching = queue_search(Quote.objects.all(), "Bolton")
    assert set(Quote.objects.filter(pk__in=matching.values("pk")).values_list(
        "pk", flat=True)) == {world["bolton"].pk}
    response = analyst_client.post(QUEUE + "?q=Bolton", {
        "action": "confirm", "select_across": "1", "index": "0",
        "_selected_action": [world["bolton"].pk]})
    assert response.status_code == 302
    statuses = dict(Quote.objects.values_list("pk", "review_status"))
    assert statuses == {world["bolton"].pk: Quote.Review.CONFIRMED,
                        world["putin"].pk: Quote.Review.EXTRACTED}


def test_the_queue_is_titled_as_what_it_is(client, analyst, world):
    client.force_login(analyst)
    content = client.get(QUEUE).content.decode()
    assert "<h1>Review queue</h1>" in content and "<title>Review queue |" in content
    assert "Select quote to change" not in content
