from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from claims.ingest.dates import parse_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-04-10", datetime(2020, 4, 10, tzinfo=UTC)),
        ("2020-04-10T08:30:00Z", datetime(2020, 4, 10, 8, 30, tzinfo=UTC)),
        ("2020-04-10T08:30:00+02:00", datetime(2020, 4, 10, 6, 30, tzinfo=UTC)),
        ("2020-04-10 08:30", datetime(2020, 4, 10, 8, 30, tzinfo=UTC)),
        ("Fri, 10 Apr 2020 08:30:00 GMT", datetime(2020, 4, 10, 8, 30, tzinfo=UTC)),
        ("Fri, 10 Apr 2020 08:30:00 -0400", datetime(2020, 4, 10, 12, 30, tzinfo=UTC)),
        ("10 April 2020", datetime(2020, 4, 10, tzinfo=UTC)),
        ("April 10th, 2020", datetime(2020, 4, 10, tzinfo=UTC)),
        ("2020/04/10", datetime(2020, 4, 10, tzinfo=UTC)),
        (date(2020, 4, 10), datetime(2020, 4, 10, tzinfo=UTC)),
        (datetime(2020, 4, 10, 8, 30), datetime(2020, 4, 10, 8, 30, tzinfo=UTC)),
        (datetime(2020, 4, 10, 8, 30, tzinfo=timezone(timedelta(hours=1))),
         datetime(2020, 4, 10, 7, 30, tzinfo=UTC)),
        (None, None),
        ("", None),
        ("  ", None),
    ],
)
def test_it_parses_dates_leniently_into_aware_utc(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["soon", "31 Feb 2020", "2020-13-01", [2020]])
def test_an_unreadable_date_is_a_readable_error(value):
    with pytest.raises(ValueError, match="unreadable date"):
        parse_date(value)
