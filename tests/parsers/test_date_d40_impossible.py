"""Hostile pages declaring impossible or far-future publication dates (d40): such a value is
never stored; the page's next evidence decides, and with none the date stays empty.

Rules: ``dates.impossible_offset`` (category "an impossible UTC offset") and the horizon of
``date_bounds.acceptable`` without a fetch time (``date_patterns.MAX_YEAR``, category "a declared
date beyond any fetch"); with a fetch time the bound is the fetch (k32's tests)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from parsers.date_patterns import MAX_YEAR
from parsers.extract import extract

BODY = "<p>" + " ".join(["The council met again to settle the budget for the year."] * 8) + "</p>"
FETCHED = datetime(2026, 12, 5, 8, 0, tzinfo=UTC)
URL = "https://example.com/news/budget-settled"
# The page's other evidence: a <time> element under the headline.
NEXT = "<time datetime='2024-03-03T09:00:00Z'>3 March 2024</time>"

IMPOSSIBLE = [
    "2024-03-05T10:00:00+25:00",  # an offset past 24 hours
    "2024-03-05T10:00:00+2500",
    "2024-03-05 10:00:00 +25:00",
    "Tue, 05 Mar 2024 10:00:00 +2500",  # RFC 822
    "2024-03-05T10:00:00-13:00",  # west of any zone
    "2024-03-05T10:00:00+05:75",  # minutes past 59
    "2024-13-05T10:00:00Z",  # month 13
    "2024-04-31T10:00:00Z",  # 31 April
    "2023-02-29",  # not a leap year
    "0001-01-01T00:00:00Z",  # year 1
]
FAR_FUTURE = ["2099-01-01", "2099-01-01T10:00:00+00:00", "9999-12-31T23:59:59Z", "4102444800"]


def _page(head: str, under: str = "") -> str:
    return (
        f"<html lang='en'><head><title>Budget settled</title>{head}</head><body><article>"
        f"<h1>Budget settled</h1>{under}{BODY * 5}</article></body></html>"
    )


def _meta(value: str) -> str:
    return f"<meta property='article:published_time' content='{value}'>"


def _ld(value: str) -> str:
    return (
        '<script type=\'application/ld+json\'>{"@type": "NewsArticle", '
        f'"headline": "Budget settled", "datePublished": "{value}"}}</script>'
    )


def _refused_then_next(value: str, fetched: datetime | None) -> None:
    """``value`` declared in a meta and in JSON-LD gives no date; with a later printed date
    on the page, that date."""
    for head in (_meta(value), _ld(value)):
        assert extract(_page(head), url=URL, fetched_at=fetched).published_at is None
        falls = extract(_page(head, NEXT), url=URL, fetched_at=fetched).published_at
        assert falls is not None
        assert falls.date() == date(2024, 3, 3)


@pytest.mark.parametrize("fetched", [None, FETCHED], ids=["no-fetch-time", "fetched"])
@pytest.mark.parametrize("value", IMPOSSIBLE)
def test_an_impossible_declared_date_is_not_stored(value: str, fetched: datetime | None) -> None:
    # Fails without impossible_offset for the five offsets: 2024-03-05 10:00 read in UTC (the
    # free-text reading kept the clock and dropped the offset), or 05:00 with "-13:00" taken.
    # The month, day and year cases pass both ways (guards).
    _refused_then_next(value, fetched)


@pytest.mark.parametrize("fetched", [None, FETCHED], ids=["no-fetch-time", "fetched"])
@pytest.mark.parametrize("value", FAR_FUTURE)
def test_a_far_future_declared_date_is_not_stored(value: str, fetched: datetime | None) -> None:
    # Fails without MAX_YEAR (no fetch time): 2099-01-01, 9999-12-31, 2100-01-01 stored. With
    # the fetch time the fetch bound drops it (passes both ways).
    _refused_then_next(value, fetched)


@pytest.mark.parametrize("fetched", [None, FETCHED], ids=["no-fetch-time", "fetched"])
def test_a_far_future_printed_or_time_tag_date_is_not_stored(fetched: datetime | None) -> None:
    # Fails without MAX_YEAR: 2099-06-01 (the <time> element), then 2099-03-03 (printed).
    under = "<time datetime='2099-06-01T10:00:00Z'>1 June 2099</time>"
    assert extract(_page("", under), url=URL, fetched_at=fetched).published_at is None
    printed = "<p class='date'>March 3, 2099</p>"
    assert extract(_page("", printed), url=URL, fetched_at=fetched).published_at is None
    both = extract(
        _page("", under + "<p class='date'>Published March 3, 2024</p>"),
        url=URL,
        fetched_at=fetched,
    ).published_at
    assert both is not None
    assert both.date() == date(2024, 3, 3)


def test_real_offsets_at_the_ends_of_the_range_are_kept() -> None:
    # Guards (pass both ways): Kiribati's +14:00, Baker Island's -12:00, Nepal's +05:45.
    for value, day in [
        ("2024-03-05T10:00:00+14:00", date(2024, 3, 5)),
        ("2024-03-05T10:00:00-12:00", date(2024, 3, 5)),
        ("2024-03-05T10:00:00+05:45", date(2024, 3, 5)),
        ("Tue, 05 Mar 2024 10:00:00 +0530", date(2024, 3, 5)),
    ]:
        found = extract(_page(_meta(value)), url=URL, fetched_at=FETCHED).published_at
        assert found is not None
        assert found.date() == day


def test_a_date_a_few_years_ahead_is_kept_with_a_fetch_time_that_late() -> None:
    # Guard: the horizon applies only without a fetch time; a page fetched after MAX_YEAR
    # keeps its date (fails if the horizon applied always).
    late = datetime(MAX_YEAR + 5, 6, 2, 12, 0, tzinfo=UTC)
    value = f"{MAX_YEAR + 5}-06-01T10:00:00Z"
    found = extract(_page(_meta(value)), url=URL, fetched_at=late).published_at
    assert found is not None
    assert found.date() == date(MAX_YEAR + 5, 6, 1)


def test_the_horizon_is_years_ahead_of_the_present() -> None:
    # The only test that reads the clock: MAX_YEAR must be moved on before it undates real
    # pages parsed without a fetch time (benches, library use). Fails from 2033 on.
    assert datetime.now(UTC).year <= MAX_YEAR - 3
