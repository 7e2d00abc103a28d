"""Publication dates by category, tenth pass (issue 17, d34): a story that prints its day
without a year under its headline ("Nov 16", "16. November", "11月16日", "Thursday, 16
November"), read in the year the fetch time gives. The rule's cases fail without it
(None); the guards pass both ways."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from parsers import extract

BODY = "<p>" + " ".join(["The story goes on with enough words to be a story."] * 8) + "</p>"
URL = "https://example.org/a?p=123"
FETCHED = datetime(2026, 12, 3, 15, 0, tzinfo=UTC)


def _page(byline: str, lang: str = "en", after: str = "") -> str:
    # Nothing declared: no meta, no <time>, no JSON-LD; the byline under the headline, then
    # other stories' teasers with their own days (Verdens Gang's, Pravda's layout).
    teasers = "".join(
        f"<div><p><a href='/r{i}'>Another story number {i} of the day</a></p><p>Nov 1{i}</p></div>"
        for i in range(3)
    )
    return (
        f"<html lang='{lang}'><head></head><body><article><h1>Ministry signs the accord</h1>"
        f"{byline}{BODY * 6}{after}</article><aside>{teasers}</aside></body></html>"
    )


def _day(
    html: str, fetched_at: datetime | None = FETCHED, tz: str | None = None, url: str = URL
) -> date | None:
    found = extract(html, url=url, fetched_at=fetched_at, timezone=tz).published_at
    return None if found is None else found.date()


# Category "a story that prints its day without a year": the year that puts the day on or
# before the fetch day.
@pytest.mark.parametrize(
    ("byline", "lang"),
    [
        ("<p>By Jane Doe | Nov 16</p>", "en"),  # English, month first, a byline part
        ("<p>Jane Doe</p><p>November 16, 2:30 PM ET</p>", "en"),
        ("<p>Von Anna Berg</p><p>16. November, 14:30 Uhr</p>", "de"),  # German, day first
        ("<p>Montag, 16. November</p>", "de"),  # the weekday agrees with 2026
        ("<p>11月16日(月) 14時30分</p>", "ja"),  # Japanese, the weekday in brackets
        ("<p>新华社 | 11月16日 14:30</p>", "zh"),  # Chinese
        ("<p>11월 16일 오후 3:00</p>", "ko"),  # Korean
        ("<p>Ярослав Кузишин Антон Зелинский 16 ноября, 17:46</p>", "ru"),  # names glued
    ],
)
def test_a_day_without_its_year_is_read_in_the_fetch_year(byline: str, lang: str) -> None:
    assert _day(_page(byline, lang)) == date(2026, 11, 16)


def test_the_clock_printed_with_it_is_kept() -> None:
    found = extract(
        _page("<p>Per-Erik Ofstad</p><p>mandag 5. august kl. 14:47</p>", "no"),
        url=URL,
        fetched_at=datetime(2024, 8, 5, 13, 44, tzinfo=UTC),
        timezone="Europe/Oslo",
    ).published_at
    assert found is not None
    assert (found.date(), found.hour, found.minute) == (date(2024, 8, 5), 14, 47)


def test_a_day_later_in_the_year_than_the_fetch_day_is_last_years() -> None:
    fetched = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
    assert _day(_page("<p>By Jane Doe | Nov 16</p>"), fetched) == date(2025, 11, 16)


def test_the_year_boundary() -> None:
    # Fetched 3 January 2027: "Dec 30" is four days back, in 2026 (a Wednesday).
    fetched = datetime(2027, 1, 3, 9, 0, tzinfo=UTC)
    assert _day(_page("<p>By Jane Doe | Dec 30</p>"), fetched) == date(2026, 12, 30)
    assert _day(_page("<p>Wednesday, Dec 30</p>"), fetched) == date(2026, 12, 30)


def test_the_fetch_day_is_read_in_the_sources_zone() -> None:
    # Fetched 23:30 UTC on 3 December, 08:30 on the 4th in Seoul: "12월 4일" is today there.
    fetched = datetime(2026, 12, 3, 23, 30, tzinfo=UTC)
    page = _page("<p>12월 4일 오전 8:10</p>", "ko")
    assert _day(page, fetched, "Asia/Seoul") == date(2026, 12, 4)


# The guards: each passes with the rule and without it.
def test_no_fetch_time_no_date() -> None:
    assert _day(_page("<p>By Jane Doe | Nov 16</p>"), None) is None


def test_a_weekday_that_disagrees_gives_no_date() -> None:
    # 16 November 2026 is a Monday; "Thursday" is another year's 16 November.
    assert _day(_page("<p>Thursday, 16 November</p>")) is None
    assert _day(_page("<p>11月16日(木)</p>", "ja")) is None


def test_the_day_after_the_fetch_day_names_none() -> None:
    # Last year's 4 December is eleven months and more back: rather today east of the
    # zone read in (UTC here), or an event ahead.
    assert _day(_page("<p>By Jane Doe | Dec 4</p>")) is None


@pytest.mark.parametrize(
    "line",
    [
        "Voting begins November 16",  # a sentence
        "NEBULA MARS 3",  # a product list (dev 4265): names glued need a clock or weekday
        "18 Aug: Swansea (h)",  # a fixture list (Dragnet 117): a label after the date
    ],
)
def test_a_sentences_or_lists_day_is_not_the_pages(line: str) -> None:
    assert _day(_page(f"<p>{line}</p>")) is None


def test_a_date_with_its_year_first_stands() -> None:
    assert _day(_page("<p>3. Dezember 2025</p><p>16. November</p>", "de")) == date(2025, 12, 3)


def test_a_relative_stamp_first_stands() -> None:
    # "1 day ago" names no day (d31); the "Nov 16" under it is a teaser's, not the story's.
    assert _day(_page("<p>By Jane Doe · 1 day ago</p><p>Nov 16</p>")) is None


@pytest.mark.parametrize("span", ["Nov 16-18", "Nov 16 – Nov 18", "16 - 18 November"])
def test_a_span_names_no_day(span: str) -> None:
    assert _day(_page(f"<p>Conference | {span}</p>")) is None


def test_a_day_further_down_the_page_is_not_read() -> None:
    # Only the byline zone: a year-less day in the story's text or a teaser is another's.
    assert _day(_page("<p>By Jane Doe</p>", after="<p>Nov 16</p>")) is None


def test_the_address_day_comes_first() -> None:
    url = "https://example.org/2026/11/15/ministry-signs"
    assert _day(_page("<p>By Jane Doe | Nov 16</p>"), url=url) == date(2026, 11, 15)
