"""A year-first date's 12-hour clock keeps its half-day word (r51's find, issue 17): a date
line printed "2014-11-23 4:00 PM" (CMS date lines that print the ISO day with a 12-hour
clock) was read at 04:00, twelve hours off, as d45 had found for "10/17/2022 04:01 PM"."""

from __future__ import annotations

from datetime import datetime

import pytest

from parsers.extract import extract

BODY = "<p>" + " ".join(["The council met again to settle the budget for the year."] * 8) + "</p>"
URL = "https://example.com/news/budget-settled"


def _published(printed: str) -> datetime:
    html = (
        "<html lang='en'><head><title>Budget settled</title></head><body><article>"
        f"<h1>Budget settled</h1><p class='date'>{printed}</p>{BODY * 5}</article></body></html>"
    )
    found = extract(html, url=URL, timezone="UTC").published_at
    assert found is not None
    return found


@pytest.mark.parametrize(
    ("printed", "hour", "minute", "second"),
    [
        ("2014-11-23 4:00 PM", 16, 0, 0),  # fails without: 04:00
        ("2014/11/23 12:30 am", 0, 30, 0),  # fails without: 12:30
        ("2014-11-23 09:37:25 p.m.", 21, 37, 25),  # fails without: 09:37:25
        ("Posted 2014-11-23 11:05PM", 23, 5, 0),  # fails without: 11:05
        # Guards, the same both ways: a 24-hour clock; "PMS" is no half-day word.
        ("2014-11-23 16:00", 16, 0, 0),
        ("2014-11-23 4:00 PMS", 4, 0, 0),
        ("2014-11-23 12:30 PM", 12, 30, 0),
    ],
)
def test_a_year_first_date_keeps_its_half_day_word(
    printed: str, hour: int, minute: int, second: int
) -> None:
    found = _published(printed)
    assert (found.year, found.month, found.day) == (2014, 11, 23)
    assert (found.hour, found.minute, found.second) == (hour, minute, second)
