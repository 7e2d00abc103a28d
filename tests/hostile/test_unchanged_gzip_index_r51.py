"""An unchanged sitemap index served as a gzip file keeps its undated children read (r51).

k51o parses an unchanged feed again only when its bytes may be a sitemap index
(``parsers.feeds.may_be_sitemap_index``): the index's name is looked for once a
``sitemap_index.xml.gz`` is inflated, so such an index's undated children (k51) are still
read. A guard: it passes on c641a11.
"""

from __future__ import annotations

import asyncio
import gzip
from pathlib import Path

from flows.config import load_sources
from flows.ingest import run_sources
from tests.hostile.site import Site, article_html, loopback_sources

URLSET = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{}</urlset>'


def _run(site: Site, tmp_path: Path, feed: str) -> None:
    toml = loopback_sources(tmp_path / "s.toml", "plain", [f"{site.url}{feed}"])
    _, reports = asyncio.run(run_sources(load_sources(toml), tmp_path / "x.duckdb",
                                         as_tasks=False))
    assert [r.status for r in reports] == ["ok"], reports


def test_an_unchanged_gzip_index_still_has_its_undated_children_read(tmp_path: Path) -> None:
    with Site() as site:
        def serve(extra: str) -> None:
            site.set("/sm/child.xml", URLSET.format(
                f"<url><loc>{site.url}/a/1</loc></url>{extra}"), "application/xml")

        site.set("/sm/index.xml.gz", gzip.compress(
            b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            + f"<sitemap><loc>{site.url}/sm/child.xml</loc></sitemap>".encode()
            + b"</sitemapindex>", mtime=0), "application/x-gzip")
        site.set("/a/1", article_html("Story 1"))
        site.set("/a/fresh", article_html("Story fresh"))
        serve("")
        _run(site, tmp_path, "/sm/index.xml.gz")
        serve(f"<url><loc>{site.url}/a/fresh</loc></url>")
        _run(site, tmp_path, "/sm/index.xml.gz")
        assert site.hits["/sm/index.xml.gz"] == 2
        assert site.hits["/a/fresh"] == 1, sorted(site.hits)
