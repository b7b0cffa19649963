"""Page-number pages with a bounded page_size for lists; cursors for timelines."""
from django.conf import settings
from rest_framework.pagination import CursorPagination, PageNumberPagination

MAX_PAGE_SIZE = 200


class Pages(PageNumberPagination):
    page_size = settings.REST_FRAMEWORK.get("PAGE_SIZE", 50)
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE


class Timeline(CursorPagination):
    """A speaker's claims by date, newest first: stable while new claims arrive."""

    ordering = ("-last_seen", "-id")
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
