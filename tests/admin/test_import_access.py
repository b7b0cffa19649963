"""Who may open the three import forms: editors (claims.add_importrun) and nobody else."""
import pytest
from django.urls import reverse

from claims.models import ImportRun

pytestmark = pytest.mark.django_db

VIEWS = ["admin:claims_importrun_paste", "admin:claims_importrun_upload",
         "admin:claims_importrun_urls"]


@pytest.mark.parametrize("name", VIEWS)
def test_it_shows_the_form_to_editors(client, editor, name):
    client.force_login(editor)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert b'name="csrfmiddlewaretoken"' in response.content
    assert b'id="import_form"' in response.content


@pytest.mark.parametrize("name", VIEWS)
@pytest.mark.parametrize("role", ["analyst", "viewer"])
def test_it_refuses_staff_without_the_permission(client, request, name, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse(name)).status_code == 403
    assert client.post(reverse(name), {"title": "T", "body": "Some text here.",
                                       "urls": "https://example.com/a"}).status_code == 403
    assert not ImportRun.objects.exists()


@pytest.mark.parametrize("name", VIEWS)
def test_it_sends_anonymous_visitors_to_the_login_page(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


@pytest.mark.parametrize("name", VIEWS)
def test_it_sends_accounts_without_staff_status_to_the_login_page(client, outsider, name):
    client.force_login(outsider)
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_the_changelist_offers_the_three_imports_to_editors(client, editor):
    client.force_login(editor)
    content = client.get(reverse("admin:claims_importrun_changelist")).content.decode()
    for name in VIEWS:
        assert f'href="{reverse(name)}"' in content
    assert "Paste an article" in content and "Upload files" in content
    assert "Import URLs" in content


def test_the_changelist_offers_no_import_to_analysts(client, analyst):
    client.force_login(analyst)
    response = client.get(reverse("admin:claims_importrun_changelist"))
    assert response.status_code == 200
    assert reverse("admin:claims_importrun_paste") not in response.content.decode()


def test_the_generic_add_page_leads_to_the_paste_form(client, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:claims_importrun_add"))
    assert response.status_code == 302
    assert response.url == reverse("admin:claims_importrun_paste")


def test_the_forms_need_a_csrf_token(editor):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    response = strict.post(reverse("admin:claims_importrun_paste"),
                           {"title": "T", "body": "Some text here."})
    assert response.status_code == 403
    assert not ImportRun.objects.exists()
