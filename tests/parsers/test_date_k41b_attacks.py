"""k41b: attacks on d41's date rules (issue 17): Java's zone abbreviations read in the page's
declared country's zone (date_java). Categories: "Java before 8 on an Australian server"
(its own names "EST"/"CST"/"WST", summer too), "several zones of one country spell the
abbreviation", "a country whose zone spells CST" (Cuba, Macau), and the page's zones reaching
no date read outside ``extract``. Each test names what it needs and fails without it; guards
pass both ways."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

from parsers.date_java import page_zones
from parsers.dates import parse_date
from parsers.extract import extract
from parsers.feeds import parse_feed

BODY = "<p>" + " ".join(["The council met again to settle the budget for the year."] * 8) + "</p>"
URL = "https://example.com/news/budget-settled"
# The Herald Sun's article:publicationdate (second set, readability/herald-sun-1): Melbourne,
# in summer time (+11:00) until 5 April 2015.
HERALD_SUN = "Fri Mar 13 21:30:09 EST 2015"


def _page(value: str, lang: str = "en", head: str = "") -> str:
    meta = f"<meta property='article:published_time' content='{value}'>"
    return (
        f"<html lang='{lang}'><head><title>Budget settled</title>{meta}{head}</head><body>"
        f"<article><h1>Budget settled</h1>{BODY * 5}</article></body></html>"
    )


def _offset(found: datetime | None) -> timedelta | None:
    return None if found is None else found.utcoffset()


@pytest.mark.parametrize(
    ("value", "lang", "hours"),
    [
        (HERALD_SUN, "en-au", 11),  # Sydney +11:00 and Brisbane +10:00: the first zone's
        ("Mon Aug 03 12:45:00 EST 2015", "en-AU", 10),
        ("Mon Aug 03 12:45:00 CST 2015", "en-AU", 9.5),  # Adelaide and Darwin
        ("Mon Jan 05 12:45:00 WST 2015", "en-AU", 8),  # Perth
        ("Mon Jan 05 12:45:00 WIT 2015", "id-ID", 7),  # Jakarta
        ("Mon Jan 05 12:45:00 PHT 2015", "en-PH", 8),  # Manila
    ],
)
def test_java_7s_own_zone_names_are_the_declared_countrys(
    value: str, lang: str, hours: float
) -> None:
    # Category "Java before 8's own zone names": its TimeZoneNames printed "EST" for New South
    # Wales, Victoria, Tasmania and Queensland in summer and winter, "CST" for South Australia
    # and the Northern Territory, "WST" for Western Australia, "WIT" for Jakarta, "PHT" for
    # Manila; tzdata spells "AEST"/"AEDT", "WIB", "PST". Fails without date_java.JAVA7_NAMES:
    # -05:00, -05:00, -06:00, +00:00, +00:00; without JAVA7_ZONE_NAMES (Manila): +00:00. The
    # first case also fails without the first zone's reading of several: -05:00.
    found = extract(_page(value, lang), url=URL).published_at
    assert _offset(found) == timedelta(hours=hours)
    assert found is not None
    assert (found.day, found.hour, found.minute) == (
        int(value[8:10]),
        int(value[11:13]),
        int(value[14:16]),
    )


def test_an_australian_est_read_as_us_eastern_is_lost_to_the_fetch_bound() -> None:
    # The Herald Sun's value, fetched an hour and a half after it (10:30 UTC): read as US
    # Eastern it is 02:30 UTC the next day, after the fetch, and the page had no date.
    # Fails without JAVA7_NAMES or without the first zone's reading: None.
    fetched = datetime(2015, 3, 13, 12, 0, tzinfo=UTC)
    found = extract(_page(HERALD_SUN, "en-au"), url=URL, fetched_at=fetched).published_at
    assert found == datetime(2015, 3, 13, 10, 30, 9, tzinfo=UTC)


def test_a_source_in_melbourne_spells_est_by_javas_old_name() -> None:
    # A source whose zone is Australia/Melbourne, on a page that declares no country: "EST"
    # is the source's zone's Java 7 name. Fails without _spells in java_date's source check:
    # -05:00 (ZONE_HOURS).
    found = extract(_page(HERALD_SUN), url=URL, timezone="Australia/Melbourne").published_at
    assert _offset(found) == timedelta(hours=11)


def test_a_us_page_does_not_read_manilas_old_name() -> None:
    # Guard: "PHT" is Manila's by the zone, not by tzdata's "PST", which US Pacific shares:
    # on a US page it is no abbreviation we read (the source's zone, UTC).
    found = extract(_page("Mon Jan 05 12:45:00 PHT 2015", "en-US"), url=URL).published_at
    assert _offset(found) == timedelta(0)


def test_us_and_australian_evidence_keeps_us_eastern() -> None:
    # Guard: a page declaring en-AU and en-US: New York (-05:00), Sydney and Brisbane all
    # spell "EST" in January; ZONE_HOURS' offset is among them, evidence against evidence,
    # and the reading stays ZONE_HOURS' (d41's rule).
    head = "<meta property='og:locale' content='en_US'>"
    found = extract(_page("Mon Jan 05 12:45:00 EST 2015", "en-AU", head), url=URL).published_at
    assert _offset(found) == timedelta(hours=-5)


@pytest.mark.parametrize(
    ("value", "lang", "hours"),
    [
        ("Mon Jan 05 12:45:00 CST 2015", "es-CU", -5),
        ("Mon Aug 03 12:45:00 CDT 2015", "es-CU", -4),
        ("Mon Jan 05 12:45:00 CST 2015", "zh-MO", 8),
    ],
)
def test_cuba_and_macau_spell_cst(value: str, lang: str, hours: int) -> None:
    # Category "an ambiguous zone abbreviation on a page of a known country": Havana spells
    # CST/CDT an hour east of Chicago, Macau CST as China does. Fails without REGION_ZONES'
    # "cu" and "mo": -06:00, -05:00, -06:00.
    found = extract(_page(value, lang), url=URL).published_at
    assert _offset(found) == timedelta(hours=hours)


def test_the_pages_zones_end_with_its_extract_and_with_an_exception() -> None:
    # A date read after a Chinese page (a feed's, a sitemap's: outside extract) is not read
    # in China's zone, nor after an exception inside page_zones. Fails without page_zones'
    # reset: +08:00.
    extract(_page("Mon Jan 05 12:45:00 CST 2015", "zh-CN"), url=URL)
    assert _offset(parse_date("Mon Jan 05 12:45:00 CST 2015", UTC)) == timedelta(hours=-6)
    with pytest.raises(RuntimeError), page_zones(["zh-CN"]):
        assert _offset(parse_date("Mon Jan 05 12:45:00 CST 2015", UTC)) == timedelta(hours=8)
        raise RuntimeError
    assert _offset(parse_date("Mon Jan 05 12:45:00 CST 2015", UTC)) == timedelta(hours=-6)


def test_another_threads_page_zones_are_not_this_ones() -> None:
    # Guard: a thread reading a Chinese page's dates inside page_zones; this thread's read at
    # the same moment is US Central (ContextVar: one value per thread).
    inside, done = threading.Event(), threading.Event()

    def other() -> None:
        with page_zones(["zh-CN"]):
            inside.set()
            done.wait(10)

    worker = threading.Thread(target=other)
    worker.start()
    try:
        assert inside.wait(10)
        assert _offset(parse_date("Mon Jan 05 12:45:00 CST 2015", UTC)) == timedelta(hours=-6)
    finally:
        done.set()
        worker.join()


def _feed(date: str, language: str) -> bytes:
    return (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>News</title>"
        f"<language>{language}</language><item><title>Budget settled</title>"
        f"<link>https://example.cn/news/1.html</link><pubDate>{date}</pubDate></item>"
        "</channel></rss>"
    ).encode()


@pytest.mark.parametrize("date", ["Mon, 05 Jan 2015 12:45:00 CST", "Mon Jan 05 12:45:00 CST 2015"])
def test_a_chinese_feeds_cst_is_chinas(date: str) -> None:
    # Category "a zone abbreviation of two countries in a feed of one" (z41b): a feed's dates
    # are read outside extract, and email.utils reads RFC 822's "CST" as US Central. Fails
    # without parse_feed's page_zones(feed language) or feed_dates._zone_named: -06:00 (discovery's
    # time window 14 hours off).
    item = parse_feed(_feed(date, "zh-cn")).items[0]
    assert _offset(item.published_at) == timedelta(hours=8)


def test_a_saudi_pages_ast_is_arabias() -> None:
    # k41b's xfail, fixed by x45: tzdata names Asia/Riyadh '+03' while Java prints 'AST'
    # (Arabia Standard Time). Fails without date_java's "sa" REGION_ZONES entry or
    # OFFSET_ZONE_NAMES: +00:00 (the source's zone). More in test_date_offset_zone_names_x45.
    found = extract(_page("Mon Jan 05 12:45:00 AST 2015", "ar-SA"), url=URL).published_at
    assert _offset(found) == timedelta(hours=3)
