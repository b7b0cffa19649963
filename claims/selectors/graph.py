"""The claim graph: claims as nodes, their relations as edges, as JSON a graph library draws."""
from django.db.models import CharField, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Concat, Length

from claims.models import Claim, ClaimRelation, SpeakerAlias
from claims.selectors.filters import claims_filter
from claims.selectors.lists import relations_of


def claim_graph(*, speaker=None, topic=None, claim: int | None = None,
                limit: int = 500) -> dict:
    """Claims as nodes and their relations (not rejected) as edges, as JSON a graph library
    draws directly: {"nodes": [{"id", "label", "speakers", "short_speakers", "focus", ...}],
    "edges":
    [{"source", "target", "type", "status"}]}. With `claim`, that claim and its neighbours;
    else the claims of a speaker and/or topic (at most `limit`, most seen first), the
    relations that touch them, and the claims at the far end of those (another speaker's claim
    denied, a claim on another topic supported: at most `limit` more). `focus` marks the
    claims asked for, not those brought in by a relation. `short_speakers` are the names for a
    short label. Three flat queries."""
    relations = ClaimRelation.objects.exclude(status=ClaimRelation.Status.REJECTED)
    fields = ("pk", "text", "appearance_count", "first_seen")
    columns = ("id", "from_claim_id", "to_claim_id", "type", "status")
    if claim is not None:
        edges = list(relations_of(relations, claim).values(*columns))
        ids = {claim} | {e["from_claim_id"] for e in edges} | {e["to_claim_id"] for e in edges}
        rows = list(Claim.objects.filter(pk__in=ids).values_list(*fields))
        focus = {claim}
    else:
        rows = list(claims_filter(Claim.objects.all(), speaker=speaker, topic=topic).order_by(
            "-appearance_count", "-id").values_list(*fields)[:limit])
        focus = {row[0] for row in rows}
        # Each relation with both its claims' columns: the claims at the far end come in the
        # same query (a third query for them would grow the graph's cost by one).
        ends = [f"{end}__{f}" for end in ("from_claim", "to_claim") for f in fields]
        edges = list(relations.filter(
            Q(from_claim_id__in=focus) | Q(to_claim_id__in=focus)
        ).order_by("id").values(*columns, *ends)) if focus else []
        far: dict[int, tuple] = {}
        for e in edges:
            for end in ("from_claim", "to_claim"):
                pk = e[f"{end}_id"]
                if pk not in focus and pk not in far and len(far) < limit:
                    far[pk] = tuple(e[f"{end}__{f}"] for f in fields)
        rows += list(far.values())
        ids = {row[0] for row in rows}
        edges = [e for e in edges if e["from_claim_id"] in ids and e["to_claim_id"] in ids]
    # Rows, not model instances: 500 claims with their speakers and topics took 60 ms as
    # instances.
    # Each speaker's short name in the same query: the registry's one-word alias that is one
    # of the name's words ("Putin" for Vladimir Putin, "Xi" for Xi Jinping, whose family name
    # comes first: the last word would be "Jinping"), shortest first, else the whole name. A
    # one-word alias that is not in the name is another spelling or a title, not the short name.
    short = (SpeakerAlias.objects.filter(speaker_id=OuterRef("speaker_id"))
             .exclude(alias__contains=" ")
             .annotate(word=Concat(Value(" "), "alias", Value(" ")),
                       name=Concat(Value(" "), OuterRef("speaker__name"), Value(" "),
                                   output_field=CharField()))
             .filter(name__contains=F("word"))
             .order_by(Length("alias"), "alias").values("alias")[:1])
    names: dict[int, list[str]] = {}
    shorts: dict[int, list[str]] = {}
    for claim_id, name, alias in (Claim.speakers.through.objects.filter(claim_id__in=ids)
                                  .order_by("claim_id", "speaker__name", "speaker_id")
                                  .values_list("claim_id", "speaker__name",
                                               Subquery(short))):
        names.setdefault(claim_id, []).append(name)
        shorts.setdefault(claim_id, []).append(alias or name)
    nodes = [{"id": pk, "label": text[:120], "text": text, "speakers": names.get(pk, []),
              "short_speakers": shorts.get(pk, []),
              "appearances": appearances, "focus": pk in focus,
              "first_seen": first_seen.isoformat() if first_seen else None}
             for pk, text, appearances, first_seen in sorted(rows)]
    return {"nodes": nodes, "edges": [
        {"id": e["id"], "source": e["from_claim_id"], "target": e["to_claim_id"],
         "type": e["type"], "status": e["status"]} for e in edges]}
