"""Search that needs PostgreSQL: full-text on quotes, trigram similarity on speaker names.
On another database it says so instead of failing."""
from unittest import mock

import pytest
from django.db import connection
from rest_framework.test import APIClient

from claims import selectors
from claims.models import Article, Quote, Speaker, SpeakerAlias

pytestmark = pytest.mark.django_db

BODY = ("Putin stated that Moscow is not forming a military alliance with China. "
        "Austin called the visit a wake-up call for the West.")


@pytest.fixture
def quotes():
    article = Article.objects.create(title="t", body=BODY, content_hash="f" * 64)
    made = []
    for fragment in ("Moscow is not forming a military alliance with China",
                     "a wake-up call for the West"):
        start = BODY.index(fragment)
        made.append(Quote.objects.create(article=article, start=start,
                                         end=start + len(fragment), text=fragment,
                                         kind=Quote.Kind.INDIRECT))
    return made


def test_full_text_search_stems_words(quotes):
    # "alliances" and "forms" match "alliance" and "forming" through English stemming.
    assert list(selectors.quote_search("alliances forms")) == [quotes[0]]


def test_full_text_search_takes_web_search_syntax(quotes):
    assert list(selectors.quote_search('"wake-up call" -alliance')) == [quotes[1]]


def test_the_api_searches_quotes(quotes, viewer):
    api = APIClient()
    api.force_authenticate(viewer)
    body = api.get("/api/v1/quotes/", {"q": "military alliance"}).json()
    assert [q["id"] for q in body["results"]] == [quotes[0].pk]


def test_trigram_similarity_finds_spelling_variants():
    zelensky = Speaker.objects.create(name="Volodymyr Zelensky")
    SpeakerAlias.objects.create(speaker=zelensky, alias="Zelensky")
    Speaker.objects.create(name="Sergey Lavrov")
    assert [s.name for s in selectors.speaker_similar("Zelenskyy")] == ["Volodymyr Zelensky"]
    assert [s.name for s in selectors.speaker_similar("Sergei Lavrov")] == ["Sergey Lavrov"]


def test_without_postgresql_search_falls_back_to_a_contains_match_and_says_so(quotes, viewer):
    with mock.patch.object(connection, "vendor", "sqlite"):
        assert selectors.search_mode() == "contains"
        assert list(selectors.quote_search("wake-up")) == [quotes[1]]
        # No stemming in a contains match: "alliances" is not in "alliance".
        assert list(selectors.quote_search("alliances")) == []
        results = selectors.search("military alliance")
        assert "needs PostgreSQL" in results.note
        assert list(results.quotes) == [quotes[0]]
        api = APIClient()
        api.force_authenticate(viewer)
        response = api.get("/api/v1/quotes/", {"q": "alliance"})
    assert response.status_code == 200
    assert response["X-Search-Mode"] == "contains"
    assert [q["id"] for q in response.json()["results"]] == [quotes[0].pk]
