"""A machine stamp printed as the date line keeps its offset (o51, issue 17): a page whose
visible date is its CMS's ISO 8601 value ("2014-11-23T16:00:00+04:00") was stored at that
clock in UTC, the day right and the moment hours off (goose3's ``pubdate`` fixture, dev
4517's ``Author_publicationTime`` span, a ``<time>`` without ``datetime``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from parsers.extract import extract

BODY = "<p>" + " ".join(["The council met again to settle the budget for the year."] * 8) + "</p>"
URL = "https://example.com/news/budget-settled"


def _published(printed: str, timezone: str | None = None) -> datetime:
    html = (
        "<html lang='en'><head><title>Budget settled</title></head><body><article>"
        f"<h1>Budget settled</h1>{printed}{BODY * 5}</article></body></html>"
    )
    found = extract(html, url=URL, timezone=timezone).published_at
    assert found is not None
    return found


@pytest.mark.parametrize(
    ("printed", "moment", "offset"),
    [
        # goose3's test_publish_date_tag. Fails without: 16:00+00:00.
        (
            "<div class='pubdate'>2014-11-23T16:00:00+04:00</div>",
            datetime(2014, 11, 23, 12, 0, tzinfo=UTC),
            timedelta(hours=4),
        ),
        # dev 4517's span, a stamp without seconds. Fails without: 08:10+00:00.
        (
            "<span class='Author_publicationTime__F2lab'>2022-11-23T08:10+02:00</span>",
            datetime(2022, 11, 23, 6, 10, tzinfo=UTC),
            timedelta(hours=2),
        ),
        # A <time> without datetime whose text is the stamp. Fails without: 16:00+00:00.
        (
            "<time>2014-11-23T16:00:00+04:00</time>",
            datetime(2014, 11, 23, 12, 0, tzinfo=UTC),
            timedelta(hours=4),
        ),
        # +0530 without its colon. Fails without: 16:00+00:00.
        (
            "<p class='date'>2014-11-23T16:00:00+0530</p>",
            datetime(2014, 11, 23, 10, 30, tzinfo=UTC),
            timedelta(hours=5, minutes=30),
        ),
        # A negative offset after a fraction of a second. Fails without: 23:30+00:00 (and a
        # UTC day that is the next).
        (
            "<p class='date'>2014-11-23T23:30:00.125-05:00</p>",
            datetime(2014, 11, 24, 4, 30, tzinfo=UTC),
            timedelta(hours=-5),
        ),
        # Ruby's Time#to_s, a space before the offset after seconds. Fails without.
        (
            "<p class='date'>2014-11-23 16:00:00 -0800</p>",
            datetime(2014, 11, 24, 0, 0, tzinfo=UTC),
            timedelta(hours=-8),
        ),
        # The stamp followed by a byline, and the first of several stamps (the publication).
        (
            "<p class='date'>2014-11-23T16:00:00+02:00 by Jane Doe, updated"
            " 2014-11-24T09:00:00-05:00</p>",
            datetime(2014, 11, 23, 14, 0, tzinfo=UTC),
            timedelta(hours=2),
        ),
    ],
)
def test_a_printed_stamp_keeps_its_offset(
    printed: str, moment: datetime, offset: timedelta
) -> None:
    found = _published(printed)
    assert found == moment
    assert found.utcoffset() == offset


def test_a_printed_stamp_in_utc_is_read_in_utc_not_the_pages_zone() -> None:
    # "Z" in a page read in Berlin's zone. Fails without: 16:00+01:00, an hour early.
    found = _published("<p class='date'>2014-11-23T16:00:00Z</p>", timezone="Europe/Berlin")
    assert found == datetime(2014, 11, 23, 16, 0, tzinfo=UTC)
    assert found.utcoffset() == timedelta(0)


def test_a_z_right_after_the_minutes_is_a_date() -> None:
    # "16:00Z": no word boundary after the minutes. Fails without: no date at all.
    found = _published("<p class='date'>2014-11-23T16:00Z</p>", timezone="Europe/Berlin")
    assert found == datetime(2014, 11, 23, 16, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "printed",
    [
        "<p class='date'>2014-11-23T16:00:00</p>",  # no offset
        "<p class='date'>2014-11-23T16:00:00+25:00</p>",  # no zone is 25 hours east
        "<p class='date'>2014-11-23T16:00:00+02:61</p>",  # minutes past 59
        "<p class='date'>2014-11-23T16:00:00-12:30</p>",  # west of -12:00
        "<p class='date'>2014-11-23T16:00:00+02:00:00</p>",  # not an offset's shape
        "<p class='date'>2014-11-23T16:00:00Zulu</p>",  # a word, not "Z"
        "<p class='date'>2014-11-23 16:00-18:00</p>",  # a range: no T, no seconds
        "<p class='date'>2014-11-23 16:00 +0400</p>",  # a space before it, no seconds
    ],
)
def test_a_stamp_without_a_usable_offset_is_read_as_before(printed: str) -> None:
    # Guards (pass both ways): the clock in the page's zone, no moment from a broken offset.
    assert _published(printed, timezone="Europe/Berlin") == datetime(
        2014, 11, 23, 15, 0, tzinfo=UTC
    )
    found = _published(printed)
    assert found == datetime(2014, 11, 23, 16, 0, tzinfo=UTC)
    assert found.utcoffset() == timedelta(0)
