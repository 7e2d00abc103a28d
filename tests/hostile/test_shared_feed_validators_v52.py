"""Two sources sharing one feed URL, read at different moments (r52b's find, v52).

Validators (ETag, Last-Modified: ``http_cache``) were kept per URL, the stored copy of a
feed per source, and each source stores its own copy of an article (v53: validators per
source and URL, migration 021). Source A reads the
feed after it gained an item; source B, whose own stored copy is older, is then asked
with A's newer ETag, gets a 304 and reads its old copy back: the item added in between
is never a candidate for B, run after run, until the feed changes again. The same holds
for a child sitemap that two sources' indexes list (k52s asks children conditionally). Real loopback
site, real DuckDB file, real CLI subprocesses (``ingest --source``).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from tests.cli_run import run_cli
from tests.hostile.site import Site, article_html

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_MANNERS = "allow_private_network = true\nmin_delay = 0\ntimeout = 5\nrespect_robots = false\n"


def _rss(urls: list[str]) -> str:
    items = "".join(f"<item><title>t{i}</title><link>{u}</link></item>"
                    for i, u in enumerate(urls))
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>'
            f"{items}</channel></rss>")


def test_a_source_sharing_a_feed_gets_what_it_listed_after_another_read_it(
        tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with Site() as site:
        first, added = f"{site.url}/a/first", f"{site.url}/a/added"
        site.set("/a/first", article_html("First release"))
        site.set("/a/added", article_html("Added release"))
        site.set("/feed.xml", _rss([first]), "application/rss+xml", headers={"ETag": '"v1"'})
        feed = f"{site.url}/feed.xml"
        sources = tmp_path / "s.toml"
        sources.write_text("".join(f'[[source]]\nname = "{name}"\nfeeds = ["{feed}"]\n'
                                   f"{_MANNERS}\n" for name in ("alpha", "beta")),
                           encoding="utf-8")
        base = ("ingest", "--no-prefect", "--sources", str(sources), "--db", str(db))
        runs = [run_cli(*base)]  # both read v1 in full
        site.set("/feed.xml", _rss([first, added]), "application/rss+xml",
                 headers={"ETag": '"v2"'})
        runs.append(run_cli(*base, "--source", "alpha"))  # alpha: v1's ETag -> 200, v2
        runs.append(run_cli(*base, "--source", "beta"))   # beta: asked with v2's ETag
        runs.append(run_cli(*base, "--source", "beta"))   # and again: nothing heals it
        feed_asked, conditional = site.count("/feed.xml"), site.conditional["/feed.xml"]
        added_asked = site.count("/a/added")
    for run in runs:
        assert run.returncode == 0, run.stdout + run.stderr
        assert "Traceback" not in run.stderr
    con = duckdb.connect(str(db), read_only=True)
    try:
        stored = sorted(con.execute("SELECT source, title FROM articles").fetchall())
    finally:
        con.close()
    # What a full read of the feed by each source stores: one copy per source.
    assert stored == [("alpha", "Added release"), ("alpha", "First release"),
                      ("beta", "Added release"), ("beta", "First release")], \
        (f"stored {stored}; /feed.xml asked {feed_asked} time(s), {conditional} "
         f"conditionally; /a/added asked {added_asked} time(s)")


def _urlset(urls: list[str]) -> str:
    return f'<urlset xmlns="{NS}">' + "".join(f"<url><loc>{u}</loc></url>" for u in urls) \
        + "</urlset>"


def test_a_source_sharing_a_child_sitemap_gets_what_it_listed_after_another_read_it(
        tmp_path: Path) -> None:
    """Each source has its own sitemap index (unchanged, served with an ETag); both list
    one undated child, which gains an article between alpha's read and beta's."""
    db = tmp_path / "w.duckdb"
    with Site() as site:
        first, added = f"{site.url}/a/first", f"{site.url}/a/added"
        site.set("/a/first", article_html("First release"))
        site.set("/a/added", article_html("Added release"))
        child = f"{site.url}/sm/shared.xml"
        for name in ("alpha", "beta"):
            site.set(f"/sm/{name}-index.xml",
                     f'<sitemapindex xmlns="{NS}"><sitemap><loc>{child}</loc></sitemap>'
                     "</sitemapindex>", "application/xml", headers={"ETag": f'"{name}"'})
        site.set("/sm/shared.xml", _urlset([first]), "application/xml",
                 headers={"ETag": '"v1"'})
        sources = tmp_path / "s.toml"
        sources.write_text("".join(
            f'[[source]]\nname = "{name}"\nfeeds = ["{site.url}/sm/{name}-index.xml"]\n'
            f"{_MANNERS}\n" for name in ("alpha", "beta")), encoding="utf-8")
        base = ("ingest", "--no-prefect", "--sources", str(sources), "--db", str(db))
        runs = [run_cli(*base)]  # both read the child's v1 in full
        site.set("/sm/shared.xml", _urlset([first, added]), "application/xml",
                 headers={"ETag": '"v2"'})
        runs.append(run_cli(*base, "--source", "alpha"))  # alpha: v1's ETag -> 200, v2
        runs.append(run_cli(*base, "--source", "beta"))   # beta: asked with v2's ETag
        runs.append(run_cli(*base, "--source", "beta"))
        child_asked = site.count("/sm/shared.xml")
        conditional = site.conditional["/sm/shared.xml"]
        added_asked = site.count("/a/added")
    for run in runs:
        assert run.returncode == 0, run.stdout + run.stderr
        assert "Traceback" not in run.stderr
    con = duckdb.connect(str(db), read_only=True)
    try:
        stored = sorted(con.execute("SELECT source, title FROM articles").fetchall())
    finally:
        con.close()
    assert stored == [("alpha", "Added release"), ("alpha", "First release"),
                      ("beta", "Added release"), ("beta", "First release")], \
        (f"stored {stored}; child asked {child_asked} time(s), {conditional} "
         f"conditionally; /a/added asked {added_asked} time(s)")
