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


# Quotes written for this test, each word repeated a different number of times so that the
# ranks differ, with two identical texts (a tie, broken by id).
RANKED = ["sanctions on steel and sanctions on grain and more sanctions",
          "the sanctions will stay",
          "sanctions on steel hurt the steel towns",
          "the talks on grain went well",
          "the sanctions will stay",
          "nobody spoke about steel or grain",
          "grain, grain and grain again: the talks are about grain"]
QUERIES = ["sanctions", "steel", "grain", "sanctions steel", "grain -talks", '"will stay"',
           "sanction OR grain", "talks", "nothing matches this"]


@pytest.fixture
def ranked():
    body = " ".join(f"Someone said {text}." for text in RANKED)
    article = Article.objects.create(title="t", body=body, content_hash="e" * 64)
    made, at = [], 0
    for text in RANKED:
        start = body.index(text, at)
        at = start + len(text)
        made.append(Quote.objects.create(article=article, start=start, end=at, text=text,
                                         kind=Quote.Kind.INDIRECT))
    return made


def _former_ranking(query: str) -> list[tuple[int, float]]:
    """The quote search as it was before it ranked on the stored vector: to_tsvector computed
    from the text for the match and for the rank."""
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    vector = SearchVector("text", config="english")
    search = SearchQuery(query, config="english", search_type="websearch")
    return list(Quote.objects.annotate(document=vector, rank=SearchRank(vector, search))
                .filter(document=search).order_by("-rank", "pk").values_list("pk", "rank"))


@pytest.mark.parametrize("query", QUERIES)
def test_ranking_on_the_stored_vector_gives_the_same_results_in_the_same_order(ranked, query):
    found = list(selectors.quote_search(query).values_list("pk", "rank"))
    assert found == _former_ranking(query)
    if query == "sanctions":  # the corpus does rank: 3 times, then once in four words
        assert [pk for pk, _ in found][:1] == [ranked[0].pk]
        assert found[0][1] > found[1][1]


def test_the_search_page_is_one_query_ranked_on_the_stored_vector_and_matched_on_the_index(
        ranked, django_assert_num_queries):
    # The page, its speakers (prefetched), its snippets: whatever the number of matches.
    with django_assert_num_queries(3) as queries:
        page = list(selectors.search("steel sanctions").quotes[:20])
        snippets = selectors.headlines(page, "steel sanctions")
    assert [q.pk for q in page] == [ranked[0].pk, ranked[2].pk]
    assert set(snippets) == {ranked[0].pk, ranked[2].pk}
    sql = queries.captured_queries[0]["sql"]
    # The rank reads the stored column; the match is the GIN index's expression (0004).
    assert 'ts_rank("claims_quote".search_vector' in sql
    # The page's ids chosen in a subquery, matched on the expression, ranked on the column.
    assert "WHERE U0.\"id\" IN" not in sql and "\"claims_quote\".\"id\" IN (SELECT U0.\"id\"" in sql
    assert "WHERE to_tsvector('english'::regconfig, COALESCE(U0.\"text\", ''))" \
           " @@ (websearch_to_tsquery" in sql
    assert "ORDER BY ts_rank(U0.search_vector" in sql
    assert "ts_rank(to_tsvector" not in sql


def test_the_stored_vector_follows_the_quote_table_into_a_subquery(ranked):
    """Used inside another query, the quote table is renamed (U0): the column must follow."""
    top = selectors.quote_search("grain").values("pk")[:2]
    assert set(Quote.objects.filter(pk__in=top).values_list("pk", flat=True)) == {
        pk for pk, _ in _former_ranking("grain")[:2]}


def test_the_api_search_ranks_quotes_as_the_selector_does(ranked, viewer):
    api = APIClient()
    api.force_authenticate(viewer)
    body = api.get("/api/v1/quotes/", {"q": "grain"}).json()
    assert [q["id"] for q in body["results"]] == [pk for pk, _ in _former_ranking("grain")]


def test_a_page_of_the_search_is_the_same_slice_of_the_whole_ranking_in_one_query(ranked):
    """A page's ids are chosen first in a subquery (claims.selectors.text_search.RankedPages):
    the same rows in the same order as cutting the whole ranking, for every page."""
    from django.test.utils import CaptureQueriesContext

    from claims.models import Claim, Speaker, Topic

    speaker = Speaker.objects.create(name="Anna Marsh")
    topic = Topic.objects.create(name="Trade", slug="trade")
    for n, quote in enumerate(ranked):
        claim = Claim.objects.create(text=quote.text, speaker_key=str(speaker.pk))
        if n % 2 == 0:
            claim.topics.add(topic)
            quote.speakers.add(speaker)
        Quote.objects.filter(pk=quote.pk).update(claim=claim)
    for filters in ({}, {"topic": "trade"}, {"speaker": speaker.pk}, {"speaker": "Marsh"}):
        for query in ("sanctions", "grain", "steel OR grain OR talks", "stay"):
            whole = list(selectors.quote_search(query, **filters))
            for start, stop in ((0, 2), (1, 3), (2, 20), (0, 20), (5, 6)):
                found = selectors.quote_search(query, **filters)  # a topic is read here
                with CaptureQueriesContext(connection) as queries:
                    page = list(found[start:stop])
                assert page == whole[start:stop], (filters, query, start, stop)
                # The page, then its speakers (prefetched) if it has rows.
                assert len(queries) == (2 if page else 1)
    assert selectors.quote_search("grain", topic="trade")[:1].count() == 1
    # Claims are searched the same way.
    whole = list(selectors.claim_search("grain"))
    assert len(whole) == 4 and list(selectors.claim_search("grain")[1:3]) == whole[1:3]
