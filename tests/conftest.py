"""Shared fixtures: one user per role (an editor, an analyst, a viewer and an outsider), as in
healthchecks' test base, so each feature can be tried by each of them."""
import pytest
from django.contrib.auth.models import Group, User

from claims.models import Speaker
from claims.roles import ANALYSTS, EDITORS, VIEWERS


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # The suite runs on PostgreSQL: its constraints, triggers and search are what we test.
    import os

    from django.db import connection

    # tests/sqlite run in a pass of their own on the quick start's database (make test).
    on_sqlite = os.environ.get("TESTS_ON_SQLITE") == "1" and connection.vendor == "sqlite"
    if connection.vendor != "postgresql" and not on_sqlite:
        pytest.exit(
            "The tests run on PostgreSQL: use `make test`, or set "
            "DATABASE_URL=postgres://postgres@127.0.0.1:5432/claims_tracker",
            returncode=2,
        )
    return django_db_setup


@pytest.fixture(scope="session", autouse=True)
def _own_cache_keys():
    # The cache is the shared Redis under `make test`: this run's throttle counts (anonymous
    # clients are all 127.0.0.1 here) and cached values get a key prefix of its own, so two
    # runs on one machine never count each other's requests.
    import os
    import socket

    from django.conf import settings
    from django.test import override_settings

    prefix = f"test-{socket.gethostname()}-{os.getpid()}"
    with override_settings(CACHES={"default": {**settings.CACHES["default"],
                                               "KEY_PREFIX": prefix}}):
        yield


@pytest.fixture(autouse=True)
def _tasks_in_the_caller(settings):
    # Without a broker the app runs tasks in a background thread after the response
    # (claims/services/background.py); tests see their effect at once unless they ask for the
    # thread (tests/sqlite/test_quick_start_background.py).
    settings.TASKS_IN_BACKGROUND = False


@pytest.fixture(autouse=True)
def _fresh_speaker_registry():
    # The registry is cached per process; a rolled-back test must not leave its speakers in it.
    from claims.services.extraction import registry_cache

    registry_cache.clear()
    yield
    registry_cache.clear()


@pytest.fixture(autouse=True)
def _plain_http(settings):
    # Production settings redirect to HTTPS; the test client speaks plain HTTP.
    settings.SECURE_SSL_REDIRECT = False
    # Pages and feeds are served from a local HTTP server in tests (never the internet), and
    # production refuses loopback addresses: tests/ingestion/test_private_addresses.py checks
    # that refusal with the setting on.
    settings.INGEST_PUBLIC_ONLY = False


def _user(name: str, group: str | None) -> User:
    user = User.objects.create_user(username=name, password=f"{name}-pw-for-tests")
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(db):
    return _user("edna", EDITORS)


@pytest.fixture
def analyst(db):
    return _user("anna", ANALYSTS)


@pytest.fixture
def viewer(db):
    return _user("victor", VIEWERS)


@pytest.fixture
def outsider(db):
    return _user("oscar", None)


# Speakers the claims tests share (the registry of the sample data is not needed there).
@pytest.fixture
def putin(db):
    return Speaker.objects.create(name="Vladimir Putin", verified=True)


@pytest.fixture
def bolton(db):
    return Speaker.objects.create(name="John Bolton", verified=True)


@pytest.fixture
def xi(db):
    return Speaker.objects.create(name="Xi Jinping", verified=True)


@pytest.fixture
def live_server(request, settings, transactional_db):
    """pytest-django's live server, started for each test after the settings below.

    The server speaks plain HTTP, and Django's SecurityMiddleware reads SECURE_SSL_REDIRECT once,
    when the server's handler is built: the session-wide live_server, built before any test's
    settings apply, would send the browser to https. Cookies marked Secure would never be
    sent back over http either.
    """
    import os

    from pytest_django.live_server_helper import LiveServer

    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.SECURE_HSTS_SECONDS = 0
    server = LiveServer(request.config.getvalue("liveserver")
                        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost")
    try:
        yield server
    finally:
        server.stop()
