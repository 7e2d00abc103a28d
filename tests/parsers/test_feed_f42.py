"""f42 (issue 17): an entry's own language and JSON Feed 1.1's ``language`` name the zones a
feed date's zone abbreviation is read in (entry first, then the feed; parsers/feed_language.py),
and a feed date in Java's or C's spelling is read as pages read it (date_java.java_date).
Category "a zone abbreviation of two countries in a feed of one": China's servers print "CST"
(US Central's too, 14 hours apart). Each rule's test says what it gives without the rule."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from parsers import extract
from parsers.dates import parse_date
from parsers.feed_dates import parse_feed_date
from parsers.feeds import parse_feed

RFC = "Mon, 05 Jan 2015 12:45:00 CST"
JAVA = "Mon Jan 05 12:45:00 CST 2015"
CHINA, US_CENTRAL = timedelta(hours=8), timedelta(hours=-6)


def _json(items: list[dict[str, Any]], language: object = None) -> bytes:
    doc: dict[str, Any] = {"version": "https://jsonfeed.org/version/1.1", "title": "N"}
    if language is not None:
        doc["language"] = language
    doc["items"] = items
    return json.dumps(doc).encode()


def _item(date: str = RFC, language: object = None, n: int = 1) -> dict[str, Any]:
    item: dict[str, Any] = {"id": str(n), "url": f"https://example.cn/{n}.html"}
    if language is not None:
        item["language"] = language
    item["date_published"] = date
    return item


def _rss(items: str, channel: str = "") -> bytes:
    return (
        "<rss version='2.0' xmlns:dc='http://purl.org/dc/elements/1.1/'><channel>"
        f"<title>N</title>{channel}{items}</channel></rss>"
    ).encode()


def _rss_item(date: str = RFC, attrs: str = "", inner: str = "", n: int = 1) -> str:
    return (
        f"<item{attrs}><title>B</title><link>https://example.cn/{n}.html</link>{inner}"
        f"<pubDate>{date}</pubDate></item>"
    )


def _atom(entry_lang: str | None, feed_lang: str | None = None, date: str = RFC) -> bytes:
    feed = "" if feed_lang is None else f" xml:lang='{feed_lang}'"
    entry = "" if entry_lang is None else f" xml:lang='{entry_lang}'"
    return (
        f"<feed xmlns='http://www.w3.org/2005/Atom'{feed}><title>N</title><entry{entry}>"
        f"<title>B</title><link href='https://example.cn/1.html'/><published>{date}</published>"
        "</entry></feed>"
    ).encode()


def _offsets(data: bytes) -> list[timedelta | None]:
    return [
        None if i.published_at is None else i.published_at.utcoffset()
        for i in parse_feed(data).items
    ]


# --- 1. JSON Feed 1.1's language, the feed's and the item's -------------------------------


def test_a_json_feeds_language_names_its_zones() -> None:
    # JSON Feed 1.1's top-level "language". Fails without feed_json's feed_zones: -06:00.
    assert _offsets(_json([_item()], "zh-CN")) == [CHINA]


def test_a_json_items_own_language_names_its_zones() -> None:
    # An item's own "language" in a feed that declares none (or another). Fails without
    # feed_json's entry_zones: -06:00.
    feed = _json([_item(language="zh-TW"), _item(n=2)])
    assert _offsets(feed) == [CHINA, US_CENTRAL]  # Taipei; the undeclared item: as read


def test_the_items_language_comes_before_the_feeds() -> None:
    # "IST" is India's (+05:30) and Israel's in winter (+02:00); ZONE_HOURS names neither, so
    # the first declared zone's reading is taken: the item's. Fails with the feed's first
    # (or without the item's): +05:30.
    feed = _json([_item("Mon, 05 Jan 2015 12:45:00 IST", "he")], "hi")
    assert _offsets(feed) == [timedelta(hours=2)]


# --- 1. an RSS item's and an Atom entry's own language -------------------------------------


def test_an_rss_items_xml_lang_names_its_zones() -> None:
    # A multilingual feed with no channel language. Fails without the item's xml:lang: -06:00.
    items = _rss_item(attrs=" xml:lang='zh-CN'") + _rss_item(attrs=" xml:lang='en-US'", n=2)
    assert _offsets(_rss(items)) == [CHINA, US_CENTRAL]


def test_an_rss_items_dc_language_names_its_zones() -> None:
    # feedparser reads an item's <dc:language> as entries[i].language. Fails without
    # _rss_item's language element: -06:00.
    items = _rss_item(inner="<dc:language>zh-cn</dc:language>")
    assert _offsets(_rss(items, "<language>en</language>")) == [CHINA]


def test_an_atom_entrys_xml_lang_names_its_zones() -> None:
    # Fails without _atom_entry's entry_zones: -06:00 (the feed's "en" names no zone).
    assert _offsets(_atom("zh-CN", "en")) == [CHINA]


def test_an_entry_declaring_another_country_than_its_feed_is_evidence_against_evidence() -> None:
    # A Chinese feed's entry declared en-US: China's and the US's zones both spell "CST"
    # (+08:00, -06:00) and ZONE_HOURS names one: the reading stays email.utils' (as on a page
    # declaring both). Without the entry's language: +08:00.
    assert _offsets(_atom("en-US", "zh-CN")) == [US_CENTRAL]
    assert _offsets(_rss(_rss_item(attrs=" xml:lang='en-US'"), "<language>zh-CN</language>")) == [
        US_CENTRAL
    ]


# Guards (pass both ways): an entry language naming no zone, empty or the feed's own leaves
# the feed's zones; JSON's default with no language anywhere stays as read.
@pytest.mark.parametrize("entry", ["en", "", " ", "zh-CN", "ZH-cn", "x-klingon", "../zh"])
def test_an_entry_language_naming_no_other_zone_keeps_the_feeds(entry: str) -> None:
    assert _offsets(_atom(entry, "zh-CN")) == [CHINA]
    assert _offsets(_json([_item(language=entry)], "zh-CN")) == [CHINA]


# --- 2. Java's and C's spelling read as pages read it --------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # Java's custom zone: email.utils read "GMT+01:00" as UTC (10:00 +00:00).
        ("Mon Jan 06 10:00:00 GMT+01:00 2020", datetime(2020, 1, 6, 9, 0, tzinfo=UTC)),
        # A zone name ZONE_HOURS knows and email.utils does not: was 10:00 in the source's zone.
        ("Mon Jan 06 10:00:00 CET 2020", datetime(2020, 1, 6, 9, 0, tzinfo=UTC)),
        # A weekday that is not the date's (6 January 2020 was a Monday): was 2020-01-06.
        ("Tue Jan 06 10:00:00 CST 2020", None),
        ("Sun Dec 30 10:00:00 CST 2020", None),  # Java's "YYYY": 2019-12-30, a year late
    ],
)
def test_a_java_spelled_feed_date_is_read_as_on_pages(
    value: str, expected: datetime | None
) -> None:
    assert parse_feed_date(value) == expected
    items = parse_feed(_rss(_rss_item(value))).items
    assert items and items[0].published_at == expected


JAVA_SPELLINGS = [
    JAVA,
    "Mon Jan  5 12:45:00 CST 2015",  # C's padded day
    "Mon Jan 05 12:45:00 2015",  # no zone: the source's
    "Mon Jan 05 12:45:00 GMT-05:00 2015",
    "Mon Jan 05 12:45:00 EDT 2015",
    "Mon Jan 05 12:45:00 HKT 2015",  # no table names it: the source's zone
    "lun. janv. 05 12:45:00 CET 2015",  # a French Locale (before too: email.utils refused it)
    "Tue Jan 05 12:45:00 CST 2015",  # wrong weekday
    "Xyz Jan 05 12:45:00 CST 2015",  # no weekday
    "Mar Jan 05 12:45:00 CST 2015",  # "mar" is Tuesday in French and Spanish: wrong
    "Mon Feb 30 12:45:00 CST 2015",  # no such day
    "Mon Jan 05 25:45:00 CST 2015",  # no such hour
    "Sun Nov  7 08:49:37 1994",  # the weekday of 6 November, a day on
    "Mon Jan 05 12:45:00 CST 1900",  # a placeholder year
]


@pytest.mark.parametrize("value", JAVA_SPELLINGS)
@pytest.mark.parametrize("language", [None, "zh-CN"])
def test_feeds_and_pages_read_javas_spelling_alike(value: str, language: str | None) -> None:
    # One reader for one spelling: a feed's date is the page's (in a Chinese feed and on a
    # page declaring Chinese: "CST" is China's). Without the Java path, "Tue Jan 05" and
    # "Sun Nov  7" fail (email.utils' readings); GMT-05:00 also without the GMT-offset rule.
    lang = "" if language is None else f"<language>{language}</language>"
    feed = parse_feed(_rss(_rss_item(value), lang)).items[0].published_at
    page = f"<html lang='{language or ''}'><head><meta property='article:published_time' "
    page += f"content='{value}'><title>B</title></head><body><p>{'Text. ' * 60}</p></body></html>"
    # a .com host: a .cn one names China itself (k44, date_java.host_region)
    on_page = extract(page, url="https://example.com/1.html").published_at
    assert feed == on_page


def test_rfc_822s_comma_form_keeps_a_wrong_weekday_as_pages_and_feedparser_do() -> None:
    # Guard: feedparser drops the day name unread; its own fixture's "Sat, 01 Jan 2010" (a
    # Friday) means 1 January 2010; pages read the comma form with email.utils too.
    value = "Sat, 01 Jan 2010 19:48:21 GMT"
    assert parse_feed_date(value) == datetime(2010, 1, 1, 19, 48, 21, tzinfo=UTC)
    assert parse_date(value, UTC) == parse_feed_date(value)


# --- 3. hostile language values -------------------------------------------------------------


HOSTILE: list[tuple[object, timedelta]] = [
    # Tags whose subtags still name China read "CST" as China's: their primary subtag "zh"
    # or region "CN" is as the feed wrote it (no value reaches ZoneInfo).
    ("zh-" + "x" * 1_000_000, CHINA),
    ("\u202ezh-CN", CHINA),
    ("-" * 1_000_000, US_CENTRAL),
    ("zh\u0000CN\u0007\u001b[31m", US_CENTRAL),
    ("../../../etc/zoneinfo/Asia/Shanghai", US_CENTRAL),
    ("Asia/Shanghai", US_CENTRAL),
    ("zh-Latn-XX-u-ca-chinese-x-private", US_CENTRAL),  # a region naming no zone: none
    (["zh-CN"], US_CENTRAL),
    ({"tag": "zh-CN"}, US_CENTRAL),
    (8, US_CENTRAL),
    (True, US_CENTRAL),
    (1e308, US_CENTRAL),
]


@pytest.mark.parametrize(("value", "expected"), HOSTILE)
def test_a_hostile_json_language_is_bounded_and_raises_nothing_foreign(
    value: object, expected: timedelta
) -> None:
    # A value that is not a string is ignored; a string is read as a tag; quickly.
    start = time.perf_counter()
    for feed in (_json([_item()], value), _json([_item(language=value)])):
        assert _offsets(feed) == [expected]
    assert time.perf_counter() - start < 2


def test_a_megabyte_entry_language_on_many_entries_is_bounded() -> None:
    # 20 entries each with its own megabyte xml:lang (20 MB of attributes): linear work.
    lang = "x" * 1_000_000
    items = "".join(_rss_item(attrs=f" xml:lang='{lang}{n}'", n=n) for n in range(20))
    start = time.perf_counter()
    assert _offsets(_rss(items)) == [US_CENTRAL] * 20
    assert time.perf_counter() - start < 5


def test_an_entrys_zones_do_not_leak_to_the_next_entry_or_out_of_parse_feed() -> None:
    # The entry's zones are reset after it (page_zones' finally): the next entry, with none
    # of its own, reads the feed's (none here), and a date read after parse_feed is US Central.
    items = _rss_item(attrs=" xml:lang='zh-CN'") + _rss_item(n=2)
    assert _offsets(_rss(items)) == [CHINA, US_CENTRAL]
    assert parse_date(JAVA, UTC) == datetime(2015, 1, 5, 18, 45, tzinfo=UTC)


# --- 2. the offset written after GMT/UTC, as pages read it ----------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # feedparser's own fixture (test_date_parsers.py; 19 February 2012 was a Sunday: the
        # weekday is not checked in RFC 822's comma form). email.utils: 22:40 UTC.
        ("Wed, 19 Feb 2012 22:40:00 GMT-01:01", datetime(2012, 2, 19, 23, 41, tzinfo=UTC)),
        ("Mon, 06 Jan 2020 10:00:00 GMT+01:00", datetime(2020, 1, 6, 9, 0, tzinfo=UTC)),
        # An ISO value went to the page parser already (a guard).
        ("2020-01-06 10:00:00 UTC+05:30", datetime(2020, 1, 6, 4, 30, tzinfo=UTC)),
        ("Mon, 06 Jan 2020 10:00:00 GMT+15:00", None),  # no zone is 15 hours east
    ],
)
def test_an_offset_after_gmt_is_read_in_feeds_as_on_pages(
    value: str, expected: datetime | None
) -> None:
    # Fails without parse_feed_date's gmt_offset: 10:00/22:40 UTC, and a date for +15:00.
    assert parse_feed_date(value) == expected
    assert parse_date(value, UTC) == expected
