"""Reads shared by the admin, the API, the tasks and the commands. Each returns a QuerySet
that fetches its relations up front, so list pages cost a fixed number of queries."""
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, TrigramSimilarity
from django.db import connection
from django.db.models import Max, QuerySet, Value
from django.db.models.functions import Coalesce, Greatest

from claims.models import Article, Claim, Quote, Role, Speaker, SpeakerAlias, Topic


class FeatureUnavailable(Exception):
    """A feature that needs PostgreSQL was asked for on another database."""


def _require_postgresql(feature: str) -> None:
    if connection.vendor != "postgresql":
        raise FeatureUnavailable(
            f"{feature} needs PostgreSQL; this deployment runs on {connection.vendor}. "
            "Set DATABASE_URL=postgres://... to use it."
        )


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


def speaker_registry():
    """The curated speaker registry as the extraction library's plain data (keys are speaker
    ids): verified speakers with their aliases and dated roles.

    Unverified speakers (names the extractor met and nobody checked yet) stay out: they carry
    no alias or role to match on, and they are linked by name when quotes are stored. Three
    flat queries; model instances and prefetching cost ten times more at this size.
    """
    from claims.extraction import RegistryEntry, RegistryRole, SpeakerRegistry

    speakers = list(Speaker.objects.filter(verified=True).order_by("pk")
                    .values_list("pk", "name", "kind"))
    ids = [pk for pk, _, _ in speakers]
    aliases: dict[int, list[str]] = {}
    for speaker_id, alias in (SpeakerAlias.objects.filter(speaker_id__in=ids)
                              .order_by("pk").values_list("speaker_id", "alias")):
        aliases.setdefault(speaker_id, []).append(alias)
    roles: dict[int, list] = {}
    for speaker_id, title, start, end, organisation, country in (
        Role.objects.filter(speaker_id__in=ids).order_by("-start_date", "pk")
        .values_list("speaker_id", "title", "start_date", "end_date", "organisation", "country")
    ):
        roles.setdefault(speaker_id, []).append(
            RegistryRole(title=title, start=start, end=end, organisation=organisation,
                         country=country))
    return SpeakerRegistry(entries=[
        RegistryEntry(key=str(pk), name=name, kind=kind,
                      aliases=tuple(aliases.get(pk, ())), roles=tuple(roles.get(pk, ())))
        for pk, name, kind in speakers
    ])


def quote_search(query: str) -> QuerySet[Quote]:
    """Quotes matching a web-search style query ("alliance -military", "\"wake-up call\""),
    best first: PostgreSQL full-text search on the quote text, with English stemming."""
    _require_postgresql("Full-text search")
    # The same expression as the GIN index quote_text_fts (migration 0004), so it is used.
    vector = SearchVector("text", config="english")
    search = SearchQuery(query, config="english", search_type="websearch")
    return (
        quote_list()
        .annotate(document=vector, rank=SearchRank(vector, search))
        .filter(document=search)
        .order_by("-rank", "pk")
    )


def speaker_similar(name: str, *, threshold: float = 0.3) -> QuerySet[Speaker]:
    """Speakers whose name or an alias looks like `name` (pg_trgm similarity), closest first:
    "Zelenskyy" finds Volodymyr Zelensky, "Sergei Lavrov" finds Sergey Lavrov."""
    _require_postgresql("Trigram similarity")
    return (
        speaker_list()
        .annotate(alias_similarity=Max(TrigramSimilarity("aliases__alias", name)))
        .annotate(similarity=Greatest(TrigramSimilarity("name", name),
                                      Coalesce("alias_similarity", Value(0.0))))
        .filter(similarity__gte=threshold)
        .order_by("-similarity", "name")
    )
