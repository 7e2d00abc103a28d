"""z41b: a feed's zone abbreviations read in the zones of the feed's declared language
(issue 17; date_java.page_zones, set by parse_feed as extract sets it for a page). Category
"a zone abbreviation of two countries in a feed of one": China's servers print "CST" (US
Central's too, 14 hours apart), India's "IST". Guards pass both ways."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from parsers.dates import parse_date
from parsers.feeds import parse_feed

RFC = "Mon, 05 Jan 2015 12:45:00 CST"
JAVA = "Mon Jan 05 12:45:00 CST 2015"


def _rss(date: str, language: str | None, root: str = "") -> bytes:
    lang = "" if language is None else f"<language>{language}</language>"
    return (
        f"<?xml version='1.0'?><rss version='2.0'{root}><channel><title>News</title>{lang}"
        f"<item><title>Budget</title><link>https://example.cn/news/1.html</link>"
        f"<pubDate>{date}</pubDate></item></channel></rss>"
    ).encode()


def _offset(data: bytes, tz: ZoneInfo | None = None) -> timedelta | None:
    found = parse_feed(data, tz=tz or UTC).items[0].published_at
    return None if found is None else found.utcoffset()


def test_an_atom_feeds_xml_lang_names_its_zones() -> None:
    # Atom declares its language as xml:lang on <feed>. Fails without feed_language's root
    # xml:lang: -06:00.
    atom = (
        "<feed xmlns='http://www.w3.org/2005/Atom' xml:lang='zh-CN'><title>N</title>"
        "<entry><title>B</title><link href='https://example.cn/1.html'/>"
        f"<published>{RFC}</published></entry></feed>"
    ).encode()
    found = parse_feed(atom).items[0].published_at
    assert found is not None and found.utcoffset() == timedelta(hours=8)


def test_an_rdf_feeds_dc_language_names_its_zones() -> None:
    # RSS 1.0 declares it as <dc:language> in its channel. Fails without feed_language: -06:00.
    rdf = (
        "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' "
        "xmlns='http://purl.org/rss/1.0/' xmlns:dc='http://purl.org/dc/elements/1.1/'>"
        "<channel><title>N</title><dc:language>zh-tw</dc:language></channel>"
        f"<item><title>B</title><link>https://example.tw/1.html</link><dc:date>{RFC}</dc:date>"
        "</item></rdf:RDF>"
    ).encode()
    assert _offset(rdf) == timedelta(hours=8)  # Taipei


def test_a_hindi_feeds_ist_is_indias() -> None:
    # email.utils knows no "IST" (naive, read in the source's zone, UTC here). Fails without
    # feed_dates._zone_named: +00:00.
    assert _offset(_rss("Mon, 05 Jan 2015 12:45:00 IST", "hi")) == timedelta(hours=5, minutes=30)


def test_a_sources_own_zone_spelling_the_abbreviation_wins() -> None:
    # A source whose timezone is Asia/Shanghai, with no <language>: its "CST" is China's.
    # Fails without named_zone's tz check in feed_dates._zone_named (email.utils' reading): -06:00.
    assert _offset(_rss(RFC, None), ZoneInfo("Asia/Shanghai")) == timedelta(hours=8)


def test_a_google_news_sitemaps_language_names_its_zones() -> None:
    # Google News sitemaps declare a language per URL (<news:publication><news:language>).
    # Fails without _sitemap_url's page_zones: -06:00.
    sitemap = (
        "<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' "
        "xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'><url>"
        "<loc>https://example.cn/1.html</loc><news:news><news:publication>"
        "<news:name>N</news:name><news:language>zh</news:language></news:publication>"
        f"<news:publication_date>{RFC}</news:publication_date><news:title>B</news:title>"
        "</news:news></url></urlset>"
    ).encode()
    found = parse_feed(sitemap).items[0].published_at
    assert found is not None and found.utcoffset() == timedelta(hours=8)


# Guards (pass both ways): evidence against China keeps US Central.
@pytest.mark.parametrize("date", [RFC, JAVA])
@pytest.mark.parametrize("language", ["en-us", None, "zh-US", "Asia/Shanghai", "../../etc/zh"])
def test_cst_stays_us_central_without_a_chinese_declaration(
    date: str, language: str | None
) -> None:
    # A US English feed, a feed with no language, Chinese in the US (the country first), and
    # hostile values (a zone name, a path: never handed to ZoneInfo) read "CST" as -06:00.
    assert _offset(_rss(date, language)) == timedelta(hours=-6)


def test_a_hostile_language_value_is_bounded_and_raises_nothing_foreign() -> None:
    # A megabyte of language, of dashes, of markup-looking text: parse_feed returns (or
    # raises FeedError only), quickly.
    for value in ["zh-" + "x" * 1_000_000, "-" * 1_000_000, "zh-cn&amp;&lt;us&gt;", " "]:
        start = time.perf_counter()
        assert parse_feed(_rss(RFC, value)).items[0].published_at is not None
        assert time.perf_counter() - start < 2


def test_the_feeds_zones_do_not_outlive_parse_feed() -> None:
    # page_zones resets in a finally: after a Chinese feed, a date read outside is US Central.
    assert parse_feed(_rss(RFC, "zh-cn")).items[0].published_at is not None
    assert parse_date(JAVA, UTC) == datetime(2015, 1, 5, 18, 45, tzinfo=UTC)
