"""Errors as JSON with a message per field: a service's django ValidationError becomes a 400,
like a serializer's (DRF alone would answer 500); one saying that what the request names does
not exist a 404, and one saying the stored data refuses it a 409 (claims.services.refusals),
so a client can tell a malformed request from one that met the data as it is."""
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions
from rest_framework.views import exception_handler

from claims.params import as_id
from claims.services.refusals import Conflict, Forbidden, Missing


def handle(exc, context):
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {
            "non_field_errors": exc.messages}
        status = (404 if isinstance(exc, Missing) else 409 if isinstance(exc, Conflict)
                  else 403 if isinstance(exc, Forbidden) else 400)
        exc = exceptions.ValidationError(detail)
        exc.status_code = status
    return exception_handler(exc, context)


@csrf_exempt  # a POST with a session cookie would get the CSRF failure's HTML page
def not_found(request, *args, **kwargs):
    """Any path under /api/v1/ that names nothing (`/quotes/0.5/confirm/`): the API's JSON 404,
    not Django's HTML page."""
    return JsonResponse({"detail": "Not found."}, status=404)


def object_id(value) -> int:
    """A path's `id` as a primary key; anything else (`abc`, `0`, an id past 64 bits, which
    SQLite cannot even compare) is no object: 404."""
    found = as_id(value)
    if found is None:
        raise exceptions.NotFound()
    return found
