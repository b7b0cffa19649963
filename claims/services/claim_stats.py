"""Keeping each claim's appearance and outlet counts and its first and last seen dates right,
in a fixed number of queries for any number of claims."""
from collections import defaultdict

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Coalesce

from claims.models import (
    Article,
    ArticleAppearance,
    Claim,
    ClaimAssessment,
    ClaimMergeSuggestion,
    ClaimRelation,
    ClaimWording,
    ClaimWordingBand,
    Quote,
)
from claims.services.bulk_sql import columns_set


def claims_refresh(*, claim_ids) -> None:
    """Recount appearances (quotes that are not rejected, plus the syndicated copies of their
    articles), outlets, and first and last seen (the articles' publication dates, the import
    date where none) of these claims. Four queries: three reads, answered with a row per claim
    and article and a row per article or copy however many quotes a claim has, and the update
    of the claims whose figures changed."""
    ids = {i for i in claim_ids if i}
    if not ids:
        return
    kept = [s for s in Quote.Review.values if s != Quote.Review.REJECTED]
    per_article = list(
        Quote.objects.filter(claim_id__in=ids, review_status__in=kept).order_by()
        .values("claim_id", "article_id").annotate(n=Count("pk"))
        .values_list("claim_id", "article_id", "n"))
    # The articles and their syndicated copies read by key, apart from the quotes: joined to
    # them, PostgreSQL hashed the whole article table for a few hundred claims (12 of 17 ms
    # at 20,000 articles, and growing with the archive). No ordering: the parts of a UNION may
    # not have one (SQLite refuses the models' default).
    article_ids = {article_id for _, article_id, _ in per_article}
    where: dict[int, list[tuple]] = defaultdict(list)
    for article_id, outlet_id, seen in Article.objects.filter(pk__in=article_ids).order_by(
            ).annotate(seen=Coalesce("published_at", "created_at")).values_list(
            "pk", "outlet_id", "seen").union(
            ArticleAppearance.objects.filter(article_id__in=article_ids).order_by()
            .values_list("article_id", "outlet_id", "published_at"), all=True):
        where[article_id].append((outlet_id, seen))
    count: dict[int, int] = defaultdict(int)
    outlets: dict[int, set] = defaultdict(set)
    dates: dict[int, list] = defaultdict(list)
    # Each quote appears in its article and once more in each copy of it.
    for claim_id, article_id, n in per_article:
        for outlet_id, seen in where[article_id]:
            count[claim_id] += n
            outlets[claim_id].add(outlet_id)
            if seen:
                dates[claim_id].append(seen)
    changed = {}
    for pk, *stored in Claim.objects.filter(pk__in=ids).values_list(
            "pk", "appearance_count", "outlet_count", "first_seen", "last_seen"):
        fresh = (count[pk], len(outlets[pk] - {None}), min(dates[pk], default=None),
                 max(dates[pk], default=None))
        if list(fresh) != stored:
            changed[pk] = fresh
    columns_set(Claim, ["appearance_count", "outlet_count", "first_seen", "last_seen"], changed)


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
