"""o52 (issue 17), category "a 12-hour clock's GMT offset, or the offset in brackets": the
census of printed date lines found "May 24, 2016, 8:00 PM GMT+2" (Bloomberg), "October 5,
2015 at 10:52 PM GMT+2" (Fortune) and "22/10/2025, 19:25 (GMT+7)" (VnExpress). z40b read
"GMT+0100" right after a clock's digits only: these clocks were read in the page's zone."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from parsers.extract import extract

BODY = "<p>" + " ".join(["The council met again to settle the budget for the year."] * 8) + "</p>"
URL = "https://example.com/news/budget-settled"


def _published(printed: str, zone: str = "Asia/Tokyo") -> datetime | None:
    html = (
        "<html lang='en'><head><title>Budget settled</title></head><body><article>"
        f"<h1>Budget settled</h1><p class='date'>{printed}</p>{BODY * 5}</article></body></html>"
    )
    return extract(html, url=URL, timezone=zone).published_at


def _at(hours: int) -> timezone:
    return timezone(timedelta(hours=hours))


@pytest.mark.parametrize(
    ("printed", "moment"),
    [
        # Each fails without: the same wall clock at +09:00 (the page's zone).
        ("May 24, 2016, 8:00 PM GMT+2", datetime(2016, 5, 24, 20, 0, tzinfo=_at(2))),
        ("October 5, 2015 at 10:52 PM GMT+2", datetime(2015, 10, 5, 22, 52, tzinfo=_at(2))),
        ("Nov 9, 2012 5:30 p.m. UTC+1", datetime(2012, 11, 9, 17, 30, tzinfo=_at(1))),
        ("2014-11-23 4:00 PM GMT-5", datetime(2014, 11, 23, 16, 0, tzinfo=_at(-5))),
        ("Thứ tư, 22/10/2025, 19:25 (GMT+7)", datetime(2025, 10, 22, 19, 25, tzinfo=_at(7))),
        ("May 24, 2016, 8:00 PM (GMT+2)", datetime(2016, 5, 24, 20, 0, tzinfo=_at(2))),
    ],
)
def test_offset_after_half_day_word_or_in_brackets(printed: str, moment: datetime) -> None:
    found = _published(printed)
    assert found == moment
    assert found is not None and found.utcoffset() == moment.utcoffset()


@pytest.mark.parametrize(
    ("printed", "moment"),
    [
        # Guards: the bracket must close; z40b's shape as before; no half-day word before.
        ("22/10/2025, 19:25 (GMT+7", datetime(2025, 10, 22, 19, 25, tzinfo=_at(9))),
        ("16 November 2019, 00:30 GMT+0100", datetime(2019, 11, 16, 0, 30, tzinfo=_at(1))),
        ("May 24, 2016, 8:00 Program GMT+2", datetime(2016, 5, 24, 8, 0, tzinfo=_at(9))),
    ],
)
def test_guards(printed: str, moment: datetime) -> None:
    found = _published(printed)
    assert found == moment
    assert found is not None and found.utcoffset() == moment.utcoffset()
