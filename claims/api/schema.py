"""The OpenAPI schema says what can go wrong, not only what goes right: every operation may
answer 400 (a message per field, or `detail`), 401 (no or bad credentials), 403 (no
permission), 404 (no such object, or a page past the end) and 429 (throttled, with
Retry-After)."""
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse

ERRORS = {
    "400": "Invalid input: {field: [messages]}, non_field_errors, or detail",
    "401": "No credentials, or bad ones (WWW-Authenticate: Token)",
    "403": "Signed in, without the permission this needs",
    "404": "No such object, or a page past the last",
    "429": "Too many requests (Retry-After says when to come back)",
}


class Schema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code, description in ERRORS.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    OpenApiResponse(response=OpenApiTypes.OBJECT, description=description),
                    code, direction=direction)
        return responses
