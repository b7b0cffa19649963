"""Request bodies the API reads."""
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class Json(JSONParser):
    """DRF's JSON parser, except that a body nested deeper than Python's parser goes (about
    1,000 levels: `[[[[...]]]]`) is a 400, not a RecursionError and a 500. No input here is
    nested more than two deep."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError("JSON parse error - nested too deep.") from None
