"""Dates: formats, languages, time zones, and the fetched_at guard."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from parsers import extract
from parsers.dates import date_from_url, find_date, is_date_line, parse_date
from pressroom.errors import ParseError

MINSK = ZoneInfo("Europe/Minsk")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("16 November 2019, 10:45", datetime(2019, 11, 16, 10, 45, tzinfo=MINSK)),
        ("2019-11-16T10:45:00+03:00", datetime(2019, 11, 16, 7, 45, tzinfo=UTC)),
        ("2019-11-16T07:45:00Z", datetime(2019, 11, 16, 7, 45, tzinfo=UTC)),
        ("2019-11-16", datetime(2019, 11, 16, tzinfo=MINSK)),
        ("Sat, 16 Nov 2019 10:45:00 +0300", datetime(2019, 11, 16, 7, 45, tzinfo=UTC)),
        ("November 16, 2019 10:45 pm", datetime(2019, 11, 16, 22, 45, tzinfo=MINSK)),
        ("16 ноября 2019 г. 10:45", datetime(2019, 11, 16, 10, 45, tzinfo=MINSK)),
        ("16 лістапада 2019", datetime(2019, 11, 16, tzinfo=MINSK)),
        ("3 траўня 2021, 09:05", datetime(2021, 5, 3, 9, 5, tzinfo=MINSK)),
        ("16.11.2019 10:45", datetime(2019, 11, 16, 10, 45, tzinfo=MINSK)),
    ],
)
def test_parse_date_formats(text: str, expected: datetime) -> None:
    assert parse_date(text, MINSK) == expected


def test_results_are_timezone_aware_in_the_given_zone() -> None:
    value = parse_date("16 November 2019, 10:45", ZoneInfo("America/New_York"))
    assert value is not None and value.utcoffset() is not None
    assert value.astimezone(UTC).hour == 15


def test_dates_after_fetched_at_are_rejected_only_when_fetched_at_is_given() -> None:
    fetched = datetime(2019, 11, 16, 8, 0, tzinfo=UTC)
    assert parse_date("2019-11-16T10:45:00+03:00", MINSK, fetched) == datetime(
        2019, 11, 16, 7, 45, tzinfo=UTC
    )
    assert parse_date("2019-11-17T10:45:00+03:00", MINSK, fetched) is None
    assert parse_date("2019-11-17T10:45:00+03:00", MINSK) is not None


def test_garbage_and_implausible_years_are_not_dates() -> None:
    assert parse_date("tomorrow-ish", UTC) is None
    assert parse_date("", UTC) is None
    assert find_date("call 12 May 1066 for details", UTC) is None


def test_find_date_takes_the_earliest_printed_date() -> None:
    text = "Published: 3 March 2020 | Updated March 5, 2020"
    assert find_date(text, UTC) == datetime(2020, 3, 3, tzinfo=UTC)


def test_date_from_url() -> None:
    assert date_from_url("https://x.org/news/2019/11/18/plan/", UTC) == datetime(
        2019, 11, 18, tzinfo=UTC
    )
    assert date_from_url("https://x.org/a-20191118-b.html", UTC) == datetime(
        2019, 11, 18, tzinfo=UTC
    )
    assert date_from_url("https://x.org/about/", UTC) is None


def test_is_date_line() -> None:
    assert is_date_line("16 November 2019, 10:45")
    assert is_date_line("Published on Monday, March 3, 2020 at 9:15 am")
    assert not is_date_line("On 16 November 2019 the committee met.")


PAGE = """<html><head><meta property="article:published_time" content="{meta}"></head>
<body><article><h1>Budget approved</h1><p>{text}</p></article></body></html>"""
LONG = "The council approved the budget for the next year after a long debate. " * 3


def test_extract_prefers_metadata_and_reads_local_times_in_the_given_zone() -> None:
    page = PAGE.format(meta="2019-11-16 10:45", text=LONG)
    article = extract(page, url="https://x.org/a", timezone="Europe/Minsk")
    assert article.published_at == datetime(2019, 11, 16, 10, 45, tzinfo=MINSK)
    utc = extract(page, url="https://x.org/a")
    assert utc.published_at == datetime(2019, 11, 16, 10, 45, tzinfo=UTC)


def test_extract_ignores_future_metadata_and_falls_back_to_text() -> None:
    page = PAGE.format(meta="2031-01-01T00:00:00Z", text="16 November 2019</p><p>" + LONG)
    article = extract(
        page, url="https://x.org/a", fetched_at=datetime(2020, 1, 1, tzinfo=UTC)
    )
    assert article.published_at == datetime(2019, 11, 16, tzinfo=UTC)


def test_unknown_timezone_is_a_parse_error() -> None:
    with pytest.raises(ParseError):
        extract(PAGE.format(meta="", text=LONG), url="https://x.org/a", timezone="Mars/Olympus")
