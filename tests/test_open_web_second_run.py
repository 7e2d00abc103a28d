"""Issue 17 end to end, second runs: the same feed or home page ingested twice with
`pressroom ingest` into one DuckDB file, unchanged (same bytes or a 304) or with a new story;
what the second run counts. Served by the open-web loopback site (tests/open_web_site.py).

Cases marked "regression" failed before the fix named in their test's comment.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.open_web_site import TIMEOUT, Response, Site, item, rss


def two_runs(tmp_path: Path, etag: str | None) -> list[str]:
    """Ingest the same koi8-r feed (labelled only by its Content-Type) twice; both outputs."""
    site = Site()
    try:
        site.story("/koi8/Минск/1", "Minsk story")
        feed = site.add("/koi8/feed", Response(
            rss(item(f"{site.base}/koi8/Минск/1", "Минск")).encode("koi8-r"),
            "application/rss+xml; charset=koi8-r", etag=etag))
        toml = tmp_path / "sources.toml"
        toml.write_text(f'[[source]]\nname = "k"\nfeeds = ["{feed}"]\n'
                        "allow_private_network = true\nmin_delay = 0.0\ntimeout = 60.0\n"
                        "respect_robots = false\n", encoding="utf-8")
        env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
        outs = [subprocess.run([sys.executable, "-m", "pressroom", "ingest", "--no-prefect",
                                "--sources", str(toml), "--db", str(tmp_path / "w.duckdb")],
                               capture_output=True, text=True, env=env, timeout=TIMEOUT,
                               check=False).stdout for _ in range(2)]
        if etag:  # the second run's feed request was answered by a 304
            assert site.hits.count("/koi8/feed") == 2, site.hits
    finally:
        site.server.shutdown()
        site.server.server_close()
    return outs


def test_unchanged_feed_labelled_only_by_its_header_counts_its_links(tmp_path: Path) -> None:
    # Regression (relisted feeds read with their charset): the second run gets the same
    # koi8-r feed; its one link is counted as listed and unchanged (it was in no column).
    outs = two_runs(tmp_path, etag=None)
    assert "1 listed, 1 fetched, 1 new" in outs[0], outs[0]
    assert "1 listed, 0 fetched" in outs[1] and " 1 unchanged" in outs[1], outs[1]


def test_feed_answering_304_is_read_back_with_its_stored_charset(tmp_path: Path) -> None:
    # Regression (a 304's stored copy read with its charset): the second run's 304 has no
    # body, so the stored copy is parsed; without its stored encoding the Cyrillic link
    # was misdecoded and counted nowhere ("1 listed" but 0 unchanged).
    outs = two_runs(tmp_path, etag='"k1"')
    assert "1 listed, 1 fetched, 1 new" in outs[0], outs[0]
    assert "1 listed, 0 fetched" in outs[1] and " 1 unchanged" in outs[1], outs[1]


@pytest.mark.parametrize("etag", ['"h1"', None])
def test_unchanged_home_page_still_has_its_feeds_read(tmp_path: Path, etag: str | None) -> None:
    # Category "a site's home page named as its feed", second run: the home page is
    # unchanged (a 304, or the same bytes), the feed it names has a new story.
    site = Site()
    try:
        first = site.story("/h/1", "First story")
        home = ("<!DOCTYPE html><html><head><title>Home</title><link rel='alternate' "
                "type='application/feed+json' href='/h/feed.json'></head><body>Hi</body></html>")
        page = site.add("/h/", Response(home.encode(), etag=etag))

        def feed(*links: str) -> Response:
            doc = {"version": "https://jsonfeed.org/version/1.1", "title": "t",
                   "items": [{"id": u, "url": u} for u in links]}
            return Response(json.dumps(doc).encode(), "application/feed+json")

        site.add("/h/feed.json", feed(first))
        toml = tmp_path / "sources.toml"
        toml.write_text(f'[[source]]\nname = "h"\nfeeds = ["{page}"]\n'
                        "allow_private_network = true\nmin_delay = 0.0\ntimeout = 60.0\n"
                        "respect_robots = false\n", encoding="utf-8")
        env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
        args = [sys.executable, "-m", "pressroom", "ingest", "--no-prefect",
                "--sources", str(toml), "--db", str(tmp_path / "w.duckdb")]
        outs = [subprocess.run(args, capture_output=True, text=True, env=env, timeout=TIMEOUT,
                               check=False).stdout]
        second = site.story("/h/2", "Second story")
        site.add("/h/feed.json", feed(second, first))
        outs.append(subprocess.run(args, capture_output=True, text=True, env=env,
                                   timeout=TIMEOUT, check=False).stdout)
    finally:
        site.server.shutdown()
        site.server.server_close()
    assert "1 listed, 1 fetched, 1 new" in outs[0], outs[0]
    assert "2 listed, 1 fetched, 1 new" in outs[1], outs[1]
