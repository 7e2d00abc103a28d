"""A 304 Not Modified to an article fetch that sent no validators (k52).

A broken server or cache can answer 304 to a plain GET of a URL never fetched before.
The run counted it "unchanged" (a stored article, README's totals) although nothing was
stored, exited 0, and kept the feed's validators, so the next runs found the feed
unchanged and never asked the URL again: the release was lost until the feed changed.
Now it fails as a blank answer does (EmptyBody: not marked seen, exit 3) and the next
run asks it again. Real loopback site, real DuckDB file, real CLI subprocesses.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from tests.cli_run import run_cli
from tests.hostile.site import Site, article_html, loopback_sources


def _rss(urls: list[str]) -> str:
    items = "".join(f"<item><title>t{i}</title><link>{u}</link></item>"
                    for i, u in enumerate(urls))
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>'
            f"{items}</channel></rss>")


def test_an_unasked_304_is_no_stored_article_and_is_asked_again(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with Site() as site:
        site.set("/a/ok", article_html("Fine release"))
        site.set("/a/nm", b"", status=304)
        site.set("/feed.xml", _rss([f"{site.url}/a/ok", f"{site.url}/a/nm"]),
                 "application/rss+xml")
        sources = loopback_sources(tmp_path / "s.toml", "x", [f"{site.url}/feed.xml"])
        first = run_cli("ingest", "--no-prefect", "--sources", str(sources), "--db", str(db))
        site.set("/a/nm", article_html("Recovered release"))  # the cache heals
        second = run_cli("ingest", "--no-prefect", "--sources", str(sources), "--db", str(db))
        asked = site.count("/a/nm")
    assert "Traceback" not in first.stderr + second.stderr
    # Not "1 unchanged": nothing was stored; a failure, asked again (exit 3: partial).
    assert first.returncode == 3, first.stdout + first.stderr
    assert "0 updated, 0 unchanged" in first.stdout, first.stdout
    assert asked == 2, f"/a/nm asked {asked} time(s) over two runs"
    assert second.returncode == 0, second.stdout + second.stderr
    con = duckdb.connect(str(db), read_only=True)
    try:
        titles = sorted(r[0] for r in con.execute("SELECT title FROM articles").fetchall())
        logged = con.execute("SELECT error_class FROM fetch_log WHERE url LIKE '%/a/nm' "
                             "AND error_class IS NOT NULL").fetchall()
    finally:
        con.close()
    assert titles == ["Fine release", "Recovered release"]
    assert logged == [("EmptyBody",)]
