"""Attacks on o51's printed ISO stamp offset (k51o): what the rule must not invent.

"16:00Z" after a space (no "T", no seconds) ended ``YMD_RE`` at the "Z" since o51 and its
clock was read in the page's zone (Tokyo: 16:00+09:00, nine hours off; before o51 the day
alone); digits after a clock that make an offset no zone uses (a phone number's "+1212", an
ID's "-0001", "+02:15") were taken for one; ISO 8601's own minus sign U+2212 was no minus."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from parsers.extract import extract

BODY = "<p>" + " ".join(["The council met again to settle the budget for the year."] * 8) + "</p>"
URL = "https://example.com/news/budget-settled"


def _published(printed: str, zone: str | None = None) -> datetime:
    html = (
        "<html lang='en'><head><title>Budget settled</title></head><body><article>"
        f"<h1>Budget settled</h1><p class='date'>{printed}</p>{BODY * 5}</article></body></html>"
    )
    found = extract(html, url=URL, timezone=zone).published_at
    assert found is not None
    return found


@pytest.mark.parametrize(
    ("printed", "moment"),
    [
        # Fails on main: 16:00+09:00 (07:00 UTC).
        ("2014-11-23 16:00Z", datetime(2014, 11, 23, 16, 0, tzinfo=UTC)),
        # Fails on main: 20:00+09:00; the UTC moment is the 24th in Tokyo.
        ("2014-11-23 20:00Z", datetime(2014, 11, 23, 20, 0, tzinfo=UTC)),
    ],
)
def test_zulu_without_t_or_seconds_is_utc(printed: str, moment: datetime) -> None:
    found = _published(printed, "Asia/Tokyo")
    assert found == moment
    assert found.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    "printed",
    [
        # A phone number after a Ruby-shaped stamp. Fails on main: +12:12.
        "2014-11-23 16:00:00 +1212 555 0100",
        # A build ID's suffix. Fails on main: -00:01.
        "Updated 2014-11-23T16:00:00-0001 build",
        # Offsets no zone uses. Fail on main: +02:15, +02:17.
        "2014-11-23T16:00:00+02:15",
        "2014-11-23T16:00:00+0217",
    ],
)
def test_offset_no_zone_uses_keeps_the_page_zone(printed: str) -> None:
    found = _published(printed, "Asia/Tokyo")
    assert found == datetime(2014, 11, 23, 16, 0, tzinfo=timezone(timedelta(hours=9)))


def test_unicode_minus_is_a_minus() -> None:
    # ISO 8601's minus sign. Fails on main: 16:00+03:00 (the page's zone).
    found = _published("2014-11-23T16:00:00\u221204:00", "Europe/Minsk")
    assert found.utcoffset() == timedelta(hours=-4)
    assert found == datetime(2014, 11, 23, 20, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("printed", "offset"),
    [
        # Held: zones' offsets off the hour still read (India, Newfoundland, Nepal).
        ("2014-11-23T16:00:00+05:30", timedelta(hours=5, minutes=30)),
        ("2014-11-23 16:00:00 -0330", timedelta(hours=-3, minutes=-30)),
        ("2014-11-23T16:00:00+0545", timedelta(hours=5, minutes=45)),
        ("2014-11-23T16:00:00-00:00", timedelta(0)),
    ],
)
def test_offsets_zones_use_still_read(printed: str, offset: timedelta) -> None:
    assert _published(printed, "Asia/Tokyo").utcoffset() == offset


@pytest.mark.parametrize(
    "printed",
    [
        "2014-11-23T16:00:00+" + "0" * 100_000,
        "2014-11-23T16:00:00." + "1" * 100_000,
        "2014-11-23T16:00:00-" * 5_000,
        "2014-11-23 16:00:00 " + "+0400 " * 20_000,
    ],
)
def test_long_runs_do_not_raise(printed: str) -> None:
    html = f"<html><body><article><p class='date'>{printed}</p>{BODY * 5}</article></body></html>"
    extract(html, url=URL)
