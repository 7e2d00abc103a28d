"""Attacks on s54's read-once rule for redirects: each final URL a feed or child sitemap
is answered from is read once a run, and a redirect to a URL the run read is not
followed. Real runs on a loopback site and a DuckDB file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.site import Site
from tests.hostile.sitemap_site import child_path, run_index, serve_index


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
