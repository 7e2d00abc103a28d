"""Publication dates by category, ninth pass (issue 17, d32): a story that prints only
its time under the headline ("5:00", "13:37 Uhr"), read on the fetch day. The rule's
cases fail without it (None); the guards pass both ways."""

from __future__ import annotations

from datetime import UTC, date, datetime

from parsers import extract

BODY = "<p>" + " ".join(["The story goes on with enough words to be a story."] * 8) + "</p>"
URL = "https://example.org/a?p=123"
FETCHED = datetime(2026, 12, 3, 15, 0, tzinfo=UTC)


def _page(byline: str) -> str:
    # Seznam Zprávy's layout: the byline's clock, then teasers of other stories with dates.
    teasers = "".join(
        f"<div><p><a href='/r{i}'>Another story number {i} of the day</a></p>"
        f"<p>23. 11. 2026 13:3{i}</p></div>"
        for i in range(3)
    )
    return (
        "<html lang='cs'><head></head><body><article><h1>Hlavní aktér prodává vilu</h1>"
        f"<p>Radek Nohl</p>{byline}{BODY * 6}</article><aside>{teasers}</aside></body></html>"
    )


def _day(html: str, fetched_at: datetime | None = FETCHED, tz: str | None = None) -> date | None:
    found = extract(html, url=URL, fetched_at=fetched_at, timezone=tz).published_at
    return None if found is None else found.date()


# Category "today's story prints only its time": the fetch day, at that time.
def test_a_clock_alone_under_the_headline_is_the_fetch_day() -> None:
    assert _day(_page("<p>5:00</p>")) == date(2026, 12, 3)
    assert _day(_page("<p>13:37 Uhr</p>")) == date(2026, 12, 3)


def test_the_clock_is_read_in_the_sources_zone() -> None:
    # Fetched 23:30 UTC, 00:30 on the 4th in Berlin: "0:10" there is the 4th.
    fetched = datetime(2026, 12, 3, 23, 30, tzinfo=UTC)
    assert _day(_page("<p>0:10</p>"), fetched, "Europe/Berlin") == date(2026, 12, 4)


# The guards: each passes with the rule and without it.
def test_no_fetch_time_no_date() -> None:
    assert _day(_page("<p>5:00</p>"), None) is None


def test_a_clock_later_than_the_fetch_names_no_day() -> None:
    # Yesterday's evening story, or the time of an update (Luxemburger Wort): not the fetch day.
    assert _day(_page("<p>16:30</p>")) is None


def test_a_date_line_over_the_clock_stands() -> None:
    assert _day(_page("<p>3. 12. 2025</p><p>5:00</p>")) == date(2025, 12, 3)

