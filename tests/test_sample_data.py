"""`manage.py load_sample_data`: the starting registry and articles, loaded idempotently."""
from datetime import date
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from claims.models import Article, Role, Speaker, SpeakerAlias, Topic

pytestmark = pytest.mark.django_db

SEED = settings.SHARED_DIR / "samples" / "putin-china-interview.txt"


def counts():
    return (Speaker.objects.count(), SpeakerAlias.objects.count(), Role.objects.count(),
            Article.objects.count())


def test_loading_twice_gives_the_same_rows():
    call_command("load_sample_data", stdout=StringIO())
    first = counts()
    out = StringIO()
    call_command("load_sample_data", stdout=out)
    assert counts() == first
    assert "0 created" in out.getvalue()


def test_the_registry_holds_the_people_and_organisations_of_the_design():
    call_command("load_sample_data", stdout=StringIO())
    names = set(Speaker.objects.values_list("name", flat=True))
    assert {"Vladimir Putin", "Xi Jinping", "John Bolton", "Lloyd Austin", "Joe Biden",
            "Volodymyr Zelensky", "Sergey Lavrov", "Antony Blinken", "Jens Stoltenberg",
            "Kremlin", "Pentagon", "NATO"} <= names
    assert Speaker.objects.get(name="Vladimir Putin").wikidata_qid == "Q7747"
    assert Speaker.objects.get(name="NATO").kind == Speaker.Kind.ORGANISATION
    assert "Putin" in Speaker.objects.get(name="Vladimir Putin").aliases.values_list(
        "alias", flat=True)


def test_dated_roles_tell_who_held_an_office_on_a_day():
    call_command("load_sample_data", stdout=StringIO())
    holders = {
        r.speaker.name
        for r in Role.objects.select_related("speaker").filter(title="US Secretary of Defense")
        if r.held_on(date(2023, 3, 1))
    }
    assert holders == {"Lloyd Austin"}


def test_sample_articles_are_loaded():
    call_command("load_sample_data", stdout=StringIO())
    titles = set(Article.objects.values_list("title", flat=True))
    assert "Pentagon watches Xi's Moscow visit closely, Austin says" in titles


@pytest.mark.skipif(not SEED.is_file(), reason=f"the seed article is not at {SEED}")
def test_the_seed_article_is_loaded_with_its_headline_as_title():
    call_command("load_sample_data", stdout=StringIO())
    seed = Article.objects.get(title__startswith="Putin Reiterates Russia")
    assert "Pavel Zarubin" in seed.body



def test_the_sample_data_offers_a_right_same_claim_question(django_capture_on_commit_callbacks):
    # Austin on the 22nd, "Washington was following the Chinese leader's trip to Moscow very,
    # very closely", and on the 28th, "the Pentagon would keep following China's contacts with
    # Moscow closely": one point in other words, for an analyst to merge.
    from claims.models import ClaimMergeSuggestion, Quote

    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_sample_data", stdout=StringIO())
    asked = {frozenset((s.claim_id, s.other_id)) for s in ClaimMergeSuggestion.objects.all()}
    trip = Quote.objects.get(text__contains="following the Chinese leader's trip").claim_id
    contacts = Quote.objects.get(text__contains="keep following China's contacts").claim_id
    assert trip != contacts
    assert frozenset((trip, contacts)) in asked
    # Reported again in other words on another day, "no evidence of lethal aid" joined.
    lethal = set(Quote.objects.filter(text__contains="evidence of lethal aid")
                 .values_list("claim_id", flat=True))
    assert len(lethal) == 1


def test_every_sample_article_has_an_outlet_and_a_date_and_there_is_a_topic_tree():
    call_command("load_sample_data", stdout=StringIO())
    for article in Article.objects.select_related("outlet"):
        assert article.outlet is not None and article.published_at is not None, article.title
    tree = {t.name: t.parent.name if t.parent else None
            for t in Topic.objects.select_related("parent")}
    assert tree["Russia–China relations"] == "International relations"
    assert tree["NATO"] == "Military alliances" and tree["Military alliances"] == "Security"
    assert Topic.objects.get(name="Russia–China relations").slug == "russia-china-relations"
    out = StringIO()
    call_command("load_sample_data", stdout=out)
    assert "topics: 0 created" in out.getvalue()


@pytest.mark.skipif(not SEED.is_file(), reason=f"the seed article is not at {SEED}")
def test_the_seed_article_is_dated_in_march_2023():
    call_command("load_sample_data", stdout=StringIO())
    seed = Article.objects.select_related("outlet").get(title__startswith="Putin Reiterates")
    assert (seed.published_at.year, seed.published_at.month) == (2023, 3)
    assert seed.outlet.name == "Shared samples"
