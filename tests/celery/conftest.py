"""A real Celery worker (a subprocess) on the real Redis, against the test database.

The worker is another process: it sees only committed rows, so these tests use
``transactional_db``, and it is pointed at pytest-django's test database through
DATABASE_URL. The test process sends to the same broker (Redis db 9) and reads results from
it; the worker is always terminated when the test ends.

Two test runs on one machine share that database: each run's broker keys (queues,
unacknowledged tasks, the control channel a ping goes through) start with a prefix of its own
(KEY_PREFIX, kombu's global_keyprefix), so neither takes the other's tasks or answers its
pings, and a run clears only its own keys.
"""
from __future__ import annotations

import os
import socket
import time

import pytest
from django.db import connection

from tracker.worker_process import WorkerFailed, start_worker, stop_worker

REDIS_DB = 9
BROKER = f"redis://127.0.0.1:6379/{REDIS_DB}"
KEY_PREFIX = f"pytest-{socket.gethostname()}-{os.getpid()}:"
TRANSPORT_OPTIONS = {"global_keyprefix": KEY_PREFIX}
START_TIMEOUT = 60


def _redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=2):
            return True
    except OSError:
        return False


def _database_url() -> str:
    db = connection.settings_dict
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


def _drop_connections(app) -> None:
    """Forget the app's broker connections and result backend, made for another broker."""
    from kombu import pools

    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None
    app._backend_cache = None
    app._local.backend = None


@pytest.fixture
def celery_app(settings):
    """The test process's Celery app, sending to the worker's broker instead of running eagerly."""
    from tracker.celery import app

    saved = {key: app.conf[key] for key in ("broker_url", "result_backend",
                                             "task_always_eager", "broker_transport_options")}
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.update(broker_url=BROKER, result_backend=BROKER, task_always_eager=False,
                    broker_transport_options={**saved["broker_transport_options"],
                                              **TRANSPORT_OPTIONS})
    _drop_connections(app)
    yield app
    _drop_connections(app)
    app.conf.update(**saved)


@pytest.fixture
def celery_worker(transactional_db, celery_app, settings, tmp_path):
    """`celery -A tracker worker -Q default,extraction --concurrency 2` on the test database."""
    if not _redis_up():
        pytest.skip("Redis is not answering on 127.0.0.1:6379")
    clear_broker()
    worker = launch_worker(celery_app, tmp_path / "worker.log")
    try:
        yield worker
    finally:
        stop_worker(worker)
        clear_broker()


def launch_worker(celery_app, log, **extra_env):
    """A worker of this run on the test database, its output in ``log`` (``worker.log``);
    ``extra_env`` overrides settings (CELERY_VISIBILITY_TIMEOUT, say). The caller stops it."""
    env = dict(os.environ)
    env.update(worker_env(), DATABASE_URL=_database_url(), CELERY_BROKER_URL=BROKER,
               CELERY_RESULT_BACKEND=BROKER, CELERY_TASK_ALWAYS_EAGER="0",
               INGEST_PUBLIC_ONLY="0",
               DJANGO_SETTINGS_MODULE="tracker.settings", LOG_LEVEL="WARNING", **extra_env)
    with log.open("a") as out:
        try:
            worker = start_worker(env=env, name="pytest", out=out, timeout=START_TIMEOUT,
                                  ping=lambda: bool(celery_app.control.ping(timeout=0.5)))
        except WorkerFailed as exc:
            pytest.fail(f"{exc}:\n{log.read_text()}")
    worker.log = log
    return worker


def worker_env() -> dict[str, str]:
    """What a process of this run (a worker, a command) needs to use this run's broker keys."""
    return {"CELERY_BROKER_URL": BROKER, "CELERY_KEY_PREFIX": KEY_PREFIX}


def clear_broker() -> None:
    """Delete this run's broker keys (never another run's: no FLUSHDB)."""
    import redis

    client = redis.Redis.from_url(BROKER)
    keys = list(client.scan_iter(match=f"{KEY_PREFIX}*", count=1000))
    if keys:
        client.delete(*keys)


def wait_for(condition, *, timeout: float, what: str, worker=None, every: float = 0.25):
    """Poll ``condition()`` until it is truthy; fail with the worker's log after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            tail = worker.log.read_text()[-4000:] if worker is not None else ""
            pytest.fail(f"{what}: not done after {timeout:g} s\n{tail}")
        time.sleep(every)
