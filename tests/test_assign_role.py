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
    # Signed in through the admin's form, as a person would (django-axes watches it).
    signed_in = client.post("/admin/login/?next=/admin/", {"username": "ed", "password": password})
    assert signed_in.status_code == 302 and signed_in["Location"] == "/admin/"
    assert client.get("/admin/claims/importrun/").status_code == 200


def test_changing_role_leaves_one_group(analyst):
    call_command("assign_role", analyst.username, "Viewers", stdout=StringIO())
    assert list(analyst.groups.values_list("name", flat=True)) == ["Viewers"]
    assert not analyst.has_perm("claims.review_quote")


def test_an_unknown_user_is_a_clear_error():
    with pytest.raises(CommandError, match="no user named 'nobody'"):
        call_command("assign_role", "nobody", "Editors")


def test_a_person_can_be_analyst_and_editor(analyst):
    out = StringIO()
    call_command("assign_role", analyst.username, "Editors", "--add", stdout=out)
    assert sorted(analyst.groups.values_list("name", flat=True)) == ["Analysts", "Editors"]
    assert "now holds: Analysts, Editors" in out.getvalue()
    user = User.objects.get(pk=analyst.pk)  # a fresh permission cache
    assert user.has_perms(["claims.review_quote", "claims.add_article"])


def test_several_roles_at_once_and_taking_one_away(analyst):
    call_command("assign_role", analyst.username, "Editors", "Viewers", stdout=StringIO())
    assert sorted(analyst.groups.values_list("name", flat=True)) == ["Editors", "Viewers"]
    call_command("assign_role", analyst.username, "Editors", "--remove", stdout=StringIO())
    assert list(analyst.groups.values_list("name", flat=True)) == ["Viewers"]
    assert User.objects.get(pk=analyst.pk).is_staff


def test_the_last_role_taken_away_takes_admin_access_too(analyst, client):
    analyst.is_staff = True
    analyst.save()
    out = StringIO()
    call_command("assign_role", analyst.username, "Analysts", "--remove", stdout=out)
    user = User.objects.get(pk=analyst.pk)
    assert not user.groups.exists() and not user.is_staff
    assert "no admin access" in out.getvalue()
    client.force_login(user)
    assert client.get("/admin/").status_code == 302  # to the login page


def test_add_and_remove_together_is_a_usage_error(analyst):
    with pytest.raises(CommandError):
        call_command("assign_role", analyst.username, "Editors", "--add", "--remove")
