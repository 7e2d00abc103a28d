"""Rows that code before s54 (d8d5f3d) wrote for a URL answered through a redirect: the
http_cache row of the URL asked held the target's ETag and Last-Modified. s54 stopped
writing them but left the rows already written ("until the next complete run that
follows the redirect"): a feed or article that stopped redirecting before such a run
was asked with the target's validators, answered 304 (one generation time stamping every
file) and its own items were never stored. Migration 022 drops the validators (the body's
hash stays) of every row whose URL answered a 3xx or was stored through a redirect.

The older warehouse is made as that code left it: a real run on the new code, then the
row set to what the old ``cache_entry`` wrote and 022's record taken out, so the next
run's open migrates it as an upgrade does. Real CLI subprocesses, a loopback site, a
real DuckDB file.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from tests.cli_run import run_cli
from tests.hostile.site import Site, article_html, loopback_sources
from tests.hostile.sitemap_site import NS

STAMP = "Mon, 07 Dec 2026 08:00:00 GMT"


def _urlset(site: Site, path: str, *articles: str) -> None:
    urls = "".join(f"<url><loc>{site.url}{a}</loc></url>" for a in articles)
    site.set(path, f'<urlset xmlns="{NS}">{urls}</urlset>', "application/xml",
             headers={"Last-Modified": STAMP})


def _as_older_code_left_it(db: Path, url: str) -> None:
    """The row of ``url`` as cache_entry wrote it before s54 (the target's validators),
    and the warehouse at the schema that code had (022 not applied)."""
    con = duckdb.connect(str(db))
    try:
        assert con.execute("UPDATE http_cache SET last_modified = ? WHERE url = ?",
                           [STAMP, url]).fetchall() == [(1,)]
        con.execute("DELETE FROM schema_migrations WHERE version >= 22")
    finally:
        con.close()


def test_a_feed_whose_older_row_holds_its_targets_validators(tmp_path: Path) -> None:
    """/sm/feed.xml 302 -> /sm/moved.xml in run 1; its row as older code left it (the
    target's Last-Modified); it then serves its own list under the same Last-Modified.
    On main the next run asks it with If-Modified-Since, gets a 304 and /a/own is never
    fetched."""
    db, sources = tmp_path / "w.duckdb", tmp_path / "s.toml"
    with Site() as site:
        for name in ("moved", "own"):
            site.set(f"/a/{name}", article_html(f"Story {name}"))
        _urlset(site, "/sm/moved.xml", "/a/moved")
        site.set("/sm/feed.xml", "", status=302, headers={"Location": "/sm/moved.xml"})
        loopback_sources(sources, "plain", [f"{site.url}/sm/feed.xml"])
        base = ("ingest", "--no-prefect", "--sources", str(sources), "--db", str(db))
        first = run_cli(*base)
        assert first.returncode == 0 and site.hits["/a/moved"] == 1, first.stdout
        _as_older_code_left_it(db, f"{site.url}/sm/feed.xml")
        _urlset(site, "/sm/feed.xml", "/a/own")
        again = run_cli(*base)
        assert again.returncode == 0, again.stdout + again.stderr
        assert site.hits["/a/own"] == 1, (sorted(site.hits.items()), again.stdout)
        # Its own answer's validators are kept from then on: the third run costs a 304.
        site.conditional.clear()
        third = run_cli(*base)
        assert third.returncode == 0 and site.conditional["/sm/feed.xml"] == 1, third.stdout
        assert site.hits["/a/own"] == 1


def test_an_article_whose_older_row_holds_its_targets_validators(tmp_path: Path) -> None:
    """/a/old 302 -> /a/new in run 1 (stored as its target's page); its row as older code
    left it. /a/old then serves a page of its own under the same Last-Modified: a
    --refresh asks it with If-Modified-Since; on main a 304, its own story never stored."""
    db, sources = tmp_path / "w.duckdb", tmp_path / "s.toml"
    with Site() as site:
        site.set("/a/new", article_html("Story new"), headers={"Last-Modified": STAMP})
        site.set("/a/old", "", status=302, headers={"Location": "/a/new"})
        _urlset(site, "/sm/feed.xml", "/a/old")
        loopback_sources(sources, "plain", [f"{site.url}/sm/feed.xml"])
        base = ("ingest", "--no-prefect", "--sources", str(sources), "--db", str(db))
        first = run_cli(*base)
        assert first.returncode == 0 and site.hits["/a/new"] == 1, first.stdout
        _as_older_code_left_it(db, f"{site.url}/a/old")
        site.set("/a/old", article_html("Story own"), headers={"Last-Modified": STAMP})
        again = run_cli(*base, "--refresh")
        assert again.returncode == 0, again.stdout + again.stderr
        con = duckdb.connect(str(db), read_only=True)
        try:
            titles = {t for (t,) in con.execute("SELECT title FROM articles").fetchall()}
        finally:
            con.close()
        assert "Story own" in titles, (titles, again.stdout)
