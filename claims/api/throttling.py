"""DRF's user and anonymous throttles, reading their rates when a request comes in.

DRF copies DEFAULT_THROTTLE_RATES into `SimpleRateThrottle.THROTTLE_RATES` once, when
rest_framework.throttling is imported, so a changed setting (an override in a test) would never
reach it. These read the current REST_FRAMEWORK setting instead; counts live in the default
cache (Redis when CACHE_URL or REDIS_URL is set, see tracker/settings.py).
"""
from rest_framework import throttling
from rest_framework.settings import api_settings


class _CurrentRates:
    @property
    def THROTTLE_RATES(self):  # noqa: N802 - the attribute DRF's get_rate() reads
        return api_settings.DEFAULT_THROTTLE_RATES


class UserRateThrottle(_CurrentRates, throttling.UserRateThrottle):
    """Signed-in clients by user id (anonymous ones by address), API_THROTTLE_USER."""


class AnonRateThrottle(_CurrentRates, throttling.AnonRateThrottle):
    """Anonymous clients by address, API_THROTTLE_ANON."""


class FailedTokenThrottle(_CurrentRates, throttling.SimpleRateThrottle):
    """Wrong API tokens per client address, API_THROTTLE_FAILED_TOKEN (20/hour).

    Authentication runs before DRF's throttles, so a wrong token was answered 401 as often as
    anyone cared to guess. Failures are counted here, and an address past the rate is answered
    429 for every token it sends, right or wrong, until the hour has passed: a guess that
    happened to be right must not be told apart from a wrong one."""

    scope = "failed_token"

    def get_rate(self):
        return self.THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def _load(self, request) -> bool:
        if self.rate is None:
            return False
        self.key = self.get_cache_key(request, None)
        self.history = self.cache.get(self.key, [])
        self.now = self.timer()
        while self.history and self.history[-1] <= self.now - self.duration:
            self.history.pop()
        return True

    def exceeded(self, request) -> bool:
        return self._load(request) and len(self.history) >= self.num_requests

    def record_failure(self, request) -> None:
        if self._load(request):
            self.throttle_success()  # appends this failure and stores the history


def client_address(request) -> str:
    """The client's address as the throttles see it (API_NUM_PROXIES), for django-axes too."""
    return throttling.BaseThrottle().get_ident(request)
