"""The admin login page and the API answer; the API needs an account for reads and writes."""
import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_the_admin_login_page_answers(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert b"Claims tracker" in response.content or b"Django administration" in response.content


def test_the_root_redirects_to_the_admin(client):
    assert client.get("/").url == "/admin/"


def test_the_api_root_answers_a_signed_in_viewer(viewer):
    api = APIClient()
    api.force_authenticate(viewer)
    response = api.get("/api/v1/")
    assert response.status_code == 200
    assert "quotes" in response.json()


def test_anonymous_clients_cannot_read_the_api(client):
    assert client.get("/api/v1/articles/").status_code in (401, 403)


def test_an_outsider_cannot_read_quotes(outsider):
    api = APIClient()
    api.force_authenticate(outsider)
    assert api.get("/api/v1/quotes/").status_code == 403


def test_the_openapi_schema_is_served(viewer):
    api = APIClient()
    api.force_authenticate(viewer)
    response = api.get("/api/schema/")
    assert response.status_code == 200
    assert b"openapi" in response.content


def test_the_first_apis_paths_redirect_to_v1(viewer):
    api = APIClient()
    api.force_authenticate(viewer)
    assert api.get("/api/").url == "/api/v1/"
    assert api.get("/api/quotes/?kind=direct").url == "/api/v1/quotes/?kind=direct"
