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


def speaker_registry():
    """The speaker registry as the extraction library's plain data (keys are speaker ids).

    Three queries whatever the registry's size.
    """
    from claims.extraction import RegistryEntry, RegistryRole, SpeakerRegistry

    speakers = Speaker.objects.prefetch_related("aliases", "roles")
    return SpeakerRegistry(
        entries=[
            RegistryEntry(
                key=str(s.pk),
                name=s.name,
                kind=s.kind,
                aliases=tuple(a.alias for a in s.aliases.all()),
                roles=tuple(
                    RegistryRole(title=r.title, start=r.start_date, end=r.end_date,
                                 organisation=r.organisation, country=r.country)
                    for r in s.roles.all()
                ),
            )
            for s in speakers
        ]
    )
