"""Storing what the extractor finds as Quote rows, without overwriting an analyst's work."""
import logging
import re
import time
from functools import lru_cache

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from claims import selectors
from claims.models import Article, ClaimRelation, Quote, Speaker
from claims.services import grouping
from claims.services.access import as_machine, require
from claims.services.queue import enqueue_extraction
from claims.services.refusals import Missing

log = logging.getLogger(__name__)

# The change reason of the history records the extractor writes: the history pages name the
# extractor as the author of a record that has no user (claims' simple_history templates).
EXTRACTOR_REASON = "extractor: found in the article"

# An unknown speaker becomes an unverified registry entry only when it looks like a person's
# full name ("Pavel Zarubin"); pronouns, role nominals and lone surnames stay as mentions.
_FULL_NAME = re.compile(r"^[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+)+$")


@lru_cache(maxsize=1)
def _nlp():
    from claims.extraction import load_nlp

    return load_nlp(settings.SPACY_MODEL)


class _RegistryCache:
    """The registry, built once per process and rebuilt after REGISTRY_TTL seconds.

    A worker extracts many articles a second; rebuilding the registry for each cost more than
    the extraction. An analyst's edit reaches other processes within the TTL, and this process
    at once (signals clear the cache, see claims.signals).
    """

    def __init__(self):
        self.value = None
        self.built_at = 0.0

    def get(self):
        ttl = getattr(settings, "SPEAKER_REGISTRY_TTL", 60)
        if self.value is None or time.monotonic() - self.built_at > ttl:
            self.value = selectors.speaker_registry()
            self.built_at = time.monotonic()
        return self.value

    def clear(self):
        self.value = None


registry_cache = _RegistryCache()


def extractor():
    """An Extractor on this process's spaCy pipeline and the speaker registry."""
    from claims.extraction import Extractor

    return Extractor(nlp=_nlp(), registry=registry_cache.get())


def article_extract(*, article_id: int) -> Article:
    """Run the extractor on an article and store its quotes; safe to run again.

    Re-extraction replaces the quotes nobody reviewed and keeps every quote an analyst
    confirmed, rejected or edited; a new quote overlapping one of those is dropped, since the
    analyst's reading of that span stands. Raises what the extractor or the database raised.
    """
    outcomes = articles_extract(article_ids=[article_id])
    if not outcomes:
        raise Article.DoesNotExist(f"no article #{article_id}")
    if isinstance(outcomes[0], Exception):
        raise outcomes[0]
    return outcomes[0]


def articles_extract(*, article_ids: list[int]) -> list[Article | Exception]:
    """Extract several articles in one pass of the parser and store their quotes.

    Parsing the articles of an import together (one ``nlp.pipe`` over all their sentences),
    and storing them in one transaction with a fixed number of queries, is what lets a worker
    keep up with the extraction-only rate. If storing the batch fails, each article is stored
    on its own: one that fails is marked failed with its reason (its exception takes its place
    in the returned list) and the others are stored. Ids no longer in the database are skipped.
    """
    # Taken by a worker now: the sweep counts from here before taking the message as lost.
    Article.objects.filter(pk__in=article_ids, extraction_status=Article.Extraction.PENDING
                           ).update(extraction_queued_at=timezone.now())
    articles = list(Article.objects.filter(pk__in=article_ids)
                    .only("id", "body", "published_at", "language").order_by("pk"))
    # The language detected at import is passed on, so the extractor does not detect it again.
    inputs = [(a.body, a.published_at.date() if a.published_at else None, a.language or None)
              for a in articles]
    engine = extractor()
    try:
        results = list(engine.extract_many(inputs, chunk=max(len(inputs), 1)))
    except Exception:
        # The extractor promises not to raise on any text; if one article breaks that promise,
        # extract them one by one so only that one fails.
        log.exception("batch extraction of %d articles failed; retrying one by one", len(inputs))
        results = []
        for text, published, language in inputs:
            try:
                results.append(engine.extract(text, published=published, language=language))
            except Exception as exc:
                results.append(exc)
    pairs = list(zip((a.pk for a in articles), results, strict=True))
    extracted = [(pk, r) for pk, r in pairs if not isinstance(r, Exception)]
    stored: dict[int, Article] = {}
    if len(extracted) > 1:
        try:
            stored = _save_results(extracted)
        except Exception:
            log.exception("storing %d extracted articles together failed; storing them one by "
                          "one", len(extracted))
    outcomes: list[Article | Exception] = []
    for pk, result in pairs:
        try:
            if isinstance(result, Exception):
                raise result
            outcomes.append(stored[pk] if pk in stored else _save_results([(pk, result)])[pk])
        except Exception as exc:
            log.exception("extraction of article #%s failed", pk)
            article_extraction_failed(article_id=pk, reason=repr(exc))
            outcomes.append(exc)
    return outcomes


_SAVED_FIELDS = ["extraction_status", "extraction_note", "extractor_version", "extracted_at",
                 "language", "updated_at"]


def _save_results(results: list[tuple[int, object]]) -> dict[int, Article]:
    """Store ``(article id, ExtractionResult)`` pairs in one transaction, in a fixed number of
    queries however many articles and quotes there are."""
    from claims.extraction import EXTRACTOR_VERSION

    with transaction.atomic():
        # Lock the rows in id order (two workers given the same articles cannot deadlock); the
        # bodies were read before extracting and are not fetched again.
        articles = {a.pk: a for a in Article.objects.select_for_update().only("id", "language")
                    .filter(pk__in=[pk for pk, _ in results]).order_by("pk")}
        now = timezone.now()
        found = []
        for pk, result in results:
            article = articles.get(pk)
            if article is None:
                raise Article.DoesNotExist(f"no article #{pk}")
            if result.skipped:
                article.extraction_status = Article.Extraction.SKIPPED
                article.extraction_note = skip_note(result.skipped)
            else:
                found.append((article, result.quotes))
                article.extraction_status = Article.Extraction.DONE
                article.extraction_note = f"{len(result.quotes)} quotes" + (
                    f"; {result.note}" if result.note else "")
            if result.language and not article.language:
                article.language = result.language
            article.extractor_version = EXTRACTOR_VERSION
            article.extracted_at = article.updated_at = now
        _store_quotes(found)
        Article.objects.bulk_update(list(articles.values()), _SAVED_FIELDS)
    return articles


def skip_note(reason: str) -> str:
    """The note an editor reads on the import page for an article the extractor passed over:
    "not extracted: text over 2,000,000 characters (the extractor's limit)"."""
    if reason.startswith("text over "):
        reason += " (the extractor's limit)"
    elif reason.startswith("not English"):
        reason = "the article is " + reason
    return f"not extracted: {reason}"


def article_extraction_failed(*, article_id: int, reason: str) -> None:
    articles_extraction_failed(article_ids=[article_id], reason=reason)


def articles_extraction_failed(*, article_ids: list[int], reason: str) -> None:
    Article.objects.filter(pk__in=article_ids).update(
        extraction_status=Article.Extraction.FAILED, extraction_note=reason[:2000]
    )


def _store_quotes(found: list[tuple[Article, list]]) -> None:
    """Replace the unreviewed quotes of these articles with what the extractor found."""
    from claims.extraction import EXTRACTOR_VERSION

    if not found:
        return
    emptied = _drop_unreviewed([article for article, _ in found])
    kept: dict[int, list[tuple[int, int]]] = {}
    for article_id, start, end in Quote.objects.filter(
        article__in=[article for article, _ in found]
    ).values_list("article_id", "start", "end"):
        kept.setdefault(article_id, []).append((start, end))

    def overlaps_reviewed(article, q) -> bool:
        return any(q.start < end and start < q.end for start, end in kept.get(article.pk, ()))

    fresh = [(article, q) for article, quotes in found for q in quotes
             if not overlaps_reviewed(article, q)]
    rows = [
        Quote(
            article=article,
            start=q.start,
            end=q.end,
            text=q.text,
            kind=q.kind,
            cue=(q.cue or "")[:100],
            speaker_mention=q.speaker_mention.text[:300] if q.speaker_mention else "",
            mention_start=q.speaker_mention.start if q.speaker_mention else None,
            mention_end=q.speaker_mention.end if q.speaker_mention else None,
            speaker_name=_display_name(q.speaker)[:500],
            confidence=min(max(q.confidence, 0.0), 1.0),
            extractor_version=EXTRACTOR_VERSION,
        )
        for article, q in fresh
    ]
    # Each quote's history starts with the extractor's record (one insert for all of them),
    # so its history page says who made it before any analyst touches it.
    bulk_create_with_history(as_machine(rows), Quote, default_change_reason=EXTRACTOR_REASON)
    speaker_ids = _speaker_ids_for([q for _, q in fresh])
    links = [
        Quote.speakers.through(quote_id=row.pk, speaker_id=speaker_id)
        for row, ids in zip(rows, speaker_ids, strict=True)
        for speaker_id in ids
    ]
    Quote.speakers.through.objects.bulk_create(links, ignore_conflicts=True)
    # Every way in stores quotes here, so every way in groups them into claims alike. The
    # claims the dropped quotes were in are still candidates, so a re-extracted statement
    # rejoins its claim; those left empty (and undecided by analysts) go afterwards.
    grouping.quotes_group(quote_ids=[row.pk for row in rows], emptied=emptied)


def _drop_unreviewed(articles: list[Article]) -> set[int]:
    """Delete the quotes no analyst touched (reviewed, or placed in a claim), in a fixed number
    of queries whatever their number; returns the claims they were in.

    Their history holds only the extractor's first record (nobody changed them), and the quotes
    found again replace them with records of their own, so that history goes with them and the
    per-row delete signals of the history app are bypassed; what points at a quote (its
    speakers, the relations it is evidence for) is emptied first.
    """
    unreviewed = Quote.objects.filter(article__in=articles, review_status=Quote.Review.EXTRACTED,
                                      claim_pinned=False)
    claim_ids = set(unreviewed.exclude(claim=None).values_list("claim_id", flat=True))
    Quote.speakers.through.objects.filter(quote__in=unreviewed).delete()
    ClaimRelation.quotes.through.objects.filter(quote__in=unreviewed).delete()
    history = Quote.history.filter(id__in=unreviewed.values("id"))
    speakers_model = history.model._meta.get_field("historicalquote_speakers").related_model
    speakers_history = speakers_model.objects.filter(history__in=history)
    speakers_history._raw_delete(speakers_history.db)
    history._raw_delete(history.db)
    unreviewed._raw_delete(unreviewed.db)
    return claim_ids


def _display_name(speaker) -> str:
    if speaker is None:
        return ""
    if isinstance(speaker, (list, tuple)):
        return " and ".join(speaker)
    return speaker


def _the_less(name: str) -> str:
    """A name without its leading "The" ("State Department"), unless that leaves one word
    ("The Hill" is not "Hill")."""
    return name[4:] if name.startswith("The ") and _FULL_NAME.match(name[4:]) else name


def _names(q) -> list[str]:
    return [n for n in (q.speaker if isinstance(q.speaker, (list, tuple)) else [q.speaker]) if n]


def _speaker_ids_for(quotes) -> list[list[int]]:
    """Registry ids for each quote: the entries the extractor linked, plus an unverified
    speaker for each full name it resolved that the registry lacks. A fixed number of
    queries for the whole article."""
    linked = [[int(k) for k in q.speaker_keys if str(k).isdigit()] for q in quotes]
    known = dict(
        Speaker.objects.filter(pk__in={i for ids in linked for i in ids}).values_list("pk", "name")
    )
    # A registry cached a few seconds ago may name a speaker deleted since.
    linked = [[i for i in ids if i in known] for ids in linked]
    unknown_names = {
        name
        for q, ids in zip(quotes, linked, strict=True)
        for name in _names(q)
        if name not in {known.get(i) for i in ids} and _FULL_NAME.match(name)
    }
    # "The State Department" and "State Department" are one speaker: a leading "The" is not
    # part of what identifies an entry, so either form finds the other's row.
    wanted = {form for name in unknown_names
              for form in (_the_less(name), f"The {_the_less(name)}")}
    rows: dict[str, int] = {}
    by_form: dict[str, int] = {}
    # Prefer a verified speaker of that name, then the oldest entry; the name as written before
    # its other form.
    for pk, name in (
        Speaker.objects.filter(name__in=wanted)
        .order_by("verified", "-pk")
        .values_list("pk", "name")
    ):
        rows[name] = pk
        by_form[_the_less(name)] = pk
    by_name = {n: rows.get(n, by_form.get(_the_less(n))) for n in unknown_names}
    by_name = {n: pk for n, pk in by_name.items() if pk is not None}
    missing: dict[str, str] = {}  # one new row for both forms met in one batch
    for n in sorted(unknown_names):
        if n not in by_name:
            missing.setdefault(_the_less(n), n)
    for speaker in bulk_create_with_history(
        as_machine(Speaker(name=n, kind=Speaker.Kind.PERSON, verified=False)
                   for n in missing.values()),
        Speaker, default_change_reason=EXTRACTOR_REASON,
    ):
        by_form[_the_less(speaker.name)] = speaker.pk
    for n in unknown_names:
        by_name.setdefault(n, by_form[_the_less(n)])
    result = []
    for q, ids in zip(quotes, linked, strict=True):
        linked_names = {known.get(i) for i in ids}
        extra = [by_name[n] for n in _names(q) if n not in linked_names and n in by_name]
        result.append(list(dict.fromkeys(ids + extra)))
    return result


def queued_lost_after() -> timezone.timedelta:
    """How long after it was queued (or a worker took it) a pending article's message is taken
    as lost: twice the broker's visibility timeout. A killed worker's message is delivered
    again by the broker after one timeout (workers alive restamp theirs, see
    tracker/unacked_heartbeat.py); past two, the broker itself lost it (flushed, restarted
    without its data)."""
    return timezone.timedelta(seconds=2 * settings.CELERY_VISIBILITY_TIMEOUT)


def articles_pending_extraction(*, older_than_minutes: float = 2,
                                queue_empty: bool = True) -> list[int]:
    """Articles pending for more than ``older_than_minutes`` that were never handed to the
    broker (it was down, or the importer died first) or whose message looks lost. While the
    extraction queue still holds messages (``queue_empty`` false) queued articles may be
    waiting in it and are left where they are."""
    now = timezone.now()
    never_queued = Q(extraction_queued_at__isnull=True)
    if queue_empty:
        never_queued |= Q(extraction_queued_at__lt=now - queued_lost_after())
    return list(
        Article.objects.filter(
            never_queued,
            extraction_status=Article.Extraction.PENDING,
            created_at__lt=now - timezone.timedelta(minutes=older_than_minutes),
        ).values_list("pk", flat=True)[:1000]
    )


def articles_reextract(*, article_ids: list[int], user) -> int:
    """An editor's "run the extraction again" (admin button and action, API `extract`): queued
    after commit; quotes an analyst reviewed or placed in a claim are kept by the extraction.
    Returns how many articles were queued."""
    require(user, "claims.change_article", "re-run the extraction")
    with transaction.atomic():
        found = list(Article.objects.filter(pk__in=article_ids).values_list("pk", flat=True))
        missing = set(article_ids) - set(found)
        if missing:
            raise Missing(f"No article #{', #'.join(map(str, sorted(missing)))}.")
        enqueue_extraction(found)
    return len(found)
