"""Which URL is an entry's article, as RSS and Atom allow it (parsers/feeds.py).

Category "links the way the formats allow them": each case is one entry and the
link a feed reader opens for it (None: the entry names no article page).
"""

from __future__ import annotations

import pytest

from parsers.feeds import parse_feed

ATOM = '<feed xmlns="http://www.w3.org/2005/Atom"{base}><title>t</title>{entries}</feed>'
RSS = ('<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"'
       ' xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"{base}>'
       "<channel><title>t</title>{entries}</channel></rss>")


def first_link(template: str, entry: str, base: str = "") -> str | None:
    data = template.format(base=base, entries=entry).encode()
    items = parse_feed(data).items
    return items[0].url if items else None


@pytest.mark.parametrize(
    "entry, expected",
    [
        # Atom <link> with its URL as text and no href (Atom 0.3 habit, some generators).
        ("<entry><link>https://a.example/text</link></entry>", "https://a.example/text"),
        ('<entry><link rel="alternate" type="text/html">https://a.example/text</link></entry>',
         "https://a.example/text"),
        # rel priority: alternate over enclosure, related, replies, edit, self.
        ('<entry><link rel="enclosure" href="https://a.example/a.mp3"/>'
         '<link rel="related" href="https://b.example/other"/>'
         '<link rel="alternate" href="https://a.example/story"/></entry>',
         "https://a.example/story"),
        ('<entry><link rel="enclosure">https://a.example/a.mp3</link>'
         '<link rel="alternate">https://a.example/story</link></entry>',
         "https://a.example/story"),
        # Several alternates: the HTML one.
        ('<entry><link rel="alternate" type="application/pdf" href="https://a.example/s.pdf"/>'
         '<link rel="alternate" type="text/html" href="https://a.example/s.html"/></entry>',
         "https://a.example/s.html"),
        # No alternate link: an http(s) id is the page; enclosure/replies never are.
        ('<entry><id>https://a.example/2026/12/01/story</id>'
         '<link rel="replies" href="https://a.example/story#comments"/>'
         '<link rel="enclosure" href="https://a.example/a.mp3"/></entry>',
         "https://a.example/2026/12/01/story"),
        ("<entry><id>tag:a.example,2026:1</id>"
         '<link rel="related" href="https://b.example/other"/></entry>', None),
        ('<entry><id>https://a.example/by-id</id><link href="https://a.example/alt"/></entry>',
         "https://a.example/alt"),
    ],
)
def test_atom_links(entry: str, expected: str | None) -> None:
    assert first_link(ATOM, entry) == expected


@pytest.mark.parametrize(
    "base, entry, expected",
    [
        (' xml:base="https://a.example/news/"', '<entry><link href="2026/story"/></entry>',
         "https://a.example/news/2026/story"),
        (' xml:base="https://a.example/news/"',
         '<entry xml:base="/sport/"><link href="match"/></entry>', "https://a.example/sport/match"),
        ("", '<entry xml:base="https://a.example/x/"><link xml:base="y/" href="z"/></entry>',
         "https://a.example/x/y/z"),
        ("", '<entry><link href="/relative"/></entry>', "/relative"),
    ],
)
def test_atom_xml_base(base: str, entry: str, expected: str) -> None:
    assert first_link(ATOM, entry, base) == expected


@pytest.mark.parametrize(
    "base, entry, expected",
    [
        (' xml:base="https://a.example/"', "<item><link>news/1</link></item>",
         "https://a.example/news/1"),
        ("", '<item xml:base="https://a.example/feed/"><link>2</link></item>',
         "https://a.example/feed/2"),
    ],
)
def test_rss_xml_base(base: str, entry: str, expected: str) -> None:
    assert first_link(RSS, entry, base) == expected


@pytest.mark.parametrize(
    "entry, expected",
    [
        # RSS 2.0: a guid is a permalink unless isPermaLink="false".
        ("<item><guid>https://a.example/g</guid></item>", "https://a.example/g"),
        ('<item><guid isPermaLink="true">https://a.example/g</guid></item>',
         "https://a.example/g"),
        ('<item><guid isPermaLink="false">https://a.example/g</guid></item>', None),
        # ... but a guid that is no URL is no link.
        ("<item><guid>a.example-story-1234</guid></item>", None),
        # <link> wins over the guid.
        ("<item><guid>https://a.example/g</guid><link>https://a.example/l</link></item>",
         "https://a.example/l"),
        # <comments> is never the article.
        ("<item><comments>https://a.example/story#comments</comments>"
         '<guid isPermaLink="false">1234</guid></item>', None),
        ("<item><comments>https://a.example/c</comments><guid>https://a.example/g</guid></item>",
         "https://a.example/g"),
        # An atom:link alternate in an RSS item; atom:link rel=self is not the article.
        ('<item><atom:link rel="self" href="https://a.example/feed"/>'
         '<guid isPermaLink="false">x</guid></item>', None),
        ('<item><atom:link href="https://a.example/atom-alt"/></item>',
         "https://a.example/atom-alt"),
        # An itunes:link (an image) is not the article.
        ('<item><itunes:link rel="image" href="https://a.example/logo.jpg"/>'
         "<guid>https://a.example/g</guid></item>", "https://a.example/g"),
        # A <link href> written Atom-style in RSS.
        ('<item><link href="https://a.example/href"/></item>', "https://a.example/href"),
        # Media RSS and podcasts: a media file is no article page. An item whose only URL
        # is its media:content or enclosure names none (feedparser gives it no link either).
        ('<item xmlns:media="http://search.yahoo.com/mrss/"><title>Video</title>'
         '<media:content url="https://a.example/v.mp4" type="video/mp4"/></item>', None),
        ('<item><enclosure url="https://a.example/ep1.mp3" type="audio/mpeg" length="1"/>'
         '<guid isPermaLink="false">ep1</guid></item>', None),
        ('<item xmlns:media="http://search.yahoo.com/mrss/"><media:content '
         'url="https://a.example/p.jpg"/><link>https://a.example/story</link></item>',
         "https://a.example/story"),
    ],
)
def test_rss_links(entry: str, expected: str | None) -> None:
    assert first_link(RSS, entry) == expected


# Category "feeds paged into the past" (RFC 5005, JSON Feed's next_url): the feed-level
# link to the page of older items; an entry's own rel="next" is not the feed's.
NEXT = '<atom:link rel="next" href="https://a.example/feed?page=2"/>'
ARCHIVE = '<atom:link rel="prev-archive" href="https://a.example/2019/feed"/>'


@pytest.mark.parametrize(
    "data, expected",
    [
        (RSS.format(base="", entries=NEXT + "<item><link>https://a.example/s</link></item>"),
         "https://a.example/feed?page=2"),
        (RSS.format(base="", entries=ARCHIVE), "https://a.example/2019/feed"),
        # A paged feed's "next" before an archived feed's "prev-archive"; "previous"
        # (newer items) and "self" are not older pages.
        (RSS.format(base="", entries='<atom:link rel="previous" href="https://a.example/new"/>'
                    '<atom:link rel="self" href="https://a.example/feed"/>' + ARCHIVE + NEXT),
         "https://a.example/feed?page=2"),
        (ATOM.format(base=' xml:base="https://a.example/news/"',
                     entries='<link rel="next" href="feed?page=2"/>'
                             '<entry><link rel="next" href="https://a.example/entry-next"/>'
                             '<link href="https://a.example/s"/></entry>'),
         "https://a.example/news/feed?page=2"),
        (ATOM.format(base="", entries='<entry><link rel="next" href="https://a.example/x"/>'
                                      "</entry>"), None),
        # RSS's own <link> in the channel is the site, never an older page.
        (RSS.format(base="", entries="<link>https://a.example/</link>"), None),
        ('{"version": "https://jsonfeed.org/version/1.1", "items": [],'
         ' "next_url": "https://a.example/feed.json?page=2"}', "https://a.example/feed.json?page=2"),
        ('{"version": "https://jsonfeed.org/version/1.1", "items": [], "next_url": 7}', None),
    ],
)
def test_a_feed_names_its_page_of_older_items(data: str, expected: str | None) -> None:
    assert parse_feed(data.encode()).next_url == expected
