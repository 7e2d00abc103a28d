"""o52 (issue 17): a lone "Z" one space after a printed clock is UTC ("2014-11-23 20:00 Z"),
read in the page's zone before; and an event's hours printed after its ISO day
("2019-11-16T10:00-12:00") are a range, where o51 read ISO's offset -12:00 (the moment
twelve hours off). A declared value (meta, JSON-LD, ``parse_date``) keeps ISO's reading."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from parsers.dates import parse_date
from parsers.extract import extract

BODY = "<p>" + " ".join(["The council met again to settle the budget for the year."] * 8) + "</p>"
URL = "https://example.com/news/budget-settled"
TOKYO = timezone(timedelta(hours=9))


def _published(printed: str, zone: str | None = "Asia/Tokyo", head: str = "") -> datetime:
    html = (
        f"<html lang='en'><head><title>Budget settled</title>{head}</head><body><article>"
        f"<h1>Budget settled</h1><p class='date'>{printed}</p>{BODY * 5}</article></body></html>"
    )
    found = extract(html, url=URL, timezone=zone).published_at
    assert found is not None
    return found


@pytest.mark.parametrize(
    "printed",
    [
        # Each fails without: 20:00+09:00 (the page's zone), nine hours off.
        "2014-11-23 20:00 Z",
        "2014-11-23 20:00 Z | By Staff",
        "2014-11-23 20:00:00 Z",
        "2014-11-23T20:00\u00a0Z",
        "Posted 2014-11-23 20:00 Z, updated later",
    ],
)
def test_a_lone_z_after_a_space_is_utc(printed: str) -> None:
    found = _published(printed)
    assert found == datetime(2014, 11, 23, 20, 0, tzinfo=UTC)
    assert found.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    "printed",
    [
        "2014-11-23 20:00 Zürich",  # a word that begins with Z
        "2014-11-23 20:00 Z domova",  # Czech "from": a section's name after the date
        "2014-11-23 20:00 Z. Smith",  # an initial
        "2014-11-23 20:00 Z.Smith",
        "2014-11-23 20:00 Z oddělení",
    ],
)
def test_a_z_that_is_or_begins_a_word_is_no_zone(printed: str) -> None:
    assert _published(printed) == datetime(2014, 11, 23, 20, 0, tzinfo=TOKYO)


@pytest.mark.parametrize(
    ("printed", "hour", "minute"),
    [
        # Each fails without: read at -12:00, -11:00 (ISO's reading). k52o: Hawaii's
        # "T08:00-10:00" is a stamp again (test_date_k52o_stamps_and_zulu_words.py).
        ("2019-11-16T10:00-12:00", 10, 0),
        ("Meetup: 2019-11-16T09:30-11:00, Room 2", 9, 30),
    ],
)
def test_printed_hours_are_a_range_not_an_offset(printed: str, hour: int, minute: int) -> None:
    found = _published(printed)
    assert found == datetime(2019, 11, 16, hour, minute, tzinfo=TOKYO)
    assert found.utcoffset() == timedelta(hours=9)


@pytest.mark.parametrize(
    ("printed", "offset"),
    [
        ("2019-11-16T10:00:00-12:00", timedelta(hours=-12)),  # seconds: a machine's stamp
        ("2019-11-16T14:00-05:00", timedelta(hours=-5)),  # an earlier clock: an offset
        ("2019-11-16T10:00-1200", timedelta(hours=-12)),  # no colon: no range is so written
        ("2019-11-16T10:00\u221212:00", timedelta(hours=-12)),  # ISO's minus sign
        ("2019-11-16T10:00.5-12:00", timedelta(hours=-12)),  # a fraction: a machine's
        ("2019-11-16T10:00+12:00", timedelta(hours=12)),
    ],
)
def test_stamps_keep_their_offsets(printed: str, offset: timedelta) -> None:
    found = _published(printed)
    assert found.utcoffset() == offset
    assert (found.day, found.hour) == (16, 10 if offset != timedelta(hours=-5) else 14)


def test_declared_values_keep_iso_reading() -> None:
    meta = "<meta property='article:published_time' content='2019-11-16T10:00-12:00'>"
    assert _published("", head=meta).utcoffset() == timedelta(hours=-12)
    # Hugo's JSON-LD with its quotes inside the value: parse_date reads it as text.
    ld = json.dumps({"@type": "NewsArticle", "datePublished": '"2019-11-16T10:00-12:00"'})
    head = f"<script type='application/ld+json'>{ld}</script>"
    assert _published("", head=head).utcoffset() == timedelta(hours=-12)
    # Fails if parse_date's last resort read the value as printed text (10:00 Tokyo).
    quoted = parse_date('"2019-11-16T10:00-12:00"', ZoneInfo("Asia/Tokyo"))
    assert quoted == datetime(2019, 11, 16, 10, 0, tzinfo=timezone(timedelta(hours=-12)))
