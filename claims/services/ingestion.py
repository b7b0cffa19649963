"""One ingestion service for every way in: admin, command line, feeds, API.

Each item of an import (a file, a row, a URL, a feed entry) ends as an ImportItem saying what
became of it: created, duplicate of which article, failed and why. Items are keyed by
(run, source), so rerunning an interrupted import finishes it without duplicates, and
articles are stored once by canonical URL and content hash (`article_store`).
"""
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from claims.extraction.batch import MAX_CHARS as ARTICLE_MAX_CHARS
from claims.extraction.language import detect_language
from claims.ingest import (
    IngestError,
    ItemError,
    RawArticle,
    article_from_text,
    fetch_article,
    read_bytes,
    read_sources,
)
from claims.models import Article, ImportItem, ImportRun
from claims.services.access import require
from claims.services.articles import article_store
from claims.services.extraction import skip_note
from claims.services.queue import enqueue_after_commit, enqueue_extraction

log = logging.getLogger(__name__)

# The extractor reads English; other articles are stored, marked, and not extracted.
EXTRACTED_LANGUAGES = {"en"}
FINAL = (ImportItem.Outcome.CREATED, ImportItem.Outcome.DUPLICATE, ImportItem.Outcome.FAILED,
         ImportItem.Outcome.SKIPPED)


class TryAgainLater(Exception):
    """A transient failure (time-out, 5xx, 429): the task layer retries with backoff."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class ImportSummary:
    run_id: int
    created: int
    duplicates: int
    failed: int
    article_ids: list[int]
    failures: list[dict]
    # Stored, but their extraction could not be handed to the broker (it did not answer):
    # the extract_pending sweep queues them once it answers again.
    not_queued: int = 0

    def as_dict(self) -> dict:
        return {"import_run": self.run_id, "created": self.created,
                "duplicates": self.duplicates, "failed": self.failed,
                "not_queued": self.not_queued,
                "article_ids": self.article_ids, "failures": self.failures}


# --- runs and items ------------------------------------------------------------------------

def import_run_start(*, source: str, description: str = "", requested_by=None,
                     feed=None) -> ImportRun:
    return ImportRun.objects.create(
        source=source, description=description[:500], requested_by=requested_by, feed=feed,
        status=ImportRun.Status.RUNNING,
    )


def import_run_finish(*, run: ImportRun) -> ImportRun:
    """Recount the run from its items (safe to call from several workers at once)."""
    counts = run.items.aggregate(
        created=Count("id", filter=Q(outcome=ImportItem.Outcome.CREATED)),
        duplicates=Count("id", filter=Q(outcome=ImportItem.Outcome.DUPLICATE)),
        failed=Count("id", filter=Q(outcome__in=[ImportItem.Outcome.FAILED,
                                                 ImportItem.Outcome.SKIPPED])),
        pending=Count("id", filter=Q(outcome=ImportItem.Outcome.PENDING)),
    )
    if counts["pending"]:
        status = ImportRun.Status.RUNNING
    elif counts["failed"] and not (counts["created"] or counts["duplicates"]):
        status = ImportRun.Status.FAILED
    elif counts["failed"]:
        status = ImportRun.Status.PARTIAL
    else:
        status = ImportRun.Status.DONE
    ImportRun.objects.filter(pk=run.pk).update(
        created_count=counts["created"], duplicate_count=counts["duplicates"],
        failed_count=counts["failed"], status=status,
        finished_at=None if counts["pending"] else timezone.now(),
    )
    run.refresh_from_db()
    return run


def import_run_summary(*, run: ImportRun) -> ImportSummary:
    items = list(run.items.order_by("id"))
    return ImportSummary(
        run_id=run.pk,
        created=run.created_count,
        duplicates=run.duplicate_count,
        failed=run.failed_count,
        article_ids=[i.article_id for i in items if i.article_id],
        failures=[{"source": i.source, "reason": i.reason} for i in items
                  if i.outcome in (ImportItem.Outcome.FAILED, ImportItem.Outcome.SKIPPED)],
        not_queued=_not_queued([i.article_id for i in items if i.article_id]),
    )


def _not_queued(article_ids: list[int]) -> int:
    # Run in-process (no broker) nothing is queued: an extraction is done or failed there.
    if settings.CELERY_TASK_ALWAYS_EAGER or not article_ids:
        return 0
    return Article.objects.filter(pk__in=article_ids, extraction_status=Article.Extraction.PENDING,
                                  extraction_queued_at__isnull=True).count()


def _record(run: ImportRun, source: str, outcome: str, *, article: Article | None = None,
            reason: str = "") -> ImportItem:
    item, _ = ImportItem.objects.update_or_create(
        run=run, source=source[:2000],
        defaults={"outcome": outcome, "article": article, "reason": reason},
    )
    return item


def _create(run: ImportRun, source: str, outcome: str, *, article: Article | None = None,
            reason: str = "") -> ImportItem:
    return ImportItem.objects.create(run=run, source=source[:2000], outcome=outcome,
                                     article=article, reason=reason)


def _finished_item(run: ImportRun, source: str) -> ImportItem | None:
    return ImportItem.objects.filter(run=run, source=source[:2000], outcome__in=FINAL).first()


# --- one article ---------------------------------------------------------------------------

def article_import(*, run: ImportRun, raw: RawArticle, new_item: bool = False,
                   to_extract: list[int] | None = None) -> ImportItem:
    """Store one article read by ingest and queue its extraction; returns its ImportItem.

    `new_item` says the caller knows the run holds no item of this source yet (a bulk import
    into a fresh run), which saves looking for one to resume. With `to_extract`, a new
    article's id is appended there for the caller to queue with others, instead of queued alone.
    """
    source = raw.source or raw.url or raw.title or "item"
    if not new_item:
        done = _finished_item(run, source)
        if done is not None:
            return done
    record = _create if new_item else _record
    language = raw.language or detect_language(raw.body) or ""
    with transaction.atomic():
        stored = article_store(
            title=raw.title, body=raw.body, url=raw.final_url or raw.url,
            canonical_url=raw.canonical_url, published_at=raw.published_at,
            byline=raw.byline or "", outlet_name=raw.outlet or "", language=language,
            import_run=run,
        )
        article = stored.article
        if not stored.created:
            also = " (recorded as another appearance)" if stored.appearance else ""
            return record(run, source, ImportItem.Outcome.DUPLICATE, article=article,
                          reason=f"duplicate of article #{article.pk} “{article.title}”{also}")
        skipped = _not_extracted(article, language)
        if skipped:
            Article.objects.filter(pk=article.pk).update(
                extraction_status=Article.Extraction.SKIPPED, extraction_note=skipped)
        elif to_extract is not None:
            to_extract.append(article.pk)
        else:
            enqueue_extraction([article.pk])
        return record(run, source, ImportItem.Outcome.CREATED, article=article)


def _not_extracted(article: Article, language: str) -> str:
    """Why the extractor will not read this article (stored all the same), or ""."""
    if language and language not in EXTRACTED_LANGUAGES:
        return skip_note(f"not English (detected '{language}')")
    if len(article.body) > ARTICLE_MAX_CHARS:
        return skip_note(f"text over {ARTICLE_MAX_CHARS:,} characters")
    return ""


def _failed(run: ImportRun, source: str, reason: str) -> ImportItem:
    return _record(run, source, ImportItem.Outcome.FAILED, reason=reason)


# --- ways in -------------------------------------------------------------------------------

def import_sources(*, run: ImportRun, sources: Iterable[str | Path],
                   progress: Callable[[ImportItem], None] | None = None) -> ImportRun:
    """Import files, folders and URLs (the command line and bulk imports).

    Every item ends as an ImportItem; one bad item never stops the others.
    """
    items = read_sources(sources, public_only=settings.INGEST_PUBLIC_ONLY)
    return _import_items(run=run, items=items, progress=progress)


def _import_items(*, run: ImportRun, items: Iterable[RawArticle | ItemError],
                  progress: Callable[[ImportItem], None] | None = None) -> ImportRun:
    # A fresh run needs no look-up per item for work to resume: only sources seen twice.
    fresh = not run.items.exists()
    seen: set[str] = set()
    # New articles are queued for extraction in batches (a worker parses a batch in one pass).
    # Each is committed before it is queued; if this process dies between the two, a rerun of
    # the import (below) or the extract_pending sweep queues what is left.
    to_extract: list[int] = []
    queued: set[int] = set()
    try:
        for item in items:
            if isinstance(item, ItemError):
                result = _failed(run, item.source or "item", item.reason)
            else:
                source = item.source or item.url or item.title or "item"
                new_item = fresh and source not in seen
                seen.add(source)
                try:
                    result = article_import(run=run, raw=item, new_item=new_item,
                                            to_extract=to_extract)
                except Exception as exc:  # one item's surprise must not lose the rest
                    log.exception("import of %s failed", item.source)
                    result = _failed(run, item.source or item.url or "item",
                                     f"could not be stored: {exc}")
            if len(to_extract) >= settings.EXTRACTION_BATCH_SIZE:
                enqueue_extraction(to_extract)
                queued.update(to_extract)
                to_extract = []
            if progress:
                progress(result)
    finally:
        enqueue_extraction(to_extract)
        queued.update(to_extract)
    # A rerun after the importer was killed: the articles it stored but never queued (their
    # items are finished, or now duplicates) are queued here rather than by the sweep later.
    enqueue_extraction(_stored_never_queued(run, exclude=queued))
    return import_run_finish(run=run)


def _stored_never_queued(run: ImportRun, *, exclude: set[int]) -> list[int]:
    ids = (run.items.filter(article__extraction_status=Article.Extraction.PENDING,
                            article__extraction_queued_at__isnull=True)
           .values_list("article_id", flat=True).distinct())
    return sorted(set(ids) - exclude)


def import_text(*, run: ImportRun, title: str, body: str, url: str = "", outlet: str = "",
                byline: str = "", published_at: datetime | None = None) -> ImportItem:
    """An article pasted by an editor."""
    source = url or title.strip()[:200] or "pasted text"
    try:
        raw = article_from_text(f"{title.strip()}\n\n{body}", source=source, url=url or None)
        raw.outlet, raw.byline, raw.published_at = outlet, byline, published_at
        item = article_import(run=run, raw=raw)
    except IngestError as exc:
        item = _failed(run, source, exc.reason)
    except ValueError as exc:
        item = _failed(run, source, str(exc))
    import_run_finish(run=run)
    return item


def paste_check(*, body: str) -> None:
    """Refuse a pasted text the extractor would not read, before anything is stored."""
    if len(body) > ARTICLE_MAX_CHARS:
        raise ValidationError({"body": (
            f"The text is {len(body):,} characters long; an article may have at most "
            f"{ARTICLE_MAX_CHARS:,} (the extractor's limit). Paste it in parts, or import "
            "the file with import_articles.")}, code="too_long")


def paste_import(*, user, title: str, body: str, url: str = "", outlet: str = "",
                 byline: str = "", published_at: datetime | None = None,
                 source: str = ImportRun.Source.PASTE) -> ImportRun:
    """An editor's pasted article (or an API client's text), as a run of one item: nothing
    is stored if it is refused."""
    require(user, "claims.add_importrun", "import articles")
    paste_check(body=body)
    with transaction.atomic():
        description = f"Pasted: {title}" if source == ImportRun.Source.PASTE else (
            url or title[:200])
        run = import_run_start(source=source, requested_by=user, description=description)
        import_text(run=run, title=title, body=body, url=url, outlet=outlet, byline=byline,
                    published_at=published_at)
    return run


def uploads_import_into_run(*, run: ImportRun, files: Iterable[tuple[str, bytes]]) -> ImportRun:
    """Uploaded files (.txt, .html, .json, .ndjson, .csv) added to `run`, read exactly as from
    disk; no permission check (uploads_import_by_user is the editor's entry, which starts the
    run and checks).

    Items are named by the uploaded file's name (and row), so the editor recognises them and a
    rerun of the same upload resumes; a second file of the same name becomes "name (2)".
    """
    seen: dict[str, int] = {}

    def items():
        for name, content in files:
            base = Path(name).name or "upload"
            seen[base] = seen.get(base, 0) + 1
            stem, suffix = Path(base).stem, Path(base).suffix
            label = base if seen[base] == 1 else f"{stem} ({seen[base]}){suffix}"
            for item in read_bytes(content, base):
                if label != base:
                    item = _relabel(item, base, label)
                yield item

    return _import_items(run=run, items=items())


def _relabel(item, old: str, new: str):
    if isinstance(item, ItemError):
        return ItemError(item.source.replace(old, new, 1), item.reason)
    item.source = (item.source or old).replace(old, new, 1)
    return item


def url_refusal(url: str) -> str | None:
    """Why this URL would be refused before any fetch (a private or local address where only
    public ones are allowed), or None: lets a request be answered at once instead of with a
    run whose item fails a moment later. A host that does not resolve now is no refusal: it
    may be a passing DNS fault, and the fetch fails and says so like any unreachable host."""
    from claims.ingest.fetch import require_public_host
    from claims.ingest.types import FetchConnectionError

    if not settings.INGEST_PUBLIC_ONLY:
        return None
    try:
        require_public_host(url)
    except FetchConnectionError:
        return None
    except IngestError as exc:
        return exc.reason
    return None


def import_urls_enqueue(*, run: ImportRun, urls: Iterable[str], outlet: str = "") -> ImportRun:
    """Queue one fetch task per URL; the run page shows each as it finishes."""
    for url in dict.fromkeys(u.strip() for u in urls if u.strip()):
        ImportItem.objects.get_or_create(run=run, source=url[:2000])
        url_fetch_enqueue(run_id=run.pk, url=url, outlet=outlet)
    return import_run_finish(run=run)


def url_fetch_enqueue(*, run_id: int, url: str, outlet: str = "") -> None:
    """Queue the fetch of one URL item after commit; if it cannot be queued, the item fails
    with the reason (nothing else would ever fetch it)."""
    def unqueued(exc: Exception) -> None:
        url_import_failed(run_id=run_id, url=url, reason=_queue_failure(exc))

    enqueue_after_commit("claims.tasks.import_url", run_id, url, outlet, on_error=unqueued)


def _queue_failure(exc: Exception) -> str:
    return f"not fetched: the task could not be queued ({type(exc).__name__}: {exc})"


def url_import_failed(*, run_id: int, url: str, reason: str) -> ImportItem | None:
    """Record a URL item as failed unless it already ended (the task's own failure path, or a
    fetch that could not be queued), and recount its run. Never raises: it runs where the
    error is already being handled."""
    try:
        with transaction.atomic():
            run = ImportRun.objects.get(pk=run_id)
            if _finished_item(run, url) is not None:
                return None
            item = _failed(run, url, reason[:2000])
            import_run_finish(run=run)
            return item
    except Exception:
        log.exception("could not record the failure of %s", url)
        return None


def url_import(*, run_id: int, url: str, outlet: str = "", last_attempt: bool = True
               ) -> ImportItem:
    """Fetch one URL and import it. A transient failure raises TryAgainLater unless this is
    the last attempt, when it is recorded as failed with its reason."""
    run = ImportRun.objects.get(pk=run_id)
    done = _finished_item(run, url)
    if done is not None:
        return done
    # A surprise fails the item with its reason, as in import_sources: raised, it would leave
    # the item pending and the run "running" for good (the task is not retried for it).
    try:
        raw = fetch_article(url, outlet=outlet, public_only=settings.INGEST_PUBLIC_ONLY)
    except IngestError as exc:
        if exc.retryable and not last_attempt:
            raise TryAgainLater(exc.reason) from exc
        item = _failed(run, url, exc.reason)
    except Exception as exc:
        log.exception("reading %s failed", url)
        item = _failed(run, url, f"could not be read: {exc}")
    else:
        raw.source = url
        try:
            item = article_import(run=run, raw=raw)
        except ValueError as exc:
            item = _failed(run, url, str(exc))
        except Exception as exc:
            log.exception("import of %s failed", url)
            item = _failed(run, url, f"could not be stored: {exc}")
    import_run_finish(run=run)
    return item


def uploads_import_by_user(*, user, files: list[tuple[str, bytes]]) -> ImportRun:
    """An editor's uploaded files as one run. Not one transaction: each item is stored as it is
    read, so the good files of a batch are kept and a rerun resumes without duplicates."""
    require(user, "claims.add_importrun", "import articles")
    names = ", ".join(name for name, _ in files)
    run = import_run_start(source=ImportRun.Source.UPLOAD, requested_by=user,
                           description=f"{len(files)} file(s): {names}")
    return uploads_import_into_run(run=run, files=files)


def urls_import(*, user, urls: list[str], outlet: str = "",
                source: str = ImportRun.Source.URLS) -> ImportRun:
    """URLs to fetch, each by its own task (the run page shows them pending and reloads until
    they are done)."""
    require(user, "claims.add_importrun", "import articles")
    description = (f"{len(urls)} URL(s): {urls[0]}" + (" …" if len(urls) > 1 else "")
                   if source == ImportRun.Source.URLS else urls[0])
    run = import_run_start(source=source, requested_by=user, description=description)
    return import_urls_enqueue(run=run, urls=urls, outlet=outlet)
