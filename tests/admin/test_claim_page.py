"""The claim page: appearances, relations both ways, one-click decisions by role, a claim made
from a quote, the merge form and the relation form's errors, and fixed query counts."""
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Claim, ClaimAssessment, ClaimMergeSuggestion, ClaimRelation, Quote
from claims.services import assessments
from claims.services import relations as relation_services
from tests.services.conftest import article, quote, reported

pytestmark = pytest.mark.django_db


def change_url(claim_id):
    return reverse("admin:claims_claim_change", args=[claim_id])


def text_of(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.fixture
def pair(putin, bolton):
    """Bolton's claim and Putin's denial of it, in two outlets."""
    return (reported(bolton, "such an axis could pose a real problem for the West",
                     outlet="Reuters", day=2),
            reported(putin, "no military alliance with China exists", outlet="TASS", day=3))


def relate(a, b, type="denies", status="suggested"):
    return ClaimRelation.objects.create(from_claim_id=a.claim_id, to_claim_id=b.claim_id,
                                        type=type, status=status)


def test_the_page_shows_appearances_and_relations_both_ways(client, analyst, pair, putin):
    axis, denial = pair
    again = quote(article("Putin said that no military alliance with China exists. More.",
                          outlet="RIA", day=5), "no military alliance with China exists",
                  putin)
    assert again.claim_id == denial.claim_id
    relate(denial, axis, status="confirmed")
    client.force_login(analyst)
    response = client.get(change_url(axis.claim_id))
    assert response.status_code == 200
    page = text_of(response)
    # The incoming relation: Putin's claim denies this one.
    assert re.search(rf"#{denial.claim_id} no military alliance with China exists denies this "
                     r"claim Confirmed", page), page[:3000]
    response = client.get(change_url(denial.claim_id))
    page, html = text_of(response), response.content.decode()
    assert "Appearances (2)" in page
    assert "This claim denies" in page
    for q in (denial, again):
        assert f'href="/admin/claims/article/{q.article_id}/change/#quote-{q.pk}"' in html
    assert "TASS" in page and "RIA" in page and "2023-03-03" in page and "2023-03-05" in page
    assert (f'href="{reverse("admin:claims_claim_graph")}?claim={denial.claim_id}"' in html)


def test_the_page_shows_the_assessment_and_its_history(client, analyst, pair):
    axis, _ = pair
    made = assessments.assessment_create(claim_id=axis.claim_id, user=analyst, rating=2,
                                         rationale="No treaty was signed.")
    assessments.assessment_update(assessment_id=made.pk, user=analyst, rating=1)
    client.force_login(analyst)
    page = text_of(client.get(change_url(axis.claim_id)))
    assert "False by anna" in page and "No treaty was signed." in page
    history = page[page.index("History"):]
    assert "Changed False" in history and "Created Mostly false" in history


@pytest.mark.parametrize("decision, status", [("confirm", "confirmed"), ("reject", "rejected")])
def test_an_analyst_decides_a_suggested_relation_in_one_click(client, analyst, pair, decision,
                                                              status):
    axis, denial = pair
    relation = relate(denial, axis)
    client.force_login(analyst)
    page = client.get(change_url(axis.claim_id)).content.decode()
    url = reverse("admin:claims_claim_relation_decide", args=[axis.claim_id, relation.pk,
                                                              decision])
    assert f'action="{url}"' in page
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == change_url(axis.claim_id)
    relation.refresh_from_db()
    assert (relation.status, relation.decided_by) == (status, analyst)
    assert relation.history.latest().history_user == analyst


def test_a_suggested_relation_is_listed_once_until_it_is_confirmed(client, analyst, pair):
    axis, denial = pair
    relation = relate(denial, axis)
    client.force_login(analyst)
    page = client.get(change_url(axis.claim_id)).content.decode()
    assert f'id="suggested-relation-{relation.pk}"' in page
    assert f'id="relation-{relation.pk}"' not in page
    client.post(reverse("admin:claims_claim_relation_decide",
                        args=[axis.claim_id, relation.pk, "confirm"]))
    page = client.get(change_url(axis.claim_id)).content.decode()
    assert f'id="relation-{relation.pk}"' in page
    assert f'id="suggested-relation-{relation.pk}"' not in page


@pytest.mark.parametrize("role", ["editor", "viewer"])
def test_others_see_no_button_and_get_403(client, request, pair, role):
    axis, denial = pair
    relation = relate(denial, axis)
    low, high = sorted([axis.claim_id, denial.claim_id])
    suggestion = ClaimMergeSuggestion.objects.create(claim_id=low, other_id=high, score=0.8)
    client.force_login(request.getfixturevalue(role))
    response = client.get(change_url(axis.claim_id))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Suggested relations (1)" in text_of(response)
    panels = page.split('class="claim-panels"')[1]
    assert "<form" not in panels and "<button" not in panels
    assert 'name="_save"' not in page and 'id="merge-form"' not in page
    urls = [reverse("admin:claims_claim_relation_decide", args=[axis.claim_id, relation.pk, d])
            for d in ("confirm", "reject")]
    urls += [reverse("admin:claims_claim_merge_suggestion_decide",
                     args=[axis.claim_id, suggestion.pk, d]) for d in ("confirm", "reject")]
    urls.append(reverse("admin:claims_claim_merge", args=[axis.claim_id]))
    for url in urls:
        assert client.post(url, {"target": denial.claim_id}).status_code == 403, url
    relation.refresh_from_db()
    suggestion.refresh_from_db()
    assert relation.status == "suggested" and suggestion.status == "suggested"
    assert Claim.objects.filter(pk__in=[axis.claim_id, denial.claim_id]).count() == 2


def test_an_outsider_gets_no_page(client, outsider, pair):
    outsider.is_staff = True
    outsider.save()
    client.force_login(outsider)
    assert client.get(change_url(pair[0].claim_id)).status_code == 403


def test_a_decision_on_a_relation_of_another_claim_is_404(client, analyst, pair, putin):
    axis, denial = pair
    third = reported(putin, "sanctions will not work", day=9)
    relation = relate(denial, third)
    client.force_login(analyst)
    url = reverse("admin:claims_claim_relation_decide", args=[axis.claim_id, relation.pk,
                                                              "confirm"])
    assert client.post(url).status_code == 404
    assert client.get(url).status_code == 405
    relation.refresh_from_db()
    assert relation.status == "suggested"


def test_a_merge_suggestion_confirmed_in_one_click_merges(client, analyst, putin):
    said = []
    for words, day in (("no military alliance exists", 1), ("no alliance exists at all", 4)):
        claim = Claim.objects.create(text=words, speaker_key=str(putin.pk))
        said.append(quote(article(f"Putin said that {words}. Quiet.", day=day), words, putin,
                          group=False, claim=claim))
    first, second = said
    low, high = sorted([first.claim_id, second.claim_id])
    suggestion = ClaimMergeSuggestion.objects.create(claim_id=low, other_id=high, score=0.8)
    client.force_login(analyst)
    url = reverse("admin:claims_claim_merge_suggestion_decide", args=[high, suggestion.pk,
                                                                      "confirm"])
    assert f'action="{url}"' in client.get(change_url(high)).content.decode()
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == change_url(low)
    assert not Claim.objects.filter(pk=high).exists()
    assert set(Quote.objects.filter(pk__in=[first.pk, second.pk])
               .values_list("claim_id", flat=True)) == {low}


def test_a_merge_suggestion_rejected_in_one_click(client, analyst, pair):
    low, high = sorted([pair[0].claim_id, pair[1].claim_id])
    suggestion = ClaimMergeSuggestion.objects.create(claim_id=low, other_id=high, score=0.7)
    client.force_login(analyst)
    client.post(reverse("admin:claims_claim_merge_suggestion_decide",
                        args=[low, suggestion.pk, "reject"]))
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.decided_by) == ("rejected", analyst)
    assert "Same claim? (0)" in text_of(client.get(change_url(low)))


# --- merge form -------------------------------------------------------------------------------
def test_the_merge_form_merges_into_the_chosen_claim(client, analyst, pair):
    axis, denial = pair
    client.force_login(analyst)
    assert 'id="merge-form"' in client.get(change_url(axis.claim_id)).content.decode()
    merge_url = reverse("admin:claims_claim_merge", args=[axis.claim_id])
    # The first POST asks: both claims named, nothing merged yet.
    asked = client.post(merge_url, {"target": denial.claim_id})
    assert asked.status_code == 200
    text = text_of(asked)
    assert f"Merge claim #{axis.claim_id}" in text and f"into claim #{denial.claim_id}" in text
    assert "cannot be undone" in text and 'id="merge-confirm"' in asked.content.decode()
    assert Claim.objects.filter(pk=axis.claim_id).exists()
    response = client.post(merge_url, {"target": denial.claim_id, "confirmed": "yes"})
    assert response.status_code == 302 and response.url == change_url(denial.claim_id)
    assert not Claim.objects.filter(pk=axis.claim_id).exists()
    assert Quote.objects.get(pk=axis.pk).claim_id == denial.claim_id


def test_a_merged_claims_address_leads_to_where_it_went(client, analyst, pair, viewer):
    axis, denial = pair
    client.force_login(analyst)
    client.post(reverse("admin:claims_claim_merge", args=[axis.claim_id]),
                {"target": denial.claim_id, "confirmed": "yes"})
    for user in (analyst, viewer):
        client.force_login(user)
        response = client.get(change_url(axis.claim_id), follow=True)
        assert response.redirect_chain == [(change_url(denial.claim_id), 302)]
        assert (f"Claim #{axis.claim_id} was merged into claim #{denial.claim_id} by "
                f"{analyst.username}") in text_of(response)
    # A claim that never existed is still "doesn't exist".
    missing = client.get(change_url(999999), follow=True)
    assert "doesn’t exist" in text_of(missing) or "doesn't exist" in text_of(missing)


def test_merging_a_claim_into_itself_is_an_error_next_to_the_field(client, analyst, pair):
    axis, _ = pair
    client.force_login(analyst)
    response = client.post(reverse("admin:claims_claim_merge", args=[axis.claim_id]),
                           {"target": axis.claim_id})
    assert response.status_code == 200
    assert response.context["form"].errors == {"target": ["A claim cannot be merged into itself."]}
    assert "A claim cannot be merged into itself." in text_of(response)
    assert Claim.objects.filter(pk=axis.claim_id).exists()


# --- relation form ----------------------------------------------------------------------------
def _relation_post(client, a, b, type="denies"):
    return client.post(reverse("admin:claims_claimrelation_add"),
                       {"from_claim": a, "to_claim": b, "type": type, "note": ""})


def test_a_relation_to_itself_is_an_error_next_to_the_field(client, analyst, pair):
    axis, _ = pair
    client.force_login(analyst)
    response = _relation_post(client, axis.claim_id, axis.claim_id)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "to_claim": ["A claim cannot be related to itself."]}
    assert not ClaimRelation.objects.exists()


@pytest.mark.parametrize("first, second", [("denies", "denies"), ("supports", "supports")])
def test_a_duplicate_relation_is_an_error_next_to_the_field(client, analyst, pair, first,
                                                            second):
    axis, denial = pair
    relation_services.relation_create(from_claim_id=denial.claim_id, to_claim_id=axis.claim_id,
                                      type=first, user=analyst)
    client.force_login(analyst)
    # "supports" reads the same both ways: the reversed pair is a duplicate too.
    a, b = ((denial, axis) if first == "denies" else (axis, denial))
    response = _relation_post(client, a.claim_id, b.claim_id, second)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["to_claim"] and "already" in errors["to_claim"][0]
    assert ClaimRelation.objects.count() == 1


def test_a_relation_made_in_the_form_is_confirmed_by_the_analyst(client, analyst, pair):
    axis, denial = pair
    client.force_login(analyst)
    response = _relation_post(client, denial.claim_id, axis.claim_id)
    assert response.status_code == 302
    relation = ClaimRelation.objects.get()
    assert (relation.status, relation.created_by, relation.decided_by) == (
        "confirmed", analyst, analyst)


# --- a claim from a quote ---------------------------------------------------------------------
def test_the_add_form_is_filled_in_from_the_quote(client, analyst, putin):
    said = reported(putin, "no military alliance with China exists", outlet="TASS", day=3)
    client.force_login(analyst)
    response = client.get(reverse("admin:claims_claim_add") + f"?from_quote={said.pk}")
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.initial["text"] == "no military alliance with China exists"
    assert form.initial["speakers"] == [putin.pk]
    page = text_of(response)
    assert f"From quote #{said.pk}" in page and "TASS" in page and "3 Mar 2023" in page
    assert f'href="/admin/claims/article/{said.article_id}/change/#quote-{said.pk}"' in (
        response.content.decode())


def test_saving_the_form_makes_the_claim_from_the_quote(client, analyst, putin, db):
    from claims.models import Topic

    said = reported(putin, "no military alliance with China exists", outlet="TASS", day=3)
    old_claim = said.claim_id
    topic = Topic.objects.create(name="Alliances", slug="alliances")
    client.force_login(analyst)
    url = reverse("admin:claims_claim_add") + f"?from_quote={said.pk}"
    response = client.post(url, {"text": "Russia and China have no military alliance",
                                 "speakers": [putin.pk], "topics": [topic.pk]})
    assert response.status_code == 302, text_of(response)[:2000]
    said.refresh_from_db()
    claim = said.claim
    assert claim.pk != old_claim and said.claim_pinned
    assert claim.text == "Russia and China have no military alliance" and claim.wording_by_analyst
    assert claim.created_by == analyst and list(claim.speakers.all()) == [putin]
    assert list(claim.topics.all()) == [topic]
    assert claim.first_seen == said.article.published_at == claim.last_seen
    assert claim.history.earliest().history_user == analyst
    assert not Claim.objects.filter(pk=old_claim).exists()  # it held only that quote


def test_the_quotes_own_wording_is_not_marked_as_the_analysts(client, analyst, putin):
    said = reported(putin, "no military alliance with China exists")
    client.force_login(analyst)
    client.post(reverse("admin:claims_claim_add") + f"?from_quote={said.pk}",
                {"text": "no military alliance with China exists", "speakers": [putin.pk]})
    said.refresh_from_db()
    assert said.claim.created_by == analyst and not said.claim.wording_by_analyst


def test_speakers_changed_on_the_form_are_kept(client, analyst, putin, bolton):
    said = reported(putin, "no military alliance with China exists")
    client.force_login(analyst)
    response = client.post(reverse("admin:claims_claim_add") + f"?from_quote={said.pk}",
                           {"text": "no military alliance with China exists",
                            "speakers": [putin.pk, bolton.pk]})
    assert response.status_code == 302
    said.refresh_from_db()
    assert set(said.claim.speakers.all()) == {putin, bolton}
    assert said.claim.speaker_key == "-".join(str(p) for p in sorted([putin.pk, bolton.pk]))


@pytest.mark.parametrize("url, fields", [
    ("admin:claims_claim_add", ["created_by"]),
    ("admin:claims_claimrelation_add", ["created_by", "decided_by", "status"]),
    ("admin:claims_claimassessment_add", ["reviewer"]),
])
def test_who_did_it_is_never_a_dropdown(client, analyst, url, fields):
    client.force_login(analyst)
    page = client.get(reverse(url)).content.decode()
    assert 'name="_save"' in page
    for name in fields:
        assert f'name="{name}"' not in page


def test_a_rejected_quote_makes_no_claim(client, analyst, putin):
    said = reported(putin, "no military alliance with China exists")
    Quote.objects.filter(pk=said.pk).update(review_status=Quote.Review.REJECTED, claim=None)
    before = Claim.objects.count()
    client.force_login(analyst)
    shown = client.get(reverse("admin:claims_claim_add") + f"?from_quote={said.pk}")
    assert "This quote was rejected" in text_of(shown)
    response = client.post(reverse("admin:claims_claim_add") + f"?from_quote={said.pk}",
                           {"text": "anything", "speakers": [putin.pk]})
    assert response.status_code == 200
    assert "was rejected" in text_of(response)
    assert Claim.objects.count() == before


def test_a_viewer_cannot_make_a_claim_from_a_quote(client, viewer, putin):
    said = reported(putin, "no military alliance with China exists")
    client.force_login(viewer)
    url = reverse("admin:claims_claim_add") + f"?from_quote={said.pk}"
    assert client.get(url).status_code == 403
    assert client.post(url, {"text": "x", "speakers": [putin.pk]}).status_code == 403


def test_an_unknown_quote_is_404(client, analyst):
    client.force_login(analyst)
    assert client.get(reverse("admin:claims_claim_add") + "?from_quote=999999").status_code == 404


# --- queries ----------------------------------------------------------------------------------
def _crowded(putin, bolton, n: int) -> Claim:
    """A claim with n appearances, n relations out, n in, n suggestions and n assessments."""
    hub = reported(putin, "no military alliance with China exists", day=1)
    claim = hub.claim
    for i in range(n - 1):
        art = article(f"Putin said that no military alliance with China exists. Story {i}.",
                      outlet=f"Outlet {i % 5}", day=1 + i % 27)
        quote(art, "no military alliance with China exists", putin, group=False, claim=claim)
    others = [Claim.objects.create(text=f"other claim {i}", speaker_key=str(bolton.pk))
              for i in range(2 * n)]
    for i, other in enumerate(others[:n]):
        ClaimRelation.objects.create(from_claim=claim, to_claim=other, type="supports",
                                     status="confirmed" if i % 2 else "suggested")
    for other in others[n:]:
        ClaimRelation.objects.create(from_claim=other, to_claim=claim, type="denies")
    for i in range(n):
        ClaimAssessment.objects.create(claim=claim, rating=1 + i % 5, rationale=f"why {i}")
    return claim


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url_of", [change_url,
                                    lambda _: reverse("admin:claims_claim_changelist")],
                         ids=["change page", "changelist"])
def test_queries_do_not_grow_with_appearances_and_relations(client, analyst, putin, bolton,
                                                            url_of):
    client.force_login(analyst)
    small = _crowded(putin, bolton, 3)
    assert small.quotes.count() == 3
    few = _queries(client, url_of(small.pk))
    Claim.objects.all().delete()
    big = _crowded(putin, bolton, 30)
    assert big.quotes.count() == 30
    many = _queries(client, url_of(big.pk))
    assert many == few, (few, many)


def test_the_merge_action_asks_first(client, analyst, pair):
    axis, denial = pair
    ids = sorted([axis.claim_id, denial.claim_id])
    client.force_login(analyst)
    changelist = reverse("admin:claims_claim_changelist")
    asked = client.post(changelist, {"action": "merge", "_selected_action": ids})
    assert asked.status_code == 200
    text = text_of(asked)
    assert f"Merge 1 claim into claim #{ids[0]}?" in text and f"claim #{ids[1]}" in text
    assert Claim.objects.filter(pk__in=ids).count() == 2
    done = client.post(changelist, {"action": "merge", "_selected_action": ids, "post": "yes"})
    assert done.status_code == 302
    assert list(Claim.objects.filter(pk__in=ids).values_list("pk", flat=True)) == [ids[0]]
