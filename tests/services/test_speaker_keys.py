"""Grouping's speaker key for a surname the extractor left alone: the registry person of that
surname the quote's article names in full, so "Obama said ..." and "Barack Obama said ..." in
two outlets are one claim; never a namesake the article does not single out."""
import pytest

from claims.models import Quote, Speaker
from claims.selectors.speaker_keys import speaker_key_for_quotes
from tests.services.conftest import article, quote

pytestmark = pytest.mark.django_db

WORDS = "the economy has recovered from the worst recession in generations"


def _by_surname(art, surname: str) -> Quote:
    """A quote whose speaker the extractor resolved to the surname alone (no registry link)."""
    q = quote(art, WORDS, group=False)
    Quote.objects.filter(pk=q.pk).update(speaker_name=surname)
    q.refresh_from_db()
    return q


def test_a_surname_joins_the_registry_person_its_article_names_in_full():
    barack = Speaker.objects.create(name="Barack Obama")
    Speaker.objects.create(name="Michelle Obama")
    named = quote(article(f"Barack Obama said {WORDS}. Aides agreed."), WORDS, barack)
    alone = _by_surname(article(f"US President Barack Obama spoke. Obama said {WORDS}."),
                        "Obama")
    from claims.services.grouping import quotes_group

    quotes_group(quote_ids=[alone.pk])
    alone.refresh_from_db()
    assert alone.claim_id == named.claim_id
    assert list(alone.claim.speakers.all()) == [barack]
    assert alone.claim.speaker_key == str(barack.pk)


def test_two_namesakes_in_the_article_keep_the_surname_as_its_own_key():
    Speaker.objects.create(name="Hillary Clinton")
    Speaker.objects.create(name="Bill Clinton")
    alone = _by_surname(article(f"Hillary Clinton and her husband, Bill Clinton, campaigned. "
                                f"Clinton said {WORDS}."), "Clinton")
    assert speaker_key_for_quotes([alone])[alone.pk] == "n:clinton"


def test_a_surname_whose_full_name_the_article_never_gives_keeps_its_own_key():
    Speaker.objects.create(name="Barack Obama")
    alone = _by_surname(article(f"President Obama spoke. Obama said {WORDS}."), "Obama")
    assert speaker_key_for_quotes([alone])[alone.pk] == "n:obama"


def test_a_surname_of_the_other_trump_named_in_full_is_that_one():
    donald = Speaker.objects.create(name="Donald Trump")
    ivanka = Speaker.objects.create(name="Ivanka Trump")
    alone = _by_surname(article(f"Ivanka Trump spoke in Ohio. Trump said {WORDS}."), "Trump")
    assert speaker_key_for_quotes([alone])[alone.pk] == str(ivanka.pk) != str(donald.pk)


def test_a_registry_name_with_words_glued_in_front_is_grouped_as_that_person():
    jeb = Speaker.objects.create(name="Jeb Bush")
    glued = Speaker.objects.create(name="Telling Jeb Bush")
    named = quote(article(f"Jeb Bush said {WORDS}. Aides agreed."), WORDS, jeb)
    other = quote(article(f"Telling Jeb Bush said {WORDS} in Iowa."), WORDS, glued)
    assert other.claim_id == named.claim_id
    assert list(other.claim.speakers.all()) == [jeb]


def test_a_given_name_in_front_is_another_person_with_a_key_of_their_own():
    Speaker.objects.create(name="Jo White")
    mary = Speaker.objects.create(name="Mary Jo White")
    q = quote(article(f"Mary Jo White said {WORDS}."), WORDS, mary, group=False)
    assert speaker_key_for_quotes([q])[q.pk] == str(mary.pk)


def test_speaker_keys_take_as_many_queries_for_many_quotes_as_for_one():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    barack = Speaker.objects.create(name="Barack Obama")
    Speaker.objects.create(name="Michelle Obama")
    glued = Speaker.objects.create(name="Telling Barack Obama")
    quotes = []
    for n in range(12):
        art = article(f"US President Barack Obama spoke in city {n}. Obama said {WORDS}.")
        quotes.append(_by_surname(art, ["Obama", "Clinton", "Trump"][n % 3]))
        quotes.append(quote(article(f"Barack Obama said {WORDS} in town {n}."), WORDS,
                            glued if n % 2 else barack, group=False))
    counts = []
    for batch in (quotes[:4], quotes):  # 4: a surname alone and a name behind a word
        with CaptureQueriesContext(connection) as queries:
            keys = speaker_key_for_quotes(batch)
        counts.append(len(queries))
    # the links, the names behind words, the namesakes and the articles: no query a quote
    assert counts[0] == counts[1] <= 4
    assert keys[quotes[0].pk] == keys[quotes[1].pk] == keys[quotes[3].pk] == str(barack.pk)
