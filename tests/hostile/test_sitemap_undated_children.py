"""A sitemap index whose children carry no usable <lastmod> (k51).

Many sites list their child sitemaps without a <lastmod>, or stamp every child
with the index's own generation time, oldest child first (``post-sitemap1.xml``
... ``post-sitemap5.xml``). Their order then says nothing about which child is
newest, so a child that adds nothing new cannot end the reading: on main, the
second run read the oldest child, found every URL known, stopped, and never saw
the new article in the last child, on that run or any other.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hostile.site import Site
from tests.hostile.sitemap_site import child_path, run_index, serve_index

CHILDREN = 4
# Every child stamped with the index's generation time, a new one at each generation.
FIRST, SECOND = "2026-01-05T10:00:00Z", "2026-01-05T11:00:00Z"


def _serve(site: Site, lastmod: str | None, extra: list[str] | None = None) -> None:
    """The index (oldest child first) and its children, two articles each; ``extra``
    goes into the last child (the newest)."""
    serve_index(site, CHILDREN, child_lastmod=lambda _k: lastmod,
                extra={CHILDREN - 1: extra or []})


def _run(site: Site, tmp_path: Path) -> None:
    run_index(site, tmp_path)


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
        def stamp(newest_day: int) -> Callable[[int], str]:
            return lambda k: (f"2026-01-0{newest_day}T10:00:00Z" if k == CHILDREN - 1
                              else f"2026-01-0{k + 1}T10:00:00Z")

        serve_index(site, CHILDREN, child_lastmod=stamp(CHILDREN))
        _run(site, tmp_path)
        site.hits.clear()
        _run(site, tmp_path)  # the same index: its dated children are not asked again
        assert site.count("/sm/child-") == 0, sorted(site.hits)
        # The newest child's <lastmod> moves, nothing new in it: it alone is read.
        serve_index(site, CHILDREN, child_lastmod=stamp(9))
        site.hits.clear()
        _run(site, tmp_path)
        assert site.hits[child_path(CHILDREN - 1)] == 1, sorted(site.hits)
        assert site.count("/sm/child-") == 1, sorted(site.hits)


def test_no_stop_is_said_where_the_reading_went_on(tmp_path: Path) -> None:
    """Every child stamped alike: the first with nothing new skips none (r51's find), so
    the run's line names no 'nothing new after that' stop it did not make."""
    with Site() as site:
        _serve(site, FIRST)
        _run(site, tmp_path)
        _serve(site, SECOND, extra=["fresh"])
        said = run_index(site, tmp_path)
        assert site.hits["/a/fresh"] == 1
        assert not any("nothing new after that" in line for line in said), said
        assert any(f"{CHILDREN} of {CHILDREN} child sitemaps" in line for line in said), said
