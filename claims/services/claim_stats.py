"""Keeping each claim's appearance and outlet counts and its first and last seen dates right,
in a fixed number of queries for any number of claims."""
from collections import defaultdict

from django.db import connection
from django.db.models import Count, Exists, Max, Min, OuterRef, Q
from django.db.models.functions import Coalesce

from claims.models import (
    ArticleAppearance,
    Claim,
    ClaimAssessment,
    ClaimMergeSuggestion,
    ClaimRelation,
    ClaimWording,
    ClaimWordingBand,
    Quote,
)


def claims_refresh(*, claim_ids) -> None:
    """Recount appearances (quotes that are not rejected, plus the syndicated copies of their
    articles), outlets, and first and last seen (the articles' publication dates, the import
    date where none) of these claims. Three queries: two reads, answered with a row per claim
    and outlet however many quotes a claim has, and the update."""
    ids = {i for i in claim_ids if i}
    if not ids:
        return
    kept = [s for s in Quote.Review.values if s != Quote.Review.REJECTED]
    # No ordering: the parts of a UNION may not have one (SQLite refuses the models' default).
    quotes = Quote.objects.filter(claim_id__in=ids, review_status__in=kept).order_by()
    # The syndicated copies, once for each quote of their article (as each quote appears in
    # each copy); positive conditions on the quote, so all of them bind the same joined row.
    copies = ArticleAppearance.objects.filter(article__quotes__claim_id__in=ids,
                                              article__quotes__review_status__in=kept
                                              ).order_by()
    count: dict[int, int] = defaultdict(int)
    outlets: dict[int, set] = defaultdict(set)
    dates: dict[int, list] = defaultdict(list)
    seen = Coalesce("article__published_at", "article__created_at")
    # One row per claim and outlet, from the quotes and from the copies.
    for claim_id, outlet_id, n, first, last in quotes.values(
            "claim_id", "article__outlet_id").annotate(
            n=Count("pk"), first=Min(seen), last=Max(seen)).values_list(
            "claim_id", "article__outlet_id", "n", "first", "last").union(
            copies.values("article__quotes__claim_id", "outlet_id").annotate(
                n=Count("pk"), first=Min("published_at"), last=Max("published_at"))
            .values_list("article__quotes__claim_id", "outlet_id", "n", "first", "last"),
            all=True):
        count[claim_id] += n
        outlets[claim_id].add(outlet_id)
        dates[claim_id] += [d for d in (first, last) if d]
    changed = []
    for pk, *stored in Claim.objects.filter(pk__in=ids).values_list(
            "pk", "appearance_count", "outlet_count", "first_seen", "last_seen"):
        fresh = [count[pk], len(outlets[pk] - {None}), min(dates[pk], default=None),
                 max(dates[pk], default=None)]
        if fresh != stored:
            changed.append((*fresh, pk))
    if changed:
        # One statement run for each row (executemany): Django's bulk_update builds a CASE
        # expression per row and field, which cost more than the queries at a few hundred.
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {Claim._meta.db_table} SET appearance_count = %s, outlet_count = %s, "
                "first_seen = %s, last_seen = %s WHERE id = %s", changed)


def analyst_decided() -> Q:
    """Claims carrying an analyst's decision: made or worded by one, holding a quote one placed,
    assessed, or in a relation or merge suggestion one decided. Grouping never deletes these."""
    decided_relation = ClaimRelation.objects.exclude(status=ClaimRelation.Status.SUGGESTED)
    decided_merge = ClaimMergeSuggestion.objects.exclude(
        status=ClaimMergeSuggestion.Status.SUGGESTED)
    return (
        Q(created_by__isnull=False) | Q(wording_by_analyst=True)
        | Exists(Quote.objects.filter(claim=OuterRef("pk"), claim_pinned=True))
        | Exists(ClaimAssessment.objects.filter(claim=OuterRef("pk")))
        | Exists(decided_relation.filter(from_claim=OuterRef("pk")))
        | Exists(decided_relation.filter(to_claim=OuterRef("pk")))
        | Exists(decided_merge.filter(claim=OuterRef("pk")))
        | Exists(decided_merge.filter(other=OuterRef("pk")))
    )


def claims_collect_empty(*, claim_ids) -> int:
    """Delete those of these claims left without a quote that no analyst decided anything
    about (their quotes were re-extracted, rejected or moved). Returns how many went."""
    ids = {i for i in claim_ids if i}
    if not ids:
        return 0
    empty = list(Claim.objects.filter(pk__in=ids)
                 .exclude(Exists(Quote.objects.filter(claim=OuterRef("pk"))))
                 .exclude(analyst_decided()).values_list("pk", flat=True))
    if empty:
        _delete_undecided(empty)
    return len(empty)


def _delete_undecided(claim_ids: list[int]) -> None:
    """Delete claims grouping made and no analyst touched, in a fixed number of queries.

    Grouping creates them with bulk_create, so they have no history to close; the per-row
    delete signals of the history app (one query per claim) are bypassed, and what points at
    them (wordings, suggestions, their evidence, speakers, topics) is deleted first.
    """
    relations = ClaimRelation.objects.filter(Q(from_claim_id__in=claim_ids)
                                             | Q(to_claim_id__in=claim_ids))
    ClaimRelation.quotes.through.objects.filter(claimrelation__in=relations).delete()
    for queryset in (ClaimWordingBand.objects.filter(wording__claim_id__in=claim_ids),
                     relations,
                     ClaimMergeSuggestion.objects.filter(Q(claim_id__in=claim_ids)
                                                         | Q(other_id__in=claim_ids)),
                     ClaimWording.objects.filter(claim_id__in=claim_ids),
                     Claim.speakers.through.objects.filter(claim_id__in=claim_ids),
                     Claim.topics.through.objects.filter(claim_id__in=claim_ids)):
        queryset._raw_delete(queryset.db)
    claims = Claim.objects.filter(pk__in=claim_ids)
    claims._raw_delete(claims.db)
