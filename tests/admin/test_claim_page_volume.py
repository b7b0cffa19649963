"""A claim reported many times: its page lists the newest appearances and leads to the rest."""
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from claims.models import Article, Claim, Quote
from claims.selectors.claim_page import APPEARANCES_SHOWN

pytestmark = pytest.mark.django_db

SENTENCE = '"We will not send troops," the minister said. '


@pytest.fixture
def popular(db):
    claim = Claim.objects.create(text="We will not send troops", speaker_key="n:the minister")
    day = datetime(2024, 1, 1, tzinfo=UTC)
    articles = Article.objects.bulk_create(
        Article(title=f"Report {n}", body=SENTENCE, content_hash=f"{n:064d}", language="en",
                published_at=day + timedelta(days=n)) for n in range(APPEARANCES_SHOWN + 5))
    end = SENTENCE.index(",") + 2
    Quote.objects.bulk_create(
        Quote(article=a, start=0, end=end, text=SENTENCE[:end], kind=Quote.Kind.DIRECT,
              claim=claim) for a in articles)
    # Another claim's quote in the same article stays out of the list.
    other = Claim.objects.create(text="the minister said", speaker_key="n:someone")
    Quote.objects.create(article=articles[0], start=end + 1, end=len(SENTENCE) - 2,
                         text=SENTENCE[end + 1:len(SENTENCE) - 2], kind=Quote.Kind.INDIRECT,
                         claim=other)
    return claim, articles


def test_the_newest_appearances_are_listed_and_the_rest_are_one_click_away(client, analyst,
                                                                           popular):
    claim, articles = popular
    client.force_login(analyst)
    page = client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()
    assert f"Appearances ({APPEARANCES_SHOWN + 5})" in page
    assert page.count('class="appearance"') == APPEARANCES_SHOWN
    assert articles[-1].title in page and f">{articles[0].title}<" not in page  # newest first
    queue = reverse("admin:claims_quote_changelist") + f"?claim={claim.pk}"
    assert queue.replace("&", "&amp;") in page
    listed = client.get(queue)
    assert listed.status_code == 200
    assert listed.context["cl"].result_count == APPEARANCES_SHOWN + 5
