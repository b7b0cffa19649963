"""The speaker registry: people and organisations, their aliases and dated roles."""
from dataclasses import dataclass, field

from django.db import transaction

# A role is the same plain data the extractor's registry holds: title, dates, organisation.
from claims.extraction.registry import RegistryRole as RoleSpec
from claims.models import Role, Speaker, SpeakerAlias

__all__ = ["RoleSpec", "SpeakerSpec", "speaker_upsert"]


@dataclass(frozen=True)
class SpeakerSpec:
    name: str
    kind: str = Speaker.Kind.PERSON
    qid: str | None = None
    country: str = ""
    aliases: tuple[str, ...] = ()
    roles: tuple[RoleSpec, ...] = field(default_factory=tuple)


@transaction.atomic
def speaker_upsert(*, spec: SpeakerSpec, verified: bool = True) -> tuple[Speaker, bool]:
    """Create or update a speaker from a spec, matching on the Wikidata QID, else the name.

    Aliases and roles are added when missing and never removed, so an analyst's additions
    survive a reload of the registry. Returns (speaker, created).
    """
    speaker = None
    if spec.qid:
        speaker = Speaker.objects.filter(wikidata_qid=spec.qid).first()
    if speaker is None:
        speaker = Speaker.objects.filter(name=spec.name, kind=spec.kind).first()
    created = speaker is None
    if created:
        speaker = Speaker(name=spec.name)
    speaker.name = spec.name
    speaker.kind = spec.kind
    speaker.country = spec.country
    speaker.verified = speaker.verified or verified
    if spec.qid:
        speaker.wikidata_qid = spec.qid
    speaker.full_clean()
    speaker.save()
    for alias in spec.aliases:
        SpeakerAlias.objects.get_or_create(speaker=speaker, alias=alias)
    for role in spec.roles:
        Role.objects.update_or_create(
            speaker=speaker,
            title=role.title,
            start_date=role.start,
            defaults={"end_date": role.end, "organisation": role.organisation,
                      "country": role.country},
        )
    return speaker, created
