"""A real Celery worker against the real Redis: an article imported by the command is
extracted by the worker, a URL import goes through both queues, and redelivered tasks
(what acks_late does after a killed worker) duplicate nothing."""
import pytest

from claims import tasks
from claims.models import Article, ArticleAppearance, ImportItem, ImportRun, Quote
from claims.services.ingestion import import_run_start, import_urls_enqueue
from tests.ingestion.conftest import run_command as import_articles

from .conftest import wait_for

pytestmark = [pytest.mark.celery_worker]

# The worker loads spaCy on its first extraction.
TIMEOUT = 90

BODY = (
    "The foreign minister said on Tuesday that no military alliance exists between the two "
    "countries, rejecting reports published by several newspapers last week.\n\n"
    "\"We cooperate openly, and we keep nothing secret,\" Pavel Zarubin told reporters in the "
    "capital. \"Words are cheap,\" he added.\n\n"
    "Officials in Washington said they were watching the situation closely."
)


def extracted(article_id: int):
    article = Article.objects.get(pk=article_id)
    return article if article.extraction_status != Article.Extraction.PENDING else None


def test_an_imported_article_is_extracted_by_the_worker(celery_worker, tmp_path):
    path = tmp_path / "minister.txt"
    path.write_text("Minister denies alliance\n\n" + BODY, encoding="utf-8")
    result = import_articles("--json", path)
    assert result.code == 0
    [article_id] = result.summary["article_ids"]
    article = wait_for(lambda: extracted(article_id), timeout=TIMEOUT,
                       what="extraction by the worker", worker=celery_worker)
    assert article.extraction_status == Article.Extraction.DONE, article.extraction_note
    quotes = list(article.quotes.all())
    assert len(quotes) >= 2
    assert all(q.text == article.body[q.start:q.end] for q in quotes)
    assert "Pavel Zarubin" in {q.speaker_name for q in quotes}


def test_a_url_import_runs_on_the_default_queue_then_extraction(celery_worker, httpserver):
    html = ("<html lang='en'><head><title>Envoy rejects report</title></head><body><article>"
            "<h1>Envoy rejects report</h1>"
            + "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
            + "</article></body></html>")
    httpserver.expect_request("/envoy").respond_with_data(html, content_type="text/html")
    run = import_run_start(source=ImportRun.Source.URLS)
    url = httpserver.url_for("/envoy")
    import_urls_enqueue(run=run, urls=[url])  # autocommit: queued at once
    item = wait_for(lambda: ImportItem.objects.filter(run=run, source=url)
                    .exclude(outcome=ImportItem.Outcome.PENDING).first(),
                    timeout=TIMEOUT, what="the import_url task", worker=celery_worker)
    assert item.outcome == ImportItem.Outcome.CREATED, item.reason
    article = wait_for(lambda: extracted(item.article_id), timeout=TIMEOUT,
                       what="extraction by the worker", worker=celery_worker)
    assert article.extraction_status == Article.Extraction.DONE
    assert article.quotes.exists()
    run.refresh_from_db()
    assert (run.status, run.created_count) == (ImportRun.Status.DONE, 1)


def test_redelivered_tasks_duplicate_nothing(celery_worker, httpserver, tmp_path):
    path = tmp_path / "minister.txt"
    path.write_text("Minister denies alliance\n\n" + BODY, encoding="utf-8")
    [article_id] = import_articles("--json", path).summary["article_ids"]
    wait_for(lambda: extracted(article_id), timeout=TIMEOUT, what="the first extraction",
             worker=celery_worker)
    spans = set(Quote.objects.filter(article_id=article_id).values_list("start", "end"))
    # The same extraction delivered twice more, at the same time, to two worker processes.
    again = [tasks.extract_article.apply_async((article_id,)) for _ in range(2)]
    counts = [r.get(timeout=TIMEOUT) for r in again]
    assert counts == [len(spans), len(spans)]
    assert set(Quote.objects.filter(article_id=article_id).values_list("start", "end")) == spans

    # The same URL import delivered twice: one article, one item.
    httpserver.expect_request("/copy").respond_with_data(
        "<html lang='en'><head><title>Copy</title></head><body><article>"
        + "".join(f"<p>{p}</p>" for p in BODY.split("\n\n")) + "</article></body></html>",
        content_type="text/html")
    run = import_run_start(source=ImportRun.Source.URLS)
    url = httpserver.url_for("/copy")
    ImportItem.objects.create(run=run, source=url)
    outcomes = [r.get(timeout=TIMEOUT) for r in
                [tasks.import_url.apply_async((run.pk, url)) for _ in range(2)]]
    # The page holds the same text as the file: a syndicated copy, stored as an appearance.
    assert outcomes == [ImportItem.Outcome.DUPLICATE, ImportItem.Outcome.DUPLICATE]
    assert Article.objects.count() == 1
    assert ArticleAppearance.objects.filter(article_id=article_id).count() == 1
    assert run.items.count() == 1


def test_another_test_runs_tasks_are_left_alone(celery_worker, celery_app):
    # Another run on this machine uses the same Redis database under a key prefix of its own:
    # its queued task stays in its queue, untouched by this run's worker.
    import redis

    from .conftest import BROKER, KEY_PREFIX

    other = f"{KEY_PREFIX}other-run:"
    client = redis.Redis.from_url(BROKER)
    try:
        with celery_app.connection_for_write() as conn:
            conn.transport_options["global_keyprefix"] = other
            tasks.extract_articles.apply_async(([2**40],), connection=conn)
        assert client.llen(f"{other}extraction") == 1
        # A task of this run sent after it is done, so the worker has polled past the other.
        mine = tasks.extract_articles.apply_async(([2**40 + 1],))
        assert mine.get(timeout=TIMEOUT)["missing"] == 1
        assert client.llen(f"{other}extraction") == 1
    finally:
        for key in client.scan_iter(match=f"{other}*"):
            client.delete(key)
