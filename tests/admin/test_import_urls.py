"""Importing a list of URLs in the admin, against pages served by a local HTTP server."""
import pytest
from django.urls import reverse

from claims.models import Article, ImportItem, ImportRun
from tests.admin.conftest import article_html, run_summary

pytestmark = pytest.mark.django_db

URLS = reverse("admin:claims_importrun_urls")


@pytest.fixture
def pages(httpserver):
    good = httpserver.url_for("/world/minister-denies-alliance")
    httpserver.expect_request("/world/minister-denies-alliance").respond_with_data(
        article_html(1, good), content_type="text/html; charset=utf-8")
    httpserver.expect_request("/missing").respond_with_data("Not here", status=404,
                                                           content_type="text/plain")
    return {"good": good, "missing": httpserver.url_for("/missing")}


def import_urls(client, capture, urls, outlet=""):
    # Each URL is fetched by a task queued after commit (in-process in tests): run them.
    with capture(execute=True):
        return client.post(URLS, {"urls": "\n".join(urls), "outlet": outlet})


def test_a_good_page_is_created_and_a_missing_one_fails_with_a_reason(
        editor_client, pages, django_capture_on_commit_callbacks):
    response = import_urls(editor_client, django_capture_on_commit_callbacks,
                           [pages["good"], pages["missing"]], outlet="Example News")

    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:claims_importrun_change", args=[run.pk])
    run.refresh_from_db()
    assert (run.source, run.status) == ("urls", ImportRun.Status.PARTIAL)
    good = run.items.get(source=pages["good"])
    missing = run.items.get(source=pages["missing"])
    assert good.outcome == ImportItem.Outcome.CREATED
    assert good.article.title == "Minister denies alliance, part 1"
    assert good.article.outlet.name == "Example News"
    assert (missing.outcome, missing.reason) == (ImportItem.Outcome.FAILED, "HTTP 404 Not Found")

    content = editor_client.get(response.url).content.decode()
    assert run_summary(content) == "Done with failures: 1 created, 0 duplicate, 1 failed."
    assert "HTTP 404 Not Found" in content
    assert reverse("admin:claims_article_change", args=[good.article.pk]) in content


def test_the_same_url_twice_in_one_list_is_one_item(editor_client, pages, httpserver,
                                                    django_capture_on_commit_callbacks):
    import_urls(editor_client, django_capture_on_commit_callbacks,
                [pages["good"], "", f"  {pages['good']}  "])

    run = ImportRun.objects.get()
    assert run.items.count() == 1
    assert Article.objects.count() == 1
    assert len([r for r, _ in httpserver.log if r.path.startswith("/world/")]) == 1


def test_a_page_imported_before_is_a_duplicate(editor_client, pages,
                                               django_capture_on_commit_callbacks):
    import_urls(editor_client, django_capture_on_commit_callbacks, [pages["good"]])
    first = Article.objects.get()
    import_urls(editor_client, django_capture_on_commit_callbacks, [pages["good"]])

    item = ImportRun.objects.latest("pk").items.get()
    assert item.outcome == ImportItem.Outcome.DUPLICATE
    assert item.article == first
    assert item.reason.startswith(f"duplicate of article #{first.pk}")


def test_lines_that_are_not_urls_are_refused_before_anything_is_fetched(editor_client,
                                                                         httpserver):
    response = editor_client.post(URLS, {"urls": "https://example.com/a\nnot a url\nftp://x/y"})

    assert response.status_code == 200
    errors = response.context["form"].errors["urls"][0]
    assert "line 2: not a url" in errors and "line 3: ftp://x/y" in errors
    assert not ImportRun.objects.exists()
    assert httpserver.log == []
