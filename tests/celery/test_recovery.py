"""Recovery after a crash, timed: a whole worker killed with SIGKILL mid-batch and started
again has every article extracted, once, a visibility timeout after its last heartbeat; a live
worker's batch that runs past the visibility timeout is not handed out a second time.

The timeout is shortened here (CELERY_VISIBILITY_TIMEOUT=15, heartbeat every 3 s); production
runs 300 s and 30 s (docs/operations.md, "Recovery after a crash").
"""
import os
import re
import signal
import time

import pytest

from claims import tasks
from claims.models import Article, Quote
from claims.services.articles import article_store
from tracker.worker_process import stop_worker

from .conftest import _redis_up, clear_broker, launch_worker, wait_for
from .test_killed import all_extracted, no_quote_twice, quoted_body

pytestmark = [pytest.mark.celery_worker]

VISIBILITY = 15
HEARTBEAT = 3
SETTINGS = {"CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY),
            "CELERY_UNACKED_HEARTBEAT": str(HEARTBEAT)}
# The broker looks for stale messages every 10 s; a restarted worker loads spaCy (~10 s).
RECOVERY = VISIBILITY + 10 + 60


@pytest.fixture
def workers(transactional_db, celery_app, tmp_path):
    if not _redis_up():
        pytest.skip("Redis is not answering on 127.0.0.1:6379")
    clear_broker()
    started = []

    def start(log_name: str, **settings):
        worker = launch_worker(celery_app, tmp_path / log_name, **(SETTINGS | settings))
        started.append(worker)
        return worker

    try:
        yield start
    finally:
        for worker in started:
            stop_worker(worker)
        clear_broker()


def received(worker, task_id: str) -> int:
    return len(re.findall(rf"extract_articles\[{task_id}\] received", worker.log.read_text()))


def test_a_worker_killed_mid_batch_is_recovered_within_the_visibility_timeout(workers):
    ids = [article_store(title=f"Report {i}", body=quoted_body(f"r{i}")).article.pk
           for i in range(16)]
    first = workers("first.log")
    sent = [tasks.extract_articles.apply_async((ids[:8],)),
            tasks.extract_articles.apply_async((ids[8:],))]
    wait_for(lambda: all(received(first, r.id) for r in sent), timeout=60,
             what="both batches reaching the worker", worker=first, every=0.05)
    time.sleep(0.5)  # the pool processes are loading spaCy: mid-batch
    os.killpg(first.pid, signal.SIGKILL)  # the whole worker, main process and pool
    first.wait()
    assert Article.objects.filter(pk__in=ids, extraction_status=Article.Extraction.PENDING
                                  ).count() == len(ids), "a batch finished before the kill"

    killed_at = time.monotonic()
    second = workers("second.log")
    wait_for(lambda: all_extracted(ids), timeout=RECOVERY,
             what="the killed worker's batches delivered again", worker=second)
    recovered_in = time.monotonic() - killed_at
    print(f"recovered {len(ids)} articles {recovered_in:.0f} s after the kill "
          f"(visibility timeout {VISIBILITY} s)")
    assert recovered_in >= VISIBILITY - 1, "delivered again before the timeout"
    # Each batch delivered again once, each article extracted once.
    assert [received(second, r.id) for r in sent] == [1, 1]
    assert no_quote_twice(ids)
    assert Quote.objects.filter(article_id__in=ids, speaker_name="Pavel Zarubin").count() == 16


def test_a_batch_running_past_the_visibility_timeout_is_not_handed_out_again(workers):
    # A 6 s timeout, a beat every 1.5 s, and one batch of 200 articles of ten quoted
    # paragraphs each in a fresh worker (spaCy loads first): past the timeout. (Of one
    # paragraph each, the batch took 4 s once extraction got faster, and the test skipped.)
    ids = [article_store(title=f"Long {i}", body="\n\n".join(
               quoted_body(f"l{i}p{k}") for k in range(10))).article.pk
           for i in range(200)]
    # The broker looks for stale messages every second here (10 s in production).
    worker = workers("long.log", CELERY_VISIBILITY_TIMEOUT="6", CELERY_UNACKED_HEARTBEAT="1.5",
                     CELERY_RESTORE_INTERVAL="1")
    started = time.monotonic()
    result = tasks.extract_articles.apply_async((ids,))
    wait_for(lambda: all_extracted(ids), timeout=240, what="the long batch", worker=worker)
    took = time.monotonic() - started
    if took < 6 + 1 + 1.5:
        pytest.skip(f"the batch took {took:.0f} s, too short to be handed out again")
    time.sleep(2)
    assert received(worker, result.id) == 1, f"handed out again during its {took:.0f} s"
    assert no_quote_twice(ids)
