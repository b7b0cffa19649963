"""Reads shared by the admin, the API, the tasks and the commands. Each returns a QuerySet
that fetches its relations up front, so list pages cost a fixed number of queries."""
from django.db.models import QuerySet

from claims.models import Article, Claim, Quote, Speaker, Topic


def article_list() -> QuerySet[Article]:
    return Article.objects.select_related("outlet").defer("body")


def quote_list() -> QuerySet[Quote]:
    return Quote.objects.select_related("article").prefetch_related("speakers")


def speaker_list() -> QuerySet[Speaker]:
    return Speaker.objects.prefetch_related("aliases")


def claim_list() -> QuerySet[Claim]:
    return Claim.objects.prefetch_related("speakers", "topics")


def topic_list() -> QuerySet[Topic]:
    return Topic.objects.all()
