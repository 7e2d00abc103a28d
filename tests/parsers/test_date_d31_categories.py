"""Publication dates by category, eighth pass (issue 17, d31): a story dated only by a
relative stamp ("3 hours ago", "vor 2 Stunden", "today, 14:05"), read against the fetch
time. Each form's case fails without the rule (None); the guards pass both ways."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from parsers import extract

BODY = "<p>" + " ".join(["The story goes on with enough words to be a story."] * 8) + "</p>"
URL = "https://example.org/a?p=123"
FETCHED = datetime(2026, 12, 3, 15, 0, tzinfo=UTC)


def _page(byline: str, head: str = "", after: str = "") -> str:
    return (
        f"<html><head>{head}</head><body><article><h1>Vendors aim to stay relevant</h1>"
        f"<p>By Jane Doe</p><p>{byline}</p>{BODY * 6}{after}</article></body></html>"
    )


def _day(html: str, fetched_at: datetime | None = FETCHED, tz: str | None = None) -> date | None:
    found = extract(html, url=URL, fetched_at=fetched_at, timezone=tz).published_at
    return None if found is None else found.date()


# Category "a story dated only by a relative stamp": CLDR's past patterns, every language.
@pytest.mark.parametrize(
    ("stamp", "day"),
    [
        ("3 hours ago", date(2026, 12, 3)),
        ("vor 2 Stunden", date(2026, 12, 3)),
        ("il y a 5 minutes", date(2026, 12, 3)),
        ("hace 3 horas", date(2026, 12, 3)),
        ("3 часа назад", date(2026, 12, 3)),
        ("3시간 전", date(2026, 12, 3)),
        ("3小时前", date(2026, 12, 3)),
        ("3時間前", date(2026, 12, 3)),
        ("16 hours ago", date(2026, 12, 2)),
        ("yesterday", date(2026, 12, 2)),
        ("today, 14:05", date(2026, 12, 3)),
        ("Gestern, 18:30 Uhr", date(2026, 12, 2)),
        # Evening Standard's byline glues the name to the count.
        ("Dylan Jones5 hours ago", date(2026, 12, 3)),
    ],
)
def test_a_relative_stamp_under_the_headline_dates_the_story(stamp: str, day: date) -> None:
    assert _day(_page(stamp)) == day


def test_the_day_is_the_sources_day() -> None:
    # Fetched 23:30 UTC, 00:30 in Berlin: twenty minutes before is the 4th there, the 3rd in UTC.
    fetched = datetime(2026, 12, 3, 23, 30, tzinfo=UTC)
    assert _day(_page("vor 20 Minuten"), fetched, "Europe/Berlin") == date(2026, 12, 4)
    assert _day(_page("vor 20 Minuten"), fetched) == date(2026, 12, 3)


# The guards: each passes with the rule and without it.
def test_no_fetch_time_no_date() -> None:
    assert _day(_page("3 hours ago"), None) is None


def test_weeks_months_and_counted_days_name_no_day() -> None:
    # "1 day ago" is 24 to 48 hours: two calendar days; "3 weeks ago" is coarser still.
    assert _day(_page("1 day ago")) is None
    assert _day(_page("2 days ago")) is None
    assert _day(_page("3 weeks ago")) is None
    assert _day(_page("vor 2 Monaten")) is None


def test_a_stamp_later_than_the_fetch_is_no_stamp() -> None:
    assert _day(_page("today, 16:05")) is None


def test_a_declared_date_wins() -> None:
    head = "<meta property='article:published_time' content='2026-11-20T08:00:00Z'>"
    assert _day(_page("3 hours ago", head)) == date(2026, 11, 20)


def test_an_update_or_a_comment_is_not_the_story() -> None:
    assert _day(_page("Updated 3 hours ago")) is None
    comments = "<section><h2>Comments</h2><p>Sam</p><p>2 hours ago</p><p>Nice.</p></section>"
    assert _day(_page("Staff writer", after=comments)) is None


def test_hours_that_may_cross_midnight_name_no_day() -> None:
    # Fetched 01:30: "2 hours ago" is 21:30-23:30 the day before where floored, 00:00-
    # 00:30 where rounded; the span holds two days, so neither is taken.
    assert _day(_page("2 hours ago"), datetime(2026, 12, 3, 1, 30, tzinfo=UTC)) is None


def test_the_address_day_comes_first() -> None:
    dated = "https://example.org/2026/11/30/a"
    found = extract(_page("3 hours ago"), url=dated, fetched_at=FETCHED)
    assert found.published_at is not None and found.published_at.date() == date(2026, 11, 30)


def test_a_number_inside_another_number_is_no_count() -> None:
    # "12.3 hours ago" is no count of whole hours; the "3" after the point is not one.
    assert _day(_page("Route 12.3 hours ago")) is None


def test_a_sentence_saying_hours_ago_is_no_stamp() -> None:
    line = "Police said the road was closed 3 hours ago after a lorry lost its load on the bend"
    assert _day(_page(line)) is None
