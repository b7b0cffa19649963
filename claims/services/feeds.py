"""Feeds: their beat schedules (kept in the database by django-celery-beat) and their polls."""
import json
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from claims.ingest import FetchError, canonicalize_url, fetch_feed
from claims.models import Article, ArticleAppearance, Feed, ImportItem, ImportRun
from claims.services.ingestion import import_run_finish, import_run_start, url_fetch_enqueue

log = logging.getLogger(__name__)

DEFAULT_POLL_MINUTES = 30


@transaction.atomic
def feed_schedule_sync(*, feed: Feed, every_minutes: int | None = None) -> PeriodicTask:
    """Give the feed its beat entry (created once; analysts change the interval in the admin)
    and keep the entry enabled exactly while the feed is."""
    task = feed.schedule
    if task is None:
        interval, _ = IntervalSchedule.objects.get_or_create(
            every=every_minutes or DEFAULT_POLL_MINUTES, period=IntervalSchedule.MINUTES
        )
        task, _ = PeriodicTask.objects.update_or_create(
            name=f"Poll feed #{feed.pk}",
            defaults={"interval": interval, "task": "claims.tasks.poll_feed",
                      "args": json.dumps([feed.pk]), "enabled": feed.enabled},
        )
        Feed.objects.filter(pk=feed.pk).update(schedule=task)
        feed.schedule = task
    else:
        if every_minutes:
            task.interval, _ = IntervalSchedule.objects.get_or_create(
                every=every_minutes, period=IntervalSchedule.MINUTES
            )
        task.enabled = feed.enabled
        task.save()
    return task


def feed_create(*, url: str, outlet=None, title: str = "", enabled: bool = True,
                every_minutes: int | None = None) -> Feed:
    with transaction.atomic():
        feed = Feed.objects.create(url=url, outlet=outlet, title=title, enabled=enabled)
        feed_schedule_sync(feed=feed, every_minutes=every_minutes)
    return feed


@transaction.atomic
def feed_delete(*, feeds) -> int:
    """Delete feeds and their beat entries (which would otherwise poll feeds that are gone).
    Their import runs and articles stay. Returns how many feeds were deleted."""
    feeds = list(feeds)
    task_ids = [f.schedule_id for f in feeds if f.schedule_id]
    deleted, _ = Feed.objects.filter(pk__in=[f.pk for f in feeds]).delete()
    PeriodicTask.objects.filter(pk__in=task_ids).delete()
    return len(feeds) if deleted else 0


def _known_entries(feed: Feed, urls: list[str]) -> set[str]:
    """The entry URLs already here: stored under their canonical URL, or imported from this
    feed before (a page whose rel=canonical differs from the feed's link is stored under
    another URL). Entries that failed are tried again. Three queries for the whole feed."""
    canonical = {url: canonicalize_url(url) for url in urls}
    stored = set(Article.objects.filter(canonical_url__in=set(canonical.values()))
                 .values_list("canonical_url", flat=True))
    stored |= set(ArticleAppearance.objects.filter(canonical_url__in=set(canonical.values()))
                  .values_list("canonical_url", flat=True))
    imported = set(ImportItem.objects.filter(
        run__feed=feed, source__in=urls,
        outcome__in=[ImportItem.Outcome.CREATED, ImportItem.Outcome.DUPLICATE],
    ).values_list("source", flat=True))
    return {url for url in urls if canonical[url] in stored or url in imported}


def feed_poll(*, feed_id: int) -> ImportRun | None:
    """Poll a feed once: conditional GET, then one import task per entry not seen before.

    A feed that cannot be fetched or parsed keeps its error on the Feed row and is polled again
    at its next scheduled time. Returns the ImportRun of the new entries, if any.
    """
    feed = Feed.objects.select_related("outlet").get(pk=feed_id)
    if not feed.enabled:
        return None
    now = timezone.now()
    try:
        result = fetch_feed(feed.url, etag=feed.etag or None, modified=feed.last_modified or None,
                            public_only=settings.INGEST_PUBLIC_ONLY)
    except FetchError as exc:
        _feed_failed(feed, now, exc.reason)
        return None
    if result.error:
        _feed_failed(feed, now, result.error)
        return None

    feed.etag = result.etag or ""
    feed.last_modified = result.modified or ""
    feed.last_polled_at = now
    feed.last_error = ""
    feed.consecutive_failures = 0
    if not feed.title and result.title:
        feed.title = result.title[:300]
    if result.not_modified:
        feed.last_status = "not modified"
        feed.save()
        return None

    urls = list(dict.fromkeys(entry.url for entry in result.entries if entry.url))
    known = _known_entries(feed, urls)
    fresh = [url for url in urls if url not in known]
    feed.last_status = f"{len(result.entries)} entries, {len(fresh)} new"
    with transaction.atomic():
        feed.save()
        if not fresh:
            return None
        run = import_run_start(source=ImportRun.Source.FEED, feed=feed,
                               description=f"{feed}: {len(fresh)} new entries")
        outlet = feed.outlet.name if feed.outlet else ""
        ImportItem.objects.bulk_create([ImportItem(run=run, source=url[:2000]) for url in fresh])
        for url in fresh:
            url_fetch_enqueue(run_id=run.pk, url=url, outlet=outlet)
        import_run_finish(run=run)
    return run


def _feed_failed(feed: Feed, now, reason: str) -> None:
    log.warning("feed %s: %s", feed.url, reason)
    Feed.objects.filter(pk=feed.pk).update(
        last_polled_at=now, last_status="error", last_error=reason[:5000],
        consecutive_failures=F("consecutive_failures") + 1,
    )
