"""The article the project was conceived from, end to end: pasted in, extracted, grouped, and
Putin's "no military alliance with China exists" suggested as denying Bolton's axis.

Reads ../shared/samples/putin-china-interview.txt (other people's text, never copied here);
skipped with a reason where the shared folder is absent."""
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.conf import settings

from claims.models import Claim, ClaimRelation, ImportRun, Quote
from claims.services.extraction import article_extract
from claims.services.ingestion import import_run_start, import_text
from tests.ingestion.conftest import speakers  # noqa: F401  (the registry fixture)

pytestmark = pytest.mark.django_db

SAMPLE = Path(settings.SHARED_DIR) / "samples" / "putin-china-interview.txt"


@pytest.fixture
def seed_article(speakers, editor, django_capture_on_commit_callbacks):  # noqa: F811
    if not SAMPLE.is_file():
        pytest.skip(f"the seed article is not at {SAMPLE} (the shared folder is absent)")
    title, _, body = SAMPLE.read_text(encoding="utf-8").partition("\n")
    run = import_run_start(source=ImportRun.Source.PASTE, requested_by=editor)
    # Extraction is queued after commit and runs eagerly here, as with no broker.
    with django_capture_on_commit_callbacks(execute=True):
        item = import_text(run=run, title=title, body=body,
                           published_at=datetime(2023, 3, 24, tzinfo=UTC))
    return item.article


def _claim_of(article, words: str) -> Claim:
    return Quote.objects.get(article=article, text__contains=words).claim


def test_every_quote_of_the_seed_article_is_in_one_claim(seed_article):
    quotes = Quote.objects.filter(article=seed_article)
    assert quotes.count() >= 23
    assert not quotes.filter(claim=None).exists()
    putin = _claim_of(seed_article, "the claim is untrue")
    assert [s.name for s in putin.speakers.all()] == ["Vladimir Putin"]


def test_putins_denial_is_suggested_as_denying_boltons_axis(seed_article):
    denial = _claim_of(seed_article, "the claim is untrue")
    axis = _claim_of(seed_article, "such an axis could pose a real problem")
    relation = ClaimRelation.objects.get(from_claim=denial, to_claim=axis)
    assert (relation.type, relation.status) == ("denies", "suggested")
    assert relation.reason["rule"] == "answer in the same article"
    assert relation.quotes.count() == 2


def test_putins_consistent_claims_get_no_suggestion_between_them(seed_article):
    # "the claim is untrue and ... no military alliance with China exists" and "is not forming
    # a military alliance with China" say the same: two negators against one, one clause.
    putins = set(Claim.objects.filter(speakers__name="Vladimir Putin").values_list("pk",
                                                                                  flat=True))
    assert len(putins) >= 5
    between = ClaimRelation.objects.filter(from_claim__in=putins, to_claim__in=putins)
    assert list(between.values_list("type", "reason__rule")) == []


def test_re_extraction_keeps_the_claims_and_a_rejected_suggestion(seed_article, analyst):
    from claims.services.relations import relation_reject

    denial = _claim_of(seed_article, "the claim is untrue")
    relation = ClaimRelation.objects.get(from_claim=denial, type="denies")
    relation_reject(relation_id=relation.pk, user=analyst)
    claims_before = Claim.objects.count()
    article_extract(article_id=seed_article.pk)
    article_extract(article_id=seed_article.pk)
    assert Claim.objects.count() == claims_before
    assert _claim_of(seed_article, "the claim is untrue") == denial
    relation.refresh_from_db()
    assert relation.status == "rejected"
    assert ClaimRelation.objects.filter(from_claim=denial, type="denies").count() == 1
