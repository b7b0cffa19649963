"""Reads for finding answers within an article: where each quote is, with its claim and
speaker key, the bodies, and the words of the sentence before a quote."""
import re
from dataclasses import dataclass

from claims.models import Article, Quote


@dataclass(frozen=True)
class QuoteSpot:
    id: int
    article_id: int
    start: int
    end: int
    claim_id: int | None
    speaker_key: str


def article_quote_index(article_ids) -> list[QuoteSpot]:
    """Where each quote of these articles is, its claim and its claim's speaker key."""
    return [QuoteSpot(*row) for row in
            Quote.objects.filter(article_id__in=article_ids)
            .exclude(review_status=Quote.Review.REJECTED)
            .values_list("id", "article_id", "start", "end", "claim_id", "claim__speaker_key")
            .order_by("article_id", "start")]


def article_bodies(article_ids) -> dict[int, str]:
    return dict(Article.objects.filter(pk__in=article_ids).values_list("pk", "body"))


_SENTENCE_END = re.compile(r"[.!?]['\"”’)]*\s+|\n")


def sentence_before(body: str, start: int) -> str:
    """The words of the sentence holding offset `start`, before it."""
    head = body[max(0, start - 600):start]
    ends = list(_SENTENCE_END.finditer(head))
    return head[ends[-1].end():] if ends else head
