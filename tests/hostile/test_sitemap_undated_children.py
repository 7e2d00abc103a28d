"""A sitemap index whose children carry no usable <lastmod> (k51).

Many sites list their child sitemaps without a <lastmod>, or stamp every child
with the index's own generation time, oldest child first (``post-sitemap1.xml``
... ``post-sitemap5.xml``). Their order then says nothing about which child is
newest, so a child that adds nothing new cannot end the reading: on main, the
second run read the oldest child, found every URL known, stopped, and never saw
the new article in the last child, on that run or any other.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from flows.config import load_sources
from flows.ingest import run_sources
from tests.hostile.site import Site, article_html, loopback_sources

CHILDREN = 4
# Every child stamped with the index's generation time, a new one at each generation.
FIRST, SECOND = "2026-01-05T10:00:00Z", "2026-01-05T11:00:00Z"


def _serve(site: Site, lastmod: str | None, extra: list[str] | None = None) -> None:
    """The index (oldest child first) and its children, two articles each; ``extra``
    goes into the last child (the newest)."""
    rows = []
    for k in range(CHILDREN):
        stamp = "" if lastmod is None else f"<lastmod>{lastmod}</lastmod>"
        rows.append(f"<sitemap><loc>{site.url}/sm/child-{k}.xml</loc>{stamp}</sitemap>")
        names = [f"{k}-1", f"{k}-2", *(extra or [] if k == CHILDREN - 1 else [])]
        urls = "".join(f"<url><loc>{site.url}/a/{n}</loc></url>" for n in names)
        site.set(f"/sm/child-{k}.xml",
                 '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                 f"{urls}</urlset>", "application/xml")
        for n in names:
            site.set(f"/a/{n}", article_html(f"Story {n}"))
    site.set("/sm/index.xml",
             '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             + "".join(rows) + "</sitemapindex>", "application/xml")


def _run(site: Site, tmp_path: Path) -> None:
    toml = loopback_sources(tmp_path / "s.toml", "plain", [f"{site.url}/sm/index.xml"])
    _, reports = asyncio.run(run_sources(load_sources(toml), tmp_path / "x.duckdb",
                                         as_tasks=False))
    assert [r.status for r in reports] == ["ok"], reports


@pytest.mark.parametrize(("first", "second"), [(None, None), (FIRST, SECOND)],
                         ids=["undated", "all-same-lastmod"])
def test_a_new_article_in_the_last_undated_child_is_found(
        tmp_path: Path, first: str | None, second: str | None) -> None:
    """Undated: the index is the same bytes, so on main no child was read again;
    one stamp for all: the index changed, the oldest child was read first and ended it."""
    with Site() as site:
        _serve(site, first)
        _run(site, tmp_path)
        assert site.count("/a/") == 2 * CHILDREN
        site.hits.clear()
        _serve(site, second, extra=["fresh"])
        _run(site, tmp_path)
        assert site.hits["/a/fresh"] == 1, sorted(site.hits)
        assert site.count("/a/") == 1  # the known ones are not fetched again


def test_dated_children_still_stop_at_the_first_with_nothing_new(tmp_path: Path) -> None:
    """A guard: children with distinct <lastmod>s, newest first, stop as before."""
    with Site() as site:
        rows = []
        for k in range(CHILDREN):
            rows.append(f"<sitemap><loc>{site.url}/sm/child-{k}.xml</loc>"
                        f"<lastmod>2026-01-0{k + 1}T10:00:00Z</lastmod></sitemap>")
            site.set(f"/sm/child-{k}.xml",
                     '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                     f"<url><loc>{site.url}/a/{k}</loc></url></urlset>", "application/xml")
            site.set(f"/a/{k}", article_html(f"Story {k}"))
        index = ('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                 + "".join(rows) + "</sitemapindex>")
        site.set("/sm/index.xml", index, "application/xml")
        _run(site, tmp_path)
        site.hits.clear()
        _run(site, tmp_path)  # the same index: its dated children are not asked again
        assert site.count("/sm/child-") == 0, sorted(site.hits)
        # The newest child's <lastmod> moves, nothing new in it: it alone is read.
        newest = f"{site.url}/sm/child-{CHILDREN - 1}.xml</loc><lastmod>2026-01-0{CHILDREN}"
        site.set("/sm/index.xml", index.replace(newest, newest[:-1] + "9"),
                 "application/xml")
        site.hits.clear()
        _run(site, tmp_path)
        assert site.count("/sm/child-") == 1, sorted(site.hits)


def test_no_stop_is_said_where_the_reading_went_on(tmp_path: Path) -> None:
    """Every child stamped alike: the first with nothing new skips none (r51's find), so
    the run's line names no 'nothing new after that' stop it did not make."""
    with Site() as site:
        _serve(site, FIRST)
        _run(site, tmp_path)
        _serve(site, SECOND, extra=["fresh"])
        toml = loopback_sources(tmp_path / "s.toml", "plain", [f"{site.url}/sm/index.xml"])
        said: list[str] = []
        asyncio.run(run_sources(load_sources(toml), tmp_path / "x.duckdb", as_tasks=False,
                                progress=said.append))
        assert site.hits["/a/fresh"] == 1
        assert not any("nothing new after that" in line for line in said), said
        assert any(f"{CHILDREN} of {CHILDREN} child sitemaps" in line for line in said), said
