"""Outlets and feeds are written by their services only (the admin and the API call them): the
editor's permission checked, the model's rules and uniqueness said in plain words, a feed's
beat entry kept in step, and nothing stored when one is refused."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from claims.models import Feed, Outlet
from claims.services.feeds import feed_create, feed_delete, feed_update
from claims.services.outlets import outlet_create, outlet_update

pytestmark = pytest.mark.django_db

URL = "https://news.example.com/rss"


def errors(excinfo) -> dict:
    return excinfo.value.message_dict


# --- outlets ----------------------------------------------------------------------------------


def test_an_editor_adds_an_outlet_as_outlet_for_would_find_it(editor):
    outlet = outlet_create(user=editor, name=" Reuters ", domain="WWW.Reuters.com", country="gb")
    stored = Outlet.objects.get()
    assert (stored.pk, stored.name, stored.domain, stored.country) == (
        outlet.pk, "Reuters", "reuters.com", "GB")


@pytest.mark.parametrize("role", ["analyst", "viewer", "outsider"])
def test_only_editors_add_or_change_outlets(request, editor, role):
    user = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        outlet_create(user=user, name="Reuters")
    outlet = outlet_create(user=editor, name="AP")
    with pytest.raises(PermissionDenied):
        outlet_update(outlet_id=outlet.pk, user=user, name="Renamed")
    assert list(Outlet.objects.values_list("name", flat=True)) == ["AP"]


def test_anonymous_callers_are_refused(editor):
    with pytest.raises(PermissionDenied, match="Sign in"):
        outlet_create(user=None, name="Reuters")
    with pytest.raises(PermissionDenied, match="Sign in"):
        feed_create(user=None, url=URL)
    assert not Outlet.objects.exists() and not Feed.objects.exists()


def test_a_taken_name_or_domain_is_named_and_nothing_is_saved(editor):
    outlet_create(user=editor, name="Reuters", domain="reuters.com")
    with pytest.raises(ValidationError) as name:
        outlet_create(user=editor, name="Reuters", domain="other.com")
    assert errors(name) == {"name": ["An outlet named 'Reuters' exists already."]}
    with pytest.raises(ValidationError) as domain:
        outlet_create(user=editor, name="Reuters UK", domain="www.reuters.com")
    assert errors(domain) == {
        "domain": ["reuters.com is the domain of the outlet 'Reuters' already."]}
    assert Outlet.objects.count() == 1


def test_outlets_without_a_domain_may_be_many(editor):
    outlet_create(user=editor, name="A")
    outlet_create(user=editor, name="B", domain="")
    assert Outlet.objects.filter(domain="").count() == 2


@pytest.mark.parametrize("fields, field", [
    ({"name": ""}, "name"),
    ({"name": "x" * 201}, "name"),
    ({"name": "A", "domain": "https://reuters.com/world"}, "domain"),
    ({"name": "A", "country": "GBR"}, "country"),
    ({"name": "A", "country": "1"}, "country"),
])
def test_bad_outlet_fields_are_refused_by_field(editor, fields, field):
    with pytest.raises(ValidationError) as refused:
        outlet_create(user=editor, **fields)
    assert field in errors(refused)
    assert not Outlet.objects.exists()


def test_an_update_changes_only_what_is_given(editor):
    outlet = outlet_create(user=editor, name="Reuters", domain="reuters.com", country="GB")
    outlet_update(outlet_id=outlet.pk, user=editor, country="us")
    outlet.refresh_from_db()
    assert (outlet.name, outlet.domain, outlet.country) == ("Reuters", "reuters.com", "US")


def test_an_update_keeps_its_own_name_and_refuses_anothers(editor):
    outlet_create(user=editor, name="AP", domain="apnews.com")
    outlet = outlet_create(user=editor, name="Reuters", domain="reuters.com")
    outlet_update(outlet_id=outlet.pk, user=editor, name="Reuters", domain="reuters.com")
    with pytest.raises(ValidationError) as taken:
        outlet_update(outlet_id=outlet.pk, user=editor, name="AP", domain="apnews.com")
    assert set(errors(taken)) == {"name", "domain"}
    outlet.refresh_from_db()
    assert (outlet.name, outlet.domain) == ("Reuters", "reuters.com")


def test_an_update_names_no_other_field(editor):
    outlet = outlet_create(user=editor, name="Reuters")
    with pytest.raises(TypeError):
        outlet_update(outlet_id=outlet.pk, user=editor, created_at=None)


# --- feeds ------------------------------------------------------------------------------------


def interval(feed):
    task = PeriodicTask.objects.select_related("interval").get(pk=feed.schedule_id)
    return task.enabled, task.interval.every, task.interval.period


def test_an_editors_feed_gets_its_beat_entry(editor):
    outlet = outlet_create(user=editor, name="Example News")
    feed = feed_create(user=editor, url=f" {URL} ", outlet=outlet, title="World",
                       every_minutes=15)
    stored = Feed.objects.get()
    assert (stored.url, stored.outlet, stored.title, stored.schedule_id) == (
        URL, outlet, "World", feed.schedule_id)
    assert interval(stored) == (True, 15, IntervalSchedule.MINUTES)


def test_a_feed_given_no_interval_is_polled_every_30_minutes(editor):
    assert interval(feed_create(user=editor, url=URL)) == (True, 30, "minutes")


@pytest.mark.parametrize("role", ["analyst", "viewer", "outsider"])
def test_only_editors_add_change_or_delete_feeds(request, editor, role):
    user = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        feed_create(user=user, url="https://other.example.com/rss")
    feed = feed_create(user=editor, url=URL)
    with pytest.raises(PermissionDenied):
        feed_update(feed_id=feed.pk, user=user, enabled=False)
    with pytest.raises(PermissionDenied):
        feed_delete(feeds=[feed], user=user)
    assert list(Feed.objects.values_list("url", "enabled")) == [(URL, True)]
    assert PeriodicTask.objects.filter(task="claims.tasks.poll_feed").count() == 1


@pytest.mark.parametrize("url", ["ftp://news.example.com/rss", "news", "javascript:alert(1)",
                                 "https://"])
def test_a_feed_url_must_be_http_or_https(editor, url):
    with pytest.raises(ValidationError) as refused:
        feed_create(user=editor, url=url)
    assert list(errors(refused)) == ["url"]
    assert not Feed.objects.exists() and not PeriodicTask.objects.exists()


def test_a_feed_on_a_private_address_is_refused_in_production(editor, settings):
    settings.INGEST_PUBLIC_ONLY = True
    for url in ("http://127.0.0.1:8000/rss", "http://10.0.0.5/feed.xml", "http://[::1]/rss"):
        with pytest.raises(ValidationError) as refused:
            feed_create(user=editor, url=url)
        assert "private or local address" in errors(refused)["url"][0]
    feed = feed_create(user=editor, url="http://8.8.8.8/rss")
    with pytest.raises(ValidationError):
        feed_update(feed_id=feed.pk, user=editor, url="http://192.168.1.1/rss")
    feed.refresh_from_db()
    assert Feed.objects.count() == 1 and feed.url == "http://8.8.8.8/rss"


def test_a_taken_feed_url_is_named(editor):
    feed_create(user=editor, url=URL)
    with pytest.raises(ValidationError) as taken:
        feed_create(user=editor, url=URL)
    assert errors(taken) == {"url": ["A feed with this URL exists already."]}
    assert Feed.objects.count() == 1 and PeriodicTask.objects.count() == 1


@pytest.mark.parametrize("minutes", [0, -5, 7 * 1440 + 1])
def test_an_interval_out_of_range_is_refused(editor, minutes):
    with pytest.raises(ValidationError) as refused:
        feed_create(user=editor, url=URL, every_minutes=minutes)
    assert list(errors(refused)) == ["every_minutes"]
    assert not Feed.objects.exists()


def test_disabling_a_feed_disables_its_beat_entry_and_keeps_its_interval(editor):
    feed = feed_create(user=editor, url=URL, every_minutes=15)
    feed_update(feed_id=feed.pk, user=editor, enabled=False, title="Paused")
    feed.refresh_from_db()
    assert (feed.enabled, feed.title) == (False, "Paused")
    assert interval(feed) == (False, 15, "minutes")
    feed_update(feed_id=feed.pk, user=editor, enabled=True, every_minutes=120)
    assert interval(feed) == (True, 120, "minutes")
    assert PeriodicTask.objects.filter(task="claims.tasks.poll_feed").count() == 1


def test_an_interval_set_in_periodic_tasks_stays_unless_one_is_given(editor):
    feed = feed_create(user=editor, url=URL)
    hourly, _ = IntervalSchedule.objects.get_or_create(every=2, period=IntervalSchedule.HOURS)
    PeriodicTask.objects.filter(pk=feed.schedule_id).update(interval=hourly)
    feed_update(feed_id=feed.pk, user=editor, title="Renamed")
    assert interval(feed) == (True, 2, "hours")


def test_a_feed_keeps_its_own_url_and_refuses_anothers(editor):
    feed_create(user=editor, url="https://other.example.com/rss")
    feed = feed_create(user=editor, url=URL)
    feed_update(feed_id=feed.pk, user=editor, url=URL, title="Same")
    with pytest.raises(ValidationError) as taken:
        feed_update(feed_id=feed.pk, user=editor, url="https://other.example.com/rss")
    assert list(errors(taken)) == ["url"]
    feed.refresh_from_db()
    assert (feed.url, feed.title) == (URL, "Same")


def test_deleting_a_feed_deletes_its_beat_entry(editor):
    feed = feed_create(user=editor, url=URL)
    assert feed_delete(feeds=[feed], user=editor) == 1
    assert not Feed.objects.exists() and not PeriodicTask.objects.exists()
