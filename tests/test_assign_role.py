"""`manage.py assign_role`: one role per person, and access to the admin where they work."""
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_a_new_editor_gets_the_group_staff_status_and_a_one_time_password(client):
    out = StringIO()
    call_command("assign_role", "ed", "Editors", "--create", stdout=out)
    password = out.getvalue().split("shown only this once): ")[1].strip()
    user = User.objects.get(username="ed")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Editors"]
    assert client.login(username="ed", password=password)
    assert client.get("/admin/claims/importrun/").status_code == 200


def test_changing_role_leaves_one_group(analyst):
    call_command("assign_role", analyst.username, "Viewers", stdout=StringIO())
    assert list(analyst.groups.values_list("name", flat=True)) == ["Viewers"]
    assert not analyst.has_perm("claims.review_quote")


def test_an_unknown_user_is_a_clear_error():
    with pytest.raises(CommandError, match="no user named 'nobody'"):
        call_command("assign_role", "nobody", "Editors")
