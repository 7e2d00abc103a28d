"""Discovery stays bounded and polite on a huge sitemap index (issue 14).

A sitemap index with 3,000 children (listed oldest first, as many sites do) used
to cost 50 child requests per index and run, and every one of them again on the
next run. Children are now read newest first, at most ``max_child_sitemaps`` per
run, and reading stops at a child that adds nothing new.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.hostile.site import Site
from tests.hostile.sitemap_site import run_index, serve_index

CHILDREN = 3000
NOW = datetime.now(UTC).replace(microsecond=0)


def _stamp(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def _child_time(k: int) -> datetime:
    return NOW - timedelta(hours=CHILDREN - k)  # child 2999 is the newest


def _serve(site: Site, extra: dict[int, list[str]] | None = None) -> None:
    """The index (oldest child first) and every child, each listing two articles;
    the child given ``extra`` articles is stamped newest (its lastmod moves)."""
    newest = max(extra or {}, default=-1)
    serve_index(site, CHILDREN, extra=extra,
                child_lastmod=lambda k: _stamp(NOW + timedelta(minutes=5) if k == newest
                                               else _child_time(k)),
                url_lastmod=lambda k: _stamp(_child_time(k)))


def _run(site: Site, tmp_path: Path, extra_keys: str = "") -> list[str]:
    return run_index(site, tmp_path, "big", extra_keys)


def test_child_sitemaps_are_capped_newest_first_and_reported(tmp_path: Path) -> None:
    with Site() as site:
        _serve(site)
        said = _run(site, tmp_path)
        assert site.hits["/sm/index.xml"] == 1
        assert site.count("/sm/child-") == 20  # the default cap, not 50 or 2,551
        newest = {f"/sm/child-{k}.xml" for k in range(CHILDREN - 20, CHILDREN)}
        assert {p for p in site.hits if p.startswith("/sm/child-")} == newest
        assert "big: read 20 of 3,000 child sitemaps (cap)" in said, said


def test_the_cap_is_a_source_key(tmp_path: Path) -> None:
    with Site() as site:
        _serve(site)
        said = _run(site, tmp_path, "max_child_sitemaps = 3\n")
        assert site.count("/sm/child-") == 3
        assert "big: read 3 of 3,000 child sitemaps (cap)" in said, said


def test_children_older_than_the_window_are_not_requested(tmp_path: Path) -> None:
    with Site() as site:
        _serve(site)  # one child per hour: 24 of them fall inside one day
        _run(site, tmp_path, "max_child_sitemaps = 100\nsitemap_max_age_days = 1\n")
        assert 23 <= site.count("/sm/child-") <= 25


def test_a_second_run_with_little_new_reads_only_the_newest_children(tmp_path: Path) -> None:
    with Site() as site:
        _serve(site)
        _run(site, tmp_path)
        site.hits.clear()
        # One new article in the newest child (its lastmod moves): the index changed.
        _serve(site, extra={CHILDREN - 1: ["fresh"]})
        said = _run(site, tmp_path)
        assert site.hits["/a/fresh"] == 1
        assert 1 <= site.count("/sm/child-") <= 2, sorted(site.hits)
        assert any("child sitemaps (nothing new after that)" in line for line in said), said
