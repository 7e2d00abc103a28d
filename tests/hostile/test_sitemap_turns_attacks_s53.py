"""Attacks on the turns of an index's children (s53): children their dates cannot order
are read least recently asked first, ``max_child_sitemaps`` a run (s52, k52s).

A thousand children; a list that changes between runs; children that redirect; a child
whose body cannot be read in an otherwise complete run; a child named twice (by one
index, and by two indexes of one source). Real runs on a loopback site and a DuckDB file.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.hostile.site import Site, article_html
from tests.hostile.sitemap_site import (
    INDEX,
    NS,
    child_path,
    children_asked,
    run_index,
    serve_index,
)
from warehouse import Warehouse


def cap(n: int) -> str:
    return f"max_child_sitemaps = {n}\n"


def test_a_thousand_children_are_each_read_once_per_round(tmp_path: Path) -> None:
    """1,000 undated children, 250 a run: all read within ceil(1000/250) = 4 runs, none
    twice before every one was read once; the fifth run starts the round again. A guard:
    holds on 648b78e."""
    with Site() as site:
        serve_index(site, 1000, per_child=0)
        turns: list[set[int]] = []
        for _ in range(5):
            site.hits.clear()
            run_index(site, tmp_path, extra=cap(250))
            turns.append(children_asked(site))
            assert site.count("/sm/child-") == 250, len(turns)
        assert set().union(*turns[:4]) == set(range(1000)), [len(t) for t in turns]
        assert turns[4] == turns[0], sorted(turns[4] ^ turns[0])[:10]


def test_children_added_and_removed_between_runs(tmp_path: Path) -> None:
    """Children 0..5, two a run. After the first run (0 1) the index drops 0 and 2 and
    adds 6 and 7: the new ones are never-asked, so they are read before 1 comes round
    again; 0 and 2 are never asked again. A guard: holds on 648b78e."""
    with Site() as site:
        serve_index(site, 6)
        run_index(site, tmp_path, extra=cap(2))
        turns = []
        for _ in range(3):
            serve_index(site, 8, listed=[1, 3, 4, 5, 6, 7])
            site.hits.clear()
            run_index(site, tmp_path, extra=cap(2))
            turns.append(children_asked(site))
        assert turns == [{3, 4}, {5, 6}, {7, 1}], turns


def test_a_child_that_redirects_is_read_once_and_takes_its_turn(tmp_path: Path) -> None:
    """Four children, two a run. Child 0 redirects on its host to a sitemap the index does
    not name; child 1 to child 2's URL; child 3 to another host, which the source does not
    allow (refused). Each article is found once, and every child asked is stamped, the
    refused one too (it was not: 'never asked', it took the first place of every run);
    child 2, read through child 1, had its turn then (s54)."""
    with Site() as site:
        serve_index(site, 4)
        site.set(child_path(0), "", status=301, headers={"Location": "/sm/moved.xml"})
        site.set("/sm/moved.xml", f'<urlset xmlns="{NS}"><url><loc>{site.url}/a/moved'
                 "</loc></url></urlset>", "application/xml")
        site.set("/a/moved", article_html("Moved"))
        site.set(child_path(1), "", status=302, headers={"Location": child_path(2)})
        port = site.url.rsplit(":", 1)[1]
        site.set(child_path(3), "", status=302,
                 headers={"Location": f"http://localhost:{port}/sm/elsewhere.xml"})
        run_index(site, tmp_path, extra=cap(2))
        assert site.hits["/sm/moved.xml"] == 1 and site.hits["/a/moved"] == 1
        assert site.hits["/a/2-1"] == 1, sorted(site.hits)  # through child 1
        # s54: child 2 had its turn in run 1, read through child 1 (on s53 it was read
        # again in run 2, its own turn): run 2 reads 3 (refused) and 0, the oldest stamp.
        failed: list[str] = []
        run_index(site, tmp_path, extra=cap(2), status="partial", failed=failed)  # 3 refused
        assert len(failed) == 1 and child_path(3) in failed[0], failed
        assert site.hits[child_path(2)] == 1 and site.hits["/a/2-1"] == 1, sorted(site.hits)
        assert site.hits[child_path(0)] == 2 and site.hits["/a/moved"] == 1
        site.hits.clear()
        # Every child asked was stamped, the refused one too: 1 (and 2 through it), then 3.
        run_index(site, tmp_path, extra=cap(2), status="partial")
        asked = [child_path(k) for k in range(4) if site.hits[child_path(k)]]
        assert asked == [child_path(1), child_path(2), child_path(3)], sorted(site.hits)
        assert site.hits["/a/2-1"] == 0 and site.hits["/sm/moved.xml"] == 0


def test_a_child_that_cannot_be_parsed_is_stamped_and_said(tmp_path: Path) -> None:
    """Four children, two a run; child 1 answers bytes that are no sitemap. It was not
    stamped (its failed copy never enters the cache), so it stayed 'never asked' and took
    a place first in every run: the second run read 1 and 2, not 2 and 3. The run is
    partial, one failure line naming the child."""
    with Site() as site:
        serve_index(site, 4)
        site.set(child_path(1), "{not a sitemap", "application/xml")
        failed: list[str] = []
        run_index(site, tmp_path, extra=cap(2), status="partial", failed=failed)
        assert len(failed) == 1 and child_path(1) in failed[0], failed
        site.hits.clear()
        run_index(site, tmp_path, extra=cap(2), status="ok")
        assert children_asked(site) == {2, 3}, sorted(site.hits)


def test_a_child_named_twice_is_read_once_and_counted_once(tmp_path: Path) -> None:
    """One index names child 0 twice; a second index of the same source names child 0
    and 3. Three children a run: 0 is read once, the duplicates take no place of the
    cap (0 1 2 read), and the next run reads 3 first (never asked)."""
    with Site() as site:
        serve_index(site, 4, listed=[0, 0, 1, 2, 3])
        site.set("/sm/index-b.xml", f'<sitemapindex xmlns="{NS}"><sitemap><loc>'
                 f"{site.url}{child_path(0)}</loc></sitemap><sitemap><loc>{site.url}"
                 f"{child_path(3)}</loc></sitemap></sitemapindex>", "application/xml")
        both = (INDEX, "/sm/index-b.xml")
        said = run_index(site, tmp_path, extra=cap(3), indexes=both)
        assert site.hits[child_path(0)] == 1 and children_asked(site) == {0, 1, 2}, \
            sorted(site.hits)
        # Four children, each counted once (on main: 'read 3 of 7').
        assert "plain: read 3 of 4 child sitemaps (cap)" in said, said
        site.hits.clear()
        run_index(site, tmp_path, extra=cap(3), indexes=both)
        assert site.hits[child_path(0)] <= 1 and 3 in children_asked(site), sorted(site.hits)


def test_children_validators_are_looked_up_once_an_index(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Twelve unchanged children with validators, all read each run: the second run asks
    each with its ETag (304) and looks their validators and stored copies up in one
    warehouse call each, not one a child (on main: 13 ``http_cache`` and 14
    ``latest_documents`` calls; the warehouse counted, not replaced)."""
    calls: Counter[str] = Counter()
    for name in ("http_cache", "latest_documents"):
        inner = getattr(Warehouse, name)

        def counted(self: Warehouse, *args: Any, _n: str = name, _f: Any = inner) -> Any:
            calls[_n] += 1
            return _f(self, *args)
        monkeypatch.setattr(Warehouse, name, counted)
    with Site() as site:
        serve_index(site, 12, etags=True)
        run_index(site, tmp_path, extra=cap(12))
        calls.clear()
        site.hits.clear()
        site.conditional.clear()
        run_index(site, tmp_path, extra=cap(12))
        assert site.count("/sm/child-") == 12 and len(site.conditional) == 13  # index too
        assert calls["http_cache"] <= 2 and calls["latest_documents"] <= 3, calls
