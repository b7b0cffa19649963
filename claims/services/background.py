"""Tasks run in-process, after the response, when there is no broker (the quick start).

Without a broker Celery runs a task eagerly, inside the call that queued it: a pasted 1.5 MB
article held its POST for 8 minutes while it was extracted. Here the task goes to one thread of
the process instead, which runs queued tasks one after another (one spaCy model, one writer on
SQLite). The thread is not a daemon: a command (import_articles, load_sample_data) prints its
summary and then waits for the extractions it queued before the process exits. Tasks queued in
a process that is killed stay pending: the extract_pending task (run by beat where there is a
broker) queues them again.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from django.conf import settings

log = logging.getLogger(__name__)

_executor: ThreadPoolExecutor | None = None
_lock = threading.Lock()
_idle = threading.Condition(_lock)
_outstanding = 0  # tasks handed to the thread and not finished (those they queue included)


def in_background() -> bool:
    """True when tasks run in-process and TASKS_IN_BACKGROUND says after the response."""
    return bool(settings.CELERY_TASK_ALWAYS_EAGER and settings.TASKS_IN_BACKGROUND)


def submit(run: Callable[[], object], what: str) -> Future:
    global _executor, _outstanding
    with _lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tasks")
        try:
            future = _executor.submit(_run, run, what)
            _outstanding += 1
            return future
        except RuntimeError:
            # The interpreter is exiting while the thread runs a command's last tasks (make
            # run's load_sample_data), and one of them queues a follow-up (extraction queues
            # the relations task): the executor takes no more, so it runs here, in that
            # thread. Refused, it had failed the extraction of every sample article.
            pass
    done: Future = Future()
    try:
        # Not _run: the caller's own connections stay open (it may still be using them).
        done.set_result(run())
    except Exception as exc:
        log.exception("background task %s failed", what)
        done.set_exception(exc)
    return done


def _run(run: Callable[[], object], what: str) -> object:
    global _outstanding
    from django.db import connections

    try:
        return run()
    except Exception:
        log.exception("background task %s failed", what)
        raise
    finally:
        # The thread's own database connections: not left open between tasks.
        connections.close_all()
        with _lock:
            _outstanding -= 1
            _idle.notify_all()


def wait(timeout: float | None = None) -> bool:
    """Wait until no task is left, those queued by tasks included (tests, and commands that
    must). False if some were still running after `timeout` seconds."""
    with _lock:
        return _idle.wait_for(lambda: _outstanding == 0, timeout)
