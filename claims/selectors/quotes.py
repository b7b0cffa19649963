"""Reads for the quote review queue and the quote page: the sentence around each quote, cut
from the article body in SQL, and the claims a quote could be attached to."""

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection
from django.db.models import F, Lookup, Q, QuerySet, Value
from django.db.models.functions import Greatest, Substr

from claims.models import Claim, Quote, Speaker
from claims.selectors.candidates import _candidates
from claims.selectors.lists import claim_list, quote_list
from claims.selectors.sentences import sentence_after, sentence_before
from claims.selectors.text_search import _text_search
from claims.sql_arrays import int_array

# Characters of body fetched either side of a quote: enough for the rest of its sentence,
# few enough that a page of 100 quotes never reads 100 bodies.
CONTEXT_REACH = 200

# Confidence bands of the queue's filter: (lookup value, label, low, high).
CONFIDENCE_BANDS = [
    ("low", "Low (< 0.5)", 0.0, 0.5),
    ("medium", "Medium (0.5 – 0.8)", 0.5, 0.8),
    ("high", "High (≥ 0.8)", 0.8, 1.01),
]


def review_queue() -> QuerySet[Quote]:
    """The queue's rows. The sentence around each quote is fetched for the shown page only
    (`with_context`): annotated here, the article join would make every count of 100,000
    quotes read the articles too."""
    return quote_list()


def with_context(quotes) -> list[Quote]:
    """Give each quote `context_before` / `context_after`: up to CONTEXT_REACH characters of
    its article's body either side, cut by the database, in one query for the whole page."""
    quotes = list(quotes)
    reach_start = Greatest(F("start") - CONTEXT_REACH, Value(0))
    cut = dict((pk, (before, after)) for pk, before, after in Quote.objects.filter(
        pk__in=[q.pk for q in quotes]).annotate(
        before=Substr("article__body", reach_start + 1, F("start") - reach_start),
        after=Substr("article__body", F("end") + 1, CONTEXT_REACH),
    ).values_list("pk", "before", "after"))
    for quote in quotes:
        quote.context_before, quote.context_after = cut.get(quote.pk, ("", ""))
    return quotes


def queue_search(queryset: QuerySet[Quote], term: str) -> QuerySet[Quote]:
    """Quotes whose words match (full-text on PostgreSQL, through its GIN index; a contains
    match elsewhere) or whose speaker's name or alias holds the term. Never the article's
    title; never a LIKE over every quote joined with its speakers and their aliases."""
    speakers = Speaker.objects.filter(
        Q(name__icontains=term) | Q(aliases__alias__icontains=term)).values("pk")
    by_speaker = Quote.speakers.through.objects.filter(speaker_id__in=speakers).values("quote_id")
    by_text = _text_search(Quote.objects.all(), "text", term).order_by().values("pk")
    # The matching ids are fetched first (one UNION through the indexes), then the page and its
    # count look them up by primary key. As a subquery PostgreSQL hashed them and still read all
    # 100,000 quotes twice; as a literal IN list of 20,000 ids it spent 300 ms parsing and
    # planning each of the two; one array constant (`= ANY`) is parsed once and hashed.
    matching = by_text.union(by_speaker)
    ids = list(matching.values_list("pk", flat=True))
    if connection.vendor != "postgresql":  # no arrays; SQLite caps a query's parameters
        return queryset.filter(pk__in=ids if len(ids) <= 20_000 else matching)
    return queryset.filter(_AnyOf(F("pk"), ids))


class _AnyOf(Lookup):
    """`column = ANY(array)`: a list of ids bound as one value. An expression rather than raw
    SQL, so the column keeps its alias when the queryset becomes a subquery (a bulk action)."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s::bigint[])", (*lhs_params, int_array(self.rhs))


def confidence_band(queryset: QuerySet[Quote], band: str) -> QuerySet[Quote]:
    for value, _, low, high in CONFIDENCE_BANDS:
        if value == band:
            return queryset.filter(confidence__gte=low, confidence__lt=high)
    return queryset


def context_of(quote) -> tuple[str, str]:
    """(before, after): the rest of the quote's sentence either side of it."""
    before = sentence_before(getattr(quote, "context_before", "") or "",
                                       len(getattr(quote, "context_before", "") or ""))
    return before.lstrip(), sentence_after(getattr(quote, "context_after", "") or "").rstrip()


def similar_claims(quote: Quote, *, speaker_ids, limit: int = 6,
                   threshold: float = 0.15) -> list[tuple[Claim, float, bool]]:
    """Claims this quote could belong to, as (claim, score, same speaker), the speaker's own
    claims first (trigram similarity of the wording, over that speaker's claims only), then
    the closest claims of other speakers through the wording bands. A fixed number of
    queries; the quote's current claim is left out."""
    found: list[tuple[Claim, float, bool]] = []
    if speaker_ids:
        own = (claim_list().filter(speakers__in=list(speaker_ids))
               .exclude(pk=quote.claim_id or 0).distinct())
        if connection.vendor == "postgresql":
            own = (own.annotate(score=TrigramSimilarity("text", quote.text))
                   .filter(score__gte=threshold).order_by("-score", "-id")[:limit])
            found = [(c, c.score, True) for c in own]
        else:
            found = _own_claims_in_python(quote, own, limit, threshold)
    if len(found) < limit:
        found += _other_speakers(quote, {c.pk for c, _, _ in found}, limit - len(found))
    return found


# SQLite (the quick start) has no pg_trgm: the speaker's latest claims are scored in Python by
# the same trigram measure (claims.grouping.similarity), enough for a small database.
SQLITE_CLAIMS_SCORED = 2000


def _own_claims_in_python(quote: Quote, own: QuerySet[Claim], limit: int,
                          threshold: float) -> list[tuple[Claim, float, bool]]:
    from claims.grouping.similarity import trigram_similarity

    latest = own.order_by("-last_seen", "-id")[:SQLITE_CLAIMS_SCORED]
    scored = [(c, trigram_similarity(quote.text, c.text)) for c in latest]
    scored = sorted(((c, s) for c, s in scored if s >= threshold),
                    key=lambda pair: (-pair[1], -pair[0].pk))
    return [(c, score, True) for c, score in scored[:limit]]


def _other_speakers(quote: Quote, seen: set[int], limit: int) -> list[tuple[Claim, float, bool]]:
    from claims.grouping import claim_similarity, statement

    norm = statement(quote.text, quote.cue)
    if not norm:
        return []
    matches = _candidates([("*", norm)], 0.3, same=False, limit=limit + 2)
    ranked = [(c, claim_similarity(norm, w)) for c, w in matches.get(("*", norm), [])
              if c not in seen and c != quote.claim_id]
    claims = claim_list().in_bulk([c for c, _ in ranked])
    best: dict[int, float] = {}
    for c, score in ranked:
        best[c] = max(best.get(c, 0.0), score)
    return [(claims[c], score, False) for c, score in
            sorted(best.items(), key=lambda item: -item[1])[:limit] if c in claims]
