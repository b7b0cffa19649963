"""The lists every page and endpoint starts from. Each returns a QuerySet that fetches its
relations up front, so list pages cost a fixed number of queries."""
from django.db.models import Q, QuerySet

from claims.models import (
    Article,
    Claim,
    ClaimAssessment,
    ClaimMergeSuggestion,
    ClaimRelation,
    Feed,
    ImportRun,
    Quote,
    Speaker,
    Topic,
)


def article_list() -> QuerySet[Article]:
    return Article.objects.select_related("outlet").defer("body")


def quote_list() -> QuerySet[Quote]:
    # Newest stored article first, in text order within it: the (article, start, end) index
    # serves it. The model's ordering, ["article", "start"], sorts by the article's own ordering
    # (its date), which joins and sorts every quote for each page.
    return (Quote.objects.select_related("article__outlet", "claim", "reviewed_by")
            .defer("article__body").prefetch_related("speakers")
            .order_by("-article_id", "start"))


def speaker_list() -> QuerySet[Speaker]:
    return Speaker.objects.prefetch_related("aliases", "roles")


def claim_list() -> QuerySet[Claim]:
    return Claim.objects.select_related("created_by").prefetch_related("speakers", "topics")


def relation_list() -> QuerySet[ClaimRelation]:
    return ClaimRelation.objects.select_related(
        "from_claim", "to_claim", "decided_by").prefetch_related("quotes")


def relations_of(queryset: QuerySet[ClaimRelation], claim_id: int) -> QuerySet[ClaimRelation]:
    return queryset.filter(Q(from_claim_id=claim_id) | Q(to_claim_id=claim_id))


def merge_suggestion_list() -> QuerySet[ClaimMergeSuggestion]:
    return ClaimMergeSuggestion.objects.select_related("claim", "other")


def assessment_list() -> QuerySet[ClaimAssessment]:
    return ClaimAssessment.objects.select_related("claim", "reviewer")


def import_run_list() -> QuerySet[ImportRun]:
    return ImportRun.objects.select_related("requested_by")


def feed_list() -> QuerySet[Feed]:
    return Feed.objects.select_related("outlet")


def topic_list() -> QuerySet[Topic]:
    return Topic.objects.all()
