"""Feed and sitemap parsing (parsers/feeds.py), and URL normalisation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from parsers.feeds import parse_feed, parse_feed_date
from parsers.urls import normalize_url
from pressroom.errors import FeedError

RSS2 = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>One</title><link>https://a.example/1</link>
<pubDate>Sat, 16 Nov 2019 10:45:00 +0300</pubDate></item>
<item><title>Guid only</title><guid>https://a.example/2</guid></item>
<item><title>No link</title><guid isPermaLink="false">x-3</guid></item>
</channel></rss>"""
RDF = b"""<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://a.example/"><title>t</title></channel>
<item rdf:about="https://a.example/r"><title>R</title><link>https://a.example/r</link>
<dc:date>2019-11-16T10:45:00+03:00</dc:date></item></rdf:RDF>"""
ATOM = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><title>A</title><link rel="alternate" href="https://a.example/a"/>
<link rel="edit" href="https://a.example/edit"/><published>2019-11-16T07:45:00Z</published>
<updated>2019-11-17T07:45:00Z</updated></entry></feed>"""
INDEX = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://a.example/news.xml</loc><lastmod>2019-11-16</lastmod></sitemap>
</sitemapindex>"""
NEWS = b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url>
<loc>https://a.example/n</loc><news:news><news:title>News title</news:title>
<news:publication_date>2019-11-16T10:45:00+03:00</news:publication_date></news:news>
</url></urlset>"""
MINSK = timezone(timedelta(hours=3))


def test_rss2_links_guids_and_dates() -> None:
    feed = parse_feed(RSS2)
    assert feed.kind == "rss"
    assert [i.url for i in feed.items] == ["https://a.example/1", "https://a.example/2"]
    assert feed.items[0].published_at == datetime(2019, 11, 16, 10, 45, tzinfo=MINSK)


def test_rdf_and_atom() -> None:
    rdf = parse_feed(RDF)
    assert rdf.kind == "rdf" and rdf.items[0].url == "https://a.example/r"
    assert rdf.items[0].published_at == datetime(2019, 11, 16, 7, 45, tzinfo=UTC)
    atom = parse_feed(ATOM)
    assert atom.kind == "atom" and [i.url for i in atom.items] == ["https://a.example/a"]
    assert atom.items[0].modified_at == datetime(2019, 11, 17, 7, 45, tzinfo=UTC)


def test_sitemap_index_and_news_sitemap() -> None:
    index = parse_feed(INDEX)
    assert index.kind == "sitemapindex" and index.items[0].is_feed
    news = parse_feed(NEWS)
    assert news.items[0].title == "News title"
    assert news.items[0].published_at == datetime(2019, 11, 16, 10, 45, tzinfo=MINSK)


def test_leading_whitespace_and_bom_are_forgiven() -> None:
    assert parse_feed(b"\xef\xbb\xbf\n  " + RSS2).items[0].url == "https://a.example/1"


@pytest.mark.parametrize(
    "data, needle",
    [
        (b"", "empty"),
        (b"<html><body>not a feed</body></html>", "unknown feed type"),
        (RSS2[:120], "not well-formed"),
        (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
         b"<rss>&b;</rss>", "hostile"),
        (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
         b"<rss>&x;</rss>", "hostile"),
    ],
)
def test_bad_feeds_are_feed_errors(data: bytes, needle: str) -> None:
    with pytest.raises(FeedError, match=needle):
        parse_feed(data)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("HTTPS://Eng.BelTA.by:443/politics/?utm_source=rss&id=7#top",
         "https://eng.belta.by/politics/?id=7"),
        ("http://example.org:80/a?fbclid=x&gclid=y", "http://example.org/a"),
        ("http://example.org:8080", "http://example.org:8080/"),
    ],
)
def test_normalize_url(raw: str, expected: str) -> None:
    assert normalize_url(raw) == expected


def test_normalize_url_refuses_other_schemes() -> None:
    with pytest.raises(ValueError):
        normalize_url("javascript:alert(1)")


# Category "a feed date printed without an offset": read in the source's zone.
@pytest.mark.parametrize(
    "printed",
    ["Sat, 16 Nov 2019 00:30:00", "Sat, 16 Nov 2019 00:30:00 MSK", "2019-11-16T00:30:00"],
)
def test_feed_date_without_offset_in_the_source_zone(printed: str) -> None:
    data = (f"<rss version='2.0'><channel><item><link>https://a.example/1</link>"
            f"<pubDate>{printed}</pubDate></item></channel></rss>").encode()
    when = parse_feed(data, tz=ZoneInfo("Europe/Minsk")).items[0].published_at
    assert when == datetime(2019, 11, 16, 0, 30, tzinfo=MINSK)
    assert when is not None and when.utcoffset() == timedelta(hours=3)


@pytest.mark.parametrize("printed", ["Sat, 16 Nov 2019 00:30:00 -0000",
                                     "Sat, 16 Nov 2019 00:30:00 GMT", "2019-11-16T00:30:00Z"])
def test_feed_date_in_utc_stays_utc(printed: str) -> None:
    data = (f"<rss version='2.0'><channel><item><link>https://a.example/1</link>"
            f"<pubDate>{printed}</pubDate></item></channel></rss>").encode()
    when = parse_feed(data, tz=ZoneInfo("Europe/Minsk")).items[0].published_at
    assert when is not None and when.utcoffset() == timedelta(0)


# Category "RFC 822 dates as feeds really write them".
@pytest.mark.parametrize(
    "printed, expected",
    [
        ("Sat, 16 Nov 2019 00:30:00 +05:30",
         datetime(2019, 11, 16, 0, 30, tzinfo=timezone(timedelta(hours=5, minutes=30)))),
        ("Sat, 16 Nov 2019 00:30:00 -03:30",
         datetime(2019, 11, 16, 0, 30, tzinfo=timezone(-timedelta(hours=3, minutes=30)))),
        ("16 Nov 2019", datetime(2019, 11, 16, tzinfo=MINSK)),
        ("Sat, 16 Nov 2019", datetime(2019, 11, 16, tzinfo=MINSK)),
        ("16.11.2019 00:30", datetime(2019, 11, 16, 0, 30, tzinfo=MINSK)),
    ],
)
def test_feed_dates_as_feeds_write_them(printed: str, expected: datetime) -> None:
    when = parse_feed_date(printed, ZoneInfo("Europe/Minsk"))
    assert when == expected
    assert when is not None and when.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize("printed", ["06/01/2020", "garbage", "Tue, 31 Nov 2019 00:30:00 +0300"])
def test_feed_dates_not_read_rather_than_guessed(printed: str) -> None:
    assert parse_feed_date(printed, ZoneInfo("Europe/Minsk")) is None
