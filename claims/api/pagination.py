"""Page-number pages with a bounded page_size for lists; cursors for timelines."""
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property
from rest_framework.pagination import CursorPagination, PageNumberPagination

MAX_PAGE_SIZE = 200


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


class Timeline(CursorPagination):
    """A speaker's claims by date, newest first: stable while new claims arrive."""

    ordering = ("-last_seen", "-id")
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
