"""o53 (issue 17), o52's and k52o's printed-range plumbing simplified, and the half-day
spellings an offset may follow.

1. k52o read a "-12:00", "-11:00" or "-09:30" after a clock to the minute as an event's
   hours only in visible text and only when later than the clock; declared values reached
   the same reader through ``parse_date``'s last resort with a flag. Those offsets are no
   newsroom's (``date_offsets.NO_NEWSROOM_OFFSETS``): after a clock to the minute they are
   no offset wherever the stamp is read. A declared value wrapped in quotes (Hugo's JSON-LD)
   is read as the value inside them, so it keeps ISO's reading as before.
2. "8:00 p.m GMT+2" (a "p.m" without its final dot) and "8:00 pm. GMT+2" were read in the
   page's zone: the offset was read only after "PM" or "p.m.". The half-day spellings are
   now one list (``date_patterns.HALF_DAY_WORDS``), the ones the clock patterns read.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from parsers.dates import find_date, parse_date
from tests.parsers.test_date_z52_zoned_header_offset_and_glued_z import TOKYO, _at, _published


@pytest.mark.parametrize(
    ("printed", "hour", "minute"),
    [
        # Each fails without: read at -12:00 / -11:00 / -09:30, the clock not being earlier
        # than the "end" (no range), so ISO's offset no newsroom keeps.
        ("2019-11-16T14:00-12:00", 14, 0),
        ("2019-11-16T23:45-11:00", 23, 45),
        ("Updated 2019-11-16T09:30-09:30", 9, 30),
    ],
)
def test_no_newsrooms_offset_after_a_clock_to_the_minute_is_no_offset(
    printed: str, hour: int, minute: int
) -> None:
    assert _published(printed) == datetime(2019, 11, 16, hour, minute, tzinfo=TOKYO)


@pytest.mark.parametrize(
    ("value", "offset"),
    [
        # Guards: seconds, no colon, another west offset: a stamp's own offset.
        ("2019-11-16T14:00:00-12:00", -12),
        ("2019-11-16T14:00-1200", -12),
        ("2019-11-16T14:00-10:00", -10),
        ("2019-11-16T10:00-09:00", -9),
    ],
)
def test_stamps_keep_their_offsets(value: str, offset: float) -> None:
    found = find_date(value, TOKYO)
    assert found is not None and found.utcoffset() == timedelta(hours=offset)


@pytest.mark.parametrize(
    "value",
    ['"2019-11-16T10:00-12:00"', '"2019-11-16T10:00-11:00"', ' "2019-11-16T10:00-09:30" '],
)
def test_a_quoted_declared_value_is_the_value_inside(value: str) -> None:
    # Guards: Hugo's JSON-LD quotes its value; ISO's reading is kept (o52), as unquoted.
    assert parse_date(value, TOKYO) == parse_date(value.strip().strip('"'), TOKYO)
    assert parse_date(value, TOKYO).utcoffset() != timedelta(hours=9)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("printed", "moment"),
    [
        # Each fails without: the same wall clock at +09:00 (the page's zone).
        ("May 24, 2016, 8:00 p.m GMT+2", datetime(2016, 5, 24, 20, 0, tzinfo=_at(2))),
        ("May 24, 2016, 8:00 P.M GMT+2", datetime(2016, 5, 24, 20, 0, tzinfo=_at(2))),
        ("May 24, 2016, 8:00 pm. GMT+2", datetime(2016, 5, 24, 20, 0, tzinfo=_at(2))),
        ("Nov 9, 2012 5:30 a.m UTC+1", datetime(2012, 11, 9, 5, 30, tzinfo=_at(1))),
        ("Nov 9, 2012 5:30 a.m (GMT+5:30)", datetime(2012, 11, 9, 5, 30, tzinfo=_at(5.5))),
    ],
)
def test_offset_after_every_half_day_spelling(printed: str, moment: datetime) -> None:
    found = _published(printed)
    assert found == moment
    assert found is not None and found.utcoffset() == moment.utcoffset()


def test_header_offset_after_a_p_m_without_its_dot() -> None:
    # Fails without: the declared UTC moment kept (a day after the printed one).
    found = _published("May 24, 2016, 11:30 p.m GMT-2", "2016-05-25T01:30:00Z")
    assert found is not None and found.replace(tzinfo=None) == datetime(2016, 5, 24, 23, 30)
    assert found.utcoffset() == timedelta(hours=-2)


@pytest.mark.parametrize(
    ("printed", "moment"),
    [
        # Guards: a word ending in "pm"/"am" or with a half-day word's letters is none.
        ("May 24, 2016, 8:00 Program GMT+2", datetime(2016, 5, 24, 8, 0, tzinfo=TOKYO)),
        ("May 24, 2016, 8:00 Spam GMT+2", datetime(2016, 5, 24, 8, 0, tzinfo=TOKYO)),
        ("May 24, 2016, 8:00 xp.m GMT+2", datetime(2016, 5, 24, 8, 0, tzinfo=TOKYO)),
    ],
)
def test_half_day_guards(printed: str, moment: datetime) -> None:
    assert _published(printed) == moment
