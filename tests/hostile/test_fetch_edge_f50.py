"""The fetch edge's gaps k49a found and left (f50): media types, unasked codings, a
redirect to a 404 on the retry list, ``http:///x`` links, ``--out ''``.

README: "Errors are one line", "nothing stored that is not a page". Each case is a real
CLI subprocess against a loopback site (tests/hostile/site.py) and a real DuckDB file:

- an article answering ``application/pdf``, ``application/json``, ``image/png`` or
  ``application/octet-stream`` with text-like bytes was parsed and stored as an article
  titled with its path; now ``MediaTypeRefused`` for that URL, the run goes on, and a page
  under ``text/plain`` or ``application/octet-stream`` whose bytes are HTML is still read;
- a ``Content-Encoding: zstd`` body was stored as it came (text-like "zstd" as an article);
  now zstd is undone under the size cap, and ``compress`` is ``UnsupportedCoding``;
- a redirect to a 404 was two entries in ``status --retries``: now one, the URL asked;
- ``http:///x`` in a feed, a sitemap or a listing was fetched on the feed's own host;
- ``export --out ''`` exported into the current folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from flows.inflate import BoundedDecoder
from pressroom.errors import TooLarge, UnsupportedCoding
from tests.hostile.site import Site, article_html
from warehouse import open_warehouse

ENV = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}


def _source(site: Site, feeds: list[str], extra: str = "") -> str:
    listed = ", ".join(f'"{site.url}{f}"' for f in feeds)
    return (f'[[source]]\nname = "a"\nfeeds = [{listed}]\nallow_private_network = true\n'
            f"min_delay = 0\ntimeout = 30\nrespect_robots = false\n{extra}\n")


def _rss(site: Site, paths: list[str]) -> str:
    items = "".join(f"<item><link>{site.url}{p}</link></item>" for p in paths)
    return f"<rss version='2.0'><channel>{items}</channel></rss>"


def _pressroom(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pressroom", *args], capture_output=True,
                          text=True, timeout=300, env=ENV, cwd=cwd)


def _ingest(tmp_path: Path, toml: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    sources = tmp_path / "s.toml"
    sources.write_text(toml, encoding="utf-8")
    db = tmp_path / "x.duckdb"
    done = _pressroom("ingest", "--no-prefect", "--verbose", "--sources", str(sources),
                      "--db", str(db))
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    return done, db


def _stored(db: Path) -> dict[str, str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("SELECT url, title FROM articles").fetchall()
    finally:
        con.close()
    return {str(u): str(t) for u, t in rows}


def _failed(out: str, site: Site, path: str, error_class: str) -> bool:
    return any(line.startswith(f"a: {site.url}{path}: {error_class}: ")
               for line in out.splitlines())


TEXT = "Officials said on Tuesday that the harbour works begin next week. " * 20
NOT_PAGES = {  # path -> (Content-Type, text-like bytes)
    "/a/report.pdf": ("application/pdf", f"%PDF-1.4\n{TEXT}"),
    "/a/data": ("application/json", f'{{"title": "Harbour", "body": "{TEXT}"}}'),
    "/a/photo": ("image/png", TEXT),
    "/a/blob": ("application/octet-stream", TEXT),
    "/a/doc": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
               TEXT),
}


def test_an_answer_that_is_no_page_is_refused_and_a_mislabelled_page_read(
        tmp_path: Path) -> None:
    with Site() as site:
        site.set("/a/ok", article_html("Harbour works begin"))
        site.set("/a/plain", article_html("Bridge opens to traffic"), "text/plain")
        site.set("/a/octet-html", article_html("Tunnel closes for repairs"),
                 "application/octet-stream")
        for path, (ctype, body) in NOT_PAGES.items():
            site.set(path, body, ctype)
        paths = ["/a/ok", "/a/plain", "/a/octet-html", *NOT_PAGES]
        site.set("/rss", _rss(site, paths), "application/rss+xml")
        done, db = _ingest(tmp_path, _source(site, ["/rss"]))
    assert done.returncode == 3, done.stdout + done.stderr  # partial: those URLs failed
    for path in NOT_PAGES:
        assert _failed(done.stdout, site, path, "MediaTypeRefused"), done.stdout
    assert sorted(_stored(db)) == sorted(f"{site.url}{p}" for p in ("/a/ok", "/a/plain",
                                                                    "/a/octet-html"))
    retries = _pressroom("status", "--retries", "--verbose", "--db", str(db))
    for path in NOT_PAGES:  # terminal: on the retry schedule, not asked again this run
        assert f"{site.url}{path}" in retries.stdout, retries.stdout


def _zstd(data: bytes) -> bytes:
    return bytes(pa.Codec("zstd").compress(data, asbytes=True))


def test_zstd_is_undone_under_the_cap_and_compress_refused(tmp_path: Path) -> None:
    with Site() as site:
        page = article_html("Ferry service resumes").encode()
        site.set("/a/zstd", _zstd(page), headers={"Content-Encoding": "zstd"})
        # 1 GB of spaces in a 32 KB frame: stopped at max_bytes, not inflated whole.
        site.set("/a/bomb", _zstd(b" " * (1 << 30)), headers={"Content-Encoding": "zstd"})
        site.set("/a/lzw", article_html("Not really LZW"),
                 headers={"Content-Encoding": "compress"})
        site.set("/a/fake", article_html("Not really zstd"),
                 headers={"Content-Encoding": "zstd"})
        site.set("/rss", _rss(site, ["/a/zstd", "/a/bomb", "/a/lzw", "/a/fake"]),
                 "application/rss+xml")
        done, db = _ingest(tmp_path, _source(site, ["/rss"], "max_bytes = 2000000\n"))
    assert done.returncode == 3, done.stdout + done.stderr
    assert _stored(db) == {f"{site.url}/a/zstd": "Ferry service resumes"}
    assert _failed(done.stdout, site, "/a/bomb", "TooLarge"), done.stdout
    assert _failed(done.stdout, site, "/a/lzw", "UnsupportedCoding"), done.stdout
    # Not zstd at all: undecodable, as a corrupt gzip is (asked again next run).
    assert _failed(done.stdout, site, "/a/fake", "ConnectError"), done.stdout


def test_a_redirect_to_a_404_is_one_entry_on_the_retry_list(tmp_path: Path) -> None:
    with Site() as site:
        site.set("/a/ok", article_html("Harbour works begin"))
        site.set("/a/moved", "", status=302, headers={"Location": "/a/gone"})
        site.set("/rss", _rss(site, ["/a/ok", "/a/moved"]), "application/rss+xml")
        done, db = _ingest(tmp_path, _source(site, ["/rss"]))
    assert done.returncode == 3, done.stdout + done.stderr
    assert _failed(done.stdout, site, "/a/moved", "HTTPStatusError"), done.stdout
    retries = _pressroom("status", "--retries", "--verbose", "--db", str(db))
    assert retries.returncode == 0, retries.stdout + retries.stderr
    # The URL asked is the key: the feed lists it, the schedule asks it again, and the
    # next redirect may lead elsewhere. The target is named in the reason.
    assert f"{site.url}/a/moved" in retries.stdout, retries.stdout
    assert "next_run" not in retries.stdout and "next run" not in retries.stdout, (
        retries.stdout)
    assert f"{site.url}/a/gone" in retries.stdout  # in the reason: HTTP 404 at .../a/gone
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("SELECT url, state FROM url_retries").fetchall()
    finally:
        con.close()
    assert rows == [(f"{site.url}/a/moved", "pending")]


def test_empty_authority_links_are_ignored_in_feeds_sitemaps_and_listings(
        tmp_path: Path) -> None:
    with Site() as site:
        for name in ("ok", "feed", "sitemap", "listing", "next"):
            site.set(f"/a/{name}", article_html(f"Story {name} of the week"))
        site.set("/rss", "<rss version='2.0'><channel>"
                 f"<item><link>{site.url}/a/ok</link></item>"
                 "<item><link>http:///a/feed</link></item></channel></rss>",
                 "application/rss+xml")
        site.set("/sitemap.xml", "<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                 "<url><loc>http:///a/sitemap</loc></url></urlset>", "application/xml")
        site.set("/list", "<html><body><a class='s' href='http:///a/listing'>x</a>"
                 f"<a class='s' href='{site.url}/a/ok'>ok</a>"
                 "<a rel='next' href='http:///list2'>more</a></body></html>")
        site.set("/list2", "<html><body><a class='s' href='/a/next'>x</a></body></html>")
        listing = (f'listings = [{{ url = "{site.url}/list", links = "a.s", pages = 3 }}]\n')
        done, db = _ingest(tmp_path, _source(site, ["/rss", "/sitemap.xml"], listing))
    assert done.returncode == 0, done.stdout + done.stderr
    assert sorted(_stored(db)) == [f"{site.url}/a/ok"]
    assert site.count("/a/feed") == site.count("/a/sitemap") == 0
    assert site.count("/a/listing") == site.count("/list2") == 0


def test_an_empty_out_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    with open_warehouse(db, stories=False, story_sidecar=False):
        pass  # an empty warehouse: main exported it into ./articles
    before = sorted(tmp_path.iterdir())
    for command in ("export", "report"):
        for out in ("", "  "):
            done = _pressroom(command, "--out", out, "--db", str(db), cwd=tmp_path)
            assert done.returncode == 2, done.stdout + done.stderr
            assert done.stderr.count("\n") == 1 and "--out is empty" in done.stderr, (
                done.stderr)
    assert sorted(tmp_path.iterdir()) == before  # no ./articles, no report


def test_a_redirect_to_a_failing_host_is_asked_again_under_the_url_asked(
        tmp_path: Path) -> None:
    """Transient (a 503 behind the redirect): not scheduled, listed ``next_run`` under the
    URL the next run asks (the feed's), not the target."""
    with Site() as site:
        site.set("/a/ok", article_html("Harbour works begin"))
        site.set("/a/moved", "", status=302, headers={"Location": "/a/down"})
        site.set("/a/down", "busy", "text/plain", status=503)
        site.set("/rss", _rss(site, ["/a/ok", "/a/moved"]), "application/rss+xml")
        done, db = _ingest(tmp_path, _source(site, ["/rss"]))
    assert done.returncode == 3, done.stdout + done.stderr
    retries = _pressroom("status", "--retries", "--db", str(db))
    rows = [line for line in retries.stdout.splitlines() if "| a " in line]
    assert len(rows) == 1 and "next_run" in rows[0], retries.stdout
    assert rows[0].endswith(f"{site.url}/a/moved"), retries.stdout


def test_zstd_decoder_limits() -> None:
    """RFC 9659's 8 MB window; a frame cut short is not whole; frames one after another."""
    page = article_html("Ferry service resumes").encode()
    frame = _zstd(page)
    whole = BoundedDecoder("zstd")
    assert b"".join([*whole.feed(frame + frame), *whole.flush()]) == page + page
    assert whole.ended
    cut = BoundedDecoder("zstd")
    b"".join([*cut.feed(frame[:-6]), *cut.flush()])
    assert not cut.ended
    # A frame header asking for a 32 MB window (window descriptor 0x78: 2**25).
    wide = b"\x28\xb5\x2f\xfd\x00\x78" + frame[6:]
    with pytest.raises(UnsupportedCoding, match="window"):
        _drain("zstd", wide)
    with pytest.raises(TooLarge):
        list(BoundedDecoder("zstd", limit=100).feed(frame))
    assert BoundedDecoder("compress").refused == "compress"
    assert BoundedDecoder("foo, identity").refused is None


def _drain(coding: str, body: bytes) -> list[bytes]:
    decoder = BoundedDecoder(coding)
    return [*decoder.feed(body), *decoder.flush()]
