"""The speaker registry: people and organisations, their aliases and dated roles."""
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from simple_history.utils import bulk_update_with_history

# A role is the same plain data the extractor's registry holds: title, dates, organisation.
from claims.extraction.registry import RegistryRole as RoleSpec
from claims.grouping.speaker_keys import speaker_key
from claims.models import Claim, ClaimWording, Quote, Role, Speaker, SpeakerAlias
from claims.services.access import require, with_history_user
from claims.services.claim_stats import analyst_decided
from claims.services.refusals import Conflict, Missing
from claims.services.wordings import wordings_rekey

__all__ = ["RoleSpec", "SpeakerSpec", "speaker_create", "speaker_edit", "speaker_merge",
           "speaker_upsert", "speakers_verify"]

# What an analyst edits on a speaker; aliases and roles are rows of their own.
SPEAKER_FIELDS = ("name", "kind", "wikidata_qid", "country", "description", "verified")


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


# --- analysts' registry work: editing, verifying what the extractor met, merging duplicates --

_QID = re.compile(r"^Q[1-9][0-9]*$")


def qid_clean(qid: str | None) -> str | None:
    """A QID as stored ("Q7747"), None for none; a ValidationError on the field otherwise (the
    database's check constraint would only say it was violated)."""
    qid = (qid or "").strip().upper() or None
    if qid is not None and not _QID.match(qid):
        raise ValidationError({"wikidata_qid": f"{qid!r} is no Wikidata QID: Q and a number, "
                                               "e.g. Q7747."})
    return qid


def _fields(values: dict) -> dict:
    unknown = sorted(set(values) - set(SPEAKER_FIELDS))
    if unknown:
        raise TypeError(f"not speaker fields: {', '.join(unknown)}")
    if "wikidata_qid" in values:
        # An empty QID is no QID: the column is unique, so blanks must be NULL.
        values["wikidata_qid"] = qid_clean(values["wikidata_qid"])
    return values


def _store(speaker: Speaker, user) -> Speaker:
    speaker.full_clean()
    with_history_user(speaker, user).save()
    return speaker


def speaker_create(*, user, **values) -> Speaker:
    """A speaker an analyst adds to the registry (fields: SPEAKER_FIELDS)."""
    require(user, "claims.add_speaker", "add speakers")
    with transaction.atomic():
        return _store(Speaker(**_fields(values)), user)


def speaker_edit(*, speaker_id: int, user, **changes) -> Speaker:
    """Change these fields of a speaker (SPEAKER_FIELDS), checked as the model checks them."""
    require(user, "claims.change_speaker", "edit speakers")
    with transaction.atomic():
        speaker = Speaker.objects.select_for_update().get(pk=speaker_id)
        for name, value in _fields(changes).items():
            setattr(speaker, name, value)
        return _store(speaker, user)


def speakers_verify(*, speaker_ids, user) -> int:
    """Mark these speakers checked by an analyst: from then on they are in the extractor's
    registry. A fixed number of queries for any number. Returns how many."""
    require(user, "claims.change_speaker", "verify speakers")
    ids = sorted(set(speaker_ids))
    if not ids:
        raise ValidationError("Choose the speakers to verify.")
    with transaction.atomic():
        speakers = list(Speaker.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
        missing = set(ids) - {s.pk for s in speakers}
        if missing:
            raise Missing(f"No speaker #{', #'.join(map(str, sorted(missing)))}.")
        for speaker in speakers:
            speaker.verified = True
        bulk_update_with_history(speakers, Speaker, ["verified"], default_user=user)
        # bulk_update sends no post_save, which is what clears the cached registry.
        _registry_changed()
    return len(speakers)


def speaker_merge(*, source_id: int, target_id: int, user) -> Speaker:
    """Merge a duplicate speaker (`source`) into `target`: its quotes and claims are the
    target's from then on, its name and aliases become the target's aliases, its roles, QID,
    country and description move where the target has none; then it is deleted.

    Claims whose speakers change are re-keyed (Claim.speaker_key, their wordings and bands), so
    grouping keeps matching them. Those no analyst decided anything about are grouped again
    with the target's claims, as their quotes would be if they arrived now; analysts' claims
    keep their id and quotes."""
    require(user, "claims.change_speaker", "merge speakers")
    if source_id == target_id:
        raise Conflict({"target": "A speaker cannot be merged into itself."})
    with transaction.atomic():
        found = {s.pk: s for s in Speaker.objects.select_for_update()
                 .filter(pk__in=[source_id, target_id]).order_by("pk")}
        if target_id not in found:
            raise Missing({"target": f"No speaker #{target_id} to merge into."})
        if source_id not in found:
            raise Missing({"source": f"No speaker #{source_id}: it was deleted or "
                                             "merged already."})
        source, target = found[source_id], found[target_id]
        _move_names(source, target)
        _move_roles(source, target)
        quote_ids = _move_links(Quote.speakers.through, "quote_id", source, target)
        claim_ids = _move_links(Claim.speakers.through, "claim_id", source, target)
        _record_quotes(quote_ids, user)
        _rekey_claims(claim_ids, user)
        _take_details(source, target)
        with_history_user(source, user).delete()
        with_history_user(target, user).save()
    return target


def _registry_changed() -> None:
    from claims.services.extraction import registry_cache

    registry_cache.clear()
    transaction.on_commit(registry_cache.clear)


def _move_names(source: Speaker, target: Speaker) -> None:
    known = {target.name.casefold()} | {
        a.casefold() for a in target.aliases.values_list("alias", flat=True)}
    wanted = []
    for name in [source.name, *source.aliases.values_list("alias", flat=True)]:
        if name.strip() and name.casefold() not in known:
            known.add(name.casefold())
            wanted.append(SpeakerAlias(speaker=target, alias=name))
    SpeakerAlias.objects.bulk_create(wanted)


def _move_roles(source: Speaker, target: Speaker) -> None:
    # A term the target holds already (same title and start) is kept as the target has it.
    held = set(target.roles.values_list("title", "start_date"))
    roles = list(source.roles.all())
    Role.objects.filter(pk__in=[r.pk for r in roles if (r.title, r.start_date) in held]).delete()
    Role.objects.filter(pk__in=[r.pk for r in roles if (r.title, r.start_date) not in held]) \
        .update(speaker=target)


def _move_links(through, owner: str, source: Speaker, target: Speaker) -> list[int]:
    """Point the source's rows of a speakers table (quotes' or claims') at the target; where
    the target was there already (a joint statement of both), the source's row goes."""
    rows = through.objects.filter(speaker=source)
    owners = list(rows.values_list(owner, flat=True))
    both = through.objects.filter(speaker=target, **{f"{owner}__in": owners}) \
        .values_list(owner, flat=True)
    rows.filter(**{f"{owner}__in": list(both)}).delete()
    rows.update(speaker=target)
    return owners


def _record_quotes(quote_ids: list[int], user) -> None:
    # One history record per quote, naming the analyst, with its new speakers.
    for quote in Quote.objects.filter(pk__in=quote_ids).order_by("pk"):
        with_history_user(quote, user).save(update_fields=["updated_at"])


def _rekey_claims(claim_ids: list[int], user) -> None:
    from claims.services.grouping import quotes_group

    if not claim_ids:
        return
    ids = defaultdict(list)
    for claim_id, speaker_id in Claim.speakers.through.objects.filter(
            claim_id__in=claim_ids).order_by("speaker_id").values_list("claim_id", "speaker_id"):
        ids[claim_id].append(speaker_id)
    decided = set(Claim.objects.filter(pk__in=claim_ids).filter(analyst_decided())
                  .values_list("pk", flat=True))
    for claim in Claim.objects.filter(pk__in=decided).order_by("pk"):
        claim.speaker_key = speaker_key(ids[claim.pk])
        with_history_user(claim, user).save(update_fields=["speaker_key", "updated_at"])
        wordings_rekey(claim_id=claim.pk, speaker_key=claim.speaker_key)
    regroup = set(claim_ids) - decided
    if not regroup:
        return
    # Grouping made these and nobody touched them: their quotes are grouped again under the
    # new key (joining the target's claim of the same words, if any) and they are collected.
    quotes = list(Quote.objects.filter(claim_id__in=regroup).values_list("pk", flat=True))
    Quote.objects.filter(pk__in=quotes).update(claim=None)
    ClaimWording.objects.filter(claim_id__in=regroup).delete()
    quotes_group(quote_ids=quotes, emptied=regroup)


def _take_details(source: Speaker, target: Speaker) -> None:
    if source.wikidata_qid and not target.wikidata_qid:
        # The QID is unique: the source lets go of it first.
        Speaker.objects.filter(pk=source.pk).update(wikidata_qid=None)
        target.wikidata_qid = source.wikidata_qid
    target.country = target.country or source.country
    target.description = target.description or source.description
    target.verified = target.verified or source.verified


# An alias or a dated role of a speaker, with the model name its permissions are named after.
_DETAILS = {SpeakerAlias: "speakeralias", Role: "role"}


def speaker_detail_save(*, detail: SpeakerAlias | Role, user) -> SpeakerAlias | Role:
    """An analyst's new or changed alias or role (the speaker page's rows, their own admin
    pages): checked, saved, and the extractor's cached registry dropped."""
    action = "change" if detail.pk else "add"
    require(user, f"claims.{action}_{_DETAILS[type(detail)]}",
            f"{action} a speaker's {detail._meta.verbose_name}")
    with transaction.atomic():
        detail.full_clean()
        detail.save()
        _registry_changed()
    return detail


def speaker_detail_delete(*, detail: SpeakerAlias | Role, user) -> None:
    require(user, f"claims.delete_{_DETAILS[type(detail)]}",
            f"delete a speaker's {detail._meta.verbose_name}")
    with transaction.atomic():
        detail.delete()
        _registry_changed()
