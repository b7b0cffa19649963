"""Celery tasks: thin wrappers over services. Every task is idempotent, so late
acknowledgement (a killed worker's task is delivered again) never duplicates anything."""
from celery import Task, shared_task

from claims.services import extraction, feeds, grouping, ingestion
from claims.services.queue import enqueue_extraction, extraction_queue_empty


@shared_task(acks_late=True)
def extract_article(article_id: int) -> int:
    try:
        article = extraction.article_extract(article_id=article_id)
    except Exception as exc:
        extraction.article_extraction_failed(article_id=article_id, reason=repr(exc))
        raise
    return article.quotes.count()


@shared_task(acks_late=True)
def extract_articles(article_ids: list[int]) -> dict:
    """Several articles parsed together (what imports and the pending sweep send)."""
    try:
        outcomes = extraction.articles_extract(article_ids=article_ids)
    except Exception as exc:  # no article could be tried (the model is missing, say)
        extraction.articles_extraction_failed(article_ids=article_ids, reason=repr(exc))
        raise
    failed = [repr(o) for o in outcomes if isinstance(o, Exception)]
    return {"extracted": len(outcomes) - len(failed), "failed": failed,
            "missing": len(article_ids) - len(outcomes)}


class _UrlImportTask(Task):
    """A fetch task that never leaves its item pending: whatever makes the task fail for good
    (retries exhausted, a database error mid-way) is recorded on the item with its reason."""

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        params = dict(zip(("run_id", "url"), args, strict=False)) | kwargs
        if "run_id" in params and "url" in params:
            ingestion.url_import_failed(run_id=params["run_id"], url=params["url"],
                                        reason=f"could not be fetched: {exc}")


@shared_task(bind=True, base=_UrlImportTask, acks_late=True,
             autoretry_for=(ingestion.TryAgainLater,), retry_backoff=30, retry_backoff_max=1800,
             retry_jitter=True, max_retries=5)
def import_url(self, run_id: int, url: str, outlet: str = "") -> str:
    last = self.request.retries >= self.max_retries or _retry_would_escape(self)
    item = ingestion.url_import(run_id=run_id, url=url, outlet=outlet, last_attempt=last)
    return item.outcome


def _retry_would_escape(task) -> bool:
    # Run in-process with eager propagation (the settings without a broker), Celery raises its
    # Retry out of apply_async instead of retrying: the item would stay pending for good, so
    # the first failure is the last attempt there.
    return bool(task.request.is_eager and task.app.conf.task_eager_propagates)


@shared_task(acks_late=True)
def poll_feed(feed_id: int) -> int | None:
    run = feeds.feed_poll(feed_id=feed_id)
    return run.pk if run else None


@shared_task
def extract_pending(older_than_minutes: float = 2) -> int:
    """Queue extraction of articles left pending: never queued (the broker was down, or the
    importer died first) or queued so long ago that the message is taken as lost."""
    ids = extraction.articles_pending_extraction(older_than_minutes=older_than_minutes,
                                                 queue_empty=extraction_queue_empty())
    enqueue_extraction(ids)
    return len(ids)


@shared_task(acks_late=True)
def suggest_relations(quote_ids: list[int]) -> int:
    """Cross-references between these quotes' claims and other speakers' (idempotent)."""
    return grouping.quotes_relate_across_speakers(quote_ids=quote_ids)
