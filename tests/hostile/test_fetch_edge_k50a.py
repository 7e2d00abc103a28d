"""k50a's attacks on f50's fetch edge (media types, a redirect's failure after the fetch).

Each case is a real CLI subprocess against a loopback site (tests/hostile/site.py) and a
real DuckDB file:

- a page served as ``application/octet-stream`` (or another label f50 refuses) whose
  bytes begin with an XML declaration (XHTML), a ``<meta>``, a ``<header>`` or a UTF-16
  BOM was refused as ``MediaTypeRefused``: the MIME Sniffing Standard's short list of
  first tags is a browser's choice of how to *render*; refusing on it lost the page.
  A PDF, an SVG picture and JSON are still refused, and now so are bytes that begin as
  a PDF or a PNG under ``text/html`` or ``text/plain`` (a label never outvotes bytes);
- a redirect whose target answered a page that could not be parsed (``ParseError``) or
  a blank body (``EmptyBody``) had its error on the *target's* ``fetch_log`` row, so
  ``status --retries`` listed the target ``next_run``: a URL no feed lists and no run
  asks (the URL asked, seen or not, was not listed under its own name);
- only a zstd body's first frame was held to RFC 9659's 8 MB window: a skippable frame
  first, or a second frame, asked for libzstd's 128 MB unchecked.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from flows.inflate import BoundedDecoder
from tests.hostile.site import Site, article_html
from tests.hostile.test_fetch_edge_f50 import (
    _failed,
    _ingest,
    _pressroom,
    _rss,
    _source,
    _stored,
    _zstd,
)

DOCTYPE = "<!doctype html>"


def _xhtml(title: str) -> str:
    return ("<?xml version='1.0' encoding='utf-8'?>\n"
            + article_html(title).removeprefix(DOCTYPE).replace(
                "<html>", "<html xmlns='http://www.w3.org/1999/xhtml'>"))


MISLABELLED = {  # path -> (Content-Type, bytes of a real page), all to be read
    "/a/xhtml": ("application/octet-stream", _xhtml("Harbour works begin").encode()),
    "/a/meta": ("application/octet-stream",
                ('<meta charset="utf-8">' + article_html("Bridge opens to traffic")
                 .removeprefix(DOCTYPE)).encode()),
    "/a/header": ("application/pdf",
                  article_html("Tunnel closes for repairs").removeprefix(DOCTYPE)
                  .replace("<html><head>", "<header>Local news</header><head>").encode()),
    "/a/utf16": ("application/octet-stream",
                 ("\ufeff" + article_html("Ferry service resumes")).encode("utf-16-le")),
}
STILL_REFUSED = {
    "/a/report.pdf": ("application/pdf", b"%PDF-1.4\n" + b"Officials said. " * 200),
    "/a/map.svg": ("image/svg+xml", b"<?xml version='1.0'?><svg xmlns='http://www.w3.org/"
                   b"2000/svg'><text>Officials said</text></svg>" + b" " * 2000),
    "/a/api": ("application/json", b'{"html": "<p>Officials said</p>"}' + b" " * 2000),
    # The label says page, the bytes say file: main stored the first as an article with
    # no title, its text the PDF's (real PDFs with binary streams were ParseError).
    "/a/pdf-as-html": ("text/html; charset=utf-8", b"%PDF-1.4\n" + b"Officials said. " * 200),
    "/a/png-as-plain": ("text/plain", b"\x89PNG\r\n\x1a\n" + b"Officials said. " * 200),
}


def test_a_page_beginning_otherwise_than_the_sniffing_list_is_read(tmp_path: Path) -> None:
    with Site() as site:
        for path, (ctype, body) in {**MISLABELLED, **STILL_REFUSED}.items():
            site.set(path, body, ctype)
        site.set("/rss", _rss(site, [*MISLABELLED, *STILL_REFUSED]), "application/rss+xml")
        done, db = _ingest(tmp_path, _source(site, ["/rss"]))
    assert done.returncode == 3, done.stdout + done.stderr
    assert sorted(_stored(db)) == sorted(f"{site.url}{p}" for p in MISLABELLED), done.stdout
    for path in STILL_REFUSED:
        assert _failed(done.stdout, site, path, "MediaTypeRefused"), done.stdout


def test_a_failure_after_a_redirect_is_logged_under_the_url_asked(tmp_path: Path) -> None:
    with Site() as site:
        site.set("/a/ok", article_html("Harbour works begin"))
        # A page that is all script: nothing left to parse ("empty document").
        site.set("/a/moved", "", status=302, headers={"Location": "/a/scripted"})
        site.set("/a/scripted", "<script>" + "var a = 1;" * 50 + "</script>")
        # A blank 200 behind a redirect: a glitch, asked again next run.
        site.set("/a/blank", "", status=301, headers={"Location": "/a/blank-target"})
        site.set("/a/blank-target", "   ")
        site.set("/rss", _rss(site, ["/a/ok", "/a/moved", "/a/blank"]), "application/rss+xml")
        done, db = _ingest(tmp_path, _source(site, ["/rss"]))
    assert done.returncode == 3, done.stdout + done.stderr
    assert _failed(done.stdout, site, "/a/moved", "ParseError"), done.stdout
    assert _failed(done.stdout, site, "/a/blank", "EmptyBody"), done.stdout
    retries = _pressroom("status", "--retries", "--db", str(db))
    rows = [line for line in retries.stdout.splitlines() if "| a " in line]
    # The blank one: asked again next run, under the URL the next run asks. The parse
    # failure: its URL asked is seen (not an article), so nothing is to be asked again.
    assert len(rows) == 1 and "next_run" in rows[0], retries.stdout
    assert rows[0].endswith(f"{site.url}/a/blank"), retries.stdout
    con = duckdb.connect(str(db), read_only=True)
    try:
        logged = con.execute("SELECT url, status, error_class, error FROM fetch_log "
                             "WHERE error_class IS NOT NULL ORDER BY url").fetchall()
    finally:
        con.close()
    assert [(u, s, c) for u, s, c, _e in logged] == [
        (f"{site.url}/a/blank", 200, "EmptyBody"), (f"{site.url}/a/moved", 200, "ParseError")]
    assert all("-target" in e or "/a/scripted" in e for _u, _s, _c, e in logged), logged


def _rle_frame(window_descriptor: int, total: int) -> bytes:
    """A zstd frame of ``total`` zero bytes in 128 KB RLE blocks (4 bytes each), its
    window descriptor as given (0x88: 128 MB, libzstd's own limit; 0x58: 8 MB)."""
    block = 128 * 1024
    count = total // block
    return b"\x28\xb5\x2f\xfd\x00" + bytes([window_descriptor]) + b"".join(
        ((i == count - 1) | (1 << 1) | (block << 3)).to_bytes(3, "little") + b"\0"
        for i in range(count))


SKIPPABLE = b"\x50\x2a\x4d\x18\x04\x00\x00\x00abcd"


def test_every_zstd_frame_is_held_to_the_window_rfc_9659_allows(tmp_path: Path) -> None:
    """f50 read the first frame's window only: one behind a skippable frame or a first
    small frame asked for 128 MB and was decoded (TooLarge at the cap, a window of
    libzstd's size allowed). Now refused as the first frame's is; a skippable frame and
    frames one after another of an honest body are still read."""
    page = article_html("Ferry service resumes").encode()
    first = _zstd(page)
    with Site() as site:
        site.set("/a/whole", SKIPPABLE + first + _zstd(b"\n<!-- cached -->\n"),
                 headers={"Content-Encoding": "zstd"})
        site.set("/a/second", first + _rle_frame(0x88, 300 << 20),
                 headers={"Content-Encoding": "zstd"})
        site.set("/a/skipped", SKIPPABLE + _rle_frame(0x88, 300 << 20),
                 headers={"Content-Encoding": "zstd"})
        site.set("/rss", _rss(site, ["/a/whole", "/a/second", "/a/skipped"]),
                 "application/rss+xml")
        done, db = _ingest(tmp_path, _source(site, ["/rss"], "max_bytes = 2000000\n"))
    assert done.returncode == 3, done.stdout + done.stderr
    assert sorted(_stored(db)) == [f"{site.url}/a/whole"], done.stdout
    for path in ("/a/second", "/a/skipped"):
        # Terminal: the window is the server's choice and will not change on a retry.
        assert _failed(done.stdout, site, path, "UnsupportedCoding"), done.stdout
    assert done.stdout.count("134217728-byte window") == 2, done.stdout
    # The decoder alone: an 8 MB window in a second frame is within the RFC, read whole.
    decoder = BoundedDecoder("zstd")
    out = b"".join([*decoder.feed(first + _rle_frame(0x58, 4 << 20)), *decoder.flush()])
    assert out == page + bytes(4 << 20) and decoder.ended
