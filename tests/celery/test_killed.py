"""Killed in the middle, nothing lost: an import command killed with SIGKILL is finished by a
rerun without duplicates, and a worker process killed during an extraction has its task
delivered again (acks_late with reject_on_worker_lost) and stored once."""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db.models import Count

from claims import tasks
from claims.models import Article, ImportRun, Quote
from claims.services.articles import article_store
from tests.ingestion.conftest import english_body
from tests.ingestion.conftest import run_command as import_articles

from .conftest import _database_url, wait_for, worker_env

pytestmark = [pytest.mark.celery_worker]

TIMEOUT = 120


def quoted_body(tag: str) -> str:
    return (f"{english_body(tag)}\n\n\"We will not change course,\" Pavel Zarubin told "
            f"reporters in {tag}.")


def no_quote_twice(article_ids) -> bool:
    spans = (Quote.objects.filter(article_id__in=article_ids)
             .values("article_id", "start", "end").annotate(n=Count("id")).filter(n__gt=1))
    return not spans.exists()


def all_extracted(article_ids):
    return not Article.objects.filter(pk__in=article_ids).exclude(
        extraction_status=Article.Extraction.DONE).exists()


def test_an_import_killed_half_way_is_finished_by_a_rerun(celery_worker, tmp_path):
    total = 300
    path = tmp_path / "many.ndjson"
    path.write_text("".join(json.dumps({"title": f"Report {i}", "body": quoted_body(f"k{i}")})
                            + "\n" for i in range(total)), encoding="utf-8")
    env = dict(os.environ, **worker_env(), DATABASE_URL=_database_url(),
               CELERY_TASK_ALWAYS_EAGER="0", DJANGO_SETTINGS_MODULE="tracker.settings",
               LOG_LEVEL="WARNING")
    command = subprocess.Popen(
        [sys.executable, "manage.py", "import_articles", "--json", str(path)],
        cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: Article.objects.count() >= 30, timeout=TIMEOUT,
                 what="the first articles of the import", every=0.02)
    finally:
        command.send_signal(signal.SIGKILL)
        command.wait()
    stored_by_killed = Article.objects.count()
    assert stored_by_killed < total, "the import ended before it was killed"
    assert ImportRun.objects.get().status == ImportRun.Status.RUNNING

    result = import_articles("--json", path)
    assert result.code == 0
    assert result.summary["created"] + result.summary["duplicates"] == total
    assert result.summary["duplicates"] == stored_by_killed
    assert Article.objects.count() == total
    ids = list(Article.objects.values_list("pk", flat=True))
    wait_for(lambda: all_extracted(ids), timeout=TIMEOUT, what="extraction of every article",
             worker=celery_worker)
    assert no_quote_twice(ids)
    assert Quote.objects.filter(article_id__in=ids, speaker_name="Pavel Zarubin").count() == total


def _pool_processes(worker) -> list[int]:
    children = Path(f"/proc/{worker.pid}/task/{worker.pid}/children")
    return [int(pid) for pid in children.read_text().split()]


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_a_worker_process_killed_during_extraction_loses_nothing(celery_worker):
    ids = [article_store(title=f"Report {i}", body=quoted_body(f"w{i}")).article.pk
           for i in range(6)]
    pool = _pool_processes(celery_worker)
    assert len(pool) == 2
    # The first extraction in a fresh worker process loads spaCy (seconds): kill it then.
    tasks.extract_articles.apply_async((ids,))
    wait_for(lambda: "extract_articles" in celery_worker.log.read_text(), timeout=TIMEOUT,
             what="the task reaching the worker", worker=celery_worker, every=0.05)
    time.sleep(0.3)
    for pid in pool:
        os.kill(pid, signal.SIGKILL)
    assert Article.objects.filter(pk__in=ids, extraction_status=Article.Extraction.PENDING
                                  ).count() == len(ids), "the task finished before the kill"

    wait_for(lambda: all_extracted(ids), timeout=TIMEOUT,
             what="the task delivered again to a new worker process", worker=celery_worker)
    assert set(_pool_processes(celery_worker)).isdisjoint(pool)  # new processes did it
    assert no_quote_twice(ids)
    assert Quote.objects.filter(article_id__in=ids).count() >= len(ids)
