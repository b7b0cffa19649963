"""Requests refused before any view sees them."""
from django.http import HttpResponseBadRequest, JsonResponse

NUL_MESSAGE = "Null characters are not allowed."


class RefuseNulInQuery:
    """A NUL character in the query string answers 400, for every page and API endpoint.

    PostgreSQL cannot hold NUL in a text value, so a search or filter that passes one on
    (`?q=%00`, the admin autocomplete's `term=%00`) failed with a server error, and an export
    cut its stream after the 200 had gone out. No id, name or search term contains one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        bad = sorted({name for name, values in request.GET.lists()
                      if "\x00" in name or any("\x00" in v for v in values)})
        if bad:
            if request.path.startswith("/api/"):
                # The API's usual error shape: a list of messages per field.
                return JsonResponse({name.replace("\x00", "\\u0000"): [NUL_MESSAGE]
                                     for name in bad}, status=400)
            return HttpResponseBadRequest(f"{NUL_MESSAGE} ({', '.join(bad)})".replace(
                "\x00", "\\0"), content_type="text/plain; charset=utf-8")
        return self.get_response(request)
