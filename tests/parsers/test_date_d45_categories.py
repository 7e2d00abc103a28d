"""Date categories of d45 (issue 17): d44's "left", each printed by several sites.

- "a zoned clock printed before the date": "9:22 PM EST, Mon November 6, 2023" (CNN),
  "11:00 AM PDT • May 16, 2024" (TechCrunch), "15:56 BST, 27 April 2024" (Daily Mail),
  "POSTED: 9:07 pm PST January 17, 2008": the date was read at midnight, the clock not at
  all (``dates._clock_before``, ``date_patterns.CLOCK_ZONE_BEFORE_RE``).
- "a numeric date with a 12-hour clock": "10/17/2022 04:01 PM EDT" (politico, tmz) was read
  04:01, the "PM" dropped; "01/09/2008 09:37:25 PM PST" (MediaNews' "Article Launched:")
  gave no date: the seconds and the "PM" kept the zone from the date, so d21's "printed zone
  names the country" (``date_order.ZONE_AFTER_DATE_RE``) never saw it
  (``date_patterns.DOT_DMY_RE``).
- "a clock after a slash": "June 3, 2021 / 4:15 PM", "30 January 2025 / 23:07 GMT" read no
  clock (``date_patterns._TIME``).
- "a no-break space decoded twice": Canwest's papers print "Published:Â\xa0Friday, January
  18, 2008"; the "Â" made the line story text, kept in the body and unread as the date
  (``date_furniture.MOJIBAKE_SPACE_RE``).

The cases fail without their rule; the guards pass both ways.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from parsers import extract
from parsers.date_furniture import is_date_line

PARAGRAPH = "<p>" + " ".join(["The council voted on the new budget late on Tuesday."] * 8)
BODY = (PARAGRAPH + "</p>") * 6
URL = "https://www.example.com/news/index.htm?id=647417"


def _published(line: str) -> datetime | None:
    html = (
        '<html lang="en"><head><title>Council passes budget</title></head><body>'
        f'<div class="article"><h1>Council passes budget</h1><div class="date">{line}</div>'
        f"{BODY}</div></body></html>"
    )
    return extract(html, url=URL).published_at


def _utc(line: str) -> datetime | None:
    found = _published(line)
    return None if found is None else found.astimezone(UTC)


# Category "a zoned clock printed before the date".
def test_a_zoned_clock_before_a_worded_date_is_the_dates_clock() -> None:
    assert _utc("9:22 PM EST, Mon November 6, 2023") == datetime(2023, 11, 7, 2, 22, tzinfo=UTC)
    assert _utc("11:00 AM PDT • May 16, 2024") == datetime(2024, 5, 16, 18, 0, tzinfo=UTC)
    assert _utc("15:56 BST, 27 April 2024") == datetime(2024, 4, 27, 14, 56, tzinfo=UTC)
    assert _utc("POSTED: 9:07 pm PST January 17, 2008") == datetime(2008, 1, 18, 5, 7, tzinfo=UTC)


def test_the_printed_day_stays_the_local_day() -> None:
    found = _published("9:22 PM EST, Mon November 6, 2023")
    assert found is not None
    assert found.date().isoformat() == "2023-11-06"
    assert found.utcoffset() == timedelta(hours=-5)


def test_a_clock_before_the_date_without_a_zone_name_is_not_read() -> None:
    # Guard: a capitalised word that names no zone leaves the date as it reads alone.
    assert _utc("9:22 PM XYZ, Mon November 6, 2023") == datetime(2023, 11, 6, tzinfo=UTC)


def test_a_date_with_its_own_clock_keeps_it() -> None:
    # Guard: the clock before belongs to something else when the date prints its own.
    assert _utc("Live 9:22 PM EST November 6, 2023 10:15 AM EST") == datetime(
        2023, 11, 6, 15, 15, tzinfo=UTC
    )


# Category "a numeric date with a 12-hour clock".
def test_the_half_day_word_after_a_numeric_dates_clock() -> None:
    assert _utc("10/17/2022 04:01 PM EDT") == datetime(2022, 10, 17, 20, 1, tzinfo=UTC)
    assert _utc("Updated 17.10.2022, 4:01 p.m.") == datetime(2022, 10, 17, 16, 1, tzinfo=UTC)
    assert _utc("8/17/13 11:04pm") == datetime(2013, 8, 17, 23, 4, tzinfo=UTC)


def test_a_us_zone_after_the_clock_says_month_first() -> None:
    found = _published("Article Launched: 01/09/2008 09:37:25 PM PST")
    assert found is not None
    assert found.isoformat() == "2008-01-09T21:37:25-08:00"


def test_an_ambiguous_numeric_date_with_gmt_stays_unread() -> None:
    # Guard: GMT is no country's order; "01/08/2008" stays January 8 or 1 August.
    assert _published("Published 01/08/2008 - 10:07 a.m. GMT") is None


# Category "a clock after a slash".
def test_a_clock_after_a_slash_is_the_dates() -> None:
    assert _utc("June 3, 2021 / 4:15 PM") == datetime(2021, 6, 3, 16, 15, tzinfo=UTC)
    assert _utc("30 January 2025 / 23:07 GMT") == datetime(2025, 1, 30, 23, 7, tzinfo=UTC)


# Category "a no-break space decoded twice".
def test_a_date_line_with_a_mojibake_no_break_space_is_a_date_line() -> None:
    assert is_date_line("Published:\u00c2\u00a0Friday, January 18, 2008")
    assert is_date_line("Published:\u00c2 Friday, January 18, 2008")


def test_the_mojibake_date_line_leaves_the_body() -> None:
    nav = "".join(f'<li><a href="/s{i}">Section number {i} of the site</a></li>' for i in range(30))
    html = (
        f"<html><head><title>Council passes budget</title></head><body><ul>{nav}</ul>"
        '<div id="story"><div class="storyheader"><h2>Council passes budget</h2>'
        '<h4>Spending rises for roads</h4></div><div class="feed_details">'
        "<h4>Jane Doe, The Province</h4>"
        "<span>Published:\u00c2\u00a0Friday, January 18, 2008</span></div>"
        f"{BODY}</div></body></html>"
    )
    article = extract(html, url="http://www.example.com/news/story.html?id=1")
    assert "January 18, 2008" not in article.body
    assert article.published_at == datetime(2008, 1, 18, tzinfo=UTC)


def test_a_capital_a_circumflex_before_a_letter_stays_a_word() -> None:
    # Guard: "Âncora" (Portuguese) is a word, not a decoded space.
    assert not is_date_line("\u00c2ncora, January 18, 2008")
