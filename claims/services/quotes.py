"""Analysts' review of extracted quotes: confirm, reject, edit, and the same in bulk.

Each checks the `claims.review_quote` permission, records who and when (`reviewed_by`,
`reviewed_at`, and a history record naming the user), and runs in one transaction. A reviewed
quote is kept by re-extraction (claims.services.extraction); a rejected one leaves its claim.
"""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from claims.models import Quote, Speaker
from claims.services.access import require, with_history_user
from claims.services.claim_stats import claims_collect_empty, claims_refresh
from claims.services.references import existing
from claims.services.refusals import Conflict, Missing

PERMISSION = "claims.review_quote"
_REVIEW_FIELDS = ["review_status", "reviewed_by", "reviewed_at", "updated_at"]


def _review(quote: Quote, status: str, user, now) -> None:
    quote.review_status = status
    quote.reviewed_by = user
    quote.reviewed_at = quote.updated_at = now


def _locked(quote_ids) -> list[Quote]:
    ids = sorted(set(quote_ids))
    quotes = list(Quote.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    missing = set(ids) - {q.pk for q in quotes}
    if missing:
        raise Missing(f"No quote #{', #'.join(map(str, sorted(missing)))}.")
    return quotes


def quote_confirm(*, quote_id: int, user) -> Quote:
    """The quote is right as it stands: span, kind, cue and speakers."""
    (quote,) = quotes_confirm(quote_ids=[quote_id], user=user, _return=True)
    return quote


def quote_reject(*, quote_id: int, user) -> Quote:
    """Not a statement (or not this speaker's): it leaves its claim and stays rejected."""
    (quote,) = quotes_reject(quote_ids=[quote_id], user=user, _return=True)
    return quote


def quotes_confirm(*, quote_ids, user, _return: bool = False):
    """Confirm many quotes in a fixed number of queries. Returns how many."""
    require(user, PERMISSION, "confirm quotes")
    with transaction.atomic():
        quotes = _locked(quote_ids)
        now = timezone.now()
        for quote in quotes:
            # A quote an analyst edited stays "edited": confirming it keeps that record.
            status = (Quote.Review.EDITED if quote.review_status == Quote.Review.EDITED
                      else Quote.Review.CONFIRMED)
            _review(quote, status, user, now)
        bulk_update_with_history(quotes, Quote, _REVIEW_FIELDS, default_user=user)
        _group_unplaced(quotes)
    return quotes if _return else len(quotes)


def _group_unplaced(quotes: list[Quote]) -> None:
    # A rejected quote left its claim; confirmed (or edited) after all, it must not stay in
    # none: it is grouped again like a freshly extracted one.
    from claims.services.grouping import quotes_group

    unplaced = [q.pk for q in quotes if q.claim_id is None]
    if unplaced:
        quotes_group(quote_ids=unplaced)
        placed = dict(Quote.objects.filter(pk__in=unplaced).values_list("pk", "claim_id"))
        for quote in quotes:
            if quote.pk in placed:
                quote.claim_id = placed[quote.pk]


def quotes_reject(*, quote_ids, user, _return: bool = False):
    """Reject many quotes in a fixed number of queries; their claims are recounted, and a
    claim left empty that no analyst worked on is deleted. Returns how many."""
    require(user, PERMISSION, "reject quotes")
    with transaction.atomic():
        quotes = _locked(quote_ids)
        now = timezone.now()
        left = {q.claim_id for q in quotes if q.claim_id}
        for quote in quotes:
            _review(quote, Quote.Review.REJECTED, user, now)
            quote.claim = None
            quote.claim_pinned = False
        bulk_update_with_history(quotes, Quote, _REVIEW_FIELDS + ["claim", "claim_pinned"],
                                 default_user=user)
        claims_refresh(claim_ids=left)
        claims_collect_empty(claim_ids=left)
    return quotes if _return else len(quotes)


def quote_edit(*, quote_id: int, user, start: int | None = None, end: int | None = None,
               kind: str | None = None, cue: str | None = None,
               speaker_ids=None) -> Quote:
    """Correct a quote: its span (offsets into the article body; the text follows), kind, cue
    or speakers. The quote becomes "edited"; a new span or new speakers regroup it, unless an
    analyst placed it in its claim."""
    require(user, PERMISSION, "edit quotes")
    with transaction.atomic():
        (quote,) = _locked([quote_id])
        regroup = False
        if start is not None or end is not None:
            new_start = quote.start if start is None else start
            new_end = quote.end if end is None else end
            body = quote.article.body
            if not (0 <= new_start < new_end <= len(body)):
                raise Conflict(
                    {"start": f"Offsets {new_start}:{new_end} lie outside the article body "
                              f"(0:{len(body)}), or the span is empty."})
            clash = (Quote.objects.filter(article_id=quote.article_id, start=new_start,
                                          end=new_end).exclude(pk=quote.pk))
            if clash.exists():
                raise Conflict({"start": "Another quote of this article has exactly "
                                                "this span."})
            regroup = (new_start, new_end) != (quote.start, quote.end)
            quote.start, quote.end, quote.text = new_start, new_end, body[new_start:new_end]
        if kind is not None:
            if kind not in Quote.Kind.values:
                raise ValidationError({"kind": f"Unknown kind {kind!r}."})
            quote.kind = kind
        if cue is not None:
            quote.cue = cue.strip()[:100]
        names = None
        if speaker_ids is not None:
            speakers = sorted(existing(Speaker, speaker_ids, argument="speaker_ids"),
                              key=lambda s: s.name)
            names = speakers
            quote.speaker_name = " and ".join(s.name for s in speakers)[:500]
            regroup = regroup or {s.pk for s in speakers} != set(
                quote.speakers.values_list("pk", flat=True))
        _review(quote, Quote.Review.EDITED, user, timezone.now())
        with_history_user(quote, user).save()
        if names is not None:
            quote.speakers.set(names)
        if regroup:
            _regroup(quote)
        elif quote.claim_id is None:
            _group_unplaced([quote])
    quote.refresh_from_db()
    return quote


def _regroup(quote: Quote) -> None:
    from claims.services.grouping import quotes_group

    if quote.claim_pinned:
        # The analyst placed it: the claim is theirs to change (claims.quote_move).
        claims_refresh(claim_ids=[quote.claim_id])
        return
    quotes_group(quote_ids=[quote.pk])
