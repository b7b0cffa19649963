"""Feeds: polled with ETag and Last-Modified, new entries fetched and imported, a malformed
feed kept on the Feed with its error, and a django-celery-beat entry per feed."""
import json

import pytest
from django.contrib.auth.models import Group, User
from django_celery_beat.models import PeriodicTask
from werkzeug import Response

from claims import tasks
from claims.models import Article, Feed, ImportItem, ImportRun, Outlet
from claims.roles import EDITORS
from claims.services import feeds
from claims.services.feeds import feed_poll, feed_schedule_sync

from .conftest import article_html, english_body

pytestmark = pytest.mark.django_db

ETAG = '"feed-v1"'
LAST_MODIFIED = "Tue, 07 Mar 2023 10:00:00 GMT"


def feed_create(**fields):
    """A feed as an editor adds it (the service checks the permission)."""
    editor, _ = User.objects.get_or_create(username="feed-editor")
    editor.groups.add(Group.objects.get(name=EDITORS))
    return feeds.feed_create(user=editor, **fields)


def rss(base: str, slugs) -> str:
    items = "".join(
        f"<item><title>Story {s}</title><link>{base}/{s}?utm_source=rss</link>"
        f"<guid>{s}</guid><pubDate>Tue, 07 Mar 2023 09:00:00 GMT</pubDate></item>"
        for s in slugs)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Example Wire</title><link>{base}/</link>{items}</channel></rss>")


def atom(base: str, slugs) -> str:
    entries = "".join(
        f'<entry><title>Story {s}</title><link href="/{s}"/><id>urn:{s}</id>'
        f"<updated>2023-03-07T09:00:00Z</updated></entry>" for s in slugs)
    return ('<?xml version="1.0" encoding="utf-8"?>'
            '<feed xmlns="http://www.w3.org/2005/Atom"><title>Example Atom</title>'
            f'<id>urn:feed</id><updated>2023-03-07T09:00:00Z</updated>{entries}</feed>')


def serve_articles(httpserver, slugs):
    for s in slugs:
        httpserver.expect_request(f"/{s}").respond_with_data(
            article_html(title=f"Story {s}", body=english_body(s)), content_type="text/html")


class ConditionalFeed:
    """A feed handler that answers 304 when the client sends back its ETag."""

    def __init__(self, body: str, content_type="application/rss+xml"):
        self.body, self.content_type, self.etag = body, content_type, ETAG
        self.seen: list[dict] = []

    def __call__(self, request):
        self.seen.append({"If-None-Match": request.headers.get("If-None-Match"),
                          "If-Modified-Since": request.headers.get("If-Modified-Since")})
        if request.headers.get("If-None-Match") == self.etag:
            return Response(status=304, headers={"ETag": self.etag})
        return Response(self.body, content_type=self.content_type,
                        headers={"ETag": self.etag, "Last-Modified": LAST_MODIFIED})


def test_a_new_feed_gets_a_beat_schedule():
    feed = feed_create(url="https://wire.example.com/rss.xml", every_minutes=15)
    task = PeriodicTask.objects.get(pk=feed.schedule_id)
    assert task.task == "claims.tasks.poll_feed"
    assert json.loads(task.args) == [feed.pk]
    assert (task.interval.every, task.interval.period) == (15, "minutes")
    assert task.enabled


def test_the_schedule_follows_the_feed_and_is_never_duplicated():
    feed = feed_create(url="https://wire.example.com/rss.xml")
    assert PeriodicTask.objects.get(pk=feed.schedule_id).interval.every == 30
    feed.enabled = False
    feed.save()
    task = feed_schedule_sync(feed=feed, every_minutes=60)
    assert (task.enabled, task.interval.every) == (False, 60)
    feed_schedule_sync(feed=feed)
    assert PeriodicTask.objects.filter(task="claims.tasks.poll_feed").count() == 1


def test_a_poll_imports_the_new_entries(httpserver, django_capture_on_commit_callbacks):
    base = httpserver.url_for("").rstrip("/")
    handler = ConditionalFeed(rss(base, ["a1", "a2"]))
    httpserver.expect_request("/rss.xml").respond_with_handler(handler)
    serve_articles(httpserver, ["a1", "a2"])
    outlet = Outlet.objects.create(name="Example Wire")
    feed = feed_create(url=f"{base}/rss.xml", outlet=outlet)
    with django_capture_on_commit_callbacks(execute=True):
        run = feed_poll(feed_id=feed.pk)
    assert run is not None
    run.refresh_from_db()
    assert (run.source, run.feed, run.status, run.created_count) == (
        ImportRun.Source.FEED, feed, ImportRun.Status.DONE, 2)
    assert set(run.items.values_list("outcome", flat=True)) == {ImportItem.Outcome.CREATED}
    assert set(Article.objects.values_list("title", flat=True)) == {"Story a1", "Story a2"}
    assert set(Article.objects.values_list("outlet__name", flat=True)) == {"Example Wire"}
    assert {a.canonical_url for a in Article.objects.all()} == {f"{base}/a1", f"{base}/a2"}
    feed.refresh_from_db()
    assert (feed.etag, feed.last_modified) == (ETAG, LAST_MODIFIED)
    assert feed.title == "Example Wire"
    assert (feed.last_error, feed.consecutive_failures) == ("", 0)
    assert feed.last_status == "2 entries, 2 new"


def test_a_second_poll_is_conditional_and_a_304_creates_nothing(
        httpserver, django_capture_on_commit_callbacks):
    base = httpserver.url_for("").rstrip("/")
    handler = ConditionalFeed(rss(base, ["a1"]))
    httpserver.expect_request("/rss.xml").respond_with_handler(handler)
    serve_articles(httpserver, ["a1"])
    feed = feed_create(url=f"{base}/rss.xml")
    with django_capture_on_commit_callbacks(execute=True):
        feed_poll(feed_id=feed.pk)
    with django_capture_on_commit_callbacks(execute=True) as queued:
        assert feed_poll(feed_id=feed.pk) is None
    assert not queued
    assert handler.seen[0] == {"If-None-Match": None, "If-Modified-Since": None}
    assert handler.seen[1] == {"If-None-Match": ETAG, "If-Modified-Since": LAST_MODIFIED}
    assert ImportRun.objects.count() == 1 and Article.objects.count() == 1
    feed.refresh_from_db()
    assert feed.last_status == "not modified" and feed.etag == ETAG


def test_an_editors_change_made_during_a_poll_is_kept(httpserver, monkeypatch,
                                                     django_capture_on_commit_callbacks):
    base = httpserver.url_for("").rstrip("/")
    httpserver.expect_request("/rss.xml").respond_with_handler(ConditionalFeed(rss(base, ["a1"])))
    serve_articles(httpserver, ["a1"])
    feed = feed_create(url=f"{base}/rss.xml", title="Wire")
    moved_to = Outlet.objects.create(name="Other Wire")
    real_fetch = feeds.fetch_feed

    def fetch_while_an_editor_saves(*args, **kwargs):
        Feed.objects.filter(pk=feed.pk).update(title="Renamed", outlet=moved_to, enabled=False)
        return real_fetch(*args, **kwargs)

    monkeypatch.setattr(feeds, "fetch_feed", fetch_while_an_editor_saves)
    with django_capture_on_commit_callbacks(execute=True):
        feed_poll(feed_id=feed.pk)
    feed.refresh_from_db()
    assert (feed.title, feed.outlet, feed.enabled) == ("Renamed", moved_to, False)
    assert (feed.etag, feed.last_status) == (ETAG, "1 entries, 1 new")


def test_only_entries_not_seen_before_are_fetched(httpserver, django_capture_on_commit_callbacks):
    base = httpserver.url_for("").rstrip("/")
    handler = ConditionalFeed(rss(base, ["a1"]))
    httpserver.expect_request("/rss.xml").respond_with_handler(handler)
    serve_articles(httpserver, ["a1", "a2"])
    feed = feed_create(url=f"{base}/rss.xml")
    with django_capture_on_commit_callbacks(execute=True):
        feed_poll(feed_id=feed.pk)
    handler.body, handler.etag = rss(base, ["a2", "a1"]), '"feed-v2"'
    with django_capture_on_commit_callbacks(execute=True):
        run = feed_poll(feed_id=feed.pk)
    assert list(run.items.values_list("source", flat=True)) == [f"{base}/a2?utm_source=rss"]
    assert Article.objects.count() == 2
    fetched = [entry[0].path for entry in httpserver.log]
    assert fetched.count("/a1") == 1


def test_an_atom_feed_is_polled_too(httpserver, django_capture_on_commit_callbacks):
    base = httpserver.url_for("").rstrip("/")
    httpserver.expect_request("/atom.xml").respond_with_handler(
        ConditionalFeed(atom(base, ["b1", "b2"]), content_type="application/atom+xml"))
    serve_articles(httpserver, ["b1", "b2"])
    feed = feed_create(url=f"{base}/atom.xml")
    with django_capture_on_commit_callbacks(execute=True):
        run = feed_poll(feed_id=feed.pk)
    run.refresh_from_db()
    assert run.created_count == 2
    assert Feed.objects.get().title == "Example Atom"


def test_an_entry_that_cannot_be_fetched_is_a_failed_item_of_the_run(
        httpserver, django_capture_on_commit_callbacks):
    base = httpserver.url_for("").rstrip("/")
    httpserver.expect_request("/rss.xml").respond_with_handler(
        ConditionalFeed(rss(base, ["ok", "gone"])))
    serve_articles(httpserver, ["ok"])
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    feed = feed_create(url=f"{base}/rss.xml")
    with django_capture_on_commit_callbacks(execute=True):
        run = feed_poll(feed_id=feed.pk)
    run.refresh_from_db()
    assert (run.status, run.created_count, run.failed_count) == (ImportRun.Status.PARTIAL, 1, 1)
    assert run.items.get(outcome=ImportItem.Outcome.FAILED).reason == "HTTP 404 Not Found"


def test_a_malformed_feed_keeps_its_error_and_is_polled_again(
        httpserver, django_capture_on_commit_callbacks):
    base = httpserver.url_for("").rstrip("/")
    serve_articles(httpserver, ["ok"])
    state = {"body": "<?xml version='1.0'?><rss><channel><title>Broken</ti"}
    httpserver.expect_request("/rss.xml").respond_with_handler(
        lambda request: Response(state["body"], content_type="application/rss+xml"))
    feed = feed_create(url=httpserver.url_for("/rss.xml"))
    assert feed_poll(feed_id=feed.pk) is None
    feed.refresh_from_db()
    assert feed.last_error == "malformed feed: unclosed token (line 1, column 65)"
    assert (feed.consecutive_failures, feed.last_status) == (1, "error")
    assert feed.last_polled_at is not None
    feed_poll(feed_id=feed.pk)
    feed.refresh_from_db()
    assert feed.consecutive_failures == 2
    assert PeriodicTask.objects.get(pk=feed.schedule_id).enabled  # polled again later
    state["body"] = rss(base, ["ok"])
    with django_capture_on_commit_callbacks(execute=True):
        feed_poll(feed_id=feed.pk)
    feed.refresh_from_db()
    assert (feed.last_error, feed.consecutive_failures) == ("", 0)


def test_a_well_formed_feed_with_no_items_is_not_an_error(httpserver):
    httpserver.expect_request("/rss.xml").respond_with_data(
        rss(httpserver.url_for("").rstrip("/"), []), content_type="application/rss+xml")
    feed = feed_create(url=httpserver.url_for("/rss.xml"))
    assert feed_poll(feed_id=feed.pk) is None
    feed.refresh_from_db()
    assert (feed.last_error, feed.consecutive_failures) == ("", 0)


@pytest.mark.parametrize(("answer", "reason"), [
    ({"response_data": "no", "status": 404}, "HTTP 404 Not Found"),
    ({"response_data": "<html><body>Hello</body></html>", "content_type": "text/html"},
     "not an RSS or Atom feed"),
    ({"response_data": b"%PDF-1.4 ...", "content_type": "application/pdf"},
     "not a feed (application/pdf)"),
])
def test_a_feed_that_cannot_be_read_says_why(httpserver, answer, reason):
    httpserver.expect_request("/feed").respond_with_data(**answer)
    feed = feed_create(url=httpserver.url_for("/feed"))
    assert feed_poll(feed_id=feed.pk) is None
    feed.refresh_from_db()
    assert feed.last_error == reason
    assert feed.consecutive_failures == 1
    assert not ImportRun.objects.exists()


def test_a_disabled_feed_is_not_polled(httpserver):
    feed = feed_create(url=httpserver.url_for("/rss.xml"), enabled=False)
    assert feed_poll(feed_id=feed.pk) is None
    assert not httpserver.log
    assert not PeriodicTask.objects.get(pk=feed.schedule_id).enabled


def test_the_poll_feed_task_returns_the_run(httpserver, django_capture_on_commit_callbacks):
    base = httpserver.url_for("").rstrip("/")
    httpserver.expect_request("/rss.xml").respond_with_handler(
        ConditionalFeed(rss(base, ["t1"])))
    serve_articles(httpserver, ["t1"])
    feed = feed_create(url=f"{base}/rss.xml")
    with django_capture_on_commit_callbacks(execute=True):
        run_id = tasks.poll_feed.apply(args=(feed.pk,)).get()
    assert ImportRun.objects.get(pk=run_id).feed == feed
    assert Article.objects.get().title == "Story t1"


def test_an_entry_whose_page_names_another_canonical_url_is_not_fetched_again(
        httpserver, django_capture_on_commit_callbacks):
    base = httpserver.url_for("").rstrip("/")
    handler = ConditionalFeed(rss(base, ["c1"]))
    httpserver.expect_request("/rss.xml").respond_with_handler(handler)
    for s in ("c1", "c2"):
        httpserver.expect_request(f"/{s}").respond_with_data(
            article_html(title=f"Story {s}", body=english_body(s),
                         canonical=f"https://news.example.com/world/{s}"),
            content_type="text/html")
    feed = feed_create(url=f"{base}/rss.xml")
    with django_capture_on_commit_callbacks(execute=True):
        feed_poll(feed_id=feed.pk)
    assert Article.objects.get().canonical_url == "https://news.example.com/world/c1"
    handler.body, handler.etag = rss(base, ["c2", "c1"]), '"feed-v2"'
    with django_capture_on_commit_callbacks(execute=True):
        run = feed_poll(feed_id=feed.pk)
    assert list(run.items.values_list("source", flat=True)) == [f"{base}/c2?utm_source=rss"]
    assert [entry[0].path for entry in httpserver.log].count("/c1") == 1


def test_a_poll_reads_what_is_known_in_a_fixed_number_of_queries(
        httpserver, django_assert_max_num_queries):
    base = httpserver.url_for("").rstrip("/")
    httpserver.expect_request("/rss.xml").respond_with_handler(
        ConditionalFeed(rss(base, [f"e{i}" for i in range(40)])))
    feed = feed_create(url=f"{base}/rss.xml")
    with django_assert_max_num_queries(15):
        run = feed_poll(feed_id=feed.pk)
    assert run.items.count() == 40
