"""Page-number pages with a bounded page_size for lists; cursors for timelines.

`page` and `page_size` are checked, not guessed at: DRF answers 404 "Invalid page." for
`page=-1` and quietly uses the default size for `page_size=null` or `0`; here both are a 400
naming the parameter, and the schema gives the bounds. A page_size past MAX_PAGE_SIZE still
gets pages of MAX_PAGE_SIZE, as the schema says."""
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import CursorPagination, PageNumberPagination

MAX_PAGE_SIZE = 200
# Past this the row offset (page - 1) * page_size would overflow SQLite's 64-bit integers.
MAX_PAGE = 2**31 - 1


def bounded_int(request, name: str, low: int, high: int | None, default: int | None,
                cutoff: int | None = None) -> int | None:
    """The query parameter `name` as an integer from `low` to `high` (no limit when None),
    lowered to `cutoff`; `default` when absent; anything else is a 400 naming it."""
    raw = request.query_params.get(name)
    if raw is None:
        return default
    text = raw.strip()
    if text.isascii() and text.isdigit() and low <= int(text) <= (high or int(text)):
        return min(int(text), cutoff or int(text))
    bounds = f"from {low} to {high}" if high else f"of {low} or more"
    raise ValidationError({name: [f"An integer {bounds}."]})


def _bounds(parameters: list[dict], bounds: dict[str, tuple[int, int | None]]) -> list[dict]:
    for parameter in parameters:
        if parameter["name"] in bounds:
            low, high = bounds[parameter["name"]]
            parameter["schema"] = {"type": "integer", "minimum": low}
            if high:
                parameter["schema"]["maximum"] = high
            else:  # page_size: no upper limit, but a cut
                parameter["description"] = f"Rows a page, at most {MAX_PAGE_SIZE} (larger " \
                                           f"asks get {MAX_PAGE_SIZE})"
    return parameters


class _LargeCountsCached(Paginator):
    """Counts of API_COUNT_CACHE_MIN rows or more are kept API_COUNT_CACHE_SECONDS in the
    cache, per query; smaller ones are always exact.

    Every page of a list tells its count, and COUNT(*) over 100,000 quotes was a third of the
    page's time (13 of 37 ms), all of it in PostgreSQL, whose share of two cores gunicorn
    needs. A count a few seconds old on a list that long misleads no one; on a short list it
    would, so those are never cached."""

    @cached_property
    def count(self):
        seconds = getattr(settings, "API_COUNT_CACHE_SECONDS", 5)
        query = getattr(self.object_list, "query", None)
        if not seconds or query is None:
            return super().count
        least = getattr(settings, "API_COUNT_CACHE_MIN", 10_000)
        try:
            sql, params = query.sql_with_params()
        except EmptyResultSet:  # a filter nothing can match (no such topic): 0, no query
            return super().count
        # The database's name: another database (tests, a benchmark) may share the cache.
        name = connections[self.object_list.db].settings_dict["NAME"]
        key = "api-count:" + hashlib.sha256(repr((name, least, sql, params)).encode()).hexdigest()
        found = cache.get(key)
        if found is None:
            found = super().count
            if found >= least:
                cache.set(key, found, seconds)
        return found

    def page(self, number):
        # Django cuts the last page at the count; a cached one would drop the rows added since.
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return self._get_page(self.object_list[bottom:bottom + self.per_page], number, self)


class Pages(PageNumberPagination):
    page_size = settings.REST_FRAMEWORK.get("PAGE_SIZE", 50)
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    django_paginator_class = _LargeCountsCached

    def get_page_size(self, request):
        return bounded_int(request, self.page_size_query_param, 1, None, self.page_size,
                           cutoff=self.max_page_size)

    def get_page_number(self, request, paginator):
        # Checked here, so only a page past the last is left to answer 404.
        return bounded_int(request, self.page_query_param, 1, MAX_PAGE, 1)

    def get_schema_operation_parameters(self, view):
        return _bounds(super().get_schema_operation_parameters(view), {
            self.page_query_param: (1, MAX_PAGE),
            self.page_size_query_param: (1, None)})


class Timeline(CursorPagination):
    """A speaker's claims by date, newest first: stable while new claims arrive."""

    ordering = ("-last_seen", "-id")
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request):
        return bounded_int(request, self.page_size_query_param, 1, None, self.page_size,
                           cutoff=self.max_page_size)

    def get_schema_operation_parameters(self, view):
        return _bounds(super().get_schema_operation_parameters(view), {
            self.page_size_query_param: (1, None)})
