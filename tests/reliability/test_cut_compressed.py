"""A compressed body cut short is a broken body, asked again: never a stored partial page
(o43, kg42's "left"; README, "Nothing lost").

A proxy or cache that lost the connection to the origin half way may pass on what it
had with whole HTTP framing (its own Content-Length, or a last chunk): the gzip, deflate
or brotli stream then stops before its end. httpx's own decoders do not ask (its
``GZipDecoder.flush`` returns what inflated), and before o43 neither did ours: the first
part of the page was stored as the article, with no word, and never asked again. Now
the fetcher checks that every coding's stream ended (``BoundedDecoder.ended``; for gzip
no header declared, ``inflate_undeclared``): a cut body is ``BodyBrokeOff``, transient,
retried within the run and asked again by the next one, as a plain body short of its
Content-Length already was (``test_faults.test_truncated_body_is_a_broken_body_...``:
h11 raises when the connection closes before the declared length).
"""

from __future__ import annotations

import zlib
from dataclasses import replace
from pathlib import Path

import brotli
import pytest

from flows.http_records import Fetched
from pressroom.errors import BodyBrokeOff
from tests.reliability.fault_server import (
    Behaviour,
    FaultServer,
    encoded,
    gzipped,
    ok,
    wrong_length,
)
from tests.reliability.helpers import FAST, fetch
from tests.reliability.test_ingest_faults import DB, ingest, page, rss, source

PAGE = page("Agreement signed", "<p>" + "The last paragraph of the story. " * 200 + "</p>")
GZ = gzipped(PAGE)
CUT = GZ[: len(GZ) // 2]  # inflates cleanly to the page's first part, then stops


def _deflated(body: bytes) -> bytes:
    return zlib.compress(body)


def _brotli(body: bytes) -> bytes:
    return bytes(brotli.compress(body))


CUTS: dict[str, Behaviour] = {
    "declared gzip": encoded(CUT, "gzip"),
    "undeclared gzip": ok(CUT, "text/html"),
    # a trailer lost after a whole deflate stream is a whole text (o44,
    # test_gzip_trailer_lost.py); the deflate stream's last byte lost is a cut
    "gzip, its last deflate byte lost": encoded(GZ[:-9], "gzip"),
    "gzip, the second member cut": encoded(GZ + gzipped(b"<p>more</p>")[:15], "gzip"),
    "gzip under a declared gzip": encoded(gzipped(CUT), "gzip"),
    "deflate": encoded(_deflated(PAGE)[:-30], "deflate"),
    "brotli": encoded(_brotli(PAGE)[: len(_brotli(PAGE)) // 2], "br"),
}


@pytest.mark.parametrize("cut", list(CUTS))
def test_a_compressed_body_cut_short_is_a_broken_body(srv: FaultServer, cut: str) -> None:
    srv.route("/a", CUTS[cut])
    out = fetch(srv.url_for("/a"))
    assert isinstance(out.result, BodyBrokeOff), out.result
    assert "stops before the end of the stream" in str(out.result)
    assert out.classes == ["BodyBrokeOff"] * FAST.max_attempts  # transient: retried


def test_a_cut_that_heals_within_the_run_is_read_whole(srv: FaultServer) -> None:
    srv.route("/a", encoded(CUT, "gzip"), ok(GZ, "text/html"))
    out = fetch(srv.url_for("/a"))
    assert isinstance(out.result, Fetched) and out.result.body == PAGE
    assert out.classes == ["BodyBrokeOff", None]


def test_declared_gzip_short_of_its_content_length_broke_off_as_before(srv: FaultServer) -> None:
    # The connection closed before the declared length: h11 says so (a transport
    # error after the status line), whatever the coding.
    srv.route("/a", wrong_length(CUT, declared=len(GZ)))
    out = fetch(srv.url_for("/a"), replace(FAST, max_attempts=1))
    assert isinstance(out.result, BodyBrokeOff), out.result
    assert "stops before" not in str(out.result)


@pytest.mark.parametrize("whole", ["gzip", "deflate", "br", "gzip, empty"])
def test_whole_streams_are_read_as_before(srv: FaultServer, whole: str) -> None:
    body = {"gzip": GZ, "deflate": _deflated(PAGE), "br": _brotli(PAGE), "gzip, empty": b""}[whole]
    srv.route("/a", encoded(body, whole.split(",")[0]))
    out = fetch(srv.url_for("/a"))
    assert isinstance(out.result, Fetched), out.result
    assert out.result.body == (b"" if body == b"" else PAGE)


def test_a_truncating_policy_keeps_what_fits_of_a_stream_past_the_cap(srv: FaultServer) -> None:
    # robots.txt is fetched with truncate=True (RFC 9309: parse the first 500 KiB): a
    # stream stopped at the cap on purpose is no cut body.
    srv.route("/robots.txt", encoded(GZ, "gzip", "text/plain"))
    out = fetch(srv.url_for("/robots.txt"), replace(FAST, max_bytes=1000, truncate=True))
    assert isinstance(out.result, Fetched), out.result
    assert out.result.body == PAGE[:1000]


@pytest.mark.parametrize("cut", ["declared gzip", "undeclared gzip"])
def test_a_cut_page_is_not_stored_and_is_asked_again(tmp_path: Path, cut: str) -> None:
    db = DB(tmp_path / "cut.duckdb")
    with FaultServer() as srv:
        srv.route("/feed.xml", ok(rss([f"{srv.url}/a/1", f"{srv.url}/a/2"]), "application/rss+xml"))
        srv.route("/a/1", CUTS[cut])
        srv.route("/a/2", ok(page("Steady")))
        src = source("cut", srv.url_for("/feed.xml"))
        first, reports = ingest([src], db.path)
        assert reports["cut"].status == "partial"
        assert db.titles("cut") == {"Steady"}  # no first half stored as the article
        assert {c for _s, c, _a in db.log(f"{srv.url}/a/1", first)} == {"BodyBrokeOff"}
        assert db.rows("SELECT count(*) FROM seen_urls WHERE url = ?", [f"{srv.url}/a/1"]) == [(0,)]
        assert db.rows("SELECT count(*) FROM pages WHERE url = ?", [f"{srv.url}/a/1"]) == [(0,)]
        srv.route("/a/1", encoded(GZ, "gzip"))
        _second, reports = ingest([src], db.path)
        assert reports["cut"].status == "ok"
        assert db.titles("cut") == {"Steady", "Agreement signed"}
        (body,) = db.rows("SELECT body FROM articles WHERE title = 'Agreement signed'")[0]
        assert str(body).endswith("The last paragraph of the story.")
