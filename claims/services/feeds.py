"""Feeds: their beat schedules (kept in the database by django-celery-beat) and their polls."""
import json
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from claims.ingest import FetchError, canonicalize_url, fetch_feed
from claims.ingest.urls import is_http_url
from claims.models import Article, ArticleAppearance, Feed, ImportItem, ImportRun, Outlet
from claims.services.access import require
from claims.services.ingestion import (
    import_run_finish,
    import_run_start,
    url_fetch_enqueue,
    url_refusal,
)
from claims.services.refusals import Conflict, Forbidden

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


MAX_POLL_MINUTES = 7 * 1440
FIELDS = ("url", "title", "outlet", "enabled")


@transaction.atomic
def feed_create(*, user, url: str, outlet: Outlet | None = None, title: str = "",
                enabled: bool = True, every_minutes: int | None = None) -> Feed:
    """A new feed with its beat entry (every `every_minutes`, else DEFAULT_POLL_MINUTES)."""
    require(user, "claims.add_feed", "add feeds")
    feed = _store(Feed(url=url, outlet=outlet, title=title, enabled=enabled), every_minutes)
    feed_schedule_sync(feed=feed, every_minutes=every_minutes)
    return feed


@transaction.atomic
def feed_update(*, feed_id: int, user, every_minutes: int | None = None, **changes) -> Feed:
    """Change the feed's url, title, outlet or enabled (only those given). Its beat entry
    follows `enabled`; its interval changes only when `every_minutes` is given, since it may
    have been set (or made a cron schedule) in Periodic tasks."""
    require(user, "claims.change_feed", "edit feeds")
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise TypeError(f"feed_update() got unexpected fields: {', '.join(sorted(unknown))}")
    feed = Feed.objects.select_for_update().get(pk=feed_id)
    url_changed = "url" in changes and changes["url"].strip() != feed.url
    for field, value in changes.items():
        setattr(feed, field, value)
    feed = _store(feed, every_minutes, check_address=url_changed, fields=list(changes))
    feed_schedule_sync(feed=feed, every_minutes=every_minutes)
    return feed


def _store(feed: Feed, every_minutes: int | None, *, check_address: bool = True,
           fields: list[str] | None = None) -> Feed:
    """Check and save the feed; an update writes only the fields it changes (the poller
    writes the others)."""
    feed.url = (feed.url or "").strip()
    feed.title = (feed.title or "").strip()
    _check(feed, every_minutes, check_address)
    try:
        with transaction.atomic():
            if fields is None:
                feed.save()
            elif fields:
                feed.save(update_fields=fields)
    except IntegrityError as exc:  # taken by a concurrent save since the check
        raise Conflict({"url": "A feed with this URL was just saved; reload and try "
                                      "again."}) from exc
    return feed


def _check(feed: Feed, every_minutes: int | None, check_address: bool) -> None:
    errors = {}
    if not is_http_url(feed.url):
        errors["url"] = "A feed's address starts with http:// or https://."
    elif check_address and (refused := url_refusal(feed.url)):
        # The poller would refuse it at every poll (production fetches public addresses only).
        raise Forbidden({"url": f"This address cannot be polled ({refused})."})
    if every_minutes is not None and not 1 <= every_minutes <= MAX_POLL_MINUTES:
        errors["every_minutes"] = f"Between 1 and {MAX_POLL_MINUTES} minutes (a week)."
    if errors:
        raise ValidationError(errors)
    if Feed.objects.exclude(pk=feed.pk).filter(url=feed.url).exists():
        raise Conflict({"url": "A feed with this URL exists already."})
    # The model's own rules (lengths, the URL's form); the duplicate was said above.
    # (Not the URL's: is_http_url above is the rule, which the API's schema states; Django's
    # URLField refuses hosts without a dot, such as an intranet name.)
    feed.full_clean(validate_unique=False, exclude=["schedule", "url"])


@transaction.atomic
def feed_delete(*, feeds, user) -> int:
    """Delete feeds and their beat entries (which would otherwise poll feeds that are gone).
    Their import runs and articles stay. Returns how many feeds were deleted."""
    require(user, "claims.delete_feed", "delete feeds")
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
    # Only the poll's own fields are written: an editor may have renamed, disabled or moved the
    # feed while it was being fetched, and a whole-row save would put the old values back.
    polled = ["etag", "last_modified", "last_polled_at", "last_error", "consecutive_failures",
              "last_status"]
    if not feed.title and result.title:
        feed.title = result.title[:300]
        polled.append("title")
    if result.not_modified:
        feed.last_status = "not modified"
        feed.save(update_fields=polled)
        return None

    urls = list(dict.fromkeys(entry.url for entry in result.entries if entry.url))
    known = _known_entries(feed, urls)
    fresh = [url for url in urls if url not in known]
    feed.last_status = f"{len(result.entries)} entries, {len(fresh)} new"
    with transaction.atomic():
        feed.save(update_fields=polled)
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
