"""Bad input in the admin: a clear message, nothing half-saved, never a server error."""
import pytest
from django.urls import reverse

from claims.models import Article, Claim, ClaimMergeSuggestion, Quote
from claims.services.extraction import article_extract

pytestmark = pytest.mark.django_db

BODY = ("Ministers disagree\n\n"
        "\"We will not send troops,\" Pavel Zarubin said on Monday. "
        "\"The talks are over,\" Jane Holloway said on Tuesday. "
        "\"Sanctions will stay,\" Lloyd Austin said on Wednesday.")


@pytest.fixture
def quotes(db):
    article = Article.objects.create(title="Ministers disagree", body=BODY,
                                     content_hash="q" * 64, language="en")
    article_extract(article_id=article.pk)
    found = list(article.quotes.order_by("start"))
    assert len(found) == 3 and len({q.claim_id for q in found}) == 3
    return found


def _quote_form(quote, **changes):
    data = {"start": quote.start, "end": quote.end, "kind": quote.kind, "cue": quote.cue,
            "speakers": [s.pk for s in quote.speakers.all()], "claim": quote.claim_id}
    data.update(changes)
    return data


def test_clearing_a_quotes_claim_is_refused_next_to_the_field(client, analyst, quotes):
    client.force_login(analyst)
    quote = quotes[0]
    response = client.post(reverse("admin:claims_quote_change", args=[quote.pk]),
                           _quote_form(quote, claim="", cue="told"))
    assert response.status_code == 200
    assert "belongs to a claim" in response.context["adminform"].form.errors["claim"][0]
    quote.refresh_from_db()
    assert (quote.cue, quote.review_status) != ("told", Quote.Review.EDITED)


def test_a_rejected_quote_cannot_be_put_in_a_claim(client, analyst, quotes):
    client.force_login(analyst)
    quote, other = quotes[0], quotes[1]
    client.post(reverse("admin:claims_quote_reject", args=[quote.pk]))
    quote.refresh_from_db()
    assert quote.review_status == Quote.Review.REJECTED
    response = client.post(reverse("admin:claims_quote_change", args=[quote.pk]),
                           _quote_form(quote, claim=other.claim_id))
    assert response.status_code == 200
    assert "rejected" in response.context["adminform"].form.errors["claim"][0]
    assert Quote.objects.get(pk=quote.pk).claim_id != other.claim_id


def test_merging_a_chain_of_suggestions_is_all_or_nothing(client, analyst, quotes):
    """B~C then A~B: merging B into A removes B~C; the action says so and changes nothing."""
    a, b, c = (q.claim_id for q in quotes)
    first = ClaimMergeSuggestion.objects.create(claim_id=b, other_id=c, score=0.4)
    second = ClaimMergeSuggestion.objects.create(claim_id=a, other_id=b, score=0.4)
    client.force_login(analyst)
    response = client.post(reverse("admin:claims_claimmergesuggestion_changelist"),
                           {"action": "confirm", "_selected_action": [second.pk, first.pk]},
                           follow=True)
    assert response.status_code == 200
    shown = [str(m) for m in response.context["messages"]]
    assert any(m.startswith("Nothing was changed") for m in shown), shown
    assert Claim.objects.filter(pk__in=[a, b, c]).count() == 3
    assert set(ClaimMergeSuggestion.objects.values_list("status", flat=True)) == {"suggested"}


def test_history_cannot_be_reverted_past_the_services(client, analyst, quotes):
    claim = Claim.objects.get(pk=quotes[0].claim_id)
    record = claim.history.earliest()
    client.force_login(analyst)
    url = reverse("admin:claims_claim_simple_history", args=[claim.pk, record.history_id])
    assert client.get(url).status_code == 200
    assert b"Revert" not in client.get(url).content
    assert client.post(url, {"text": "Reverted text"}).status_code == 403
    assert Claim.objects.get(pk=claim.pk).text != "Reverted text"


@pytest.mark.parametrize("url", [
    "admin:claims_quote_changelist?speaker=²", "admin:claims_quote_changelist?article=²",
    "admin:claims_quote_changelist?speaker=99999999999999999999999",
    "admin:claims_claim_add?from_quote=²",
])
def test_a_mistyped_id_in_the_address_is_no_server_error(client, analyst, quotes, url):
    name, _, query = url.partition("?")
    client.force_login(analyst)
    assert client.get(reverse(name) + "?" + query).status_code in (200, 404)


@pytest.mark.parametrize("query", ["claim=²", "speaker=²", "claim=99999999999999999999999"])
def test_the_graph_answers_a_bad_id_with_400(client, analyst, quotes, query):
    client.force_login(analyst)
    assert client.get(reverse("admin:claims_claim_graph_data") + "?" + query).status_code == 400
