"""Dates: formats, languages, time zones, and the fetched_at guard."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from parsers import extract
from parsers.dates import date_from_url, find_date, find_dates, is_date_line, parse_date
from pressroom.errors import ParseError

MINSK = ZoneInfo("Europe/Minsk")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("16 November 2019, 10:45", datetime(2019, 11, 16, 10, 45, tzinfo=MINSK)),
        ("2019-11-16T10:45:00+03:00", datetime(2019, 11, 16, 7, 45, tzinfo=UTC)),
        ("2019-11-16T07:45:00Z", datetime(2019, 11, 16, 7, 45, tzinfo=UTC)),
        ("2019-11-16", datetime(2019, 11, 16, tzinfo=MINSK)),
        ("Sat, 16 Nov 2019 10:45:00 +0300", datetime(2019, 11, 16, 7, 45, tzinfo=UTC)),
        ("November 16, 2019 10:45 pm", datetime(2019, 11, 16, 22, 45, tzinfo=MINSK)),
        ("16 ноября 2019 г. 10:45", datetime(2019, 11, 16, 10, 45, tzinfo=MINSK)),
        ("16 лістапада 2019", datetime(2019, 11, 16, tzinfo=MINSK)),
        ("3 траўня 2021, 09:05", datetime(2021, 5, 3, 9, 5, tzinfo=MINSK)),
        ("16.11.2019 10:45", datetime(2019, 11, 16, 10, 45, tzinfo=MINSK)),
    ],
)
def test_parse_date_formats(text: str, expected: datetime) -> None:
    assert parse_date(text, MINSK) == expected


def test_results_are_timezone_aware_in_the_given_zone() -> None:
    value = parse_date("16 November 2019, 10:45", ZoneInfo("America/New_York"))
    assert value is not None and value.utcoffset() is not None
    assert value.astimezone(UTC).hour == 15


def test_dates_after_fetched_at_are_rejected_only_when_fetched_at_is_given() -> None:
    fetched = datetime(2019, 11, 16, 8, 0, tzinfo=UTC)
    assert parse_date("2019-11-16T10:45:00+03:00", MINSK, fetched) == datetime(
        2019, 11, 16, 7, 45, tzinfo=UTC
    )
    assert parse_date("2019-11-17T10:45:00+03:00", MINSK, fetched) is None
    assert parse_date("2019-11-17T10:45:00+03:00", MINSK) is not None


def test_garbage_and_implausible_years_are_not_dates() -> None:
    assert parse_date("tomorrow-ish", UTC) is None
    assert parse_date("", UTC) is None
    assert find_date("call 12 May 1066 for details", UTC) is None


def test_find_date_takes_the_earliest_printed_date() -> None:
    text = "Published: 3 March 2020 | Updated March 5, 2020"
    assert find_date(text, UTC) == datetime(2020, 3, 3, tzinfo=UTC)


def test_date_from_url() -> None:
    assert date_from_url("https://x.org/news/2019/11/18/plan/", UTC) == datetime(
        2019, 11, 18, tzinfo=UTC
    )
    assert date_from_url("https://x.org/a-20191118-b.html", UTC) == datetime(
        2019, 11, 18, tzinfo=UTC
    )
    assert date_from_url("https://x.org/about/", UTC) is None


def test_is_date_line() -> None:
    assert is_date_line("16 November 2019, 10:45")
    assert is_date_line("Published on Monday, March 3, 2020 at 9:15 am")
    assert not is_date_line("On 16 November 2019 the committee met.")
    # BelTA and mfa.gov.by label their dates in Russian and Belarusian.
    assert is_date_line("Апублікавана 2 студзеня 2025")
    assert is_date_line("Абноўлена 3 лютага 2025, 10:45")
    assert is_date_line("Дата: 16 ноября 2019")
    assert is_date_line("Изменено 16.11.2019 10:45")
    assert not is_date_line("16 ноября 2019 года в Минске прошло совещание")


PAGE = """<html><head><meta property="article:published_time" content="{meta}"></head>
<body><article><h1>Budget approved</h1><p>{text}</p></article></body></html>"""
LONG = "The council approved the budget for the next year after a long debate. " * 3


def test_extract_prefers_metadata_and_reads_local_times_in_the_given_zone() -> None:
    page = PAGE.format(meta="2019-11-16 10:45", text=LONG)
    article = extract(page, url="https://x.org/a", timezone="Europe/Minsk")
    assert article.published_at == datetime(2019, 11, 16, 10, 45, tzinfo=MINSK)
    utc = extract(page, url="https://x.org/a")
    assert utc.published_at == datetime(2019, 11, 16, 10, 45, tzinfo=UTC)


def test_extract_ignores_future_metadata_and_falls_back_to_text() -> None:
    page = PAGE.format(meta="2031-01-01T00:00:00Z", text="16 November 2019</p><p>" + LONG)
    article = extract(
        page, url="https://x.org/a", fetched_at=datetime(2020, 1, 1, tzinfo=UTC)
    )
    assert article.published_at == datetime(2019, 11, 16, tzinfo=UTC)


def test_unknown_timezone_is_a_parse_error() -> None:
    with pytest.raises(ParseError):
        extract(PAGE.format(meta="", text=LONG), url="https://x.org/a", timezone="Mars/Olympus")


def test_slash_date_that_cannot_be_day_first_is_read_month_first() -> None:
    assert find_date("Updated: 10/31/2024", UTC) == datetime(2024, 10, 31, tzinfo=UTC)
    # Ambiguous ones follow the page's evidence (issue 17), never a fixed order.
    assert find_date("03/01/2017", UTC) is None
    assert find_date("03/01/2017", UTC, day_first=True) == datetime(2017, 1, 3, tzinfo=UTC)
    assert find_date("03/01/2017", UTC, day_first=False) == datetime(2017, 3, 1, tzinfo=UTC)


def test_find_dates_keeps_page_order() -> None:
    text = "Published Apr 26, 2023 | Updated 2025-08-21"
    assert find_dates(text, UTC) == [
        datetime(2023, 4, 26, tzinfo=UTC),
        datetime(2025, 8, 21, tzinfo=UTC),
    ]


def _story(head: str, byline: str) -> str:
    body = "<p>" + " ".join(["The story goes on with enough words to be the body."] * 8) + "</p>"
    return (
        f"<html><head>{head}</head><body><article><h1>A headline for the test</h1>"
        f"<p class='meta'>{byline}</p>{body}{body}</article></body></html>"
    )


def test_header_chooses_between_disagreeing_declared_dates() -> None:
    html = _story(
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "x",'
        ' "datePublished": "2024-08-29T10:00:00Z"}</script>'
        '<meta property="article:published_time" content="2025-11-25T08:00:00Z">',
        "By Jane Doe | Nov 25, 2025",
    )
    article = extract(html, url="https://example.org/a")
    assert article.published_at == datetime(2025, 11, 25, 8, tzinfo=UTC)


def test_build_stamp_loses_to_the_older_printed_date() -> None:
    html = _story(
        '<script type="application/ld+json">{"@type": "Article", "headline": "x",'
        ' "datePublished": "2025-06-24", "dateModified": "2025-06-24"}</script>',
        "Ann Poe | August 25, 2024",
    )
    article = extract(html, url="https://example.org/a")
    assert article.published_at == datetime(2024, 8, 25, tzinfo=UTC)


def test_genuine_update_keeps_the_declared_publication_date() -> None:
    html = _story(
        '<script type="application/ld+json">{"@type": "Article", "headline": "x",'
        ' "datePublished": "2020-05-13T10:00:00Z", "dateModified": "2025-01-02T09:00:00Z"}'
        "</script>",
        "Updated: January 2, 2025",
    )
    article = extract(html, url="https://example.org/a")
    assert article.published_at == datetime(2020, 5, 13, 10, tzinfo=UTC)
    assert article.modified_at == datetime(2025, 1, 2, 9, tzinfo=UTC)


def test_originally_published_label_wins() -> None:
    html = _story(
        '<meta property="article:published_time" content="2022-09-30T11:07:00Z">',
        "Jane Doe | This story was originally published on September 26, 2019.",
    )
    article = extract(html, url="https://example.org/a")
    assert article.published_at == datetime(2019, 9, 26, tzinfo=UTC)


def test_unlisted_meta_name_for_the_publication_date_is_read() -> None:
    html = _story('<meta name="w-published-date" content="2025-05-27T06:03:43Z">', "Staff")
    assert extract(html, url="https://example.org/a").published_at == datetime(
        2025, 5, 27, 6, 3, 43, tzinfo=UTC
    )
    html = _story('<meta name="last-published-date" content="2025-05-27T06:03:43Z">', "Staff")
    assert extract(html, url="https://example.org/a").published_at is None


# Enough story blocks to push what follows out of the header.
_PARAGRAPHS = "".join(
    f"<p>Paragraph {i} of the story has words enough to count.</p>" for i in range(12)
)


def test_declared_date_printed_nowhere_loses_to_the_date_over_the_story() -> None:
    head = '<meta property="article:published_time" content="2025-01-31T12:00:00Z">'
    html = _story(head, "March 1, 2017 by Ann Poe")
    assert extract(html, url="https://example.org/a").published_at == datetime(
        2017, 3, 1, tzinfo=UTC
    )
    # Printed further down the page, the declared date stands.
    html = html.replace(
        "</article>",
        _PARAGRAPHS + "<p>This report was first filed on January 31, 2025, and then"
        " it was read by many people in many places.</p></article>",
    )
    assert extract(html, url="https://example.org/a").published_at == datetime(
        2025, 1, 31, 12, tzinfo=UTC
    )


def test_printed_modification_date_does_not_replace_the_declared_publication() -> None:
    html = _story(
        '<script type="application/ld+json">{"@type": "Article", "headline": "x",'
        ' "datePublished": "2020-05-13T10:00:00Z", "dateModified": "2025-01-02T09:00:00Z"}'
        "</script>",
        "Ann Poe | January 2, 2025",
    )
    assert extract(html, url="https://example.org/a").published_at == datetime(
        2020, 5, 13, 10, tzinfo=UTC
    )


def test_a_page_that_declares_only_its_modification_has_no_publication_date() -> None:
    # Left empty, so the pipeline falls back to the feed's date.
    html = _story('<meta property="article:modified_time" content="2023-06-12T10:39:42Z">', "Staff")
    article = extract(html, url="https://example.org/a")
    assert article.published_at is None
    assert article.modified_at == datetime(2023, 6, 12, 10, 39, 42, tzinfo=UTC)


# --- issue 17: ambiguous numeric dates follow the page's evidence -----------------
# Category: pages that print only all-numeric dates (06/01/2020), US and elsewhere.

AMBIGUOUS_PAGE = (
    "<html{lang}><head><title>Council adopts the budget</title>{head}</head><body><article>"
    "<h1>Council adopts the budget</h1><p class='date'>06/01/2020</p>{extra}"
    + "<p>" + "The council adopted the budget for the coming year after a long debate. " * 6
    + "</p></article></body></html>"
)
JUNE_1 = datetime(2020, 6, 1, tzinfo=UTC).date()
JAN_6 = datetime(2020, 1, 6, tzinfo=UTC).date()


@pytest.mark.parametrize(
    ("lang", "head", "extra", "expected"),
    [
        # The declared locale: region US is month-first, GB and Russian day-first.
        (' lang="en-US"', "", "", JUNE_1),
        (' lang="en-GB"', "", "", JAN_6),
        (' lang="ru"', "", "", JAN_6),
        ("", '<meta property="og:locale" content="en_US">', "", JUNE_1),
        # Another date on the page that can be read one way only.
        ("", "", "<p>Updated 13/01/2020</p>", JAN_6),
        ("", "", "<p>Updated 01/13/2020</p>", JUNE_1),
        # The same day spelled out elsewhere on the page beats the locale.
        (' lang="en-GB"', "", "<p>Council meeting, June 1, 2020</p>", JUNE_1),
        # Nothing decides: English without a region, no other date. No date at all.
        (' lang="en"', "", "", None),
        ("", "", "", None),
    ],
)
def test_ambiguous_numeric_date_is_resolved_by_page_evidence(
    lang: str, head: str, extra: str, expected: object
) -> None:
    page = AMBIGUOUS_PAGE.format(lang=lang, head=head, extra=extra)
    article = extract(page, url="https://x.org/news/budget")
    got = article.published_at.date() if article.published_at else None
    assert got == expected


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("en-US", False), ("en_us", False), ("en-GB", True), ("en-AU", True), ("de-DE", True),
     ("ru", True), ("be-BY", True), ("en", None), ("en-CA", None), ("zh-CN", None), ("", None)],
)
def test_locale_day_first(locale: str, expected: bool | None) -> None:
    from parsers.date_order import locale_day_first

    assert locale_day_first(locale) is expected


# --- issue 17: the printed day survives extraction ------------------------------
# Category: releases published just after local midnight (Minsk 00:30 is 21:30 UTC).


@pytest.mark.parametrize(
    ("declared", "timezone", "day", "offset"),
    [
        ("2019-11-16T00:30:00+03:00", None, "2019-11-16", 180),
        # No offset on the page: read in the source's zone, which is kept too.
        ("2019-11-16T00:30:00", "Europe/Minsk", "2019-11-16", 180),
        ("2019-11-15T23:10:00-05:00", None, "2019-11-15", -300),
    ],
)
def test_published_local_day_and_offset_are_the_pages(
    declared: str, timezone: str | None, day: str, offset: int
) -> None:
    page = PAGE.format(meta=declared, text=LONG)
    article = extract(page, url="https://x.org/a", timezone=timezone)
    assert str(article.published_local_date) == day
    assert article.published_utc_offset_minutes == offset


def test_rfc822_date_with_a_colon_in_its_offset_keeps_that_offset() -> None:
    """Category "RFC 822 dates as sites write them": ``+05:30`` is an offset, not a zone name.

    Read as an unknown zone it fell back to the source zone: 00:30+03:00, hours off.
    """
    parsed = parse_date("Sat, 16 Nov 2019 00:30:00 +05:30", MINSK)
    assert parsed == datetime(2019, 11, 15, 19, 0, tzinfo=UTC)
    assert parsed is not None and parsed.utcoffset() == timedelta(hours=5, minutes=30)
    assert parse_date("Sat, 16 Nov 2019 00:30:00 -03:30", MINSK) == datetime(
        2019, 11, 16, 4, 0, tzinfo=UTC
    )
