"""The unverified speakers the extractor's names become when articles are stored: one entry per
entity across articles, so their statements share a speaker key and can share a claim.
Articles written for this file, extracted for real (spaCy)."""
import pytest

from claims.models import Quote, Speaker
from claims.services.extraction import article_extract, articles_extract
from tests.services.conftest import article

pytestmark = pytest.mark.django_db

OPENING = "The Fisheries Department said on Monday that the cod season would open in June."
CLOSING = "The cod season would open in June, the Fisheries Department said on Tuesday."


def _speakers(art) -> list[list[str]]:
    return [sorted(q.speakers.values_list("name", flat=True))
            for q in Quote.objects.filter(article=art).order_by("start")]


def test_a_leading_the_names_the_same_speaker_in_a_later_article():
    first, second = article(OPENING, day=1), article(CLOSING, day=2)
    article_extract(article_id=first.pk)
    article_extract(article_id=second.pk)
    assert _speakers(first) == [["The Fisheries Department"]]
    assert _speakers(second) == [["The Fisheries Department"]]
    assert Speaker.objects.filter(name__endswith="Fisheries Department").count() == 1
    # one speaker key, so the same statement is one claim
    claims = set(Quote.objects.filter(article__in=[first, second]).values_list("claim", flat=True))
    assert len(claims) == 1 and None not in claims


def test_both_forms_in_one_batch_make_one_speaker():
    first, second = article(CLOSING, day=1), article(OPENING, day=2)
    articles_extract(article_ids=[first.pk, second.pk])
    assert Speaker.objects.filter(name__endswith="Fisheries Department").count() == 1
    assert _speakers(first) == _speakers(second)


def test_the_form_without_the_is_found_from_the_form_with_it():
    existing = Speaker.objects.create(name="Fisheries Department", verified=False)
    art = article(OPENING)
    article_extract(article_id=art.pk)
    assert list(Quote.objects.get(article=art).speakers.all()) == [existing]


def test_the_and_one_word_is_not_that_word():
    # "The Ledger" is not a speaker named "Ledger" (nor is "Ledger" ever made from it)
    Speaker.objects.create(name="Ledger", verified=False)
    art = article("The Ledger reported on Monday that the mill would close in June.")
    article_extract(article_id=art.pk)
    assert "Ledger" not in {n for names in _speakers(art) for n in names}
