"""Category "a site's home page named as its feed" (parsers/listings.py feed_links).

Feed readers find a site's feeds from ``<link rel="alternate" type=...>`` in its
page head; JSON Feed (``application/feed+json``) is found where RSS and Atom are.
"""

from __future__ import annotations

import pytest

from parsers.listings import feed_links, looks_like_html

HEAD = ("<link rel='alternate' type='application/rss+xml' href='/rss.xml'>"
        "<link rel='alternate' type='application/atom+xml' href='https://a.example/atom'>"
        "<link rel='alternate' type='application/feed+json' href='/feed.json'>"
        "<link rel='alternate' type='application/json' href='/feed.json'>"  # a repeat
        "<link rel='alternate' type='Application/JSON; charset=utf-8' href='/v1.json'>"
        "<link rel='ALTERNATE home' type='application/rdf+xml' href='/index.rdf'>"
        "<link rel='alternate' hreflang='de' href='/de/'>"
        "<link rel='alternate' type='text/html' href='/mobile/'>"
        "<link rel='stylesheet' type='text/css' href='/site.css'>"
        "<link rel='alternate' type='application/rss+xml'>")


def test_feed_links_in_page_order() -> None:
    page = f"<!DOCTYPE html><html><head>{HEAD}</head><body></body></html>".encode()
    assert feed_links(page) == ("/rss.xml", "https://a.example/atom", "/feed.json", "/v1.json",
                                "/index.rdf")


@pytest.mark.parametrize("start, html", [
    (b"<!DOCTYPE html><html>", True), (b"\xef\xbb\xbf\n  <html lang='en'>", True),
    (b"<!-- cached --><!doctype HTML>", True), (b"<head><title>", True),
    (b"<?xml version='1.0'?><rss>", False), (b'{"version": "x"}', False),
    (b"<rss version='2.0'><channel><description><html>", False),
])
def test_looks_like_html(start: bytes, html: bool) -> None:
    assert looks_like_html(start) is html
