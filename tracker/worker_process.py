"""A real Celery worker as a child process, for the tests and the benchmarks that need one.

Both start the same worker (both queues, two prefork processes) in its own process group, so
that stopping it also stops the pool processes it forked; only the environment, the name and
the log differ.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[1]
CELERY = str(Path(sys.executable).with_name("celery"))


class WorkerFailed(RuntimeError):
    """The worker exited, or did not answer a ping in time."""


def start_worker(
    *,
    env: dict[str, str],
    name: str,
    out: IO,
    ping: Callable[[], bool],
    loglevel: str = "info",
    timeout: float = 60,
) -> subprocess.Popen:
    """``celery -A tracker worker -Q default,extraction --concurrency 2``, returned once it
    answers ``ping()`` (its pool processes may still be loading spaCy). On failure it is
    stopped and :class:`WorkerFailed` raised."""
    worker = subprocess.Popen(
        [CELERY, "-A", "tracker", "worker", "-Q", "default,extraction", "--concurrency", "2",
         "-P", "prefork", "-l", loglevel, "-n", f"{name}-{os.getpid()}@%h",
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: stop_worker reaches the pool too
    )
    deadline = time.monotonic() + timeout
    try:
        while not ping():
            if worker.poll() is not None:
                raise WorkerFailed(f"the worker exited ({worker.returncode})")
            if time.monotonic() > deadline:
                raise WorkerFailed(f"the worker did not answer within {timeout:g} s")
            time.sleep(0.2)
    except BaseException:
        # in its own session it would outlive us: a failed ping, a broker error, Ctrl-C
        stop_worker(worker)
        raise
    return worker


def stop_worker(worker: subprocess.Popen, grace: float = 30) -> None:
    """SIGTERM the worker's process group (a warm shutdown), SIGKILL after ``grace`` s. The
    group is signalled even when the main process is gone: pool processes may be left."""
    try:
        os.killpg(worker.pid, signal.SIGTERM)
    except ProcessLookupError:
        return  # nothing of the group is left
    try:
        worker.wait(grace)
    except subprocess.TimeoutExpired:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()
