"""Feeds in the admin: each has its beat schedule, can be polled now, and shows its errors."""
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from claims.models import Article, Feed, ImportRun, Outlet
from claims.services.feeds import feed_create
from claims.services.outlets import outlet_create
from tests.admin.conftest import article_html

pytestmark = pytest.mark.django_db

ADD = reverse("admin:claims_feed_add")
CHANGELIST = reverse("admin:claims_feed_changelist")


def feed_form(**values):
    return {"url": "https://news.example.com/rss", "title": "", "outlet": "", "enabled": "on",
            "poll_every_minutes": "", "_save": "Save", **values}


def change_url(feed):
    return reverse("admin:claims_feed_change", args=[feed.pk])


def test_a_new_feed_gets_its_beat_entry(editor_client):
    response = editor_client.post(ADD, feed_form())

    assert response.status_code == 302, response.context["adminform"].form.errors
    feed = Feed.objects.get()
    task = feed.schedule
    assert task.task == "claims.tasks.poll_feed"
    assert json.loads(task.args) == [feed.pk]
    assert task.enabled
    assert (task.interval.every, task.interval.period) == (30, IntervalSchedule.MINUTES)


def test_the_editor_can_choose_the_interval(editor_client):
    editor_client.post(ADD, feed_form(poll_every_minutes="15"))
    feed = Feed.objects.get()
    assert feed.schedule.interval.every == 15

    editor_client.post(change_url(feed), feed_form(poll_every_minutes="120"))
    feed.schedule.refresh_from_db()
    assert (feed.schedule.interval.every, feed.schedule.interval.period) == (120, "minutes")
    assert PeriodicTask.objects.filter(task="claims.tasks.poll_feed").count() == 1


def test_disabling_the_feed_disables_its_beat_entry(editor_client, editor):
    feed = feed_create(user=editor, url="https://news.example.com/rss")
    response = editor_client.post(change_url(feed), feed_form(enabled=""))

    assert response.status_code == 302
    feed.refresh_from_db()
    assert not feed.enabled
    assert not feed.schedule.enabled


def test_saving_keeps_an_interval_set_in_periodic_tasks(editor_client, editor):
    feed = feed_create(user=editor, url="https://news.example.com/rss", every_minutes=30)
    hourly, _ = IntervalSchedule.objects.get_or_create(every=2, period=IntervalSchedule.HOURS)
    PeriodicTask.objects.filter(pk=feed.schedule_id).update(interval=hourly)

    form = editor_client.get(change_url(feed)).context["adminform"].form
    assert form["poll_every_minutes"].initial == 120
    editor_client.post(change_url(feed), feed_form(title="Renamed", poll_every_minutes="120"))
    feed.refresh_from_db()
    assert feed.title == "Renamed"
    assert feed.schedule.interval == hourly


def test_the_feed_page_links_to_its_periodic_task(editor_client, editor):
    feed = feed_create(user=editor, url="https://news.example.com/rss")
    content = editor_client.get(change_url(feed)).content.decode()
    task_url = reverse("admin:django_celery_beat_periodictask_change", args=[feed.schedule_id])
    assert f'href="{task_url}"' in content
    # Editors may read it there, not change it (the interval is changed on the feed).
    page = editor_client.get(task_url)
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    task = PeriodicTask.objects.get(pk=feed.schedule_id)
    refused = editor_client.post(task_url, {
        "name": task.name, "task": "claims.tasks.extract_pending", "args": "[]", "kwargs": "{}",
        "enabled": "on"})
    assert refused.status_code == 403
    task.refresh_from_db()
    assert task.task == "claims.tasks.poll_feed"


def test_deleting_a_feed_deletes_its_beat_entry(editor_client, editor):
    feed = feed_create(user=editor, url="https://news.example.com/rss")
    task_id = feed.schedule_id
    response = editor_client.post(reverse("admin:claims_feed_delete", args=[feed.pk]),
                                  {"post": "yes"})
    assert response.status_code == 302
    assert not Feed.objects.exists()
    assert not PeriodicTask.objects.filter(pk=task_id).exists()


@pytest.fixture
def served_feed(httpserver, editor):
    story = httpserver.url_for("/world/story")
    httpserver.expect_request("/world/story").respond_with_data(
        article_html(1, story), content_type="text/html; charset=utf-8")
    rss = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example World News</title>
<link>{httpserver.url_for("/")}</link><description>World</description>
<item><title>Minister denies alliance</title><link>{story}</link><guid>1</guid></item>
</channel></rss>"""
    httpserver.expect_request("/rss").respond_with_data(rss,
                                                        content_type="application/rss+xml")
    httpserver.expect_request("/broken").respond_with_data(
        b"<?xml version='1.0'?><rss><channel><title>Broken</ti", content_type="application/xml")
    return {"good": feed_create(user=editor, url=httpserver.url_for("/rss")),
            "broken": feed_create(user=editor, url=httpserver.url_for("/broken"))}


def poll_now(client, capture, *feeds):
    with capture(execute=True):
        return client.post(CHANGELIST, {"action": "poll_now",
                                        "_selected_action": [f.pk for f in feeds]}, follow=True)


def test_poll_now_imports_the_new_entries(editor_client, served_feed,
                                          django_capture_on_commit_callbacks):
    response = poll_now(editor_client, django_capture_on_commit_callbacks, served_feed["good"])

    assert response.status_code == 200
    assert any("Polling 1 feed" in str(m) for m in response.context["messages"])
    feed = Feed.objects.get(pk=served_feed["good"].pk)
    assert feed.last_status == "1 entries, 1 new"
    assert feed.title == "Example World News"
    run = ImportRun.objects.get(feed=feed)
    assert run.items.get().outcome == "created"
    assert Article.objects.get().title == "Minister denies alliance, part 1"


def test_a_malformed_feed_keeps_its_error_and_shows_it(editor_client, served_feed,
                                                      django_capture_on_commit_callbacks):
    poll_now(editor_client, django_capture_on_commit_callbacks, served_feed["broken"])

    feed = Feed.objects.get(pk=served_feed["broken"].pk)
    assert feed.last_status == "error"
    assert feed.last_error.startswith("malformed feed")
    assert feed.consecutive_failures == 1
    assert "malformed feed" in editor_client.get(CHANGELIST).content.decode()
    assert "malformed feed" in editor_client.get(change_url(feed)).content.decode()


def test_poll_now_leaves_disabled_feeds_alone(editor_client, served_feed, httpserver,
                                              django_capture_on_commit_callbacks):
    Feed.objects.filter(pk=served_feed["good"].pk).update(enabled=False)
    response = poll_now(editor_client, django_capture_on_commit_callbacks, served_feed["good"])

    assert any("1 disabled feed(s) left alone" in str(m) for m in response.context["messages"])
    assert httpserver.log == []


def test_analysts_cannot_poll_feeds(client, analyst, served_feed, httpserver,
                                    django_capture_on_commit_callbacks):
    client.force_login(analyst)
    assert client.get(CHANGELIST).status_code == 200
    poll_now(client, django_capture_on_commit_callbacks, served_feed["good"])

    assert httpserver.log == []
    assert Feed.objects.get(pk=served_feed["good"].pk).last_polled_at is None


def test_analysts_cannot_add_feeds(client, analyst):
    client.force_login(analyst)
    assert client.post(ADD, feed_form()).status_code == 403
    assert not Feed.objects.exists()


def test_the_feed_list_takes_as_many_queries_for_ten_feeds_as_for_two(editor_client, editor):
    for n in range(2):
        feed_create(user=editor, url=f"https://news.example.com/{n}.rss")
    editor_client.get(CHANGELIST)
    with CaptureQueriesContext(connection) as two:
        editor_client.get(CHANGELIST)
    for n in range(2, 10):
        feed_create(user=editor, url=f"https://news.example.com/{n}.rss")
    with CaptureQueriesContext(connection) as ten:
        response = editor_client.get(CHANGELIST)

    assert len(ten) == len(two)
    assert response.content.decode().count("every 30 minutes") == 10


def test_failing_feeds_are_easy_to_spot_and_filter(editor_client, editor, served_feed,
                                                   django_capture_on_commit_callbacks):
    poll_now(editor_client, django_capture_on_commit_callbacks, served_feed["broken"],
             served_feed["good"])
    never = feed_create(user=editor, url="https://news.example.com/never.rss")

    content = editor_client.get(CHANGELIST).content.decode()
    assert '<p class="errornote" id="feeds-failing">' in content
    assert "1 feed failing (last poll failed)" in content
    assert "failing (1 poll)" in content
    failing = editor_client.get(CHANGELIST + "?health=failing")
    assert [f.pk for f in failing.context["cl"].result_list] == [served_feed["broken"].pk]
    ok = editor_client.get(CHANGELIST + "?health=ok")
    assert [f.pk for f in ok.context["cl"].result_list] == [served_feed["good"].pk]
    never_polled = editor_client.get(CHANGELIST + "?health=never")
    assert [f.pk for f in never_polled.context["cl"].result_list] == [never.pk]


def test_the_feed_page_shows_its_last_poll_error_and_schedule(editor_client, served_feed,
                                                              django_capture_on_commit_callbacks):
    feed = served_feed["broken"]
    poll_now(editor_client, django_capture_on_commit_callbacks, feed)
    PeriodicTask.objects.filter(pk=feed.schedule_id).update(
        last_run_at="2026-01-02T03:04:00Z")
    content = editor_client.get(change_url(feed)).content.decode()

    assert "failing (1 poll)" in content
    assert "malformed feed" in content
    assert "every 30 minutes" in content
    assert "last run 2026-01-02" in content


def test_a_successful_poll_clears_the_failure(editor_client, served_feed,
                                              django_capture_on_commit_callbacks):
    feed = served_feed["good"]
    Feed.objects.filter(pk=feed.pk).update(consecutive_failures=3, last_error="timed out")
    poll_now(editor_client, django_capture_on_commit_callbacks, feed)
    feed.refresh_from_db()
    assert (feed.consecutive_failures, feed.last_error) == (0, "")
    assert "feeds-failing" not in editor_client.get(CHANGELIST).content.decode()


def test_a_taken_feed_url_or_bad_scheme_shows_next_to_the_field(editor_client, editor):
    feed_create(user=editor, url="https://news.example.com/rss")
    for url, message in [("https://news.example.com/rss", "A feed with this URL exists already."),
                         ("ftp://news.example.com/rss", "starts with http:// or https://")]:
        response = editor_client.post(ADD, feed_form(url=url, poll_every_minutes="15"))
        assert response.status_code == 200
        assert message in " ".join(response.context["adminform"].form.errors["url"])
    assert Feed.objects.count() == 1
    assert PeriodicTask.objects.filter(task="claims.tasks.poll_feed").count() == 1


# --- outlets, which feeds and articles name ---------------------------------------------------

OUTLET_ADD = reverse("admin:claims_outlet_add")


def test_an_editor_adds_and_renames_an_outlet(editor_client):
    response = editor_client.post(OUTLET_ADD, {"name": "Reuters", "domain": "www.Reuters.com",
                                               "country": "gb", "_save": "Save"})
    assert response.status_code == 302
    outlet = Outlet.objects.get()
    assert (outlet.name, outlet.domain, outlet.country) == ("Reuters", "reuters.com", "GB")
    response = editor_client.post(reverse("admin:claims_outlet_change", args=[outlet.pk]), {
        "name": "Reuters UK", "domain": "reuters.com", "country": "GB", "_save": "Save"})
    assert response.status_code == 302
    outlet.refresh_from_db()
    assert outlet.name == "Reuters UK"


def test_a_taken_outlet_name_shows_next_to_the_field(editor_client, editor):
    outlet_create(user=editor, name="Reuters", domain="reuters.com")
    response = editor_client.post(OUTLET_ADD, {"name": "Reuters", "domain": "",
                                               "country": "", "_save": "Save"})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["name"] == [
        "An outlet named 'Reuters' exists already."]
    assert Outlet.objects.count() == 1


def test_analysts_cannot_add_outlets(client, analyst):
    client.force_login(analyst)
    response = client.post(OUTLET_ADD, {"name": "Reuters", "_save": "Save"})
    assert response.status_code == 403
    assert not Outlet.objects.exists()


def test_even_a_superuser_cannot_point_a_beat_entry_at_another_task(admin_client, editor):
    feed = feed_create(user=editor, url="https://news.example.com/rss")
    task_url = reverse("admin:django_celery_beat_periodictask_change", args=[feed.schedule_id])
    page = admin_client.get(task_url)
    assert page.status_code == 200
    content = page.content.decode()
    for field in ("task", "regtask", "args", "kwargs"):
        assert f'name="{field}"' not in content, field
    assert "claims.tasks.poll_feed" in content  # shown, read-only
    task = PeriodicTask.objects.get(pk=feed.schedule_id)
    hourly, _ = IntervalSchedule.objects.get_or_create(every=1, period=IntervalSchedule.HOURS)
    saved = admin_client.post(task_url, {
        "name": task.name, "regtask": "claims.tasks.extract_pending",
        "task": "claims.tasks.extract_pending", "args": "[1]", "kwargs": "{}",
        "interval": hourly.pk, "enabled": "", "priority": "", "expire_seconds": "",
        "description": ""})
    assert saved.status_code == 302, saved.content.decode()[:2000]
    task.refresh_from_db()
    assert (task.task, task.args) == ("claims.tasks.poll_feed", f"[{feed.pk}]")
    assert task.interval == hourly and not task.enabled  # the schedule is theirs to change
    assert admin_client.get(
        reverse("admin:django_celery_beat_periodictask_add")).status_code == 403


def test_beats_changelist_actions_need_the_change_permission(editor_client, editor):
    feed = feed_create(user=editor, url="https://news.example.com/rss")
    url = reverse("admin:django_celery_beat_periodictask_changelist")
    assert b'name="action"' not in editor_client.get(url).content
    editor_client.post(url, {"action": "disable_tasks", "_selected_action": [feed.schedule_id]})
    assert PeriodicTask.objects.get(pk=feed.schedule_id).enabled
