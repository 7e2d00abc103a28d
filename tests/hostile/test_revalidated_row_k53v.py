"""A feed's http_cache row after a 304 (k53v, attacking v53's "the empty body's hash is
harmless").

A 304 has no body, and its row was written from the 304 alone: its headers and the hash
of no bytes. Two ways that hurts, both ordinary servers:

- RFC 9110 15.4.5: a 304 carries ETag, Date, Vary, Cache-Control, Expires,
  Content-Location, and SHOULD NOT carry other metadata; Last-Modified is not in the
  list. A server with Last-Modified only answered 304 without it, so the row lost the
  validator and the next run asked in full: every other run a full GET, and (the row's
  hash being the empty body's) the same bytes taken as a changed feed, one more copy
  stored each time.
- A redeploy gives the same bytes a new ETag (nginx: mtime and size). After a 304 the
  row's hash was the empty body's, so the 200 with unchanged bytes was a changed feed:
  one more copy in ``pages``.

Real loopback server, real DuckDB file, real CLI subprocesses.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb

from tests.cli_run import run_cli
from tests.hostile.site import article_html, loopback_sources

LAST_MODIFIED = "Mon, 30 Nov 2026 10:00:00 GMT"


class _Server:
    """A feed and one article. The feed answers 304 to a matching If-None-Match or
    If-Modified-Since with the ETag only (as RFC 9110 says a 304 should); ``etag`` None:
    Last-Modified only."""

    def __init__(self) -> None:
        self.etag: str | None = None
        self.hits: Counter[str] = Counter()
        self.not_modified: Counter[str] = Counter()
        self.conditional: Counter[str] = Counter()
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                base = f"http://127.0.0.1:{self.server.server_address[1]}"
                with server._lock:
                    server.hits[self.path] += 1
                    etag, since = (self.headers.get("If-None-Match"),
                                   self.headers.get("If-Modified-Since"))
                    if self.path == "/a/one":
                        body = article_html("Release one").encode()
                        ctype, headers = "text/html; charset=utf-8", {}
                    elif self.path == "/feed.xml":
                        body = ('<?xml version="1.0"?><rss version="2.0"><channel>'
                                f"<title>x</title><item><title>t</title><link>{base}/a/one"
                                "</link></item></channel></rss>").encode()
                        ctype = "application/rss+xml"
                        headers = {"Last-Modified": LAST_MODIFIED}
                        if server.etag:
                            headers["ETag"] = server.etag
                        if etag is not None or since is not None:
                            server.conditional[self.path] += 1
                        if (etag is not None and etag == server.etag) or (
                                etag is None and since == LAST_MODIFIED):
                            server.not_modified[self.path] += 1
                            self.send_response(304)
                            if server.etag:
                                self.send_header("ETag", server.etag)
                            self.end_headers()
                            return
                    else:
                        self.send_response(404)
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                        return
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                return

        self._http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._http.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._http.server_address[1]}"

    @contextmanager
    def running(self) -> Iterator[_Server]:
        thread = threading.Thread(target=self._http.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._http.shutdown()
            self._http.server_close()
            thread.join(timeout=5)


def _feed_copies(db: Path) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("SELECT count(*) FROM pages WHERE url LIKE '%/feed.xml'").fetchone()
        return int(row[0]) if row else 0
    finally:
        con.close()


def _ingest(sources: Path, db: Path) -> None:
    run = run_cli("ingest", "--no-prefect", "--sources", str(sources), "--db", str(db))
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Traceback" not in run.stderr


def test_a_304_without_last_modified_keeps_the_row_conditional(tmp_path: Path) -> None:
    """Last-Modified only; the 304 does not repeat it. Every run after the first is
    conditional and answered 304; the feed is stored once."""
    db = tmp_path / "w.duckdb"
    with _Server().running() as site:
        sources = loopback_sources(tmp_path / "s.toml", "solo", [f"{site.url}/feed.xml"])
        for _ in range(4):
            _ingest(sources, db)
        assert site.hits["/feed.xml"] == 4
        # main: runs 2 and 4 conditional (304), run 3 asked in full (the row had lost
        # Last-Modified) and stored the same bytes again as a changed feed
        assert site.conditional["/feed.xml"] == 3
        assert site.not_modified["/feed.xml"] == 3
        assert site.hits["/a/one"] == 1
    assert _feed_copies(db) == 1


def test_the_same_bytes_under_a_new_etag_after_a_304_are_not_stored_again(
        tmp_path: Path) -> None:
    """200 (v1), 304 (v1), then a redeploy: the same bytes under "v2". The 200 is the
    same bytes as the stored copy: unchanged, not a second copy; then 304 on v2."""
    db = tmp_path / "w.duckdb"
    with _Server().running() as site:
        site.etag = '"v1"'
        sources = loopback_sources(tmp_path / "s.toml", "solo", [f"{site.url}/feed.xml"])
        _ingest(sources, db)
        _ingest(sources, db)
        assert site.not_modified["/feed.xml"] == 1
        site.etag = '"v2"'
        _ingest(sources, db)
        assert _feed_copies(db) == 1  # main: 2 (the row's hash was the empty body's)
        _ingest(sources, db)
        assert site.not_modified["/feed.xml"] == 2
        assert site.hits["/a/one"] == 1


def test_a_row_holding_the_empty_body_hash_compares_the_stored_copy(tmp_path: Path) -> None:
    """Rows a 304 wrote before (kept by migration 021 for a source's own feed) hold the
    hash of no bytes. The same bytes under a redeploy's new ETag are compared with the
    stored copy: unchanged, no second copy."""
    db = tmp_path / "w.duckdb"
    with _Server().running() as site:
        site.etag = '"v1"'
        sources = loopback_sources(tmp_path / "s.toml", "solo", [f"{site.url}/feed.xml"])
        _ingest(sources, db)
        con = duckdb.connect(str(db))
        try:  # as 648b78e's 304 left it (e3b0...: sha256 of b"")
            con.execute("UPDATE http_cache SET body_sha256 = "
                        "'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' "
                        "WHERE url LIKE '%/feed.xml'")
        finally:
            con.close()
        site.etag = '"v2"'
        _ingest(sources, db)
        assert _feed_copies(db) == 1  # main: 2
        _ingest(sources, db)
        assert site.not_modified["/feed.xml"] == 1
        assert site.hits["/a/one"] == 1
