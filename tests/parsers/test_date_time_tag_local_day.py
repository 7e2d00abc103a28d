"""A <time> whose ``datetime`` is UTC and whose text prints the local day, one day apart
(issue 17, x37b): "2026-02-24T04:13:00Z" printed "February 23, 2026" is the 23rd, the day
the reader saw. The rule's cases fail without it (the UTC day); the guards pass both ways."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from parsers import extract

BODY = "<p>" + " ".join(["The gym fits in a corner of the flat with room to spare."] * 8) + "</p>"
URL = "https://shop.example.com/blogs/news/a-gym-in-a-corner"


def _published(value: str, text: str) -> datetime | None:
    html = (
        '<html lang="en"><head><title>A gym in a corner</title></head><body><article>'
        f'<h1>A gym in a corner</h1><p>Posted <time datetime="{value}">{text}</time></p>'
        f"{BODY * 6}</article></body></html>"
    )
    return extract(html, url=URL).published_at


@pytest.mark.parametrize(
    ("value", "text", "day"),
    [
        ("2026-02-24T04:13:00Z", "February 23, 2026", date(2026, 2, 23)),
        ("2026-02-24T04:13:00+00:00", "Feb 23, 2026", date(2026, 2, 23)),
        # East of UTC the local day is the next one (Tokyo, evening UTC).
        ("2025-11-03T20:30:00Z", "November 4, 2025", date(2025, 11, 4)),
    ],
)
def test_the_printed_local_day_survives(value: str, text: str, day: date) -> None:
    found = _published(value, text)
    assert found is not None
    # Stored as every printed day is: that day at midnight, read in the page's zone (UTC).
    assert found == datetime.combine(day, datetime.min.time(), tzinfo=UTC)


def test_a_printed_clock_keeps_the_instant_in_its_offset() -> None:
    found = _published("2026-02-24T04:13:00Z", "February 23, 2026 11:13 PM")
    assert found is not None
    assert found.date() == date(2026, 2, 23)
    assert found == datetime(2026, 2, 24, 4, 13, tzinfo=UTC)
    assert found.utcoffset() == timedelta(hours=-5)
    assert found.tzinfo == timezone(timedelta(hours=-5))


# Guards: the same day printed; a value in its own offset; a zone-less value; a day two
# apart (no timezone does that: the text is another date); the text prints no date.
@pytest.mark.parametrize(
    ("value", "text", "day"),
    [
        ("2026-02-24T04:13:00Z", "February 24, 2026", date(2026, 2, 24)),
        ("2026-02-23T23:13:00-05:00", "February 23, 2026", date(2026, 2, 23)),
        ("2026-02-24T04:13:00", "February 23, 2026", date(2026, 2, 24)),
        ("2026-02-24T04:13:00Z", "February 22, 2026", date(2026, 2, 24)),
        ("2026-02-24T04:13:00Z", "4 min read", date(2026, 2, 24)),
    ],
)
def test_otherwise_the_declared_day_stands(value: str, text: str, day: date) -> None:
    found = _published(value, text)
    assert found is not None
    assert found.date() == day


# x37b's <time> local-day rule, attacked (k37c): a text one day apart was taken as the
# local day even where no UTC offset (-12 to +14 hours) reaches it from the instant
# ("18:00Z" printed the day before would need -18 hours, "02:00Z" printed the day after
# +22): such a text is another date and the declared instant stands. The first test fails
# without the range check; the guards (offsets that exist) pass both ways.


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("2026-02-24T18:00:00Z", "February 23, 2026"),
        ("2026-02-24T12:30:00Z", "February 23, 2026"),
        ("2026-02-24T02:00:00Z", "February 25, 2026"),
        ("2026-12-31T09:00:00Z", "January 1, 2027"),
    ],
)
def test_a_day_no_offset_reaches_is_another_date(value: str, text: str) -> None:
    found = _published(value, text)
    assert found == datetime.fromisoformat(value.replace("Z", "+00:00"))


@pytest.mark.parametrize(
    ("value", "text", "day"),
    [
        ("2026-02-24T11:30:00Z", "February 23, 2026", date(2026, 2, 23)),  # -12
        ("2026-02-24T10:00:00Z", "February 25, 2026", date(2026, 2, 25)),  # +14
        ("2027-01-01T03:00:00Z", "December 31, 2026", date(2026, 12, 31)),
        ("2026-12-31T20:00:00Z", "January 1, 2027", date(2027, 1, 1)),
    ],
)
def test_a_day_an_offset_reaches_is_the_printed_day(value: str, text: str, day: date) -> None:
    found = _published(value, text)
    assert found == datetime.combine(day, datetime.min.time(), tzinfo=UTC)


def _in_zone(value: str, text: str, zone: str) -> datetime | None:
    html = (
        '<html lang="en"><head><title>A gym in a corner</title></head><body><article>'
        f'<h1>A gym in a corner</h1><p>Posted <time datetime="{value}">{text}</time></p>'
        f"{BODY * 6}</article></body></html>"
    )
    return extract(html, url=URL, timezone=zone).published_at


NEW_YORK = "America/New_York"


BERLIN = "Europe/Berlin"


# A zone the site's profile declares: the printed day must be the instant's day there.
@pytest.mark.parametrize(
    ("value", "text", "zone", "expected"),
    [
        # Berlin's day of 04:13Z is the 24th: "February 23" is another date.
        ("2026-02-24T04:13:00Z", "February 23, 2026", BERLIN, "2026-02-24T04:13:00+00:00"),
        # New York's: the instant, in New York (23:13 EST on the 23rd), not a bare midnight.
        ("2026-02-24T04:13:00Z", "February 23, 2026", NEW_YORK, "2026-02-23T23:13:00-05:00"),
        # Daylight saving ends at 06:00Z on 1 November 2026: 05:30Z is 01:30 EDT, 1 November.
        ("2026-11-01T05:30:00Z", "October 31, 2026", NEW_YORK, "2026-11-01T05:30:00+00:00"),
        ("2026-11-01T03:30:00Z", "October 31, 2026", NEW_YORK, "2026-10-31T23:30:00-04:00"),
    ],
)
def test_a_declared_zone_names_the_local_day(
    value: str, text: str, zone: str, expected: str
) -> None:
    found = _in_zone(value, text, zone)
    assert found is not None
    assert found.isoformat() == expected
