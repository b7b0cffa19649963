"""Pasting an article in the admin: stored, extracted, and shown on its ImportRun page."""
import pytest
from django.urls import reverse

from claims.models import Article, ImportItem, ImportRun
from tests.admin.conftest import article_text, run_summary

pytestmark = pytest.mark.django_db

PASTE = reverse("admin:claims_importrun_paste")


def paste(client, capture, n=1, **extra):
    title, body = article_text(n)
    data = {"title": title, "body": body, "outlet": "Example News",
            "url": f"https://news.example.com/world/story-{n}", "published_at": "2023-03-21T10:30",
            "byline": "Jane Doe", **extra}
    # Extraction is queued after commit; the test transaction never commits, so run the
    # callbacks here as a commit would (in-process: no broker in tests).
    with capture(execute=True):
        return client.post(PASTE, data)


def test_it_stores_the_article_and_extracts_its_quotes(editor_client, editor,
                                                        django_capture_on_commit_callbacks):
    response = paste(editor_client, django_capture_on_commit_callbacks)

    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:claims_importrun_change", args=[run.pk])
    assert (run.source, run.status, run.requested_by) == ("paste", "done", editor)
    article = Article.objects.get()
    assert article.title == "Minister denies alliance, part 1"
    assert article.outlet.name == "Example News"
    assert article.byline == "Jane Doe"
    assert article.published_at.isoformat() == "2023-03-21T10:30:00+00:00"
    assert article.import_run == run
    assert article.extraction_status == Article.Extraction.DONE
    assert article.quotes.filter(text__contains="We cooperate openly").exists()


def test_the_run_page_shows_the_created_item_and_links_to_the_article(
        editor_client, django_capture_on_commit_callbacks):
    response = paste(editor_client, django_capture_on_commit_callbacks)
    page = editor_client.get(response.url)
    content = page.content.decode()
    article = Article.objects.get()

    assert page.status_code == 200
    assert run_summary(content) == "Done: 1 created, 0 duplicate, 0 failed."
    assert 'class="import-outcome import-outcome-created"' in content
    assert reverse("admin:claims_article_change", args=[article.pk]) in content
    messages = [str(m) for m in page.context["messages"]]
    assert any("1 created" in m for m in messages)


def test_pasting_the_same_text_again_is_a_duplicate_of_the_first_article(
        editor_client, django_capture_on_commit_callbacks):
    paste(editor_client, django_capture_on_commit_callbacks)
    first = Article.objects.get()
    # Another URL, the same text: the second run says which article it already is.
    response = paste(editor_client, django_capture_on_commit_callbacks,
                     url="https://other.example.org/copy")

    assert Article.objects.count() == 1
    second_run = ImportRun.objects.latest("pk")
    item = second_run.items.get()
    assert response.url == reverse("admin:claims_importrun_change", args=[second_run.pk])
    assert item.outcome == ImportItem.Outcome.DUPLICATE
    assert item.article == first
    content = editor_client.get(response.url).content.decode()
    assert f"duplicate of article #{first.pk} “{first.title}”" in content
    assert reverse("admin:claims_article_change", args=[first.pk]) in content


def test_it_asks_again_for_a_title_and_text(editor_client):
    response = editor_client.post(PASTE, {"title": "", "body": "   "})

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"title", "body"}
    assert not ImportRun.objects.exists()

