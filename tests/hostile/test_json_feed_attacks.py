"""Hostile JSON Feeds through a real ingest (review r25; parsers/feed_json.py).

README: feeds are JSON Feed too; URLs that are not http(s) or off the source's
hosts are never fetched; a broken feed is one failure line, never a traceback.
A real CLI subprocess against a loopback site, a real DuckDB file.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from tests.cli_run import run_cli
from tests.hostile.site import Site, article_html, loopback_sources

VERSION = "https://jsonfeed.org/version/1.1"


def _items(base: str) -> list[object]:
    return [
        {"id": "1", "url": f"{base}/a/1", "title": "one"},
        {"id": "1", "url": f"{base}/a/1", "title": "the same id and url again"},
        {"id": "2", "url": "javascript:fetch('/a/js')"},
        {"id": "3", "url": "file:///etc/passwd"},
        {"id": "4", "url": "data:text/html,<script>x</script>"},
        {"id": "file:///etc/shadow"},
        {"id": "http://169.254.169.254/latest/meta-data/"},
        {"id": "6", "url": "http://other.invalid/a/6"},
        {"id": "7", "external_url": f"{base}/a/external"},
        {"id": "8", "url": ["/a/list"], "title": {"x": 1}, "date_published": 5,
         "authors": "nobody"},
        {"id": "9", "url": 9},
        "not an object", None, 7, [],
        {"url": f"{base}/a/2", "date_published": "not a date", "authors": [None, {"name": 3}]},
    ]


def test_hostile_json_feeds_fetch_only_the_sources_own_articles(tmp_path: Path) -> None:
    with Site() as site:
        site.set("/feed.json", json.dumps({"version": VERSION, "items": _items(site.url)}),
                 "application/feed+json")
        site.set("/deep.json", json.dumps({"version": VERSION})[:-1]
                 + ', "items": ' + "[" * 100_000 + "]" * 100_000 + "}", "application/feed+json")
        site.set("/wrong.json", json.dumps({"version": VERSION, "items": {"url": "/a/3"}}),
                 "application/json")
        for k in (1, 2):
            site.set(f"/a/{k}", article_html(f"Story {k} of the hostile feed"))
        toml = loopback_sources(tmp_path / "s.toml", "js", [
            f"{site.url}{p}" for p in ("/feed.json", "/deep.json", "/wrong.json")])
        db = tmp_path / "x.duckdb"
        done = run_cli("ingest", "--no-prefect", "--sources", str(toml), "--db", str(db),
                       timeout=300)
        out = done.stdout + done.stderr
        assert "Traceback" not in out, out
        assert done.returncode == 3, out  # partial: two feeds failed, the articles stored
        # Each broken feed, its reason, where the run's warning sends the user.
        shown = run_cli("status", "--retries", "--verbose", "--db", str(db), timeout=120)
        assert shown.returncode == 0, shown.stdout + shown.stderr
        assert "nested too deeply" in shown.stdout, shown.stdout
        assert "'items' is not a list" in shown.stdout, shown.stdout
        fetched = {p for p in site.hits if p.startswith("/a/")}
        assert fetched == {"/a/1", "/a/2"}, dict(site.hits)
        assert site.hits["/a/1"] == 1, dict(site.hits)
    with duckdb.connect(str(db), read_only=True) as con:
        urls = sorted(r[0] for r in con.execute("SELECT url FROM articles").fetchall())
    assert urls == [f"{site.url}/a/1", f"{site.url}/a/2"]
