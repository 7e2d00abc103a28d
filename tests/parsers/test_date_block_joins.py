"""q46 (issue 17): the date patterns read one line of a page's blocks joined by "\\n".

Category "a date read across two blocks" (``parsers/date_space.py``): a pattern's ``\\s`` or
``$`` read pieces of two blocks as one date, its clock, zone, weekday or dateline. Each case
below is a small page whose cross-line reading gives a wrong date (or clock) without the fix;
with it, the right date or none. The guards after them are the layouts where reading across
the line is right and stays: a date in pieces, one block each (``parsers/date_pieces.py``), a
label's or a clock's own block by its date line, a date and clock on one line, a dateline.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from parsers import extract
from tests.parsers.tram_story import STADTRAT_STORY, TRAM_STORY

URL = "https://news.example.org/story/council-tram-plan"


def _page(under: str, lang: str = "en", story: list[str] = TRAM_STORY, over: str = "") -> str:
    """A story page: ``over`` above the headline, ``under`` between it and the story."""
    body = "".join(f"<p>{line}</p>" for line in story)
    return (
        f"<html lang='{lang}'><head><title>Council approves tram plan</title></head><body>"
        f"{over}<article><h1>Council approves tram plan</h1>{under}"
        f"<div class='article-body'>{body}</div></article></body></html>"
    )


def _at(*args: int, offset: int = 0) -> datetime:
    return datetime(*args, tzinfo=timezone(timedelta(hours=offset)) if offset else UTC)


# (id, page, the published_at the page gives, what the cross-line reading gave without q46)
WRONG_JOINS = [
    (
        # DMY_RE's clock (_TIME, "\s*" before the hour): a German figure on the lead's line
        # under the date line was its clock (15.000 -> 15:00).
        "dmy-clock-from-a-figure",
        _page(
            "<div class='date'>6. November 2023</div>"
            "<p class='lead'>15.000 Menschen demonstrierten am Sonntag in der Innenstadt.</p>",
            lang="de",
            story=STADTRAT_STORY,
        ),
        _at(2023, 11, 6),
        _at(2023, 11, 6, 15, 0),
    ),
    (
        # MDY_RE ("\s+" before the year): a headline ending in a year-less day over the date
        # line (dragnet R944, Nintendo's news: "... Launches on Nov. 18" over "2012-11-07").
        "mdy-year-from-the-next-line",
        _page(
            "<h2 class='dek'>Get ready to party when the new console launches on Nov. 18</h2>"
            "<div class='date'>2012-11-07</div>"
        ),
        _at(2012, 11, 7),
        _at(2012, 11, 18),
    ),
    (
        # MDY_RE: a year-less "Nov 6" ending a line and "2019 was ..." opening the next.
        "mdy-year-opening-a-sentence",
        _page(
            "<h2 class='dek'>The new depot opens its doors on Nov 6</h2>"
            "<p class='lead'>2019 was a record year for the network, with more riders than "
            "ever before on every line.</p>"
            "<div class='byline'>Posted October 30, 2019 by Ann Poe</div>"
        ),
        _at(2019, 10, 30),
        _at(2019, 11, 6),
    ),
    (
        # DMY_RE ("\s+" between month and year) in a dek: "... on 6 November" over "2019
        # was ...".
        "dmy-year-opening-a-sentence",
        _page(
            "<h2 class='dek'>The new depot opens its doors on 6 November</h2>"
            "<p class='lead'>2019 was a record year for the network, with more riders than "
            "ever before on every line.</p>"
            "<div class='byline'>Posted 30 October 2019 by Ann Poe</div>"
        ),
        _at(2019, 10, 30),
        _at(2019, 11, 6),
    ),
    (
        # DOT_DMY_RE ("\s+" before the clock): a live ticker's first entry under the date.
        "dotted-date-clock-from-a-ticker",
        _page(
            "<div class='date'>06.11.2023</div>"
            "<ul class='ticker'><li>12:30 Uhr: Die Polizei meldet mehrere Festnahmen in der "
            "Innenstadt</li></ul>",
            lang="de-DE",
            story=STADTRAT_STORY,
        ),
        _at(2023, 11, 6),
        _at(2023, 11, 6, 12, 30),
    ),
    (
        # YMD_RE ("[T\s]+" before the clock): a "latest" list's time under the date line.
        "iso-date-clock-from-a-list",
        _page(
            "<div class='date'>2023-11-06</div>"
            "<ul class='latest'><li>14:05 Storm warning issued for the coast</li></ul>"
        ),
        _at(2023, 11, 6),
        _at(2023, 11, 6, 14, 5),
    ),
    (
        # YEAR_MONTH_WORD_RE (Hungarian, _TIME): the lead's "10.30-kor" under the date.
        "hungarian-date-clock-from-the-lead",
        _page(
            "<div class='date'>2023. november 6.</div>"
            "<p class='lead'>10.30-kor kezdődött a tüntetés a belvárosban.</p>",
            lang="hu",
        ),
        _at(2023, 11, 6),
        _at(2023, 11, 6, 10, 30),
    ),
    (
        # CJK_YMD_RE ("\s*" before the clock): a related list's time under the date.
        "cjk-date-clock-from-a-list",
        _page(
            "<div class='date'>2023年11月6日</div>"
            "<ul class='related'><li>14:05 台風情報 沿岸部に警報</li></ul>",
            lang="ja",
        ),
        _at(2023, 11, 6),
        _at(2023, 11, 6, 14, 5),
    ),
    (
        # CLOCK_ZONE_RE ("\s*" before the zone): the Economic Times' byline "ET Bureau" under
        # the date line read as the clock's zone (US Eastern).
        "zone-from-the-byline-under",
        _page(
            "<div class='date'>November 6, 2023 11:30 PM</div>"
            "<div class='byline'>ET Bureau</div>"
        ),
        _at(2023, 11, 6, 23, 30),
        _at(2023, 11, 6, 23, 30, offset=-5),
    ),
    (
        # GMT_OFFSET_RE ("\s*" before "UTC"): a world-clock strip's offset under the date.
        "offset-from-a-clock-strip",
        _page(
            "<div class='date'>Published 16 November 2019, 10:30</div>"
            "<div class='clocks'>UTC+3 Moscow, Istanbul</div>"
        ),
        _at(2019, 11, 16, 10, 30),
        _at(2019, 11, 16, 10, 30, offset=3),
    ),
]


@pytest.mark.parametrize(
    ("html", "expected", "crossed"),
    [case[1:] for case in WRONG_JOINS],
    ids=[case[0] for case in WRONG_JOINS],
)
def test_a_date_is_not_read_across_two_blocks(
    html: str, expected: datetime, crossed: datetime
) -> None:
    found = extract(html, url=URL).published_at
    assert found == expected and (found is None or found.utcoffset() == expected.utcoffset())
    assert found != crossed or found.utcoffset() != crossed.utcoffset()


def test_a_weekday_ending_the_line_above_names_no_order() -> None:
    # date_yearless.WEEKDAY_BEFORE_RE ("[\s,]*$"), read by date_order: a fixture box's
    # "Monday" over an en-GB page's "06.11.2012" was the date's weekday; 11 June 2012 is a
    # Monday, so the order was month first. The page's locale says day first: 6 November.
    html = _page(
        "<div class='fixture'>Next home game: Arsenal, 19:45 Monday</div>"
        "<div class='date'>06.11.2012</div>",
        lang="en-GB",
    )
    assert extract(html, url=URL).published_at == _at(2012, 11, 6)


def test_a_zone_opening_the_line_under_names_no_order() -> None:
    # date_order.ZONE_AFTER_DATE_RE ("\s*" before the zone): a masthead's "EST. 1887" under
    # an "en" page's "06/11/2012" was a US zone printed after the date (month first, 11
    # June). Nothing else on the page settles the order: no date rather than a guess.
    html = _page(
        "<div class='date'>06/11/2012</div><div class='masthead'>EST. 1887 · Independent "
        "local journalism</div>"
    )
    assert extract(html, url=URL).published_at is None


def test_a_kicker_paragraph_is_no_datelines_place() -> None:
    # dateline.DATELINE_RE ("\s*" before the agency): a kicker paragraph over "(CNN) — ..."
    # was read as the dateline's place.
    story = ["ANALYSIS", "(CNN) — " + TRAM_STORY[0], *TRAM_STORY[1:]]
    article = extract(_page("", story=story), url=URL)
    assert article.dateline_place != "ANALYSIS"


# Guards: layouts where a date is read across its blocks, or on one line, and still is.
GUARDS = [
    (
        # A label's own block over the date line.
        "label-line-over-the-date",
        _page("<div class='label'>Published</div><div class='date'>November 6, 2019</div>"),
        _at(2019, 11, 6),
    ),
    (
        # A clock's own block under the date line (googlenews' WTNH page: "Posted Jan. 5,
        # 2008" over "3:47 PM").
        "clock-line-under-the-date",
        _page("<div class='date'>Posted Jan. 5, 2008</div><div class='time'>3:47 PM</div>"),
        _at(2008, 1, 5, 15, 47),
    ),
    (
        # A calendar leaf: day, month, year and clock each in its own block.
        "date-in-pieces",
        _page("<div>24</div><div>Jul</div><div>2012</div><div>9:49 am</div>"),
        _at(2012, 7, 24, 9, 49),
    ),
    (
        # Date and clock on one line.
        "date-and-clock-on-one-line",
        _page("<div class='date'>6. November 2023, 15:00 Uhr</div>", lang="de",
              story=STADTRAT_STORY),
        _at(2023, 11, 6, 15, 0),
    ),
    (
        # A year-less day on the headline's line and the year printed with it on one line.
        "month-day-year-on-one-line",
        _page("<div class='date'>Nov 6 2019</div>"),
        _at(2019, 11, 6),
    ),
]


@pytest.mark.parametrize(
    ("html", "expected"), [case[1:] for case in GUARDS], ids=[case[0] for case in GUARDS]
)
def test_a_date_across_its_own_blocks_is_still_read(html: str, expected: datetime) -> None:
    assert extract(html, url=URL).published_at == expected


def test_originally_published_on_its_own_line_is_still_read() -> None:
    # The label's own block over the date, in the trailer; it beats the declared date.
    html = _page("").replace(
        "</article>",
        "<p class='note'>Originally published</p><p class='note'>March 3, 2019</p></article>",
    ).replace("<head>", "<head><meta property='article:published_time' content='2023-01-05'>")
    assert extract(html, url=URL).published_at == _at(2019, 3, 3)


def test_a_dateline_with_its_agency_is_still_read() -> None:
    story = ["WASHINGTON, Nov. 6 (Reuters) - " + TRAM_STORY[0], *TRAM_STORY[1:]]
    article = extract(_page("", story=story), url=URL)
    assert (article.dateline_place, article.dateline_agency) == ("WASHINGTON", "Reuters")


def test_a_value_read_alone_keeps_its_line_breaks_as_spaces() -> None:
    # A <time>'s text wrapped by the template ("November 6,\n  2019") is one value.
    html = _page("<p class='meta'>By Ann Poe</p>").replace(
        "<div class='article-body'>",
        "<time class='stamp'>\n  November 6,\n  2019\n</time><div class='article-body'>",
    )
    assert extract(html, url=URL).published_at == _at(2019, 11, 6)


def test_one_line_spells_space_without_the_join() -> None:
    from parsers.date_space import one_line

    with pytest.raises(ValueError, match="character class"):
        one_line(r"\d[\s,]*")
    assert one_line(r"a\s*b[^\n]\\s") == r"a[^\S\n]*b[^\n]\\s"


def test_date_pieces_keep_positions_and_other_lines() -> None:
    from parsers.date_pieces import join_date_pieces

    text = "Council approves tram plan\nPosted Jan. 5, 2008\n3:47 PM\n15.000 Menschen"
    joined = join_date_pieces(text)
    assert len(joined) == len(text)
    assert joined == "Council approves tram plan\nPosted Jan. 5, 2008 3:47 PM\n15.000 Menschen"
