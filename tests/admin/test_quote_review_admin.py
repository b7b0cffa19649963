"""The quote page and its actions go through the review services: an analyst's edit made in
the real admin form is marked edited, names the analyst, and survives re-extraction."""
import pytest

from claims.models import Article, Quote, Speaker
from claims.services.extraction import article_extract

pytestmark = pytest.mark.django_db

BODY = ("Pentagon watches the visit\n\n"
        "\"We will keep watching what China does,\" Pavel Zarubin told reporters on Monday. "
        "\"Words are cheap,\" he added.")


@pytest.fixture
def extracted():
    article = Article.objects.create(title="t", body=BODY, content_hash="e" * 64,
                                     language="en")
    article_extract(article_id=article.pk)
    assert article.quotes.count() >= 2
    return article


def _form(quote, **changes):
    data = {"start": quote.start, "end": quote.end, "kind": quote.kind, "cue": quote.cue,
            "speakers": [s.pk for s in quote.speakers.all()],
            "claim": quote.claim_id or ""}
    data.update(changes)
    return data


def test_a_quote_edited_in_the_admin_survives_re_extraction(client, analyst, extracted):
    client.force_login(analyst)
    quote = extracted.quotes.get(text__contains="keep watching")
    other = Speaker.objects.create(name="Lloyd Austin", verified=True)
    response = client.post(f"/admin/claims/quote/{quote.pk}/change/",
                           _form(quote, speakers=[other.pk], cue="told"))
    assert response.status_code == 302, response.content[:2000]
    quote.refresh_from_db()
    assert quote.review_status == Quote.Review.EDITED and quote.reviewed_by == analyst
    assert quote.history.latest().history_user == analyst
    article_extract(article_id=extracted.pk)
    kept = Quote.objects.get(pk=quote.pk)
    assert [s.name for s in kept.speakers.all()] == ["Lloyd Austin"]
    assert kept.cue == "told"
    assert kept.claim.speakers.get() == other


def test_offsets_outside_the_body_are_a_form_error(client, analyst, extracted):
    client.force_login(analyst)
    quote = extracted.quotes.first()
    response = client.post(f"/admin/claims/quote/{quote.pk}/change/",
                           _form(quote, end=len(BODY) + 50))
    assert response.status_code == 200
    assert b"outside the article body" in response.content
    quote.refresh_from_db()
    assert quote.review_status == Quote.Review.EXTRACTED


@pytest.mark.parametrize("role, allowed", [("analyst", True), ("editor", False),
                                           ("viewer", False)])
@pytest.mark.parametrize("action, status", [("confirm", "confirmed"), ("reject", "rejected")])
def test_the_review_actions_as_each_role(client, request, extracted, role, allowed, action,
                                         status):
    client.force_login(request.getfixturevalue(role))
    ids = list(extracted.quotes.values_list("pk", flat=True))
    response = client.post("/admin/claims/quote/", {"action": action,
                                                    "_selected_action": ids})
    expected = status if allowed else "extracted"
    assert set(Quote.objects.filter(pk__in=ids).values_list("review_status", flat=True)) == {
        expected}
    assert response.status_code in (200, 302, 403)
