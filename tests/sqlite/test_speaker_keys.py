"""A surname the extractor left alone takes the registry person its article names in full on
SQLite too (the namesakes are looked up by how names end: tests/services/test_speaker_keys.py
has the rule's cases on PostgreSQL)."""
import pytest

from claims.models import Quote, Speaker
from claims.selectors.speaker_keys import speaker_key_for_quotes
from tests.services.conftest import article, quote

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]


def test_a_surname_takes_the_one_namesake_its_article_names_in_full():
    jeb = Speaker.objects.create(name="Jeb Bush")
    Speaker.objects.create(name="George W. Bush")
    q = quote(article("Jeb Bush spoke in Iowa. Bush said taxes were too high."),
              "taxes were too high", group=False)
    Quote.objects.filter(pk=q.pk).update(speaker_name="Bush")
    q.refresh_from_db()
    assert speaker_key_for_quotes([q])[q.pk] == str(jeb.pk)
