"""Every admin page (changelists, change and add pages, history, delete, the custom views) as
an analyst on SQLite: the quick start answers what PostgreSQL answers, never a 500. The pages
are the role table's own (tests/admin/test_pages_by_role.py), so a page added there is tried
here too."""
import pytest

from tests.admin import test_pages_by_role as table
from tests.admin.conftest import analyst  # noqa: F401 - staff, as in the table's tests
from tests.admin.test_pages_by_role import world  # noqa: F401 - one object of each kind

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]


def test_every_admin_page_as_an_analyst(client, world, analyst):  # noqa: F811
    client.force_login(analyst)
    client.raise_request_exception = False  # every failing page listed, not the first
    wrong = []
    for name, url, allowed, _ in table._pages():
        expected = table._expected_status(name, "analyst", allowed)
        response = client.get(url(world))
        if response.status_code != expected:
            wrong.append(f"{name}: {response.status_code}, expected {expected}")
    assert wrong == []
