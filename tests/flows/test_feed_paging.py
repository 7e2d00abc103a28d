"""A backfill follows a paged feed into the past (parsers/feeds.py: "feeds paged
into the past"); a scheduled ingest reads the first page only.

Real CLI subprocesses (``--no-prefect``) against loopback sites, real DuckDB files.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import duckdb

from tests.cli_run import run_cli
from tests.hostile.site import Site, article_html, loopback_sources

ATOM_NS = "http://www.w3.org/2005/Atom"


def rss(site: str, items: list[tuple[str, str]], older: str | None) -> str:
    """An RSS page of (path, RFC 822 date) items naming ``older`` as its next page."""
    link = f'<atom:link rel="next" href="{older}"/>' if older else ""
    body = "".join(f"<item><link>{site}{path}</link><pubDate>{when}</pubDate></item>"
                   for path, when in items)
    return (f'<rss version="2.0" xmlns:atom="{ATOM_NS}"><channel><title>t</title>{link}'
            f"{body}</channel></rss>")


def pressroom(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, "--no-prefect", "--sources", str(tmp_path / "s.toml"), "--db",
                   str(tmp_path / "x.duckdb"), timeout=300)


def stored(tmp_path: Path) -> list[str]:
    con = duckdb.connect(str(tmp_path / "x.duckdb"), read_only=True)
    try:
        return sorted(r[0].rsplit("/", 1)[-1] for r in con.execute("SELECT url FROM articles")
                      .fetchall())
    finally:
        con.close()


NOV, OCT, OLD = ("Mon, 30 Nov 2026 10:00:00 +0000", "Fri, 30 Oct 2026 10:00:00 +0000",
                 "Sat, 16 Nov 2019 10:00:00 +0000")


def test_backfill_follows_older_feed_pages_back_to_the_date(tmp_path: Path) -> None:
    with Site() as site:
        base = site.url
        pages = {
            "/feed": ([("/a/1", NOV), ("/a/2", NOV)], "/feed?page=2"),
            "/feed?page=2": ([("/a/3", OCT), ("/a/4", OCT)], f"{base}/feed?page=3"),
            "/feed?page=3": ([("/a/5", OLD)], "/feed?page=4"),  # all before --since
            "/feed?page=4": ([("/a/6", OLD)], None),
        }
        for path, (items, older) in pages.items():
            site.set(path, rss(base, items, older), "application/rss+xml")
        for n in range(1, 7):
            site.set(f"/a/{n}", article_html(f"Story {n} of the archive"))
        loopback_sources(tmp_path / "s.toml", "b", [f"{base}/feed"])

        first = pressroom(tmp_path, "ingest")
        assert first.returncode == 0, first.stdout + first.stderr
        assert stored(tmp_path) == ["1", "2"]
        assert site.count("/feed?page=") == 0  # a scheduled run reads the newest page only

        back = pressroom(tmp_path, "backfill", "--source", "b", "--since", "2026-01-01")
        assert back.returncode == 0, back.stdout + back.stderr
        assert stored(tmp_path) == ["1", "2", "3", "4"]
        # Page 3 held nothing after --since: the walk stopped there.
        assert [site.hits[f"/feed?page={n}"] for n in (2, 3, 4)] == [1, 1, 0]
        assert site.count("/a/5") == site.count("/a/6") == 0


def test_a_paged_feed_cannot_steer_or_loop_the_backfill(tmp_path: Path) -> None:
    with Site() as site, Site() as other:
        base = site.url
        elsewhere = other.url.replace("127.0.0.1", "localhost")  # another host
        other.set("/feed", rss(elsewhere, [("/a/9", OCT)], None), "application/rss+xml")
        site.set("/feed", rss(base, [("/a/1", NOV)], "/loop"), "application/rss+xml")
        site.set("/loop", rss(base, [("/a/2", OCT)], "/loop"), "application/rss+xml")
        site.set("/side", rss(base, [("/a/3", OCT)], f"{elsewhere}/feed"),
                 "application/rss+xml")
        for n in range(1, 4):
            site.set(f"/a/{n}", article_html(f"Story {n} of the archive"))
        loopback_sources(tmp_path / "s.toml", "b", [f"{base}/feed", f"{base}/side"])

        back = pressroom(tmp_path, "backfill", "--source", "b", "--since", "2026-01-01")
        assert back.returncode == 0, back.stdout + back.stderr
        assert stored(tmp_path) == ["1", "2", "3"]
        assert site.hits["/loop"] == 1  # a page naming itself is read once
        assert other.count("/") == 0  # an older page on another host is not requested


def test_max_pages_bounds_the_walk(tmp_path: Path) -> None:
    with Site() as site:
        base = site.url
        site.set("/feed", rss(base, [("/a/0", NOV)], "/feed?page=1"), "application/rss+xml")
        for n in range(1, 30):  # an endless archive: every page has a fresh story
            site.set(f"/feed?page={n}", rss(base, [(f"/a/{n}", OCT)], f"/feed?page={n + 1}"),
                     "application/rss+xml")
        for n in range(30):
            site.set(f"/a/{n}", article_html(f"Story {n} of the archive"))
        loopback_sources(tmp_path / "s.toml", "b", [f"{base}/feed"])

        back = pressroom(tmp_path, "backfill", "--source", "b", "--since", "2026-01-01",
                         "--max-pages", "3")
        assert back.returncode == 0, back.stdout + back.stderr
        assert site.count("/feed?page=") == 3
        assert len(stored(tmp_path)) == 4


def test_a_backfill_says_its_leftovers_wait_for_the_next_backfill(tmp_path: Path) -> None:
    """Over max_articles, a backfill's older items are not read by a scheduled run (it
    reads the newest page): the summary must not promise them to 'the next run'."""
    with Site() as site:
        base = site.url
        site.set("/feed", rss(base, [("/a/1", NOV)], "/feed?page=2"), "application/rss+xml")
        site.set("/feed?page=2", rss(base, [("/a/2", OCT), ("/a/3", OCT)], None),
                 "application/rss+xml")
        for n in range(1, 4):
            site.set(f"/a/{n}", article_html(f"Story {n} of the archive"))
        loopback_sources(tmp_path / "s.toml", "b", [f"{base}/feed"], extra="max_articles = 1\n")

        back = pressroom(tmp_path, "backfill", "--source", "b", "--since", "2026-01-01")
        assert back.returncode == 0, back.stdout + back.stderr
        assert "2 left for the next backfill (max_articles)" in back.stdout, back.stdout
        assert stored(tmp_path) == ["1"]
        assert pressroom(tmp_path, "ingest").returncode == 0
        assert stored(tmp_path) == ["1"]  # the scheduled run did not fetch them
        again = pressroom(tmp_path, "backfill", "--source", "b", "--since", "2026-01-01")
        assert "1 left for the next backfill (max_articles)" in again.stdout, again.stdout
        assert stored(tmp_path) == ["1", "2"]


def test_items_another_feed_listed_do_not_end_the_walk(tmp_path: Path) -> None:
    """A source's 'latest' feed lists the paged feed's newest items: read first, they
    made the paged feed's first page look like nothing new, and its older pages were
    never asked. Only what the walk itself listed before ends it (a loop)."""
    with Site() as site:
        base = site.url
        newest = [("/a/1", NOV), ("/a/2", NOV)]
        site.set("/latest", rss(base, newest, None), "application/rss+xml")
        site.set("/feed", rss(base, newest, "/feed?page=2"), "application/rss+xml")
        site.set("/feed?page=2", rss(base, [("/a/2", NOV), ("/a/3", OCT)], "/feed?page=3"),
                 "application/rss+xml")
        site.set("/feed?page=3", rss(base, [("/a/3", OCT)], "/feed?page=4"),  # a repeat
                 "application/rss+xml")
        for n in range(1, 4):
            site.set(f"/a/{n}", article_html(f"Story {n} of the archive"))
        loopback_sources(tmp_path / "s.toml", "b", [f"{base}/latest", f"{base}/feed"])

        back = pressroom(tmp_path, "backfill", "--source", "b", "--since", "2026-01-01")
        assert back.returncode == 0, back.stdout + back.stderr
        assert stored(tmp_path) == ["1", "2", "3"]
        assert [site.hits[f"/feed?page={n}"] for n in (2, 3, 4)] == [1, 1, 0]


def test_the_children_of_a_sitemap_index_are_not_walked(tmp_path: Path) -> None:
    """A backfill reads up to --max-pages children of an index; had each child been
    walked too, one feed URL cost --max-pages squared requests."""
    with Site() as site:
        base = site.url
        children = "".join(f"<sitemap><loc>{base}/c{k}</loc></sitemap>" for k in range(3))
        site.set("/index.xml", '<sitemapindex xmlns="http://www.sitemaps.org/schemas/'
                 f'sitemap/0.9">{children}</sitemapindex>', "application/xml")
        for k in range(3):
            site.set(f"/c{k}", rss(base, [(f"/a/{k}0", NOV)], f"/c{k}?page=2"),
                     "application/rss+xml")
            site.set(f"/c{k}?page=2", rss(base, [(f"/a/{k}1", OCT)], None),
                     "application/rss+xml")
            for n in range(2):
                site.set(f"/a/{k}{n}", article_html(f"Story {k}{n} of the archive"))
        loopback_sources(tmp_path / "s.toml", "b", [f"{base}/index.xml"])

        back = pressroom(tmp_path, "backfill", "--source", "b", "--since", "2026-01-01",
                         "--max-pages", "3")
        assert back.returncode == 0, back.stdout + back.stderr
        assert [site.hits[f"/c{k}"] for k in range(3)] == [1, 1, 1]
        assert site.count("/c0?") + site.count("/c1?") + site.count("/c2?") == 0
        assert stored(tmp_path) == ["00", "10", "20"]


def test_an_older_page_answering_304_unasked_is_reported(tmp_path: Path) -> None:
    """Older pages are asked without validators: a 304 there is a broken server or
    cache, not 'unchanged'. It ended the walk with exit 0 and no word; it must be
    reported, and the next backfill asks again and stores what it missed."""
    with Site() as site:
        base = site.url
        site.set("/feed", rss(base, [("/a/1", NOV)], "/feed?page=2"), "application/rss+xml")
        site.set("/feed?page=2", b"", "application/rss+xml", status=304)
        for n in range(1, 3):
            site.set(f"/a/{n}", article_html(f"Story {n} of the archive"))
        loopback_sources(tmp_path / "s.toml", "b", [f"{base}/feed"])

        back = pressroom(tmp_path, "backfill", "--source", "b", "--since", "2026-01-01")
        assert back.returncode == 3, back.stdout + back.stderr
        assert "1 failed: 1 asked again by the next backfill" in back.stderr, back.stderr
        assert site.hits["/feed?page=2"] == 1
        assert stored(tmp_path) == ["1"]
        site.set("/feed?page=2", rss(base, [("/a/2", OCT)], None), "application/rss+xml")
        again = pressroom(tmp_path, "backfill", "--source", "b", "--since", "2026-01-01")
        assert again.returncode == 0, again.stdout + again.stderr
        assert stored(tmp_path) == ["1", "2"]


def _backfill_with_a_gone_older_page(
    site: Site, tmp_path: Path
) -> subprocess.CompletedProcess[str]:
    """A one-story feed whose older page answers 410, backfilled once (exit 3: one failure)."""
    base = site.url
    site.set("/feed", rss(base, [("/a/1", NOV)], "/feed?page=2"), "application/rss+xml")
    site.set("/feed?page=2", "gone", "text/plain", status=410)
    site.set("/a/1", article_html("Story 1 of the archive"))
    loopback_sources(tmp_path / "s.toml", "b", [f"{base}/feed"])
    back = pressroom(tmp_path, "backfill", "--source", "b", "--since", "2026-01-01")
    assert back.returncode == 3, back.stdout + back.stderr
    return back


def test_a_failed_older_page_waits_for_the_next_backfill(tmp_path: Path) -> None:
    """A scheduled run reads the newest page only: a failed older page is asked by the
    next backfill, and the summary must not promise it to 'the next run'."""
    with Site() as site:
        back = _backfill_with_a_gone_older_page(site, tmp_path)
        assert "source b: 1 failed: 1 asked again by the next backfill" in back.stderr, \
            back.stderr
        assert "next run" not in back.stderr, back.stderr
        assert stored(tmp_path) == ["1"]


def retry_rows(tmp_path: Path) -> dict[str, str]:
    """``status --retries`` as {url path: state}, from the real CLI."""
    out = run_cli("status", "--retries", "--format", "json", "--db",
                  str(tmp_path / "x.duckdb"), timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    return {r["url"].split("/", 3)[-1]: r["state"] for r in json.loads(out.stdout)}


def test_status_lists_a_failed_older_page_for_the_next_backfill(tmp_path: Path) -> None:
    """The warehouse records a run's kind and which requests were a feed's older pages:
    ``status --retries`` says ``next_backfill`` for a failed older page (it was listed as
    ``next_run``, and dropped once a scheduled run came after the backfill), ``next_run``
    for the other failures, and forgets the page once a backfill reads it."""
    with Site() as site:
        base = site.url
        site.set("/feed", rss(base, [("/a/1", NOV), ("/a/2", NOV)], "/feed?page=2"),
                 "application/rss+xml")
        site.set("/feed?page=2", "gone", "text/plain", status=410)
        site.set("/a/1", article_html("Story 1 of the archive"))
        site.set("/a/2", "busy", "text/plain", status=503, headers={"Retry-After": "0"})
        loopback_sources(tmp_path / "s.toml", "b", [f"{base}/feed"])

        back = pressroom(tmp_path, "backfill", "--source", "b", "--since", "2026-01-01")
        assert back.returncode == 3, back.stdout + back.stderr
        want = {"feed?page=2": "next_backfill", "a/2": "next_run"}
        assert retry_rows(tmp_path) == want
        table = run_cli("status", "--retries", "--db", str(tmp_path / "x.duckdb"),
                        timeout=300).stdout
        assert "next backfill" in table and "next run" in table, table

        ingest = pressroom(tmp_path, "ingest")  # reads the newest page only
        assert ingest.returncode == 3, ingest.stdout + ingest.stderr
        assert site.hits["/feed?page=2"] == 1
        assert retry_rows(tmp_path) == want  # still waiting for the next backfill

        site.set("/feed?page=2", rss(base, [("/a/3", OCT)], None), "application/rss+xml")
        site.set("/a/3", article_html("Story 3 of the archive"))
        again = pressroom(tmp_path, "backfill", "--source", "b", "--since", "2026-01-01")
        assert again.returncode == 3, again.stdout + again.stderr
        assert retry_rows(tmp_path) == {"a/2": "next_run"}
        assert stored(tmp_path) == ["1", "3"]


def test_a_backfill_that_stops_before_the_older_page_keeps_it_listed(tmp_path: Path) -> None:
    """README: a failed older page is ``next_backfill`` until a backfill reads it. A later
    backfill that ends before the page (a later ``--since``, a kill mid-walk) does not
    read it, so the page stays listed (it was dropped: the latest backfill asked nothing)."""
    with Site() as site:
        base = site.url
        _backfill_with_a_gone_older_page(site, tmp_path)
        assert retry_rows(tmp_path) == {"feed?page=2": "next_backfill"}

        # The feed changed, its items all older than this --since: the walk ends there.
        site.set("/feed", rss(base, [("/a/1", NOV), ("/a/0", OCT)], "/feed?page=2"),
                 "application/rss+xml")
        short = pressroom(tmp_path, "backfill", "--source", "b", "--since", "2026-12-02")
        assert short.returncode == 0, short.stdout + short.stderr
        assert site.hits["/feed?page=2"] == 1
        assert retry_rows(tmp_path) == {"feed?page=2": "next_backfill"}
