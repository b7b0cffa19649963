"""The contract: the OpenAPI schema and Swagger UI are served from this server, publicly, with no
internet; schemathesis drives every operation of the schema against a live server with the
token of a user who is both analyst and editor (so the writes of both succeed, not only answer
403) and checks that no answer is a 5xx and every answer matches the schema."""
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import hypothesis
import pytest
import schemathesis
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.contrib.staticfiles import finders
from django.urls import reverse
from rest_framework.test import APIClient
from schemathesis import checks

from claims.api.auth import api_token_issue
from claims.ingest.fetch import FetchError
from claims.models import Claim, ClaimAssessment, Feed, Outlet, Quote, Topic
from claims.roles import EDITORS
from claims.services import ingestion
from claims.services.sample_data import sample_data_load

# --- the schema and Swagger UI ---------------------------------------------------------------


@pytest.mark.django_db
def test_the_schema_is_public():
    response = APIClient().get(reverse("api-schema"), {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert {"tokenAuth", "cookieAuth"} <= set(schema["components"]["securitySchemes"])


@pytest.mark.django_db
def test_swagger_ui_loads_only_this_servers_static_files():
    response = APIClient().get(reverse("api-docs"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    urls = re.findall(r'<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"', html)
    # Swagger UI's settings are a script of their own from this view (the
    # Content-Security-Policy allows no inline script); the rest are static files.
    settings_script = reverse("api-docs") + "?script="
    assert settings_script in urls
    assert not re.search(r"<script\b(?![^>]*\bsrc=)[^>]*>", html), "an inline script"
    urls.remove(settings_script)
    assert len(urls) >= 4, urls  # favicon, stylesheet, bundle, preset
    static = "/" + django_settings.STATIC_URL.strip("/") + "/"
    for url in urls:
        assert url.startswith(static), f"{url} is not served from this server"
        assert finders.find(url.removeprefix(static).split("?")[0]), f"{url} is not a static file"
    script = APIClient().get(settings_script).content.decode()
    # Nothing fetched from elsewhere, by the page or its script.
    for text in (html, script):
        assert not re.search(r"(?:src|href)=\"(?:https?:)?//", text)
        assert "cdn" not in text.lower()
    assert f'"{reverse("api-schema")}' in script or f"'{reverse('api-schema')}" in script


# --- schemathesis against a live server ------------------------------------------------------

@pytest.fixture
def contract_data(transactional_db, analyst, monkeypatch):
    """The sample articles, extracted (quotes, claims, relations), plus what they lack; the
    analyst is an editor too. A URL import is queued and run in-process (no broker in tests),
    so its fetch is refused here: the generated URLs are on the internet, which tests never
    reach; the item then fails with that reason, as with any unreachable host."""
    analyst.groups.add(Group.objects.get(name=EDITORS))

    def no_fetch(url, **kwargs):
        raise FetchError("tests never fetch from outside", url=url)

    real_getaddrinfo = socket.getaddrinfo

    def local_names_only(host, *args, **kwargs):
        # The refusal of private addresses resolves the generated host names; only the live
        # server's own name may be looked up.
        if host not in ("localhost", "127.0.0.1", "::1"):
            raise socket.gaierror(socket.EAI_NONAME, "tests resolve no outside name")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(ingestion, "fetch_article", no_fetch)
    monkeypatch.setattr(socket, "getaddrinfo", local_names_only)
    sample_data_load()
    outlet = Outlet.objects.first() or Outlet.objects.create(name="Example News")
    Feed.objects.get_or_create(url="https://news.example.org/rss",
                               defaults={"title": "Example feed", "outlet": outlet})
    # The sample topic tree may hold it already.
    topic, _ = Topic.objects.get_or_create(slug="security", defaults={"name": "Security"})
    claim = Claim.objects.filter(quotes__isnull=False).first()
    claim.topics.add(topic)
    ClaimAssessment.objects.create(claim=claim, rating=ClaimAssessment.Rating.MIXED,
                                   rationale="Partly supported by the record.", reviewer=analyst,
                                   url="https://factcheck.example.org/1")
    assert Quote.objects.exists() and Claim.objects.count() >= 2
    return analyst


# Examples per operation: enough to reach every filter and body field at least once, few enough
# that the whole run stays within a couple of minutes on two cores.
MAX_EXAMPLES = 20
# No 5xx, every status code, content type, header and body as the schema says, and no operation
# answers without the token. (Not positive_data_acceptance: a schema-valid body may still name
# a claim that does not exist, and 400 is then the right answer.)
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
    checks.ignored_auth,
]


@pytest.fixture
def api_schema(live_server, contract_data, settings):
    # URL imports go through the same refusal of private addresses as in production.
    settings.INGEST_PUBLIC_ONLY = True
    config = schemathesis.Config.from_dict({
        "request-timeout": 30,
        "generation": {"with-security-parameters": False},
    })
    return schemathesis.openapi.from_url(
        f"{live_server.url}{reverse('api-schema')}?format=json", config=config)


def test_every_operation_keeps_to_the_schema(api_schema, contract_data, subtests):
    # schemathesis' own pytest loader (schemathesis.pytest.from_fixture) does not run under
    # pytest 9.2 (it sets Node._nodeid, which pytest no longer has), so each operation's
    # strategy is driven here with Hypothesis, one subtest per operation.
    token, _ = api_token_issue(username=contract_data.get_username())
    headers = {"Authorization": f"Token {token.key}"}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 20, [op.label for op in operations]
    answered: dict[str, set[int]] = {}
    for operation in operations:
        with subtests.test(msg=operation.label):
            @hypothesis.settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True,
                                 database=None, phases=[hypothesis.Phase.explicit,
                                                        hypothesis.Phase.generate],
                                 suppress_health_check=list(hypothesis.HealthCheck))
            @hypothesis.given(case=operation.as_strategy())
            def call(case):
                response = case.call_and_validate(headers=headers, checks=CHECKS)
                # Run in this same iteration, so the loop's operation is the right one.
                answered.setdefault(operation.label, set()).add(  # noqa: B023
                    response.status_code)

            call()
    # The editors' writes were reached, not only refused with 403. Only a create is asserted:
    # whether a generated id names a stored feed depends on the sequences the earlier tests
    # of the run left (the cases are derandomized, the ids in the database are not).
    assert 201 in answered["POST /api/v1/outlets/"]
    assert answered["PATCH /api/v1/feeds/{id}/"] != {403}


# --- every check of schemathesis' command line, on both databases ---------------------------

ROOT = Path(__file__).resolve().parents[2]
# `--checks all`: no 5xx; status codes, content types, headers and bodies as documented; valid
# requests accepted (2xx, or 404/409 when what they name is missing or the data refuses);
# invalid ones rejected; no operation open without the token; unsupported methods answer
# 405; deleted objects gone. Coverage, fuzzing and stateful phases, seeded, 20 examples an
# operation: about four minutes a database on two cores.
ST_EXAMPLES = 20


def _schemathesis(base_url: str, token: str, reports: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(Path(sys.executable).parent / "schemathesis"), "run",
         f"{base_url}/api/schema/?format=json", "--checks", "all",
         "-H", f"Authorization: Token {token}", "--workers", "1", "--seed", "1",
         "--max-examples", str(ST_EXAMPLES), "--generation-database", "none",
         "--request-timeout", "60", "--wait-for-schema", "180", "--no-color",
         "--report", "junit",
         "--report-dir", str(reports)],
        capture_output=True, text=True, timeout=1200, check=False)


def _failures(run: subprocess.CompletedProcess) -> str:
    # The failures section and the summary, for the assertion message.
    out = run.stdout
    return out[out.find("FAILURES"):] if "FAILURES" in out else out[-6000:] + run.stderr[-2000:]


def test_every_check_finds_nothing_on_postgresql(live_server, contract_data, settings,
                                                 tmp_path):
    settings.INGEST_PUBLIC_ONLY = True
    token, _ = api_token_issue(username=contract_data.get_username())
    run = _schemathesis(live_server.url, token.key, tmp_path)
    assert run.returncode == 0, _failures(run)
    assert "55 selected" in run.stdout or "selected" in run.stdout


def test_every_check_finds_nothing_on_the_sqlite_quick_start(tmp_path):
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{tmp_path / 'quick.sqlite3'}",
               VAR_DIR=str(tmp_path), DEBUG="0", SECURE_SSL_REDIRECT="0",
               API_THROTTLE_USER="off", API_THROTTLE_ANON="off", INGEST_PUBLIC_ONLY="1",
               # ignored_auth sends wrong tokens on purpose: past 20 the address would be
               # answered 429 for an hour, the right token included.
               API_THROTTLE_FAILED_TOKEN="off",
               LOG_LEVEL="WARNING")
    for name in ("CELERY_BROKER_URL", "REDIS_URL", "CACHE_URL"):
        env.pop(name, None)
    manage = [sys.executable, "manage.py"]
    # Tasks run in the quick start's background thread, as on `make run`: its writes (an
    # extraction) and a request's met "database is locked" (a 500 on POST
    # /claim-relations/1/confirm/) until SQLite transactions began IMMEDIATE (settings).
    setup = env
    for command in (["migrate", "--noinput"], ["load_sample_data"], ["shell", "-c", SQLITE_USER]):
        done = subprocess.run(manage + command, cwd=ROOT, env=setup, capture_output=True,
                              text=True, check=False)
        assert done.returncode == 0, (command[0], done.stderr[-3000:])
    token = done.stdout.strip().splitlines()[-1]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "api" / "sqlite_quickstart_server.py"),
         f"127.0.0.1:{port}"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    try:  # schemathesis waits for the server to answer (--wait-for-schema)
        run = _schemathesis(f"http://127.0.0.1:{port}", token, tmp_path / "reports")
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert run.returncode == 0, _failures(run)


# An analyst who is an editor too, with a token, and a topic and an assessment as on PostgreSQL.
SQLITE_USER = r'''
from django.contrib.auth.models import Group, User
from claims.api.auth import api_token_issue
from claims.models import Claim, ClaimAssessment, Feed, Outlet, Topic
from claims.roles import ANALYSTS, EDITORS
user = User.objects.create_user(username="contract", password="contract-pw-for-tests")
user.groups.set([Group.objects.get(name=ANALYSTS), Group.objects.get(name=EDITORS)])
outlet = Outlet.objects.first() or Outlet.objects.create(name="Example News")
Feed.objects.get_or_create(url="https://news.example.org/rss",
                           defaults={"title": "Example feed", "outlet": outlet})
topic, _ = Topic.objects.get_or_create(slug="security", defaults={"name": "Security"})
claim = Claim.objects.filter(quotes__isnull=False).first()
claim.topics.add(topic)
ClaimAssessment.objects.create(claim=claim, rating=3, rationale="Partly supported.",
                               reviewer=user, url="https://factcheck.example.org/1")
print(api_token_issue(username="contract")[0].key)
'''
