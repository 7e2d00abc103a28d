"""A local clock declared without its offset (d50, issue 17): a page declares one moment twice,
with its offset or in UTC and as the bare local clock; the bare one is read in the offset that
makes it that moment, not in UTC (pagesix's ``sailthru.date``, NTV's ``date``, engadget)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from parsers.extract import extract

BODY = "<p>" + " ".join(["The council met again to settle the budget for the year."] * 8) + "</p>"


def _page(head: str, printed: str = "") -> str:
    return (
        f"<html lang='en'><head><title>Budget settled</title>{head}</head><body><article>"
        f"<h1>Budget settled</h1><p class='date'>{printed}</p>{BODY * 5}</article></body></html>"
    )


def test_a_bare_clock_printed_over_the_story_is_read_in_the_utc_stamps_offset() -> None:
    # pagesix's shape: article:published_time in UTC (past midnight), sailthru.date the New
    # York clock, the page prints the local day. Fails without: 19:08:44+00:00, five hours off.
    head = (
        "<meta property='article:published_time' content='2016-12-20T00:08:44+00:00'>"
        "<meta name='sailthru.date' content='2016-12-19 19:08:44'>"
    )
    article = extract(_page(head, "December 19, 2016"), url="https://example.com/2016/12/19/x/")
    assert article.published_at is not None
    assert article.published_at.date().isoformat() == "2016-12-19"
    assert article.published_at == datetime(2016, 12, 20, 0, 8, 44, tzinfo=UTC)
    assert article.published_at.utcoffset() == timedelta(hours=-5)


def test_a_bare_clock_declared_first_takes_the_offset_of_the_same_clock() -> None:
    # NTV's shape: JSON-LD's datePublished bare, then the same clock with its offset. Fails
    # without: 18:11:01+00:00 (two hours late as a moment).
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Budget settled",'
        ' "datePublished": "2023-04-28 18:11:01.0"}</script>'
        "<meta property='article:published_time' content='2023-04-28T18:11:01+02:00'>"
    )
    article = extract(_page(head), url="https://example.de/politik/x.html")
    assert article.published_at is not None
    assert article.published_at.utcoffset() == timedelta(hours=2)
    assert article.published_at == datetime(2023, 4, 28, 16, 11, 1, tzinfo=UTC)


def test_a_bare_clock_beside_another_moment_stays_in_utc() -> None:
    # Guard: the stamp is not the same moment (other seconds), and a day without a clock is
    # no moment: the bare value keeps the zone it is read in (passes both ways).
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Budget settled",'
        ' "datePublished": "2023-04-28T18:11:01"}</script>'
        "<meta property='article:published_time' content='2023-04-28T16:11:30+02:00'>"
        "<meta name='date' content='2023-04-28'>"
    )
    article = extract(_page(head), url="https://example.de/politik/x.html")
    assert article.published_at == datetime(2023, 4, 28, 18, 11, 1, tzinfo=UTC)
    assert article.published_at is not None and article.published_at.utcoffset() == timedelta(0)
