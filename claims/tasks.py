"""Celery tasks: thin wrappers over services. Every task is idempotent, so late
acknowledgement (a killed worker's task is delivered again) never duplicates anything."""
from celery import shared_task

from claims.services import extraction, feeds, ingestion


@shared_task(acks_late=True)
def extract_article(article_id: int) -> int:
    try:
        article = extraction.article_extract(article_id=article_id)
    except Exception as exc:
        extraction.article_extraction_failed(article_id=article_id, reason=repr(exc))
        raise
    return article.quotes.count()


@shared_task(bind=True, acks_late=True, autoretry_for=(ingestion.TryAgainLater,),
             retry_backoff=30, retry_backoff_max=1800, retry_jitter=True, max_retries=5)
def import_url(self, run_id: int, url: str, outlet: str = "") -> str:
    item = ingestion.url_import(run_id=run_id, url=url, outlet=outlet,
                                last_attempt=self.request.retries >= self.max_retries)
    return item.outcome


@shared_task(acks_late=True)
def poll_feed(feed_id: int) -> int | None:
    run = feeds.feed_poll(feed_id=feed_id)
    return run.pk if run else None


@shared_task
def extract_pending(older_than_minutes: int = 10) -> int:
    """Queue extraction of articles left pending (the broker was down when they arrived)."""
    ids = extraction.articles_pending_extraction(older_than_minutes=older_than_minutes)
    for article_id in ids:
        extract_article.delay(article_id)
    return len(ids)
