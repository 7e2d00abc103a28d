"""A sitemap index's children re-read each run: conditional GETs, no archive growth (k52s).

s52 read from the code that children were asked without validators (only a source's own
feeds and listings had theirs looked up) and archived again each run; measured, an
unchanged 5-child site added 5 rows to ``pages`` every run. A child is now asked with
the validators the HTTP cache keeps (a 304 when the server keeps them, the same body
hash when it does not): the raw archive does not grow on an unchanged site. And a run
that saves no validators (partial) still stamps when it asked each child, so a child
answering 5xx does not hold its place in the turns.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.hostile.site import Site
from tests.hostile.sitemap_site import children_asked, run_index, serve_index


def _archived(tmp_path: Path) -> tuple[int, int]:
    with duckdb.connect(str(tmp_path / "x.duckdb"), read_only=True) as con:
        rows, size = con.execute("SELECT count(*), coalesce(sum(body_size), 0) FROM pages "
                                 "WHERE url LIKE '%/sm/%'").fetchone() or (0, 0)
    return int(rows), int(size)


@pytest.mark.parametrize("etags", [True, False], ids=["etag", "no-validators"])
def test_unchanged_children_are_not_fetched_or_archived_again(tmp_path: Path,
                                                              etags: bool) -> None:
    """Three runs of an unchanged index of five undated children: after the first, every
    child request names its ETag back and gets a 304 (with a server keeping none, the
    same bytes are not archived); the archive holds the first run's 6 copies. On main:
    0 conditional child requests, 16 copies after 3 runs."""
    with Site() as site:
        serve_index(site, 5, etags=etags)
        archived = []
        for run in range(3):
            site.hits.clear()
            site.conditional.clear()
            run_index(site, tmp_path)
            assert children_asked(site) == set(range(5))  # read each run (k51)
            asked = sum(n for p, n in site.conditional.items() if p.startswith("/sm/child-"))
            assert asked == (5 if etags and run else 0), (run, site.conditional)
            archived.append(_archived(tmp_path))
        assert archived[0][0] == 6 and archived == [archived[0]] * 3, archived


def test_a_changed_child_after_304s_is_read_in_full(tmp_path: Path) -> None:
    """A guard: a child that changes after runs of 304s is read, its new article found,
    and its new copy archived."""
    with Site() as site:
        serve_index(site, 3, etags=True)
        run_index(site, tmp_path)
        run_index(site, tmp_path)
        serve_index(site, 3, etags=True, extra={2: ["late"]})
        site.hits.clear()
        run_index(site, tmp_path)
        assert site.hits["/a/late"] == 1
        assert _archived(tmp_path)[0] == 4 + 1  # the first 4, the changed child (the index is not)


def test_turns_move_on_after_a_partial_run(tmp_path: Path) -> None:
    """Five undated children, two a run, child 0 answering 503: the first run is partial
    and saves no validators, yet its children are stamped as asked, so the next run reads
    2 and 3, and 0 (asked longest ago) comes back in the third. On main the partial run
    stamped none: [{0, 1}, {0, 1}, ...], child 4 never read while 0 fails."""
    with Site() as site:
        serve_index(site, 5, gone={0: 503})
        turns = []
        for status in ["partial", "ok", "partial"]:
            site.hits.clear()
            run_index(site, tmp_path, extra="max_child_sitemaps = 2\n", status=status)
            turns.append(children_asked(site))
        assert turns == [{0, 1}, {2, 3}, {4, 0}], turns
