"""Grouping's candidate claims: the wordings that share the most LSH bands with a statement
(claims.grouping.minhash), counted in SQL on PostgreSQL and in Python elsewhere, scored exactly."""
from django.db import connection

from claims.models import ClaimWording, ClaimWordingBand
from claims.sql_arrays import int_array, text_array

# Each statement's bands go as one array, and its wordings are counted and ranked in a LATERAL
# subquery of their own: one index-only scan for all its bands (`band = ANY`), a hash of its
# hundred-odd hits, a top-N sort. Ranked together in one window over the batch, the 37,000
# (statement, wording) groups of an extraction batch at 100,000 quotes (most of them chance
# collisions) took a full sort, 30 of the query's 60 ms; the per-statement form answers the
# same rows in 26 ms. (Probed band by band and joined, PostgreSQL hashed the whole band table
# at 10,000 quotes instead of looking each band up; a LATERAL subquery is not flattened.)
_WANTED_SQL = """
WITH wanted AS (
    SELECT i, array_agg(band) AS bands
    FROM unnest(%(pairs)s::int[], %(bands)s::bigint[]) AS probe(i, band) GROUP BY i
)"""
_LIKELIEST_SQL = _WANTED_SQL + """
SELECT wanted.i, w.id, w.claim_id, w.normalized, w.speaker_key
FROM wanted CROSS JOIN LATERAL (
    SELECT b.wording_id FROM {band} b JOIN {wording} w ON w.id = b.wording_id
    WHERE b.band = ANY(wanted.bands) AND {condition}
    GROUP BY b.wording_id ORDER BY count(*) DESC, b.wording_id LIMIT %(top)s
) AS top JOIN {wording} w ON w.id = top.wording_id
"""
_SAME = "w.speaker_key = (%(keys)s::text[])[wanted.i]"
# Another speaker's, or no speaker's: a quote whose speaker was not found may be the same
# words as a known speaker's (services.grouping._across_speakers offers only those).
_OTHER = "w.speaker_key <> (%(keys)s::text[])[wanted.i]"
# Speaker bands are keyed by the speaker (claims.grouping.minhash), so the wordings sharing one
# are that speaker's: the hits (tens of thousands in an extraction batch at 100,000 quotes,
# most of them chance collisions) are ranked as they are, without joining each to its wording
# (that join and the sort of rows carrying the text were half the query's time), and only
# the `top` kept are read, their speaker checked afterwards (see _likeliest_sql). They are
# read by a second query: joined in this one, PostgreSQL (which expects 50 times more ranked
# rows than come) hashed the whole wording table for the few thousand kept, 56 of 180 ms.
_SAME_SPEAKER_SQL = _WANTED_SQL + """
SELECT wanted.i, top.wording_id FROM wanted CROSS JOIN LATERAL (
    SELECT wording_id FROM {band} WHERE band = ANY(wanted.bands)
    GROUP BY wording_id ORDER BY count(*) DESC, wording_id LIMIT %(top)s
) AS top
"""
_WORDINGS_SQL = """
SELECT id, claim_id, normalized, speaker_key FROM {wording} WHERE id = ANY(%s::bigint[])
"""


def _likeliest_sql(pairs, wanted_bands, *, same: bool, top: int) -> dict[int, list]:
    """PostgreSQL counts the bands each wording shares with each statement and keeps the
    `top` likeliest per statement, so a few rows cross the wire, not every chance collision."""
    index, values = [], []
    for i, bands_of_pair in enumerate(wanted_bands, start=1):
        index += [i] * len(bands_of_pair)
        values += bands_of_pair
    # Thousands of numbers: bound as array literals (claims.sql_arrays), not as lists.
    params = {"pairs": int_array(index), "bands": int_array(values), "top": top,
              "keys": text_array(key for key, _ in pairs)}
    tables = {"band": ClaimWordingBand._meta.db_table, "wording": ClaimWording._meta.db_table}
    with connection.cursor() as cursor:
        if same:
            cursor.execute(_SAME_SPEAKER_SQL.format(**tables), params)
            ranked = cursor.fetchall()
            wordings = {}
            if ranked:
                cursor.execute(_WORDINGS_SQL.format(**tables),
                               [int_array({wording_id for _, wording_id in ranked})])
                wordings = {row[0]: row for row in cursor.fetchall()}
            rows = [(i, *wordings[wording_id]) for i, wording_id in ranked
                    if wording_id in wordings]
            # When every wording kept is the statement's speaker's, ranking only that speaker's
            # wordings keeps the same `top` (any other speaker's hit ranks below them). Another
            # speaker's wording among them means a band hash collided: rank again, filtered.
            if any(key != pairs[i - 1][0] for i, _, _, _, key in rows):
                cursor.execute(_LIKELIEST_SQL.format(condition=_SAME, **tables), params)
                rows = cursor.fetchall()
        else:
            cursor.execute(_LIKELIEST_SQL.format(condition=_OTHER, **tables), params)
            rows = cursor.fetchall()
    found: dict[int, list] = {}
    for i, wording_id, claim_id, text, _ in rows:
        found.setdefault(i - 1, []).append((wording_id, claim_id, text))
    return found


def _likeliest_python(pairs, wanted_bands, *, same: bool, top: int) -> dict[int, list]:
    """The same choice without PostgreSQL: count in Python (SQLite takes 999 values a query)."""
    by_band: dict[int, list[int]] = {}
    for i, bands_of_pair in enumerate(wanted_bands):
        for band in bands_of_pair:
            by_band.setdefault(band, []).append(i)
    hits: dict[int, dict[int, list]] = {}
    values = list(by_band)
    for start in range(0, len(values), 900):
        for band, wording_id, claim_id, other_key in ClaimWordingBand.objects.filter(
                band__in=values[start:start + 900]).values_list(
                "band", "wording_id", "wording__claim_id", "wording__speaker_key"):
            for i in by_band[band]:
                key = pairs[i][0]
                if (other_key == key) if same else (other_key != key):
                    hit = hits.setdefault(i, {}).setdefault(wording_id, [0, claim_id])
                    hit[0] += 1
    chosen = {i: sorted(rows.items(), key=lambda item: (-item[1][0], item[0]))[:top]
              for i, rows in hits.items()}
    texts = dict(ClaimWording.objects.filter(
        pk__in={w for rows in chosen.values() for w, _ in rows}).values_list("pk", "normalized"))
    return {i: [(w, c, texts[w]) for w, (_, c) in rows if w in texts]
            for i, rows in chosen.items()}


def _candidates(pairs, threshold: float, *, same: bool, limit: int):
    """For each (speaker key, text): the wordings sharing the most bands with it (same
    speaker, or any other speaker key, "" of no known speaker included), scored exactly, at
    least `threshold`, closest first."""
    from claims.grouping import claim_similarity
    from claims.grouping.minhash import bands
    from claims.grouping.similarity import is_excerpt

    pairs = list(dict.fromkeys(pairs))
    wanted = []
    for key, text in pairs:
        own, anyone = bands(text, key)
        wanted.append(list(dict.fromkeys(own if same else anyone)))
    # The share of bands two statements have in common estimates their similarity: score
    # exactly only the likeliest few, not every wording sharing one band by chance.
    likeliest = (_likeliest_sql if connection.vendor == "postgresql" else _likeliest_python)(
        pairs, wanted, same=same, top=limit * 2)
    found: dict[tuple[str, str], list] = {}
    for i, rows in likeliest.items():
        text = pairs[i][1]
        scored = sorted(((claim_similarity(text, w), c, w) for _, c, w in rows),
                        key=lambda row: -row[0])
        # An excerpt of a longer wording is kept whatever its similarity (grouping joins it).
        kept = [(c, w) for score, c, w in scored
                if score >= threshold or (same and is_excerpt(text, w))][:limit]
        if kept:
            found[pairs[i]] = kept
    return found


def wording_candidates(pairs, *, threshold: float) -> dict[tuple[str, str], list]:
    """For each (speaker key, normalised text), the wordings of that speaker's claims at least
    `threshold` similar, as (claim id, wording), closest first: the claims sharing a speaker
    band with it (claims.grouping.minhash), scored exactly. A fixed number of queries."""
    # Grouping uses the best (join), three near ones (merge suggestions) and three opposed.
    return _candidates(pairs, threshold, same=True, limit=10)


def other_speaker_candidates(pairs, *, threshold: float) -> dict[tuple[str, str], list]:
    """Like `wording_candidates`, among the claims of every other speaker key, the claims of
    no known speaker ("") included (and, for a statement of no known speaker, every known
    speaker's)."""
    return _candidates(pairs, threshold, same=False, limit=10)
