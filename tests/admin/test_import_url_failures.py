"""A URL whose fetch fails ends "failed" with its reason, whether the fetch runs in-process
(no broker), on a worker after its retries, or could not be queued at all: never "pending"."""
import pytest
from django.urls import reverse

from claims import tasks
from claims.models import ImportItem, ImportRun
from claims.services import ingestion
from claims.services.ingestion import import_run_start
from tests.admin.conftest import run_summary

pytestmark = pytest.mark.django_db

URLS = reverse("admin:claims_importrun_urls")
REASON = "HTTP 500 Internal Server Error"


@pytest.fixture
def broken(httpserver):
    httpserver.expect_request("/broken").respond_with_data("oops", status=500)
    return httpserver.url_for("/broken")


def test_a_500_without_a_broker_ends_failed_with_the_reason(
        editor_client, broken, httpserver, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(URLS, {"urls": broken})

    run = ImportRun.objects.get()
    item = run.items.get()
    assert (item.outcome, item.reason) == (ImportItem.Outcome.FAILED, REASON)
    assert run.status == ImportRun.Status.FAILED
    # In-process, a retry would only repeat the request at once: one request, then failed.
    assert len(httpserver.log) == 1
    content = editor_client.get(response.url).content.decode()
    assert run_summary(content) == "Failed: 0 created, 0 duplicate, 1 failed."
    assert REASON in content
    assert '<meta http-equiv="refresh"' not in content


def _url_item(url):
    run = import_run_start(source=ImportRun.Source.URLS)
    ImportItem.objects.create(run=run, source=url)
    return run


def test_on_a_worker_a_500_is_retried_then_failed_with_the_reason(broken):
    run = _url_item(broken)
    tasks.import_url.push_request(retries=0, is_eager=False)
    try:
        with pytest.raises(ingestion.TryAgainLater):
            tasks.import_url.run(run.pk, broken)
    finally:
        tasks.import_url.pop_request()
    assert run.items.get().outcome == ImportItem.Outcome.PENDING

    tasks.import_url.push_request(retries=tasks.import_url.max_retries, is_eager=False)
    try:
        assert tasks.import_url.run(run.pk, broken) == ImportItem.Outcome.FAILED
    finally:
        tasks.import_url.pop_request()
    run.refresh_from_db()
    assert (run.items.get().reason, run.status) == (REASON, ImportRun.Status.FAILED)


def test_a_task_that_breaks_records_its_item_as_failed(monkeypatch, broken):
    run = _url_item(broken)

    def explode(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(ingestion, "url_import", explode)
    result = tasks.import_url.apply(args=[run.pk, broken], throw=False)

    assert result.failed()
    item = run.items.get()
    assert (item.outcome, item.reason) == (ImportItem.Outcome.FAILED,
                                           "could not be fetched: database went away")
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED


@pytest.fixture
def unreachable_broker(settings):
    """Celery sending to a broker nobody listens on, as when Redis is down."""
    from tests.celery.conftest import _drop_connections
    from tracker.celery import app

    keys = ("broker_url", "task_always_eager", "task_publish_retry", "broker_connection_retry",
            "broker_connection_timeout")
    saved = {key: app.conf[key] for key in keys}
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.update(broker_url="redis://127.0.0.1:1/0", task_always_eager=False,
                    task_publish_retry=False, broker_connection_retry=False,
                    broker_connection_timeout=1)
    _drop_connections(app)
    yield app
    _drop_connections(app)
    app.conf.update(**saved)


def test_a_url_that_cannot_be_queued_fails_with_the_reason(
        editor_client, unreachable_broker, broken, httpserver,
        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(URLS, {"urls": broken})

    run = ImportRun.objects.get()
    item = run.items.get()
    assert item.outcome == ImportItem.Outcome.FAILED
    assert item.reason.startswith("not fetched: the task could not be queued")
    assert run.status == ImportRun.Status.FAILED
    assert httpserver.log == []
    content = editor_client.get(response.url).content.decode()
    assert "not fetched: the task could not be queued" in content
