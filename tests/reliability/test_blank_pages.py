"""A page that answers 2xx with no body at all (an overloaded origin's blank page, a
cache that lost the object, a 204) is a glitch of that moment, not a verdict on the
page: README, "Nothing lost". Before, the parser's "empty document" marked the URL
not_article for good, and no later run asked it again: every release listed while an
origin served blank pages was lost. Now it is a transient failure (EmptyBody), asked
again by the next run, and stored once the page is back. Real runs into DuckDB.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.http_records import blank_body
from tests.reliability.fault_server import FaultServer, ok, status
from tests.reliability.test_ingest_faults import DB, ingest, page, rss, source

# k42: blank in other bytes than ASCII white space was "refused by the parsers (not
# asked again)": a zero-filled file (what a crashed origin's file system serves), a lone
# BOM, a BOM and a line break, Unicode spaces, white space in UTF-16 behind its BOM.
BLANKS = {"empty 200": b"", "whitespace 200": b" \r\n\t\n", "zero-filled 200": bytes(4096),
          "BOM 200": b"\xef\xbb\xbf", "BOM and line break 200": b"\xef\xbb\xbf\r\n",
          "Unicode spaces 200": "\u00a0\u3000\u2028 ".encode(),
          "UTF-16 spaces 200": " \r\n ".encode("utf-16"),
          # kg42: characters that show nothing and are no white space to str.strip
          "zero-width space 200": "\u200b".encode(),
          "BOM, zero-width and word joiner 200": "\ufeff\u200b\u200d\u2060\r\n".encode()}


@pytest.mark.parametrize("blank", [*BLANKS, "204"])
def test_a_blank_answer_is_asked_again_and_stored_once_the_page_is_back(
        tmp_path: Path, blank: str) -> None:
    db = DB(tmp_path / "blank.duckdb")
    glitch = status(204) if blank == "204" else ok(BLANKS[blank])
    with FaultServer() as srv:
        srv.route("/feed.xml", ok(rss([f"{srv.url}/a/1", f"{srv.url}/a/2"]),
                                  "application/rss+xml"))
        srv.route("/a/1", glitch)
        srv.route("/a/2", ok(page("Steady")))
        src = source("blank", srv.url_for("/feed.xml"))
        first, reports = ingest([src], db.path)
        report = reports["blank"]
        assert report.status == "partial"  # failed, not "ok" with a page written off
        assert db.titles("blank") == {"Steady"}
        assert [c for _s, c, _a in db.log(f"{srv.url}/a/1", first)] == ["EmptyBody"]
        assert db.rows("SELECT count(*) FROM seen_urls WHERE url = ?",
                       [f"{srv.url}/a/1"]) == [(0,)]
        srv.route("/a/1", ok(page("Back")))
        _second, reports = ingest([src], db.path)
        assert reports["blank"].status == "ok"
        assert db.titles("blank") == {"Steady", "Back"}
        assert srv.hits("/a/2") == 1  # the steady page is not fetched twice


@pytest.mark.parametrize("body", [
    b"<p>x</p>", b"\n\x00<html>", b"\xef\xbb\xbf<html>", "\u00a0\u00e9t\u00e9".encode(),
    b"\xff", "x".encode("utf-16"), "\u200bx".encode(),
    "\u00a0".encode() * 3000 + b"x",  # text past the peek
])
def test_a_body_with_anything_visible_is_no_blank_answer(body: bytes) -> None:
    assert not blank_body(body)
    assert all(blank_body(b) for b in BLANKS.values())
