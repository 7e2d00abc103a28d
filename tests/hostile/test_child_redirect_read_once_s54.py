"""A child sitemap that redirects to another child its index lists (s53's left): the
target's sitemap was read twice in one run, once through the redirect and once in its
own turn (one more request and one more archived copy every run). Each final URL is
read once a run now, whichever comes first, and both children take their turns.
Real runs on a loopback site and a DuckDB file.
"""

from __future__ import annotations

from pathlib import Path

from tests.hostile.site import Site
from tests.hostile.sitemap_site import child_path, children_asked, run_index, serve_index


def cap(n: int) -> str:
    return f"max_child_sitemaps = {n}\n"


def test_a_redirect_to_a_child_read_later_reads_it_once(tmp_path: Path) -> None:
    """Child 1 redirects to child 2's URL; child 2 comes after it. One run reads 0, 1
    (through it 2) and 3: child 2 asked once, not again in its own place (on main 2)."""
    with Site() as site:
        serve_index(site, 4)
        site.set(child_path(1), "", status=302, headers={"Location": child_path(2)})
        run_index(site, tmp_path, extra=cap(4))
        assert site.hits[child_path(2)] == 1, sorted(site.hits.items())
        assert site.hits["/a/2-1"] == 1 and site.hits["/a/3-1"] == 1, sorted(site.hits)


def test_a_redirect_to_a_child_read_before_is_not_followed(tmp_path: Path) -> None:
    """Child 2 redirects to child 1's URL, read just before it in the same run: the
    redirect is not followed (on main child 1 asked twice), and the run is ok."""
    with Site() as site:
        serve_index(site, 4)
        site.set(child_path(2), "", status=302, headers={"Location": child_path(1)})
        said = run_index(site, tmp_path, extra=cap(4))
        assert site.hits[child_path(1)] == 1 and site.hits[child_path(2)] == 1, \
            sorted(site.hits.items())
        assert site.hits["/a/1-1"] == 1 and site.hits["/a/3-1"] == 1, sorted(site.hits)
        assert any("read 4 of 4 child sitemaps" in line for line in said), said


def test_both_children_of_a_redirect_take_their_turns(tmp_path: Path) -> None:
    """Six children, two a run; child 1 redirects to child 2. Run 1 reads 0 and 1 (and 2
    through it): all three had their turn, so run 2 reads 3 and 4, run 3 reads 5 and 0;
    child 2's sitemap is asked once in those three runs (on main twice: run 2 read it
    in its own turn, and 3 and 4 waited)."""
    with Site() as site:
        serve_index(site, 6)
        site.set(child_path(1), "", status=302, headers={"Location": child_path(2)})
        turns = []
        for _ in range(3):
            site.hits.clear()
            run_index(site, tmp_path, extra=cap(2))
            turns.append((children_asked(site), site.hits[child_path(2)]))
        assert turns == [({0, 1, 2}, 1), ({3, 4}, 0), ({5, 0}, 0)], turns

