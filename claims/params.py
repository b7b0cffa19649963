"""Ids typed into a query string or a form, parsed once for every face (admin, API, search)."""
MAX_ID = 2**63 - 1  # PostgreSQL's bigint, the type of every primary key here


def as_id(value) -> int | None:
    """`value` as a primary key, or None when it is none: ASCII digits only ("²" passes
    str.isdigit() but not int()) and within bigint, so a mistyped id finds nothing instead of
    raising a server error."""
    text = "" if value is None else str(value).strip()
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None
