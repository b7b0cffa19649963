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
