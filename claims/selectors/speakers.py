"""Reads of the speaker pages: the registry list, the queue of unverified speakers with the
verified speaker each most likely duplicates, and a speaker's claims over time."""
from django.db import connection
from django.db.models import Count, F, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from claims.models import Claim, Quote, Speaker, SpeakerAlias

TIMELINE_LENGTH = 50


def _quote_count() -> Subquery:
    # A subquery, not Count("quotes"): a second counted relation would multiply the join.
    through = Quote.speakers.through.objects.filter(speaker_id=OuterRef("pk"))
    return Coalesce(Subquery(through.order_by().values("speaker_id")
                             .annotate(n=Count("pk")).values("n"), output_field=IntegerField()),
                    Value(0))


def speaker_admin_list() -> QuerySet[Speaker]:
    return Speaker.objects.annotate(quote_count=_quote_count())


def unverified_speakers() -> QuerySet[Speaker]:
    """Speakers the extractor met and no analyst checked, with how many quotes they have and
    the latest way an article named them."""
    latest = Quote.objects.filter(speakers=OuterRef("pk")).order_by("-pk")
    return (Speaker.objects.filter(verified=False)
            .annotate(quote_count=_quote_count(),
                      sample_mention=Subquery(latest.values("speaker_mention")[:1]),
                      sample_text=Subquery(latest.values("text")[:1])))


_LIKELIEST = """
SELECT u.id, best.id, best.name, best.score
FROM {speaker} u
CROSS JOIN LATERAL (
    SELECT c.id, c.name, max(c.score) AS score FROM (
        SELECT v.id, v.name, similarity(v.name, u.name) AS score
        FROM {speaker} v WHERE v.name %% u.name AND v.verified AND v.id <> u.id
        UNION ALL
        SELECT v.id, v.name, similarity(a.alias, u.name)
        FROM {alias} a JOIN {speaker} v ON v.id = a.speaker_id
        WHERE a.alias %% u.name AND v.verified AND v.id <> u.id
    ) c
    GROUP BY c.id, c.name ORDER BY max(c.score) DESC, c.name LIMIT 1
) best
WHERE u.id = ANY(%s)
"""


def likeliest_matches(speaker_ids) -> dict[int, tuple[int, str, float]]:
    """For each of these speakers, the verified speaker whose name or an alias is most like
    its name (pg_trgm, the threshold of `speaker_similar`), as {id: (match id, name, score)}.
    One query for any number; the trigram indexes of both tables serve the `%` matches. Empty
    on a database without pg_trgm."""
    ids = list(speaker_ids)
    if not ids or connection.vendor != "postgresql":
        return {}
    sql = _LIKELIEST.format(speaker=Speaker._meta.db_table, alias=SpeakerAlias._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(sql, [ids])
        return {row[0]: (row[1], row[2], row[3]) for row in cursor.fetchall()}


def speaker_timeline(speaker_id: int, *, limit: int = TIMELINE_LENGTH) -> list[Claim]:
    """The speaker's claims, the most recently seen first (at most `limit`)."""
    return list(Claim.objects.filter(speakers=speaker_id)
                .order_by(F("last_seen").desc(nulls_last=True), "-pk")
                .only("id", "text", "first_seen", "last_seen", "appearance_count")[:limit])


def speaker_claim_count(speaker_id: int) -> int:
    return Claim.speakers.through.objects.filter(speaker_id=speaker_id).count()
