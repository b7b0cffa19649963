"""Cells of CSV files written for spreadsheets: every CSV this project writes passes its values
through :func:`safe_cell`, so none is read as a formula.

OWASP's rule for CSV injection: a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage
return is taken by Excel, LibreOffice and Google Sheets as a formula (a claim worded
`=cmd|' /C calc'!A0` would run); such a cell gets a leading single quote, which spreadsheets
show as text. Numbers are left alone (-3 stays a number), so only strings are touched.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """`value` as a CSV cell: None as empty, a formula-like string with a leading quote."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values) -> list:
    return [safe_cell(v) for v in values]
