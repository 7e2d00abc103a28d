"""Date categories of d44 (issue 17), each found on several sites of the allowed sets.

- "a zone abbreviation after a printed clock": "July 24, 2012 9:10 PM PDT" (Dragnet's and
  Google News' pages, CNET, ESPN's "5:02 PM ET", phoronix's "08:34 PM EDT", JST and BST
  lines) was read as 21:10 UTC; it is 04:10 UTC the next day, and the printed local day
  stays the day (``dates._from_text``, ``date_patterns.CLOCK_ZONE_RE``).
- "a weekday across a full stop" (k43): "Next match Monday. 11.06.2012" took the other
  sentence's Monday as the date's weekday (``date_order._named_weekday``).
- "a short-year date another spelling settles": "7/10/12 UPDATE:" over "Posted on July
  10th, 2012" gave no date, an order nothing settled (``date_order._short_year_readings``).
- "a hidden block's server clock": a display:none block over the story holds a render
  time or a widget's day (CNBC's "Current DateTime: 08:48:59 23 Sep 2011", a Philippine
  portal's hidden ForEx box); the date rules read the lines a reader sees
  (``story_windows._hidden_block``).

The cases fail without their rule; the guards pass both ways.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from parsers import extract

PARAGRAPH = "<p>" + " ".join(["The council voted on the new budget late on Tuesday."] * 8)
BODY = (PARAGRAPH + "</p>") * 6
URL = "https://www.example.com/news/index.htm?id=647417"


def _page(line: str, lang: str = "en", after: str = "") -> str:
    return (
        f'<html lang="{lang}"><head><title>Council passes budget</title></head><body>'
        f'<div class="article"><h1>Council passes budget</h1><div class="date">{line}</div>'
        f"{BODY}{after}</div></body></html>"
    )


def _published(html: str) -> datetime | None:
    return extract(html, url=URL).published_at


# Category "a zone abbreviation after a printed clock".
def test_pdt_in_the_evening_is_the_next_utc_day_and_keeps_the_printed_day() -> None:
    found = _published(_page("By Jane Doe | July 24, 2012 9:10 PM PDT"))
    assert found is not None
    assert found.astimezone(UTC) == datetime(2012, 7, 25, 4, 10, tzinfo=UTC)
    assert found.date().isoformat() == "2012-07-24"


def test_a_seasonless_us_zone_follows_the_days_daylight_saving() -> None:
    winter = _published(_page("Mon. Dec. 31 2007, 2:49 PM ET"))
    summer = _published(_page("Updated: August 13, 2010, 5:02 PM ET"))
    assert winter is not None and winter.utcoffset() == timedelta(hours=-5)
    assert summer is not None and summer.utcoffset() == timedelta(hours=-4)
    assert summer.astimezone(UTC) == datetime(2010, 8, 13, 21, 2, tzinfo=UTC)


def test_other_zones_after_the_clock() -> None:
    jst = _published(_page("Wed 2012/11/07 19:05 JST"))
    gmt = _published(_page("Friday 22 November 2024 08:49 GMT"))
    bracketed = _published(_page("November 2, 2023 3:53 PM (EDT)"))
    assert jst is not None and jst.utcoffset() == timedelta(hours=9)
    assert jst.date().isoformat() == "2012-11-07"
    assert gmt == datetime(2024, 11, 22, 8, 49, tzinfo=UTC)
    assert bracketed is not None
    assert bracketed.astimezone(UTC) == datetime(2023, 11, 2, 19, 53, tzinfo=UTC)


def test_ist_where_the_page_is_indian() -> None:
    found = _published(_page("Updated: Dec 17, 2025, 21:47 IST", lang="en-IN"))
    assert found is not None and found.utcoffset() == timedelta(hours=5, minutes=30)


# Guards: "IST" on a page that names no country is no offset (India, Ireland, Israel); a
# capitalised word that is no zone leaves the clock in the source's zone.
def test_ist_on_a_page_of_no_country_stays_in_the_source_zone() -> None:
    found = _published(_page("Updated: Dec 17, 2025, 21:47 IST"))
    assert found == datetime(2025, 12, 17, 21, 47, tzinfo=UTC)


def test_a_word_that_is_no_zone() -> None:
    found = _published(_page("Dec 6, 2016, 4:08pm BY JANE DOE"))
    assert found == datetime(2016, 12, 6, 16, 8, tzinfo=UTC)


# Category "a weekday across a full stop" (k43): the weekday must be the date's own.
def _numeric(line: str) -> str:
    return _page(line)


def test_a_weekday_ending_the_sentence_before_is_not_the_dates() -> None:
    # 11 June 2012 was a Monday: read across the full stop, it chose day first.
    assert _published(_numeric("Next match Monday. 11.06.2012")) is None


def test_an_abbreviated_weekday_with_its_point_is_the_dates() -> None:
    found = _published(_numeric("Mon. 11.06.2012"))
    assert found is not None and found.date().isoformat() == "2012-06-11"


# Category "a short-year date another spelling settles".
def test_a_worded_date_settles_a_short_year_dates_order() -> None:
    html = _page("7/10/12 UPDATE: the vote was moved", after="<p>Posted on July 10th, 2012</p>")
    found = _published(html)
    assert found is not None and found.date().isoformat() == "2012-07-10"


def test_a_worded_date_settles_day_first_too() -> None:
    html = _page("10/7/12 UPDATE: the vote was moved", after="<p>Posted on 10 July 2012</p>")
    found = _published(html)
    assert found is not None and found.date().isoformat() == "2012-07-10"


# Guard: a worded day neither reading is settles nothing; still no date from the short year.
def test_a_worded_date_of_another_day_settles_nothing() -> None:
    html = _page("7/10/12 UPDATE: the vote was moved", after="<p>Posted on May 3rd, 2012</p>")
    found = _published(html)
    assert found is None or found.date().isoformat() == "2012-05-03"


# Category "a hidden block's server clock" (story_windows._hidden_block): a display:none
# block over the story holds the render time or a widget's day (CNBC's 2011 "Current
# DateTime: ...", a Philippine portal's hidden ForEx box "As of closing November 05, 2012");
# the reader sees only the story's date line.
def _with_hidden(hidden: str, shown: str) -> str:
    # The blog's name is the <h1>; the story's headline sits far under it (CNBC's blogs).
    links = "".join(f"<li><a href='/p{i}'>Other post number {i}</a></li>" for i in range(14))
    return (
        '<html lang="en"><head><title>Council passes budget</title></head><body>'
        '<h1>Market Insider</h1><div class="links"><div style="display:none; width:80%;">'
        f"<br/>{hidden}<br/>LinksList Documentid: 23279717</div><ul>{links}</ul></div>"
        '<div class="article"><h2>Council passes budget</h2>'
        f'<div class="date">{shown}</div>{BODY}</div></body></html>'
    )


def test_a_hidden_render_clock_over_the_story_is_not_its_date() -> None:
    found = _published(
        _with_hidden(
            "Current DateTime: 08:48:59 23 Sep 2011",
            "Published: Wednesday, 21 Sep 2011 | 4:35 PM ET",
        )
    )
    assert found is not None and found.date().isoformat() == "2011-09-21"


def test_a_hidden_widgets_day_over_the_story_is_not_its_date() -> None:
    html = _with_hidden(
        "As of closing November 05, 2012", "Posted at November 7, 2012 2:22 AM PHT | Reuters"
    )
    found = _published(html)
    assert found is not None and found.date().isoformat() == "2012-11-07"


# A story parked whole in a hidden element (streaming-rendered pages) keeps its header's
# date: the hidden element holds the body's first block (rbb24's two-digit-year byline line,
# read from the header only).
def test_a_story_hidden_whole_keeps_its_date_line() -> None:
    text = "<p>" + " ".join(["Der Rat hat den neuen Haushalt am Dienstag beschlossen."] * 8)
    html = (
        '<html lang="de"><head><title>Haushalt beschlossen</title></head><body>'
        '<div style="display: none"><div class="article"><h1>Haushalt beschlossen</h1>'
        '<div class="date">Do 25.04.24 | 14:07 Uhr | Von Eva Klein</div>'
        f"{(text + '</p>') * 6}</div></div></body></html>"
    )
    found = _published(html)
    assert found is not None and found.date().isoformat() == "2024-04-25"
