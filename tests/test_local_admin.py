"""`make run`'s last step before serving: the local admin and the address it is served at."""
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = io.StringIO()
    call_command("create_local_admin", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("address, url", [
    ("127.0.0.1:8000", "http://127.0.0.1:8000/admin/"),
    ("0.0.0.0:8080", "http://127.0.0.1:8080/admin/"),
    ("9000", "http://127.0.0.1:9000/admin/"),
    ("claims.local:8001", "http://claims.local:8001/admin/"),
])
def test_the_printed_address_is_the_one_served(address, url):
    first = _run("--address", address)
    assert "password:" in first and f"at {url}" in first
    # Run again (make run twice): no new password, the same address.
    again = _run("--address", address)
    assert "password:" not in again and f"at {url}" in again
    assert get_user_model().objects.filter(username="admin").count() == 1
