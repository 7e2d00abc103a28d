"""An http(s) link with an empty authority is refused, not put on the base's host (f50).

urljoin reads ``http:///x`` against ``http://feed.example/rss`` as
``http://feed.example/x``; browsers (WHATWG URL) read host ``x``. One link, two pages:
neither is taken (k49a's find). Links that both read alike are kept.
"""

from __future__ import annotations

import pytest

from parsers.feeds import parse_feed
from parsers.urls import join_url, normalize_url

BASE = "http://feed.example/rss"


@pytest.mark.parametrize("href", ["http:///x", "https:///x", "HTTP:///x", "http://",
                                  "http:/x", "http:\\\\x\\y", " http:///x", "http://?q"])
def test_an_empty_authority_is_refused(href: str) -> None:
    with pytest.raises(ValueError, match="no host"):
        normalize_url(href, BASE)
    with pytest.raises(ValueError, match="no host"):
        normalize_url(href)
    with pytest.raises(ValueError, match="no host"):
        join_url(BASE, href)


@pytest.mark.parametrize(("href", "url"), [
    ("/x", "http://feed.example/x"), ("//other.example/x", "http://other.example/x"),
    ("http://other.example/x", "http://other.example/x"), ("http:x", "http://feed.example/x"),
    ("x?a=1", "http://feed.example/x?a=1"),
])
def test_links_both_readings_agree_on_are_kept(href: str, url: str) -> None:
    assert normalize_url(href, BASE) == url


def test_a_feed_under_xml_base_keeps_the_link_as_written_for_the_caller_to_refuse() -> None:
    feed = parse_feed(b"<feed xmlns='http://www.w3.org/2005/Atom' xml:base='http://feed.example/'>"
                      b"<entry><link href='http:///x'/><id>1</id></entry></feed>")
    assert [item.url for item in feed.items] == ["http:///x"]


@pytest.mark.parametrize("href", ["http:\n///x", "http:/\n//x", "http:\t///x", "http\r:///x",
                                  "ht\ttp:///x"])
def test_an_empty_authority_split_by_a_tab_or_newline_is_refused(href: str) -> None:
    """Browsers (WHATWG URL) and urlsplit drop every tab, CR and LF before reading a URL:
    ``http:<LF>///x`` is ``http:///x`` to both, and urljoin put it on the base's host (r50)."""
    with pytest.raises(ValueError, match="no host"):
        normalize_url(href, BASE)
    with pytest.raises(ValueError, match="no host"):
        join_url(BASE, href)
