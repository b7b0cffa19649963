"""Handing work to Celery after the transaction commits.

Services name tasks instead of importing them (tasks are a face over services), and the
worker must never see an id whose row is not committed yet.
"""
import logging
from collections.abc import Callable, Iterable

from celery import current_app
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import ChannelError

from claims.models import Article
from claims.services import background

log = logging.getLogger(__name__)

EXTRACTION_QUEUE = "extraction"  # settings.CELERY_TASK_ROUTES


def enqueue_after_commit(task_name: str, *args,
                         on_error: Callable[[Exception], None] | None = None, **kwargs) -> None:
    """Send the task once the transaction commits. `on_error` is told when it could not be
    sent (no broker reachable; run in-process, the task itself raised), so work nothing
    sweeps up again (a URL's fetch) can be recorded as failed instead of pending for ever."""
    transaction.on_commit(lambda: _send(task_name, *args, on_error=on_error, **kwargs))


def _send(task_name: str, *args, on_error: Callable[[Exception], None] | None = None,
          **kwargs) -> bool:
    if background.in_background():
        # No broker: run after the response, in this process (claims/services/background.py).
        background.submit(lambda: _send_now(task_name, args, kwargs, on_error),
                          f"{task_name}{args!r}")
        return True
    return _send_now(task_name, args, kwargs, on_error)


def _send_now(task_name: str, args, kwargs,
              on_error: Callable[[Exception], None] | None) -> bool:
    try:
        current_app.tasks[task_name].apply_async(args=args, kwargs=kwargs)
    except Exception as exc:
        # What was committed stays committed: an article whose extraction could not be
        # queued stays "pending", and the extract_pending sweep queues it again.
        log.exception("could not queue %s%r", task_name, args)
        if on_error is not None:
            on_error(exc)
        return False
    return True


def enqueue_extraction(article_ids: Iterable[int]) -> None:
    """Queue the extraction of these articles after commit, EXTRACTION_BATCH_SIZE per task:
    the worker parses a task's articles in one pass, and fewer, larger messages cost less."""
    ids = list(article_ids)
    size = max(settings.EXTRACTION_BATCH_SIZE, 1)
    for k in range(0, len(ids), size):
        batch = ids[k : k + size]
        transaction.on_commit(lambda batch=batch: _send_extraction(batch))


def _send_extraction(article_ids: list[int]) -> None:
    if _send("claims.tasks.extract_articles", article_ids):
        # An article the worker already finished is not pending any more and is left alone.
        Article.objects.filter(pk__in=article_ids, extraction_status=Article.Extraction.PENDING
                               ).update(extraction_queued_at=timezone.now())


def extraction_queue_empty() -> bool:
    """No message waiting in the extraction queue (run in-process: nothing ever waits). False
    when the broker cannot say: the sweep then leaves queued articles alone."""
    if current_app.conf.task_always_eager:
        return True
    try:
        with current_app.connection_for_read() as conn:
            declared = conn.default_channel.queue_declare(queue=EXTRACTION_QUEUE, passive=True)
            return declared.message_count == 0
    except ChannelError:
        return True  # no such queue: Redis drops a list once its last message is taken
    except Exception:
        log.warning("could not read the extraction queue's length", exc_info=True)
        return False
