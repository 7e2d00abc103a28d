"""r54: a `--refresh` that asks a known non-article page again (a listing or an empty
page a feed names) counts it among "not articles", as a run without `--refresh` does,
not among "unchanged" (README: "unchanged (a stored article)", "not articles (a page found
to be a listing or empty, this run or before)"). Each listed URL is counted once.

Before: the refresh of a feed naming an article, a listing and an empty page, each
answered 304 or with the same bytes, said `0 updated, 3 unchanged, 0 not articles` and
wrote runs.unchanged = 3; the run without --refresh after it said `1 unchanged, 2 not
articles`.

Real parts: a static site on loopback (Python's http.server: Last-Modified and 304s),
`pressroom ingest --no-prefect` subprocesses, a DuckDB file."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import pytest

from tests.cli_run import run_cli

_TEXT = " ".join(["The ministry said today that the cooperation agreement was signed in "
                  "the capital after long talks between the two delegations."] * 8)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    root = tmp_path / "site"
    (root / "news").mkdir(parents=True)
    (root / "news" / "a1.html").write_text(
        "<html><head><title>Release 1</title><meta property='article:published_time' "
        f"content='2026-12-01T10:00:00Z'></head><body><article><h1>Release 1</h1><p>{_TEXT}"
        "</p></article></body></html>", encoding="utf-8")
    (root / "news" / "index.html").write_text(
        "<html><body>" + "".join(f"<p><a href='/news/a{i}.html'>Release {i}</a></p>"
                                 for i in range(1, 30)) + "</body></html>", encoding="utf-8")
    (root / "news" / "empty.html").write_text("<html><body></body></html>", encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(_Quiet, directory=str(root)))
    base = f"http://127.0.0.1:{server.server_address[1]}"
    items = "".join(f"<item><title>{p}</title><link>{base}/news/{p}.html</link></item>"
                    for p in ("a1", "index", "empty"))
    (root / "rss.xml").write_text(
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title><link>{base}/"
        f"</link><description>d</description>{items}</channel></rss>", encoding="utf-8")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()


def test_a_refresh_counts_known_non_articles_as_not_articles(site: str,
                                                             tmp_path: Path) -> None:
    sources = tmp_path / "s.toml"
    sources.write_text(f'[[source]]\nname = "na"\nfeeds = ["{site}/rss.xml"]\n'
                       "allow_private_network = true\nmin_delay = 0\n", encoding="utf-8")
    db = str(tmp_path / "w.duckdb")
    base = ("ingest", "--no-prefect", "--sources", str(sources), "--db", db)
    first = run_cli(*base)
    assert first.returncode == 0, first.stderr[-2000:]
    assert "0 updated, 0 unchanged, 2 not articles, " in first.stdout, first.stdout
    refresh = run_cli(*base, "--refresh")
    assert refresh.returncode == 0, refresh.stderr[-2000:]
    assert "total: 3 listed, 3 fetched, 0 new " in refresh.stdout, refresh.stdout
    assert "0 updated, 1 unchanged, 2 not articles, " in refresh.stdout, refresh.stdout
    idle = run_cli(*base)  # guard: the run without --refresh counts them so too
    assert "0 updated, 1 unchanged, 2 not articles, " in idle.stdout, idle.stdout
    with duckdb.connect(db, read_only=True) as con:
        rows = con.execute("SELECT fetched, unchanged FROM runs ORDER BY run_seq").fetchall()
    assert rows == [(3, 0), (3, 1), (0, 1)], rows
