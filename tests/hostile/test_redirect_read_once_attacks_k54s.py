"""Attacks on s54's read-once rule for redirects: each final URL a feed or child sitemap
is answered from is read once a run, and a redirect to a URL the run read is not
followed. Real runs on a loopback site and a DuckDB file.
"""

from __future__ import annotations

import asyncio
import hashlib
from pathlib import Path

import duckdb
import pytest

from flows.config import load_sources
from flows.ingest import run_sources
from tests.hostile.site import Site, article_html
from tests.hostile.sitemap_site import NS, child_path, children_asked, run_index, serve_index


def cap(n: int) -> str:
    return f"max_child_sitemaps = {n}\n"


@pytest.mark.parametrize("spelling", ["{path}#top", "{url}/sm/./child-{k}.xml"])
def test_a_redirect_spelt_otherwise_is_still_read_once(tmp_path: Path, spelling: str) -> None:
    """Child 1 redirects to child 2, child 3 to child 1 (read before it), each Location
    spelt another way than the index spells the child (a fragment, a dot segment): each
    child's sitemap is still asked once in the run. On main c51da36 children 1 and 2 were
    asked twice (the target's spelling was compared, not the URL's)."""
    with Site() as site:
        serve_index(site, 4)
        for frm, to in ((1, 2), (3, 1)):
            where = spelling.format(path=child_path(to), url=site.url, k=to)
            site.set(child_path(frm), "", status=302, headers={"Location": where})
        run_index(site, tmp_path, extra=cap(4))
        assert [site.hits[child_path(k)] for k in range(4)] == [1, 1, 1, 1], \
            sorted(site.hits.items())


def test_a_chain_through_two_listed_children_gives_each_its_turn(tmp_path: Path) -> None:
    """Six children, two a run; child 1 redirects to child 2, which redirects to child 3
    (a chain whose hop and end the index both list). Run 1 reads 0 and 1 (through it 2, a
    3xx, and 3, whose turn it takes); run 2 reads 2 (through it 3 again: 2's turn) and 4;
    run 3 reads 5 and 0: each child had a turn within three runs, child 3's sitemap read
    once a run at most, and its articles once. A guard: holds on main c51da36."""
    with Site() as site:
        serve_index(site, 6)
        site.set(child_path(1), "", status=302, headers={"Location": child_path(2)})
        site.set(child_path(2), "", status=302, headers={"Location": child_path(3)})
        turns = []
        for _ in range(3):
            site.hits.clear()
            run_index(site, tmp_path, extra=cap(2))
            turns.append((children_asked(site), site.hits[child_path(3)]))
        assert turns == [({0, 1, 2, 3}, 1), ({2, 3, 4}, 1), ({5, 0}, 0)], turns
        assert site.count("/a/3-") == 0  # read in run 1 only


def _urlset(site: Site, path: str, *articles: str) -> None:
    body = f'<urlset xmlns="{NS}">' + "".join(f"<url><loc>{site.url}{a}</loc></url>"
                                              for a in articles) + "</urlset>"
    tag = f'"{hashlib.sha256(body.encode()).hexdigest()[:16]}"'
    site.set(path, body, "application/xml", headers={"ETag": tag})


def test_a_feed_redirecting_to_another_sources_feed(tmp_path: Path) -> None:
    """alpha's feed redirects to beta's (both sources in one file, one run each time).
    beta's feed gains /a/2: alpha reads it through the redirect (its row holds no
    validators: a full read), beta with its own ETag (a 200); then alpha's feed stops
    redirecting and lists /a/3: read in full, stored; the fourth run costs each a 304.
    Every article is stored for alpha, beta's feed is never asked with alpha's
    validators. A guard: holds on main c51da36."""
    common = "allow_private_network = true\nmin_delay = 0\ntimeout = 5\nrespect_robots = false\n"
    with Site() as site:
        for n in range(1, 4):
            site.set(f"/a/{n}", article_html(f"Story {n}"))
        site.set("/alpha.xml", "", status=302, headers={"Location": "/beta.xml"})
        _urlset(site, "/beta.xml", "/a/1")
        toml = tmp_path / "s.toml"
        toml.write_text("".join(f'[[source]]\nname = "{n}"\nfeeds = ["{site.url}/{n}.xml"]\n'
                                f"{common}" for n in ("alpha", "beta")), encoding="utf-8")
        for step in range(4):
            if step == 1:
                _urlset(site, "/beta.xml", "/a/1", "/a/2")
            if step == 2:
                _urlset(site, "/alpha.xml", "/a/3")
            site.conditional.clear()
            _, reports = asyncio.run(run_sources(load_sources(toml), tmp_path / "x.duckdb",
                                                 as_tasks=False))
            assert [r.status for r in reports] == ["ok", "ok"], reports
        assert site.conditional == {"/alpha.xml": 1, "/beta.xml": 1}, site.conditional
        assert site.hits["/alpha.xml"] == 4 and site.hits["/beta.xml"] == 6, site.hits
        con = duckdb.connect(str(tmp_path / "x.duckdb"), read_only=True)
        try:
            titles = {t for (t,) in con.execute(
                "SELECT title FROM articles WHERE source = 'alpha'").fetchall()}
        finally:
            con.close()
        assert titles == {"Story 1", "Story 2", "Story 3"}, titles
