"""Every API read (lists, items, exports, the graph, the schema and Swagger UI) as an analyst
on SQLite. The endpoints are the role table's own (tests/api/test_endpoints_by_role.py)."""
import pytest
from rest_framework.test import APIClient

from claims.api.auth import api_token_issue
from tests.api import test_endpoints_by_role as table
from tests.api.test_endpoints_by_role import world  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]


def test_every_api_read_as_an_analyst(world, analyst):  # noqa: F811
    token, _ = api_token_issue(username=analyst.get_username())
    api = APIClient(raise_request_exception=False)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    reads = [path(world) for method, path, *_ in table.ENDPOINTS if method == "get"]
    wrong = []
    for url in [*reads, "/api/schema/", "/api/docs/"]:
        response = api.get(url)
        if response.status_code != 200:
            wrong.append(f"{url}: {response.status_code}")
    assert wrong == []
