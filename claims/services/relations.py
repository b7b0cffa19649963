"""Cross-references between claims: suggested by grouping, decided by analysts.

A suggestion carries its reason (the rule, the score, the words that triggered it) and the
quotes it rests on. A rejected suggestion is kept, and never suggested again: the decision is
the row. Confirming and rejecting record who and when.
"""
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from claims.models import Claim, ClaimMergeSuggestion, ClaimRelation
from claims.selectors.related import claim_gone_message
from claims.services.access import as_machine, require, with_history_user
from claims.services.claims import claim_merge
from claims.services.refusals import Conflict, Missing

# Relations that say the same whichever way they point: one row for the pair.
SYMMETRIC = {ClaimRelation.Type.CONTRADICTS, ClaimRelation.Type.SUPPORTS}


@dataclass
class RelationSpec:
    from_claim_id: int
    to_claim_id: int
    type: str
    reason: dict
    quote_ids: list[int] = field(default_factory=list)


def relations_suggest(*, specs: list[RelationSpec]) -> int:
    """Record these suggestions unless the pair already has that relation in any status (a
    rejected one stays rejected; a suggested or confirmed one gains the new quotes as
    evidence). Returns how many suggestions are new. A fixed number of queries."""
    specs = [s for s in specs if s.from_claim_id != s.to_claim_id]
    if not specs:
        return 0
    claim_ids = {s.from_claim_id for s in specs} | {s.to_claim_id for s in specs}
    existing = {}
    for relation in ClaimRelation.objects.filter(
        from_claim_id__in=claim_ids, to_claim_id__in=claim_ids
    ).only("id", "from_claim_id", "to_claim_id", "type", "status"):
        existing[(relation.from_claim_id, relation.to_claim_id, relation.type)] = relation
        if relation.type in SYMMETRIC:
            existing[(relation.to_claim_id, relation.from_claim_id, relation.type)] = relation
    new: dict[tuple, ClaimRelation] = {}
    evidence: dict[tuple, set[int]] = {}
    for spec in specs:
        key = (spec.from_claim_id, spec.to_claim_id, spec.type)
        found = existing.get(key)
        if found is not None and found.status == ClaimRelation.Status.REJECTED:
            continue
        if found is None and key not in new and (
            spec.type not in SYMMETRIC or (key[1], key[0], key[2]) not in new
        ):
            new[key] = ClaimRelation(from_claim_id=spec.from_claim_id,
                                     to_claim_id=spec.to_claim_id, type=spec.type,
                                     reason=spec.reason)
        target = key if key in new or found is not None else (key[1], key[0], key[2])
        evidence.setdefault(target, set()).update(spec.quote_ids)
    # Another worker may record the same pair at the same moment: the unique constraint keeps
    # one, and the evidence below is attached to whichever row stands.
    ClaimRelation.objects.bulk_create(new.values(), ignore_conflicts=True)
    pairs = {(k[0], k[1]) for k in evidence}
    rows = {(r.from_claim_id, r.to_claim_id, r.type): r.pk
            for r in ClaimRelation.objects.filter(
                from_claim_id__in={p[0] for p in pairs}, to_claim_id__in={p[1] for p in pairs}
            ).exclude(status=ClaimRelation.Status.REJECTED).only(
                "id", "from_claim_id", "to_claim_id", "type")}
    # bulk_create with ignore_conflicts sets no ids: the new rows' first history records are
    # written (in one insert) for those that now stand under their key.
    made = []
    for key, relation in new.items():
        if key in rows:
            relation.pk = rows[key]
            made.append(relation)
    ClaimRelation.history.bulk_history_create(
        as_machine(made), default_change_reason="grouping: suggested by the relation rules")
    links = [ClaimRelation.quotes.through(claimrelation_id=rows[key], quote_id=quote_id)
             for key, quote_ids in evidence.items() if key in rows for quote_id in quote_ids]
    ClaimRelation.quotes.through.objects.bulk_create(links, ignore_conflicts=True)
    return len(new)


def merge_suggest(*, pairs: list[tuple[int, int, float, dict]]) -> None:
    """Record "same claim?" for (claim, other, score, reason); a pair rejected before stays
    rejected (the unique pair keeps the old row)."""
    rows = [ClaimMergeSuggestion(claim_id=min(a, b), other_id=max(a, b), score=score,
                                 reason=reason)
            for a, b, score, reason in pairs if a != b]
    ClaimMergeSuggestion.objects.bulk_create(rows, ignore_conflicts=True)


def relation_check(*, from_claim_id, to_claim_id, type: str) -> None:
    """Why this relation cannot be made, as a ValidationError on the field at fault; the admin
    form calls it too, so the rule lives here once."""
    if type not in ClaimRelation.Type.values:
        raise ValidationError({"type": f"Unknown relation type {type!r}."})
    if from_claim_id == to_claim_id:
        raise Conflict({"to_claim": "A claim cannot be related to itself."})
    found = set(Claim.objects.filter(pk__in=[from_claim_id, to_claim_id])
                .values_list("pk", flat=True))
    for name, claim_id in (("from_claim", from_claim_id), ("to_claim", to_claim_id)):
        if claim_id not in found:
            # A related-claims row or an open form may name a claim merged away since.
            raise Missing({name: claim_gone_message(claim_id)})
    clash = ClaimRelation.objects.filter(from_claim_id=from_claim_id, to_claim_id=to_claim_id,
                                         type=type)
    if type in SYMMETRIC:
        clash = clash | ClaimRelation.objects.filter(
            from_claim_id=to_claim_id, to_claim_id=from_claim_id, type=type)
    if clash.exists():
        raise Conflict({"to_claim": (
            f"Claim #{from_claim_id} already {type.replace('_', ' ')} claim #{to_claim_id} "
            "(or that link was suggested or rejected before).")})


def relation_create(*, from_claim_id: int, to_claim_id: int, type: str, user,
                    note: str = "") -> ClaimRelation:
    """An analyst's own relation, confirmed as made."""
    require(user, "claims.add_claimrelation", "link claims")
    relation_check(from_claim_id=from_claim_id, to_claim_id=to_claim_id, type=type)
    now = timezone.now()
    relation = ClaimRelation(from_claim_id=from_claim_id, to_claim_id=to_claim_id, type=type,
                             note=note, status=ClaimRelation.Status.CONFIRMED, created_by=user,
                             decided_by=user, decided_at=now)
    try:
        with transaction.atomic():
            with_history_user(relation, user).save()
    except IntegrityError as exc:
        raise ValidationError(f"Cannot link these claims: {exc}") from exc
    return relation


def relation_note_edit(*, relation_id: int, note: str, user) -> ClaimRelation:
    require(user, "claims.change_claimrelation", "edit relations")
    with transaction.atomic():
        relation = ClaimRelation.objects.select_for_update().get(pk=relation_id)
        relation.note = note
        with_history_user(relation, user).save(update_fields=["note"])
    return relation


def _decide(relation_id: int, user, status: str, verb: str) -> ClaimRelation:
    require(user, "claims.change_claimrelation", f"{verb} relations")
    with transaction.atomic():
        relation = ClaimRelation.objects.select_for_update().get(pk=relation_id)
        relation.status = status
        relation.decided_by = user
        relation.decided_at = timezone.now()
        with_history_user(relation, user).save(
            update_fields=["status", "decided_by", "decided_at"])
    return relation


def relation_confirm(*, relation_id: int, user) -> ClaimRelation:
    return _decide(relation_id, user, ClaimRelation.Status.CONFIRMED, "confirm")


def relation_reject(*, relation_id: int, user) -> ClaimRelation:
    """Rejected, and kept: the same pair is never suggested again."""
    return _decide(relation_id, user, ClaimRelation.Status.REJECTED, "reject")


def merge_suggestion_reject(*, suggestion_id: int, user) -> ClaimMergeSuggestion:
    require(user, "claims.change_claimmergesuggestion", "decide merge suggestions")
    with transaction.atomic():
        suggestion = ClaimMergeSuggestion.objects.select_for_update().get(pk=suggestion_id)
        if suggestion.status != ClaimMergeSuggestion.Status.SUGGESTED:
            raise Conflict(f"This suggestion was already {suggestion.status}.")
        suggestion.status = ClaimMergeSuggestion.Status.REJECTED
        suggestion.decided_by = user
        suggestion.decided_at = timezone.now()
        with_history_user(suggestion, user).save()
    return suggestion


def merge_suggestion_confirm(*, suggestion_id: int, user):
    """Merge the later claim of the pair into the earlier one (see claims.claim_merge)."""
    require(user, "claims.change_claimmergesuggestion", "decide merge suggestions")
    with transaction.atomic():
        suggestion = ClaimMergeSuggestion.objects.select_for_update().get(pk=suggestion_id)
        if suggestion.status != ClaimMergeSuggestion.Status.SUGGESTED:
            raise Conflict(f"This suggestion was already {suggestion.status}.")
        return claim_merge(source_id=suggestion.other_id, target_id=suggestion.claim_id,
                           user=user)
