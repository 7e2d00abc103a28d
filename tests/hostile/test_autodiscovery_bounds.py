"""A home page named as a feed stays bounded and loses nothing (review r25).

Category "a site's home page named as its feed" (flows/discover.py): its
``<link rel="alternate">`` feeds are read. A page advertising 1,000 feeds cost
1,000 requests a run (and each advertised page that was itself a home page its
own); a page naming itself under another spelling was fetched three times and
the run reported it as a failed feed. Real runs on a loopback site.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from flows.config import load_sources
from flows.discover import MAX_HOME_FEEDS
from flows.ingest import run_sources
from tests.hostile.site import Site, article_html, loopback_sources

FEEDS = 1000


def _rss(*links: str) -> str:
    items = "".join(f"<item><title>t</title><link>{link}</link></item>" for link in links)
    return f"<rss version='2.0'><channel><title>c</title>{items}</channel></rss>"


def _home(*feeds: str) -> str:
    links = "".join(f"<link rel='alternate' type='application/rss+xml' href='{f}'>"
                    for f in feeds)
    return f"<!DOCTYPE html><html><head><title>Home</title>{links}</head><body>Hi</body></html>"


def _run(site: Site, tmp_path: Path, feed: str) -> str:
    toml = loopback_sources(tmp_path / "s.toml", "home", [f"{site.url}{feed}"])
    _, reports = asyncio.run(run_sources(load_sources(toml), tmp_path / "x.duckdb",
                                         as_tasks=False))
    [report] = reports
    return report.status


def test_a_home_page_advertising_1000_feeds_costs_a_bounded_number_of_requests(
        tmp_path: Path) -> None:
    with Site() as site:
        # Each advertised "feed" is a home page advertising 1,000 more.
        site.set("/", _home(*(f"/f/{k}" for k in range(FEEDS))))
        for k in range(FEEDS):
            site.set(f"/f/{k}", _home(*(f"/g/{k}/{j}" for j in range(FEEDS))))
        site.set("/f/0", _rss(f"{site.url}/a/1"), "application/rss+xml")
        site.set("/a/1", article_html("Story one"))
        status = _run(site, tmp_path, "/")
        assert site.count("/g/") == 0
        assert site.count("/f/") == MAX_HOME_FEEDS, site.count("/f/")
        assert site.hits["/a/1"] == 1  # the first feed, in page order, is read
        assert status == "ok", status


def test_a_home_page_naming_itself_is_fetched_once_and_is_no_failure(tmp_path: Path) -> None:
    with Site() as site:
        # The home page names itself under two spellings, and a feed that loops back.
        page = _home("/index.html", "/", "/rss", f"{site.url}/#top")
        site.set("/", page)
        site.set("/index.html", page)
        site.set("/rss", _rss(f"{site.url}/a/1"), "application/rss+xml")
        site.set("/a/1", article_html("Story one"))
        status = _run(site, tmp_path, "/")
        assert site.hits["/"] == 1, dict(site.hits)
        assert site.hits["/index.html"] <= 1, dict(site.hits)
        assert site.hits["/rss"] == 1 and site.hits["/a/1"] == 1, dict(site.hits)
        assert status == "ok", status


def test_a_sitemap_index_naming_itself_or_a_child_twice_spends_no_read_on_them(
        tmp_path: Path) -> None:
    with Site() as site:
        ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        children = ["/sm/index.xml", "/sm/c1.xml", "/sm/c1.xml", "/sm/c2.xml"]
        site.set("/sm/index.xml", f"<sitemapindex {ns}>" + "".join(
            f"<sitemap><loc>{site.url}{c}</loc></sitemap>" for c in children)
            + "</sitemapindex>", "application/xml")
        for k in (1, 2):
            site.set(f"/sm/c{k}.xml", f"<urlset {ns}><url><loc>{site.url}/a/{k}</loc></url>"
                     "</urlset>", "application/xml")
            site.set(f"/a/{k}", article_html(f"Story {k}"))
        toml = loopback_sources(tmp_path / "s.toml", "sm", [f"{site.url}/sm/index.xml"],
                                extra="max_child_sitemaps = 2\n")
        said: list[str] = []
        _, reports = asyncio.run(run_sources(load_sources(toml), tmp_path / "x.duckdb",
                                             as_tasks=False, progress=said.append))
        assert [r.status for r in reports] == ["ok"]
        assert (site.hits["/sm/index.xml"], site.hits["/sm/c1.xml"],
                site.hits["/sm/c2.xml"]) == (1, 1, 1), dict(site.hits)
        assert site.hits["/a/2"] == 1
