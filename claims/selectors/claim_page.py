"""Reads for the claim page of the admin: every appearance, the relations in both directions,
what is suggested, the assessments and their history. A fixed number of queries, however many
quotes or relations the claim has."""
import re
from dataclasses import dataclass, field

from django.db.models import F, Q

from claims.models import (
    Claim,
    ClaimAssessment,
    ClaimMergeSuggestion,
    ClaimRelation,
    Quote,
    Speaker,
    Topic,
)
from claims.params import as_id


@dataclass
class RelationGroup:
    type: str
    label: str
    outgoing: list = field(default_factory=list)
    incoming: list = field(default_factory=list)


# Appearances listed on the claim page: a claim reported thousands of times must still open
# in a moment; the rest are a click away in the review queue (?claim=).
APPEARANCES_SHOWN = 100


@dataclass
class ClaimPage:
    appearances: list
    appearance_total: int
    groups: list[RelationGroup]
    suggested: list
    merge_suggestions: list
    assessments: list
    assessment_history: list


def claim_appearances(claim_id: int, *, limit: int = APPEARANCES_SHOWN) -> list[Quote]:
    """The claim's newest quotes (by their article's date), at most `limit`."""
    return list(Quote.objects.filter(claim_id=claim_id)
                .select_related("article__outlet").defer("article__body")
                .prefetch_related("speakers")
                .order_by(F("article__published_at").desc(nulls_last=True), "-article_id",
                          "start")[:limit])


def _relations(claim_id: int) -> list[ClaimRelation]:
    return list(ClaimRelation.objects.filter(Q(from_claim_id=claim_id) | Q(to_claim_id=claim_id))
                .select_related("from_claim", "to_claim", "decided_by", "created_by")
                .order_by("type", "-created_at", "pk"))


def _grouped(claim_id: int, relations) -> list[RelationGroup]:
    """Confirmed relations, by type in the order of ClaimRelation.Type. Suggested ones are
    listed apart, with their confirm and reject buttons, not twice; rejected ones are left out
    (they stay in the relation list)."""
    groups = {value: RelationGroup(value, label) for value, label in ClaimRelation.Type.choices}
    for relation in relations:
        if relation.status != ClaimRelation.Status.CONFIRMED:
            continue
        group = groups[relation.type]
        (group.outgoing if relation.from_claim_id == claim_id else group.incoming).append(relation)
    return [g for g in groups.values() if g.outgoing or g.incoming]


def claim_page(claim_id: int) -> ClaimPage:
    relations = _relations(claim_id)
    assessments = list(ClaimAssessment.objects.filter(claim_id=claim_id)
                       .select_related("reviewer").order_by("-assessed_at"))
    history = list(ClaimAssessment.history.filter(claim_id=claim_id)
                   .select_related("history_user").order_by("-history_date")[:50])
    return ClaimPage(
        appearances=claim_appearances(claim_id),
        appearance_total=Quote.objects.filter(claim_id=claim_id).count(),
        groups=_grouped(claim_id, relations),
        suggested=[r for r in relations if r.status == ClaimRelation.Status.SUGGESTED],
        merge_suggestions=list(
            ClaimMergeSuggestion.objects.filter(Q(claim_id=claim_id) | Q(other_id=claim_id),
                                                status=ClaimMergeSuggestion.Status.SUGGESTED)
            .select_related("claim", "other").order_by("-score")),
        assessments=assessments,
        assessment_history=history,
    )


def quote_for_claim_form(quote_id) -> Quote | None:
    """The quote a claim is made from, with what its add form shows (article, outlet, date)."""
    if not as_id(quote_id):
        return None
    return (Quote.objects.select_related("article__outlet", "claim").defer("article__body")
            .prefetch_related("speakers").filter(pk=as_id(quote_id)).first())


def graph_topic(value) -> Topic | None:
    if not value:
        return None
    lookup = {"pk": as_id(value)} if as_id(value) else {"slug": value}
    return Topic.objects.filter(**lookup).first()


def graph_claim(value) -> Claim | None:
    return Claim.objects.filter(pk=as_id(value)).first() if as_id(value) else None


def graph_speaker(value) -> Speaker | None:
    return Speaker.objects.filter(pk=as_id(value)).first() if as_id(value) else None


@dataclass
class MergedInto:
    claim_id: int  # the claim that exists now (the end of a chain of merges)
    by: str
    on: object  # the datetime of the first merge


# What claims.services.claims.claim_merge writes as the deleted claim's change reason; read
# here without importing the service (selectors sit below services).
_MERGED = re.compile(r"merged into claim #(\d+)$")


def claim_merged_into(claim_id: int) -> MergedInto | None:
    """Where a claim merged away went: its deletion record names the claim it was merged into,
    followed along later merges to one that exists. None for a claim that never existed or
    was removed otherwise."""
    first = None
    seen = set()
    current = claim_id
    while current not in seen:
        seen.add(current)
        if Claim.objects.filter(pk=current).exists():
            return first and MergedInto(claim_id=current, by=first[0], on=first[1])
        record = (Claim.history.filter(id=current, history_type="-")
                  .select_related("history_user").order_by("-history_date").first())
        match = record and _MERGED.match(record.history_change_reason or "")
        if not match:
            return None
        if first is None:
            user = record.history_user
            first = (user.get_username() if user else "system", record.history_date)
        current = int(match.group(1))
    return None


def claims_of_one_quote(claim_ids) -> set[int]:
    """The claims among `claim_ids` that hold a single quote: "New claim from this quote" would
    only move that quote into a copy of its own claim. One query."""
    from django.db.models import Count

    return set(Quote.objects.filter(claim_id__in={c for c in claim_ids if c})
               .values("claim_id").annotate(n=Count("id")).filter(n=1)
               .values_list("claim_id", flat=True))

