"""Malformed feeds recovered the way browsers and feed readers do (parsers/feed_xml.py).

Category "recover what feed readers recover": each case is a feed with one fault
real servers produce; the feed still yields its items with the right link and title.
"""

from __future__ import annotations

import gzip

import pytest

from parsers.feeds import parse_feed
from parsers.limits import MAX_INPUT_CHARS
from pressroom.errors import FeedError

HEAD = '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>t</title>\n'
TAIL = "</channel></rss>"


def item(n: int, title: str = "", link: str = "") -> str:
    return (f"<item><title>{title or f'Story {n}'}</title>"
            f"<link>{link or f'https://news.example/{n}'}</link></item>\n")


def links(data: str | bytes) -> list[str]:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return [i.url for i in parse_feed(raw).items]


@pytest.mark.parametrize(
    "link, expected",
    [
        ("https://news.example/?a=1&b=2", "https://news.example/?a=1&b=2"),
        ("https://news.example/?a=1&amp;b=2&c=3", "https://news.example/?a=1&b=2&c=3"),
        ("https://news.example/?q=x&copy=1", "https://news.example/?q=x&copy=1"),
        ("https://news.example/?lang=en&region;x", "https://news.example/?lang=en&region;x"),
    ],
)
def test_unescaped_ampersand_in_links(link: str, expected: str) -> None:
    assert links(HEAD + item(1, link=link) + TAIL) == [expected]


def test_unescaped_ampersand_in_text() -> None:
    feed = parse_feed((HEAD + item(1, title="Smith & Sons < report") + TAIL).encode())
    assert [i.title for i in feed.items] == ["Smith & Sons < report"]


@pytest.mark.parametrize(
    "entity, char",
    [("&nbsp;", "\xa0"), ("&eacute;", "é"), ("&mdash;", "—"), ("&hellip;", "…"),
     ("&rsquo;", "’"), ("&euro;", "€"), ("&copy;", "©")],
)
def test_undeclared_html_entities(entity: str, char: str) -> None:
    feed = parse_feed((HEAD + item(1, title=f"Caf{entity} news") + TAIL).encode())
    assert feed.items[0].title == f"Caf{char} news"


def test_unknown_entity_kept_as_text() -> None:
    feed = parse_feed((HEAD + item(1, title="a &bogus; b") + TAIL).encode())
    assert feed.items[0].title == "a &bogus; b"


@pytest.mark.parametrize("junk", ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f"])
def test_stray_control_characters(junk: str) -> None:
    feed = parse_feed((HEAD + item(1, title=f"Head{junk}line") + item(2) + TAIL).encode())
    assert [i.title for i in feed.items] == ["Headline", "Story 2"]


@pytest.mark.parametrize("lead", ["\ufeff", "\n\n  ", "\ufeff\r\n\t", "garbage text "])
def test_bom_whitespace_or_text_before_xml_declaration(lead: str) -> None:
    assert links(lead + HEAD + item(1) + TAIL) == ["https://news.example/1"]


def test_xml_declaration_after_a_comment() -> None:
    data = "<!-- generated -->\n" + HEAD + item(1) + TAIL
    assert links(data) == ["https://news.example/1"]


@pytest.mark.parametrize(
    "cut",
    ["<item><title>Story 3</ti", "<item><title>Story 3</title><link>https://news.exa",
     "<item>", "<item><title>Story 3</title><link>https://news.example/3</link>"],
)
def test_truncated_last_item_keeps_the_complete_ones(cut: str) -> None:
    data = HEAD + item(1) + item(2) + cut
    assert links(data) == ["https://news.example/1", "https://news.example/2"]


@pytest.mark.parametrize(
    "cut",
    ["<item><title>Story 3</title><link>https://news.example/3</li",
     "<item><title>Story 3</title><link>https://news.exa"],
)
def test_truncated_minified_feed_drops_the_cut_item(cut: str) -> None:
    # A minified feed (no whitespace between items): the cut item starts exactly where
    # the last complete one ends; its link, maybe cut mid-URL, is never fetched.
    data = HEAD + item(1).strip() + item(2).strip() + cut
    assert links(data) == ["https://news.example/1", "https://news.example/2"]


def test_truncated_atom_feed() -> None:
    data = ('<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
            '<entry><title>A</title><link href="https://news.example/a"/></entry>'
            '<entry><title>B</title><link href="https://news.exa')
    assert links(data) == ["https://news.example/a"]


def test_truncated_before_any_complete_item_is_a_feed_error() -> None:
    with pytest.raises(FeedError, match="cut off before the first complete item"):
        parse_feed((HEAD + "<item><title>Story 1</title><link>https://ne").encode())


def test_cdata_is_left_alone() -> None:
    data = HEAD + "<item><title><![CDATA[Q&A: a &amp; b]]></title><link>" \
        "<![CDATA[https://news.example/?a=1&b=2]]></link></item>" + "<item>&nbsp;</item>" + TAIL
    feed = parse_feed(data.encode())
    assert [(i.title, i.url) for i in feed.items] == [
        ("Q&A: a &amp; b", "https://news.example/?a=1&b=2")]


@pytest.mark.parametrize("ref", ["&#0;", "&#x1;", "&#xD800;", "&#65535;", "&#99999999;"])
def test_illegal_character_references_dropped(ref: str) -> None:
    feed = parse_feed((HEAD + item(1, title=f"a{ref}b") + TAIL).encode())
    assert feed.items[0].title == "ab"


def test_unclosed_tags_inside_items() -> None:
    data = HEAD + "<item><title>One<b>bold</title><link>https://news.example/1</link></item>" \
        + item(2) + TAIL
    assert links(data) == ["https://news.example/1", "https://news.example/2"]


@pytest.mark.parametrize("data", [b"", b"   \n", b"\xef\xbb\xbf", b"not xml at all",
                                  b"<html><body>a page</body></html>"])
def test_nothing_to_recover_is_a_feed_error(data: bytes) -> None:
    with pytest.raises(FeedError):
        parse_feed(data)


SITEMAP = ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/'
           'schemas/sitemap/0.9"><url><loc>https://news.example/1</loc></url>'
           "<url><loc>https://news.example/2</loc></url></urlset>")


# Category "a gzip file, not a gzip transfer": sitemap.xml.gz served as a file.
def test_gzip_compressed_sitemap_file() -> None:
    assert links(gzip.compress(SITEMAP.encode())) == ["https://news.example/1",
                                                      "https://news.example/2"]


def test_gzip_file_of_concatenated_members() -> None:
    raw = SITEMAP.encode()
    assert links(gzip.compress(raw[:70]) + gzip.compress(raw[70:])) == [
        "https://news.example/1", "https://news.example/2"]


def test_gzip_bomb_refused_at_the_input_limit() -> None:
    bomb = gzip.compress(b"<urlset>" + b" " * (MAX_INPUT_CHARS + 10))
    with pytest.raises(FeedError, match="inflates past"):
        parse_feed(bomb)


def test_corrupt_gzip_is_a_feed_error() -> None:
    with pytest.raises(FeedError, match="corrupt gzip"):
        parse_feed(b"\x1f\x8b\x08junk that is no deflate stream")


# Category "server output before the feed": a PHP warning or an HTML wrapper printed
# before the feed (feedparser reads these; its first tag was taken as the root).
@pytest.mark.parametrize(
    "lead",
    ["<br />\n<b>Warning</b>:  Cannot modify header information - headers already sent in "
     "<b>/var/www/feed.php</b> on line <b>8</b><br />\n",
     "\n<b>Deprecated</b>: Function create_function() is deprecated<br />\n",
     "<html><body>"],
)
def test_markup_printed_before_the_feed(lead: str) -> None:
    assert links(lead + HEAD + item(1) + item(2) + TAIL) == ["https://news.example/1",
                                                           "https://news.example/2"]


def test_markup_before_an_atom_feed_without_declaration() -> None:
    data = ('<b>Warning</b>: x<br />\n<feed xmlns="http://www.w3.org/2005/Atom">'
            '<entry><link href="https://news.example/a"/></entry></feed>')
    assert links(data) == ["https://news.example/a"]


def test_a_feed_that_quotes_a_root_tag_is_left_alone() -> None:
    quoted = item(2, title="How &lt;rss&gt; works: <![CDATA[<rss version=2>]]>")
    assert links(HEAD + item(1) + quoted + TAIL + "junk") == ["https://news.example/1",
                                                             "https://news.example/2"]
