"""An index of more undated children than the cap, and its dead children (s52).

k51's left: the first ``max_child_sitemaps`` of an undated index were read in document
order every run, the rest never, so an article in a later child was never found. They
now take turns, least recently asked first (the HTTP cache's ``fetched_at``), within the
same per-run bound. A child the index lists that answers 404/410 is the site's mistake:
one warning line, not a ``partial`` run every run; a 5xx still makes the run partial.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.hostile.site import Site
from tests.hostile.sitemap_site import child_path, children_asked, run_index, serve_index

CAP = "max_child_sitemaps = 2\n"


@pytest.mark.parametrize("stamped", [False, True], ids=["undated", "all-same-lastmod"])
def test_children_past_the_cap_take_turns(tmp_path: Path, stamped: bool) -> None:
    """Five children, two a run: 0 1, then 2 3 (never asked), then 4 and 0 (asked
    longest ago); the article added to the last child is found on the third run. On
    main every run read 0 and 1 and the last child was never asked."""
    with Site() as site:
        turns = []
        for run, extra in enumerate([None, {4: ["fresh"]}, {4: ["fresh"]}]):
            # Stamped: a new generation stamp each run, one for all children.
            stamp = f"2026-01-05T1{run}:00:00Z" if stamped else None
            serve_index(site, 5, child_lastmod=lambda _k, s=stamp: s, extra=extra)
            site.hits.clear()
            run_index(site, tmp_path, extra=CAP)
            turns.append(children_asked(site))
            assert site.count("/sm/child-") == 2  # the bound per run holds
        assert turns == [{0, 1}, {2, 3}, {4, 0}], turns
        assert site.hits["/a/fresh"] == 1


def test_a_gone_child_is_one_warning_not_a_partial_run(tmp_path: Path) -> None:
    """A 404 and a 410 child: the run is ok, one line says so, the log keeps the
    answers; when the 404 child comes back its article is found (nothing lost)."""
    with Site() as site:
        serve_index(site, 3, gone={1: 404, 2: 410})
        said = run_index(site, tmp_path)  # on main: 'partial'
        warned = [line for line in said if "404/410" in line]
        assert len(warned) == 1 and "2 child sitemap(s)" in warned[0], said
        said = run_index(site, tmp_path)  # every run: one line, still ok
        assert len([line for line in said if "404/410" in line]) == 1, said
        with duckdb.connect(str(tmp_path / "x.duckdb"), read_only=True) as con:
            statuses = con.execute("SELECT status, count(*) FROM fetch_log WHERE url LIKE "
                                   "'%/sm/child-%' AND status >= 400 GROUP BY status "
                                   "ORDER BY status").fetchall()
        assert statuses == [(404, 2), (410, 2)], statuses
        serve_index(site, 3, gone={2: 410}, extra={1: ["back"]})
        site.hits.clear()
        run_index(site, tmp_path)
        assert site.hits["/a/back"] == 1 and site.hits["/a/1-1"] == 1, sorted(site.hits)


def test_a_gone_child_takes_its_turn(tmp_path: Path) -> None:
    """A dead child is stamped when asked, so it waits for its turn like the others:
    without its stamp it would be 'never asked' and take a place in every run."""
    with Site() as site:
        serve_index(site, 4, gone={0: 404})
        run_index(site, tmp_path, extra=CAP)
        site.hits.clear()
        run_index(site, tmp_path, extra=CAP)
        assert children_asked(site) == {2, 3}, sorted(site.hits)


def test_a_child_failing_with_5xx_still_makes_the_run_partial(tmp_path: Path) -> None:
    """A guard: a 503 is the moment's, not the site's mistake: the run is partial and
    says no 'gone' line; the child is asked again by the next run."""
    with Site() as site:
        serve_index(site, 2, gone={1: 503})
        said = run_index(site, tmp_path, status="partial")  # after its retries (~3 s)
        assert not any("404/410" in line for line in said), said
        serve_index(site, 2, extra={1: ["late"]})
        site.hits.clear()
        run_index(site, tmp_path)
        assert site.hits[child_path(1)] == 1 and site.hits["/a/late"] == 1
