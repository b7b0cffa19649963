"""Other speakers' claims that bear on a claim (claims.grouping.related scores them).

On PostgreSQL the claim's words (English stems, as the full-text index of migration 0004 holds
them) are weighted by how rare they are among claims, read from the statistics ANALYZE keeps
on that index (`pg_stats.most_common_elems`: no scan of the claims), and the rarest are looked
up through the index, each claim's weights summed in SQL; the best few hundred are read and
scored with their dates, topics and speakers. Elsewhere (SQLite) the words are stemmed in
Python and matched with a contains filter: slower, rougher, never an error.
"""
import math
import time
from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.db import connection

from claims.grouping import related as scoring
from claims.models import Claim, ClaimRelation
from claims.selectors.lists import claim_list

# Candidates read and scored; the rest of the claims sharing a rare word rank below them.
CANDIDATES = 300
# Related claims listed at most (pages of the API's size over them).
LIMIT = 50
_STATS_SECONDS = 300.0
_stats: dict = {"at": -_STATS_SECONDS, "freq": {}, "floor": 0.0}


class ClaimGone(ObjectDoesNotExist):
    """The claim asked about does not exist: never made, or merged into another since."""


@dataclass
class RelatedClaim:
    claim: Claim
    score: float
    reason: dict
    suggested_type: str | None
    # An existing relation between the two (any status), so the panel offers no second one.
    relation: ClaimRelation | None = None


def claim_gone_message(claim_id: int) -> str:
    """Why there is no claim #id: it was merged (or emptied and collected), or never was."""
    history = Claim.history.filter(id=claim_id, history_type="-").exists()
    if history:
        return (f"Claim #{claim_id} no longer exists: it was merged into another claim (or "
                "lost its last quote).")
    return f"No claim #{claim_id}."


def _frequencies() -> tuple[dict[str, float], float]:
    """Each common stem's share of claims, and the share below which a stem is not listed
    (ANALYZE keeps the most common ~1,000; autovacuum refreshes them). Read every 5 minutes."""
    now = time.monotonic()
    if now - _stats["at"] < _STATS_SECONDS:
        return _stats["freq"], _stats["floor"]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
            "WHERE schemaname = current_schema() AND tablename = 'claim_text_fts'")
        row = cursor.fetchone()
    freq, floor = {}, 0.0
    if row and row[0]:
        elems, freqs = row
        # The last three numbers are the minimum, maximum and null share, not per element.
        freq = dict(zip(elems, freqs[:len(elems)], strict=True))
        floor = freqs[len(elems)] if len(freqs) > len(elems) else min(freq.values())
    _stats.update(at=now, freq=freq, floor=floor)
    return freq, floor


def _weigher():
    freq, floor = _frequencies()
    # A stem rarer than every listed one: half the least listed share (an estimate; with no
    # statistics yet, a small table: every stem weighs the same).
    unseen = floor / 2 if floor else 0.001

    def frequency(lexeme: str) -> float:
        return freq.get(lexeme, unseen)

    cache: dict[str, float] = {}

    def weight(lexeme: str) -> float:
        if lexeme not in cache:
            cache[lexeme] = scoring.word_weight(frequency(lexeme))
        return cache[lexeme]

    return frequency, weight


def _tsquery_literal(lexeme: str) -> str:
    # A lexeme as tsquery input: quoted, its quotes and backslashes escaped.
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


_VECTOR = "to_tsvector('english'::regconfig, COALESCE({}, ''))"
_CANDIDATES_SQL = f"""
SELECT c.id, sum(w.weight) AS found
FROM unnest(%(words)s::text[], %(weights)s::float8[]) AS w(word, weight)
JOIN claims_claim c ON {_VECTOR.format('c.text')} @@ w.word::tsquery
WHERE c.id <> %(id)s AND c.speaker_key <> %(key)s
GROUP BY c.id ORDER BY found DESC, c.id LIMIT %(top)s
"""
_SIDES_SQL = f"""
SELECT c.id, c.text, c.speaker_key, c.first_seen, c.last_seen,
       tsvector_to_array({_VECTOR.format('c.text')})
FROM claims_claim c WHERE c.id = ANY(%s)
"""


def _sides_postgresql(claim: Claim, frequency) -> tuple[scoring.Side, list[scoring.Side]]:
    with connection.cursor() as cursor:
        cursor.execute(_SIDES_SQL, [[claim.pk]])
        own_row = cursor.fetchone()
        words = scoring.query_words(own_row[5], frequency)
        ids = []
        if words:
            cursor.execute(_CANDIDATES_SQL, {
                "words": [_tsquery_literal(w) for w, _ in words],
                "weights": [weight for _, weight in words], "id": claim.pk,
                "key": claim.speaker_key or "\x00", "top": CANDIDATES})
            ids = [row[0] for row in cursor.fetchall()]
        rows = []
        if ids:
            cursor.execute(_SIDES_SQL, [ids])
            rows = cursor.fetchall()
    return _sides(own_row, rows)


def _sides_python(claim: Claim) -> tuple[scoring.Side, list[scoring.Side]]:
    """Without PostgreSQL: claims holding one of the claim's longest words (a contains match),
    at most CANDIDATES of them."""
    from django.db.models import Q

    fields = ("id", "text", "speaker_key", "first_seen", "last_seen")
    own_row = (*Claim.objects.filter(pk=claim.pk).values_list(*fields).get(),
               scoring.crude_lexemes(claim.text))
    words = sorted(own_row[5], key=lambda w: (-len(w), w))[:6]
    rows = []
    if words:
        match = Q()
        for word in words:
            match |= Q(text__icontains=word)
        found = (Claim.objects.filter(match).exclude(pk=claim.pk)
                 .order_by("-last_seen", "-id").values_list(*fields)[:CANDIDATES])
        rows = [(*row, scoring.crude_lexemes(row[1])) for row in found]
    return _sides(own_row, rows)


def _sides(own_row, rows) -> tuple[scoring.Side, list[scoring.Side]]:
    ids = [own_row[0]] + [row[0] for row in rows]
    speakers: dict[int, set[int]] = {}
    for claim_id, speaker_id in Claim.speakers.through.objects.filter(
            claim_id__in=ids).values_list("claim_id", "speaker_id"):
        speakers.setdefault(claim_id, set()).add(speaker_id)
    topics: dict[int, set[int]] = {}
    for claim_id, topic_id in Claim.topics.through.objects.filter(
            claim_id__in=ids).values_list("claim_id", "topic_id"):
        topics.setdefault(claim_id, set()).add(topic_id)

    def side(row) -> scoring.Side:
        pk, text, key, first, last, lexemes = row
        return scoring.Side(
            id=pk, text=text, lexemes=frozenset(lexemes or ()), speaker_key=key or "",
            speaker_ids=frozenset(speakers.get(pk, ())), topics=frozenset(topics.get(pk, ())),
            seen=first.date() if first else None, last=last.date() if last else None)

    return side(own_row), [side(row) for row in rows]


def related_ranking(claim_id: int, *, limit: int = LIMIT) -> list[scoring.Related]:
    """The scores and reasons alone, best first (the benchmark reads these)."""
    claim = Claim.objects.filter(pk=claim_id).only("id", "text", "speaker_key").first()
    if claim is None:
        raise ClaimGone(claim_gone_message(claim_id))
    if connection.vendor == "postgresql":
        frequency, weight = _weigher()
        own, candidates = _sides_postgresql(claim, frequency)
    else:
        own, candidates = _sides_python(claim)

        def weight(lexeme: str) -> float:
            return 1.0 + math.log(len(lexeme))
    return scoring.rank(own, candidates, weight, limit=limit)


def related_claims(claim_id: int, *, limit: int = LIMIT) -> list[RelatedClaim]:
    """Other speakers' claims that bear on claim `claim_id`, best first, each with its score,
    why (the words, names and numbers both hold, the days between them, common topics) and
    a suggested relation type where one is measured right often enough; with the relation the
    two already have, if any. Raises ClaimGone for a claim that does not exist (or was merged
    away). A fixed number of queries."""
    ranked = related_ranking(claim_id, limit=limit)
    claims = claim_list().in_bulk([r.claim_id for r in ranked])
    relations = {}
    for relation in ClaimRelation.objects.filter(
            from_claim_id__in=[claim_id, *claims], to_claim_id__in=[claim_id, *claims]):
        other = relation.to_claim_id if relation.from_claim_id == claim_id else \
            relation.from_claim_id
        if claim_id in (relation.from_claim_id, relation.to_claim_id):
            relations.setdefault(other, relation)
    return [RelatedClaim(claim=claims[r.claim_id], score=r.score, reason=r.reason(),
                         suggested_type=r.suggested_type, relation=relations.get(r.claim_id))
            for r in ranked if r.claim_id in claims]
