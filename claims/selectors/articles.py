"""Reads for the article page: its quotes with their speakers and claims, in text order."""
from django.db.models import QuerySet

from claims.models import Quote

REVIEWED = (Quote.Review.CONFIRMED, Quote.Review.EDITED)


def article_quotes(article_id: int) -> QuerySet[Quote]:
    """Every quote of the article, rejected ones too (the analyst sees what was decided), with
    speakers and claim fetched up front: two queries however many quotes."""
    return (Quote.objects.filter(article_id=article_id)
            .select_related("claim").prefetch_related("speakers")
            .order_by("start", "end"))


def reviewed_quote_count(article_id: int) -> int:
    """Quotes an analyst confirmed or edited: while there is one, the body cannot change."""
    return Quote.objects.filter(article_id=article_id, review_status__in=REVIEWED).count()

