"""Outlets and feeds written through the API: the same services as the admin, so the same
refusals, each a 400 naming its field, and the feed's beat entry kept in step."""
import pytest
from django_celery_beat.models import PeriodicTask
from rest_framework.test import APIClient

from claims.models import Feed, Outlet
from claims.services.feeds import feed_create
from claims.services.outlets import outlet_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(editor):
    client = APIClient()
    client.force_authenticate(editor)
    return client


def test_an_outlet_is_created_and_changed(api):
    made = api.post("/api/v1/outlets/", {"name": "Reuters", "domain": "www.reuters.com",
                                         "country": "gb"}, format="json")
    assert made.status_code == 201, made.content
    assert {k: made.json()[k] for k in ("name", "domain", "country")} == {
        "name": "Reuters", "domain": "reuters.com", "country": "GB"}
    changed = api.patch(f"/api/v1/outlets/{made.json()['id']}/", {"name": "Reuters UK"},
                        format="json")
    assert changed.status_code == 200
    assert Outlet.objects.get().name == "Reuters UK"
    assert Outlet.objects.get().domain == "reuters.com"


def test_a_taken_outlet_domain_is_a_409_on_the_field(api, editor):
    outlet_create(user=editor, name="Reuters", domain="reuters.com")
    response = api.post("/api/v1/outlets/", {"name": "Reuters UK", "domain": "reuters.com"},
                        format="json")
    assert response.status_code == 409
    assert response.json() == {
        "domain": ["reuters.com is the domain of the outlet 'Reuters' already."]}
    assert Outlet.objects.count() == 1


def test_an_unknown_field_is_refused(api, editor):
    outlet = outlet_create(user=editor, name="Reuters")
    response = api.patch(f"/api/v1/outlets/{outlet.pk}/", {"created_at": "2020-01-01"},
                         format="json")
    assert response.status_code == 400 and "created_at" in response.json()


def test_a_feed_is_created_with_its_schedule_changed_and_deleted(api, editor):
    outlet = outlet_create(user=editor, name="Example News")
    made = api.post("/api/v1/feeds/", {"url": "https://news.example.com/rss", "title": "World",
                                       "outlet": outlet.pk, "poll_every_minutes": 15},
                    format="json")
    assert made.status_code == 201, made.content
    assert made.json()["outlet"] == {"id": outlet.pk, "name": "Example News", "domain": ""}
    feed = Feed.objects.get()
    assert (feed.schedule.interval.every, feed.schedule.enabled) == (15, True)

    changed = api.patch(f"/api/v1/feeds/{feed.pk}/", {"enabled": False}, format="json")
    assert changed.status_code == 200 and changed.json()["enabled"] is False
    feed.schedule.refresh_from_db()
    assert (feed.schedule.interval.every, feed.schedule.enabled) == (15, False)
    api.patch(f"/api/v1/feeds/{feed.pk}/", {"poll_every_minutes": 60}, format="json")
    feed.schedule.refresh_from_db()
    assert feed.schedule.interval.every == 60

    gone = api.delete(f"/api/v1/feeds/{feed.pk}/")
    assert gone.status_code == 204
    assert not Feed.objects.exists() and not PeriodicTask.objects.exists()


@pytest.mark.parametrize("body, field", [
    ({"url": "ftp://news.example.com/rss"}, "url"),
    ({"url": "https://news.example.com/rss", "poll_every_minutes": 0}, "poll_every_minutes"),
    ({"url": "https://news.example.com/rss", "outlet": 0}, "outlet"),
    ({"url": "https://news.example.com/rss", "schedule": 1}, "schedule"),
])
def test_bad_feed_input_is_a_400_on_the_field(api, body, field):
    response = api.post("/api/v1/feeds/", body, format="json")
    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert not Feed.objects.exists()


def test_a_feed_of_an_unknown_outlet_is_a_404_naming_it(api):
    response = api.post("/api/v1/feeds/", {"url": "https://news.example.com/rss",
                                           "outlet": 999999}, format="json")
    assert response.status_code == 404
    assert response.json() == {"outlet": ["No outlet with id 999999."]}
    assert not Feed.objects.exists()


def test_a_feed_on_a_private_address_is_a_403(api, settings):
    settings.INGEST_PUBLIC_ONLY = True
    response = api.post("/api/v1/feeds/", {"url": "http://127.0.0.1/rss"}, format="json")
    assert response.status_code == 403  # never polled, whoever asks
    assert "private or local address" in response.json()["url"][0]


def test_a_taken_feed_url_is_a_409(api, editor):
    feed_create(user=editor, url="https://news.example.com/rss")
    other = feed_create(user=editor, url="https://news.example.com/other")
    response = api.patch(f"/api/v1/feeds/{other.pk}/", {"url": "https://news.example.com/rss"},
                         format="json")
    assert response.status_code == 409
    assert response.json() == {"url": ["A feed with this URL exists already."]}
    other.refresh_from_db()
    assert other.url == "https://news.example.com/other"
