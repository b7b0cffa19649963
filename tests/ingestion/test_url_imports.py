"""Importing URLs: the real sample pages end to end, and every way a fetch fails, served by
pytest-httpserver (never the internet)."""
import functools
import json
import time

import pytest
from werkzeug import Response

from claims import tasks
from claims.ingest import read_sources
from claims.models import Article, ImportItem, ImportRun
from claims.services import ingestion
from claims.services.ingestion import TryAgainLater, import_run_start, url_import
from tests.ingest.samples import differences

from .conftest import HTML_SAMPLES, article_html, english_body

pytestmark = pytest.mark.django_db

EXPECTED = (json.loads((HTML_SAMPLES / "expected.json").read_text(encoding="utf-8"))
            if (HTML_SAMPLES / "expected.json").is_file() else {})
NON_ENGLISH = {"xinhuanet.com.c_1125597921.html": "zh"}


@pytest.mark.parametrize("name", sorted(EXPECTED) or ["(the sample pages are absent)"])
def test_a_real_page_is_imported_end_to_end(html_samples, httpserver, name):
    expected = EXPECTED[name]
    httpserver.expect_request(f"/{name}").respond_with_data(
        (html_samples / name).read_bytes(), content_type="text/html")
    url = httpserver.url_for(f"/{name}")
    run = import_run_start(source=ImportRun.Source.URLS)
    item = url_import(run_id=run.pk, url=url)
    assert item.outcome == ImportItem.Outcome.CREATED, item.reason
    article = Article.objects.get(pk=item.article_id)
    assert differences(article, expected) == []
    assert article.url == url
    assert article.canonical_url  # the page's own canonical link, else the URL fetched
    assert article.published_at is None or article.published_at.tzinfo is not None
    language = NON_ENGLISH.get(name, "en")
    assert article.language == language
    assert article.extraction_status == (Article.Extraction.PENDING if language == "en"
                                         else Article.Extraction.SKIPPED)
    run.refresh_from_db()
    assert (run.status, run.created_count) == (ImportRun.Status.DONE, 1)


def test_the_real_pages_through_the_command_in_one_run(html_samples, httpserver,
                                                       import_articles):
    for name in EXPECTED:
        httpserver.expect_request(f"/{name}").respond_with_data(
            (html_samples / name).read_bytes(), content_type="text/html; charset=utf-8")
    urls = [httpserver.url_for(f"/{name}") + "?utm_source=rss" for name in sorted(EXPECTED)]
    result = import_articles("--json", *urls)
    assert result.code == 0, result.summary["failures"]
    assert result.summary["created"] == len(EXPECTED)
    for name, expected in EXPECTED.items():
        article = Article.objects.get(url__contains=f"/{name}")
        assert differences(article, expected) == [], name
    # The same pages again, with other tracking parameters: nothing new.
    again = import_articles("--json", *[u.replace("utm_source=rss", "fbclid=x") for u in urls])
    assert (again.summary["created"], again.summary["duplicates"]) == (0, len(EXPECTED))


def test_a_redirect_and_rel_canonical_decide_the_canonical_url(httpserver, import_articles):
    httpserver.expect_request("/short").respond_with_response(
        Response(status=301, headers={"Location": httpserver.url_for("/long/story/")}))
    httpserver.expect_request("/long/story/").respond_with_data(
        article_html(title="Redirected", body=english_body("r")), content_type="text/html")
    httpserver.expect_request("/other").respond_with_data(
        article_html(title="Canonical", body=english_body("c"),
                     canonical="https://news.example.com/canonical?utm_medium=x#top"),
        content_type="text/html")
    result = import_articles("--json", httpserver.url_for("/short?fbclid=1"),
                             httpserver.url_for("/other"))
    assert result.code == 0
    redirected = Article.objects.get(title="Redirected")
    assert redirected.canonical_url == httpserver.url_for("/long/story")
    assert Article.objects.get(title="Canonical").canonical_url == \
        "https://news.example.com/canonical"


@pytest.fixture
def quick_fetch(monkeypatch):
    """The command's fetches with a short time-out and a 200 kB size cap."""
    monkeypatch.setattr(ingestion, "read_sources",
                        functools.partial(read_sources, timeout=0.3, max_bytes=200_000))


def test_each_failed_fetch_has_a_readable_reason_and_the_good_page_is_stored(
        httpserver, import_articles, quick_fetch):
    httpserver.expect_request("/good").respond_with_data(
        article_html(title="Good page", body=english_body("good")), content_type="text/html")
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    httpserver.expect_request("/broken").respond_with_data("oops", status=500)
    httpserver.expect_request("/report.pdf").respond_with_data(
        b"%PDF-1.7\n...", content_type="application/pdf")
    httpserver.expect_request("/mislabelled").respond_with_data(
        b"%PDF-1.7\n...", content_type="text/html")
    httpserver.expect_request("/huge").respond_with_data(
        "<html><body>" + "<p>word</p>" * 30_000 + "</body></html>", content_type="text/html")
    httpserver.expect_request("/image").respond_with_data(b"\x89PNG....",
                                                          content_type="image/png")
    httpserver.expect_request("/empty").respond_with_data("", content_type="text/html")

    def slow(request):
        time.sleep(0.8)
        return Response("<html></html>", content_type="text/html")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    names = ["gone", "broken", "report.pdf", "mislabelled", "huge", "image", "empty", "slow"]
    result = import_articles("--json", httpserver.url_for("/good"),
                             *[httpserver.url_for(f"/{n}") for n in names])
    time.sleep(0.8)  # the one-thread test server is busy until the slow handler returns
    assert result.code == 1
    reasons = {source.rsplit("/", 1)[1]: reason for source, reason in result.reasons().items()}
    assert reasons.pop("gone") == "HTTP 404 Not Found"
    assert reasons.pop("broken") == "HTTP 500 Internal Server Error"
    assert reasons.pop("report.pdf") == "not HTML (application/pdf)"
    assert reasons.pop("mislabelled") == "not HTML (application/pdf)"
    assert reasons.pop("huge") == "over the 200 kB size cap"
    assert reasons.pop("image") == "not HTML (image/png)"
    assert reasons.pop("empty")  # a readable reason, whatever its wording
    assert reasons.pop("slow") == "timed out after 0.3 s"
    assert reasons == {}
    assert Article.objects.get().title == "Good page"
    run = ImportRun.objects.get()
    assert (run.status, run.created_count, run.failed_count) == (
        ImportRun.Status.PARTIAL, 1, len(names))
    assert run.items.filter(outcome=ImportItem.Outcome.FAILED, reason="").count() == 0


def test_a_page_over_the_default_size_cap_is_refused(httpserver):
    httpserver.expect_request("/huge").respond_with_data(
        b"<html><body>" + b"<p>word</p>" * 500_000 + b"</body></html>",
        content_type="text/html")
    run = import_run_start(source=ImportRun.Source.URLS)
    item = url_import(run_id=run.pk, url=httpserver.url_for("/huge"))
    assert (item.outcome, item.reason) == (ImportItem.Outcome.FAILED,
                                           "over the 5 MB size cap")


def test_a_transient_error_raises_try_again_later_before_the_last_attempt(httpserver):
    httpserver.expect_request("/flaky").respond_with_data("busy", status=503)
    run = import_run_start(source=ImportRun.Source.URLS)
    url = httpserver.url_for("/flaky")
    with pytest.raises(TryAgainLater, match="HTTP 503 Service Unavailable"):
        url_import(run_id=run.pk, url=url, last_attempt=False)
    item = ImportItem.objects.filter(run=run, source=url).first()
    assert item is None or item.outcome == ImportItem.Outcome.PENDING
    final = url_import(run_id=run.pk, url=url, last_attempt=True)
    assert (final.outcome, final.reason) == (ImportItem.Outcome.FAILED,
                                             "HTTP 503 Service Unavailable")


def test_a_permanent_error_is_not_retried(httpserver):
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    run = import_run_start(source=ImportRun.Source.URLS)
    item = url_import(run_id=run.pk, url=httpserver.url_for("/gone"), last_attempt=False)
    assert (item.outcome, item.reason) == (ImportItem.Outcome.FAILED, "HTTP 404 Not Found")


@pytest.fixture
def eager_retries():
    """Eager tasks whose retries run again at once instead of raising Retry to the caller."""
    from tracker.celery import app

    before = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = before


def test_the_import_url_task_retries_a_500_then_records_the_failure(httpserver, eager_retries):
    httpserver.expect_request("/broken").respond_with_data("oops", status=500)
    run = import_run_start(source=ImportRun.Source.URLS)
    url = httpserver.url_for("/broken")
    ImportItem.objects.create(run=run, source=url)
    # Run eagerly, a retry is applied again at once (no countdown) until the last attempt.
    result = tasks.import_url.apply(args=(run.pk, url), throw=False)
    assert result.get() == ImportItem.Outcome.FAILED
    attempts = [entry for entry in httpserver.log if entry[0].path == "/broken"]
    assert len(attempts) == tasks.import_url.max_retries + 1
    item = ImportItem.objects.get(run=run, source=url)
    assert (item.outcome, item.reason) == (ImportItem.Outcome.FAILED,
                                           "HTTP 500 Internal Server Error")
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED


def test_the_import_url_task_succeeds_once_the_server_recovers(httpserver, eager_retries):
    httpserver.expect_ordered_request("/recovers").respond_with_data("busy", status=503)
    httpserver.expect_ordered_request("/recovers").respond_with_data(
        article_html(title="Back again", body=english_body("back")), content_type="text/html")
    run = import_run_start(source=ImportRun.Source.URLS)
    url = httpserver.url_for("/recovers")
    assert tasks.import_url.apply(args=(run.pk, url), throw=False).get() == "created"
    item = ImportItem.objects.get(run=run, source=url)
    assert item.outcome == ImportItem.Outcome.CREATED
    assert item.article.title == "Back again"


def test_the_task_declares_late_acks_and_backoff():
    task = tasks.import_url
    assert task.acks_late and tasks.extract_article.acks_late and tasks.poll_feed.acks_late
    assert task.autoretry_for == (TryAgainLater,)
    assert task.retry_backoff and task.max_retries >= 3


def test_a_finished_url_is_not_fetched_again_when_the_task_is_redelivered(httpserver):
    httpserver.expect_request("/once").respond_with_data(
        article_html(title="Once", body=english_body("once")), content_type="text/html")
    run = import_run_start(source=ImportRun.Source.URLS)
    url = httpserver.url_for("/once")
    first = url_import(run_id=run.pk, url=url)
    second = url_import(run_id=run.pk, url=url)
    assert second.pk == first.pk and second.outcome == ImportItem.Outcome.CREATED
    assert len(httpserver.log) == 1
    assert Article.objects.count() == 1


def test_import_urls_enqueue_queues_one_task_per_url_after_commit(
        httpserver, django_capture_on_commit_callbacks):
    from claims.services.ingestion import import_urls_enqueue

    for n in (1, 2):
        httpserver.expect_request(f"/p{n}").respond_with_data(
            article_html(title=f"Page {n}", body=english_body(f"p{n}")),
            content_type="text/html")
    run = import_run_start(source=ImportRun.Source.URLS)
    urls = [httpserver.url_for("/p1"), httpserver.url_for("/p2"), httpserver.url_for("/p1")]
    with django_capture_on_commit_callbacks() as queued:
        run = import_urls_enqueue(run=run, urls=urls)
        assert run.status == ImportRun.Status.RUNNING
        assert run.items.filter(outcome=ImportItem.Outcome.PENDING).count() == 2
        assert not httpserver.log  # nothing is fetched before the commit
    assert len(queued) == 2
    for send in queued:
        send()
    run.refresh_from_db()
    assert (run.status, run.created_count) == (ImportRun.Status.DONE, 2)


def test_a_surprise_while_storing_a_fetched_page_fails_the_item_not_the_run(
        httpserver, monkeypatch):
    httpserver.expect_request("/page").respond_with_data(
        article_html(title="Page", body=english_body("surprise")), content_type="text/html")

    def explode(**kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(ingestion, "article_store", explode)
    run = import_run_start(source=ImportRun.Source.URLS)
    url = httpserver.url_for("/page")
    ImportItem.objects.create(run=run, source=url)
    item = url_import(run_id=run.pk, url=url)
    assert (item.outcome, item.reason) == (ImportItem.Outcome.FAILED,
                                           "could not be stored: disk on fire")
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED and run.finished_at is not None


def test_a_surprise_while_reading_a_page_fails_the_item_not_the_run(httpserver, monkeypatch):
    httpserver.expect_request("/page").respond_with_data(
        article_html(title="Page", body=english_body("odd")), content_type="text/html")

    def parser_bug(*args, **kwargs):
        raise AttributeError("'NoneType' object has no attribute 'text'")

    monkeypatch.setattr(ingestion, "fetch_article", parser_bug)
    run = import_run_start(source=ImportRun.Source.URLS)
    url = httpserver.url_for("/page")
    item = url_import(run_id=run.pk, url=url)
    assert item.outcome == ImportItem.Outcome.FAILED
    assert item.reason.startswith("could not be read: ")
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED
