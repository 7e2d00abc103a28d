"""A time printed without a zone, east of the zone it is read in, is not "after the fetch"
(issue 17): the pipeline always passes ``fetched_at``, and a source without a timezone reads
zoneless times in UTC, so a page in Seoul or Berlin prints times hours "after" its fetch."""

from __future__ import annotations

from datetime import UTC, date, datetime

from parsers.extract import extract

BODY = "<p>" + " ".join(["The council met again to settle the budget for the year."] * 8) + "</p>"


def _page(printed: str) -> str:
    return (
        "<html lang='en'><head><title>Budget settled</title></head><body><article>"
        f"<h1>Budget settled</h1><p class='date'>{printed}</p>{BODY * 5}</article></body></html>"
    )


def test_a_zoneless_time_hours_after_the_fetch_keeps_its_day() -> None:
    # Printed in Seoul at 09:10 local on 4 Dec; fetched at 02:00 UTC the same moment's day.
    fetched = datetime(2026, 12, 4, 2, 0, tzinfo=UTC)
    article = extract(_page("4 December 2026 09:10"), url="https://example.kr/news/budget",
                      fetched_at=fetched)
    assert article.published_at is not None
    assert article.published_at.date() == date(2026, 12, 4)


def test_a_date_days_after_the_fetch_is_still_refused() -> None:
    fetched = datetime(2026, 12, 4, 2, 0, tzinfo=UTC)
    article = extract(_page("9 December 2026 09:10"), url="https://example.kr/news/budget",
                      fetched_at=fetched)
    assert article.published_at is None
