"""k53o: a GMT/UTC offset after whatever half-day word the clock read.

o53 made the half-day spellings before "GMT+2" one list (``date_patterns.HALF_DAY_WORDS``,
the Latin "[ap]\\.?m\\.?" ones), checked by ``GMT_OFFSET_RE``'s look-behind. But the
clocks read more: the free-text clock reads Arabic's "م" / "ص" (``HALF_AFTER_ALT``), and
the header's zoned clock (``date_zones.ZONED_CLOCK_RE``) reads "p. m." with a space (CLDR's
Spanish, with a no-break space), "P M". After those the look-behind failed, so the clock
was read at its "GMT" (offset 0): "8:00 م GMT+3" was 20:00 UTC, three hours off, and a
header's "11:30 p. m. GMT-2" no printed offset. ``printed_offset`` reads at the place the
clock ended (its caller's), so it no longer asks which word ended it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from parsers.dates import find_date
from parsers.extract import extract

BODY = "<p>" + " ".join(["The council met again to settle the budget for the year."] * 8) + "</p>"
URL = "https://example.com/news/budget-settled"


def _at(hours: float) -> timezone:
    return timezone(timedelta(hours=hours))


def _published(printed: str, declared: str) -> datetime | None:
    html = (
        "<html lang='en'><head><title>Budget settled</title>"
        f"<meta property='article:published_time' content='{declared}'></head><body><article>"
        f"<h1>Budget settled</h1><p class='date'>{printed}</p>{BODY * 5}</article></body></html>"
    )
    return extract(html, url=URL, timezone="Asia/Tokyo").published_at


@pytest.mark.parametrize(
    ("printed", "moment"),
    [
        # Each fails on 09feb27: the same wall clock at UTC (the clock's "GMT").
        ("16 نوفمبر 2019 8:00 م GMT+3", datetime(2019, 11, 16, 20, 0, tzinfo=_at(3))),
        ("16 نوفمبر 2019 8:00 ص GMT+3", datetime(2019, 11, 16, 8, 0, tzinfo=_at(3))),
    ],
)
def test_offset_after_an_arabic_half_day_word(printed: str, moment: datetime) -> None:
    found = find_date(printed, UTC)
    assert found == moment
    assert found is not None and found.utcoffset() == moment.utcoffset()


@pytest.mark.parametrize(
    "printed",
    [
        # Each fails on 09feb27: the declared UTC moment kept (a day after the printed one).
        "May 24, 2016, 11:30 p. m. GMT-2",
        "24 de mayo de 2016, 11:30 p.\u00a0m. GMT-2",
        "May 24, 2016, 11:30 P M GMT-2",
    ],
)
def test_header_offset_after_a_spaced_half_day_word(printed: str) -> None:
    found = _published(printed, "2016-05-25T01:30:00Z")
    assert found is not None and found.replace(tzinfo=None) == datetime(2016, 5, 24, 23, 30)
    assert found.utcoffset() == timedelta(hours=-2)


@pytest.mark.parametrize(
    ("printed", "moment"),
    [
        # Guards: a half-day word o53 read; a clock with no word; a word that is none.
        ("May 24, 2016, 8:00 p.m GMT+2", datetime(2016, 5, 24, 20, 0, tzinfo=_at(2))),
        ("May 24, 2016, 20:00 GMT+2", datetime(2016, 5, 24, 20, 0, tzinfo=_at(2))),
        ("May 24, 2016, 8:00 Spam GMT+2", datetime(2016, 5, 24, 8, 0, tzinfo=UTC)),
    ],
)
def test_half_day_guards(printed: str, moment: datetime) -> None:
    assert find_date(printed, UTC) == moment
