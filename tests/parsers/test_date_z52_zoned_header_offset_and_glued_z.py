"""z52 (issue 17), o52's and k52o's leftovers.

1. Category "a clock printed with GMT/UTC and an offset", in the header that spells a declared
   UTC moment (``date_zones.printed_zone_moment``): "8:00 PM GMT+2" (Bloomberg, Fortune,
   Reuters' "· 1:36 PM GMT+2") was read there as plain GMT, the offset read only straight
   after a clock's digits; free text (``dates._from_text``, o52) read it after the half-day
   word. Both now read it from the same place (``GMT_OFFSET_RE`` through ``printed_offset``).
2. A "Z" glued to a clock to the minute then a hyphen and a word ("16:00Z-Wave") is no zone
   (k52o's left); after seconds ("T16:00:00Z-report") it stays UTC (r52b).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from parsers.dates import find_dates
from parsers.extract import extract

BODY = "<p>" + " ".join(["The council met again to settle the budget for the year."] * 8) + "</p>"
URL = "https://example.com/news/budget-settled"
TOKYO = ZoneInfo("Asia/Tokyo")


def _published(printed: str, declared: str | None = None) -> datetime | None:
    meta = f"<meta property='article:published_time' content='{declared}'>" if declared else ""
    html = (
        f"<html lang='en'><head><title>Budget settled</title>{meta}</head><body><article>"
        f"<h1>Budget settled</h1><p class='date'>{printed}</p>{BODY * 5}</article></body></html>"
    )
    return extract(html, url=URL, timezone="Asia/Tokyo").published_at


def _at(hours: float) -> timezone:
    return timezone(timedelta(hours=hours))


@pytest.mark.parametrize(
    ("printed", "declared", "moment"),
    [
        # Each fails without: the declared UTC moment kept (the day before the printed one,
        # or after), as "GMT" at offset 0 names another day.
        ("May 25, 2016, 1:30 AM GMT+2", "2016-05-24T23:30:00Z", datetime(2016, 5, 25, 1, 30)),
        ("May 25, 2016 · 1:30 AM GMT+2", "2016-05-24T23:30:00Z", datetime(2016, 5, 25, 1, 30)),
        ("May 25, 2016, 1:30 am UTC+2", "2016-05-24T23:30:00Z", datetime(2016, 5, 25, 1, 30)),
        ("May 24, 2016, 11:30 p.m. GMT-2", "2016-05-25T01:30:00Z", datetime(2016, 5, 24, 23, 30)),
    ],
)
def test_header_offset_after_half_day_word(printed: str, declared: str, moment: datetime) -> None:
    found = _published(printed, declared)
    assert found is not None
    assert found.replace(tzinfo=None) == moment
    assert found == datetime.fromisoformat(declared.replace("Z", "+00:00"))


@pytest.mark.parametrize(
    ("printed", "declared", "moment"),
    [
        # Guards: plain "GMT" after "AM" is offset 0; a half-day word alone names no zone;
        # z40b's offset after the digits as before.
        ("May 25, 2016, 1:30 AM GMT", "2016-05-24T23:30:00Z", datetime(2016, 5, 24, 23, 30)),
        ("May 25, 2016, 1:30 AM", "2016-05-24T23:30:00Z", datetime(2016, 5, 24, 23, 30)),
        ("May 25, 2016, 01:30 GMT+2", "2016-05-24T23:30:00Z", datetime(2016, 5, 25, 1, 30)),
    ],
)
def test_header_guards(printed: str, declared: str, moment: datetime) -> None:
    found = _published(printed, declared)
    assert found is not None and found.replace(tzinfo=None) == moment


@pytest.mark.parametrize(
    ("printed", "moment"),
    [
        # Guards in free text: plain "GMT" after "PM" is UTC; "PM" alone is the page's zone.
        ("May 24, 2016, 8:00 PM GMT", datetime(2016, 5, 24, 20, 0, tzinfo=UTC)),
        ("May 24, 2016, 8:00 PM", datetime(2016, 5, 24, 20, 0, tzinfo=_at(9))),
    ],
)
def test_free_text_guards(printed: str, moment: datetime) -> None:
    found = _published(printed)
    assert found == moment
    assert found is not None and found.utcoffset() == moment.utcoffset()


@pytest.mark.parametrize(
    "text",
    [
        "2014-11-23 16:00Z-Wave Alliance",
        "2014-11-23T16:00Z-Library",
        "2014-11-23 16:00Z\u2010Wave",
    ],
)
def test_glued_z_before_hyphenated_word_is_no_zone(text: str) -> None:
    # Fails without: 16:00 UTC (seven hours before 16:00 in Tokyo).
    assert find_dates(text, TOKYO, None, 1) == [datetime(2014, 11, 23, 16, 0, tzinfo=TOKYO)]


@pytest.mark.parametrize(
    "text",
    [
        "2014-11-23 16:00Z",
        "2014-11-23T16:00Z - News",
        "2014-11-23T16:00Z, Reuters",
        # r52b: a stamp with seconds is machine-written; a word glued after it (a file name,
        # an identifier) leaves its Z UTC. These two failed on a152879 (read in Tokyo).
        "2014-11-23T16:00:00Z-Library",
        "2014-11-23T16:00:00.250Z-report",
    ],
)
def test_glued_z_guards(text: str) -> None:
    [found] = find_dates(text, TOKYO, None, 1)
    assert found == datetime(2014, 11, 23, 16, 0, tzinfo=UTC) and found.utcoffset() == timedelta(0)
