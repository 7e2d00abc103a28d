"""An offset with a letter glued on is no offset (r51's find, issue 17): "+0530x" after a
printed stamp is an identifier's tail, read as +05:30 since o51; "Z" glued to a word was
already refused. The stamp then reads as a clock without an offset (in the page's zone)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from parsers.extract import extract

BODY = "<p>" + " ".join(["The council met again to settle the budget for the year."] * 8) + "</p>"
URL = "https://example.com/news/budget-settled"


def _offset(printed: str) -> timedelta | None:
    html = (
        "<html lang='en'><head><title>Budget settled</title></head><body><article>"
        f"<h1>Budget settled</h1><p class='date'>{printed}</p>{BODY * 5}</article></body></html>"
    )
    found = extract(html, url=URL, timezone="UTC").published_at
    assert found is not None
    assert (found.year, found.month, found.day, found.hour) == (2014, 11, 23, 16)
    return found.utcoffset()


@pytest.mark.parametrize("printed", ["2014-11-23T16:00:00+0530x", "2014-11-23T16:00:00+05:30ab"])
def test_an_offset_with_a_letter_glued_on_is_none(printed: str) -> None:
    assert _offset(printed) == timedelta(0)  # fails without: +05:30


@pytest.mark.parametrize(
    ("printed", "offset"),
    [
        ("2014-11-23T16:00:00+05:30 by Staff", timedelta(hours=5, minutes=30)),
        ("2014-11-23T16:00:00+05:30.", timedelta(hours=5, minutes=30)),
        ("2014-11-23T16:00:00-04:00|", timedelta(hours=-4)),
    ],
)
def test_an_offset_before_a_space_or_a_mark_is_kept(printed: str, offset: timedelta) -> None:
    assert _offset(printed) == offset
