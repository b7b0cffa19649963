"""Exports: schema.org ClaimReview JSON-LD of an assessed claim, and CSV or NDJSON of filtered
quotes and claims, streamed row by row (a server-side cursor), so memory stays flat however
many rows there are."""
import csv
import json

from django.http import Http404, StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from claims.models import Article, Claim, ClaimAssessment, ClaimRelation
from claims.spreadsheet import safe_row

# Not "format": DRF reads that one to choose a renderer.
FORMAT = OpenApiParameter("as", OpenApiTypes.STR, enum=["csv", "ndjson"],
                          description="csv (default) or ndjson")
CHUNK = 2000

QUOTE_COLUMNS = ["id", "text", "kind", "cue", "speaker_name", "speaker_mention", "confidence",
                 "review_status", "claim_id", "article_id", "article__title", "article__url",
                 "article__outlet__name", "article__published_at", "start", "end"]
CLAIM_COLUMNS = ["id", "text", "speaker_key", "appearance_count", "outlet_count",
                 "first_seen", "last_seen", "wording_by_analyst"]
# Named per chunk of rows (two queries a chunk, on any database), not as ids a reader must
# look up: a list of names separated by "; " in CSV, a list in NDJSON.
CLAIM_NAMED = ["speakers", "topics"]


class _Echo:
    def write(self, value):
        return value


def _stream(rows, columns: list[str], fmt: str, name: str) -> StreamingHttpResponse:
    if fmt not in ("csv", "ndjson"):
        raise ValidationError({"as": "csv or ndjson."})
    if fmt == "csv":
        writer = csv.writer(_Echo())

        def lines():
            yield writer.writerow(columns)
            for row in rows:
                yield writer.writerow(safe_row(row))
        content_type = "text/csv; charset=utf-8"
    else:
        def lines():
            for row in rows:
                yield json.dumps(dict(zip(columns, row, strict=True)), default=str) + "\n"
        content_type = "application/x-ndjson"
    response = StreamingHttpResponse(lines(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def stream_quotes(queryset, fmt: str) -> StreamingHttpResponse:
    rows = (queryset.order_by("pk").values_list(*QUOTE_COLUMNS)
            .iterator(chunk_size=CHUNK))
    return _stream(rows, QUOTE_COLUMNS, fmt, "quotes")


def stream_claims(queryset, fmt: str) -> StreamingHttpResponse:
    rows = (queryset.order_by("pk").values_list(*CLAIM_COLUMNS)
            .iterator(chunk_size=CHUNK))
    return _stream(_with_names(rows, joined=fmt == "csv"), CLAIM_COLUMNS + CLAIM_NAMED, fmt,
                   "claims")


def _with_names(rows, *, joined: bool):
    """Each claim row followed by its speakers' and topics' names."""
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield from _named(chunk, joined)
            chunk = []
    yield from _named(chunk, joined)


def _named(chunk, joined: bool):
    if not chunk:
        return
    ids = [row[0] for row in chunk]
    names = {"speakers": Claim.speakers.through.objects.filter(claim_id__in=ids)
             .order_by("speaker__name").values_list("claim_id", "speaker__name"),
             "topics": Claim.topics.through.objects.filter(claim_id__in=ids)
             .order_by("topic__name").values_list("claim_id", "topic__name")}
    found = {column: {} for column in names}
    for column, pairs in names.items():
        for claim_id, name in pairs:
            found[column].setdefault(claim_id, []).append(name)
    for row in chunk:
        lists = [found[column].get(row[0], []) for column in CLAIM_NAMED]
        yield (*row, *(["; ".join(x) for x in lists] if joined else lists))


def claim_review(claim, request) -> Response:
    """The claim's latest assessment as a ClaimReview, with every field Google's guidelines
    require or recommend. schema.org has no relation between claims: ours are given under
    `claimsTracker:relations` (see the README)."""
    assessment = (ClaimAssessment.objects.filter(claim=claim).select_related("reviewer")
                  .order_by("-assessed_at").first())
    if assessment is None:
        raise Http404("This claim has no assessment yet.")
    articles = list(Article.objects.filter(quotes__claim=claim).distinct()
                    .select_related("outlet").order_by("published_at", "pk")
                    .only("url", "canonical_url", "published_at", "title", "outlet__name"))
    appearances = [{"@type": "CreativeWork", "url": a.canonical_url or a.url,
                    "headline": a.title, "datePublished": _date(a.published_at),
                    **({"publisher": {"@type": "Organization", "name": a.outlet.name}}
                       if a.outlet else {})}
                   for a in articles if a.canonical_url or a.url]
    speakers = [{"@type": "Person" if sp.kind == "person" else "Organization", "name": sp.name,
                 **({"sameAs": f"https://www.wikidata.org/wiki/{sp.wikidata_qid}"}
                    if sp.wikidata_qid else {})} for sp in claim.speakers.all()]
    rating = assessment.rating
    body = {
        "@context": {"@vocab": "https://schema.org/",
                     "claimsTracker": request.build_absolute_uri("/api/v1/schema-ext#")},
        "@type": "ClaimReview",
        "url": assessment.url or request.build_absolute_uri(f"/api/v1/claims/{claim.pk}/"),
        "claimReviewed": claim.text,
        "datePublished": _date(assessment.assessed_at),
        "author": {"@type": "Organization",
                   "name": request.get_host(),
                   **({"employee": {"@type": "Person", "name": assessment.reviewer.username}}
                      if assessment.reviewer else {})},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": rating if rating is not None else -1,
            "bestRating": 5, "worstRating": 1,
            "alternateName": "Unverifiable" if assessment.unverifiable
            else ClaimAssessment.Rating(rating).label,
        },
        "reviewBody": assessment.rationale,
        "itemReviewed": {
            "@type": "Claim",
            "author": speakers[0] if len(speakers) == 1 else speakers,
            "datePublished": _date(claim.first_seen),
            "appearance": appearances,
            **({"firstAppearance": appearances[0]} if appearances else {}),
        },
        "claimsTracker:relations": [
            {"type": r.type, "status": r.status, "from": r.from_claim_id, "to": r.to_claim_id}
            for r in ClaimRelation.objects.filter(from_claim=claim).exclude(
                status=ClaimRelation.Status.REJECTED)
            | ClaimRelation.objects.filter(to_claim=claim).exclude(
                status=ClaimRelation.Status.REJECTED)
        ],
    }
    return Response(body, content_type="application/ld+json")


def _date(value):
    return value.date().isoformat() if value else None


# What the `claimsTracker` prefix of a ClaimReview's @context names: the terms schema.org lacks.
SCHEMA_EXT = {
    "@context": {
        "@vocab": "https://schema.org/",
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        "claimsTracker": "#",  # made absolute by schema_ext
    },
    "@graph": [
        {"@id": "claimsTracker:relations", "@type": "rdf:Property",
         "rdfs:label": "relations",
         "rdfs:comment": "How this claim bears on other claims of the tracker: a list of "
                         "objects with type, status, from and to (claim ids)."},
        {"@id": "claimsTracker:type", "@type": "rdf:Property",
         "rdfs:comment": "One of: " + ", ".join(
             f"{value} ({label})" for value, label in ClaimRelation.Type.choices) + "."},
        {"@id": "claimsTracker:status", "@type": "rdf:Property",
         "rdfs:comment": "suggested (by the tracker's rules) or confirmed (by an analyst); "
                         "rejected relations are not exported."},
        {"@id": "claimsTracker:from", "@type": "rdf:Property",
         "rdfs:comment": "The id of the claim the relation starts from "
                         "(/api/v1/claims/{id}/)."},
        {"@id": "claimsTracker:to", "@type": "rdf:Property",
         "rdfs:comment": "The id of the claim it bears on."},
    ],
}


def schema_ext(request) -> Response:
    """The document the ClaimReview's `claimsTracker` prefix points at."""
    body = {**SCHEMA_EXT, "@context": {**SCHEMA_EXT["@context"],
                                       "claimsTracker": request.build_absolute_uri(
                                           "/api/v1/schema-ext#")}}
    return Response(body, content_type="application/ld+json")
