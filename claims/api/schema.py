"""The OpenAPI schema says what can go wrong, not only what goes right: every operation may
answer 400 (a message per field, or `detail`), 401 (no or bad credentials), 403 (no
permission), 404 (no such object, in the path or named in the body, or a page past the end),
409 (well-formed, but the data as stored refuses it) and 429 (throttled, with Retry-After)."""
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import force_instance
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers

from claims.params import MAX_ID

ERRORS = {
    "400": "Invalid input: {field: [messages]}, non_field_errors, or detail",
    "401": "No credentials, or bad ones (WWW-Authenticate: Token)",
    "403": "Signed in, without the permission this needs; or an address on a private or local "
           "network, which this deployment never fetches",
    "404": "No such object (in the path, or named in the body), or a page past the last",
    "409": "Well-formed, but refused by the data as stored (a rejected quote, a claim merged "
           "into itself, a span another quote has)",
    "429": "Too many requests (Retry-After says when to come back)",
}


# A string the API takes holds no NUL (DRF refuses one, and PostgreSQL could not store it);
# a field that may not be blank holds more than whitespace (DRF strips it).
NO_NUL = "^[^\\u0000]*$"
# (Written to be matched in linear time: `^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$` backtracks
# quadratically, and a client validating a 2 MB body against it never finished.)
NOT_BLANK = "^\\s*[^\\s\\u0000][^\\u0000]*$"


class Schema(AutoSchema):
    def _get_request_body(self, direction="request"):
        # An input whose rule across fields needs some of them (any_of) needs a body, though
        # no one field is required: without one it is refused, so the schema says so.
        body = super()._get_request_body(direction)
        from claims.api.serializers import StrictInput

        if not body:
            return body
        serializer = force_instance(self.get_request_serializer())
        if (isinstance(serializer, StrictInput) and serializer.any_of
                and not serializer.partial):
            body["required"] = True
        return body

    def _map_basic_serializer(self, serializer, direction):
        schema = super()._map_basic_serializer(serializer, direction)
        from claims.api.serializers import StrictInput

        if direction != "request" or not isinstance(serializer, StrictInput):
            return schema
        # Inputs refuse fields they do not know (StrictInput), and say so.
        schema["additionalProperties"] = False
        if serializer.any_of and not serializer.partial:
            schema["anyOf"] = serializer.any_of
        for name, field in serializer.fields.items():
            prop = schema["properties"].get(name, {})
            plain = (type(field) is serializers.CharField and prop.get("type") == "string"
                     and "pattern" not in prop)
            if plain:
                prop["pattern"] = NO_NUL if field.allow_blank else NOT_BLANK
        return schema

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


def bound_ids(result, generator, request, public):
    """Post-processing hook: every integer parameter that names an object (the path's `id`,
    filters such as `?claim=`) is an id from 1 to bigint's largest, as the views check (the
    paginators give `page` and `page_size` bounds of their own); no string parameter holds a
    NUL."""
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []) if isinstance(operation, dict) else []:
                schema = parameter.get("schema", {})
                if schema.get("type") == "integer" and not {"minimum", "maximum"} & set(schema):
                    schema.update(minimum=1, maximum=MAX_ID)
                plain = not ({"enum", "format", "pattern"} & set(schema))
                if schema.get("type") == "string" and plain:
                    schema["pattern"] = NO_NUL  # claims.middleware refuses a NUL
    return result
