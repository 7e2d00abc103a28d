"""r52, category "a 12-hour clock's GMT offset" (o52's rule): the half-day word glued to the
clock ("8:00PM GMT+2", "5:30p.m. UTC+1", as many bylines print it) is still that word: o52
asked a word boundary before "PM", which a digit before it is not, so these clocks were read
in the page's zone (seven hours off in Tokyo)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from parsers.dates import find_date, parse_date
from parsers.extract import extract

TOKYO = timezone(timedelta(hours=9))
BODY = "<p>" + " ".join(["The council met again to settle the budget for the year."] * 8) + "</p>"


def _at(hours: int) -> timezone:
    return timezone(timedelta(hours=hours))


def _published(printed: str) -> datetime | None:
    html = (
        "<html lang='en'><head><title>Budget settled</title></head><body><article>"
        f"<h1>Budget settled</h1><p class='date'>{printed}</p>{BODY * 5}</article></body></html>"
    )
    return extract(html, url="https://example.com/news/budget", timezone="Asia/Tokyo").published_at


@pytest.mark.parametrize(
    ("printed", "moment"),
    [
        # Each fails without the fix: the same wall clock at +09:00.
        ("May 24, 2016, 8:00PM GMT+2", datetime(2016, 5, 24, 20, 0, tzinfo=_at(2))),
        ("Nov 9, 2012 5:30p.m. UTC+1", datetime(2012, 11, 9, 17, 30, tzinfo=_at(1))),
        ("2014-11-23 4:00pm GMT-5", datetime(2014, 11, 23, 16, 0, tzinfo=_at(-5))),
    ],
)
def test_glued_half_day_word_keeps_its_offset(printed: str, moment: datetime) -> None:
    for found in (_published(printed), find_date(printed, TOKYO), parse_date(printed, TOKYO)):
        assert found == moment
        assert found is not None and found.utcoffset() == moment.utcoffset()


def test_a_word_ending_in_am_is_no_half_day_word() -> None:
    # Guard: "Program", "Team" end in the letters, not the word; the clock stays in the zone.
    found = find_date("May 24, 2016, 8:00 Team GMT+2", TOKYO)
    assert found == datetime(2016, 5, 24, 8, 0, tzinfo=TOKYO)
    assert found is not None and found.utcoffset() == timedelta(hours=9)
