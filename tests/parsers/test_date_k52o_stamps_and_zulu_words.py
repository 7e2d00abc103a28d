"""k52o (issue 17), two wrong moments o52 brought where 7bbe7ee read the page right.

1. o52 read "T10:00-12:00" in visible text as an event's hours whenever the part after the
   minus is a later clock: a US stamp printed to the minute, "2019-11-16T06:30-08:00" (Los
   Angeles before 08:00, New York before 05:00, Honolulu before 10:00), is one too, and was
   read in the page's zone, hours off. A range now only ends at an offset no newsroom's
   clock keeps (-12:00, -11:00, -09:30; ``date_offsets.NO_NEWSROOM_OFFSETS``).
2. o52 read a lone "Z" one space after a clock as UTC unless a letter follows: "Z-Wave",
   "Z’s", "Z 5 komentářů" (Czech "of 5 comments"), "Z „Faktów”" (Polish "from the news")
   are words, and the clock was moved to UTC. Now only a "Z" that ends the line or stands
   before a separator ("|", "·", ",", ")", a spaced dash) is Zulu time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from parsers.extract import extract

BODY = "<p>" + " ".join(["The council met again to settle the budget for the year."] * 8) + "</p>"
URL = "https://example.com/news/budget-settled"
TOKYO = timezone(timedelta(hours=9))


def _published(printed: str, zone: str | None = "Asia/Tokyo") -> datetime:
    html = (
        "<html lang='en'><head><title>Budget settled</title></head><body><article>"
        f"<h1>Budget settled</h1><p class='date'>{printed}</p>{BODY * 5}</article></body></html>"
    )
    found = extract(html, url=URL, timezone=zone).published_at
    assert found is not None
    return found


@pytest.mark.parametrize(
    ("printed", "hour", "minute", "offset"),
    [
        # Each fails without (o52): the clock read in Tokyo's zone, 17, 14, 19, 12 hours off.
        ("2019-11-16T06:30-08:00", 6, 30, -8),  # Los Angeles, a `<time>` printing its value
        ("Posted 2019-11-16T02:30-05:00 by Jane Doe", 2, 30, -5),  # New York
        ("2019-11-16T08:00-10:00", 8, 0, -10),  # Honolulu
        ("2019-11-16T00:15-03:00", 0, 15, -3),  # São Paulo
    ],
)
def test_a_west_stamp_to_the_minute_keeps_its_offset(
    printed: str, hour: int, minute: int, offset: int
) -> None:
    found = _published(printed)
    assert found == datetime(2019, 11, 16, hour, minute, tzinfo=timezone(timedelta(hours=offset)))


@pytest.mark.parametrize(
    "printed",
    ["2019-11-16T09:00-09:30", "2019-11-16T10:00-11:00", "Talk: 2019-11-16T10:00-12:00 Uhr"],
)
def test_hours_ending_at_no_newsrooms_offset_stay_a_range(printed: str) -> None:
    # Guards (o52's reading kept): each end is an offset no newsroom keeps.
    assert _published(printed).utcoffset() == timedelta(hours=9)


@pytest.mark.parametrize(
    "printed",
    [
        # Each fails without (o52): 20:00 UTC, nine hours off the page's Tokyo clock.
        "2014-11-23 20:00 Z-Wave Alliance",
        "2014-11-23 20:00 Z-Library",
        "2014-11-23 20:00 Z\u2019s Kitchen",
        "2014-11-23 20:00 Z 5 komentářů",
        "2014-11-23 20:00 Z \u201eFaktów\u201d",
        "2014-11-23 20:00 Z: Praha",
    ],
)
def test_a_spaced_z_before_a_word_or_number_is_no_zone(printed: str) -> None:
    assert _published(printed) == datetime(2014, 11, 23, 20, 0, tzinfo=TOKYO)


@pytest.mark.parametrize(
    "printed",
    [
        # Guards (o52's Zulu kept): the line's end or a separator after the "Z".
        "(2014-11-23 20:00 Z)",
        "2014-11-23 20:00 Z - By Staff",
        "2014-11-23 20:00 Z \u00b7 3 min read",
        "Posted 2014-11-23 20:00 Z.",
    ],
)
def test_a_spaced_z_before_a_separator_is_utc(printed: str) -> None:
    found = _published(printed)
    assert found == datetime(2014, 11, 23, 20, 0, tzinfo=UTC)
