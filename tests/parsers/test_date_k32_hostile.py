"""Hostile and unlucky dates (k32): a moment after the fetch whose zone is known is the future,
and a fetch time at the ends of the calendar costs the date, not the page."""

from __future__ import annotations

from datetime import UTC, date, datetime

from parsers.extract import extract

BODY = "<p>" + " ".join(["The council met again to settle the budget for the year."] * 8) + "</p>"


def _page(printed: str, head: str = "") -> str:
    return (
        f"<html lang='en'><head><title>Budget settled</title>{head}</head><body><article>"
        f"<h1>Budget settled</h1><p class='date'>{printed}</p>{BODY * 5}</article></body></html>"
    )


def test_a_declared_offset_hours_after_the_fetch_is_no_date() -> None:
    # Fetched at 23:00 Berlin on 4 Dec; the page declares 10:00 Berlin on the 5th (an embargo
    # time). With its own offset the moment is known: stored, its day would be tomorrow's.
    # Fails without the offset check: 2026-12-05 (ZONE_SLACK let 14 hours through).
    fetched = datetime(2026, 12, 4, 22, 0, tzinfo=UTC)
    head = "<meta property='article:published_time' content='2026-12-05T10:00:00+01:00'>"
    article = extract(_page("", head), url="https://example.de/news/budget", fetched_at=fetched)
    assert article.published_at is None


def test_a_zoneless_day_after_the_fetch_in_the_sources_zone_is_no_date() -> None:
    # A New York source, fetched at 10:00 New York on 4 Dec; the page prints the 5th (a
    # teaser's or an event's day). Fails without the offset check: 2026-12-05.
    fetched = datetime(2026, 12, 4, 15, 0, tzinfo=UTC)
    article = extract(_page("5 December 2026"), url="https://example.com/news/budget",
                      timezone="America/New_York", fetched_at=fetched)
    assert article.published_at is None


def test_a_zoneless_time_in_the_sources_zone_before_the_fetch_keeps_its_day() -> None:
    # Guard: the same source, a time an hour before the fetch (passes both ways).
    fetched = datetime(2026, 12, 4, 15, 0, tzinfo=UTC)
    article = extract(_page("4 December 2026 09:00"), url="https://example.com/news/budget",
                      timezone="America/New_York", fetched_at=fetched)
    assert article.published_at is not None
    assert article.published_at.date() == date(2026, 12, 4)


def test_a_utc_label_hours_after_the_fetch_keeps_its_day() -> None:
    # Guard: "Z" from a server set to UTC printing Seoul's time keeps ZONE_SLACK (passes both ways).
    fetched = datetime(2026, 12, 4, 2, 0, tzinfo=UTC)
    head = "<meta property='article:published_time' content='2026-12-04T09:10:00Z'>"
    article = extract(_page("", head), url="https://example.kr/news/budget", fetched_at=fetched)
    assert article.published_at is not None
    assert article.published_at.date() == date(2026, 12, 4)


def test_a_fetch_time_hours_before_year_10000_keeps_the_page() -> None:
    # Fails without the overflow guard: ParseError (OverflowError adding ZONE_SLACK): the page lost.
    fetched = datetime(9999, 12, 31, 23, 0, tzinfo=UTC)
    article = extract(_page("4 December 2026 09:10"), url="https://example.com/news/budget",
                      fetched_at=fetched)
    assert article.title == "Budget settled"
    assert article.published_at is not None
    assert article.published_at.date() == date(2026, 12, 4)


def test_a_relative_stamp_against_a_fetch_time_in_year_one_keeps_the_page() -> None:
    # Fails without the overflow guard: ParseError (OverflowError naming 'yesterday').
    fetched = datetime(1, 1, 1, 5, 0, tzinfo=UTC)
    article = extract(_page("Yesterday"), url="https://example.com/news/budget",
                      fetched_at=fetched)
    assert article.title == "Budget settled"
    assert article.published_at is None


def test_a_negative_count_is_no_stamp() -> None:
    # A clock that puts the story 3 hours in the future prints "-3 hours ago".
    # Fails without the minus in the lookbehind: 2026-12-04 09:00, three hours before the fetch.
    fetched = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
    for stamp in ("-3 hours ago", "\u22123 hours ago"):
        article = extract(_page(stamp), url="https://example.com/news/budget", fetched_at=fetched)
        assert article.published_at is None, stamp


def test_digits_of_two_scripts_are_no_count() -> None:
    # "3" then ARABIC-INDIC THREE: int() reads 33. Fails without the script check: 2026-12-03.
    fetched = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
    article = extract(_page("3\u0663 hours ago"), url="https://example.com/news/budget",
                      fetched_at=fetched)
    assert article.published_at is None


def test_a_count_in_one_other_script_is_read() -> None:
    # Guard (passes both ways): Arabic-Indic and full-width digits are counts.
    fetched = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
    for stamp in ("\u0663 hours ago", "\uff13 hours ago", "قبل \u0663 ساعات"):
        article = extract(_page(stamp), url="https://example.com/news/budget", fetched_at=fetched)
        assert article.published_at is not None, stamp
        assert article.published_at.hour == 9, stamp


def _clock_page(clock: str) -> str:
    # d32's layout (Seznam Zprávy): a byline, its clock alone, the story.
    return (
        "<html lang='en'><head></head><body><article><h1>Budget settled</h1>"
        f"<p>Radek Nohl</p><p>{clock}</p>{BODY * 6}</article></body></html>"
    )


def test_a_clock_read_in_utc_names_no_day_a_zone_east_may_have_passed() -> None:
    # A Seoul page without a source timezone: "08:00" fetched at 23:30 UTC on the 4th is
    # 08:00 on the 5th in Seoul. Fails without _one_day_everywhere: 2026-12-04 (a wrong day).
    fetched = datetime(2026, 12, 4, 23, 30, tzinfo=UTC)
    article = extract(_clock_page("08:00"), url="https://example.kr/a?p=1", fetched_at=fetched)
    assert article.published_at is None


def test_a_clock_read_in_utc_names_no_day_a_zone_west_has_not_reached() -> None:
    # A New York page: "01:00" fetched at 03:00 UTC on the 5th is 01:00 on the 4th there.
    # Fails without _one_day_everywhere: 2026-12-05 (a wrong day).
    fetched = datetime(2026, 12, 5, 3, 0, tzinfo=UTC)
    article = extract(_clock_page("01:00"), url="https://example.com/a?p=1", fetched_at=fetched)
    assert article.published_at is None


def test_a_clock_in_the_sources_zone_names_the_fetch_day_there() -> None:
    # Guard (passes both ways): with the source's timezone the day is known.
    fetched = datetime(2026, 12, 4, 23, 30, tzinfo=UTC)
    article = extract(_clock_page("08:00"), url="https://example.kr/a?p=1",
                      timezone="Asia/Seoul", fetched_at=fetched)
    assert article.published_at is not None
    assert article.published_at.date() == date(2026, 12, 5)


def test_a_clock_against_a_fetch_time_hours_before_year_10000_keeps_the_page() -> None:
    # Fails without the overflow guard: ParseError (OverflowError reading the fetch in UTC+14).
    fetched = datetime(9999, 12, 31, 23, 0, tzinfo=UTC)
    article = extract(_clock_page("5:00"), url="https://example.com/a?p=1",
                      timezone="Pacific/Kiritimati", fetched_at=fetched)
    assert article.title == "Budget settled"


def test_a_declared_offset_minutes_after_the_fetch_keeps_its_date() -> None:
    # A story polled a minute after it went out, from a server whose clock runs 5 minutes
    # ahead. Fails without CLOCK_SKEW: None (the declared moment is 'after' the fetch).
    fetched = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
    head = "<meta property='article:published_time' content='2026-12-04T10:05:00+01:00'>"
    article = extract(_page("", head), url="https://example.de/news/budget", fetched_at=fetched)
    assert article.published_at is not None
    assert article.published_at.date() == date(2026, 12, 4)


def test_a_naive_fetch_time_is_utc_for_relative_stamps_too() -> None:
    # A caller passing datetime.utcnow()-style naive times: "Yesterday" is read against it,
    # as every other date check reads it (UTC). Fails without: None (the stamp was ignored).
    article = extract(_page("Yesterday"), url="https://example.com/news/budget",
                      fetched_at=datetime(2026, 12, 4, 12, 0))
    assert article.published_at is not None
    assert article.published_at.date() == date(2026, 12, 3)
