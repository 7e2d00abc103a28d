"""kf42 (f42's "left", issue 17): RFC 822's comma form with a zone name ``email.utils`` does
not know ("Mon, 06 Jan 2020 10:00:00 CET"; it knows only UT, GMT and North America's) was
read in the source's zone on pages and in feeds, though ``ZONE_HOURS`` has the offset and
Java's spelling of the same instant ("Mon Jan 06 10:00:00 CET 2020") was read at it.
Category "an RFC 822 date with a zone name email.utils does not know"
(``date_java.rfc822_zone``). Each test says what it gave before."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from parsers import extract
from parsers.dates import parse_date
from parsers.feed_dates import parse_feed_date
from parsers.feeds import parse_feed

SHANGHAI = "Asia/Shanghai"
# (value, the offset ZONE_HOURS names): before, all +08:00 in a source in Shanghai.
NAMED = [
    ("Mon, 06 Jan 2020 10:00:00 CET", 1),
    ("Mon, 06 Jan 2020 10:00:00 MSK", 3),
    ("Mon, 06 Jul 2020 10:00:00 BST", 1),
    ("Mon, 06 Jan 2020 10:00:00 JST", 9),
    ("Mon, 06 Jul 2020 10:00 CEST", 2),
    ("Mon, 06 Jan 2020 10:00:00 cet", 1),
]


def _page(value: str, lang: str = "") -> str:
    return (
        f"<html lang='{lang}'><head><meta property='article:published_time' content='{value}'>"
        f"<title>B</title></head><body><p>{'Text. ' * 60}</p></body></html>"
    )


def _feed(value: str, lang: str = "") -> bytes:
    channel = f"<language>{lang}</language>" if lang else ""
    return (
        f"<rss version='2.0'><channel><title>N</title>{channel}<item><title>B</title>"
        f"<link>https://example.cn/1.html</link><pubDate>{value}</pubDate></item></channel></rss>"
    ).encode()


@pytest.mark.parametrize(("value", "hours"), NAMED)
def test_a_zone_name_email_utils_does_not_know_is_read_at_its_offset(
    value: str, hours: int
) -> None:
    from zoneinfo import ZoneInfo

    zone = timezone(timedelta(hours=hours))
    for read in (parse_date(value, ZoneInfo(SHANGHAI)), parse_feed_date(value, ZoneInfo(SHANGHAI))):
        assert read is not None and read.utcoffset() == zone.utcoffset(None), (value, read)
    page = extract(_page(value), url="https://example.cn/1.html", timezone=SHANGHAI)
    feed = parse_feed(_feed(value), tz=ZoneInfo(SHANGHAI)).items[0]
    assert page.published_at == feed.published_at
    assert page.published_at is not None and page.published_at.utcoffset() == timedelta(hours=hours)


def test_the_comma_form_reads_the_name_as_javas_spelling_does() -> None:
    # One reader for the name: the instant Java's spelling of the same date gives (before: the
    # comma form +08:00, Java's +01:00, on the same page's zone).
    from zoneinfo import ZoneInfo

    tz = ZoneInfo(SHANGHAI)
    assert parse_date("Mon, 06 Jan 2020 10:00:00 CET", tz) == parse_date(
        "Mon Jan 06 10:00:00 CET 2020", tz
    )


def test_a_name_the_page_s_country_spells_is_that_zones() -> None:
    # "HKT" is in no table of ours: a page declaring Hong Kong reads it at +08:00 (as Java's
    # spelling is read, date_java.REGION_ZONES); a page declaring nothing, in its source's
    # zone (UTC here), as before. Before: UTC on both.
    # (k44: on a .com host; a .hk host names Hong Kong too, date_java.host_region.)
    value = "Mon, 06 Jan 2020 10:00:00 HKT"
    hk = extract(_page(value, "zh-HK"), url="https://example.com/1.html").published_at
    none = extract(_page(value), url="https://example.com/1.html").published_at
    assert hk == datetime(2020, 1, 6, 2, tzinfo=UTC)
    assert none == datetime(2020, 1, 6, 10, tzinfo=UTC)
    feed = parse_feed(_feed(value, "zh-HK")).items[0].published_at
    assert feed == hk


@pytest.mark.parametrize(
    "value",
    [
        "Mon, 06 Jan 2020 10:00:00 XYZ",  # a name nobody knows: the source's zone
        "Mon, 06 Jan 2020 10:00:00",  # no zone: the source's zone
        "Mon, 06 Jan 2020 10:00:00 EST",  # email.utils' own name: its reading
        "Mon, 06 Jan 2020 10:00:00 +0100",
    ],
)
def test_what_email_utils_reads_or_nobody_knows_is_as_before(value: str) -> None:
    from email.utils import parsedate_to_datetime
    from zoneinfo import ZoneInfo

    tz = ZoneInfo("Europe/Lisbon")
    before = parsedate_to_datetime(value)
    expected = before if before.tzinfo else before.replace(tzinfo=tz)
    assert parse_date(value, tz) == expected
    assert parse_feed_date(value, tz) == expected


# Category "Java's spelling with a numeric zone" (SimpleDateFormat "EEE MMM dd HH:mm:ss Z
# yyyy"; Twitter's API created_at): read on pages, and in feeds by the same reader.
TWITTER = [
    ("Sun Jul 15 01:16:00 +0000 2012", datetime(2012, 7, 15, 1, 16, tzinfo=UTC)),
    ("Sun Jul 15 01:16:00 +0200 2012", datetime(2012, 7, 14, 23, 16, tzinfo=UTC)),
    ("Sun Jul 15 01:16:00 -0530 2012", datetime(2012, 7, 15, 6, 46, tzinfo=UTC)),
]


@pytest.mark.parametrize(("value", "instant"), TWITTER)
def test_javas_spelling_with_a_numeric_offset_is_read_on_pages_as_in_feeds(
    value: str, instant: datetime
) -> None:
    # Before: None on the page (JAVA_DATE_RE took a zone name only), the instant in the feed.
    page = extract(_page(value), url="https://example.com/1.html").published_at
    assert page == instant
    assert parse_feed(_feed(value)).items[0].published_at == instant
    from parsers.dates import find_date

    assert find_date(f"Posted {value} by Ann", UTC) == instant  # in text too


@pytest.mark.parametrize(
    "value",
    [
        "Sat Jul 15 01:16:00 +0000 2012",  # the weekday of the 14th
        "Sun Jul 15 01:16:00 +2500 2012",  # no zone is 25 hours east
    ],
)
def test_a_numeric_offset_in_javas_spelling_is_checked_as_a_name_is(value: str) -> None:
    # As for "CST" (f42): a wrong weekday or an impossible offset gives no date, on pages
    # and in feeds. Before: the feed read "Sat" with email.utils (the 15th), ignoring it.
    assert extract(_page(value), url="https://example.com/1.html").published_at is None
    assert parse_feed(_feed(value)).items[0].published_at is None


@pytest.mark.parametrize(
    "value", ["Mon, 01 Jan 0001 00:00:00 GMT", "Mon, 01 Jan 0001 00:00:00 +0000"]
)
def test_rfc_822s_year_0001_is_a_date_never_set_not_2001(value: str) -> None:
    # .NET's DateTime.MinValue printed with "r" (an item whose date was never set):
    # email.utils takes any year under 100 for a two-digit one. Before: 2001-01-01 on the
    # page and in the feed (a backfill to 2019 then dropped the item as too old).
    assert extract(_page(value), url="https://example.com/1.html").published_at is None
    assert parse_feed(_feed(value)).items[0].published_at is None


def test_a_two_digit_year_is_still_read() -> None:
    # Guard: RFC 822's own two-digit year ("01" is 2001) is not the placeholder.
    value = "Mon, 01 Jan 01 00:00:00 GMT"
    assert parse_date(value, UTC) == datetime(2001, 1, 1, tzinfo=UTC)
    assert parse_feed_date(value) == datetime(2001, 1, 1, tzinfo=UTC)
