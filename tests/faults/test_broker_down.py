"""The broker (Redis) down during an import: the command says the extraction of its articles
could not be queued (summary and exit status 3), and once the broker is back the
extract_pending sweep queues them without a rerun."""
import json

import pytest
from django.utils import timezone

from claims import tasks
from claims.models import Article
from claims.services.queue import extraction_queue_empty
from tests.celery.conftest import _drop_connections
from tests.ingestion.conftest import english_body, run_command

pytestmark = pytest.mark.django_db

ARTICLES = 20


@pytest.fixture
def broker(settings, own_redis):
    """The app sends to the test's own Redis instead of running tasks in-process."""
    from tracker.celery import app

    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager",
                                             "broker_transport_options")}
    settings.CELERY_TASK_ALWAYS_EAGER = False
    # Fail fast while the broker is away: one attempt per message, no waiting between.
    app.conf.update(broker_url=own_redis.url, task_always_eager=False,
                    broker_transport_options={**saved["broker_transport_options"],
                                              "max_retries": 1, "interval_start": 0,
                                              "interval_step": 0})
    _drop_connections(app)
    yield own_redis
    _drop_connections(app)
    app.conf.update(**saved)


def queued_messages(server) -> int:
    return server.client().llen("extraction")


def test_an_import_with_the_broker_down_says_so_and_the_sweep_queues_it_later(
        broker, tmp_path, django_capture_on_commit_callbacks):
    path = tmp_path / "many.ndjson"
    path.write_text("".join(json.dumps({"title": f"Report {i}", "body": english_body(f"b{i}")})
                            + "\n" for i in range(ARTICLES)), encoding="utf-8")
    broker.stop()
    with django_capture_on_commit_callbacks(execute=True):
        result = run_command("--json", path)
    assert result.code == 3
    assert result.summary["created"] == ARTICLES and result.summary["failed"] == 0
    assert result.summary["not_queued"] == ARTICLES
    assert Article.objects.filter(extraction_queued_at__isnull=True,
                                  extraction_status=Article.Extraction.PENDING
                                  ).count() == ARTICLES

    assert not extraction_queue_empty()  # the broker cannot say: taken as not empty

    broker.start()
    assert extraction_queue_empty()
    # Two minutes later the sweep (every two minutes under beat) finds them.
    Article.objects.update(created_at=timezone.now() - timezone.timedelta(minutes=3))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.extract_pending.apply().get() == ARTICLES
    assert not Article.objects.filter(extraction_queued_at__isnull=True).exists()
    assert queued_messages(broker) == -(-ARTICLES // 8)  # batches of EXTRACTION_BATCH_SIZE
    assert not extraction_queue_empty()


def test_the_sweep_queues_a_lost_message_again_only_once_the_queue_is_empty(
        broker, django_capture_on_commit_callbacks):
    from claims.services.articles import article_store

    article = article_store(title="Lost", body=english_body("lost")).article
    long_ago = timezone.now() - timezone.timedelta(minutes=11)  # twice the timeout is 10
    Article.objects.filter(pk=article.pk).update(created_at=long_ago,
                                                 extraction_queued_at=long_ago)
    broker.client().rpush("extraction", b"a message of someone else's waiting")
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.extract_pending.apply().get() == 0  # it may be waiting in the queue
    broker.client().delete("extraction")
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.extract_pending.apply().get() == 1  # the broker lost it: queued again
    assert queued_messages(broker) == 1


def test_the_text_summary_names_what_was_not_queued(broker, tmp_path,
                                                    django_capture_on_commit_callbacks):
    path = tmp_path / "one.txt"
    path.write_text("Minister denies alliance\n\n" + english_body("t"), encoding="utf-8")
    broker.stop()
    with django_capture_on_commit_callbacks(execute=True):
        result = run_command(path)
    assert result.code == 3
    assert "1 created" in result.out
    assert "could not be queued" in result.out and "no rerun needed" in result.out
