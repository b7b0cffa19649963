"""Who gets in: tokens first, sessions for the browser, 401 with a challenge for anonymous and
bad credentials, 403 for a signed-in user without the permission; throttles answer 429."""
import json
import os
import subprocess
import sys
import uuid
from io import StringIO

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def quotes_url():
    return reverse("quote-list")


def test_an_anonymous_request_gets_401_with_a_token_challenge():
    response = APIClient().get(quotes_url())
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert "detail" in response.json()


@pytest.mark.parametrize("header", [
    "Token 0123456789abcdef0123456789abcdef01234567",  # well formed, unknown
    "Token",  # no key
    "Token two words",
])
def test_bad_token_credentials_get_401_with_a_token_challenge(viewer, header):
    response = APIClient().get(quotes_url(), HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_http_basic_is_not_accepted(viewer):
    # A right password sent as HTTP basic is not a way in: tokens and sessions are.
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION="Basic dmljdG9yOnZpY3Rvci1wdy1mb3ItdGVzdHM=")
    response = api.get(quotes_url())
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_a_token_lets_a_viewer_read(viewer, token_client):
    assert token_client(viewer).get(quotes_url()).status_code == 200


def test_a_session_lets_a_viewer_read_in_the_browser(viewer):
    api = APIClient()
    api.force_login(viewer)
    assert api.get(quotes_url()).status_code == 200


def test_a_signed_in_user_without_the_permission_gets_403(outsider, token_client):
    response = token_client(outsider).get(quotes_url())
    assert response.status_code == 403
    assert "WWW-Authenticate" not in response


def test_an_inactive_users_token_is_refused(viewer, token_client):
    api = token_client(viewer)
    viewer.is_active = False
    viewer.save()
    assert api.get(quotes_url()).status_code == 401


# --- manage.py create_api_token --------------------------------------------------------------

def run_command(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("create_api_token", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def test_create_api_token_prints_the_same_key_until_rotated(analyst):
    key, err = run_command("anna")
    assert "new API token of anna" in err
    assert Token.objects.get(user=analyst).key == key and len(key) == 40
    again, err = run_command("anna")
    assert again == key and "existing" in err

    rotated, _ = run_command("anna", "--rotate")
    assert rotated != key
    assert Token.objects.filter(user=analyst).count() == 1
    old = APIClient(HTTP_AUTHORIZATION=f"Token {key}")
    assert old.get(quotes_url()).status_code == 401
    new = APIClient(HTTP_AUTHORIZATION=f"Token {rotated}")
    assert new.get(quotes_url()).status_code == 200


def test_create_api_token_refuses_an_unknown_user():
    with pytest.raises(CommandError, match="no user named 'nobody'"):
        run_command("nobody")


# --- throttling ------------------------------------------------------------------------------

@pytest.fixture
def fresh_throttle_cache(settings):
    # The configured cache (Redis under `make test`) under a key prefix of this test's own, so
    # no count from another test or run is seen, and this test's counts are seen by no other.
    settings.CACHES = {
        "default": {**django_settings.CACHES["default"],
                    "KEY_PREFIX": f"test-throttle-{uuid.uuid4().hex}"}
    }


def set_rates(settings, **rates):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": None, "anon": None, **rates},
    }


def test_a_user_past_the_rate_gets_429_with_retry_after(settings, fresh_throttle_cache, viewer,
                                                       analyst, token_client):
    set_rates(settings, user="3/minute")
    api = token_client(viewer)
    assert [api.get(quotes_url()).status_code for _ in range(3)] == [200, 200, 200]
    response = api.get(quotes_url())
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert "throttled" in response.json()["detail"].lower()
    # Counted per user: another user still gets in.
    assert token_client(analyst).get(quotes_url()).status_code == 200
    # The counts are in the configured cache (Redis when REDIS_URL or CACHE_URL is set).
    assert len(cache.get(f"throttle_user_{viewer.pk}")) == 3


def test_an_anonymous_client_past_the_rate_gets_429(settings, fresh_throttle_cache):
    # The schema is public, so it is where anonymous clients are counted.
    set_rates(settings, anon="2/hour")
    api = APIClient()
    assert [api.get(reverse("api-schema")).status_code for _ in range(2)] == [200, 200]
    response = api.get(reverse("api-schema"))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    # Another address is another client.
    assert APIClient(REMOTE_ADDR="192.0.2.7").get(reverse("api-schema")).status_code == 200
    # X-Forwarded-For is not trusted unless API_NUM_PROXIES says a proxy sets it.
    spoofed = api.get(reverse("api-schema"), HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert spoofed.status_code == 429


def test_wrong_tokens_are_throttled_per_address(settings, fresh_throttle_cache, viewer,
                                                token_client):
    set_rates(settings, failed_token="3/hour")
    guesser = APIClient(REMOTE_ADDR="192.0.2.50")
    wrong = [f"Token {n:040x}" for n in range(4)]
    codes = [guesser.get(quotes_url(), HTTP_AUTHORIZATION=t).status_code for t in wrong]
    assert codes == [401, 401, 401, 429]
    # Past the rate, a right token from that address is refused too: a lucky guess is not
    # told apart from a wrong one.
    right = token_client(viewer)._credentials["HTTP_AUTHORIZATION"]
    refused = guesser.get(quotes_url(), HTTP_AUTHORIZATION=right)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    # Another address, and requests without a token, are not affected.
    assert APIClient(REMOTE_ADDR="192.0.2.51").get(
        quotes_url(), HTTP_AUTHORIZATION=right).status_code == 200
    assert guesser.get(reverse("api-schema")).status_code == 200


PROBE = (
    "import json, django; from django.conf import settings; django.setup(); "
    "from rest_framework.settings import api_settings as a; "
    "print(json.dumps({'cache': settings.CACHES['default'], "
    "'rates': a.DEFAULT_THROTTLE_RATES, "
    "'auth': settings.REST_FRAMEWORK['DEFAULT_AUTHENTICATION_CLASSES']}))"
)
KEYS = ("CACHE_URL", "REDIS_URL", "CACHE_KEY_PREFIX", "API_THROTTLE_USER", "API_THROTTLE_ANON")


def probe(tmp_path, **env):
    clean = {k: v for k, v in os.environ.items() if k not in KEYS}
    clean.update(DJANGO_SETTINGS_MODULE="tracker.settings", VAR_DIR=str(tmp_path), **env)
    out = subprocess.run([sys.executable, "-c", PROBE], env=clean, cwd=django_settings.BASE_DIR,
                         capture_output=True, text=True)
    return out.returncode, (json.loads(out.stdout) if out.returncode == 0 else out.stderr)


def test_settings_redis_cache_and_rates_from_the_environment(tmp_path):
    code, got = probe(tmp_path, REDIS_URL="redis://127.0.0.1:6379/3",
                      API_THROTTLE_USER="100/min", API_THROTTLE_ANON="off")
    assert code == 0, got
    assert got["cache"]["BACKEND"] == "tracker.cache.FailOpenRedisCache"
    assert got["cache"]["LOCATION"] == "redis://127.0.0.1:6379/3"
    assert got["rates"] == {"user": "100/min", "anon": None, "failed_token": "20/hour"}
    assert got["auth"][0] == "claims.api.auth.ThrottledTokenAuthentication"

    code, got = probe(tmp_path)
    assert code == 0, got
    assert got["cache"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert got["rates"] == {"user": "5000/hour", "anon": "60/hour", "failed_token": "20/hour"}

    code, err = probe(tmp_path, API_THROTTLE_ANON="sixty")
    assert code != 0 and "API_THROTTLE_ANON='sixty' is not a rate" in err
