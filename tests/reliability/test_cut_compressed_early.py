"""k43's attacks on o43 at the fetch edge: a gzip no header declared, cut before its first
inflated byte, is a cut too (BodyBrokeOff, asked again), not a binary page refused for good.

o43 made a compressed body cut short transient, but ``inflate_undeclared`` still kept an
undeclared gzip "as it came" when nothing had inflated yet: a page cut in its first 55
bytes (the gzip header and the first deflate block's code tables) went on to the parser
as the raw bytes, was refused as "input looks binary" and marked seen as not_article:
never asked again. A text/html body that starts with the gzip magic and inflates cleanly
but stops is cut however early it stops (bytes that do not inflate stay "no gzip": kept
as they came, ``test_undeclared_gzip.test_magic_that_is_no_gzip_is_refused_as_before``).
Real loopback server, real ingest into DuckDB.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pressroom.errors import BodyBrokeOff
from tests.reliability.fault_server import Behaviour, Conn, FaultServer, gzipped, ok, stream
from tests.reliability.helpers import FAST, fetch
from tests.reliability.test_ingest_faults import DB, ingest, page, rss, source

PAGE = page("Agreement signed", "<p>" + "The last paragraph of the story. " * 200 + "</p>")
GZ = gzipped(PAGE)
# 3: the magic alone; 10: the header whole; 30: inside the first block's code tables
EARLY = (3, 10, 30)


@pytest.mark.parametrize("at", EARLY)
def test_an_undeclared_gzip_cut_before_any_byte_inflated_is_a_broken_body(
    srv: FaultServer, at: int
) -> None:
    srv.route("/a", ok(GZ[:at], "text/html"))  # with its own Content-Length
    out = fetch(srv.url_for("/a"))
    assert isinstance(out.result, BodyBrokeOff), out.result  # was a Fetched of raw bytes
    assert out.classes == ["BodyBrokeOff"] * FAST.max_attempts


def _close_delimited(body: bytes) -> Behaviour:
    """200 with no Content-Length and no chunking: the body ends when the server closes."""

    def run(conn: Conn) -> None:
        conn.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n" + body)

    return run


@pytest.mark.parametrize("framing", ["chunked, last chunk sent", "no length, closed"])
def test_the_same_cut_in_other_framings(srv: FaultServer, framing: str) -> None:
    sent = GZ[:30]
    behaviour = (
        stream(lambda: iter([sent])) if framing.startswith("chunked") else _close_delimited(sent)
    )
    srv.route("/a", behaviour)
    out = fetch(srv.url_for("/a"))
    assert isinstance(out.result, BodyBrokeOff), out.result


def test_an_early_cut_page_is_not_marked_seen_and_is_read_next_run(tmp_path: Path) -> None:
    db = DB(tmp_path / "early.duckdb")
    with FaultServer() as srv:
        srv.route("/feed.xml", ok(rss([f"{srv.url}/a/1"]), "application/rss+xml"))
        srv.route("/a/1", ok(GZ[:30], "text/html"))
        src = source("early", srv.url_for("/feed.xml"))
        ingest([src], db.path)
        # was: seen as not_article, the page never asked again
        assert db.rows("SELECT count(*) FROM seen_urls WHERE url = ?", [f"{srv.url}/a/1"]) == [(0,)]
        srv.route("/a/1", ok(GZ, "text/html"))
        ingest([src], db.path)
        assert db.titles("early") == {"Agreement signed"}
