"""The admin's search page: claims, quotes and article titles found by full-text search, with
the same filters as the API, readable by every role that may view quotes."""
import pytest
from django.urls import reverse

from claims.models import Article, Claim, Quote, Speaker
from claims.services.extraction import article_extract

pytestmark = pytest.mark.django_db

BODY = ("Kremlin denies alliance\n\n"
        "\"Moscow is not forming a military alliance with China,\" Vladimir Putin said on "
        "Monday.\n\n"
        "\"An axis of Russia and China could pose a real problem,\" John Bolton said.")


@pytest.fixture
def article(db):
    article = Article.objects.create(title="Kremlin denies alliance", body=BODY,
                                     content_hash="s" * 64, language="en")
    article_extract(article_id=article.pk)
    return article


def _search(client, **params):
    return client.get(reverse("claims-search"), params)


def test_it_finds_claims_quotes_and_titles_with_stemming(client, analyst, article):
    client.force_login(analyst)
    page = _search(client, q="alliances").content.decode()  # stemmed: "alliance" matches
    assert "Claims (1)" in page and "Quotes (1)" in page and "Articles (1)" in page
    claim = Claim.objects.get(text__contains="military alliance")
    assert reverse("admin:claims_claim_change", args=[claim.pk]) in page
    assert "<b>alliance</b>" in page


def test_a_speaker_filter_narrows_by_name_or_alias(client, analyst, article):
    client.force_login(analyst)
    Speaker.objects.get(name="John Bolton").aliases.create(alias="Mustache")
    page = _search(client, q="China", speaker="Mustache").content.decode()
    assert "Quotes (1)" in page and "axis of Russia" in page
    assert "not forming" not in page


def test_a_status_filter_and_no_match(client, analyst, article):
    client.force_login(analyst)
    assert "Quotes (0)" in _search(client, q="China",
                                   review_status=Quote.Review.CONFIRMED).content.decode()
    assert "No claim matches." in _search(client, q="zeppelin").content.decode()


@pytest.mark.parametrize("role, status", [("editor", 200), ("analyst", 200), ("viewer", 200)])
def test_every_role_may_search(client, request, article, role, status):
    client.force_login(request.getfixturevalue(role))
    assert _search(client, q="China").status_code == status


def test_staff_in_no_group_is_refused_and_visitors_log_in(client, outsider, article):
    assert _search(client, q="China").status_code == 302
    outsider.is_staff = True
    outsider.save()
    client.force_login(outsider)
    assert _search(client, q="China").status_code == 403


def test_the_page_takes_as_many_queries_for_many_matches_as_for_few(
        client, analyst, article, django_assert_max_num_queries):
    client.force_login(analyst)
    with django_assert_max_num_queries(14) as few:
        _search(client, q="said")
    for n in range(12):
        other = Article.objects.create(title=f"Minister speaks {n}", body=BODY.replace(
            "Monday", f"day {n}"), content_hash=f"{n:064d}", language="en")
        article_extract(article_id=other.pk)
    with django_assert_max_num_queries(len(few.captured_queries)):
        _search(client, q="said")


def test_markup_in_a_title_or_a_quote_is_shown_as_text(client, analyst):
    """Titles and quotes come from scraped pages: a snippet must never carry their markup."""
    body = ("<img src=x onerror=alert(1)> alliance\n\n"
            "\"The <script>alert(2)</script> alliance is over,\" Jane Roe said on Monday.")
    article = Article.objects.create(title="<img src=x onerror=alert(1)> alliance", body=body,
                                     content_hash="x" * 64, language="en")
    article_extract(article_id=article.pk)
    client.force_login(analyst)
    page = _search(client, q="alliance").content.decode()
    assert "<img src=x" not in page and "<script>alert(2)" not in page
    assert "&lt;img src=x onerror=alert(1)&gt; <b>alliance</b>" in page


@pytest.mark.parametrize("field", ["speaker", "topic", "outlet"])
@pytest.mark.parametrize("value", ["²", "9" * 30])
def test_a_mistyped_id_in_a_filter_finds_nothing(client, analyst, article, field, value):
    client.force_login(analyst)
    response = _search(client, q="China", **{field: value})
    assert response.status_code == 200 and "Quotes (0)" in response.content.decode()


def test_the_contains_fallback_is_a_notice_not_an_error(client, analyst, article, monkeypatch):
    # The fallback SQLite gets (tests refuse SQLite, so the mode is forced): results are shown,
    # and the page says how they were found in an information note, not in the error style.
    from claims.selectors import text_search

    monkeypatch.setattr(text_search, "search_mode", lambda: "contains")
    client.force_login(analyst)
    page = _search(client, q="alliance").content.decode()
    assert "Claims (1)" in page
    assert ('<p class="search-note" id="search-note">Full-text search needs PostgreSQL'
            in page)
    assert "errornote" not in page and "messagelist" not in page
