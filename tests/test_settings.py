"""Settings come from the environment: SQLite and eager tasks by default, PostgreSQL from
DATABASE_URL. Each case runs in a fresh interpreter, since settings are read once."""
import json
import os
import subprocess
import sys

from django.conf import settings

PROBE = (
    "import json, django; from django.conf import settings; django.setup(); "
    "db = settings.DATABASES['default']; "
    "print(json.dumps({'engine': db['ENGINE'], 'name': str(db['NAME']), 'host': db.get('HOST'), "
    "'eager': settings.CELERY_TASK_ALWAYS_EAGER, 'debug': settings.DEBUG, "
    "'ssl': settings.SECURE_SSL_REDIRECT}))"
)
KEYS = ("DATABASE_URL", "CELERY_BROKER_URL", "DEBUG", "SECRET_KEY", "CELERY_TASK_ALWAYS_EAGER",
        "SECURE_SSL_REDIRECT")


def probe(tmp_path, **env):
    clean = {k: v for k, v in os.environ.items() if k not in KEYS}
    clean.update(DJANGO_SETTINGS_MODULE="tracker.settings", VAR_DIR=str(tmp_path), **env)
    out = subprocess.run([sys.executable, "-c", PROBE], env=clean, cwd=settings.BASE_DIR,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_nothing_set_means_sqlite_and_eager_tasks(tmp_path):
    got = probe(tmp_path)
    assert got["engine"] == "django.db.backends.sqlite3"
    assert got["name"] == str(tmp_path / "db.sqlite3")
    assert got["eager"] is True
    assert got["debug"] is False
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_database_url_selects_postgresql_and_a_broker_turns_off_eager_mode(tmp_path):
    got = probe(tmp_path, DATABASE_URL="postgres://postgres@127.0.0.1:5432/claims",
                CELERY_BROKER_URL="redis://127.0.0.1:6379/0")
    assert got["engine"] == "django.db.backends.postgresql"
    assert (got["name"], got["host"]) == ("claims", "127.0.0.1")
    assert got["eager"] is False


def test_debug_turns_off_the_https_redirect(tmp_path):
    assert probe(tmp_path)["ssl"] is True
    assert probe(tmp_path, DEBUG="1")["ssl"] is False


def test_a_malformed_boolean_is_a_clear_error(tmp_path):
    clean = {k: v for k, v in os.environ.items() if k not in KEYS}
    clean.update(DJANGO_SETTINGS_MODULE="tracker.settings", VAR_DIR=str(tmp_path), DEBUG="maybe")
    out = subprocess.run([sys.executable, "-c", PROBE], env=clean, cwd=settings.BASE_DIR,
                         capture_output=True, text=True)
    assert out.returncode != 0
    assert "DEBUG='maybe' is not a boolean" in out.stderr


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in KEYS}
    env.update(DJANGO_SETTINGS_MODULE="tracker.settings", VAR_DIR=str(tmp_path),
               DATABASE_URL="postgres://postgres@127.0.0.1:5432/claims",
               SECRET_KEY="x" * 20 + "production-like-secret-" + "y" * 30,
               ALLOWED_HOSTS="claims.example.org", DEBUG="0")
    out = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level",
                          "WARNING"], env=env, cwd=settings.BASE_DIR, capture_output=True,
                         text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "no issues" in out.stdout



def test_check_stops_on_a_speaker_model_file_that_is_missing_or_of_another_version(tmp_path):
    """`manage.py check` (and so migrate and runserver) names the file and the command that
    rebuilds it; the repository's own file passes."""
    from claims.extraction.speaker_model import MODEL_PATH, REBUILD

    env = {k: v for k, v in os.environ.items() if k not in KEYS}
    env.update(DJANGO_SETTINGS_MODULE="tracker.settings", VAR_DIR=str(tmp_path))
    old = tmp_path / "old.json"
    old.write_text(json.dumps({**json.loads(MODEL_PATH.read_text()), "format": "speaker-ranker/0"}))
    missing = tmp_path / "gone.json"
    for path, says in ((missing, "is missing"), (old, "is of format 'speaker-ranker/0'")):
        out = subprocess.run([sys.executable, "manage.py", "check"],
                             env={**env, "CLAIMS_SPEAKER_MODEL": str(path)},
                             cwd=settings.BASE_DIR, capture_output=True, text=True)
        assert out.returncode == 1
        assert "tracker.E001" in out.stderr and f"{path} {says}" in out.stderr
        assert REBUILD in out.stderr
    out = subprocess.run([sys.executable, "manage.py", "check"], env=env,
                         cwd=settings.BASE_DIR, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr

# Two connections to the quick start's SQLite file, as a request and the background task thread
# are: one holds the write lock for a second while the other reads, then writes.
TWO_WRITERS = """
import threading, time, django
django.setup()
from django.conf import settings
from django.db import connections, transaction
settings.DATABASES["other"] = dict(settings.DATABASES["default"])
connections.settings = connections.configure_settings(settings.DATABASES)
with connections["default"].cursor() as c:
    c.execute("CREATE TABLE t (x int)")
errors = []
def first():
    with transaction.atomic(using="default"), connections["default"].cursor() as c:
        c.execute("INSERT INTO t VALUES (1)")
        time.sleep(1.0)
    connections["default"].close()
def second():
    time.sleep(0.2)
    try:
        with transaction.atomic(using="other"), connections["other"].cursor() as c:
            c.execute("SELECT count(*) FROM t")
            c.execute("INSERT INTO t VALUES (2)")
    except Exception as exc:
        errors.append(repr(exc))
    connections["other"].close()
threads = [threading.Thread(target=first), threading.Thread(target=second)]
[t.start() for t in threads]
[t.join() for t in threads]
with connections["default"].cursor() as c:
    c.execute("SELECT count(*) FROM t")
    print(errors, c.fetchone()[0])
"""


def test_two_writers_on_the_quick_starts_sqlite_wait_for_each_other(tmp_path):
    # A transaction that reads and then writes while another holds the write lock failed at
    # once with "database is locked" (a 500 on the quick start while its task thread wrote).
    clean = {k: v for k, v in os.environ.items() if k not in KEYS}
    clean.update(DJANGO_SETTINGS_MODULE="tracker.settings", VAR_DIR=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", TWO_WRITERS], env=clean, cwd=settings.BASE_DIR,
                         capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.split() == ["[]", "2"], out.stdout + out.stderr
