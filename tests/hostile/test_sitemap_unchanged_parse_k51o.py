"""An unchanged sitemap that is no index is not parsed again by discovery (k51o).

k51 reads an unchanged sitemap index's undated children again; to find them it parsed
every unchanged feed's stored copy, plain sitemaps and RSS included, which have no
children: a 50,000-URL ``post-sitemap.xml`` answering 304 (or the same bytes) each run
was parsed twice per run (2.8 s on the event loop each; once more by ``relisted``, which
counts its URLs as listed). Observed, not mocked: a profile hook counts the real
``parsers.feeds._parse`` calls on the big body during the second, unchanged run.
"""

from __future__ import annotations

import asyncio
import sys
import threading
from pathlib import Path
from types import FrameType
from typing import Any

from flows.config import load_sources
from flows.ingest import run_sources
from parsers import feeds
from tests.hostile.site import Site, article_html, loopback_sources

URLS = 3
# A generator's comment makes the sitemap big enough to tell its parses from others'.
PAD = "<!-- " + "generated " * 20_000 + "-->"


def _run(site: Site, tmp_path: Path, feed: str) -> int:
    """One run; how many times the big sitemap's bytes were parsed in it."""
    toml = loopback_sources(tmp_path / "s.toml", "plain", [f"{site.url}{feed}"],
                            )
    parses = 0

    def hook(frame: FrameType, event: str, _arg: Any) -> None:
        nonlocal parses
        if event == "call" and frame.f_code is feeds._parse.__code__ \
                and len(frame.f_locals.get("data", b"")) > len(PAD):
            parses += 1

    sys.setprofile(hook)
    threading.setprofile(hook)  # discovery may run in a thread of its own
    try:
        _, reports = asyncio.run(run_sources(load_sources(toml), tmp_path / "x.duckdb",
                                             as_tasks=False))
    finally:
        sys.setprofile(None)
        threading.setprofile(None)  # type: ignore[arg-type]
    assert [r.status for r in reports] == ["ok"], reports
    return parses


def test_an_unchanged_plain_sitemap_is_parsed_once(tmp_path: Path) -> None:
    with Site() as site:
        urls = "".join(f"<url><loc>{site.url}/a/story-{i}</loc></url>" for i in range(URLS))
        site.set("/sm/post-sitemap.xml",
                 f'{PAD}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>',
                 "application/xml")
        for i in range(URLS):
            site.set(f"/a/story-{i}", article_html(f"Story {i}"))
        _run(site, tmp_path, "/sm/post-sitemap.xml")
        # The same bytes: unchanged. Read once, by relisted; on 972d268 twice.
        assert _run(site, tmp_path, "/sm/post-sitemap.xml") == 1


def test_an_unchanged_undated_index_still_has_its_children_read(tmp_path: Path) -> None:
    """A guard: the index's own bytes still lead to its undated children (k51)."""
    with Site() as site:
        site.set("/sm/index.xml",
                 f'<?xml version="1.0"?>{PAD}<sitemapindex xmlns='
                 f'"http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>{site.url}'
                 "/sm/child.xml</loc></sitemap></sitemapindex>", "application/xml")
        site.set("/sm/child.xml", '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                 f"<url><loc>{site.url}/a/1</loc></url></urlset>", "application/xml")
        site.set("/a/1", article_html("Story 1"))
        _run(site, tmp_path, "/sm/index.xml")
        site.set("/sm/child.xml", '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                 f"<url><loc>{site.url}/a/1</loc></url><url><loc>{site.url}/a/2</loc></url>"
                 "</urlset>", "application/xml")
        site.set("/a/2", article_html("Story 2"))
        site.hits.clear()
        _run(site, tmp_path, "/sm/index.xml")
        assert site.hits["/a/2"] == 1, sorted(site.hits)
        assert site.count("/a/") == 1, sorted(site.hits)
