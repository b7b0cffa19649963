"""API fixtures: throttles off unless a test sets rates, clients signed in with a token, and a
live server speaking plain HTTP."""

import pytest
from rest_framework.test import APIClient

from claims.api.auth import api_token_issue


@pytest.fixture(autouse=True)
def _no_throttling(settings):
    # Rates are read per request (claims.api.throttling), so a test may set its own; the rest
    # are never throttled by counts left by other tests or other runs on the same Redis.
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": None, "anon": None},
    }


@pytest.fixture
def token_client():
    """token_client(user) -> an APIClient sending `Authorization: Token <key>` for that user."""

    def make(user) -> APIClient:
        token, _ = api_token_issue(username=user.get_username())
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make


