"""Publication dates by category, ninth pass (issue 17, d32): a story that prints only
its time under the headline ("5:00", "13:37 Uhr"), read on the fetch day; a moment
declared at UTC offset 0 that the header prints with its zone ("5:13 PM PDT"). Each
rule's cases fail without it; the guards pass both ways."""

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



# Category "zone shift: the header prints the local time with its zone": a moment declared
# at UTC offset 0 is the reader's local day the byline prints.
def _zoned_page(head: str, byline: str) -> str:
    return (
        f"<html><head>{head}</head><body><article><h1>A's outslug and outlast Angels</h1>"
        f"<p>{byline}</p>{BODY * 6}</article></body></html>"
    )


def test_a_declared_day_is_the_utc_day_of_the_printed_local_moment() -> None:
    # SB Nation: sailthru.date is the UTC day; the byline the Pacific evening before.
    page = _zoned_page(
        "<meta name='sailthru.date' content='2012-08-09'>",
        "by baseballgirl on Aug 8, 2012 5:13 PM PDT",
    )
    assert _day(page, None) == date(2012, 8, 8)


def test_a_declared_utc_instant_printed_with_its_us_zone() -> None:
    # BBC's US edition: "ET" follows daylight saving (EDT in July).
    page = _zoned_page(
        "<meta property='article:published_time' content='2012-07-24T02:58:07Z'>",
        "23 July 2012 Last updated at 22:58 ET",
    )
    assert _day(page, None) == date(2012, 7, 23)


def test_another_moment_in_the_header_moves_nothing() -> None:
    # The guard: a zoned time that is not the declared moment (an earlier version's).
    page = _zoned_page(
        "<meta property='article:published_time' content='2012-07-24T02:58:07Z'>",
        "July 23, 2012 9:00 PM EDT",
    )
    assert _day(page, None) == date(2012, 7, 24)
