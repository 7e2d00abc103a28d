"""A feed answered through a redirect kept the target's validators under the URL asked
(s54): its row held the target's Last-Modified, so once the feed stopped redirecting and
served its own list under the same Last-Modified (a generator stamping every file with
one generation time), it was asked with If-Modified-Since, answered 304, and the copy
stored under its URL, the target's, was read back: its own articles were never fetched.
Validators belong to the URL that answered; the row of a redirected read keeps only the
body's hash (the same bytes next time are still no new copy). Real CLI subprocesses, a
loopback site, a real DuckDB file.
"""

from __future__ import annotations

from pathlib import Path

from tests.cli_run import run_cli
from tests.hostile.site import Site, article_html, loopback_sources
from tests.hostile.sitemap_site import NS

STAMP = "Mon, 07 Dec 2026 08:00:00 GMT"


def _urlset(site: Site, path: str, article: str) -> None:
    site.set(path, f'<urlset xmlns="{NS}"><url><loc>{site.url}{article}</loc></url></urlset>',
             "application/xml", headers={"Last-Modified": STAMP})


def test_a_feed_that_stops_redirecting_is_read_for_its_own_articles(tmp_path: Path) -> None:
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
        _urlset(site, "/sm/feed.xml", "/a/own")  # its own list again, same generation time
        again = run_cli(*base)
        assert again.returncode == 0, again.stdout + again.stderr
        assert site.hits["/a/own"] == 1, (sorted(site.hits.items()), again.stdout)
