"""Reads shared by the admin, the API, the tasks and the commands. Each returns a QuerySet
that fetches its relations up front, so list pages cost a fixed number of queries."""
import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, TrigramSimilarity
from django.db import connection
from django.db.models import Max, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils.html import escape

from claims.models import (
    Article,
    Claim,
    ClaimAssessment,
    ClaimMergeSuggestion,
    ClaimRelation,
    ClaimWording,
    ClaimWordingBand,
    Feed,
    ImportRun,
    Quote,
    Role,
    Speaker,
    SpeakerAlias,
    Topic,
)
from claims.params import as_id
from claims.sql_arrays import int_array, text_array


class FeatureUnavailable(Exception):
    """A feature that needs PostgreSQL was asked for on another database."""


def _require_postgresql(feature: str) -> None:
    if connection.vendor != "postgresql":
        raise FeatureUnavailable(
            f"{feature} needs PostgreSQL; this deployment runs on {connection.vendor}. "
            "Set DATABASE_URL=postgres://... to use it."
        )


def article_list() -> QuerySet[Article]:
    return Article.objects.select_related("outlet").defer("body")


def quote_list() -> QuerySet[Quote]:
    # Newest stored article first, in text order within it: the (article, start, end) index
    # serves it. The model's ordering, ["article", "start"], sorts by the article's own ordering
    # (its date), which joins and sorts every quote for each page.
    return (Quote.objects.select_related("article__outlet", "claim", "reviewed_by")
            .defer("article__body").prefetch_related("speakers")
            .order_by("-article_id", "start"))


def speaker_list() -> QuerySet[Speaker]:
    return Speaker.objects.prefetch_related("aliases", "roles")


def claim_list() -> QuerySet[Claim]:
    return Claim.objects.select_related("created_by").prefetch_related("speakers", "topics")


def relation_list() -> QuerySet[ClaimRelation]:
    return ClaimRelation.objects.select_related(
        "from_claim", "to_claim", "decided_by").prefetch_related("quotes")


def relations_of(queryset: QuerySet[ClaimRelation], claim_id: int) -> QuerySet[ClaimRelation]:
    return queryset.filter(Q(from_claim_id=claim_id) | Q(to_claim_id=claim_id))


def merge_suggestion_list() -> QuerySet[ClaimMergeSuggestion]:
    return ClaimMergeSuggestion.objects.select_related("claim", "other")


def assessment_list() -> QuerySet[ClaimAssessment]:
    return ClaimAssessment.objects.select_related("claim", "reviewer")


def import_run_list() -> QuerySet[ImportRun]:
    return ImportRun.objects.select_related("requested_by")


def feed_list() -> QuerySet[Feed]:
    return Feed.objects.select_related("outlet")


def claim_graph(*, speaker=None, topic=None, claim: int | None = None,
                limit: int = 500) -> dict:
    """Claims as nodes and their relations (not rejected) as edges, as JSON a graph library
    draws directly: {"nodes": [{"id", "label", ...}], "edges": [{"source", "target", ...}]}.
    With `claim`, that claim and its neighbours; else the claims of a speaker and/or topic
    (at most `limit`, most seen first) and the relations among them. Three flat queries."""
    relations = ClaimRelation.objects.exclude(status=ClaimRelation.Status.REJECTED)
    fields = ("pk", "text", "appearance_count", "first_seen")
    if claim is not None:
        edges = list(relations_of(relations, claim).values(
            "id", "from_claim_id", "to_claim_id", "type", "status"))
        ids = {claim} | {e["from_claim_id"] for e in edges} | {e["to_claim_id"] for e in edges}
        rows = list(Claim.objects.filter(pk__in=ids).values_list(*fields))
    else:
        rows = list(claims_filter(Claim.objects.all(), speaker=speaker, topic=topic).order_by(
            "-appearance_count", "-id").values_list(*fields)[:limit])
        ids = {row[0] for row in rows}
        # Binding 500 ids costs more than the query: bound once, the far end checked here.
        edges = [e for e in relations.filter(from_claim_id__in=ids).values(
            "id", "from_claim_id", "to_claim_id", "type", "status") if e["to_claim_id"] in ids]
    # Rows, not model instances: 500 claims with their speakers and topics took 60 ms as
    # instances.
    names: dict[int, list[str]] = {}
    for claim_id, name in (Claim.speakers.through.objects.filter(claim_id__in=ids)
                           .order_by("claim_id", "speaker__name", "speaker_id")
                           .values_list("claim_id", "speaker__name")):
        names.setdefault(claim_id, []).append(name)
    nodes = [{"id": pk, "label": text[:120], "speakers": names.get(pk, []),
              "appearances": appearances,
              "first_seen": first_seen.isoformat() if first_seen else None}
             for pk, text, appearances, first_seen in sorted(rows)]
    return {"nodes": nodes, "edges": [
        {"id": e["id"], "source": e["from_claim_id"], "target": e["to_claim_id"],
         "type": e["type"], "status": e["status"]} for e in edges]}


def topic_list() -> QuerySet[Topic]:
    return Topic.objects.all()


def speaker_registry():
    """The curated speaker registry as the extraction library's plain data (keys are speaker
    ids): verified speakers with their aliases and dated roles.

    Unverified speakers (names the extractor met and nobody checked yet) stay out: they carry
    no alias or role to match on, and they are linked by name when quotes are stored. Three
    flat queries; model instances and prefetching cost ten times more at this size.
    """
    from claims.extraction import RegistryEntry, RegistryRole, SpeakerRegistry

    speakers = list(Speaker.objects.filter(verified=True).order_by("pk")
                    .values_list("pk", "name", "kind"))
    ids = [pk for pk, _, _ in speakers]
    aliases: dict[int, list[str]] = {}
    for speaker_id, alias in (SpeakerAlias.objects.filter(speaker_id__in=ids)
                              .order_by("pk").values_list("speaker_id", "alias")):
        aliases.setdefault(speaker_id, []).append(alias)
    roles: dict[int, list] = {}
    for speaker_id, title, start, end, organisation, country in (
        Role.objects.filter(speaker_id__in=ids).order_by("-start_date", "pk")
        .values_list("speaker_id", "title", "start_date", "end_date", "organisation", "country")
    ):
        roles.setdefault(speaker_id, []).append(
            RegistryRole(title=title, start=start, end=end, organisation=organisation,
                         country=country))
    return SpeakerRegistry(entries=[
        RegistryEntry(key=str(pk), name=name, kind=kind,
                      aliases=tuple(aliases.get(pk, ())), roles=tuple(roles.get(pk, ())))
        for pk, name, kind in speakers
    ])


def search_mode() -> str:
    """ "full-text" on PostgreSQL (ranked, stemmed, GIN-indexed); "contains" elsewhere, a plain
    case-insensitive substring match, slower and unranked, said so to the user."""
    return "full-text" if connection.vendor == "postgresql" else "contains"


def _fts(queryset: QuerySet, field: str, query: str) -> QuerySet:
    # The same expression as the GIN indexes of migration 0004, so they are used.
    vector = SearchVector(field, config="english")
    search = SearchQuery(query, config="english", search_type="websearch")
    return (queryset.annotate(document=vector, rank=SearchRank(vector, search))
            .filter(document=search).order_by("-rank", "pk"))


def _contains(queryset: QuerySet, field: str, query: str) -> QuerySet:
    words = [w for w in re.findall(r"[\w'-]+", query) if not w.startswith("-")]
    for word in words or [query]:
        queryset = queryset.filter(**{f"{field}__icontains": word})
    return queryset.annotate(rank=Value(0.0)).order_by("pk")


def _text_search(queryset: QuerySet, field: str, query: str) -> QuerySet:
    if search_mode() == "full-text":
        return _fts(queryset, field, query)
    return _contains(queryset, field, query)


def _speaker_match(value, prefix: str = "") -> Q:
    """A speaker given by id, or by any part of a name or alias ("Putin", "Zelenskyy")."""
    if as_id(value):
        return Q(**{f"{prefix}speakers": as_id(value)})
    return (Q(**{f"{prefix}speakers__name__icontains": value})
            | Q(**{f"{prefix}speakers__aliases__alias__icontains": value}))


def _topic_ids(value) -> list[int]:
    """A topic given by id or slug, with every topic under it."""
    root = Topic.objects.filter(pk=as_id(value)) if as_id(value) else \
        Topic.objects.filter(slug=value)
    ids = list(root.values_list("pk", flat=True))
    frontier = ids
    while frontier:
        frontier = list(Topic.objects.filter(parent__in=frontier).exclude(pk__in=ids)
                        .values_list("pk", flat=True))
        ids += frontier
    return ids


def _outlet_match(value, prefix: str) -> Q:
    if as_id(value):
        return Q(**{f"{prefix}outlet": as_id(value)})
    return Q(**{f"{prefix}outlet__name__iexact": value}) | Q(**{f"{prefix}outlet__domain": value})


def quotes_filter(queryset: QuerySet[Quote], *, speaker=None, topic=None, outlet=None,
                  date_from=None, date_to=None, kind=None, review_status=None,
                  claim=None) -> QuerySet[Quote]:
    """The filters every quote list offers (admin, API, search)."""
    if speaker and as_id(speaker):
        # The link table alone, as in claims_filter.
        queryset = queryset.filter(pk__in=Quote.speakers.through.objects.filter(
            speaker_id=as_id(speaker)).values("quote_id"))
    elif speaker:
        queryset = queryset.filter(
            pk__in=Quote.objects.filter(_speaker_match(speaker)).values("pk"))
    if topic:
        queryset = queryset.filter(claim__topics__in=_topic_ids(topic)).distinct()
    if outlet:
        queryset = queryset.filter(_outlet_match(outlet, "article__"))
    if date_from:
        queryset = queryset.filter(article__published_at__date__gte=date_from)
    if date_to:
        queryset = queryset.filter(article__published_at__date__lte=date_to)
    if kind:
        queryset = queryset.filter(kind=kind)
    if review_status:
        queryset = queryset.filter(review_status=review_status)
    if claim:
        queryset = queryset.filter(claim=claim)
    return queryset


def claims_filter(queryset: QuerySet[Claim], *, speaker=None, topic=None, outlet=None,
                  date_from=None, date_to=None, kind=None, review_status=None,
                  claim=None) -> QuerySet[Claim]:
    """The same filters for claims: a claim matches when one of its quotes does (kind, review
    status, outlet), and its seen dates overlap the range."""
    if speaker and as_id(speaker):
        # The link table alone: joined back to claims, the subquery read every claim (32 ms
        # for the 3,900 claims of the busiest speaker of 20,000, against 8).
        queryset = queryset.filter(pk__in=Claim.speakers.through.objects.filter(
            speaker_id=as_id(speaker)).values("claim_id"))
    elif speaker:
        queryset = queryset.filter(
            pk__in=Claim.objects.filter(_speaker_match(speaker)).values("pk"))
    if topic:
        queryset = queryset.filter(topics__in=_topic_ids(topic)).distinct()
    quote_filters = {k: v for k, v in
                     {"outlet": outlet, "kind": kind, "review_status": review_status}.items() if v}
    if quote_filters:
        quotes = quotes_filter(Quote.objects.all(), **quote_filters)
        queryset = queryset.filter(pk__in=quotes.values("claim_id"))
    if date_from:
        queryset = queryset.filter(last_seen__date__gte=date_from)
    if date_to:
        queryset = queryset.filter(first_seen__date__lte=date_to)
    if claim:
        queryset = queryset.filter(pk=claim)
    return queryset


def quote_search(query: str, **filters) -> QuerySet[Quote]:
    """Quotes matching a web-search style query ("alliance -military", "\"wake-up call\""),
    best first: PostgreSQL full-text search on the quote text, with English stemming; a
    contains match elsewhere (see `search_mode`)."""
    return _text_search(quotes_filter(quote_list(), **filters), "text", query)


def claim_search(query: str, **filters) -> QuerySet[Claim]:
    return _text_search(claims_filter(claim_list(), **filters), "text", query)


def article_search(query: str, *, outlet=None, date_from=None, date_to=None) -> QuerySet[Article]:
    queryset = article_list()
    if outlet:
        queryset = queryset.filter(_outlet_match(outlet, ""))
    if date_from:
        queryset = queryset.filter(published_at__date__gte=date_from)
    if date_to:
        queryset = queryset.filter(published_at__date__lte=date_to)
    return _text_search(queryset, "title", query)


@dataclass
class SearchResults:
    """One search over quotes, claims and article titles. Slice the querysets for a page, then
    ask `headlines` for the snippets of just those rows."""

    query: str
    mode: str
    quotes: QuerySet
    claims: QuerySet
    articles: QuerySet

    @property
    def note(self) -> str:
        if self.mode == "full-text":
            return ""
        return ("Full-text search needs PostgreSQL: this is a plain contains match, unranked "
                "and without stemming.")


def search(query: str, **filters) -> SearchResults:
    article_filters = {k: filters.get(k) for k in ("outlet", "date_from", "date_to")}
    return SearchResults(query=query, mode=search_mode(),
                         quotes=quote_search(query, **filters),
                         claims=claim_search(query, **filters),
                         articles=article_search(query, **article_filters))


# ts_headline marks the matches but leaves the text around them as it is: scraped text can hold
# markup. It marks with these control characters, the whole snippet is escaped, and only then
# do the marks become <b> tags.
_MARK_ON, _MARK_OFF = "\x02", "\x03"


def headlines(rows, query: str, *, field: str = "text") -> dict[int, str]:
    """Snippets, HTML-escaped, with the matched words in <b>...</b>, for these rows only
    (ts_headline reads the whole text, so it is never run over every match). One query; on
    other databases the start of the text."""
    rows = list(rows)
    if not rows:
        return {}
    if search_mode() != "full-text":
        return {r.pk: escape(getattr(r, field)[:200]) for r in rows}
    from django.contrib.postgres.search import SearchHeadline

    model = type(rows[0])
    search = SearchQuery(query, config="english", search_type="websearch")
    found = model.objects.filter(pk__in=[r.pk for r in rows]).annotate(
        snippet=SearchHeadline(field, search, config="english", max_words=35, min_words=15,
                               start_sel=_MARK_ON, stop_sel=_MARK_OFF)
    ).values_list("pk", "snippet")
    return {pk: escape(snippet).replace(_MARK_ON, "<b>").replace(_MARK_OFF, "</b>")
            for pk, snippet in found}


def claim_similar(claim_id: int, *, limit: int = 10, threshold: float = 0.3) -> list[tuple]:
    """Claims of any speaker whose wordings are closest to this claim's, as (claim, score),
    closest first: candidates through the any-speaker bands, scored by the grouping rules."""
    wordings = list(ClaimWording.objects.filter(claim_id=claim_id)
                    .values_list("speaker_key", "normalized"))
    # The claim's own speaker counts too: "similar" is about the words (no speaker key is "*").
    found = _candidates([("*", w) for _, w in wordings], threshold, same=False, limit=50)
    from claims.grouping import claim_similarity

    best: dict[int, float] = {}
    for (_, text), matches in found.items():
        for other, wording in matches:
            if other != claim_id:
                best[other] = max(best.get(other, 0.0), claim_similarity(text, wording))
    ranked = sorted(best.items(), key=lambda item: -item[1])[:limit]
    claims = claim_list().in_bulk([c for c, _ in ranked])
    return [(claims[c], score) for c, score in ranked if c in claims]


def speaker_similar(name: str, *, threshold: float = 0.3) -> QuerySet[Speaker]:
    """Speakers whose name or an alias looks like `name` (pg_trgm similarity), closest first:
    "Zelenskyy" finds Volodymyr Zelensky, "Sergei Lavrov" finds Sergey Lavrov."""
    _require_postgresql("Trigram similarity")
    return (
        speaker_list()
        .annotate(alias_similarity=Max(TrigramSimilarity("aliases__alias", name)))
        .annotate(similarity=Greatest(TrigramSimilarity("name", name),
                                      Coalesce("alias_similarity", Value(0.0))))
        .filter(similarity__gte=threshold)
        .order_by("-similarity", "name")
    )


# --- grouping: candidate claims through their wordings' LSH bands ----------------------------

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
_OTHER = "w.speaker_key <> (%(keys)s::text[])[wanted.i] AND w.speaker_key <> ''"
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
                if (other_key == key) if same else (other_key not in (key, "")):
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
    speaker, or any other known one), scored exactly, at least `threshold`, closest first."""
    from claims.grouping import claim_similarity
    from claims.grouping.minhash import bands

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
        kept = [(c, w) for score, c, w in scored if score >= threshold][:limit]
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
    """Like `wording_candidates`, among the claims of every other known speaker."""
    return _candidates(pairs, threshold, same=False, limit=10)


@dataclass(frozen=True)
class QuoteSpot:
    id: int
    article_id: int
    start: int
    end: int
    claim_id: int | None
    speaker_key: str


def article_quote_index(article_ids) -> list[QuoteSpot]:
    """Where each quote of these articles is, its claim and its claim's speaker key."""
    return [QuoteSpot(*row) for row in
            Quote.objects.filter(article_id__in=article_ids)
            .exclude(review_status=Quote.Review.REJECTED)
            .values_list("id", "article_id", "start", "end", "claim_id", "claim__speaker_key")
            .order_by("article_id", "start")]


def article_bodies(article_ids) -> dict[int, str]:
    return dict(Article.objects.filter(pk__in=article_ids).values_list("pk", "body"))


_SENTENCE_END = re.compile(r"[.!?]['\"”’)]*\s+|\n")


def sentence_before(body: str, start: int) -> str:
    """The words of the sentence holding offset `start`, before it."""
    head = body[max(0, start - 600):start]
    ends = list(_SENTENCE_END.finditer(head))
    return head[ends[-1].end():] if ends else head
