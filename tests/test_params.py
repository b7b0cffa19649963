"""Ids typed by people: a mistyped one finds nothing, never a server error."""
import pytest

from claims.params import as_id


@pytest.mark.parametrize("value, expected", [
    ("42", 42), (" 7 ", 7), (42, 42),
    ("²", None), ("٣", None), ("4x", None), ("-3", None), ("0", None), ("", None), (None, None),
    ("9" * 30, None), (str(2**63 - 1), 2**63 - 1), (str(2**63), None),
])
def test_as_id(value, expected):
    assert as_id(value) == expected
