"""In production, imports refuse URLs on private and loopback addresses, so an editor's URL or a
feed cannot reach the deployment's internal network."""
import pytest

from claims.models import Article, Feed, ImportItem, ImportRun
from claims.services.feeds import feed_poll
from claims.services.ingestion import import_run_start, url_import

pytestmark = pytest.mark.django_db

PAGE = ("<html><head><title>Internal</title></head><body><article><p>"
        + "Secret internal text that must not be imported. " * 20
        + "</p></article></body></html>")


@pytest.fixture
def public_only(settings):
    settings.INGEST_PUBLIC_ONLY = True


def test_a_url_on_a_loopback_address_is_refused(public_only, httpserver):
    httpserver.expect_request("/internal").respond_with_data(PAGE, content_type="text/html")
    run = import_run_start(source=ImportRun.Source.URLS)
    item = url_import(run_id=run.pk, url=httpserver.url_for("/internal"))
    assert item.outcome == ImportItem.Outcome.FAILED
    assert "private" in item.reason or "loopback" in item.reason or "not public" in item.reason
    assert not Article.objects.exists()
    assert len(httpserver.log) == 0


def test_a_feed_on_a_loopback_address_records_the_refusal(public_only, httpserver):
    # A feed added before its host resolved to a private address (feed_create refuses one).
    feed = Feed.objects.create(url=httpserver.url_for("/feed.xml"))
    assert feed_poll(feed_id=feed.pk) is None
    feed.refresh_from_db()
    assert feed.last_error and feed.consecutive_failures == 1
    assert len(httpserver.log) == 0
