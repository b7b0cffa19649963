"""Redis (the cache holding the API's throttle counts) killed or hung while clients read and
write: every request is still answered, a warning says why throttling is off, and the counts
go back to Redis when it is back."""
import logging
import time

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from claims.api.auth import api_token_issue
from claims.models import Quote
from tests.services.conftest import article, quote

pytestmark = pytest.mark.django_db

BODY = "Putin said Moscow is not forming a military alliance with China. He added more."


@pytest.fixture
def redis_cache(settings, own_redis):
    settings.CACHES = {"default": {
        "BACKEND": "tracker.cache.FailOpenRedisCache", "LOCATION": own_redis.url,
        "KEY_PREFIX": "faults",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK,
                               "DEFAULT_THROTTLE_RATES": {"user": "1000/min", "anon": "1000/min"}}
    import tracker.cache

    tracker.cache._last_warning = 0.0
    return own_redis


def client_for(user) -> APIClient:
    token, _ = api_token_issue(username=user.get_username())
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return api


def throttle_keys(server) -> list[bytes]:
    return list(server.client().scan_iter(match="faults:*throttle*"))


def reads_and_writes(api, quote_ids) -> list[int]:
    """Three reads (a list, an item, the public schema) and a write per quote."""
    codes = [api.get(reverse("quote-list")).status_code,
             api.get(reverse("quote-detail", args=[quote_ids[0]])).status_code,
             APIClient().get(reverse("api-schema")).status_code]
    codes += [api.post(reverse("quote-confirm", args=[pk])).status_code for pk in quote_ids]
    return codes


@pytest.mark.parametrize("fault", ["killed", "hung"])
def test_the_api_answers_while_redis_is_away_and_counts_again_after(
        redis_cache, analyst, putin, caplog, fault):
    quotes = [quote(article(BODY), "Moscow is not forming a military alliance with China",
                    putin) for _ in range(3)]
    api = client_for(analyst)
    assert reads_and_writes(api, [quotes[0].pk]) == [200, 200, 200, 200]
    assert throttle_keys(redis_cache), "the throttles count in Redis"

    (redis_cache.stop if fault == "killed" else redis_cache.freeze)()
    with caplog.at_level(logging.WARNING, logger="tracker.cache"):
        started = time.monotonic()
        assert reads_and_writes(api, [quotes[1].pk]) == [200, 200, 200, 200]
        elapsed = time.monotonic() - started
    # The write went through: the quote is confirmed.
    assert Quote.objects.get(pk=quotes[1].pk).review_status == Quote.Review.CONFIRMED
    warnings = [r for r in caplog.records if r.name == "tracker.cache"]
    assert len(warnings) == 1, "one warning, not one per request"
    assert "throttles are open" in warnings[0].getMessage()
    # A hung Redis costs each request its socket timeout (0.5 s per call) at most.
    assert elapsed < 15

    if fault == "killed":
        redis_cache.start()
    else:
        redis_cache.thaw()
    redis_cache.client().flushdb()
    assert reads_and_writes(api, [quotes[2].pk]) == [200, 200, 200, 200]
    assert throttle_keys(redis_cache), "the throttles count in Redis again"


def test_throttling_works_again_once_redis_is_back(redis_cache, settings, viewer):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK,
                               "DEFAULT_THROTTLE_RATES": {"user": "3/min", "anon": None}}
    api = client_for(viewer)
    redis_cache.stop()
    # Away: open (five requests past a rate of three)...
    assert [api.get(reverse("quote-list")).status_code for _ in range(5)] == [200] * 5
    redis_cache.start()
    # ...back: counted from there on.
    assert [api.get(reverse("quote-list")).status_code for _ in range(4)] == [200] * 3 + [429]
