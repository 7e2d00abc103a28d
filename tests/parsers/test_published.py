"""Publication date: which declared or printed date a page's story gets."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from parsers import extract

URL = "https://example.org/a"
FETCHED = datetime(2026, 1, 1, tzinfo=UTC)
BODY = "<p>" + " ".join(["The story goes on with enough words to be the body."] * 8) + "</p>"
# Enough story blocks to push what follows out of the header.
PARAGRAPHS = "".join(
    f"<p>Paragraph {i} of the story has words enough to count.</p>" for i in range(12)
)


def _page(head: str, byline: str, *, top: str = "", lead: str = "", after: str = "") -> str:
    return (
        f"<html><head>{head}</head><body>{top}<article><h1>A headline for the test</h1>"
        f"<p class='meta'>{byline}</p>{lead}{BODY}{BODY}{after}</article></body></html>"
    )


def _ld(published: str, modified: str | None = None) -> str:
    stamp = f', "dateModified": "{modified}"' if modified else ""
    return (
        '<script type="application/ld+json">{"@type": "Article", "headline": "x",'
        f' "datePublished": "{published}"{stamp}}}</script>'
    )


def _meta(published: str) -> str:
    return f'<meta property="article:published_time" content="{published}">'


def _published(html: str, fetched_at: datetime = FETCHED) -> datetime | None:
    return extract(html, url=URL, fetched_at=fetched_at).published_at


# The declared date printed nowhere yields only to a date line under the headline.


def test_top_bar_date_above_the_headline_does_not_replace_the_declared_date() -> None:
    html = _page(
        _meta("2024-05-20T09:00:00Z"),
        "Ann Poe",
        top="<div class='today'>Friday, June 7, 2024</div>",
    )
    assert _published(html, datetime(2024, 6, 7, 12, tzinfo=UTC)) == datetime(
        2024, 5, 20, 9, tzinfo=UTC
    )


def test_date_in_the_lead_paragraph_does_not_replace_the_declared_date() -> None:
    lead = "<p>On 20 May 2024 the ministry announced new rules for the grain harvest.</p>"
    html = _page(_meta("2024-05-22T09:00:00Z"), "Ann Poe", lead=lead)
    assert _published(html) == datetime(2024, 5, 22, 9, tzinfo=UTC)
    # The same date on the byline line is the reader's date.
    html = _page(_meta("2024-05-22T09:00:00Z"), "By Jane Doe | May 20, 2024", lead=lead)
    assert _published(html) == datetime(2024, 5, 20, tzinfo=UTC)


def test_a_day_apart_is_the_same_moment_in_another_timezone() -> None:
    html = _page(_meta("2024-05-20T23:30:00Z"), "Ann Poe | May 21, 2024")
    assert _published(html) == datetime(2024, 5, 20, 23, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("printed", "day"),
    [("Posted on May 19, 2024", 19), ("Posted on May 20, 2024", 20), ("Ann Poe", 20)],
)
def test_utc_declared_date_takes_the_offset_of_the_page_time_tags(printed: str, day: int) -> None:
    # Meta in UTC, a comment stamped in the site's local offset (UTC-5).
    comment = "<time datetime='2024-05-21T08:00:00-05:00'>May 21, 2024 at 8:00 am</time>"
    html = _page(_meta("2024-05-20T02:30:00+00:00"), printed, after=comment)
    found = _published(html)
    assert found == datetime(2024, 5, 20, 2, 30, tzinfo=UTC)
    # Moved to the local day only when the header prints that day.
    assert found is not None and found.day == day


@pytest.mark.parametrize(
    "line", ["Updated: January 2, 2025", "Абноўлена: 2 студзеня 2025", "Изменено: 2 января 2025"]
)
def test_update_lines_under_the_headline_are_not_the_publication(line: str) -> None:
    html = _page(_meta("2020-05-13T10:00:00Z"), line)
    assert _published(html) == datetime(2020, 5, 13, 10, tzinfo=UTC)


def test_search_for_the_declared_date_in_the_page_is_bounded() -> None:
    filler = "<p>" + "Filler words for a very long page about the harvest. " * 20 + "</p>"
    late = "<p>This report was first filed on January 31, 2025, and read widely.</p>"
    page = filler * 60 + late
    html = _page(_meta("2025-01-31T12:00:00Z"), "March 1, 2017 by Ann Poe", after=page)
    # Printed only past the scanned part: treated as printed nowhere.
    assert _published(html) == datetime(2017, 3, 1, tzinfo=UTC)


# Build stamps (published no earlier than modified) yield to an older date near the story.


def test_build_stamp_ignores_time_tags_in_a_footer_list() -> None:
    footer = (
        "<footer><h2>Latest news</h2><ul>"
        '<li><a href="/b">Another story</a> <time datetime="2025-08-13">August 13, 2025</time></li>'
        '<li><a href="/c">A third story</a> <time datetime="2025-08-10">August 10, 2025</time></li>'
        "</ul></footer>"
    )
    html = _page(_ld("2025-11-29T12:00:00Z", "2025-11-29T12:00:00Z"), "Ann Poe", after=PARAGRAPHS)
    html = html.replace("</body>", footer + "</body>")
    assert _published(html) == datetime(2025, 11, 29, 12, tzinfo=UTC)


def test_build_stamp_yields_to_an_older_time_tag_under_the_headline() -> None:
    html = _page(
        _ld("2025-11-29T12:00:00Z", "2025-11-29T12:00:00Z"),
        'Ann Poe <time datetime="2025-08-13T09:00:00Z">3 months ago</time>',
    )
    assert _published(html) == datetime(2025, 8, 13, 9, tzinfo=UTC)


def test_build_stamp_stands_when_the_header_prints_it() -> None:
    series = (
        '<p>Part of the series <a href="/s">Harvest</a>, running since'
        ' <time datetime="2025-08-13">August 13, 2025</time></p>'
    )
    html = _page(
        _ld("2025-11-29T12:00:00Z", "2025-11-29T12:00:00Z"),
        "Ann Poe | November 29, 2025",
        lead=series,
    )
    assert _published(html) == datetime(2025, 11, 29, 12, tzinfo=UTC)


# The stamp is printed further down, so only the build-stamp rule can date these pages.
_STAMP_PRINTED_BELOW = PARAGRAPHS + "<p>This page was built on November 29, 2025.</p>"


def test_build_stamp_yields_to_the_first_date_printed_in_the_header() -> None:
    html = _page(
        _ld("2025-11-29T12:00:00Z", "2025-11-29T12:00:00Z"),
        "Ann Poe | August 25, 2025",
        after=_STAMP_PRINTED_BELOW,
    )
    assert _published(html) == datetime(2025, 8, 25, tzinfo=UTC)


def test_build_stamp_yields_to_the_label_of_a_time_tag() -> None:
    html = _page(
        _ld("2025-11-29T12:00:00Z", "2025-11-29T12:00:00Z"),
        "Ann Poe | <time>August 13, 2025</time>",
        top="<div class='today'>Monday, December 1, 2025</div>",
        after=_STAMP_PRINTED_BELOW,
    )
    assert _published(html, datetime(2025, 12, 1, 12, tzinfo=UTC)) == datetime(
        2025, 8, 13, tzinfo=UTC
    )


# Issue 17, second pass: categories found on pages the rules were not tuned on.


@pytest.mark.parametrize(
    ("ld_key", "meta_name", "local"),
    [
        # JSON-LD in UTC, Open Graph in the site's offset, the local day the one before.
        ("dateCreated", "article:published_time", "2017-02-23T17:18:13-08:00"),
        # The other way round in the calendar: east of UTC, the local day the one after.
        ("datePublished", "pubdate", "2017-02-24T06:48:13+05:30"),
    ],
)
def test_one_instant_declared_in_utc_and_in_the_page_offset_keeps_the_offset(
    ld_key: str, meta_name: str, local: str
) -> None:
    # Category "offsets": the same moment declared twice; the reader's day is the local one.
    ld = (
        '<script type="application/ld+json">{"@type": "Article", "headline": "x",'
        f' "{ld_key}": "2017-02-24T01:18:13Z"}}</script>'
    )
    html = _page(ld + f'<meta name="{meta_name}" property="{meta_name}" content="{local}">',
                 "Ann Poe")
    found = _published(html)
    assert found == datetime.fromisoformat(local)
    assert found is not None and found.utcoffset() == datetime.fromisoformat(local).utcoffset()


def test_a_utc_instant_with_no_local_twin_stays_in_utc() -> None:
    ld = _ld("2017-02-24T01:18:13Z")
    other = '<meta property="article:published_time" content="2017-02-23T09:00:00-08:00">'
    found = _published(_page(ld + other, "Ann Poe"))
    assert found == datetime(2017, 2, 24, 1, 18, 13, tzinfo=UTC)
    assert found is not None and found.utcoffset() == UTC.utcoffset(None)


@pytest.mark.parametrize("meta_name", ["sailthru.date", "dc.date"])
def test_a_declared_date_on_the_update_day_does_not_replace_the_publication(
    meta_name: str,
) -> None:
    # Category "updated taken for published": the page prints only "Updated <day>" and a
    # meta name that lists publication dates carries that day; the declared publication
    # is printed nowhere, and stays.
    head = _ld("2017-12-15T08:50:02-05:00", "2018-07-24T14:15:58-04:00") + (
        f'<meta name="{meta_name}" content="2018-07-24">'
    )
    byline = (
        'By Ann Poe <span>Updated <time datetime="2018-07-24T18:15:58+00:00">'
        "Jul 24, 2018, 2:15pm EDT</time></span>"
    )
    assert _published(_page(head, byline)) == datetime.fromisoformat("2017-12-15T08:50:02-05:00")


def test_a_republished_story_printed_on_the_update_day_takes_that_day() -> None:
    # The same declared dates, but the header prints the day without an update label:
    # the story was republished, and the printed day is the reader's date.
    head = _ld("2017-12-15T08:50:02-05:00", "2018-07-24T14:15:58-04:00") + (
        '<meta property="article:published_time" content="2018-07-24T14:15:58-04:00">'
    )
    found = _published(_page(head, "By Ann Poe | Jul 24, 2018"))
    assert found is not None and found.date().isoformat() == "2018-07-24"
