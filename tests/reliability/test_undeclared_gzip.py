"""A body gzip-compressed with no Content-Encoding naming it (k42's find), through the
real fetcher on loopback.

A CDN or proxy that drops the header, or a static host serving ``foo.html.gz`` as
``text/html``, sent bytes the parser refused for good as "input looks binary". The
fetcher now undoes one gzip layer that starts with the magic (``flows.inflate``), under
the same cap and bomb guard as a declared gzip; a gzip *file* (``application/x-gzip``)
is handed on as before.
"""

from __future__ import annotations

import gzip
import random

import pytest

from flows.config import SourceConfig
from flows.http_records import Fetched, blank_body
from flows.parsepool import parse_fetched
from pressroom.errors import ParseError, TooLarge
from tests.reliability.fault_server import FaultServer, encoded, gzip_bomb, gzipped, ok
from tests.reliability.helpers import FAST, fetch, fetch_traced

PARA = (
    "<p>The ministry said on Monday that the agreement would take effect next year "
    "after ratification by both parliaments.</p>"
)
PAGE = (
    "<html><head><title>Agreement signed</title></head><body><article>"
    "<h1>Agreement signed</h1>" + PARA * 5 + "</article></body></html>"
).encode()
SOURCE = SourceConfig(name="gz", feeds=("http://127.0.0.1/feed",), timeout=0.5)
SITEMAP = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    b"<url><loc>http://127.0.0.1/a</loc></url></urlset>"
)


def _fetched(srv: FaultServer, path: str) -> Fetched:
    out = fetch(srv.url_for(path))
    assert isinstance(out.result, Fetched), out.result
    assert out.classes == [None]
    return out.result


@pytest.mark.parametrize(
    "content_type", ["text/html; charset=utf-8", "text/html", "application/octet-stream"]
)
def test_gzipped_page_without_its_header_is_read(srv: FaultServer, content_type: str) -> None:
    srv.route("/a", ok(gzipped(PAGE), content_type))
    fetched = _fetched(srv, "/a")
    assert fetched.body == PAGE  # stored in the archive as the page, not the gzip
    article = parse_fetched(fetched, SOURCE, None)
    assert article.title == "Agreement signed"
    assert "ratification by both parliaments" in article.body


def test_identity_header_is_no_declaration(srv: FaultServer) -> None:
    srv.route("/a", encoded(gzipped(PAGE), "identity"))
    assert _fetched(srv, "/a").body == PAGE


def test_page_gzipped_twice_under_one_declared_gzip_is_read(srv: FaultServer) -> None:
    # Decision: one layer more than the header names (a pre-compressed file compressed
    # again on the way), as trafilatura and Scrapy's sitemap reader do; never a third.
    srv.route("/twice", encoded(gzipped(gzipped(PAGE)), "gzip"))
    assert _fetched(srv, "/twice").body == PAGE
    srv.route("/thrice", encoded(gzipped(gzipped(gzipped(PAGE))), "gzip"))
    thrice = _fetched(srv, "/thrice")
    assert thrice.body == gzipped(PAGE)
    with pytest.raises(ParseError, match="looks binary"):
        parse_fetched(thrice, SOURCE, None)


def test_gzip_bomb_without_header_stops_at_the_cap(srv: FaultServer) -> None:
    bomb = gzip_bomb(300 << 20)
    assert len(bomb) < 400_000 < FAST.max_bytes  # the wire bytes pass the cap...
    srv.route("/bomb", ok(bomb, "text/html"))
    out, peak = fetch_traced(srv.url_for("/bomb"))
    assert isinstance(out.result, TooLarge), out.result  # ...the inflated ones do not
    assert "is larger than 1000000 bytes (decompressed)" in str(out.result)
    assert out.classes == ["TooLarge"]  # terminal, logged once
    assert peak < 40 * FAST.max_bytes, f"peak {peak / 1e6:.0f} MB"


@pytest.mark.parametrize("tail", [b"", b"<html><body>" + PARA.encode() * 20])
def test_magic_that_is_no_gzip_is_refused_as_before(srv: FaultServer, tail: bytes) -> None:
    body = b"\x1f\x8b\x08" + random.Random(7).randbytes(3000) + tail
    srv.route("/x", ok(body, "text/html"))
    fetched = _fetched(srv, "/x")
    assert fetched.body == body  # kept as it came
    with pytest.raises(ParseError, match="input looks binary"):
        parse_fetched(fetched, SOURCE, None)


def test_gzip_file_type_is_handed_on_as_before(srv: FaultServer) -> None:
    # sitemap.xml.gz served as a gzip file: the feed parser inflates it under its own
    # limit (parsers.feed_xml.gunzipped), as before; the fetcher's cap stays on the wire.
    packed = gzip.compress(SITEMAP, mtime=0)
    srv.route("/sitemap.xml.gz", ok(packed, "application/x-gzip"))
    assert _fetched(srv, "/sitemap.xml.gz").body == packed


def test_sitemap_gzipped_without_header_is_xml(srv: FaultServer) -> None:
    srv.route("/sitemap.xml", ok(gzipped(SITEMAP), "application/xml"))
    assert _fetched(srv, "/sitemap.xml").body == SITEMAP


# kg42: bytes after a whole, CRC-checked member (a server's zero padding, a proxy's stray
# bytes) made the undeclared gzip "no gzip": the page was kept as the gzip bytes and
# refused for good as binary (and a declared gzip failed as a DecodingError). gzip(1) and
# browsers read the member and ignore what follows it; Python's gzip skips zero padding.
@pytest.mark.parametrize("tail", [bytes(8), b"\r\n", b"<!-- served by edge-3 -->"])
@pytest.mark.parametrize("declared", [False, True])
def test_bytes_after_the_last_member_are_ignored(
    srv: FaultServer, tail: bytes, declared: bool
) -> None:
    body = gzipped(PAGE) + tail
    srv.route("/a", encoded(body, "gzip") if declared else ok(body, "text/html"))
    assert _fetched(srv, "/a").body == PAGE


def test_undeclared_gzip_of_nothing_is_a_blank_answer(srv: FaultServer) -> None:
    # kg42: a whole gzip of an empty page was kept as its 20 gzip bytes, so the blank
    # answer k42 asks again (flows.http_records.blank_body -> EmptyBody) was refused by
    # the parser as binary instead, not asked again.
    srv.route("/e", ok(gzipped(b"") * 2, "text/html"))
    body = _fetched(srv, "/e").body
    assert body == b""
    assert blank_body(body)
