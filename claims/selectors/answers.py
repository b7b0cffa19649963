"""Reads for finding answers within an article: each quote with its place, claim, speaker key,
speaker name and words, the bodies, and the words of the sentence before a quote."""

from claims.models import Article, Quote


def article_statements(article_ids) -> dict[int, list[tuple]]:
    """Each article's quotes that are not rejected, in text order, as (id, start, end, claim
    id, claim's speaker key, speaker name, text): what an answer within the article may
    answer. One query for any number of articles."""
    found: dict[int, list[tuple]] = {}
    for article_id, *row in (Quote.objects.filter(article_id__in=article_ids)
                             .exclude(review_status=Quote.Review.REJECTED)
                             .order_by("article_id", "start")
                             .values_list("article_id", "id", "start", "end", "claim_id",
                                          "claim__speaker_key", "speaker_name", "text")):
        found.setdefault(article_id, []).append(tuple(row))
    return found


def article_bodies(article_ids) -> dict[int, str]:
    return dict(Article.objects.filter(pk__in=article_ids).values_list("pk", "body"))


