"""Search over quotes, claims and article titles: PostgreSQL full-text (ranked, stemmed,
GIN-indexed) or a plain contains match elsewhere, and the snippets of a page of results."""
import re
from dataclasses import dataclass

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.db.models import Expression, QuerySet, Value
from django.db.models.query import ModelIterable
from django.utils.html import escape

from claims.models import Article, Claim, Quote
from claims.selectors.database import search_mode
from claims.selectors.filters import articles_filter, claims_filter, quotes_filter
from claims.selectors.lists import article_list, claim_list, quote_list


class StoredQuoteVector(Expression):
    """`claims_quote.search_vector`, the quote text's English tsvector that PostgreSQL stores
    beside it (migration 0009; not a model field, since Django never writes it and SQLite has
    no such column), under the alias the quote table has in the query being built."""

    output_field = SearchVectorField()

    def __init__(self, alias: str | None = None):
        super().__init__()
        self.alias = alias

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False,
                           for_save=False):
        resolved = self.copy()
        resolved.alias = query.get_initial_alias()
        return resolved

    def relabeled_clone(self, change_map):
        clone = self.copy()
        clone.alias = change_map.get(self.alias, self.alias)
        return clone

    def as_sql(self, compiler, connection):
        return f"{compiler.quote_name_unless_alias(self.alias)}.search_vector", []


class RankedPages(QuerySet):
    """Full-text matches, best first, whose pages are chosen by their ids first.

    Sliced (`[20:40]`), the page is the rows whose ids a subquery of the ids and ranks alone
    chooses, with its own LIMIT: PostgreSQL keeps the best N of those narrow rows in memory (a
    top-N heapsort), and ranks the page's rows again (N ranks) to order them. Sorted whole,
    with every column and join of the list, all the matches were sorted before the page was
    cut, on disk for a word in a third of 100,000 quotes (docs/benchmarks.md,
    bench_search_rank). The same rows in the same order (the ids' ordering is the page's), in
    one query."""

    def __getitem__(self, k):
        if (isinstance(k, slice) and k.stop is not None and k.step is None
                and self._iterable_class is ModelIterable and not self.query.is_sliced
                and self._result_cache is None):
            return self.filter(pk__in=self.values("pk")[k])
        return super().__getitem__(k)


def _ranked_pages(queryset: QuerySet) -> QuerySet:
    if type(queryset) is not QuerySet:  # a custom QuerySet class keeps its own slicing
        return queryset
    paged = queryset._chain()
    paged.__class__ = RankedPages
    return paged


def _fts(queryset: QuerySet, field: str, query: str) -> QuerySet:
    # Matched with the expression of the GIN indexes of migration 0004, so they are used.
    vector = SearchVector(field, config="english")
    search = SearchQuery(query, config="english", search_type="websearch")
    # Ranked on the quote's stored vector, the same expression's value (migration 0009): the
    # rank is computed for every match before the page is cut, and recomputing to_tsvector
    # for each (thousands for a common word at 100,000 quotes) was most of the search's time.
    # The match stays on the expression: its index is the one the planner knows, and a GIN
    # index on the stored column would be offered to the content look-up too
    # (claims.selectors.content), which reads a speaker's quotes instead, by design.
    ranked = (StoredQuoteVector() if queryset.model is Quote and field == "text" else vector)
    return _ranked_pages(queryset.alias(document=vector).annotate(rank=SearchRank(ranked, search))
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


def quote_search(query: str, **filters) -> QuerySet[Quote]:
    """Quotes matching a web-search style query ("alliance -military", "\"wake-up call\""),
    best first: PostgreSQL full-text search on the quote text, with English stemming; a
    contains match elsewhere (see `search_mode`)."""
    return _text_search(quotes_filter(quote_list(), **filters), "text", query)


def claim_search(query: str, **filters) -> QuerySet[Claim]:
    return _text_search(claims_filter(claim_list(), **filters), "text", query)


def article_search(query: str, *, outlet=None, date_from=None, date_to=None) -> QuerySet[Article]:
    queryset = articles_filter(article_list(), outlet=outlet, date_from=date_from,
                               date_to=date_to)
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
