"""k46 on q46's ``parsers/date_pieces.py`` (category "a date printed in pieces").

Two defects of the pieces join, each case failing on main 68adc79:
- a zoned clock in its own block ABOVE the date line holds only a date's pieces, so the join
  made it the date's own line and k45's closed case came back (a weather box's "7:12 AM EST"
  read as the story's clock: 12:12 UTC). The clock before a date is read on the date's own
  block only (``dates._from_text``'s ``lines``).
- a whole date written as one word, numeric ("06.11.2023", "2023-11-06") or CJK
  ("2023年11月6日", "2023년 11월 6일"), is no piece, so the clock's own block under it, which
  q46 meant to keep ("06.11.2023" over "15:30 Uhr" in its docstring), was lost (00:00).
Guards pass both ways.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from parsers import extract
from tests.parsers.tram_story import STADTRAT_STORY, TRAM_STORY

URL = "https://news.example.org/story/council-tram-plan"
JA_STORY = [
    "市議会は月曜日、東部に3本の新しい路面電車を通す5カ年計画を可決した。交通渋滞の緩和が狙いだ。"
] * 6
KO_STORY = [
    "시의회는 월요일 도시 동부에 트램 노선 3개를 새로 놓는 5개년 계획을 통과시켰다. "
    "교통 체증 완화가 목적이다."
] * 6


def _published(under: str, lang: str = "en", story: list[str] = TRAM_STORY) -> datetime | None:
    body = "".join(f"<p>{line}</p>" for line in story)
    html = (
        f"<html lang='{lang}'><head><title>Council approves tram plan</title></head><body>"
        f"<article><h1>Council approves tram plan</h1>{under}"
        f"<div class='article-body'>{body}</div></article></body></html>"
    )
    return extract(html, url=URL).published_at


DATE_LINE = "<span class='date'>Monday, November 6, 2023</span>"


@pytest.mark.parametrize(
    "over",
    [
        "<div class='weather'><div>Sunrise</div><div>7:12 AM EST</div></div>",
        "<div class='weather'><div>7:12 AM EST</div></div>",
        "<ul class='latest'><li><div>9:22 PM</div><div>EST</div></li></ul>",
    ],
    ids=["label-and-clock-blocks", "clock-block", "clock-and-zone-blocks"],
)
def test_a_zoned_clock_in_its_own_block_over_the_date_is_not_the_dates(over: str) -> None:
    # Without: 07:12 EST / 21:22 EST, the clock of another box.
    assert _published(over + DATE_LINE) == datetime(2023, 11, 6, tzinfo=UTC)


@pytest.mark.parametrize(
    ("under", "lang", "story", "expected"),
    [
        ("<div class='date'>06.11.2023</div><div class='time'>15:30 Uhr</div>", "de",
         STADTRAT_STORY, datetime(2023, 11, 6, 15, 30, tzinfo=UTC)),
        ("<div class='label'>Stand:</div><div class='date'>06.11.2023</div><div>12:00</div>",
         "de", STADTRAT_STORY, datetime(2023, 11, 6, 12, 0, tzinfo=UTC)),
        ("<div class='date'>2023-11-06</div><div class='time'>15:30</div>", "en", TRAM_STORY,
         datetime(2023, 11, 6, 15, 30, tzinfo=UTC)),
        ("<div class='date'>2023年11月6日(月)</div><div class='time'>15:00</div>", "ja", JA_STORY,
         datetime(2023, 11, 6, 15, 0, tzinfo=UTC)),
        ("<div class='date'>2023년 11월 6일</div><div class='time'>15:00</div>", "ko", KO_STORY,
         datetime(2023, 11, 6, 15, 0, tzinfo=UTC)),
    ],
    ids=["de-dotted", "de-label-dotted", "iso", "ja", "ko"],
)
def test_a_clock_block_under_a_whole_date_is_its_clock(
    under: str, lang: str, story: list[str], expected: datetime
) -> None:
    # Without: midnight, the clock's block not joined to a one-word date's line.
    found = _published(under, lang, story)
    assert found is not None and found.replace(tzinfo=UTC) == expected, found


def test_a_year_less_day_over_a_whole_date_makes_no_date() -> None:
    # Guard: a whole date is no piece, so "Nov. 18" over "2012-11-07" is not 18 November 2012.
    assert _published("<div>Nov. 18</div><div class='date'>2012-11-07</div>") == datetime(
        2012, 11, 7, tzinfo=UTC
    )


def test_a_zoned_clock_on_the_dates_own_line_is_still_read() -> None:
    # Guard (d45): one block, the clock is the date's.
    found = _published("<div class='stamp'>Updated 9:22 PM EST, Mon November 6, 2023</div>")
    assert found == datetime(2023, 11, 6, 21, 22, tzinfo=timezone(timedelta(hours=-5)))
